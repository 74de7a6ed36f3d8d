/**
 * What the layout lets go of between and during its passes (document.ts, flow.ts): the
 * measurer's memos and pdfkit's per-word glyph runs are caches only. After a release the
 * same texts give the same lines, widths and fonts, and the memos were really emptied.
 */
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadTemplate } from '../../src/templates/load-template.js';
import { FontSelector } from '../../src/render/text/font-selector.js';
import { Measurer } from '../../src/render/text/measure.js';
import type { Theme } from '../../src/render/theme.js';
import { buildTheme } from '../../src/render/theme.js';

let theme: Theme;
beforeAll(async () => {
  theme = buildTheme(await loadTemplate('referral'));
});

const TEXTS = [
  'Virement de 12 500,00 € à Société Générale',
  'FR76 3000 6000 0112 3456 7890 189',
  'Ștefan Popescu — مرحبا — 日本語のテキスト',
  'a-very-long-identifier-without-spaces-0123456789abcdef0123456789abcdef',
  'Ligne un\nLigne deux avec\ttabulation',
];

function layoutAll(measurer: Measurer) {
  const style = theme.styles.cell;
  return TEXTS.map((t) => ({
    wrapped: measurer.wrap(t, style, 90),
    atom: measurer.wrapAtom(t, style, 60),
    fitted: measurer.fit(t, style, 70),
    width: measurer.width(t, theme.fontFiles.body, 9),
    runs: measurer.runs(measurer.fit(t, style, 500)),
  }));
}

describe('releasing the measurer memos and pdfkit word caches', () => {
  test('long words already broken are kept across a release (the drawing pass wraps them again)', () => {
    const doc = new PDFDocument({ autoFirstPage: false });
    const measurer = new Measurer(new FontSelector(doc), theme, (s) => s);
    const style = theme.styles.cell;
    const word = '0123456789abcdef'.repeat(400); // 6,400 characters, one token
    const first = measurer.wrap(word, style, 90);
    expect(first.length).toBeGreaterThan(10);
    expect(first.map((l) => l.text.replace(/-$/, '')).join('')).toBe(word);
    measurer.releaseMemos();
    const again = measurer.wrap(word, style, 90);
    expect(again).toEqual(first);
    // The same pieces, not the word broken again.
    expect(again[0]).toBe(first[0]);
    expect(again[5]).toBe(first[5]);
  });

  test('same lines, widths, styles and runs after each release', () => {
    const doc = new PDFDocument({ autoFirstPage: false });
    const measurer = new Measurer(new FontSelector(doc), theme, (s) => s);
    const before = layoutAll(measurer);
    const style = theme.styles.cell;
    const prepared = measurer.prepare(TEXTS[0] as string, style);
    expect(measurer.prepare(TEXTS[0] as string, style)).toBe(prepared);
    measurer.releaseMemos();
    // Emptied: a new object for the same text.
    expect(measurer.prepare(TEXTS[0] as string, style)).not.toBe(prepared);
    expect(layoutAll(measurer)).toEqual(before);
    const families = (doc as unknown as { _fontFamilies: Record<string, { layoutCache?: object }> })
      ._fontFamilies;
    const cached = Object.values(families).filter(
      (f) => f.layoutCache && Object.keys(f.layoutCache).length > 0,
    );
    expect(cached.length).toBeGreaterThan(0);
    measurer.releaseShaping();
    for (const f of Object.values(families)) {
      if (f.layoutCache) expect(Object.keys(f.layoutCache)).toEqual([]);
    }
    expect(layoutAll(measurer)).toEqual(before);
  });
});
