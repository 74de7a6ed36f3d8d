// Reading a dossier's files: one request per file, the next included file read while
// one is parsed (src/load/source-text.ts, src/load/load-dossier.ts). Fictional data.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ToolError } from '../../src/errors.js';
import { readSource } from '../../src/load/source-text.js';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { INCLUDED_TRANSFER, baseWith } from '../helpers/base-dossier.js';
import { positionOf } from '../helpers/position.js';
import { removeTempDirs, writeDossier } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

/** INCLUDED_TRANSFER with the transfer's id `id`. */
const transferFile = (id: string): string => INCLUDED_TRANSFER.replace('id: T2', `id: ${id}`);

describe('readSource', () => {
  it('reads a file whole, with its SHA-256', async () => {
    const dir = writeDossier({ 'a.yaml': 'rates: []\n# é\n' });
    const file = path.join(dir, 'a.yaml');
    const read = await readSource(file);
    expect(read.text).toBe('rates: []\n# é\n');
    expect(read.sha256).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
    expect(read.problem).toBeUndefined();
  });

  it('reads to its end a file whose size reads as 0 (a file of /proc)', async () => {
    if (process.platform !== 'linux') return;
    const read = await readSource('/proc/self/status');
    expect(read.text).toMatch(/^Name:/);
    expect(read.text).toMatch(/\nPid:\s+\d+\n/);
    expect(read.text.endsWith('\n')).toBe(true);
  });

  it('rejects with a ToolError naming the file: missing, a directory, a FIFO (no hang)', async () => {
    const dir = writeDossier({ 'sub/x.yaml': 'rates: []\n' });
    execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
    const cases: [string, string][] = [
      ['missing.yaml', 'cannot read missing.yaml: no such file or directory'],
      ['sub', 'cannot read sub: is a directory'],
      ['pipe.yaml', 'cannot read pipe.yaml: not a regular file'],
    ];
    for (const [name, message] of cases) {
      const reading = readSource(path.join(dir, name), name);
      await expect(reading).rejects.toThrow(ToolError);
      await expect(reading).rejects.toThrow(message);
    }
  });
});

describe('included files read ahead', () => {
  it('files that cannot be read, between readable ones: each reported at its include, the others read', async () => {
    const text = baseWith([
      'courtfile: 1\n',
      'courtfile: 1\ninclude: [t2.yaml, missing.yaml, sub, t3.yaml, pipe.yaml, t4.yaml]\n',
    ]);
    const dir = writeDossier({
      'dossier.yaml': text,
      't2.yaml': transferFile('T2'),
      'sub/x.yaml': 'rates: []\n',
      't3.yaml': transferFile('T3'),
      't4.yaml': transferFile('T4'),
    });
    execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
    const result = await checkDossier('dossier.yaml', {
      cwd: dir,
      modelDespite: new Set(['include'] as const),
    });
    expect(result.diagnostics).toMatchObject([
      { code: 'include', ...positionOf(text, 'missing.yaml') },
      { code: 'include', ...positionOf(text, 'sub') },
      { code: 'include', ...positionOf(text, 'pipe.yaml') },
    ]);
    expect(result.files).toEqual(['dossier.yaml', 't2.yaml', 't3.yaml', 't4.yaml']);
    expect(result.dossier?.transfers.map((t) => t.id)).toEqual(['T1', 'T2', 'T3', 'T4']);
  });

  it('a syntax error in a file read ahead is located in that file', async () => {
    const broken = transferFile('T3').replace('    channel: cash', '   channel: cash');
    const dir = writeDossier({
      'dossier.yaml': baseWith(['courtfile: 1\n', 'courtfile: 1\ninclude: [t2.yaml, t3.yaml]\n']),
      't2.yaml': transferFile('T2'),
      't3.yaml': broken,
    });
    const result = await checkDossier('dossier.yaml', { cwd: dir });
    // The exact parser reports each problem it finds there (the first one first).
    expect(result.diagnostics[0]).toMatchObject({
      code: 'yaml-syntax',
      file: 't3.yaml',
      line: positionOf(broken, 'channel: cash').line,
    });
    expect(result.diagnostics.map((d) => [d.code, d.file])).toEqual(
      result.diagnostics.map(() => ['yaml-syntax', 't3.yaml']),
    );
  });
});

describe('readSource when memory runs short', () => {
  const openFds = (): number => readdirSync('/proc/self/fd').length;

  it('a buffer that cannot be allocated: a ToolError naming the file, its descriptor closed', async () => {
    if (process.platform !== 'linux') return;
    const dir = writeDossier({ 'big.yaml': `rates: []\n# ${'x'.repeat(12_345)}\n` });
    const file = path.join(dir, 'big.yaml');
    const size = statSync(file).size;
    const allocUnsafe = Buffer.allocUnsafe.bind(Buffer);
    const spy = vi.spyOn(Buffer, 'allocUnsafe').mockImplementation((n: number) => {
      if (n === size) throw new RangeError('Array buffer allocation failed');
      return allocUnsafe(n);
    });
    try {
      const before = openFds();
      await expect(readSource(file, 'big.yaml')).rejects.toThrow(
        new ToolError('cannot read big.yaml: Array buffer allocation failed'),
      );
      expect(openFds()).toBe(before);
    } finally {
      spy.mockRestore();
    }
  });
});
