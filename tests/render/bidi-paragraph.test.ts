/**
 * A paragraph holding right-to-left text, wrapped over several lines (audit, session
 * 29): the Unicode bidirectional algorithm resolves levels before the lines are broken,
 * so digits at a line's start are typed by the strong character before them on an
 * earlier line (rules W2, W7). Drawn alone, the line after `FR25 3099 9004` of an IBAN
 * in an Arabic note put its digit groups in reverse order (`912 9999 0999 1700`), which a
 * reader copying the account number from the page would take as written. Each line
 * keeps its own direction. Fictional data only.
 */
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, test } from 'vitest';
import { FontSelector } from '../../src/render/text/font-selector.js';
import type { Line } from '../../src/render/text/measure.js';
import { Measurer } from '../../src/render/text/measure.js';
import { bidiContexts } from '../../src/render/text/runs.js';
import { buildTheme } from '../../src/render/theme.js';
import type { Theme } from '../../src/render/theme.js';
import { loadTemplate } from '../../src/templates/load-template.js';

let theme: Theme;
let measurer: Measurer;

beforeAll(async () => {
  theme = buildTheme(await loadTemplate('referral'));
  measurer = new Measurer(
    new FontSelector(new PDFDocument({ autoFirstPage: false })),
    theme,
    (s) => s,
  );
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
      // Without what came before, each group was a number of its own, in reverse order.
      expect(drawn({ ...next!, bidi: undefined })).toContain(groups.split(' ').reverse().join(' '));
    },
  );

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
