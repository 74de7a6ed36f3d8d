/// <reference types="pdfkit" />
/**
 * Writes a page's content stream ourselves: text, filled rectangles and rules, queued as
 * operators and handed to pdfkit once per page. pdfkit's doc.text() costs two width
 * measurements, a transform and a save/restore per call, and each of its drawing calls
 * writes a buffer of its own; a table of 10,000 rows makes ~100,000 of them.
 *
 * Text goes in text objects (`BT … ET`) holding many lines, each placed relative to the
 * previous one (`Td`), with glyph ids written as literal byte strings (two bytes per glyph,
 * Identity-H) rather than hex: the content streams are over a third smaller, and zlib
 * (pdfkit compresses every page) spends its time in proportion. Subsetting, widths and
 * the ToUnicode map are still pdfkit's tables (see FastGlyphs.encode for plain strings;
 * other strings go through pdfkit's encoder).
 */
import type { FastGlyphs } from '../text/fast-glyphs.js';
import type { FontInternals, GlyphPosition } from '../text/font-selector.js';
import { RecentMemo } from '../text/recent-memo.js';
import type { Point, ShapePaint } from './flow.js';

/** A number for a content stream: at most 3 decimals, no exponent. */
function num(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

const COMPONENTS = new Map<string, string>();
/** `#RRGGBB` as the three components of an `rg` / `RG` operator. */
function rgb(hex: string): string {
  let s = COMPONENTS.get(hex);
  if (s === undefined) {
    const v = Number.parseInt(hex.slice(1), 16);
    s = `${num(((v >> 16) & 255) / 255)} ${num(((v >> 8) & 255) / 255)} ${num((v & 255) / 255)}`;
    if (COMPONENTS.size < 1000) COMPONENTS.set(hex, s);
  }
  return s;
}

/** Each byte as it may stand in a literal string: `(`, `)`, `\`, CR and LF escaped. */
const BYTE: readonly string[] = Array.from({ length: 256 }, (_, b) => {
  if (b === 0x28 || b === 0x29 || b === 0x5c) return `\\${String.fromCharCode(b)}`;
  if (b === 0x0d) return '\\r';
  if (b === 0x0a) return '\\n';
  return String.fromCharCode(b);
});

/** Literal-string bytes of a 2-byte glyph id (Identity-H), by glyph id (filled on demand). */
const GLYPH: string[] = [];
function glyphBytes(gid: number): string {
  let s = GLYPH[gid];
  if (s === undefined) GLYPH[gid] = s = `${BYTE[gid >> 8] ?? ''}${BYTE[gid & 255] ?? ''}`;
  return s;
}

/**
 * The show-text operator of glyph runs, each run followed by the kerning after its last
 * glyph (in thousandths of the em, as `TJ` wants it; zero at the end is left out).
 */
class ShowText {
  /** Pieces of the operator, joined once into a flat string (cached operators are reused many times). */
  private readonly parts: string[] = [];
  private runs = 0;
  /** Whether a run is open (its `(` written). */
  private open = false;
  /** Whether the last run is followed by a kerning number. */
  private kerned = false;

  glyph(gid: number, adjust: number): void {
    if (!this.open) {
      this.parts.push(this.runs > 0 ? ' (' : '(');
      this.open = true;
    }
    this.parts.push(glyphBytes(gid));
    if (adjust !== 0) this.close(adjust);
  }

  /** The operator, or '' when no glyph was added; resets. */
  take(): string {
    this.close(0);
    const body = this.parts.join('');
    const op =
      this.runs === 0 ? '' : this.runs === 1 && !this.kerned ? `${body} Tj` : `[${body}] TJ`;
    this.parts.length = 0;
    this.runs = 0;
    this.kerned = false;
    return op;
  }

  private close(adjust: number): void {
    if (!this.open) return;
    const k = num(-adjust);
    if (k === '0' && adjust !== 0) return; // no visible kerning: the run goes on
    this.parts.push(k === '0' ? ')' : `) ${k}`);
    this.kerned = k !== '0';
    this.runs++;
    this.open = false;
  }
}

/** Control-point distance of a quarter circle of radius 1 drawn as a cubic Bézier. */
const KAPPA = 0.5522847498;

/** A PDF text string as hex: UTF-16BE with its byte order mark. */
function utf16Hex(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return hex.toUpperCase();
}

/**
 * Show-text operators remembered per generation (see RecentMemo): repeated names, labels,
 * dates are common in tables; ids and amounts are not. 4,096, as the measurer's memos
 * (MEMO_GENERATION in measure.ts, where the measurement is).
 */
const TJ_GENERATION = 4_096;

export class TextWriter {
  private ops: string[] = [];
  /** Inside `q … cm BT`, with the text state below. */
  private inText = false;
  /** A marked-content sequence begun inside the current text object is open. */
  private markInText = false;
  private font: FontInternals | undefined;
  private size = 0;
  private color = '';
  /** Start of the current text line (what `Td` is relative to), as written. */
  private lx = 0;
  private ly = 0;
  /** Fill colour of the page's graphics state (outside text objects). */
  private fill = '';
  /** Show-text operator by font and text, for lines without glyph offsets. */
  private readonly tjCache = new Map<FontInternals, RecentMemo<string>>();
  private readonly show = new ShowText();
  private readonly deltas = new Map<number, string>();
  private readonly glyph = (gid: number, adjust: number) => this.show.glyph(gid, adjust);
  private readonly flip: string;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly pageHeight: number,
  ) {
    this.flip = `q 1 0 0 -1 0 ${num(pageHeight)} cm BT`;
  }

  /**
   * Queue one line; `top` is the top of the glyphs' ascender line, in top-down page
   * coordinates. Several texts are shaped one by one and shown as one operator, in the
   * order given (right-to-left words in visual order: extractors that read each
   * operator as a unit, like pdf.js, reorder the whole sequence).
   */
  add(
    font: FontInternals,
    fast: FastGlyphs,
    size: number,
    color: string,
    x: number,
    top: number,
    text: string | readonly string[],
  ): void {
    const fonts = this.doc.page.fonts as Record<string, unknown>;
    if (fonts[font.id] === undefined) fonts[font.id] = font.ref();
    this.startText();
    if (font !== this.font || size !== this.size) {
      this.ops.push(`/${font.id} ${num(size)} Tf`);
      this.font = font;
      this.size = size;
    }
    if (color !== this.color) {
      this.ops.push(`${rgb(color)} rg`);
      this.color = color;
    }
    const y = this.pageHeight - top - (font.ascender / 1000) * size;
    this.glyphs(font, fast, size, x, y, text);
  }

  /**
   * Open a marked-content span whose extracted text is `text` (`/ActualText`), for runs
   * drawn in another order than the one they are read in. Closed by endMarkedContent();
   * it nests inside other marked content and stays inside one text object.
   */
  beginActualText(text: string): void {
    this.startText();
    this.ops.push(`/Span <</ActualText <${utf16Hex(text)}>>> BDC`);
  }

  endMarkedContent(): void {
    this.ops.push('EMC');
  }

  /** A filled rectangle (top-down page coordinates). */
  fillRect(x: number, y: number, width: number, height: number, color: string): void {
    this.endText();
    if (color !== this.fill) {
      this.ops.push(`${rgb(color)} rg`);
      this.fill = color;
    }
    this.ops.push(`${num(x)} ${num(y)} ${num(width)} ${num(height)} re f`);
  }

  /** A stroked rectangle. */
  strokeRect(
    x: number,
    y: number,
    width: number,
    height: number,
    color: string,
    lineWidth: number,
  ): void {
    this.endText();
    this.ops.push(
      `q ${num(lineWidth)} w ${rgb(color)} RG ${num(x)} ${num(y)} ${num(width)} ${num(height)} re S Q`,
    );
  }

  /** A straight rule, dashed (dash, gap twice as long) when `dash` is given. */
  line(
    x1: number,
    y1: number,
    x2: number,
    y2: number,
    color: string,
    lineWidth: number,
    dash?: number,
  ): void {
    this.endText();
    const pattern = dash ? ` [${num(dash)} ${num(dash * 2)}] 0 d` : '';
    this.ops.push(
      `q ${num(lineWidth)} w ${rgb(color)} RG${pattern} ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S Q`,
    );
  }

  /** A circle as four Bézier arcs, filled and/or stroked. */
  circle(cx: number, cy: number, r: number, paint: ShapePaint): void {
    const k = r * KAPPA;
    const path = [
      `${num(cx + r)} ${num(cy)} m`,
      `${num(cx + r)} ${num(cy + k)} ${num(cx + k)} ${num(cy + r)} ${num(cx)} ${num(cy + r)} c`,
      `${num(cx - k)} ${num(cy + r)} ${num(cx - r)} ${num(cy + k)} ${num(cx - r)} ${num(cy)} c`,
      `${num(cx - r)} ${num(cy - k)} ${num(cx - k)} ${num(cy - r)} ${num(cx)} ${num(cy - r)} c`,
      `${num(cx + k)} ${num(cy - r)} ${num(cx + r)} ${num(cy - k)} ${num(cx + r)} ${num(cy)} c`,
    ];
    this.shape(path.join(' '), paint);
  }

  /** A closed polygon, filled and/or stroked. */
  polygon(points: readonly Point[], paint: ShapePaint): void {
    if (points.length < 3) return;
    const path = points.map(([x, y], i) => `${num(x)} ${num(y)} ${i === 0 ? 'm' : 'l'}`);
    this.shape(`${path.join(' ')} h`, paint);
  }

  /** Paint a path in its own graphics state (`f`, `S` or `B`: fill, stroke, both). */
  private shape(path: string, paint: ShapePaint): void {
    if (!paint.fill && !paint.stroke) return;
    this.endText();
    const fill = paint.fill ? ` ${rgb(paint.fill)} rg` : '';
    const stroke = paint.stroke ? ` ${num(paint.lineWidth ?? 0.8)} w ${rgb(paint.stroke)} RG` : '';
    const op = paint.fill && paint.stroke ? 'B' : paint.fill ? 'f' : 'S';
    this.ops.push(`q${fill}${stroke} ${path} ${op} Q`);
  }

  /**
   * Begin a marked-content sequence (`BDC`). An `inline` one (text only, ended before any
   * rule or fill) is written inside a text object, so consecutive table cells share one
   * (and their relative positioning); another one is written outside text objects, and any
   * text object begun inside it is ended before its `EMC`. Either way a sequence never
   * starts in one text object and ends outside it (ISO 32000-1 §14.6).
   */
  beginMark(operator: string, inline: boolean): void {
    if (inline) {
      this.startText();
      this.markInText = true;
    } else {
      this.endText();
      this.markInText = false;
    }
    this.ops.push(operator);
  }

  /** End the marked-content sequence begun by beginMark. */
  endMark(): void {
    if (!this.markInText) this.endText();
    this.markInText = false;
    this.ops.push('EMC');
  }

  /** Hand the page's queued operators to pdfkit (at the end of each page). */
  flush(): void {
    this.endText();
    if (this.ops.length > 0) {
      // As bytes (glyph ids are written as Latin-1 characters): pdfkit would copy the string twice.
      this.ops.push('');
      (this.doc.addContent as (data: string | Buffer) => unknown)(
        Buffer.from(this.ops.join('\n'), 'latin1'),
      );
    }
    this.ops = [];
    this.fill = '';
  }

  private startText(): void {
    if (this.inText) return;
    this.ops.push(this.flip);
    this.inText = true;
  }

  private endText(): void {
    if (!this.inText) return;
    if (this.markInText) throw new Error('internal: text object ended inside its marked content');
    this.ops.push('ET Q');
    this.inText = false;
    this.font = undefined;
    this.size = 0;
    this.color = '';
    this.lx = 0;
    this.ly = 0;
  }

  /** Start a text line at (x, y) (PDF coordinates): relative to the current line start. */
  private moveTo(x: number, y: number): void {
    const rx = Math.round(x * 1000) / 1000;
    const ry = Math.round(y * 1000) / 1000;
    this.ops.push(`${this.delta(rx - this.lx)} ${this.delta(ry - this.ly)} Td`);
    this.lx = rx;
    this.ly = ry;
  }

  /** num() of a move, remembered: tables repeat the same few (column steps, row pitch). */
  private delta(d: number): string {
    let s = this.deltas.get(d);
    if (s === undefined) {
      if (this.deltas.size > 10_000) this.deltas.clear();
      this.deltas.set(d, (s = num(d)));
    }
    return s;
  }

  /** The operators of one line: position, then glyphs with kerning and mark offsets (as pdfkit's _fragment). */
  private glyphs(
    font: FontInternals,
    fast: FastGlyphs,
    size: number,
    x: number,
    y: number,
    texts: string | readonly string[],
  ): void {
    let byText = this.tjCache.get(font);
    if (!byText) this.tjCache.set(font, (byText = new RecentMemo(TJ_GENERATION)));
    const text = typeof texts === 'string' ? texts : texts.join('\u0000');
    const cached = byText.get(text);
    this.moveTo(x, y);
    if (cached !== undefined) {
      this.ops.push(cached);
      return;
    }
    if (typeof texts !== 'string') {
      this.encodeLine(font, size, x, y, texts);
      return;
    }
    if (fast.encodes && fast.isSafe(text)) {
      fast.encode(text, this.glyph);
      const op = this.show.take();
      this.ops.push(op);
      byText.set(text, op);
      return;
    }
    const start = this.ops.length;
    if (fast.isSafe(text)) fast.prime(text);
    this.encodeLine(font, size, x, y, text);
    // Positioned by the Td above only (no mark offsets): the same operator fits anywhere.
    if (this.ops.length === start + 1) byText.set(text, this.ops[start] as string);
  }

  /** Through pdfkit's encoder (shaped text: ligatures, combining marks placed with offsets). */
  private encodeLine(
    font: FontInternals,
    size: number,
    x: number,
    y: number,
    text: string | readonly string[],
  ): void {
    let encoded: string[];
    let positions: GlyphPosition[];
    if (typeof text === 'string') [encoded, positions] = font.encode(text);
    else {
      encoded = [];
      positions = [];
      for (const part of text) {
        const [e, p] = font.encode(part);
        encoded.push(...e);
        positions.push(...p);
      }
    }
    const scale = size / 1000;
    const ops = this.ops;
    const show = this.show;
    const flush = () => {
      const op = show.take();
      if (op) ops.push(op);
    };
    let cx = x;
    let hadOffset = false;
    for (let i = 0; i < positions.length; i++) {
      const p = positions[i] as (typeof positions)[number];
      const gid = Number.parseInt(encoded[i] ?? '0', 16);
      if (p.xOffset || p.yOffset) {
        flush();
        this.moveTo(cx + p.xOffset * scale, y + p.yOffset * scale);
        show.glyph(gid, 0);
        flush();
        hadOffset = true;
      } else {
        if (hadOffset) {
          this.moveTo(cx, y);
          hadOffset = false;
        }
        show.glyph(gid, p.xAdvance - p.advanceWidth);
      }
      cx += p.xAdvance * scale;
    }
    flush();
  }
}
