/**
 * A shaping shortcut for long tables. pdfkit shapes every distinct word with fontkit's
 * OpenType engine; in a table of thousands of transfers nearly every amount, time and
 * id is a distinct word, and shaping dominates the render time.
 *
 * For the fonts we embed (DejaVu, Latin text), shaping a word amounts to: one glyph per
 * character, plus a pair-kerning adjustment between neighbours. So each character and
 * each adjacent pair is shaped once with fontkit itself and remembered: a character is
 * "simple" when fontkit maps it to its cmap glyph with no offset, a pair is simple when
 * fontkit keeps both glyphs with no offset (its kerning, if any, is recorded). A word
 * made only of simple characters and pairs gets its glyph run built from those facts
 * and put into pdfkit's per-word layout cache, so that pdfkit's own encoder (subsetting,
 * widths, ToUnicode) runs unchanged; anything else (ligatures, combining marks,
 * unusual scripts) goes through fontkit as usual. tests/render/fast-glyphs.test.ts
 * checks the result against fontkit on random text.
 */

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
  private readonly enabled: boolean;

  constructor(private readonly font: ShapingInternals) {
    this.enabled =
      typeof font.scale === 'number' &&
      typeof font.font?.glyphForCodePoint === 'function' &&
      typeof font.font?.layout === 'function';
  }

  /** Whether `text` can skip the shaper. */
  isSafe(text: string): boolean {
    if (!this.enabled || text.length > MAX_WORD) return false;
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
    if (g === undefined && MARK.test(String.fromCharCode(c))) {
      // Combining marks attach to their base in context: always left to the shaper.
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
