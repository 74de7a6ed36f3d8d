// A file whose size reads as 0 (a file of /proc) is read to its end, up to the plain cap
// of 64 MiB (src/load/source-text.ts). fstat is made to say 0 for files of this test.
import type * as nodeFs from 'node:fs';
import { closeSync, ftruncateSync, openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readSource } from '../../src/load/source-text.js';
import { LIMITS } from '../../src/load/limits.js';
import { removeTempDirs, writeDossier } from '../helpers/temp-dossier.js';

/** Descriptors whose fstat says size 0. */
const zeroSized = new Set<number>();

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof nodeFs>();
  return {
    ...fs,
    fstatSync: ((fd: number, ...rest: unknown[]) => {
      const st = (fs.fstatSync as (...a: unknown[]) => nodeFs.Stats)(fd, ...rest);
      if (zeroSized.has(fd)) Object.defineProperty(st, 'size', { value: 0 });
      return st;
    }) as typeof fs.fstatSync,
    openSync: ((...args: Parameters<typeof fs.openSync>) => {
      const fd = fs.openSync(...args);
      if (String(args[0]).includes('zero-sized')) zeroSized.add(fd);
      else zeroSized.delete(fd);
      return fd;
    }) as typeof fs.openSync,
  };
});

afterAll(removeTempDirs);

describe('a file whose size reads as 0', () => {
  it('is read to its end across several larger buffers', async () => {
    const text = `rates: []\n${'# une ligne de commentaire, fictive\n'.repeat(40_000)}`;
    const dir = writeDossier({ 'zero-sized.yaml': text });
    const read = await readSource(path.join(dir, 'zero-sized.yaml'));
    expect(text.length).toBeGreaterThan(1_000_000);
    expect(read.text).toBe(text);
    expect(read.large).toBeUndefined();
  });

  it('is refused past 64 MiB, as a file that cannot be read', async () => {
    const dir = writeDossier({});
    const file = path.join(dir, 'zero-sized-big.yaml');
    writeFileSync(file, 'rates: []\n');
    const fd = openSync(file, 'r+');
    ftruncateSync(fd, LIMITS.maxFileBytes + 1); // sparse: nothing written to disk
    closeSync(fd);
    await expect(readSource(file, 'zero-sized-big.yaml')).rejects.toThrow(
      `cannot read zero-sized-big.yaml: it gives its size as 0 and has more than ${LIMITS.maxFileBytes} bytes (64 MiB)`,
    );
  });
});
