import type { Align, Block, Flow } from '../layout/flow.js';
import type { StyleName } from '../theme.js';

export interface ParagraphSpec {
  readonly text: string;
  readonly style?: StyleName;
  readonly align?: Align;
  readonly spaceBefore?: number;
  readonly spaceAfter?: number;
  /** Left indent in points. */
  readonly indent?: number;
  /** Keep on the same page as the start of the next block (a note introducing a table). */
  readonly keepWithNext?: boolean;
}

/** A note that introduces what follows moves to the next page with it when it has at most this many lines. */
const SHORT = 4;

/**
 * Running text, split across pages between lines (never fewer than two lines at a page
 * foot). A short paragraph that introduces the next block (keepWithNext) is kept whole.
 */
export class ParagraphBlock implements Block {
  readonly readsAlone = true;
  readonly keepWithNext: boolean;
  constructor(readonly spec: ParagraphSpec) {
    this.keepWithNext = spec.keepWithNext ?? false;
  }

  minHeight(flow: Flow): number {
    const { spaceBefore = 0, spaceAfter = 4, indent = 0 } = this.spec;
    const style = flow.theme.styles[this.spec.style ?? 'body'];
    const lines = flow.measurer.wrap(this.spec.text, style, flow.width - indent);
    // An introduction goes whole with what it introduces (what place() keeps together).
    if (this.keepWithNext && lines.length <= SHORT)
      return spaceBefore + flow.measurer.linesHeight(lines, style) + spaceAfter;
    return spaceBefore + flow.measurer.linesHeight(lines.slice(0, 2), style);
  }

  wholeHeight(flow: Flow): number {
    const { spaceBefore = 0, spaceAfter = 4, indent = 0 } = this.spec;
    const style = flow.theme.styles[this.spec.style ?? 'body'];
    const lines = flow.measurer.wrap(this.spec.text, style, flow.width - indent);
    return spaceBefore + flow.measurer.linesHeight(lines, style) + spaceAfter;
  }

  place(flow: Flow, keep: number): void {
    const { spaceBefore = 0, spaceAfter = 4, indent = 0, align = 'left' } = this.spec;
    const style = flow.theme.styles[this.spec.style ?? 'body'];
    const m = flow.measurer;
    const width = flow.width - indent;
    const lines = m.wrap(this.spec.text, style, width);
    // A short note that introduces what follows moves with it; a long text just starts.
    const whole = lines.length <= SHORT ? m.linesHeight(lines, style) + spaceAfter + keep : 0;
    flow.ensure(Math.max(spaceBefore + m.linesHeight(lines.slice(0, 2), style), whole));
    flow.space(spaceBefore);
    flow.tagged({ type: 'P' }, () =>
      lines.forEach((line, i) => {
        const left = lines.length - i;
        // Keep two lines together at a page foot (no widow) when the paragraph goes on.
        flow.ensure(m.linesHeight(lines.slice(i, left === 2 ? i + 2 : i + 1), style));
        flow.drawLines([line], style, flow.left + indent, width, align);
      }),
    );
    flow.space(spaceAfter);
  }
}

/**
 * A label and an identifier (the cover's "Affaire n° 19-123-000456"), centred, on one line
 * when both fit, as a paragraph would draw them. Otherwise the label goes on a line of its
 * own and the identifier under it, never broken as a word would be: whole when it fits,
 * else drawn smaller (Measurer.wrapAtom), else broken after its own separators with the
 * hyphen repeated on the next line, so that text extraction still gives it whole.
 */
export class LabelledIdentifierBlock implements Block {
  readonly keepWithNext = false;
  constructor(
    readonly label: string,
    readonly identifier: string,
    readonly styleName: StyleName,
    readonly spaceAfter: number,
  ) {}

  private layout(flow: Flow) {
    const style = flow.theme.styles[this.styleName];
    const m = flow.measurer;
    const both = m.wrap(`${this.label} ${this.identifier}`, style, flow.width);
    if (both.length === 1) return [{ lines: both, style }];
    const id = m.wrapAtom(this.identifier, style, flow.width);
    return [{ lines: m.wrap(this.label, style, flow.width), style }, id];
  }

  private height(flow: Flow, parts: ReturnType<LabelledIdentifierBlock['layout']>): number {
    let h = 0;
    for (const p of parts) h += flow.measurer.linesHeight(p.lines, p.style);
    return h;
  }

  minHeight(flow: Flow): number {
    return this.height(flow, this.layout(flow));
  }

  place(flow: Flow): void {
    const parts = this.layout(flow);
    flow.ensure(this.height(flow, parts));
    flow.tagged({ type: 'P' }, () => {
      for (const p of parts) flow.drawLines(p.lines, p.style, flow.left, flow.width, 'center');
    });
    flow.space(this.spaceAfter);
  }
}
