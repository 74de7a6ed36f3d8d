import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadParticipants } from '../../src/import/load-participants.js';
import { baseWith } from '../helpers/base-dossier.js';
import { ensureBuilt, runBin } from '../helpers/built-cli.js';
import { diagnosticsOf } from '../helpers/check-text.js';
import { fakeIO } from '../helpers/fake-io.js';
import { positionOf } from '../helpers/position.js';
import { removeTempDirs, writeDossier } from '../helpers/temp-dossier.js';

// Reported by an audit: a person's `aliases` of 200,000 integers (a charge's `articles` of
// 150,001) was "internal error: Maximum call stack size exceeded", exit 2, every finding
// lost: zod hands a field's problems (one per bad item) on to its record's as the
// arguments of one call. A long list is now checked on its own first: the same findings,
// whatever its length, and a long list of good items stays good (an exhibit of 12,000
// files). All data here is fictional.

beforeAll(ensureBuilt, 180_000);
afterAll(removeTempDirs);

const ITEMS = 150_001;
const integers = (n: number) => `[${Array(n).fill('1').join(',')}]`;

/** BASE with P1's aliases written as `n` integers, and an unknown key in V1 (fictional). */
const withAliases = (n: number) =>
  baseWith(
    ['    nationality: FR\n', `    nationality: FR\n    aliases: ${integers(n)}\n`],
    ['    age_at_facts: 9\n', '    age_at_facts: 9\n    bogus: 1\n'],
  );

describe('a list of 150,001 items inside a record', () => {
  it('of bad items: each one reported at its place, and the rest of the dossier checked', async () => {
    const text = withAliases(ITEMS);
    const found = await diagnosticsOf(text);
    const items = found.filter((d) => d.code === 'invalid-type');
    expect(items).toHaveLength(ITEMS);
    const at = positionOf(text, 'aliases: [');
    expect(items[0]).toEqual({
      code: 'invalid-type',
      path: ['persons', 0, 'aliases', 0],
      line: at.line,
      column: at.column + 'aliases: ['.length,
    });
    expect(items[ITEMS - 1]?.path).toEqual(['persons', 0, 'aliases', ITEMS - 1]);
    expect(found).toContainEqual({
      code: 'unknown-key',
      path: ['persons', 1, 'bogus'],
      ...positionOf(text, 'bogus'),
    });
    expect(found).toHaveLength(ITEMS + 1);
  });

  it("of good items (a charge's articles): no finding for it, the record's references checked", async () => {
    const articles = `[${Array(ITEMS).fill('"227-22 CP"').join(',')}]`;
    const text = baseWith(
      ['articles: ["227-22 CP"]', `articles: ${articles}`],
      ['suspects: [P1]', 'suspects: [P9]'],
    );
    expect(await diagnosticsOf(text)).toEqual([
      {
        code: 'unknown-reference',
        path: ['charges', 0, 'suspects', 0],
        ...positionOf(text, 'P9'),
      },
    ]);
  });

  it('an exhibit of 12,000 good files is valid, one bad file among them is found', async () => {
    const files = (bad: number) =>
      Array.from(
        { length: 12_000 },
        (_, i) =>
          `      - {path: "dump/f${i}.bin", sha256: ${i === bad ? 'xyz' : 'a'.repeat(64)}}\n`,
      ).join('');
    const good = baseWith([
      '    obtained: 2019-02-01\n',
      `    obtained: 2019-02-01\n    files:\n${files(-1)}`,
    ]);
    expect(await diagnosticsOf(good)).toEqual([]);
    const bad = baseWith([
      '    obtained: 2019-02-01\n',
      `    obtained: 2019-02-01\n    files:\n${files(11_000)}`,
    ]);
    expect(await diagnosticsOf(bad)).toEqual([
      {
        code: 'invalid-value',
        path: ['evidence', 0, 'files', 11_000, 'sha256'],
        ...positionOf(bad, 'xyz'),
      },
    ]);
  });

  it("the root's include list of 200,000 integers: each item reported", async () => {
    const text = baseWith(['persons:\n', `include: ${integers(200_000)}\npersons:\n`]);
    const found = await diagnosticsOf(text);
    expect(found.filter((d) => d.path[0] === 'include')).toHaveLength(200_000);
    expect(found[0]).toMatchObject({ path: ['include', 0] });
  });

  it('the built CLI: exit 1, every finding counted', () => {
    const dir = writeDossier({ 'dossier.yaml': withAliases(200_000) });
    // One line per finding: about 20 MB of text.
    const run = runBin(['validate', 'dossier.yaml'], { cwd: dir, maxBuffer: 256 * 2 ** 20 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('200001 errors, 0 warnings');
  });
});

describe("import's own files: huge lists are findings, not an internal error", () => {
  it('a participants file of 200,000 names with numbers for identifiers: each one reported', async () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => `Nom fictif ${i}: ${i + 1}\n`).join('');
    const dir = writeDossier({ 'parts.yaml': `# fictional\n${lines}` });
    const loaded = await loadParticipants('parts.yaml', dir);
    expect(loaded.participants).toBeUndefined();
    expect(loaded.diagnostics).toHaveLength(200_000);
    expect(loaded.diagnostics[0]).toMatchObject({ code: 'invalid-type', line: 2, column: 15 });
  });

  it('a mapping file with a list of 200,000 values: one invalid-value at the list', async () => {
    const map = `# fictional\ncourtfile-map: 1\nrecords: transfers\nfields:\n  at: Date\n  amount: Montant\n  currency: {value: EUR}\n  from: A\n  to: B\n  status: {column: Statut, only: {values: ${integers(200_000)}}}\n`;
    const dir = writeDossier({ 'dossier.yaml': baseWith(), 'map.yaml': map });
    const f = fakeIO({ cwd: dir });
    const status = await main(
      [
        'import',
        'x.csv',
        '--dossier',
        'dossier.yaml',
        '--evidence',
        'E1',
        '--map',
        'map.yaml',
        '-o',
        'out.yaml',
      ],
      f.io,
    );
    expect(f.err()).not.toContain('internal error');
    expect(status).toBe(1);
    const at = positionOf(map, 'values:');
    expect(f.out()).toContain(
      `map.yaml:${at.line}:${at.column}: error: this list has 200,000 entries: a mapping file's lists and mappings hold at most 10,000 [invalid-value]`,
    );
  });
});
