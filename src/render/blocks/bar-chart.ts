import type { Block, Flow, Painter } from '../layout/flow.js';

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

/** Nice tick step (1, 2 or 5 × 10^n) for about five intervals up to `max`. */
export function niceStep(max: number): number {
  if (!(max > 0)) return 1;
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const f = raw / magnitude;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
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
    const tickTexts = Array.from({ length: ticks + 1 }, (_, i) =>
      measurer.fit(this.spec.tick(i * step, step), style, 90),
    );
    const axisX = flow.left + Math.max(...tickTexts.map((t) => t.width)) + AXIS_GAP * 2;
    const plotTop = top + lh + 6;
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
    this.spec.bars.forEach((bar, i) => {
      const h = bar.value * scale;
      const x = axisX + i * slot + slot * 0.15;
      painter.fillRect(x, plotBottom - h, slot * 0.7, h, theme.colors.chart_bar);
      if (bar.valueText && n <= 18) {
        for (const size of VALUE_SIZES.map((f) => style.size * f)) {
          const small = { ...style, size };
          const t = measurer.fit(bar.valueText, small, slot * 1.6);
          if (t.text !== bar.valueText || t.width > slot * 1.6) continue;
          painter.text(t, small, x + slot * 0.35 - t.width / 2, plotBottom - h - lh);
          break;
        }
      }
      if (i % every === 0) {
        const label = measurer.fit(bar.label, style, slot * every);
        painter.text(label, style, x + slot * 0.35 - label.width / 2, plotBottom + 3);
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
