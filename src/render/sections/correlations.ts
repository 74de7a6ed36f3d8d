import type { Cell } from '../blocks/table.js';
import { IDENTIFIER_MIN_SIZE } from '../blocks/table-cells.js';
import { formatPlainNumber } from '../../locale/number.js';
import type { RenderContext } from '../context.js';
import type { Block } from '../layout/flow.js';
import type { CorrelationLink } from '../../facts/index.js';
import type { SectionOf } from '../../templates/schema.js';
import { DEFAULT_ANNEX_OVER, cappedTable, intro, openSection, paragraph } from './common.js';

function row(ctx: RenderContext, link: CorrelationLink): Cell[] {
  const t = link.transfer;
  const e = link.exchange;
  // When, which record, what: the ids and the amount are drawn whole (smaller if the
  // column is too narrow), as identifiers are in every table, each on its own line
  // (never `T-FICT-LONG-ID-000-` / `000Z`, nor `51 456,` / `31 €`).
  return [
    [
      { text: ctx.instant(t.at) },
      { text: t.id, style: 'cell_muted', atom: true, minSize: IDENTIFIER_MIN_SIZE },
      { text: ctx.money(t.amount), style: 'cell_muted', atom: true },
    ],
    [
      { text: ctx.instant(e.at) },
      { text: e.id, style: 'cell_muted', atom: true, minSize: IDENTIFIER_MIN_SIZE },
      {
        text: `${ctx.enumLabel('exchange_kind', e.kind)}${e.platform ? ` (${e.platform})` : ''}`,
        style: 'cell_muted',
      },
    ],
    ctx.personName(link.person),
    ctx.gap(link.gapMs),
    // One exhibit when the payment and the session are read from the same one (`E1`, not
    // `E1, E1`); two, each whole, one a line.
    t.evidence === e.evidence
      ? [{ text: t.evidence, atom: true, minSize: IDENTIFIER_MIN_SIZE }]
      : [
          { text: `${t.evidence},`, atom: true, minSize: IDENTIFIER_MIN_SIZE },
          { text: e.evidence, atom: true, minSize: IDENTIFIER_MIN_SIZE },
        ],
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
            // Widened, as far as the others can give, for the widest id and amount.
            atoms: () =>
              c.links.flatMap((l) => [
                { text: l.transfer.id, style: 'cell_muted' as const },
                { text: ctx.money(l.transfer.amount), style: 'cell_muted' as const },
              ]),
          },
          {
            label: ctx.label('col.session'),
            weight: 1.7,
            atoms: () =>
              c.links.map((l) => ({ text: l.exchange.id, style: 'cell_muted' as const })),
          },
          { label: ctx.label('col.person'), weight: 1.5 },
          // wide enough for the longest gap on one line: `−1 d 23 h 30 min 59 s`
          // never narrowed for a long id in the columns before it: `+11 h 30` / `min`
          { label: ctx.label('col.gap'), weight: 1.2, align: 'right', keep: true },
          {
            label: ctx.columnLabel('col.evidence'),
            weight: 0.8,
            atoms: () => c.links.flatMap((l) => [`${l.transfer.evidence},`, l.exchange.evidence]),
          },
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
