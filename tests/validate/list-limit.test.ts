import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/load/limits.js';
import { baseWith } from '../helpers/base-dossier.js';
import { ensureBuilt, runBin } from '../helpers/built-cli.js';
import { diagnosticsOf } from '../helpers/check-text.js';
import { positionOf } from '../helpers/position.js';
import { removeTempDirs, writeDossier } from '../helpers/temp-dossier.js';

// Reported by an audit: a person's `aliases` of 200,000 integers (a charge's `articles` of
// 150,001) was "internal error: Maximum call stack size exceeded", exit 2, every finding
// lost: zod passes a field's problems (one per bad item) on as the arguments of one call.
// All data here is fictional.

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

describe(`a list inside a record longer than ${LIMITS.maxListItems} items`, () => {
  it('is one invalid-value at its key; its first items and the rest of the dossier are checked', async () => {
    const text = withAliases(ITEMS);
    const found = await diagnosticsOf(text);
    expect(found[0]).toEqual({
      code: 'invalid-value',
      path: ['persons', 0, 'aliases'],
      ...positionOf(text, 'aliases:'),
    });
    const items = found.filter((d) => d.code === 'invalid-type');
    expect(items).toHaveLength(LIMITS.maxListItems);
    expect(items[0]).toMatchObject({ path: ['persons', 0, 'aliases', 0] });
    expect(found).toContainEqual({
      code: 'unknown-key',
      path: ['persons', 1, 'bogus'],
      ...positionOf(text, 'bogus'),
    });
    expect(found).toHaveLength(LIMITS.maxListItems + 2);
  });

  it('at the limit, only its items are reported', async () => {
    const found = await diagnosticsOf(withAliases(LIMITS.maxListItems));
    expect(found.filter((d) => d.code !== 'invalid-type')).toEqual([
      expect.objectContaining({ code: 'unknown-key' }),
    ]);
  });

  it("a charge's articles of valid texts: the record fails, its references are still checked", async () => {
    const articles = `[${Array(ITEMS).fill('"227-22 CP"').join(',')}]`;
    const text = baseWith(
      ['articles: ["227-22 CP"]', `articles: ${articles}`],
      ['suspects: [P1]', 'suspects: [P9]'],
    );
    const found = await diagnosticsOf(text);
    expect(found).toEqual([
      { code: 'invalid-value', path: ['charges', 0, 'articles'], ...positionOf(text, 'articles:') },
      {
        code: 'unknown-reference',
        path: ['charges', 0, 'suspects', 0],
        ...positionOf(text, 'P9'),
      },
    ]);
  });

  it("the root's include list", async () => {
    const text = baseWith(['persons:\n', `include: ${integers(ITEMS)}\npersons:\n`]);
    const found = await diagnosticsOf(text);
    expect(found[0]).toEqual({
      code: 'invalid-value',
      path: ['include'],
      ...positionOf(text, 'include:'),
    });
    expect(found).toHaveLength(LIMITS.maxListItems + 1);
  });

  it('the built CLI: exit 1, every finding counted, the list located', () => {
    const text = withAliases(200_000);
    const dir = writeDossier({ 'dossier.yaml': text });
    const run = runBin(['validate', 'dossier.yaml'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const { line, column } = positionOf(text, 'aliases:');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(
      `dossier.yaml:${line}:${column}: error: "aliases" has 200000 items, more than the 10,000 a list may have: only the first 10,000 are checked [invalid-value]`,
    );
    expect(lines).toContain(`${LIMITS.maxListItems + 2} errors, 0 warnings`);
  });
});
