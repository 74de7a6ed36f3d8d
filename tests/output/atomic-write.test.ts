import {
  chmodSync,
  chownSync,
  promises,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { ToolError } from '../../src/errors.js';
import { fileBatcher } from '../../src/output/chunk-batcher.js';
import {
  fittedName,
  renameFolderIntoPlace,
  writeFileAtomic,
} from '../../src/output/atomic-write.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

describe('writeFileAtomic with a producer streaming into the temporary file', () => {
  test('the batched bytes land whole, in order, across batch boundaries', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'out.bin');
    const expected = Buffer.alloc(700_000);
    for (let i = 0; i < expected.length; i++) expected[i] = (i * 7919) % 251;
    await writeFileAtomic(target, async (handle) => {
      const batcher = fileBatcher(handle.fd);
      // Chunks of odd sizes, as a PDF writer emits them.
      for (let at = 0, n = 1; at < expected.length; at += n, n = (n * 3 + 1) % 5000 || 1) {
        batcher.write(expected.subarray(at, Math.min(at + n, expected.length)));
      }
      batcher.flush();
      expect(batcher.size).toBe(expected.length);
      await Promise.resolve();
    });
    expect(readFileSync(target).equals(expected)).toBe(true);
    expect(readdirSync(dir)).toEqual(['out.bin']);
  });

  test('a fault of the producer is passed on as it is; the previous file and no temp stay', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'out.pdf');
    writeFileSync(target, 'previous');
    class RenderFault extends Error {}
    const write = writeFileAtomic(target, async (handle) => {
      fileBatcher(handle.fd).write(Buffer.from('%PDF-1.7 half'));
      await Promise.resolve();
      throw new RenderFault('layout gave 3 pages but drawing gave 4');
    });
    await expect(write).rejects.toBeInstanceOf(RenderFault);
    expect(readFileSync(target, 'utf8')).toBe('previous');
    expect(readdirSync(dir)).toEqual(['out.pdf']);
  });

  test('a system error of the producer (ENOSPC) becomes a located ToolError', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'out.pdf');
    const write = writeFileAtomic(target, async () => {
      await Promise.resolve();
      throw Object.assign(new Error('write failed'), { code: 'ENOSPC' });
    });
    await expect(write).rejects.toBeInstanceOf(ToolError);
    await expect(write).rejects.toThrow(/cannot write .*out\.pdf: no space left on device/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('fittedName: a temporary name within the 255 bytes a folder entry may have', () => {
  test('a short name is kept whole', () => {
    expect(fittedName('.tmp-', 'out.pdf')).toBe('.tmp-out.pdf');
    expect(fittedName('.', 'pk', '.tmp')).toBe('.pk.tmp');
  });

  test('a long one keeps its end (the extension), in whole characters', () => {
    const name = `${'é'.repeat(120)}.pdf`; // 244 bytes
    const fitted = fittedName('.courtfile-tmp-1234-0123456789ab-', name);
    expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(255);
    expect(Buffer.byteLength(fitted)).toBeGreaterThanOrEqual(254);
    expect(fitted.startsWith('.courtfile-tmp-1234-0123456789ab-é')).toBe(true);
    expect(fitted.endsWith('é.pdf')).toBe(true);
    expect(fitted).not.toContain('\uFFFD');
  });

  test('a temporary file beside a 250-character target is written and renamed', async () => {
    const dir = tempDir();
    const target = path.join(dir, `${'x'.repeat(246)}.pdf`);
    await writeFileAtomic(target, 'fictional');
    expect(readFileSync(target, 'utf8')).toBe('fictional');
    expect(readdirSync(dir)).toEqual([path.basename(target)]);
  });
});

/** A temp folder holding `target`, an empty folder made 0700, and an empty `staging` folder. */
function privateTarget(): { dir: string; target: string; staging: string } {
  const dir = tempDir();
  const target = path.join(dir, 'target');
  const staging = path.join(dir, 'staging');
  mkdirSync(target);
  chmodSync(target, 0o700);
  mkdirSync(staging);
  return { dir, target, staging };
}

// An audit (session 27): `render -o out.pdf` over a file made 0640 left it 0644.
describe('replacing a file or filling a folder keeps what the user set', () => {
  test('writeFileAtomic keeps the permission bits of a file it replaces; a new file has the default', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'out.pdf');
    writeFileSync(target, 'previous');
    chmodSync(target, 0o640);
    await writeFileAtomic(target, 'new');
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(readFileSync(target, 'utf8')).toBe('new');
    const other = path.join(dir, 'new.pdf');
    await writeFileAtomic(other, 'x');
    expect(statSync(other).mode & 0o777).toBe(0o644 & ~process.umask());
  });

  test('renameFolderIntoPlace never removes an existing empty DIR before the rename: a failed rename leaves it', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'target');
    mkdirSync(target);
    chmodSync(target, 0o700);
    await expect(
      renameFolderIntoPlace(path.join(dir, 'no-staging'), target, true, dir),
    ).rejects.toThrow();
    expect(statSync(target).isDirectory()).toBe(true);
    expect(statSync(target).mode & 0o777).toBe(0o700);
    // And the rename itself: DIR replaced by the staging folder, with DIR's mode.
    const staging = path.join(dir, 'staging');
    mkdirSync(staging);
    writeFileSync(path.join(staging, 'a.pdf'), 'a');
    expect(await renameFolderIntoPlace(staging, target, true, dir)).toBe(false);
    expect(readdirSync(target)).toEqual(['a.pdf']);
    expect(statSync(target).mode & 0o777).toBe(0o700);
  });

  // A review (session 27): where a folder cannot be renamed over DIR (Windows; EPERM) DIR
  // is removed, then made again if the second rename fails too: with the default mode
  // (a 0700 folder became 0755).
  test('renameFolderIntoPlace: DIR made again after a failed fallback has its mode back', async () => {
    const { target, staging } = privateTarget();
    const rename = vi
      .spyOn(promises, 'rename')
      .mockImplementation(() =>
        Promise.reject(Object.assign(new Error('refused'), { code: 'EPERM' })),
      );
    try {
      await expect(renameFolderIntoPlace(staging, target, true, '/')).rejects.toThrow('refused');
    } finally {
      rename.mockRestore();
    }
    expect(statSync(target).isDirectory()).toBe(true);
    expect(statSync(target).mode & 0o777).toBe(0o700);
  });

  test('renameFolderIntoPlace gives the new folder the permission bits of the folder it replaces', async () => {
    const { dir, target, staging } = privateTarget();
    expect(await renameFolderIntoPlace(staging, target, true, dir)).toBe(false);
    expect(statSync(target).mode & 0o777).toBe(0o700);
    // The setgid bit and the group of a folder shared with a case's group (a review: the
    // packet's folder came back 0770 with the user's group, its members locked out).
    if (process.getuid?.() === 0) {
      const shared = path.join(dir, 'shared');
      mkdirSync(shared);
      chmodSync(shared, 0o2770);
      chownSync(shared, 0, 1);
      const again = path.join(dir, 'again');
      mkdirSync(again);
      await renameFolderIntoPlace(again, shared, true, dir);
      expect(statSync(shared).mode & 0o7777).toBe(0o2770);
      expect(statSync(shared).gid).toBe(1);
    }
    // Not an existing folder: the new one keeps its own mode.
    const fresh = path.join(dir, 'fresh');
    mkdirSync(fresh);
    chmodSync(fresh, 0o755);
    const absent = path.join(dir, 'absent');
    expect(await renameFolderIntoPlace(fresh, absent, false, dir)).toBe(false);
    expect(statSync(absent).mode & 0o777).toBe(0o755);
    // DIR is the folder the command runs in: said.
    const cwd = path.join(dir, 'cwd');
    const built = path.join(dir, 'built');
    mkdirSync(cwd);
    mkdirSync(built);
    expect(await renameFolderIntoPlace(built, cwd, true, cwd)).toBe(true);
  });
});
