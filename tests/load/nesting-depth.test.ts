// Nesting beyond the limit (64 collections) is one located yaml-syntax error, whatever the
// depth, the shape and the kind of file: never "Maximum call stack size exceeded", never
// twice. A hostile-input sweep found the deep collection followed by a less indented line
// (`title:` then `- - - … x`, then `court:`) overflowing yaml's CST parser, which closes
// all the open collections at once, recursively: reported at 1:1 for a root file, twice for
// a template. All data is fictional.
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { loadMapping } from '../../src/import/mapping/load-mapping.js';
import { loadParticipants } from '../../src/import/load-participants.js';
import { parseExact } from '../../src/load/parse-exact.js';
import { parseTemplateText } from '../../src/templates/template-file.js';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { BASE } from '../helpers/base-dossier.js';
import { positionAt } from '../helpers/position.js';
import { removeTempDirs, writeDossier } from '../helpers/temp-dossier.js';
import { checkText } from '../templates/support.js';

afterAll(removeTempDirs);

/**
 * A collection `n` levels deep as the value of `key:` at column `indent`, and the offset
 * (in `value`) of its `k`-th collection (0 = the outermost), in each shape.
 */
interface Shape {
  readonly value: (key: string, indent: number, n: number) => string;
  readonly nth: (key: string, indent: number, k: number) => number;
}

const compact = (indicator: string): Shape => ({
  value: (key, indent, n) => `${key}:\n${' '.repeat(indent + 2)}${indicator.repeat(n)}x`,
  nth: (key, indent, k) => key.length + 2 + indent + 2 + indicator.length * k,
});

const SHAPES: Readonly<Record<string, Shape>> = {
  // `- - - x`: compact nested sequences on one line.
  'compact sequences': compact('- '),
  // `? ? ? x`: compact nested block mappings (explicit keys) on one line.
  'compact mappings': compact('? '),
  // `k:` on lines one space deeper each: block mappings.
  'indented mappings': {
    value: (key, indent, n) =>
      `${key}:\n` +
      Array.from({ length: n }, (_, i) => `${' '.repeat(indent + 2 + i)}k:`).join('\n') +
      ' x',
    nth: (key, indent, k) => {
      let offset = key.length + 2;
      for (let i = 0; i < k; i++) offset += indent + 2 + i + 3;
      return offset + indent + 2 + k;
    },
  },
  // `{k: {k: x}}`: flow mappings.
  'flow mappings': {
    value: (key, _indent, n) => `${key}: ${'{k: '.repeat(n)}x${'}'.repeat(n)}`,
    nth: (key, _indent, k) => key.length + 2 + 4 * k,
  },
  // `[[x]]`: flow sequences.
  'flow sequences': {
    value: (key, _indent, n) => `${key}: ${'['.repeat(n)}x${']'.repeat(n)}`,
    nth: (key, _indent, k) => key.length + 2 + k,
  },
};

// Indented mappings n levels deep take n²/2 spaces: 100,000 levels would be 5 GB (the
// compact mappings are block mappings that deep).
const DEPTHS: Readonly<Record<string, readonly number[]>> = {
  'indented mappings': [1000, 5000],
};
const depthsOf = (shape: string): readonly number[] => DEPTHS[shape] ?? [1000, 5000, 100_000];

const cases = Object.entries(SHAPES).flatMap(([name, shape]) =>
  depthsOf(name).map((n) => ({ name, shape, n })),
);

/** The one diagnostic is the depth limit, at `offset` of `text`. */
function expectDepthAt(diagnostics: readonly Diagnostic[], text: string, offset: number): void {
  expect(diagnostics).toMatchObject([{ code: 'yaml-syntax', ...positionAt(text, offset) }]);
  expect(diagnostics[0]?.message).toContain('nested more than 64 levels');
}

describe('a root dossier file: the collection at level 65 of case.title', () => {
  // The root mapping and `case` are levels 1 and 2: title's 63rd collection is level 65.
  const title = '  title: Affaire de test';
  it.each(cases)(
    '$name, $n levels, more keys after it',
    async ({ shape, n }) => {
      const text = BASE.replace(title, `  ${shape.value('title', 2, n)}`);
      const dir = writeDossier({ 'dossier.yaml': text });
      const started = performance.now();
      const result = await checkDossier('dossier.yaml', { cwd: dir, model: false });
      expect(performance.now() - started).toBeLessThan(30_000);
      expectDepthAt(result.diagnostics, text, BASE.indexOf(title) + 2 + shape.nth('title', 2, 62));
    },
    60_000,
  );

  // Sweep (session 36): an empty collection at level 65 passed the fast reader (js-yaml
  // counts the scalar in the deepest collection as a level), and with it every finding of
  // the file was placed at 1:1, since the exact parser refuses the depth.
  it.each([
    ['flow sequences', '[', ']'],
    ['flow mappings', '{k: ', '}'],
  ])('%s: an empty collection at level 65 is refused at its place', async (_, open, close) => {
    const text = BASE.replace(title, `  title: ${open.repeat(62)}[]${close.repeat(62)}`);
    const dir = writeDossier({ 'dossier.yaml': text });
    const result = await checkDossier('dossier.yaml', { cwd: dir, model: false });
    expectDepthAt(
      result.diagnostics,
      text,
      BASE.indexOf(title) + '  title: '.length + 62 * open.length,
    );
    // One level less: not refused for its depth (a list where a title goes: its own error).
    const fits = BASE.replace(title, `  title: ${open.repeat(61)}[]${close.repeat(61)}`);
    const dir2 = writeDossier({ 'dossier.yaml': fits });
    const ok = await checkDossier('dossier.yaml', { cwd: dir2, model: false });
    expect(ok.diagnostics.map((d) => d.code)).not.toContain('yaml-syntax');
    expect(ok.diagnostics[0]).toMatchObject(
      positionAt(fits, BASE.indexOf(title) + '  title: '.length),
    );
  });

  // A review (session 36) of the case above: an alias at level 65 to a mapping was refused
  // by the fast reader (js-yaml gives an alias the collection it names), where the exact
  // parser accepts it (the collection is nested where its anchor is).
  it('an alias at level 65 to a mapping is not refused for its depth', async () => {
    const text =
      BASE.replace(title, `  title: ${'['.repeat(62)}*m${']'.repeat(62)}`) + 'x: &m {k: v}\n';
    // (The anchor after its alias: an error of its own, not a depth one; so before it.)
    const fixed = text
      .replace('x: &m {k: v}\n', '')
      .replace('courtfile: 1\n', 'courtfile: 1\nx: &m {k: v}\n');
    const dir = writeDossier({ 'dossier.yaml': fixed });
    const result = await checkDossier('dossier.yaml', { cwd: dir, model: false });
    expect(result.diagnostics.some((d) => /nested more than/.test(d.message))).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toContain('unknown-key');
  });

  it('the exact parser alone (placing findings) refuses it the same way', () => {
    const shape = SHAPES['compact sequences']!;
    const text = BASE.replace(title, `  ${shape.value('title', 2, 5000)}`);
    expect(parseExact(text)).toMatchObject({
      refused: true,
      problems: [{ kind: 'depth', offset: BASE.indexOf(title) + 2 + shape.nth('title', 2, 62) }],
    });
  });

  it('a flow key counts under its mapping, also when deeper nesting follows', () => {
    // The 64th bracket of the key is level 65 under the file's mapping: reported first.
    const key = `${'['.repeat(64)}x${']'.repeat(64)}: 1\n`;
    expect(parseExact(key)).toMatchObject({ problems: [{ kind: 'depth', offset: 63 }] });
    const text = `${key}${SHAPES['compact sequences']!.value('b', 0, 5000)}\nc: d\n`;
    expect(parseExact(text)).toMatchObject({ problems: [{ kind: 'depth', offset: 63 }] });
  });

  it('an included file: the same', async () => {
    const shape = SHAPES['indented mappings']!;
    const records = 'transfers:\n  - id: T9\n    ';
    const text = `${records}${shape.value('notes', 4, 5000)}\n    evidence: E1\n`;
    const root = BASE.replace('courtfile: 1\n', 'courtfile: 1\ninclude: [more.yaml]\n');
    const dir = writeDossier({ 'dossier.yaml': root, 'more.yaml': text });
    const result = await checkDossier('dossier.yaml', { cwd: dir, model: false });
    // Levels 1 to 3: the file's mapping, the list, T9; notes' 62nd mapping is level 65.
    expectDepthAt(result.diagnostics, text, records.length + shape.nth('notes', 4, 61));
  }, 60_000);
});

describe('an import mapping or participants file', () => {
  const shape = SHAPES['compact sequences']!;
  const text = `${shape.value('a', 0, 5000)}\nb: c\n`;
  // The file's mapping is level 1: a's 64th collection is level 65.
  const at = positionAt(text, shape.nth('a', 0, 63));
  it('--map', async () => {
    const dir = writeDossier({ 'map.yaml': text });
    const { diagnostics } = await loadMapping('map.yaml', dir);
    expect(diagnostics).toMatchObject([{ code: 'yaml-syntax', ...at }]);
  });
  it('--participants', async () => {
    const dir = writeDossier({ 'people.yaml': text });
    const { diagnostics } = await loadParticipants('people.yaml', dir);
    expect(diagnostics).toMatchObject([{ code: 'yaml-syntax', ...at }]);
  });
});

describe('a template: the collection at level 65 of its name', () => {
  // The template's mapping is level 1: name's 64th collection is level 65.
  const head = 'courtfile_template: 1\n';
  const tail = '\nextends: referral\n';
  const within = cases.filter(({ name, n }) => name !== 'indented mappings' || n === 1000);
  it.each(within)(
    '$name, $n levels, more keys after it',
    async ({ shape, n }) => {
      const text = `${head}${shape.value('name', 0, n)}${tail}`;
      const { diagnostics } = await checkText(text);
      expectDepthAt(diagnostics, text, head.length + shape.nth('name', 0, 63));
    },
    30_000,
  );

  it('indented mappings, 5000 levels (12 MB: parsed, though a check refuses over 1 MiB)', () => {
    const shape = SHAPES['indented mappings']!;
    const text = `${head}${shape.value('name', 0, 5000)}${tail}`;
    const { diagnostics } = parseTemplateText(text, '/nowhere/custom.yaml', 'custom.yaml');
    expectDepthAt(diagnostics, text, head.length + shape.nth('name', 0, 63));
  }, 30_000);

  it('64 levels are not refused for their depth', async () => {
    const text = `${head}${SHAPES['compact sequences']!.value('name', 0, 63)}${tail}`;
    const { diagnostics } = await checkText(text);
    expect(diagnostics.filter((d) => d.code === 'yaml-syntax')).toEqual([]);
  });
});
