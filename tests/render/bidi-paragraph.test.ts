/**
 * A paragraph holding right-to-left text, wrapped over several lines (audit, session
 * 29): the Unicode bidirectional algorithm resolves levels before the lines are broken,
 * so digits at a line's start are typed by the strong character before them on an
 * earlier line (rules W2, W7). Drawn alone, the line after `FR25 3099 9004` of an IBAN
 * in an Arabic note put its digit groups in reverse order (`912 9999 0999 1700`), which a
 * reader copying the account number from the page would take as written. Each line
 * keeps its own direction. Fictional data only.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { Line } from '../../src/render/text/measure.js';
import type { Measurer } from '../../src/render/text/measure.js';
import { bidiContexts } from '../../src/render/text/runs.js';
import type { Theme } from '../../src/render/theme.js';
import { referralMeasurer } from './helpers.js';

let theme: Theme;
let measurer: Measurer;

beforeAll(async () => {
  ({ theme, measurer } = await referralMeasurer());
});

/** The line's text as drawn, left to right (its runs in visual order, each as typed). */
function drawn(line: Line): string {
  const layout = measurer.runs(line);
  if (!layout) return line.text;
  return layout.runs.map((r) => r.text).join('');
}

const NOTE =
  'شخص وهمي يقيم في باريس منذ 2015، حسابه FR25 3099 9004 1700 0999 9999 912 (وهمي) وأرسل 300 EUR.';

describe('a wrapped paragraph with right-to-left text', () => {
  test.each([80, 100, 110])(
    "an IBAN's digit groups keep their order on the line after its break (%s pt)",
    (width) => {
      const lines = measurer.wrap(NOTE, theme.styles.cell, width);
      // The line that starts inside the IBAN, after FR25: its digit groups as typed.
      const next = lines.find((l) => /^[0-9]{3,4} [0-9]{3,4}/.test(l.text));
      expect(next, lines.map((l) => l.text).join(' | ')).toBeDefined();
      // (At these widths it ends in Arabic: alone, it would be a right-to-left line.)
      expect(next!.text).toMatch(/[\u0600-\u06ff]/);
      const groups = /^[0-9 ]*[0-9]/.exec(next!.text)![0];
      expect(next!.bidi).toEqual({ before: 'L' });
      // A right-to-left line (its first strong character is Arabic): the groups are one
      // left-to-right run, drawn in their order, the Arabic words to their left.
      expect(drawn(next!)).toContain(groups);
      expect(drawn(next!).endsWith(groups)).toBe(true);
    },
  );

  // Review (session 29): with what came before it, a line starting with a phone number
  // after an Arabic word drew its groups reversed (`78 56 34 12 06`); on one line, after
  // an Arabic name, they already were. Groups of digits separated by spaces are one
  // left-to-right run, wherever they stand, two as well (a line break may leave two).
  test.each([40, 60, 80, 100, 130, 1000])(
    'a phone number after an Arabic name keeps its groups in order (%s pt)',
    (width) => {
      const text = 'Contact du bénéficiaire : سامي وهمي 06 12 34 56 78 fictif سامي';
      const lines = measurer.wrap(text, theme.styles.cell, width);
      expect(lines.map((l) => l.text).join(' ')).toBe(text);
      const numbered = lines.filter((l) => /[0-9]{2}(?: [0-9]{2})+/.test(l.text));
      expect(numbered.length).toBeGreaterThan(0);
      for (const line of numbered) {
        const groups = /[0-9]{2}(?: [0-9]{2})+/.exec(line.text)![0];
        expect(drawn(line), line.text).toContain(groups);
      }
    },
  );

  test('an amount with its thousands after a space, in Arabic text, keeps its order', () => {
    const file = measurer.prepare('المبلغ', theme.styles.cell).file;
    for (const space of [' ', '\u2009']) {
      const line = { text: `المبلغ 12${space}500 يورو وهمي`, width: 100, file };
      expect(drawn(line)).toContain(`12${space}500`);
    }
    // The price of it: two numbers side by side are drawn in the order written (see
    // SPACED_NUMBER), a year and a count alike.
    const line = { text: 'في سنة 2018 15 تحويلا وهميا', width: 100, file };
    expect(drawn(line)).toContain('2018 15');
  });

  test('Arabic-Indic digit groups are left to the algorithm (the Arabic font draws them)', () => {
    const file = measurer.prepare('ملاحظة', theme.styles.cell).file;
    const line = { text: 'ملاحظة وهمية الهاتف ٠٦ ١٢ ٣٤ ٥٦ ٧٨ نهاية', width: 100, file };
    const runs = measurer.runs(line)!.runs.map((r) => r.text);
    // Each group is a run of its own (in the order the algorithm gives them), never fused
    // with the spaces between them into one run the Arabic font would lay out reversed.
    for (const group of ['٠٦', '١٢', '٣٤', '٥٦', '٧٨'])
      expect(
        runs.some((r) => r.trim() === group || r.trim() === [...group].reverse().join('')),
      ).toBe(true);
  });

  test('an amount with narrow no-break spaces in a right-to-left line keeps its order', () => {
    const line = {
      text: 'المبلغ 12\u202f500,00 € وهمي',
      width: 100,
      file: measurer.prepare('المبلغ', theme.styles.cell).file,
    };
    expect(drawn(line)).toContain('12\u202f500,00');
  });

  test('a number at the start of a line after an Arabic word is typed by it (rule W2)', () => {
    // "... منذ 2015، حسابه ...": 2015 goes with the Arabic phrase before it (an Arabic
    // number), drawn to the right of حسابه; resolved alone, it started the line.
    const line = measurer.wrap(NOTE, theme.styles.cell, 100).find((l) => l.text.startsWith('2015'));
    expect(line?.bidi).toEqual({ before: 'AL' });
    expect(drawn(line!).startsWith('2015')).toBe(false);
    expect(drawn({ ...line!, bidi: undefined }).startsWith('2015')).toBe(true);
  });

  test('contexts: the paragraph direction, then the last strong character before each line', () => {
    expect(bidiContexts('Paris Lyon', ['Paris', 'Lyon'])).toBeUndefined();
    expect(bidiContexts('שלום עולם 12', ['שלום', 'עולם 12'])).toEqual([undefined, { before: 'R' }]);
    expect(bidiContexts('12 مرحبا 2015 FR25 12 x', ['12 مرحبا 2015', 'FR25 12', 'x'])).toEqual([
      undefined,
      { before: 'AL' },
      { before: 'L' },
    ]);
  });

  test('a one-line paragraph, or one without right-to-left text, carries no context', () => {
    const style = theme.styles.cell;
    expect(measurer.wrap('مرحبا FR25', style, 1000).map((l) => l.bidi)).toEqual([undefined]);
    expect(measurer.wrap('Paris Lyon Marseille', style, 20).every((l) => !l.bidi)).toBe(true);
  });
});
