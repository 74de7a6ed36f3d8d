import type { Block, Flow } from '../layout/flow.js';
import type { HeadingSpec } from './heading.js';

const INDENT = 16;
const GAP = 8;
/**
 * Lines of an entry at most: a title of thousands of characters (a charge's qualification)
 * is cut there with an ellipsis, its heading in the text holding it whole. An entry then
 * always fits a page, with its link and page number.
 */
const MAX_ENTRY_LINES = 4;

/**
 * Table of contents: one entry per heading with its page number (known in the drawing
 * pass), a dotted leader, and a link over the whole entry to the heading's destination.
 */
export class TocBlock implements Block {
  /** `entries` is called at layout time, when every heading of the document exists. */
  constructor(readonly entries: () => readonly HeadingSpec[]) {}

  minHeight(flow: Flow): number {
    return flow.measurer.lineHeight(flow.theme.styles.toc1) * 2;
  }

  place(flow: Flow): void {
    const { measurer, theme, painter } = flow;
    flow.tagged({ type: 'TOC' }, () => {
      for (const entry of this.entries()) {
        const style = entry.level === 1 ? theme.styles.toc1 : theme.styles.toc2;
        const lh = measurer.lineHeight(style);
        const indent = entry.level === 1 ? 0 : INDENT * (entry.level - 1);
        const numWidth = measurer.width('0000', theme.fontFiles[style.font], style.size);
        const titleWidth = flow.width - indent - numWidth - GAP * 2;
        const lines = measurer.capLines(
          measurer.wrap(entry.text, style, titleWidth),
          MAX_ENTRY_LINES,
          style,
          titleWidth,
        );
        const before = entry.level === 1 ? 4 : 0;
        flow.ensure(before + measurer.linesHeight(lines, style));
        flow.space(before);
        const top = flow.y;
        // TOCI > Link: the entry's text, page number and link annotation (pdfkit gap #1591).
        flow.painter?.openTag({ type: 'TOCI' });
        flow.painter?.openTag({ type: 'Link' });
        flow.drawLines(lines, style, flow.left + indent, titleWidth, 'left');
        const page = flow.pagination?.anchors.get(entry.anchor);
        if (painter && page !== undefined) {
          const last = lines[lines.length - 1];
          // The last line's top (drawLines leaves room under a line with deep glyphs).
          const lastTop = flow.y - lh - (last === undefined ? 0 : measurer.depthBelow(last, style));
          const number = measurer.fit(String(page), style, numWidth);
          const baseline = lastTop + style.size * 0.95;
          const x1 = flow.left + indent + (last?.width ?? 0) + 4;
          const x2 = flow.left + flow.width - number.width - 4;
          if (x2 > x1) painter.line(x1, baseline, x2, baseline, theme.colors.muted, 0.6, 0.6);
          painter.text(number, style, flow.left + flow.width - number.width, lastTop);
          const text = lines.map((l) => l.text).join(' ');
          painter.link(flow.left, top, flow.width, flow.y - top, entry.anchor, `${text} ${page}`);
        }
        flow.painter?.closeTag();
        flow.painter?.closeTag();
        flow.space(1);
      }
    });
    flow.space(6);
  }
}
