import type { Block, Flow } from '../layout/flow.js';
import type { StyleName } from '../theme.js';
import { oneLine } from '../text/measure.js';

export interface HeadingSpec {
  readonly level: 1 | 2 | 3;
  /** As shown, section number included. */
  readonly text: string;
  /** Named destination: an index, never a name from the dossier. */
  readonly anchor: string;
  /** Listed in the table of contents. */
  readonly toc: boolean;
  /** Has a PDF outline entry. */
  readonly outline: boolean;
  /**
   * Caption of the pages that continue what this heading introduces, "(continued)"
   * included (e.g. "Charge 1: fraud (continued)"); none: such pages have no caption.
   */
  readonly continued?: string;
}

const STYLE: Record<HeadingSpec['level'], StyleName> = { 1: 'h1', 2: 'h2', 3: 'h3' };
const SPACE_BEFORE = { 1: 16, 2: 12, 3: 8 } as const;
const SPACE_AFTER = { 1: 10, 2: 6, 3: 4 } as const;

/** A section heading: kept with the start of the next block, anchored, bookmarked. */
export class HeadingBlock implements Block {
  readonly keepWithNext = true;
  constructor(readonly spec: HeadingSpec) {}

  private height(flow: Flow): number {
    const style = flow.theme.styles[STYLE[this.spec.level]];
    const lines = flow.measurer.wrap(this.spec.text, style, flow.width);
    return flow.measurer.linesHeight(lines, style) + SPACE_AFTER[this.spec.level] + 2;
  }

  minHeight(flow: Flow): number {
    return SPACE_BEFORE[this.spec.level] + this.height(flow);
  }

  wholeHeight(flow: Flow): number {
    return this.minHeight(flow);
  }

  /**
   * At the top of a page: its space above is dropped, unless the page starts with the
   * caption of a block of a higher level that it leaves open (then it follows that line).
   */
  freshPageHeight(flow: Flow): number {
    const caption = flow.captionAbove(this.spec.level);
    return caption > 0 ? caption + this.minHeight(flow) : this.height(flow);
  }

  place(flow: Flow, keep: number): void {
    const { level, text, anchor } = this.spec;
    const style = flow.theme.styles[STYLE[level]];
    // What came before at this level ends here; a page started now continues the parent.
    flow.endContinuations(level);
    flow.ensure(SPACE_BEFORE[level] + this.height(flow) + keep);
    flow.space(SPACE_BEFORE[level]);
    flow.anchors.set(anchor, flow.page);
    const painter = flow.painter;
    if (painter) {
      painter.anchor(anchor, flow.y);
      if (this.spec.outline)
        // On one line: an outline entry shows no line break (a title with LF or U+2028).
        painter.bookmark(level, oneLine(flow.measurer.prepare(text, style).text), flow.y);
    }
    const lines = flow.measurer.wrap(text, style, flow.width);
    flow.tagged({ type: `H${level}` }, () => {
      for (const line of lines) {
        // A heading taller than a page's body (a charge's qualification of thousands of
        // characters) goes on overleaf line by line rather than run under the footer;
        // any other fits where ensure() above put it.
        flow.ensure(flow.measurer.linesHeight([line], style));
        flow.drawLines([line], style, flow.left, flow.width, 'left');
      }
    });
    if (level === 1) {
      painter?.line(
        flow.left,
        flow.y + 1,
        flow.left + flow.width,
        flow.y + 1,
        flow.theme.colors.accent,
        0.8,
      );
    }
    // Space, not ink: at a page foot it ends there (Flow.space).
    flow.space(SPACE_AFTER[level] + 2);
    if (this.spec.continued) flow.continueWith(level, this.spec.continued);
  }
}
