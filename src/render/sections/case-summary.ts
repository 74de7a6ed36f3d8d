import type { Cell } from '../blocks/table.js';
import { formatPlainNumber } from '../../locale/number.js';
import type { RenderContext } from '../context.js';
import type { Block } from '../layout/flow.js';
import type { SectionOf } from '../../templates/schema.js';
import { intro, keyValueTable, openSection } from './common.js';

/** Key figures of the case, one per row. */
function figures(ctx: RenderContext): [string, Cell][] {
  const f = ctx.facts;
  const t = f.totals;
  const rows: [string, Cell][] = [];
  if (f.period) rows.push([ctx.label('figure.period'), ctx.period(f.period.from, f.period.to)]);
  rows.push([ctx.label('figure.transfers'), ctx.int(t.completed)]);
  // One amount, never broken (a huge one is drawn smaller rather than `… 55-` / `5 €`).
  rows.push([ctx.label('figure.total'), [{ text: ctx.money(t.total), atom: true }]]);
  if (t.attempted + t.reversed > 0)
    rows.push([ctx.label('figure.other_transfers'), ctx.int(t.attempted + t.reversed)]);
  if (t.first && t.last) {
    rows.push([
      ctx.label('figure.first_last'),
      `${ctx.time(t.first.local)} — ${ctx.time(t.last.local)}`,
    ]);
  }
  rows.push([ctx.label('figure.exchanges'), ctx.int(f.exchanges.count)]);
  rows.push([ctx.label('figure.live_sessions'), ctx.int(f.exchanges.liveSessions)]);
  const window = ctx.label('hours_window', {
    hours: formatPlainNumber(f.correlation.windowHours, ctx.lang),
  });
  rows.push([
    ctx.label('figure.linked_pairs'),
    [
      { text: ctx.int(f.correlation.links.length) },
      { text: ctx.label('figure.window', { window }), style: 'cell_muted' },
    ],
  ]);
  rows.push([
    ctx.label('figure.linked_transfers'),
    `${ctx.int(f.correlation.linkedTransfers)} / ${ctx.int(t.completed)}`,
  ]);
  rows.push([ctx.label('figure.suspects'), ctx.int(f.counts.suspects)]);
  rows.push([ctx.label('figure.victims'), ctx.int(f.counts.victims)]);
  rows.push([ctx.label('figure.charges'), ctx.int(f.counts.charges)]);
  rows.push([ctx.label('figure.exhibits'), ctx.int(f.counts.exhibits)]);
  return rows;
}

export function caseSummarySection(
  ctx: RenderContext,
  section: SectionOf<'case-summary'>,
): Block[] {
  return [
    ...openSection(ctx, section, 'section.case_summary'),
    intro(ctx.label('summary.intro'), { spaceAfter: 8 }),
    keyValueTable(ctx, figures(ctx), [1.5, 1.5], true),
  ];
}
