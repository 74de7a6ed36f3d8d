/**
 * fontkit 2.0.4 threw on a GPOS mark lookup with a NULL anchor: names with a North
 * African feh (`يوسڢ`) or a Quranic mark ended `render` with an internal error. Every
 * letter and mark of the Arabic blocks the embedded Arabic font covers is shaped here,
 * alone, at the end of a word and between letters, in both weights. FICTIONAL names.
 */
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { scriptFontPath } from '../../src/render/fonts.js';
import { FontSelector } from '../../src/render/text/font-selector.js';

const RANGES: readonly (readonly [number, number])[] = [
  [0x0610, 0x06ff],
  [0x0750, 0x077f],
  [0x0870, 0x08ff],
];

describe('Arabic shaping never throws (fontkit NULL anchors)', () => {
  for (const bold of [false, true]) {
    it(`every covered code point, in four positions (${bold ? 'bold' : 'regular'})`, () => {
      const file = scriptFontPath('arabic', bold);
      const selector = new FontSelector(new PDFDocument({ autoFirstPage: false }));
      const font = selector.font(file);
      let shaped = 0;
      for (const [from, to] of RANGES) {
        for (let cp = from; cp <= to; cp++) {
          if (!font.font.hasGlyphForCodePoint(cp)) continue;
          const c = String.fromCodePoint(cp);
          for (const word of [`يوس${c}`, `ب${c}ب`, c, `بِ${c}`]) {
            const width = selector.measureOnce(file, word);
            expect(Number.isFinite(width), `U+${cp.toString(16)} in ${word}`).toBe(true);
            shaped++;
          }
        }
      }
      expect(shaped).toBeGreaterThan(1000);
      // The name of the report, as a document draws it (encoded, glyphs recorded).
      const [hex] = font.encode('يوسڢ');
      expect(hex.length).toBeGreaterThan(0);
    });
  }
});
