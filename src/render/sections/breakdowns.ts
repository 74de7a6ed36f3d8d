import type { Cell, Column } from '../blocks/table.js';
import type { RenderContext } from '../context.js';
import type { Block } from '../layout/flow.js';
import type { BreakdownRow, CurrencyRow, PartyRow } from '../../facts/index.js';
import type { Money } from '../../model/dossier.js';
import type { BREAKDOWNS, SectionOf } from '../../templates/schema.js';
import { amountColumn, cappedTable, openSection, paragraph, subHeading } from './common.js';

type Breakdown = (typeof BREAKDOWNS)[number];

const DEFAULT_BY: readonly Breakdown[] = [
  'sender',
  'beneficiary',
  'country',
  'channel',
  'provider',
  'currency',
];

/** Share of `part` in `whole` with one decimal: fr `12,5 %`, en `12.5%` (exact, from minor units). */
export function share(ctx: RenderContext, part: Money, whole: Money): string {
  if (whole.minor === 0n) return '';
  const tenths = (part.minor * 2000n + whole.minor) / (2n * whole.minor);
  const text = `${tenths / 10n}${ctx.lang === 'fr' ? ',' : '.'}${tenths % 10n}`;
  return ctx.lang === 'fr' ? `${text}\u202f%` : `${text}%`;
}

function rowsOf(ctx: RenderContext, by: Breakdown): readonly BreakdownRow<unknown>[] {
  const b = ctx.facts.breakdowns;
  switch (by) {
    case 'sender':
      return b.bySender;
    case 'beneficiary':
      return b.byBeneficiary;
    case 'country':
      return b.byBeneficiaryCountry;
    case 'channel':
      return b.byChannel;
    case 'provider':
      return b.byProvider;
    case 'currency':
      return b.byCurrency;
    case 'month':
      return b.byMonth;
  }
}

function keyText(ctx: RenderContext, by: Breakdown, row: BreakdownRow<unknown>): Cell {
  const key = row.key;
  if (key === null) return [{ text: ctx.label('not_stated'), style: 'cell_italic' }];
  const k = String(key);
  switch (by) {
    case 'sender':
    case 'beneficiary':
      return (row as PartyRow).kind === 'person' ? ctx.personName(k) : ctx.accountText(k);
    case 'country':
      return ctx.country(k);
    case 'channel':
      return ctx.enumLabel('channel', row.key as 'cash');
    case 'month':
      return ctx.month(k);
    default:
      return k;
  }
}

/** One breakdown table (with its heading), capped at `maxRows` with an annex. */
function breakdownTable(ctx: RenderContext, by: Breakdown, maxRows: number | undefined): Block[] {
  const rows = rowsOf(ctx, by);
  const total = ctx.facts.totals.total;
  const title = ctx.label(`breakdown.${by}`);
  const columns: Column[] = [{ label: ctx.label(`breakdown.key.${by}`), weight: 3 }];
  // Amounts (and shares) are never broken (`…505 5-` / `55 555 €` reads as a minus sign),
  // as in the transfers table.
  if (by === 'currency')
    columns.push({
      label: ctx.label('col.original_total'),
      weight: 1.4,
      align: 'right',
      ...amountColumn(() => rows.map((r) => ctx.money((r as CurrencyRow).original))),
    });
  columns.push(
    { label: ctx.label('count'), weight: 0.8, align: 'right' },
    {
      label: ctx.label('col.converted', { currency: ctx.facts.currency }),
      weight: 1.4,
      align: 'right',
      ...amountColumn(() => [...rows.map((r) => ctx.money(r.total)), ctx.money(total)]),
    },
    // A share is one value (`100,0 %`), never broken when wide amounts take the width.
    {
      label: ctx.label('share'),
      weight: 0.8,
      align: 'right',
      keep: true,
      ...amountColumn(() => [
        ...rows.map((r) => share(ctx, r.total, total)),
        share(ctx, total, total),
      ]),
    },
  );
  const cells = (row: BreakdownRow<unknown>): Cell[] => {
    const out: Cell[] = [keyText(ctx, by, row)];
    if (by === 'currency') out.push(ctx.money((row as CurrencyRow).original));
    out.push(ctx.int(row.count), ctx.money(row.total), share(ctx, row.total, total));
    return out;
  };
  const totalRow: Cell[] = [ctx.label('total')];
  if (by === 'currency') totalRow.push('');
  totalRow.push(ctx.int(ctx.facts.totals.completed), ctx.money(total), share(ctx, total, total));
  return [
    subHeading(ctx, title),
    ...cappedTable(
      ctx,
      {
        columns,
        rowCount: rows.length,
        row: (i) => cells(rows[i] as BreakdownRow<unknown>),
        caption: title,
        totals: [totalRow],
      },
      maxRows,
      ctx.label('breakdowns.annex', { title }),
    ),
  ];
}

export function breakdownBlocks(
  ctx: RenderContext,
  by: readonly Breakdown[],
  maxRows: number | undefined,
): Block[] {
  return by.flatMap((b) => breakdownTable(ctx, b, maxRows));
}

export function breakdownsSection(
  ctx: RenderContext,
  section: SectionOf<'transfer-breakdowns'>,
): Block[] {
  // No completed transfer: "None.", not six tables holding only a zero total.
  if (ctx.facts.totals.completed === 0)
    return [...openSection(ctx, section, 'section.breakdowns'), paragraph(ctx.label('none'))];
  return [
    ...openSection(ctx, section, 'section.breakdowns'),
    ...breakdownBlocks(ctx, section.by ?? DEFAULT_BY, section.max_rows),
  ];
}
