/// <reference types="pdfkit" />
/**
 * Writes text straight into the page's content stream, many lines per BT…ET block.
 * pdfkit's doc.text() costs two width measurements, a transform and a save/restore per
 * call; a table of 10,000 rows makes ~100,000 calls, so we emit the same operators
 * ourselves (glyph encoding and subsetting still done by pdfkit's font.encode).
 */
import type { FastGlyphs } from '../text/fast-glyphs.js';
import type { FontInternals } from '../text/font-selector.js';

/** A number for a content stream: at most 3 decimals, no exponent. */
function num(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

function rgb(hex: string): string {
  const v = Number.parseInt(hex.slice(1), 16);
  return `${num(((v >> 16) & 255) / 255)} ${num(((v >> 8) & 255) / 255)} ${num((v & 255) / 255)} rg`;
}

/** Lines whose TJ operator is remembered (repeated names, labels, dates are common in tables). */
const MAX_CACHED = 100_000;

export class TextWriter {
  private ops: string[] = [];
  /** TJ operator by font id and text, for lines without glyph offsets. */
  private readonly tjCache = new Map<string, string>();
  private font: FontInternals | undefined;
  private size = 0;
  private color = '';

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly pageHeight: number,
  ) {}

  /** Queue one line; `top` is the top of the glyphs' ascender line, in top-down page coordinates. */
  add(
    font: FontInternals,
    fast: FastGlyphs,
    size: number,
    color: string,
    x: number,
    top: number,
    text: string,
  ): void {
    const fonts = this.doc.page.fonts as Record<string, unknown>;
    if (fonts[font.id] === undefined) fonts[font.id] = font.ref();
    if (font !== this.font || size !== this.size) {
      this.ops.push(`/${font.id} ${num(size)} Tf`);
      this.font = font;
      this.size = size;
    }
    if (color !== this.color) {
      this.ops.push(rgb(color));
      this.color = color;
    }
    const y = this.pageHeight - top - (font.ascender / 1000) * size;
    this.glyphs(font, fast, size, x, y, text);
  }

  /** Write the queued lines (before any graphics that must be drawn over them, and at page end). */
  flush(): void {
    if (this.ops.length === 0) return;
    this.doc.addContent(`q 1 0 0 -1 0 ${num(this.pageHeight)} cm BT\n${this.ops.join('\n')}\nET Q`);
    this.ops = [];
    this.font = undefined;
    this.size = 0;
    this.color = '';
  }

  /** The operators of one line: position, then glyphs with kerning and mark offsets (as pdfkit's _fragment). */
  private glyphs(
    font: FontInternals,
    fast: FastGlyphs,
    size: number,
    x: number,
    y: number,
    text: string,
  ): void {
    const key = `${font.id} ${text}`;
    const cached = this.tjCache.get(key);
    this.ops.push(`1 0 0 1 ${num(x)} ${num(y)} Tm`);
    if (cached !== undefined) {
      this.ops.push(cached);
      return;
    }
    const start = this.ops.length;
    if (fast.isSafe(text)) fast.prime(text);
    this.encodeLine(font, size, x, y, text);
    // Positioned by the Tm above only (no mark offsets): the same operator fits anywhere.
    if (this.ops.length === start + 1 && this.tjCache.size < MAX_CACHED)
      this.tjCache.set(key, this.ops[start] as string);
  }

  private encodeLine(font: FontInternals, size: number, x: number, y: number, text: string): void {
    const [encoded, positions] = font.encode(text);
    const scale = size / 1000;
    const ops = this.ops;
    const commands: string[] = [];
    let last = 0;
    let cx = x;
    let hadOffset = false;
    const segment = (cur: number) => {
      if (last < cur) {
        const p = positions[cur - 1];
        const adjust = p ? p.xAdvance - p.advanceWidth : 0;
        commands.push(`<${encoded.slice(last, cur).join('')}> ${num(-adjust)}`);
      }
      last = cur;
    };
    const flush = (i: number) => {
      segment(i);
      if (commands.length > 0) {
        ops.push(`[${commands.join(' ')}] TJ`);
        commands.length = 0;
      }
    };
    let i = 0;
    for (; i < positions.length; i++) {
      const p = positions[i] as (typeof positions)[number];
      if (p.xOffset || p.yOffset) {
        flush(i);
        ops.push(`1 0 0 1 ${num(cx + p.xOffset * scale)} ${num(y + p.yOffset * scale)} Tm`);
        flush(i + 1);
        hadOffset = true;
      } else {
        if (hadOffset) {
          ops.push(`1 0 0 1 ${num(cx)} ${num(y)} Tm`);
          hadOffset = false;
        }
        if (p.xAdvance - p.advanceWidth !== 0) segment(i + 1);
      }
      cx += p.xAdvance * scale;
    }
    flush(i);
  }
}
