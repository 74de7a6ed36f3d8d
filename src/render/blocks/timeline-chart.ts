/**
 * A vector timeline figure: transfers as marks on an upper lane (shape by status, label
 * over the mark), sessions as bars on a lower lane (the bar spans the session when its
 * end is known, else a triangle marks its start), a line joining each linked pair, a
 * day axis and a legend. Shapes and fills, not colour alone, tell the kinds apart, so
 * the figure reads in greyscale print. Kept whole on one page.
 */
import type { Block, Flow, Painter } from '../layout/flow.js';
import type { Line } from '../text/measure.js';
import type { TextStyle } from '../theme.js';
import type { LegendKey, SessionShape, TransferShape } from './timeline-marks.js';
import {
  BAR_H,
  INK,
  PAIR_COLOR,
  R,
  drawBar,
  drawLegendKey,
  drawOpen,
  drawTransfer,
  levelOffset,
} from './timeline-marks.js';

export type { SessionShape, TransferShape };

export interface TimelineMark {
  readonly ms: number;
  readonly shape: TransferShape;
  /** Text over the mark (an amount, or `×n` for grouped marks); left out when empty or when it cannot fit. */
  readonly label: string;
  /** Row of the mark, 0 (default) to 2, downward: grouped marks of one slice, one row per status. */
  readonly level?: number;
}

export interface TimelineSession {
  readonly ms: number;
  /** End of the session (or of the slice of grouped sessions); none: a start mark only. */
  readonly endMs?: number;
  readonly shape: SessionShape;
  /**
   * Text under the bar (a duration, or `×n` for grouped sessions), in the first of two
   * rows where it overlaps nothing; else left out.
   */
  readonly label?: string;
  /** Where the label is centred (default: `ms`). */
  readonly labelMs?: number;
}

export interface TimelinePair {
  /** Index in `marks`. */
  readonly mark: number;
  /** Index in `sessions`. */
  readonly session: number;
  /** Pairs this line stands for (grouped marks): a thicker line. */
  readonly weight: number;
}

export interface TimelineTick {
  readonly ms: number;
  /** Day label (drawn when there is room) and, at a month start, the month under it. */
  readonly day: string;
  readonly month?: string;
}

export interface TimelineLegendItem {
  readonly key: LegendKey;
  readonly text: string;
}

export interface TimelineSpec {
  readonly startMs: number;
  readonly endMs: number;
  readonly ticks: readonly TimelineTick[];
  readonly marks: readonly TimelineMark[];
  readonly sessions: readonly TimelineSession[];
  readonly pairs: readonly TimelinePair[];
  readonly transferLane: string;
  readonly sessionLane: string;
  readonly axis: string;
  readonly legend: readonly TimelineLegendItem[];
  /** Alternate description of the figure (structure tag). */
  readonly alt: string;
  readonly caption: string;
  /** A note under the caption (e.g. how marks are grouped). */
  readonly note?: string;
}

const LABEL_ROWS = 3;
const PAIR_DROP = 40;
const LANE_GAP = 4;
/** Rows of session labels under the bars. */
const SESSION_ROWS = 2;

/** The timeline figure block. */
export class TimelineBlock implements Block {
  constructor(readonly spec: TimelineSpec) {}

  minHeight(flow: Flow): number {
    return this.height(flow);
  }

  place(flow: Flow): void {
    const height = this.height(flow);
    flow.ensure(height);
    const top = flow.y;
    const painter = flow.painter;
    if (painter) {
      flow.tagged({ type: 'Figure', alt: this.spec.alt }, () => this.draw(flow, painter, top));
      flow.tagged({ type: 'Caption' }, () => this.drawCaption(flow, painter, top));
    }
    flow.y += height;
    flow.space(10);
  }

  private lh(flow: Flow): number {
    return flow.measurer.lineHeight(flow.theme.styles.chart);
  }

  private figureHeight(flow: Flow): number {
    const lh = this.lh(flow);
    return (
      LABEL_ROWS * lh +
      2 * R +
      PAIR_DROP +
      BAR_H +
      LANE_GAP +
      (SESSION_ROWS + 3) * lh +
      6 +
      this.legendLayout(flow).rows * lh +
      4
    );
  }

  private height(flow: Flow): number {
    const lh = this.lh(flow);
    return this.figureHeight(flow) + lh * (this.spec.note ? 2 : 1) + 4;
  }

  private draw(flow: Flow, painter: Painter, top: number): void {
    const { measurer, theme } = flow;
    const style = theme.styles.chart;
    const lh = this.lh(flow);
    const laneWidth =
      Math.max(
        ...[this.spec.transferLane, this.spec.sessionLane].map(
          (t) => measurer.fit(t, style, 90).width,
        ),
      ) + 8;
    const x0 = flow.left + laneWidth;
    const x1 = flow.left + flow.width - 4;
    const span = Math.max(1, this.spec.endMs - this.spec.startMs);
    const xOf = (ms: number) => x0 + ((ms - this.spec.startMs) / span) * (x1 - x0);
    const markY = top + LABEL_ROWS * lh + R;
    const barTop = markY + R + PAIR_DROP;
    const axisY = barTop + BAR_H + LANE_GAP + SESSION_ROWS * lh;
    const laneText = (text: string, y: number) =>
      painter.text(measurer.fit(text, style, laneWidth - 8), style, flow.left, y - lh / 2);
    laneText(this.spec.transferLane, markY);
    laneText(this.spec.sessionLane, barTop + BAR_H / 2);
    this.drawAxis(flow, painter, { x0, x1, axisY, gridTop: markY - R - 2 }, xOf);
    // Pair lines under the marks.
    for (const pair of this.spec.pairs) {
      const mark = this.spec.marks[pair.mark];
      const session = this.spec.sessions[pair.session];
      if (!mark || !session) continue;
      const width = pair.weight > 1 ? Math.min(2.4, 0.6 + Math.log2(pair.weight) * 0.45) : 0.6;
      const y = markY + levelOffset(mark) + R;
      painter.line(xOf(mark.ms), y, xOf(session.ms), barTop, PAIR_COLOR, width);
    }
    this.drawMarks(flow, painter, xOf, markY, style);
    const rowEnd = Array.from({ length: SESSION_ROWS }, () => -Infinity);
    for (const s of this.spec.sessions) {
      const x = xOf(s.ms);
      if (s.endMs === undefined) drawOpen(painter, x, barTop, s.shape);
      else drawBar(painter, x, Math.max(2.5, Math.min(x1, xOf(s.endMs)) - x), barTop, s.shape);
      if (!s.label) continue;
      const t = measurer.fit(s.label, style, 40);
      const lx = xOf(s.labelMs ?? s.ms) - t.width / 2;
      const row = rowEnd.findIndex((end) => end + 2 <= lx);
      if (row < 0) continue;
      painter.text(t, style, lx, barTop + BAR_H + 1 + row * lh);
      rowEnd[row] = lx + t.width;
    }
    this.drawLegend(flow, painter, axisY + 3 * lh + 6);
  }

  /** Transfer marks, each label over its mark in the lowest free row (leader line when raised). */
  private drawMarks(
    flow: Flow,
    painter: Painter,
    xOf: (ms: number) => number,
    markY: number,
    style: TextStyle,
  ): void {
    const lh = this.lh(flow);
    const rows: [number, number][][] = Array.from({ length: LABEL_ROWS }, () => []);
    // Not over the lanes' names: a label of a mark near the start begins at the plot's
    // left edge (at large type sizes it overlapped "Transfers").
    const left = xOf(this.spec.startMs);
    const right = flow.left + flow.width;
    for (const mark of this.spec.marks) {
      const x = xOf(mark.ms);
      const t = flow.measurer.fit(mark.label, style, 80);
      const lx = Math.min(Math.max(left, x - t.width / 2), right - t.width);
      const row = rows.findIndex((r) => (r[r.length - 1]?.[1] ?? -Infinity) + 3 <= lx);
      if (mark.label && row >= 0 && t.text === mark.label) {
        rows[row]?.push([lx, lx + t.width]);
        const y = markY - R - 1 - (row + 1) * lh;
        // A raised label's leader line, unless it would cross a label of a lower row.
        const crosses = rows
          .slice(0, row)
          .some((r) => r.some(([a, b]) => a - 1 <= x && x <= b + 1));
        if (row > 0 && !crosses) painter.line(x, y + lh, x, markY - R - 1, '#999999', 0.3);
        painter.text(t, style, lx, y);
      }
      drawTransfer(painter, x, markY + levelOffset(mark), mark.shape);
    }
  }

  /** Day ticks (labelled where there is room; grid lines through both lanes), months, title. */
  private drawAxis(
    flow: Flow,
    painter: Painter,
    at: {
      readonly x0: number;
      readonly x1: number;
      readonly axisY: number;
      readonly gridTop: number;
    },
    xOf: (ms: number) => number,
  ): void {
    const { x0, x1, axisY } = at;
    const { measurer, theme } = flow;
    const style = theme.styles.chart;
    const lh = this.lh(flow);
    painter.line(x0, axisY, x1, axisY, INK, 0.8);
    const ticks = this.spec.ticks;
    const perTick = (x1 - x0) / Math.max(1, ticks.length);
    const widest = Math.max(1, ...ticks.map((t) => measurer.fit(t.day, style, 40).width));
    const every = Math.max(1, Math.ceil((widest + 4) / perTick));
    let monthEnd = -Infinity;
    ticks.forEach((tick, i) => {
      const x = xOf(tick.ms);
      const labelled = i % every === 0;
      if (perTick >= 3) painter.line(x, axisY, x, axisY + 1.5, INK, 0.5);
      if (labelled) {
        painter.line(x, axisY, x, axisY + 3, INK, 0.5);
        painter.line(x, at.gridTop, x, axisY, theme.colors.chart_grid, 0.4);
        const t = measurer.fit(tick.day, style, 40);
        painter.text(t, style, x - t.width / 2, axisY + 3);
      }
      if (tick.month && x >= monthEnd) {
        const m = measurer.fit(tick.month, style, 120);
        painter.text(m, style, x, axisY + 3 + lh);
        monthEnd = x + m.width + 6;
      }
    });
    const axis = measurer.fit(this.spec.axis, style, x1 - x0);
    painter.text(axis, style, x0 + (x1 - x0 - axis.width) / 2, axisY + 3 + 2 * lh);
  }

  /** Where each legend item goes (left to right, wrapped), in rows of the chart style. */
  private legendLayout(flow: Flow): {
    readonly items: { item: TimelineLegendItem; text: Line; x: number; row: number }[];
    readonly rows: number;
  } {
    const style = flow.theme.styles.chart;
    let x = flow.left;
    let row = 0;
    const items = this.spec.legend.map((item) => {
      const text = flow.measurer.fit(item.text, style, flow.width / 2);
      const w = 16 + text.width + 12;
      if (x + w > flow.left + flow.width && x > flow.left) {
        x = flow.left;
        row++;
      }
      const placed = { item, text, x, row };
      x += w;
      return placed;
    });
    return { items, rows: items.length > 0 ? row + 1 : 0 };
  }

  private drawLegend(flow: Flow, painter: Painter, top: number): void {
    const style = flow.theme.styles.chart;
    const lh = this.lh(flow);
    for (const { item, text, x, row } of this.legendLayout(flow).items) {
      const y = top + row * lh;
      drawLegendKey(painter, item.key, x + 6, y + lh / 2);
      painter.text(text, style, x + 16, y);
    }
  }

  private drawCaption(flow: Flow, painter: Painter, top: number): void {
    const { measurer, theme } = flow;
    const style = theme.styles.small_italic;
    const y = top + this.figureHeight(flow);
    const cap = measurer.fit(this.spec.caption, style, flow.width);
    painter.text(cap, style, flow.left, y);
    if (this.spec.note) {
      const note = measurer.fit(this.spec.note, style, flow.width);
      painter.text(note, style, flow.left, y + this.lh(flow));
    }
  }
}
