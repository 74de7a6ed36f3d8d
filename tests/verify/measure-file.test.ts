import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HashContext } from '../../src/verify/measure-file.js';
import { measureFile } from '../../src/verify/measure-file.js';
import { makeTempDir, sha256 } from './support/fixture.js';

// The races between the lstat of the resolution step and the open: the path is swapped
// for something else after it was looked at. measureFile must notice, and never block.
const onWindows = process.platform === 'win32';

let root: string;
let outside: string;
let ctx: HashContext;
beforeEach(async () => {
  root = await makeTempDir();
  outside = await makeTempDir('courtfile-outside-');
  ctx = {
    rootReal: root,
    buffers: [Buffer.alloc(1024), Buffer.alloc(1024)],
    onBytes: () => undefined,
  };
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
  await fs.rm(outside, { recursive: true, force: true });
});

async function seenThenSwapped(swap: (abs: string) => Promise<void>) {
  const abs = path.join(root, 'exhibit.pdf');
  await fs.writeFile(abs, 'seized');
  const seen = await fs.lstat(abs, { bigint: true });
  await fs.rename(abs, `${abs}.old`); // keeps the inode busy, so that it is not reused at once
  await swap(abs);
  return measureFile(abs, seen, ctx);
}

describe('measureFile', () => {
  it('hashes a regular file in chunks smaller than the file', async () => {
    const abs = path.join(root, 'a.bin');
    const content = Buffer.alloc(5000, 'z');
    await fs.writeFile(abs, content);
    let bytes = 0;
    const measure = await measureFile(abs, await fs.lstat(abs, { bigint: true }), {
      ...ctx,
      onBytes: (n) => (bytes += n),
    });
    expect(measure).toEqual({ kind: 'hashed', size: 5000, sha256: sha256(content), links: 1 });
    expect(bytes).toBe(5000);
  });

  it.skipIf(onWindows)(
    'does not block on a FIFO swapped in after the lstat',
    async () => {
      const measure = await seenThenSwapped(async (abs) => void execFileSync('mkfifo', [abs]));
      expect(measure).toMatchObject({ kind: 'not-a-file' });
    },
    5_000,
  );

  it('notices a directory swapped in', async () => {
    const measure = await seenThenSwapped((abs) => fs.mkdir(abs));
    expect(measure).toEqual({ kind: 'not-a-file', what: 'a directory' });
  });

  it('notices another file swapped in (new inode)', async () => {
    const measure = await seenThenSwapped((abs) => fs.writeFile(abs, 'seized'));
    expect(measure).toEqual({ kind: 'changed' });
  });

  it.skipIf(onWindows)('never follows a symbolic link swapped in', async () => {
    await fs.writeFile(path.join(outside, 'x.pdf'), 'seized');
    const measure = await seenThenSwapped((abs) => fs.symlink(path.join(outside, 'x.pdf'), abs));
    expect(measure).toEqual({ kind: 'changed' });
  });

  it('reports a file removed after the lstat as missing', async () => {
    const measure = await seenThenSwapped(async () => undefined);
    expect(measure).toEqual({ kind: 'missing' });
  });

  it('reports a file truncated while it is hashed as changed', async () => {
    const abs = path.join(root, 'a.bin');
    await fs.writeFile(abs, Buffer.alloc(5000, 'z'));
    const measure = await measureFile(abs, await fs.lstat(abs, { bigint: true }), {
      ...ctx,
      onBytes: () => void execFileSync('truncate', ['-s', '1500', abs]),
    });
    expect(measure).toEqual({ kind: 'changed' });
  });
});
