import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseExact, valueOfNode } from '../../src/load/parse-exact.js';
import { parseFast } from '../../src/load/parse-fast.js';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { BASE } from '../helpers/base-dossier.js';
import { ALL_FIXTURES } from '../helpers/fixtures/index.js';
import { linesOf } from '../helpers/position.js';
import { EXAMPLE_DIR, REPO_ROOT, removeTempDirs, writeDossier } from '../helpers/temp-dossier.js';
import {
  NOT_KEYS,
  TRICKY_SCALARS,
  applyMutations,
  mutationsArb,
} from '../helpers/yaml-mutations.js';
import { fuzzed } from '../helpers/fuzz.js';

/**
 * The fast path (js-yaml) gives the values; the exact path (yaml) gives the positions.
 * They must read every text alike: both refuse it, or both accept it with equal values.
 */
function expectAgreement(text: string): void {
  const fast = parseFast(text, 'test.yaml');
  const exact = parseExact(text);
  const exactOk = exact.doc !== undefined && exact.problems.length === 0;
  const fastSays = fast.ok ? 'accepts' : `refuses (${fast.problem.message})`;
  const exactSays = exactOk
    ? 'accepts'
    : `refuses (${exact.problems[0]?.message ?? 'no document'})`;
  expect(exactOk, `fast ${fastSays}, exact ${exactSays}:\n${text}`).toBe(fast.ok);
  if (fast.ok && exact.doc) expect(valueOfNode(exact.doc, exact.doc.contents)).toEqual(fast.value);
}

afterAll(removeTempDirs);

const EXAMPLE_TEXTS = ['dossier.yaml', 'transfers.yaml', 'exchanges.yaml'].map((f) => ({
  name: `examples/dossier/${f}`,
  text: readFileSync(path.join(EXAMPLE_DIR, f), 'utf8'),
}));
const INIT_TEXT = readFileSync(path.join(REPO_ROOT, 'templates/init/dossier.yaml'), 'utf8');

describe('fast and exact parsers agree', () => {
  it.each([...EXAMPLE_TEXTS, { name: 'templates/init/dossier.yaml', text: INIT_TEXT }])(
    'on $name',
    ({ text }) => {
      expectAgreement(text);
      expect(parseFast(text, 'x').ok).toBe(true);
    },
  );

  const fixtureTexts = ALL_FIXTURES.flatMap((f) =>
    Object.entries(f.files)
      .filter((e): e is [string, string] => typeof e[1] === 'string')
      .map(([file, text]) => ({ name: `${f.name} (${file})`, text })),
  );
  it.each(fixtureTexts)('on fixture: $name', ({ text }) => expectAgreement(text));

  it.each(TRICKY_SCALARS.map((s) => ({ s })))(
    'on the scalar $s as a value, an item and a key',
    ({ s }) => {
      expectAgreement(`a: ${s}\n`);
      expectAgreement(`- ${s}\n`);
      if (s !== '?') expectAgreement(`[${s}, x]\n`); // bare ? in flow: a known divergence, below
      expectAgreement(`{k: ${s}}\n`);
      if (!NOT_KEYS.has(s)) expectAgreement(`${s}: 1\n`);
    },
  );

  it.each([
    ['block key with no name', ': 1\n'],
    ['block key with no name in a list item', '- : 1\n'],
    ['explicit empty key', '? \n: 1\n'],
    ['flow empty key', '{: 1}\n'],
    ['alias before its anchor', 'b: *x\na: &x 1\n'],
    ['alias inside its own anchor', 'a: &x [1, *x]\n'],
    ['anchor redefined', 'a: &x 1\nb: &x 2\nc: *x\n'],
    ['alias as a key', 'a: &k key\n*k : 2\n'],
    ['alias in its own block mapping', 'a: &x\n  b: *x\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['document end marker', 'a: 1\n...\n'],
    ['%YAML 1.2 directive', '%YAML 1.2\n---\na: 1\n'],
    ['%TAG directive', '%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n'],
    ['merge key (YAML 1.1 only)', 'a: &m {k: 1}\nb: {<<: *m}\n'],
    ['CRLF', 'a: 1\r\nb: [x, y]\r\n'],
    ['lone CR', 'a: 1\rb: 2\n'],
    ['comment only', '# nothing\n'],
    ['folded and literal blocks', 'a: |\n  x\n  y\nb: >-\n  p\n  q\nc: |+\n  k\n\n'],
    ['unicode escapes', 'a: "\\u00e9\\U0001F600\\x41"\n'],
    ['tab inside a value', 'a: x\ty\n'],
    ['tab after a colon', 'a:\t1\n'],
  ])('on %s', (_, text) => expectAgreement(text));
});

describe('fast and exact parsers agree on mutated copies of the example', () => {
  const bases = [...EXAMPLE_TEXTS.map((e) => e.text), INIT_TEXT, BASE];
  it('for 300 random mutations (fixed seed)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...bases), mutationsArb, (base, ms) => {
        expectAgreement(applyMutations(base, ms));
      }),
      fuzzed({ numRuns: 300, seed: 20180203 }),
    );
  });
});

/**
 * Syntax no dossier needs, where js-yaml and yaml read differently (one refuses what the
 * other accepts, or js-yaml nests `- -` wrongly). Not fixed; what matters is that no such
 * text passes as a valid dossier and that every diagnostic still points inside the file.
 */
describe('known divergences between js-yaml and yaml stay errors in a dossier', () => {
  const KNOWN_DIVERGENCES = [
    ['a flow sequence as a key', `${BASE}[a, b]: x\n`],
    ['a tagged flow mapping as a key', `${BASE}!!map {}: 1\n`],
    ['an anchored flow sequence as a key', `${BASE}&b [1, 2]: 1\n`],
    ['--- followed by a colon', `${BASE}---: 1\n`],
    ['bare ? in a flow sequence', BASE.replace('suspects: [P1]', 'suspects: [?]')],
    [
      '- - followed by an outer item (js-yaml nests it)',
      BASE.replace('    victims: [V1]', '    victims:\n    - -\n    - V1'),
    ],
    ['a folded block scalar as the whole document', `>-\n${BASE}`],
  ] as const;
  it.each(KNOWN_DIVERGENCES)('%s', async (_, text) => {
    const dir = writeDossier({ 'dossier.yaml': text });
    const result = await checkDossier('dossier.yaml', { cwd: dir });
    expect(result.errors).toBeGreaterThan(0);
    const lines = linesOf(text);
    for (const d of result.diagnostics) {
      expect(d.line).toBeLessThanOrEqual(lines.length);
      expect(d.column).toBeLessThanOrEqual((lines[d.line - 1] ?? '').length + 1);
    }
  });
});
