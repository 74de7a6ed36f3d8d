/** French and English typography of template texts (src/locale/typography.ts), and signed numbers. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { typeset, typesetAll } from '../../src/locale/typography.js';
import {
  formatDecimal,
  formatInteger,
  formatMinor,
  formatPlainNumber,
} from '../../src/locale/number.js';
import { fuzzed } from '../helpers/fuzz.js';

const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('typeset (fr)', () => {
  it('writes one apostrophe, ’', () => {
    expect(typeset("Pièces à l'appui d'un chef", 'fr')).toBe('Pièces à l’appui d’un chef');
    expect(typeset('Pièces à l’appui', 'fr')).toBe('Pièces à l’appui');
  });

  it('puts a narrow no-break space before ; : ! ? in place of the space written there', () => {
    expect(typeset('ATTENTION : ce document ; vraiment ! Lequel ?', 'fr')).toBe(
      `ATTENTION${NNBSP}: ce document${NNBSP}; vraiment${NNBSP}! Lequel${NNBSP}?`,
    );
    expect(typeset(`Écart${NBSP}: délai`, 'fr')).toBe(`Écart${NNBSP}: délai`);
    // a colon without a space before it is not punctuation of the sentence
    expect(typeset('14:22 https://example.org', 'fr')).toBe('14:22 https://example.org');
  });

  it('puts narrow no-break spaces inside « » and a no-break space after n° and before units', () => {
    expect(typeset('« citation »', 'fr')).toBe(`«${NNBSP}citation${NNBSP}»`);
    expect(typeset('«citation»', 'fr')).toBe(`«${NNBSP}citation${NNBSP}»`);
    expect(typeset('Chef n° {{n}}', 'fr')).toBe(`Chef n°${NBSP}{{n}}`);
    expect(typeset('{{age}} ans, {{size}} octets, 12 h, 3 j', 'fr')).toBe(
      `{{age}}${NBSP}ans, {{size}}${NBSP}octets, 12${NBSP}h, 3${NBSP}j`,
    );
    // a word that only starts like a unit is left alone
    expect(typeset('{{count}} jeux, 3 heures', 'fr')).toBe('{{count}} jeux, 3 heures');
  });

  it('leaves placeholders whole and typesets every label of a table', () => {
    expect(typeset('{{case.reference}}; {{case.court}}', 'fr')).toBe(
      '{{case.reference}}; {{case.court}}',
    );
    expect(typesetAll({ a: "l'affaire", b: 'Note : x' }, 'fr')).toEqual({
      a: 'l’affaire',
      b: `Note${NNBSP}: x`,
    });
  });
});

describe('typeset (en)', () => {
  it('keeps English punctuation and apostrophes, and keeps units with their number', () => {
    expect(typeset("the transfer's sender: see note; done!", 'en')).toBe(
      "the transfer's sender: see note; done!",
    );
    expect(typeset('{{age}} years, {{size}} bytes', 'en')).toBe(
      `{{age}}${NBSP}years, {{size}}${NBSP}bytes`,
    );
  });
});

describe('signed numbers', () => {
  it('write the minus sign U+2212, never a hyphen, and no negative zero', () => {
    expect(formatInteger(-1234, 'fr')).toBe(`\u22121${NNBSP}234`);
    expect(formatInteger(-1234, 'en')).toBe('\u22121,234');
    expect(formatDecimal({ units: -5n, scale: 2 }, 'fr')).toBe('\u22120,05');
    expect(formatMinor(-50050n, 2, 'en')).toBe('\u2212500.50');
    expect(formatInteger(-0, 'fr')).toBe('0');
    expect(formatDecimal({ units: 0n, scale: 2 }, 'en')).toBe('0.00');
    for (const n of [-1n, -999n, -1000n, -123456789n]) {
      for (const lang of ['fr', 'en'] as const) {
        const text = formatInteger(n, lang);
        expect(text.startsWith('\u2212')).toBe(true);
        expect(text).not.toContain('-');
      }
    }
  });
});

describe('formatPlainNumber', () => {
  it('writes a user-given number with its decimals, in the language', () => {
    expect(formatPlainNumber(26.5, 'fr')).toBe('26,5');
    expect(formatPlainNumber(26.5, 'en')).toBe('26.5');
    expect(formatPlainNumber(48, 'fr')).toBe('48');
    expect(formatPlainNumber(1234.25, 'fr')).toBe(`1${NNBSP}234,25`);
    expect(formatPlainNumber(-0.5, 'en')).toBe('\u22120.5');
  });
});

// Reported by a visual audit: a long case reference in the running header was drawn
// `Affaire n°` / `2021-PARQUET-…`, the space between the two placeholders a breaking one.
describe('typeset: the case number label keeps its number', () => {
  it.each(['fr', 'en'] as const)('%s', (lang) => {
    expect(typeset('{{case.court}} — {{labels.case_no}} {{case.reference}}', lang)).toBe(
      `{{case.court}} — {{labels.case_no}}${NBSP}{{case.reference}}`,
    );
    expect(typeset('{{ labels.case_no }}  x', lang)).toBe(`{{ labels.case_no }}${NBSP}x`);
    expect(typeset('{{labels.case_number}} x', lang)).toBe('{{labels.case_number}} x');
  });
});

// Found by a hostile-input sweep: the patterns putting a narrow no-break space before
// `; : ! ?` and `»` read a run of spaces to its end from each of its spaces, in time
// quadratic in its length (a template's `a`, 100,000 spaces, `b`: 9.5 s).
describe('typeset (fr): runs of spaces in linear time', () => {
  /** French typography as the patterns wrote it, for texts without digits or `}}` (no unit). */
  const before = (text: string) =>
    text
      .replace(/'/g, '’')
      .replace(/[ \u00a0\u202f]+([;:!?])/g, `${NNBSP}$1`)
      .replace(/«[ \u00a0\u202f]*/g, `«${NNBSP}`)
      .replace(/[ \u00a0\u202f]*»/g, `${NNBSP}»`)
      .replace(/\b([nN])° +/g, `$1°${NBSP}`);

  it('typesets as before', () => {
    const piece = fc.constantFrom(
      ...[' ', '  ', NBSP, NNBSP, ';', ':', '!', '?', '«', '»', 'a', 'n', '°', "'", '\n', '{{'],
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }).map((p) => p.join('')),
        (text) => {
          expect(typeset(text, 'fr')).toBe(before(text));
        },
      ),
      fuzzed({ numRuns: 20_000, seed: 20260519 }),
    );
  });

  it.each([
    ['a, 100,000 spaces, b', `a${' '.repeat(100_000)}b`, `a${' '.repeat(100_000)}b`],
    ['100,000 no-break spaces, then :', `x${NBSP.repeat(100_000)}:`, `x${NNBSP}:`],
    ['100,000 spaces, then »', `x${' '.repeat(100_000)}»`, `x${NNBSP}»`],
  ])('%s', (_, text, expected) => {
    const started = performance.now();
    expect(typeset(text, 'fr')).toBe(expected);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
