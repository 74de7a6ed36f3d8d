import { BarChartBlock } from '../blocks/bar-chart.js';
import type { RenderContext } from '../context.js';
import type { Block } from '../layout/flow.js';
import { exponentOf } from '../../facts/currencies.js';
import type { SectionOf } from '../../templates/schema.js';
import { openSection, paragraph } from './common.js';
import type { Language } from '../../model/dossier.js';
import { formatDecimal, formatMinor } from '../../locale/number.js';

/** Whole units of a money amount, for scaling bars and labelling ticks. */
function major(minor: bigint, currency: string): number {
  return Number(minor) / 10 ** exponentOf(currency);
}

/** The vector bar chart of monthly totals of completed transfers (every month of the span, empty ones included). */
export function monthlyChartBlocks(ctx: RenderContext): Block[] {
  const rows = ctx.facts.breakdowns.byMonth;
  const currency = ctx.facts.currency;
  if (rows.length === 0) return [paragraph(ctx.label('chart.empty'))];
  const byMonth = new Map(rows.map((r) => [r.key, r.total] as const));
  const months = monthSpan(rows[0]?.key ?? '', rows[rows.length - 1]?.key ?? '');
  const exponent = exponentOf(currency);
  // Over a bar, the exact total in the document's language without the currency (the
  // axis names it): `500,50`, or `500` when there are no cents (compact and still exact).
  const exact = (minor: bigint) =>
    minor % 10n ** BigInt(exponent) === 0n
      ? ctx.int(minor / 10n ** BigInt(exponent))
      : formatMinor(minor, exponent, ctx.lang);
  return [
    new BarChartBlock({
      bars: months.map((m) => {
        const total = byMonth.get(m);
        const value = total ? major(total.minor, currency) : 0;
        return {
          label: ctx.month(m),
          value,
          ...(total ? { valueText: exact(total.minor) } : {}),
        };
      }),
      valueAxis: ctx.label('chart.value_axis', { currency }),
      categoryAxis: ctx.label('chart.category_axis', { timezone: ctx.facts.timezone }),
      tick: (value, step) => tickText(value, step, ctx.lang),
      caption: ctx.label('chart.caption'),
    }),
  ];
}

/**
 * A tick of the value axis with the decimals its step needs (`0,5` for a step of 0.5, not
 * a rounded `1`): `value` is a multiple of `step`, written exactly.
 */
export function tickText(value: number, step: number, lang: Language): string {
  // Exact, not the float: a tick is k steps, and a step (niceStep) is one significant
  // digit times a power of ten, so the tick is k × digit × 10^exp in integers. Multiples of
  // 10^23 and above are not doubles (an audit: `149 999 999 999 999 987 417 088` for
  // 1.5 × 10^23). The decimals are the step's (`0,5`, `1,0`), at most 6.
  const k = Math.round(value / step);
  const [digit = '1', exponent = '0'] = step.toExponential(0).split('e');
  const exp = Math.max(-6, Number(exponent));
  const units = BigInt(k) * BigInt(digit);
  return exp >= 0
    ? formatDecimal({ units: units * 10n ** BigInt(exp), scale: 0 }, lang)
    : formatDecimal({ units, scale: -exp }, lang);
}

/** Every `YYYY-MM` from `first` to `last` inclusive (at most 600 months). */
export function monthSpan(first: string, last: string): string[] {
  const out: string[] = [];
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5, 7));
  while (out.length < 600) {
    const key = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= last) break;
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
  return out;
}

export function monthlyChartSection(
  ctx: RenderContext,
  section: SectionOf<'monthly-chart'>,
): Block[] {
  return [...openSection(ctx, section, 'section.monthly_chart'), ...monthlyChartBlocks(ctx)];
}
