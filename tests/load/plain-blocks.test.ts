import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFast } from '../../src/load/parse-fast.js';
import { offsetOf, parseExact } from '../../src/load/parse-exact.js';
import type { PlaceRequest } from '../../src/load/parse-plain-blocks.js';
import { parsePlainBlocks, placePlain } from '../../src/load/parse-plain-blocks.js';
import { ALL_FIXTURES } from '../helpers/fixtures/index.js';
import { EXAMPLE_DIR, REPO_ROOT } from '../helpers/temp-dossier.js';
import { TRICKY_SCALARS, applyMutations, mutationsArb } from '../helpers/yaml-mutations.js';
import { FUZZ, fuzzed } from '../helpers/fuzz.js';

/**
 * The plain-block reader must give exactly what js-yaml gives (same values, -0 and NaN
 * included, same key order) or give up. Never a value where js-yaml refuses the text.
 */

function jsYaml(text: string): { ok: true; value: unknown } | { ok: false } {
  const r = parseFast(text, 'test.yaml', { plainBlocks: false });
  return r.ok ? { ok: true, value: r.value } : { ok: false };
}

/** Key order, recursively (toStrictEqual does not look at it). */
function keyOrder(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(keyOrder);
  if (v !== null && typeof v === 'object')
    return Object.entries(v).map(([k, x]) => [k, keyOrder(x)]);
  return typeof v;
}

/** Whether the reader accepted the text; when it did, its value is js-yaml's. */
function agrees(text: string): boolean {
  const plain = parsePlainBlocks(text);
  if (plain === undefined) return false;
  const reference = jsYaml(text);
  expect(reference.ok, `the plain reader accepted a text js-yaml refuses:\n${text}`).toBe(true);
  if (reference.ok) {
    expect(plain, text).toStrictEqual(reference.value);
    expect(keyOrder(plain)).toEqual(keyOrder(reference.value));
  }
  return true;
}

const read = (file: string) => readFileSync(file, 'utf8');
const EXAMPLES = ['dossier.yaml', 'transfers.yaml', 'exchanges.yaml'].map((f) => ({
  name: `examples/dossier/${f}`,
  text: read(path.join(EXAMPLE_DIR, f)),
}));
const INIT = {
  name: 'templates/init/dossier.yaml',
  text: read(path.join(REPO_ROOT, 'templates/init/dossier.yaml')),
};

const temp = mkdtempSync(path.join(os.tmpdir(), 'courtfile-plain-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('plain-block reader', () => {
  it.each([...EXAMPLES, INIT])('reads $name, as js-yaml does (LF and CRLF)', ({ text }) => {
    expect(agrees(text)).toBe(true);
    expect(agrees(text.replace(/\n/g, '\r\n'))).toBe(true);
  });

  it('reads a generated benchmark dossier, as js-yaml does', () => {
    execFileSync(process.execPath, [
      path.join(REPO_ROOT, 'bench/generate.js'),
      '--out',
      temp,
      '--transfers',
      '300',
      '--exchanges',
      '200',
      '--exhibits',
      '2',
      '--exhibit-bytes',
      '1K',
      '--seed',
      '11',
    ]);
    const files = readdirSync(temp).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(1);
    for (const f of files) expect(agrees(read(path.join(temp, f))), f).toBe(true);
  });

  it('agrees with js-yaml or gives up on every fixture of the diagnostic tests', () => {
    let accepted = 0;
    for (const fixture of ALL_FIXTURES)
      for (const text of Object.values(fixture.files))
        if (typeof text === 'string') {
          if (agrees(text)) accepted++;
          agrees(text.replace(/\n/g, '\r\n'));
        }
    expect(accepted).toBeGreaterThan(20);
  });

  it(
    'agrees with js-yaml or gives up on mutated example files (line edits)',
    () => {
      let accepted = 0;
      fc.assert(
        fc.property(
          fc.constantFrom(...EXAMPLES, INIT),
          mutationsArb,
          fc.boolean(),
          ({ text }, ms, crlf) => {
            const mutated = applyMutations(text, ms);
            if (agrees(crlf ? mutated.replace(/\n/g, '\r\n') : mutated)) accepted++;
          },
        ),
        fuzzed({ numRuns: 600, seed: 424242 }),
      );
      expect(accepted).toBeGreaterThan(100);
    },
    30_000 * FUZZ,
  );

  const SPECIAL = [...':#-[]{}\'",?&*!|>%@` \n\\', '\t', '\r', '\u00a0', 'é', '0', 'x', '~'];
  it(
    'agrees with js-yaml or gives up on mutated example files (character edits)',
    () => {
      let accepted = 0;
      const small = EXAMPLES.map(({ text }) => text.slice(0, 3000));
      fc.assert(
        fc.property(
          fc.constantFrom(...small),
          fc.array(
            fc.record({
              at: fc.nat(),
              insert: fc.boolean(),
              char: fc.constantFrom(...SPECIAL, ...TRICKY_SCALARS.slice(0, 20)),
            }),
            { minLength: 1, maxLength: 4 },
          ),
          (text, edits) => {
            let t = text.slice(0, text.lastIndexOf('\n') + 1);
            for (const e of edits) {
              const i = e.at % t.length;
              t = t.slice(0, i) + e.char + t.slice(e.insert ? i : i + 1);
            }
            if (agrees(t)) accepted++;
          },
        ),
        fuzzed({ numRuns: 3000, seed: 777 }),
      );
      expect(accepted).toBeGreaterThan(300);
    },
    30_000 * FUZZ,
  );

  it(
    'agrees with js-yaml or gives up on small random documents',
    () => {
      const scalar = fc.oneof(
        fc.constantFrom(...TRICKY_SCALARS),
        fc.stringMatching(/^[A-Za-z0-9 :#'"-.]{1,12}$/),
      );
      const key = fc.constantFrom('id', 'at', 'to', 'True', 'null', 'a b', '__proto__', 'x', 'x');
      const line = fc.tuple(
        fc.integer({ min: 0, max: 6 }),
        fc.boolean(),
        key,
        scalar,
        fc.boolean(),
      );
      fc.assert(
        fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (lines) => {
          const text = lines
            .map(
              ([indent, item, k, v, empty]) =>
                `${' '.repeat(indent)}${item ? '- ' : ''}${k}:${empty ? '' : ` ${v}`}`,
            )
            .join('\n');
          agrees(`${text}\n`);
          placesAgree(`${text}\n`, 200);
        }),
        fuzzed({ numRuns: 3000, seed: 99 }),
      );
    },
    30_000 * FUZZ,
  );
});

describe('plain-block reader: characters js-yaml refuses', () => {
  // Every kind of place the reader reads or skips: comment lines, keys, plain and quoted
  // scalars, flow collections, trailing comments, blank lines.
  const TEXT = [
    '# header comment',
    'case:',
    '  title: "Dossier é" # trailing',
    "  note: 'it''s here'",
    '  tags: [a, "b", c]   # flow',
    '  range: { from: 2018-01-14, to: x }',
    'transfers:  # nested',
    '  - id: T-1',
    '    amount: 12.50',
    '    provider: Banque de Paris',
    '',
    '    # between',
    '  - id: T-2',
    '',
  ].join('\n');
  const at = (ch: string, i: number) => TEXT.slice(0, i) + ch + TEXT.slice(i);

  it('reads the text they are put in', () => {
    expect(agrees(TEXT)).toBe(true);
    expect(agrees(TEXT.replace(/\n/g, '\r\n'))).toBe(true);
  });

  it.each([
    '\x00',
    '\x01',
    '\x08',
    '\x0b',
    '\x0c',
    '\x0e',
    '\x1f',
    '\x7f',
    '\x80',
    '\x84',
    '\x86',
    '\x9f',
    '\ufffe',
    '\uffff',
    '\ud800',
    '\udbff',
    '\udc00',
    '\udfff',
  ])('%j at any offset, comments included: the reader gives up', (ch) => {
    // js-yaml refuses them in scalars (the text), accepts them in comments: giving up
    // anywhere is always safe (js-yaml then reads the text).
    let refusedByJsYaml = 0;
    for (let i = 0; i <= TEXT.length; i++) {
      const text = at(ch, i);
      if (!jsYaml(text).ok) refusedByJsYaml++;
      expect(parsePlainBlocks(text), `offset ${i}`).toBeUndefined();
      expect(parsePlainBlocks(text.replace(/\n/g, '\r\n')), `offset ${i}, CRLF`).toBeUndefined();
    }
    expect(refusedByJsYaml).toBeGreaterThan(100);
  });

  it.each(['\x85', '\u00a0', '\ufeff', '\u{1F600}'])(
    '%j (allowed) at any offset: as js-yaml reads it, or the reader gives up',
    (ch) => {
      let accepted = 0;
      for (let i = 1; i <= TEXT.length; i++) if (agrees(at(ch, i))) accepted++;
      // In comments, in quoted and plain scalars at least.
      expect(accepted).toBeGreaterThan(100);
    },
  );
});

/** Paths into a value: every node's, a few past the end, and some that do not exist. */
function pathsOf(
  value: unknown,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
) {
  out.push(prefix);
  if (Array.isArray(value)) {
    value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
    out.push([...prefix, value.length], [...prefix, 'x'], [...prefix, String(0)]);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
    out.push([...prefix, 'no_such_key'], [...prefix, 0], [...prefix, 'no_such_key', 'deeper']);
  } else {
    out.push([...prefix, 'below'], [...prefix, 3]);
  }
  return out;
}

/** placePlain must place every path as offsetOf (on the position-exact parser) does. */
function placesAgree(text: string, limit = 4000): number {
  const value = parsePlainBlocks(text);
  if (value === undefined) {
    expect(placePlain(text, [{ path: [], anchor: 'value' }])).toBeUndefined();
    return 0;
  }
  const exact = parseExact(text);
  expect(exact.doc, text).toBeDefined();
  const requests: PlaceRequest[] = pathsOf(value)
    .slice(0, limit)
    .flatMap((path) => (['value', 'key', 'parent'] as const).map((anchor) => ({ path, anchor })));
  const placed = placePlain(text, requests);
  expect(placed).toBeDefined();
  requests.forEach((r, k) => {
    expect(placed![k], `${r.anchor} ${JSON.stringify(r.path)}`).toBe(
      offsetOf(exact.doc!, r.path, r.anchor),
    );
  });
  return requests.length;
}

describe('placing findings with the plain-block reader', () => {
  it.each([...EXAMPLES, INIT])(
    'places every node of $name as the position-exact parser does (LF and CRLF)',
    ({ text }) => {
      expect(placesAgree(text)).toBeGreaterThan(300);
      expect(placesAgree(text.replace(/\n/g, '\r\n'))).toBeGreaterThan(300);
    },
  );

  it('places every node of every fixture file alike (or gives up)', () => {
    let placed = 0;
    for (const fixture of ALL_FIXTURES)
      for (const text of Object.values(fixture.files))
        if (typeof text === 'string') placed += placesAgree(text, 400);
    expect(placed).toBeGreaterThan(1000);
  });

  it('places empty values at their key, and nodes in flow collections', () => {
    const text =
      'a:\nb: 1\nc:\n  - x:\n    y: [1, "two", 3]\n  - { k: v, e: "" }\nd:   # comment\ne: ~\n';
    expect(placesAgree(text)).toBeGreaterThan(50);
    expect(placePlain(text, [{ path: ['a'], anchor: 'value' }])).toEqual([0]);
    expect(placePlain(text, [{ path: ['c', 0, 'x'], anchor: 'value' }])).toEqual([
      text.indexOf('x:'),
    ]);
  });

  it(
    'places alike in mutated example files',
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...EXAMPLES, INIT),
          mutationsArb,
          fc.boolean(),
          ({ text }, ms, crlf) => {
            const mutated = applyMutations(text, ms);
            placesAgree(crlf ? mutated.replace(/\n/g, '\r\n') : mutated, 300);
          },
        ),
        fuzzed({ numRuns: 150, seed: 5150 }),
      );
    },
    30_000 * FUZZ,
  );
});
