import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli/main.js';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { baseWith } from '../helpers/base-dossier.js';
import { fakeIO } from '../helpers/fake-io.js';
import { positionOf } from '../helpers/position.js';
import { EXAMPLE_DIR, removeTempDirs, writeDossier } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

const ROOT = baseWith(
  ['courtfile: 1\n', 'courtfile: 1\ninclude: [b-more.yaml, a-more.yaml]\n'],
  ['role: suspect', 'role: suspekt'],
  ['amount: 45.00', 'amount: 45.001'],
);
// Named so that alphabetical order differs from include order.
const B_MORE = `transfers:
  - id: T2
    at: 2018-03-03T10:00:00
    from: P1
    to: A404
    amount: "12.50"
    currency: EUR
    channel: cash
    evidence: E1
`;
const A_MORE = `exchanges:
  - id: X2
    at: 2018-03-03T10:00:00Z
    kind: call
    from: A1
    to: [A2]
    evidence: E1
    colour: blue
`;

describe('several errors in several files, one run', () => {
  const files = { 'dossier.yaml': ROOT, 'b-more.yaml': B_MORE, 'a-more.yaml': A_MORE };

  it('reports every error, root first, then includes in include order, each by line and column', async () => {
    const dir = writeDossier(files);
    const result = await checkDossier('dossier.yaml', { cwd: dir });
    const at = (file: keyof typeof files, marker: string) => ({
      file,
      ...positionOf(files[file], marker),
    });
    expect(result.files).toEqual(['dossier.yaml', 'b-more.yaml', 'a-more.yaml']);
    expect(result.diagnostics).toMatchObject([
      { code: 'invalid-value', ...at('dossier.yaml', 'suspekt') },
      { code: 'amount-precision', ...at('dossier.yaml', '45.001') },
      { code: 'invalid-value', ...at('b-more.yaml', '2018-03-03T10:00:00') },
      // T2 failed its schema (the instant): its references are checked all the same.
      { code: 'unknown-reference', ...at('b-more.yaml', 'A404'), path: ['transfers', 0, 'to'] },
      { code: 'unknown-key', ...at('a-more.yaml', 'colour') },
    ]);
    expect(result).toMatchObject({ errors: 5, warnings: 0 });
    expect(result.dossier).toBeUndefined();
  });

  it('places findings in a file too large to be kept in memory (read again)', async () => {
    // Over 1 Mi characters: its text is dropped once its records are read.
    const big = `# ${'padding '.repeat(140_000)}\n${B_MORE}`;
    const dir = writeDossier({ ...files, 'b-more.yaml': big });
    const result = await checkDossier('dossier.yaml', { cwd: dir });
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'invalid-value',
        file: 'b-more.yaml',
        ...positionOf(big, '2018-03-03T10:00:00'),
      }),
    );
    expect(positionOf(big, '2018-03-03T10:00:00').line).toBeGreaterThan(1);
  });

  it('prints them all with a correct count line (text format, in-process)', async () => {
    const dir = writeDossier(files);
    const { io, out } = fakeIO({ cwd: dir });
    expect(await main(['validate', 'dossier.yaml'], io)).toBe(1);
    const lines = out().trimEnd().split('\n');
    expect(lines.slice(0, -1).map((l) => l.split(':')[0])).toEqual([
      'dossier.yaml',
      'dossier.yaml',
      'b-more.yaml',
      'b-more.yaml',
      'a-more.yaml',
    ]);
    expect(lines.at(-1)).toBe('5 errors, 0 warnings');
  });

  it('a reference error in an included file, once the include is fixed, is still found', async () => {
    const dir = writeDossier({
      ...files,
      'b-more.yaml': B_MORE.replace('T10:00:00\n', 'T10:00:00Z\n'),
    });
    const result = await checkDossier('dossier.yaml', { cwd: dir });
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'unknown-reference',
        file: 'b-more.yaml',
        path: ['transfers', 0, 'to'],
      }),
    );
  });
});

describe('checkDossier onRecords', () => {
  it('is told, after each file, the transfers and exchanges read so far', async () => {
    const read = (file: string) => readFileSync(path.join(EXAMPLE_DIR, file), 'utf8');
    const dir = writeDossier({
      'dossier.yaml': read('dossier.yaml'),
      'transfers.yaml': read('transfers.yaml'),
      'exchanges.yaml': read('exchanges.yaml'),
    });
    const counts: number[] = [];
    const check = await checkDossier(path.join(dir, 'dossier.yaml'), {
      onRecords: (n) => counts.push(n),
    });
    const transfers = check.dossier?.transfers.length ?? 0;
    const exchanges = check.dossier?.exchanges.length ?? 0;
    expect(transfers).toBeGreaterThan(0);
    expect(exchanges).toBeGreaterThan(0);
    // The root (no records), then its includes in the order they are listed.
    const order = check.files.slice(1);
    expect(counts).toEqual([
      0,
      order[0] === 'transfers.yaml' ? transfers : exchanges,
      transfers + exchanges,
    ]);
  });
});
