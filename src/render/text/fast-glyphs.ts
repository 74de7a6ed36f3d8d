/**
 * A shaping shortcut for long tables. pdfkit shapes every distinct word with fontkit's
 * OpenType engine; in a table of thousands of transfers nearly every amount, time and
 * id is a distinct word, and shaping dominates the render time.
 *
 * For the fonts we embed (DejaVu, Latin text), shaping a word amounts to: one glyph per
 * character, plus a pair-kerning adjustment between neighbours. So each character and
 * each adjacent pair is shaped once with fontkit itself and remembered: a character is
 * "simple" when fontkit maps it to its cmap glyph with no offset, a pair is simple when
 * fontkit keeps both glyphs with no offset (its kerning, if any, is recorded). A string
 * made only of simple characters and pairs is measured from those facts (`safeWidth`,
 * `spans`) and encoded from them (`encode`: glyph ids included in pdfkit's subset,
 * widths and ToUnicode tables exactly as pdfkit's encoder does, without building glyph
 * runs); when pdfkit's internals are not as expected, its runs are built instead and put
 * into pdfkit's per-word layout cache (`prime`) for its own encoder. Anything else
 * (ligatures, combining marks, unusual scripts) goes through fontkit as usual.
 * tests/render/fast-glyphs.test.ts checks widths, glyph ids and kerning against fontkit
 * and pdfkit on random text.
 */

import { prefersScriptFont } from '../fonts.js';

interface FontkitGlyph {
  readonly id: number;
  readonly advanceWidth: number;
  readonly codePoints: readonly number[];
}

interface FontkitRun {
  readonly glyphs: readonly FontkitGlyph[];
  readonly positions: readonly {
    readonly xAdvance: number;
    readonly yAdvance: number;
    readonly xOffset: number;
    readonly yOffset: number;
  }[];
}

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

interface Run {
  readonly glyphs: readonly FontkitGlyph[];
  readonly positions: readonly Position[];
  readonly advanceWidth: number;
}

/** pdfkit 0.20 EmbeddedFont internals this shortcut relies on. */
export interface ShapingInternals {
  /** 1000 / unitsPerEm. */
  readonly scale: number;
  readonly layoutCache?: Record<string, Run>;
  readonly font: {
    glyphForCodePoint(codePoint: number): FontkitGlyph;
    layout(text: string): FontkitRun;
  };
  /** What EmbeddedFont.encode() fills: the subset (glyph id → subset id), widths and ToUnicode by subset id. */
  readonly subset?: { includeGlyph(glyphId: number): number };
  readonly widths?: (number | undefined)[];
  readonly unicode?: (readonly number[] | undefined)[];
}

/** Words longer than this are left to the shaper (rare; keeps the pair checks cheap). */
const MAX_WORD = 200;
const SPACE = 0x20;
const MARK = /^\p{M}$/u;

export class FastGlyphs {
  /** By UTF-16 code unit: the glyph of a simple character, null when not simple. */
  private readonly glyphs = new Map<number, FontkitGlyph | null>();
  /** By `a << 16 | b`: kerning of a simple pair in font units, null when not simple. */
  private readonly pairs = new Map<number, number | null>();
  /** By UTF-16 code unit: the subset id of its glyph (encode()). */
  private readonly gids = new Map<number, number>();
  private readonly enabled: boolean;
  /** Whether encode() can write pdfkit's subset, widths and ToUnicode tables itself. */
  readonly encodes: boolean;

  constructor(private readonly font: ShapingInternals) {
    this.enabled =
      typeof font.scale === 'number' &&
      typeof font.font?.glyphForCodePoint === 'function' &&
      typeof font.font?.layout === 'function';
    this.encodes =
      this.enabled &&
      typeof font.subset?.includeGlyph === 'function' &&
      Array.isArray(font.widths) &&
      Array.isArray(font.unicode);
  }

  /** Whether `text` can skip the shaper (never when longer than `maxLength`). */
  isSafe(text: string, maxLength = MAX_WORD): boolean {
    if (!this.enabled || text.length > maxLength) return false;
    let prev = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdfff) return false;
      if (this.glyph(c) === null) return false;
      if (prev >= 0 && prev !== SPACE && this.kern(prev, c) === null) return false;
      prev = c;
    }
    return true;
  }

  /**
   * Advance width in thousandths of the em of `text` when it is safe (as `isSafe`, then
   * `width`, in one scan), else NaN.
   */
  safeWidth(text: string): number {
    if (!this.enabled || text.length > MAX_WORD) return Number.NaN;
    let w = 0;
    let prev = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdfff) return Number.NaN;
      const g = this.glyph(c);
      if (g === null) return Number.NaN;
      w += g.advanceWidth;
      if (prev >= 0 && prev !== SPACE) {
        const k = this.kern(prev, c);
        if (k === null) return Number.NaN;
        w += k;
      }
      prev = c;
    }
    return w * this.font.scale;
  }

  /** Advance width of a safe string in thousandths of the em, as pdfkit lays it out. */
  width(text: string): number {
    let w = 0;
    let prev = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      w += (this.glyph(c) as FontkitGlyph).advanceWidth;
      if (prev >= 0 && prev !== SPACE) w += this.kern(prev, c) ?? 0;
      prev = c;
    }
    return w * this.font.scale;
  }

  /**
   * Widths of the substrings of a safe string, from prefix sums: `span(from, to)` is
   * exactly `width(text.slice(from, to))` (advances and kerning are whole font units, so
   * the sums are exact), in O(1) instead of O(length). For breaking long tokens.
   */
  spans(text: string): (from: number, to: number) => number {
    const n = text.length;
    /** advance[k]: advances of text[0..k); kern[k]: kerning of the pairs (i, i+1) with i < k. */
    const advance = new Float64Array(n + 1);
    const kern = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      advance[i + 1] = (advance[i] as number) + (this.glyph(c) as FontkitGlyph).advanceWidth;
      const k = i + 1 < n && c !== SPACE ? (this.kern(c, text.charCodeAt(i + 1)) ?? 0) : 0;
      kern[i + 1] = (kern[i] as number) + k;
    }
    const scale = this.font.scale;
    return (from, to) => {
      if (to <= from) return 0;
      const w =
        (advance[to] as number) -
        (advance[from] as number) +
        (kern[to - 1] as number) -
        (kern[from] as number);
      return w * scale;
    };
  }

  /**
   * The glyph ids and kerning of a safe string, as pdfkit's `encode()` would give them for
   * the glyph runs `prime()` makes, without building the runs: calls `glyph(gid, adjust)`
   * for each character, with its glyph's subset id and `xAdvance - advanceWidth` of its
   * position (the kerning after it, 0 for none). Includes the glyphs in pdfkit's subset,
   * widths and ToUnicode tables in the same order as encode() (only when `encodes`).
   */
  encode(text: string, glyph: (gid: number, adjust: number) => void): void {
    const scale = this.font.scale;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let gid = this.gids.get(c);
      if (gid === undefined) gid = this.include(c);
      let adjust = 0;
      if (i + 1 < text.length && c !== SPACE) {
        const kern = this.kern(c, text.charCodeAt(i + 1)) ?? 0;
        if (kern !== 0) {
          // The same arithmetic as run() and pdfkit's encoder: xAdvance - advanceWidth.
          const aw = (this.glyph(c) as FontkitGlyph).advanceWidth;
          adjust = (aw + kern) * scale - aw * scale;
        }
      }
      glyph(gid, adjust);
    }
  }

  /** Subset id of a simple character's glyph, recorded as pdfkit's encode() does. */
  private include(c: number): number {
    const g = this.glyph(c) as FontkitGlyph;
    const font = this.font as Required<ShapingInternals>;
    const gid = font.subset.includeGlyph(g.id);
    if (font.widths[gid] == null) font.widths[gid] = g.advanceWidth * this.font.scale;
    if (font.unicode[gid] == null) font.unicode[gid] = g.codePoints;
    this.gids.set(c, gid);
    return gid;
  }

  /** Put the glyph runs of a safe string's words into pdfkit's layout cache (pdfkit splits words after spaces). */
  prime(text: string): void {
    const cache = this.font.layoutCache;
    if (!cache) return;
    if (!text.includes(' ')) {
      if (cache[text] === undefined) cache[text] = this.run(text);
      return;
    }
    let last = 0;
    for (let i = 0; i <= text.length; i++) {
      const end = i === text.length;
      if (!end && text.charCodeAt(i) !== SPACE) continue;
      const chunk = text.slice(last, end ? i : i + 1);
      if (chunk && cache[chunk] === undefined) cache[chunk] = this.run(chunk);
      last = i + 1;
    }
  }

  private glyph(c: number): FontkitGlyph | null {
    let g = this.glyphs.get(c);
    if (g === undefined && (MARK.test(String.fromCharCode(c)) || prefersScriptFont(c))) {
      // Combining marks attach to their base in context, and letters of shaped scripts
      // (Arabic, Hebrew, Indic, Thai) are drawn in their script's font: left to the shaper.
      g = null;
      this.glyphs.set(c, g);
    }
    if (g === undefined) {
      const run = this.font.font.layout(String.fromCharCode(c));
      const mapped = this.font.font.glyphForCodePoint(c);
      const p = run.positions[0];
      const simple =
        run.glyphs.length === 1 &&
        run.glyphs[0]?.id === mapped.id &&
        mapped.id !== 0 &&
        p !== undefined &&
        !p.xOffset &&
        !p.yOffset &&
        !p.yAdvance;
      g = simple ? mapped : null;
      this.glyphs.set(c, g);
    }
    return g;
  }

  private kern(a: number, b: number): number | null {
    const key = (a << 16) | b;
    let k = this.pairs.get(key);
    if (k === undefined) {
      k = this.shapePair(a, b);
      this.pairs.set(key, k);
    }
    return k;
  }

  private shapePair(a: number, b: number): number | null {
    const ga = this.glyph(a);
    const gb = this.glyph(b);
    if (ga === null || gb === null) return null;
    const run = this.font.font.layout(String.fromCharCode(a, b));
    const [pa, pb] = run.positions;
    const simple =
      run.glyphs.length === 2 &&
      run.glyphs[0]?.id === ga.id &&
      run.glyphs[1]?.id === gb.id &&
      pa !== undefined &&
      pb !== undefined &&
      !pa.xOffset &&
      !pa.yOffset &&
      !pa.yAdvance &&
      !pb.xOffset &&
      !pb.yOffset &&
      !pb.yAdvance &&
      pb.xAdvance === gb.advanceWidth;
    return simple ? pa.xAdvance - ga.advanceWidth : null;
  }

  private run(chunk: string): Run {
    const glyphs: FontkitGlyph[] = [];
    const positions: Position[] = [];
    let advanceWidth = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      const g = this.glyph(c) as FontkitGlyph;
      const kern =
        i + 1 < chunk.length && c !== SPACE ? (this.kern(c, chunk.charCodeAt(i + 1)) ?? 0) : 0;
      const advance = g.advanceWidth * this.font.scale;
      const x = (g.advanceWidth + kern) * this.font.scale;
      glyphs.push(g);
      positions.push({ xAdvance: x, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: advance });
      advanceWidth += x;
    }
    return { glyphs, positions, advanceWidth };
  }
}
