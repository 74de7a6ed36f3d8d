/// <reference types="pdfkit" />
/**
 * The drawing pass's painter over a pdfkit document: every pdfkit drawing call of the
 * renderer is here. Text is drawn one measured line at a time with `lineBreak: false`
 * at an explicit position, so pdfkit never wraps or adds a page on its own.
 */
import type { FontSelector } from '../text/font-selector.js';
import type { Line, Measurer } from '../text/measure.js';
import type { TextStyle, Theme } from '../theme.js';
import type { Painter } from './flow.js';
import { TextWriter } from './text-writer.js';

type Doc = PDFKit.PDFDocument;
type OutlineItem = PDFKit.PDFOutline;

/** Draws the running header and footer of a page (knows the page total). */
export type FurnitureDrawer = (painter: Painter, pageNumber: number) => void;

export class PdfPainter implements Painter {
  private fill = '';
  private readonly outline: OutlineItem[] = [];
  private readonly writer: TextWriter;

  constructor(
    private readonly doc: Doc,
    private readonly fonts: FontSelector,
    private readonly measurer: Measurer,
    private readonly theme: Theme,
    private readonly furniture: FurnitureDrawer,
    private readonly onPage?: (pageNumber: number) => void,
  ) {
    this.writer = new TextWriter(doc, theme.geometry.height);
  }

  beginPage(pageNumber: number, furniture: boolean): void {
    const { width, height } = this.theme.geometry;
    this.writer.flush();
    this.doc.addPage({ size: [width, height], margin: 0 });
    this.fill = '';
    this.onPage?.(pageNumber);
    if (furniture) this.furniture(this, pageNumber);
  }

  text(line: Line, style: TextStyle, x: number, y: number): void {
    if (line.text.length === 0) return;
    const font = this.fonts.font(line.file);
    this.writer.add(
      font,
      this.fonts.fast(line.file),
      style.size,
      style.color,
      x,
      y + this.measurer.topPad(style),
      line.text,
    );
  }

  /** Write what is pending; call before ending the document. */
  finish(): void {
    this.writer.flush();
  }

  fillRect(x: number, y: number, width: number, height: number, color: string): void {
    this.writer.flush();
    this.setFill(color);
    this.doc.rect(x, y, width, height).fill();
  }

  strokeRect(
    x: number,
    y: number,
    width: number,
    height: number,
    color: string,
    lineWidth: number,
  ): void {
    this.writer.flush();
    this.doc
      .save()
      .lineWidth(lineWidth)
      .strokeColor(color)
      .rect(x, y, width, height)
      .stroke()
      .restore();
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
    this.writer.flush();
    this.doc.save().lineWidth(lineWidth).strokeColor(color);
    if (dash) this.doc.dash(dash, { space: dash * 2 });
    this.doc.moveTo(x1, y1).lineTo(x2, y2).stroke().restore();
  }

  link(x: number, y: number, width: number, height: number, anchor: string): void {
    this.doc.goTo(x, y, width, height, anchor);
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

  private setFill(color: string): void {
    if (color !== this.fill) {
      this.doc.fillColor(color);
      this.fill = color;
    }
  }
}
