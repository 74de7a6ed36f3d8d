/// <reference types="pdfkit" />
/**
 * The one place that switches pdfkit's current font and size, and that touches pdfkit's
 * font internals. Measurement and drawing share the document, so both go through here
 * and redundant switches are skipped. Fonts are always given by file path: pdfkit
 * caches the parsed font per path (NOTES).
 */
import { releaseFontCaches } from '../pdf-output.js';
import { FastGlyphs } from './fast-glyphs.js';
import type { ShapingInternals } from './fast-glyphs.js';
import { guardFontkit } from './fontkit-guard.js';
import { RecentMemo } from './recent-memo.js';

type Doc = PDFKit.PDFDocument;

/** A glyph position from pdfkit's layout, in thousandths of the em. */
export interface GlyphPosition {
  readonly xAdvance: number;
  readonly yAdvance: number;
  readonly xOffset: number;
  readonly yOffset: number;
  readonly advanceWidth: number;
}

/**
 * The parts of pdfkit 0.20's EmbeddedFont we use (not in @types/pdfkit): its resource
 * name, metrics, PDF reference, the glyph encoder (which also records the glyphs for
 * subsetting and the ToUnicode map) and the fontkit font.
 */
export interface FontInternals {
  readonly id: string;
  readonly ascender: number;
  ref(): unknown;
  encode(text: string): [string[], GlyphPosition[]];
  /** Shape `text` (no space in it) without pdfkit's per-word layout cache. */
  layoutRun(text: string): { readonly advanceWidth: number };
  /** Shape `text` through pdfkit's per-word cache (positions in thousandths of the em). */
  layoutCached(text: string): {
    readonly glyphs: readonly { readonly bbox: { readonly minY: number } }[];
    readonly positions: readonly { readonly yOffset: number }[];
  };
  readonly font: {
    readonly unitsPerEm: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
  };
}

/** Size used for measuring: widths come back in thousandths of the em. */
const UNIT = 1000;

export class FontSelector {
  private file = '';
  private size = 0;
  private readonly shortcuts = new Map<string, FastGlyphs>();
  private readonly depths = new RecentMemo<number>(10_000);

  constructor(readonly doc: Doc) {}

  use(file: string, size: number): void {
    if (file !== this.file) {
      this.doc.font(file);
      this.file = file;
    }
    if (size !== this.size) {
      this.doc.fontSize(size);
      this.size = size;
    }
  }

  /** pdfkit's font object for `file` (loaded on first use). */
  font(file: string): FontInternals {
    this.use(file, this.size || UNIT);
    const font = (this.doc as unknown as { _font: FontInternals })._font;
    if (
      typeof font.encode !== 'function' ||
      typeof font.ref !== 'function' ||
      typeof font.layoutRun !== 'function' ||
      typeof font.layoutCached !== 'function'
    ) {
      throw new Error('internal: unexpected pdfkit font object (pdfkit version changed?)');
    }
    guardFontkit(font.font);
    return font;
  }

  /** The shaping shortcut for `file`'s font. */
  fast(file: string): FastGlyphs {
    let fast = this.shortcuts.get(file);
    if (!fast) {
      fast = new FastGlyphs(this.font(file) as unknown as ShapingInternals);
      this.shortcuts.set(file, fast);
    }
    return fast;
  }

  /** Advance width of `text` in thousandths of the em (kerning included, as drawn). */
  measure(file: string, text: string): number {
    const w = this.fast(file).safeWidth(text);
    if (!Number.isNaN(w)) return w;
    this.use(file, UNIT);
    return this.doc.widthOfString(text);
  }

  /**
   * The same width as `measure` for a string without spaces, shaped without adding it to
   * pdfkit's layout cache: for strings measured once (candidate pieces of a long word).
   */
  measureOnce(file: string, text: string): number {
    const w = this.fast(file).safeWidth(text);
    if (!Number.isNaN(w)) return w;
    // doc.widthOfString's arithmetic at size UNIT, for bit-identical widths.
    return (this.font(file).layoutRun(text).advanceWidth * 100) / 100;
  }

  /** Empty pdfkit's per-word glyph-run caches of every font (same runs when shaped again). */
  releaseShaping(): void {
    releaseFontCaches(this.doc);
  }

  /**
   * How far below the baseline the glyphs of `text` drawn in `file` reach, in ems (their
   * outlines' lowest point, marks placed as drawn); 0 when none goes below it.
   */
  depth(file: string, text: string): number {
    // Word by word, each with the space after it, as pdfkit's layout cuts a text: the
    // runs it shaped and cached when the text was measured are read again, not shaped a
    // second time (a whole line shaped again doubled the time of a table of Kannada
    // names: a review).
    let deepest = 0;
    let last = 0;
    for (let i = 0; i <= text.length;) {
      const c = text[i];
      if ((i === text.length && last < i) || c === ' ' || c === '\t') {
        const word = text.slice(last, ++i);
        last = i;
        deepest = Math.max(deepest, this.wordDepth(file, word));
      } else i++;
    }
    return deepest;
  }

  private wordDepth(file: string, word: string): number {
    const key = `${file}\0${word}`;
    let depth = this.depths.get(key);
    if (depth === undefined) {
      const font = this.font(file);
      // Positions in thousandths of the em (pdfkit scales them), outlines in font units.
      const run = font.layoutCached(word);
      const scale = 1000 / font.font.unitsPerEm;
      let low = 0;
      for (let i = 0; i < run.glyphs.length; i++)
        low = Math.min(low, run.glyphs[i]!.bbox.minY * scale + (run.positions[i]?.yOffset ?? 0));
      depth = -low / 1000;
      this.depths.set(key, depth);
    }
    return depth;
  }

  hasGlyph(file: string, codePoint: number): boolean {
    return this.font(file).font.hasGlyphForCodePoint(codePoint);
  }
}
