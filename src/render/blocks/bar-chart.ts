import type { Block, Flow, Painter } from '../layout/flow.js';
import type { Line } from '../text/measure.js';
import type { TextStyle } from '../theme.js';

export interface Bar {
  /** Label under the bar (e.g. a month). */
  readonly label: string;
  /** Value for scaling (major units; display precision is not needed here). */
  readonly value: number;
  /**
   * Text over the bar, e.g. the exact total. Drawn whole or not at all (never cut with
   * "…"): at the chart size, else at a smaller size, else left out when even that does
   * not fit over the bar.
   */
  readonly valueText?: string;
}

export interface BarChartSpec {
  readonly bars: readonly Bar[];
  /** Title of the value axis, e.g. "Montant (EUR)". */
  readonly valueAxis: string;
  /** Title of the category axis, e.g. "Mois". */
  readonly categoryAxis: string;
  /** Tick label for a value on the value axis (a multiple of `step`, the niceStep). */
  readonly tick: (value: number, step: number) => string;
  /** Caption under the chart. */
  readonly caption?: string;
}

const HEIGHT = 230;
const AXIS_GAP = 4;
/** Sizes tried for a bar's value text, as fractions of the chart style's size. */
const VALUE_SIZES = [1, 0.85, 0.7] as const;

/** Width the value axis's labels are given at least (points). */
const TICK_WIDTH = 90;

/** Nice tick step (1, 2 or 5 × 10^n) for about five intervals up to `max`. */
export function niceStep(max: number): number {
  if (!(max > 0)) return 1;
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const f = raw / magnitude;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
}

interface Box {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

const overlaps = (a: Box, b: Box): boolean =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * Where each bar's value text is drawn, if anywhere: whole, centred over its bar, never
 * over another value or another bar. First every text that fits its bar's slot, at the
 * largest of VALUE_SIZES that does (those cannot meet); then, left to right, each text
 * still unplaced at the largest size whose box (up to 1.6 slots wide) meets no text placed
 * and no bar; else none (the figure's alternate text and the tables give every value).
 * Nine-digit monthly totals were drawn over each other.
 */
function placeValueTexts(
  flow: Flow,
  bars: readonly Bar[],
  slot: number,
  barBox: (i: number) => Box,
): ({ line: Line; style: TextStyle; box: Box } | undefined)[] {
  const { measurer } = flow;
  const style = flow.theme.styles.chart;
  const placed: ({ line: Line; style: TextStyle; box: Box } | undefined)[] = bars.map(
    () => undefined,
  );
  const tryPlace = (i: number, maxWidth: number, free: (box: Box) => boolean): void => {
    const text = bars[i]?.valueText;
    if (!text) return;
    const bar = barBox(i);
    const centre = (bar.left + bar.right) / 2;
    for (const size of VALUE_SIZES.map((f) => style.size * f)) {
      const small = { ...style, size };
      const line = measurer.fit(text, small, maxWidth);
      if (line.text !== text || line.width > maxWidth) continue;
      const lh = measurer.lineHeight(small);
      const box = {
        left: centre - line.width / 2,
        right: centre + line.width / 2,
        top: bar.top - lh - 1,
        bottom: bar.top - 1,
      };
      if (!free(box)) continue;
      placed[i] = { line, style: small, box };
      return;
    }
  };
  bars.forEach((_, i) => tryPlace(i, slot * 0.96, () => true));
  bars.forEach((_, i) => {
    if (placed[i] !== undefined) return;
    tryPlace(
      i,
      slot * 1.6,
      (box) =>
        placed.every((p) => p === undefined || !overlaps(p.box, box)) &&
        bars.every((__, k) => k === i || !overlaps(barBox(k), box)),
    );
  });
  return placed;
}

/** A vector bar chart with value grid, axis titles and category labels; kept on one page. */
export class BarChartBlock implements Block {
  constructor(readonly spec: BarChartSpec) {}

  minHeight(): number {
    return HEIGHT;
  }

  /** The figure's alternate description: its axes and every bar's label and value. */
  alt(): string {
    const { valueAxis, categoryAxis, bars } = this.spec;
    const values = bars.map((b) => `${b.label}: ${b.valueText ?? String(b.value)}`);
    return `${valueAxis} / ${categoryAxis}. ${values.join('; ')}`;
  }

  place(flow: Flow): void {
    flow.ensure(HEIGHT);
    if (flow.painter) this.draw(flow, flow.y);
    flow.y += HEIGHT;
    flow.space(8);
  }

  private draw(flow: Flow, top: number): void {
    const { measurer, theme } = flow;
    const painter = flow.painter;
    if (!painter) return;
    const plotBottom = flow.tagged({ type: 'Figure', alt: this.alt() }, () =>
      this.drawPlot(flow, painter, top),
    );
    if (this.spec.caption) {
      const cap = measurer.fit(this.spec.caption, theme.styles.small_italic, flow.width);
      const lh = measurer.lineHeight(theme.styles.chart);
      flow.tagged({ type: 'Caption' }, () =>
        painter.text(cap, theme.styles.small_italic, flow.left, plotBottom + 2 * lh + 8),
      );
    }
  }

  /** Axes, grid, bars and labels; returns the bottom of the plot area. */
  private drawPlot(flow: Flow, painter: Painter, top: number): number {
    const { measurer, theme } = flow;
    const style = theme.styles.chart;
    const lh = measurer.lineHeight(style);
    const max = Math.max(0, ...this.spec.bars.map((b) => b.value));
    const step = niceStep(max);
    const ticks = Math.max(1, Math.ceil(max / step));
    // The value axis's labels whole up to a third of the width, or TICK_WIDTH on a narrow
    // page (totals of 20 digits and more were cut at 90 pt: `800 000 000 000 000 00…`).
    const room = Math.max(TICK_WIDTH, flow.width / 3);
    const tickTexts = Array.from({ length: ticks + 1 }, (_, i) =>
      measurer.fit(this.spec.tick(i * step, step), style, room),
    );
    const axisX = flow.left + Math.max(...tickTexts.map((t) => t.width)) + AXIS_GAP * 2;
    // The top tick's label (centred on its grid line) stays under the axis title, whose
    // line is `lh` high: at large type sizes `600` was drawn over "Montant (EUR)".
    const plotTop = top + Math.max(lh + 6, 1.5 * lh + 1);
    const plotBottom = top + HEIGHT - 3 * lh - 8;
    const plotRight = flow.left + flow.width;
    const scale = (plotBottom - plotTop) / (ticks * step);
    painter.text(measurer.fit(this.spec.valueAxis, style, flow.width), style, flow.left, top);
    tickTexts.forEach((t, i) => {
      const y = plotBottom - i * step * scale;
      painter.line(axisX, y, plotRight, y, theme.colors.chart_grid, 0.5);
      painter.text(t, style, axisX - AXIS_GAP - t.width, y - lh / 2);
    });
    const n = Math.max(1, this.spec.bars.length);
    const slot = (plotRight - axisX) / n;
    const every = Math.max(1, Math.ceil(this.maxLabelWidth(flow) / (slot * 0.95)));
    const barBox = (i: number): Box => {
      const h = (this.spec.bars[i]?.value ?? 0) * scale;
      const x = axisX + i * slot + slot * 0.15;
      return { left: x, right: x + slot * 0.7, top: plotBottom - h, bottom: plotBottom };
    };
    const values = n <= 18 ? placeValueTexts(flow, this.spec.bars, slot, barBox) : [];
    this.spec.bars.forEach((bar, i) => {
      const box = barBox(i);
      const x = box.left;
      painter.fillRect(x, box.top, slot * 0.7, box.bottom - box.top, theme.colors.chart_bar);
      const value = values[i];
      if (value) painter.text(value.line, value.style, value.box.left, value.box.top);
      if (i % every === 0) {
        const label = measurer.fit(bar.label, style, slot * every);
        // Not under the value axis's `0`, which ends AXIS_GAP left of the axis (`01/2018`
        // was drawn over it at large type sizes, and touched it at the default ones).
        const lx = Math.max(axisX - AXIS_GAP + 1, x + slot * 0.35 - label.width / 2);
        painter.text(label, style, lx, plotBottom + 3);
      }
    });
    painter.line(axisX, plotTop - 4, axisX, plotBottom, theme.colors.text, 0.8);
    painter.line(axisX, plotBottom, plotRight, plotBottom, theme.colors.text, 0.8);
    const cat = measurer.fit(this.spec.categoryAxis, style, flow.width);
    painter.text(cat, style, axisX + (plotRight - axisX - cat.width) / 2, plotBottom + lh + 6);
    return plotBottom;
  }

  private maxLabelWidth(flow: Flow): number {
    const style = flow.theme.styles.chart;
    const file = flow.theme.fontFiles[style.font];
    return Math.max(
      1,
      ...this.spec.bars.map((b) => flow.measurer.width(b.label, file, style.size)),
    );
  }
}
