import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainInstant, yamlComment, yamlScalar, yamlString } from '../../src/import/write-yaml.js';
import { parseFast } from '../../src/load/parse-fast.js';
import { parseExact } from '../../src/load/parse-exact.js';
import { fuzzed } from '../helpers/fuzz.js';

// Characters YAML does not allow raw anywhere in a file (a comment included): a source's
// file name or a skipped record's locator may hold them, and OUT must still be YAML.
const HOSTILE = ['\u0007', '\u0080', '\u0085', '\u009f', '\u2028', '\ufffe', '\uffff', '\ud800'];

describe('write-yaml: what OUT holds is YAML both parsers read', () => {
  it.each(HOSTILE.map((c) => [`U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`, c]))(
    'a comment with %s is escaped',
    (name, c) => {
      const comment = yamlComment([`source a${c}b.csv`]);
      expect(comment).toBe(`# source a\\u${name.slice(2).toLowerCase()}b.csv\n`);
      const text = `${comment}transfers: []\n`;
      expect(parseFast(text, 'out.yaml')).toMatchObject({ ok: true });
      expect(parseExact(text).problems).toEqual([]);
    },
  );

  it.each(HOSTILE.filter((c) => c !== '\ud800').map((c) => [c.charCodeAt(0).toString(16), c]))(
    // (half a surrogate pair is escaped too, and then refused: it is no character.)
    'a string with U+%s keeps its character through an escape',
    (_, c) => {
      const text = `notes: ${yamlString(`a${c}b`)}\n`;
      const parsed = parseFast(text, 'out.yaml');
      expect(parsed).toMatchObject({ ok: true });
      if (c !== '\ud800')
        expect((parsed as { value: { notes: string } }).value.notes).toBe(`a${c}b`);
    },
  );

  it('a scalar reads back as the same string, whatever it holds (amounts and references quoted)', () => {
    const tricky = [
      '1064.89',
      '4000000001',
      '.',
      '1.2.3',
      '0',
      '007',
      '1e5',
      '0x1F',
      '12:30',
      'true',
      'NO',
      'y',
      'null',
      '~',
      '2018-01-01T17:00:00+01:00',
      '2018-01-01',
      'E20.row-2',
      'Western Union',
      '-1',
      '+1',
      '1_000',
      '',
    ];
    const readBack = (s: string): unknown => {
      const text = `v: ${yamlScalar(s)}\n`;
      const fast = parseFast(text, 'out.yaml') as { ok: boolean; value?: { v: unknown } };
      expect(parseExact(text).problems).toEqual([]);
      return fast.ok ? fast.value?.v : undefined;
    };
    for (const s of tricky) expect(readBack(s)).toBe(s);
    expect(yamlScalar('1064.89')).toBe('"1064.89"');
    expect(yamlScalar('E20.row-2')).toBe('E20.row-2');
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9.]{0,12}$|^[\x20-\x7e]{0,12}$/), (s) => {
        expect(readBack(s)).toBe(s);
      }),
      fuzzed({ numRuns: 3000, seed: 20261206 }),
    );
  });

  it('an instant is told by hand as its pattern tells it (instants mutated one character at a time)', () => {
    const INSTANT =
      /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,9})?(?:Z|[+-][0-9]{2}:[0-9]{2})$/;
    const instant = fc
      .tuple(
        fc.stringMatching(/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$/),
        fc.stringMatching(/^(?:\.[0-9]{0,11})?$/),
        fc.constantFrom('Z', '+01:00', '-09:30', '+0100', 'z', '', '+01:0', '+01:000'),
      )
      .map(([a, b, c]) => a + b + c);
    const edit = fc.tuple(
      fc.nat(),
      fc.constantFrom('', '0', '9', '-', ':', 'T', '.', 'Z', '+', ' ', 'x', '\u0660'),
    );
    fc.assert(
      fc.property(instant, fc.array(edit, { maxLength: 3 }), (s, edits) => {
        let t = s;
        for (const [at, c] of edits) {
          const i = at % (t.length + 1);
          t = t.slice(0, i) + c + t.slice(i + (c === '' ? 1 : at % 2));
        }
        expect(plainInstant(t)).toBe(INSTANT.test(t));
      }),
      fuzzed({ numRuns: 20000, seed: 20261206 }),
    );
    expect(plainInstant('2018-01-01T17:00:00+01:00')).toBe(true);
    expect(plainInstant('2018-01-01T17:00:00.123456789Z')).toBe(true);
    expect(plainInstant('2018-01-01T17:00:00.1234567890Z')).toBe(false);
    expect(plainInstant('2018-01-01T17:00:00.Z')).toBe(false);
  });
});
