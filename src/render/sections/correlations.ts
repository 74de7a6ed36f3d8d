import type { Cell } from '../blocks/table.js';
import { formatPlainNumber } from '../../locale/number.js';
import type { RenderContext } from '../context.js';
import type { Block } from '../layout/flow.js';
import type { CorrelationLink } from '../../facts/index.js';
import type { SectionOf } from '../../templates/schema.js';
import { DEFAULT_ANNEX_OVER, cappedTable, intro, openSection, paragraph } from './common.js';

function row(ctx: RenderContext, link: CorrelationLink): Cell[] {
  const t = link.transfer;
  const e = link.exchange;
  const amount = ctx.money(t.amount);
  return [
    [
      { text: ctx.instant(t.at) },
      // The amount is never broken (the column is wide enough for the widest: see below).
      { text: `${t.id} — ${amount}`, style: 'cell_muted', keep: [amount] },
    ],
    [
      { text: ctx.instant(e.at) },
      {
        text: `${e.id} — ${ctx.enumLabel('exchange_kind', e.kind)}${e.platform ? ` (${e.platform})` : ''}`,
        style: 'cell_muted',
      },
    ],
    ctx.personName(link.person),
    ctx.gap(link.gapMs),
    // One exhibit when the payment and the session are read from the same one (`E1`, not `E1, E1`).
    t.evidence === e.evidence ? t.evidence : `${t.evidence}, ${e.evidence}`,
  ];
}

/** Linked payment / session pairs with their signed gap and the window used. */
export function correlationsSection(
  ctx: RenderContext,
  section: SectionOf<'correlations'>,
): Block[] {
  const c = ctx.facts.correlation;
  const window = ctx.label('hours_window', { hours: formatPlainNumber(c.windowHours, ctx.lang) });
  const blocks = openSection(ctx, section, 'section.correlations');
  blocks.push(
    intro(
      ctx.label('correlations.intro', {
        window,
        count: ctx.int(c.links.length),
        linked: ctx.int(c.linkedTransfers),
        completed: ctx.int(ctx.facts.totals.completed),
      }),
      { spaceAfter: 4 },
    ),
  );
  if (c.links.length === 0) return [...blocks, paragraph(ctx.label('none'))];
  blocks.push(intro(ctx.label('correlations.gap_note'), { style: 'small_italic', spaceAfter: 6 }));
  blocks.push(
    ...cappedTable(
      ctx,
      {
        columns: [
          {
            label: ctx.label('col.transfer'),
            weight: 1.5,
            // Widened for the widest amount, as a column of amounts is (`51 456,` / `31 €`
            // read as two figures).
            atoms: () =>
              c.links.map((l) => ({
                text: ctx.money(l.transfer.amount),
                style: 'cell_muted' as const,
              })),
          },
          { label: ctx.label('col.session'), weight: 1.7 },
          { label: ctx.label('col.person'), weight: 1.5 },
          // wide enough for the longest gap on one line: `−1 d 23 h 30 min 59 s`
          { label: ctx.label('col.gap'), weight: 1.2, align: 'right' },
          { label: ctx.columnLabel('col.evidence'), weight: 0.8 },
        ],
        rowCount: c.links.length,
        row: (i) => row(ctx, c.links[i] as CorrelationLink),
        caption: ctx.label('section.correlations'),
      },
      section.max_rows,
      ctx.label('correlations.annex'),
      section.annex_over ?? DEFAULT_ANNEX_OVER,
    ),
  );
  return blocks;
}
