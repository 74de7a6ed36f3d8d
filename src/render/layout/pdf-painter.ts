/// <reference types="pdfkit" />
/**
 * The drawing pass's painter over a pdfkit document: every pdfkit call of the drawing
 * pass is here. Text, rectangles and rules go into the page's content stream through
 * TextWriter (measured lines at explicit positions: pdfkit never wraps or adds a page on
 * its own); pages, links, destinations and bookmarks are pdfkit's. Every content item is
 * marked as a structure element's content or as an artifact by StructureWriter (tagged
 * PDF); the running header and footer are pagination artifacts.
 */
import type { FontSelector } from '../text/font-selector.js';
import type { Line, Measurer } from '../text/measure.js';
import type { RunLayout } from '../text/runs.js';
import { numberLike } from '../text/runs.js';
import type { TextStyle, Theme } from '../theme.js';
import type { Painter, Point, ShapePaint, StructureTag } from './flow.js';
import { StructureWriter } from './structure-writer.js';
import { TextWriter } from './text-writer.js';

type Doc = PDFKit.PDFDocument;
type OutlineItem = PDFKit.PDFOutline;

/** Draws the running header and footer of a page (knows the page total). */
export type FurnitureDrawer = (painter: Painter, pageNumber: number) => void;

/**
 * A character of a script written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko),
 * and the tatweel (U+0640, which stretches an Arabic word: `مـرحـبـا`), of the Common
 * script: a letter, it ended pdftotext's run as a Latin letter would, and the word was
 * read back reversed. (Not by script extensions: Latin combining marks have Arabic and
 * Hebrew among theirs.)
 */
const RTL_CLASS =
  '[\\p{Script=Hebrew}\\p{Script=Arabic}\\p{Script=Syriac}\\p{Script=Thaana}\\p{Script=Nko}\\u0640]';
const RIGHT_TO_LEFT = new RegExp(RTL_CLASS, 'u');
/**
 * A character that ends pdftotext's runs of reversed text: a left-to-right letter, a
 * digit, or a sign or separator of numbers (see numberLike: `:` `,` `.` `/` `-` `%`...).
 */
const LEFT_TO_RIGHT_LETTER = new RegExp(`^(?!${RTL_CLASS})\\p{L}$`, 'u');
const DIGIT = /^\p{Nd}$/u;
const endsRun = (ch: string): boolean =>
  DIGIT.test(ch) || LEFT_TO_RIGHT_LETTER.test(ch) || numberLike(ch);

export class PdfPainter implements Painter {
  private readonly outline: OutlineItem[] = [];
  private readonly writer: TextWriter;
  private readonly structure: StructureWriter;

  constructor(
    private readonly doc: Doc,
    private readonly fonts: FontSelector,
    private readonly measurer: Measurer,
    private readonly theme: Theme,
    private readonly furniture: FurnitureDrawer,
    private readonly onPage?: (pageNumber: number) => void,
  ) {
    this.writer = new TextWriter(doc, theme.geometry.height);
    this.structure = new StructureWriter(doc, this.writer);
  }

  beginPage(pageNumber: number, furniture: boolean): void {
    const { width, height } = this.theme.geometry;
    this.structure.endPage();
    this.writer.flush();
    this.doc.addPage({ size: [width, height], margin: 0 });
    this.structure.startPage();
    this.onPage?.(pageNumber);
    if (furniture) {
      this.structure.beginArtifact();
      this.furniture(this, pageNumber);
      this.structure.endArtifact();
    }
  }

  text(line: Line, style: TextStyle, x: number, y: number): void {
    if (line.text.length === 0) return;
    this.structure.content('text');
    // (Looked up once per line drawn, here.)
    const layout = this.measurer.runs(line);
    // A piece of a broken identifier: extraction reads the whole identifier, or nothing;
    // a line with right-to-left words: its words in logical order (see readingOrder).
    // (It replaces the spans of reordered text below: poppler does not nest them.)
    // A broken identifier's or path's whole text (Line.actualText) too: written for
    // poppler when it has right-to-left letters, else an Arabic path came back reversed.
    // (readingOrder leaves text without right-to-left letters as it is.)
    const logical = line.actualText ?? (layout && hasRightToLeft(layout) ? line.text : undefined);
    const whole =
      logical !== undefined && RIGHT_TO_LEFT.test(logical) ? readingOrder(logical) : logical;
    if (whole !== undefined) this.writer.beginActualText(whole);
    this.draw(line, layout, style, x, y, whole === undefined);
    if (whole !== undefined) this.writer.endMarkedContent();
  }

  private draw(
    line: Line,
    layout: RunLayout | undefined,
    style: TextStyle,
    x: number,
    y: number,
    spans: boolean,
  ): void {
    const top = y + this.measurer.topPad(style);
    if (!layout) {
      const font = this.fonts.font(line.file);
      this.writer.add(font, this.fonts.fast(line.file), style.size, style.color, x, top, line.text);
      return;
    }
    // Runs in visual order; reordered text carries its logical text for extraction.
    const actual = spans ? layout.actualText : undefined;
    if (actual !== undefined) this.writer.beginActualText(actual);
    // One baseline for every run: the role font's (TextWriter places by each font's ascender).
    const ascender = this.fonts.font(line.file).ascender;
    const runs = layout.runs;
    let cx = x;
    for (let i = 0; i < runs.length;) {
      const run = runs[i] as (typeof runs)[number];
      // Right-to-left pieces of one font in a row (words and the spaces between them) are
      // shown as one operator (extraction reads the line's /ActualText: readingOrder).
      let j = i + 1;
      let width = run.units;
      if (run.visualText !== undefined) {
        while (runs[j]?.visualText !== undefined && runs[j]?.file === run.file) {
          width += runs[j]?.units ?? 0;
          j++;
        }
      }
      const group = runs.slice(i, j);
      const font = this.fonts.font(run.file);
      const runTop = top + ((ascender - font.ascender) * style.size) / 1000;
      const texts = group.length === 1 ? run.text : group.map((r) => r.text);
      this.writer.add(font, this.fonts.fast(run.file), style.size, style.color, cx, runTop, texts);
      cx += (width * style.size) / 1000;
      i = j;
    }
    if (actual !== undefined) this.writer.endMarkedContent();
  }

  openTag(tag: StructureTag): void {
    this.structure.openTag(tag);
  }
  reopenTag(index: number): void {
    this.structure.reopenTag(index);
  }
  closeTag(): void {
    this.structure.closeTag();
  }
  beginArtifact(): void {
    this.structure.beginArtifact();
  }
  endArtifact(): void {
    this.structure.endArtifact();
  }

  /** Write what is pending (the last page's marks, the structure tree); call before ending the document. */
  finish(): void {
    this.structure.finish();
    this.writer.flush();
  }

  fillRect(x: number, y: number, width: number, height: number, color: string): void {
    this.structure.content('graphic');
    this.writer.fillRect(x, y, width, height, color);
  }

  strokeRect(
    x: number,
    y: number,
    width: number,
    height: number,
    color: string,
    lineWidth: number,
  ): void {
    this.structure.content('graphic');
    this.writer.strokeRect(x, y, width, height, color, lineWidth);
  }

  line(
    x1: number,
    y1: number,
    x2: number,
    y2: number,
    color: string,
    lineWidth: number,
    dash?: number,
  ): void {
    this.structure.content('graphic');
    this.writer.line(x1, y1, x2, y2, color, lineWidth, dash);
  }

  circle(cx: number, cy: number, r: number, paint: ShapePaint): void {
    this.structure.content('graphic');
    this.writer.circle(cx, cy, r, paint);
  }

  polygon(points: readonly Point[], paint: ShapePaint): void {
    this.structure.content('graphic');
    this.writer.polygon(points, paint);
  }

  link(
    x: number,
    y: number,
    width: number,
    height: number,
    anchor: string,
    description: string,
  ): void {
    this.structure.link(description, (options) =>
      this.doc.goTo(x, y, width, height, anchor, options),
    );
  }

  anchor(name: string, y: number): void {
    this.doc.addNamedDestination(name, 'XYZ', 0, y, null);
  }

  bookmark(level: number, title: string, y: number): void {
    const depth = Math.max(1, Math.min(level, this.outline.length + 1));
    const parent = depth === 1 ? this.doc.outline : this.outline[depth - 2];
    if (!parent) return;
    // pdfkit computes the destination as [page width - left, page height - top] (pdfkit 0.20).
    const options = { top: y, left: this.theme.geometry.width } as { expanded?: boolean };
    const item = parent.addItem(title, options);
    this.outline.length = depth - 1;
    this.outline.push(item);
  }
}

/**
 * What extraction reads for a line that holds right-to-left letters, made for poppler's
 * pdftotext, the reader cli.md names: it takes the text of an /ActualText in the order
 * given, and in a left-to-right page reverses each run that starts at a right-to-left
 * letter and goes on over every character that is neither a left-to-right letter, nor a
 * digit, nor a sign or separator of numbers (endsRun; taking it for drawn right to left). So each such run of the logical text, from
 * its first right-to-left letter to its last, is written reversed (neutral characters
 * before it stay in place), and neutral characters after it (a closing bracket) are put
 * after a LEFT-TO-RIGHT MARK, which ends the run: pdftotext then gives the line as typed
 * (with its own invisible direction marks). Spans per word (the letters of each in
 * drawing order) gave the words, but in drawing order across a number or a Latin word:
 * `مكتب 42 باريس ABC` was read `باريس 42 مكتب ABC`.
 */
function readingOrder(text: string): string {
  let out = '';
  let run = '';
  for (const ch of text) {
    if (!endsRun(ch)) run += ch;
    else {
      out += reversedRun(run) + ch;
      run = '';
    }
  }
  return out + reversedRun(run);
}

/** A run of readingOrder: from its first right-to-left letter to its last, reversed. */
function reversedRun(run: string): string {
  const first = run.search(RIGHT_TO_LEFT);
  if (first < 0) return run;
  let last = run.length;
  while (last > 0 && !RIGHT_TO_LEFT.test(run.slice(last - 1, last))) last--;
  // (Tested a UTF-16 unit at a time: the rare right-to-left letters outside the BMP
  // end a run as neutral characters would.)
  // Neutral characters before the first right-to-left letter (`; ` after a Latin word)
  // are not in pdftotext's reversed run: they stay where they are.
  const core = run.slice(0, first) + [...run.slice(first, last)].reverse().join('');
  const after = run.slice(last);
  return after === '' ? core : `${core}\u200e${after}`;
}

/** Whether a line's layout has right-to-left pieces (RunSplitter gives them visualText). */
function hasRightToLeft(layout: RunLayout): boolean {
  for (const run of layout.runs) if (run.visualText !== undefined) return true;
  return false;
}
