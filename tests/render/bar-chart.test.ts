/**
 * The monthly bar chart's value texts (the exact totals over the bars): whole, and never
 * drawn over another value or over a bar. Reported: nine-digit monthly totals (fictional)
 * were drawn over each other and over the neighbouring bars.
 */
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Bar } from '../../src/render/blocks/bar-chart.js';
import { BarChartBlock } from '../../src/render/blocks/bar-chart.js';
import type { Painter } from '../../src/render/layout/flow.js';
import { Flow } from '../../src/render/layout/flow.js';
import { FontSelector } from '../../src/render/text/font-selector.js';
import type { Line } from '../../src/render/text/measure.js';
import { Measurer } from '../../src/render/text/measure.js';
import type { TextStyle, Theme } from '../../src/render/theme.js';
import { buildTheme } from '../../src/render/theme.js';
import { loadTemplate } from '../../src/templates/load-template.js';

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
  text?: string;
}

/** Records the bars (filled rectangles) and the texts with their boxes. */
class Recorder implements Partial<Painter> {
  readonly bars: Box[] = [];
  readonly texts: Box[] = [];
  constructor(private readonly measurer: Measurer) {}
  text(line: Line, style: TextStyle, x: number, y: number): void {
    const h = this.measurer.lineHeight(style);
    this.texts.push({ left: x, right: x + line.width, top: y, bottom: y + h, text: line.text });
  }
  fillRect(x: number, y: number, width: number, height: number): void {
    if (height > 0) this.bars.push({ left: x, right: x + width, top: y, bottom: y + height });
  }
}

const overlaps = (a: Box, b: Box) =>
  a.left < b.right - 0.01 &&
  b.left < a.right - 0.01 &&
  a.top < b.bottom - 0.01 &&
  b.top < a.bottom - 0.01;

let theme: Theme;
beforeAll(async () => {
  theme = buildTheme(await loadTemplate('referral'));
});

async function draw(bars: readonly Bar[], tick: (v: number) => string = (v) => String(v)) {
  const measurer = new Measurer(
    new FontSelector(new PDFDocument({ autoFirstPage: false })),
    theme,
    (s) => s,
  );
  const recorder = new Recorder(measurer);
  const painter = new Proxy(recorder, {
    get: (target, key) => (key in target ? Reflect.get(target, key) : () => undefined),
  }) as unknown as Painter;
  const chart = new BarChartBlock({
    bars,
    valueAxis: 'Montant (EUR)',
    categoryAxis: 'Mois',
    tick,
  });
  await new Flow(theme, measurer, painter, undefined).run([chart]);
  return recorder;
}

/** Twelve fictional monthly totals of nine digits, neighbours of similar and very different heights. */
const MILLIONS = [120.23, 218.71, 500.7, 0, 85.5, 34.49, 0, 175.23, 55.91, 200.47, 66.79, 130.23];
const text = (m: number) =>
  (m * 1e6).toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

describe('bar chart value texts', () => {
  it('are drawn whole, over no other text and no bar', async () => {
    const bars = MILLIONS.map((m, i) => ({
      label: `${String(i + 1).padStart(2, '0')}/2018`,
      value: m * 1e6,
      ...(m > 0 ? { valueText: text(m) } : {}),
    }));
    const { bars: drawn, texts } = await draw(bars);
    expect(drawn).toHaveLength(MILLIONS.filter((m) => m > 0).length);
    const values = texts.filter((t) => bars.some((b) => b.valueText === t.text));
    // Most are drawn (smaller if need be); none is cut.
    expect(values.length).toBeGreaterThanOrEqual(8);
    for (const v of values) {
      for (const bar of drawn) expect(overlaps(v, bar), `${v.text} over a bar`).toBe(false);
      for (const other of texts)
        if (other !== v) expect(overlaps(v, other), `${v.text} over ${other.text}`).toBe(false);
    }
  });

  it('keep the full size where there is room', async () => {
    const bars = [10, 20, 30].map((v, i) => ({ label: `M${i}`, value: v, valueText: `${v},00` }));
    const { texts } = await draw(bars);
    const values = texts.filter((t) => /,00$/.test(t.text ?? ''));
    expect(values.map((v) => v.text)).toEqual(['10,00', '20,00', '30,00']);
  });

  // An audit (session 27): the value axis's labels of totals of 21 digits and more were cut
  // at 90 pt (`800 000 000 000 000 00…`).
  it('value-axis labels of 20-digit totals are drawn whole, left of the plot', async () => {
    const grouped = (v: number) =>
      BigInt(v)
        .toString()
        .replace(/\B(?=(\d{3})+$)/g, ' ');
    const bars = [735.9, 355.6].map((v, i) => ({ label: `M${i}`, value: v * 1e18 }));
    const { bars: drawn, texts } = await draw(bars, grouped);
    const ticks = texts.filter(
      (t) => /^\d{1,3}( \d{3})*$/.test(t.text ?? '') || (t.text ?? '').endsWith('…'),
    );
    expect(ticks.length).toBeGreaterThan(3);
    for (const t of ticks) expect(t.text).not.toContain('…');
    expect(ticks.map((t) => t.text)).toContain('800 000 000 000 000 000 000');
    const plotLeft = Math.min(...drawn.map((b) => b.left));
    for (const t of ticks) expect(t.right).toBeLessThanOrEqual(plotLeft);
  });
});
