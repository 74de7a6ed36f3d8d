import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { linesOf } from '../helpers/position.js';
import { copyExample, removeTempDirs, tempDir } from '../helpers/temp-dossier.js';
import { TRICKY_SCALARS, applyMutations, mutationsArb } from '../helpers/yaml-mutations.js';
import { fuzzed } from '../helpers/fuzz.js';

afterAll(removeTempDirs);

const SETTINGS = fuzzed({ numRuns: 200, seed: 42, timeout: 5000 });
const MAX_RUN_MS = 10_000; // a hang, not a slow run on a busy machine
const lossy = new TextDecoder('utf-8', { fatal: false });

/**
 * Check `dir/dossier.yaml`: must not throw (not even ToolError: the file exists), must
 * finish in time, and every diagnostic must point inside the file it names.
 */
async function checkInvariants(dir: string): Promise<void> {
  const started = performance.now();
  const result = await checkDossier('dossier.yaml', { cwd: dir });
  expect(performance.now() - started).toBeLessThan(MAX_RUN_MS);
  const texts = new Map<string, string[]>();
  for (const d of result.diagnostics) {
    let lines = texts.get(d.file);
    if (!lines)
      texts.set(d.file, (lines = linesOf(lossy.decode(readFileSync(path.join(dir, d.file))))));
    const where = `${d.file}:${d.line}:${d.column} [${d.code}]`;
    expect(d.line, where).toBeGreaterThanOrEqual(1);
    expect(d.line, where).toBeLessThanOrEqual(lines.length);
    expect(d.column, where).toBeGreaterThanOrEqual(1);
    expect(d.column, where).toBeLessThanOrEqual([...(lines[d.line - 1] ?? '')].length + 1);
  }
  expect(result.errors + result.warnings).toBe(result.diagnostics.length);
  if (result.errors === 0) expect(result.dossier).toBeDefined();
}

/** Pieces of YAML (and of dossiers) to glue into plausible-looking garbage. */
const YAML_PIECES = [
  'courtfile: 1\n',
  'case:\n',
  '  reference: x\n',
  'include: [',
  'persons:\n',
  '  - id: P1\n',
  '    role: suspect\n',
  'transfers:\n',
  '  - ',
  'amount: ',
  'at: ',
  '\n',
  '  ',
  ' ',
  ':',
  ': ',
  '- ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '&a ',
  '*a',
  '!foo ',
  '!!str ',
  '"',
  "'",
  '#',
  '? ',
  '|',
  '>',
  '\t',
  '---\n',
  '...\n',
  '%YAML 1.2\n',
  '%YAML 1.1\n',
  '\r\n',
  '\uFEFF',
  '\0',
  'é',
  '😀',
  '__proto__',
  ...TRICKY_SCALARS,
];

describe('checkDossier on arbitrary input: never throws, never hangs, positions inside the file', () => {
  const dir = tempDir();
  const file = path.join(dir, 'dossier.yaml');

  it('arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (bytes) => {
        writeFileSync(file, bytes);
        await checkInvariants(dir);
      }),
      SETTINGS,
    );
  });

  it('arbitrary strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 400 }), async (text) => {
        writeFileSync(file, text);
        await checkInvariants(dir);
      }),
      SETTINGS,
    );
  });

  it('YAML-looking garbage', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...YAML_PIECES), { maxLength: 60 }),
        async (pieces) => {
          writeFileSync(file, pieces.join(''));
          await checkInvariants(dir);
        },
      ),
      SETTINGS,
    );
  });
});

describe('checkDossier on mutated copies of the example (root and included files)', () => {
  const dir = copyExample();
  const names = ['dossier.yaml', 'transfers.yaml', 'exchanges.yaml'] as const;
  const originals = names.map((n) => readFileSync(path.join(dir, n), 'utf8'));

  it('valid before mutation', async () => {
    const result = await checkDossier('dossier.yaml', { cwd: dir });
    expect(result).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('never throws, positions inside the files', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(0, 1, 2), mutationsArb, async (which, ms) => {
        names.forEach((n, i) =>
          writeFileSync(
            path.join(dir, n),
            i === which ? applyMutations(originals[i]!, ms) : originals[i]!,
          ),
        );
        await checkInvariants(dir);
      }),
      SETTINGS,
    );
  }, 120_000);
});
