/**
 * The shaping shortcut must give exactly what pdfkit + fontkit give: same width, same
 * glyphs and positions, for every string it accepts.
 */
import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { describe, expect, test } from 'vitest';
import type { BundledFont } from '../../src/render/fonts.js';
import { fontPath } from '../../src/render/fonts.js';
import { FontSelector } from '../../src/render/text/font-selector.js';

const ALPHABET = [
  ...'0123456789 ,.:;/-+%()€',
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  ...'éèêàçîôûñÉÈÑșțăâ’«»—…fiflffAVTaToWaYo',
  '\u202f',
  '\u00a0',
  '\u0301',
  'ﬁ',
];

const FONTS: BundledFont[] = [
  'DejaVuSerif',
  'DejaVuSansCondensed',
  'DejaVuSansCondensed-Bold',
  'DejaVuSans-Bold',
  'DejaVuSansMono',
];

describe('fast glyph runs', () => {
  for (const name of FONTS) {
    test(`${name}: same width and encoding as the shaper`, () => {
      const file = fontPath(name);
      const fast = new FontSelector(new PDFDocument({ autoFirstPage: false }));
      const slow = new FontSelector(new PDFDocument({ autoFirstPage: false }));
      let accepted = 0;
      fc.assert(
        fc.property(
          fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 24 }),
          (chars) => {
            const text = chars.join('');
            const shortcut = fast.fast(file);
            if (!shortcut.isSafe(text)) return;
            accepted++;
            expect(shortcut.width(text)).toBeCloseTo(slow.measure(file, text), 9);
            shortcut.prime(text);
            const [hexA, posA] = fast.font(file).encode(text);
            const [hexB, posB] = slow.font(file).encode(text);
            expect(hexA).toEqual(hexB);
            expect(posA.map((p) => [p.xAdvance, p.xOffset, p.yOffset, p.advanceWidth])).toEqual(
              posB.map((p) => [p.xAdvance, p.xOffset, p.yOffset, p.advanceWidth]),
            );
          },
        ),
        { numRuns: 1500 },
      );
      expect(accepted).toBeGreaterThan(100);
    });
  }

  for (const name of FONTS) {
    test(`${name}: spans are the widths of the slices; encode() gives pdfkit's glyph ids and kerning`, () => {
      const file = fontPath(name);
      const fast = new FontSelector(new PDFDocument({ autoFirstPage: false }));
      const slow = new FontSelector(new PDFDocument({ autoFirstPage: false }));
      const shortcut = fast.fast(file);
      expect(shortcut.encodes).toBe(true);
      let accepted = 0;
      fc.assert(
        fc.property(
          fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 40 }),
          fc.nat(),
          fc.nat(),
          (chars, a, b) => {
            const text = chars.join('');
            if (!shortcut.isSafe(text)) return;
            accepted++;
            const from = a % (text.length + 1);
            const to = from + (b % (text.length - from + 1));
            // Exactly equal: the renderer relies on it for byte-identical line breaks.
            expect(shortcut.spans(text)(from, to)).toBe(shortcut.width(text.slice(from, to)));
            expect(shortcut.safeWidth(text)).toBe(shortcut.width(text));
            const mine: [number, number][] = [];
            shortcut.encode(text, (gid, adjust) => mine.push([gid, adjust]));
            // The other document has the same glyphs included in the same order.
            const [hex, positions] = slow.font(file).encode(text);
            expect(mine).toEqual(
              hex.map((h, i) => {
                const p = positions[i];
                const last = i === hex.length - 1;
                return [Number.parseInt(h, 16), !p || last ? 0 : p.xAdvance - p.advanceWidth];
              }),
            );
          },
        ),
        { numRuns: 1500 },
      );
      expect(accepted).toBeGreaterThan(100);
    });
  }
});
