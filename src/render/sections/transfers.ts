import { TableBlock } from '../blocks/table.js';
import type { Cell, CellPart, Column } from '../blocks/table.js';
import type { StyledAtom } from '../blocks/table-cells.js';
import type { RenderContext } from '../context.js';
import type { Block } from '../layout/flow.js';
import type { TransferLine } from '../../facts/index.js';
import { withScale } from '../../facts/decimal.js';
import { formatDecimal } from '../../locale/index.js';
import type { Rate } from '../../model/dossier.js';
import type { SectionOf, TRANSFER_COLUMNS } from '../../templates/schema.js';
import { breakdownBlocks } from './breakdowns.js';
import {
  amountColumn,
  DEFAULT_ANNEX_OVER,
  cappedTable,
  evidenceCell,
  locatorWords,
  intro,
  openSection,
  partyAtom,
  partyColumn,
  paragraph,
  subHeading,
} from './common.js';
import { monthlyChartBlocks } from './monthly-chart.js';
import { append } from '../../append.js';

type TransferColumn = (typeof TRANSFER_COLUMNS)[number];

const DEFAULT_COLUMNS: readonly TransferColumn[] = [
  'at',
  'sender',
  'beneficiary',
  'amount',
  'converted',
  'channel',
  'reference',
  'evidence',
];

/**
 * Relative widths. The party columns hold account identifiers drawn smaller when they do
 * not fit, down to IDENTIFIER_MIN_SIZE: a 27-character French IBAN stays on one line.
 */
const WEIGHTS: Record<TransferColumn, number> = {
  id: 0.8,
  at: 1.15,
  sender: 2,
  beneficiary: 2,
  amount: 1.15,
  converted: 1.1,
  channel: 1.25,
  reference: 1.3,
  status: 0.8,
  evidence: 0.75,
};

/**
 * Columns that give no width to the columns widened for their identifiers (dates, amounts,
 * ids): the party, channel, status and reference columns, whose texts wrap at spaces, do,
 * down to half their width, their texts' widest word and never below their own
 * identifiers' width.
 */
const KEEP: ReadonlySet<TransferColumn> = new Set(['id', 'at', 'amount', 'converted']);

function column(ctx: RenderContext, key: TransferColumn): Column {
  const label = ctx.columnLabel(`col.${key}` as const);
  const align = key === 'amount' || key === 'converted' ? 'right' : 'left';
  return {
    label,
    weight: WEIGHTS[key],
    align,
    ...(key === 'reference' ? { style: 'cell_mono' as const } : {}),
    ...(key === 'reference' || key === 'id' ? { atom: true } : {}),
    ...(key === 'reference' ? { atoms: () => references(ctx), breakable: true } : {}),
    ...(key === 'evidence' ? { atoms: () => locatorWords(ctx, ctx.dossier.transfers) } : {}),
    // The account identifiers shown under the parties (IBANs, addresses, platform ids).
    ...(key === 'sender' || key === 'beneficiary'
      ? partyColumn(ctx, () => partyIdentifiers(ctx, key))
      : {}),
    // Amounts are never broken (`51 456,` / `31 €`): the column is widened for the widest
    // (drawn smaller only when the page cannot hold every column's identifiers).
    ...(key === 'amount' || key === 'converted' ? amountColumn(() => widestAmounts(ctx, key)) : {}),
    // The channel, its provider and the status wrap at spaces (and after hyphens), never
    // inside a word: `money-transf` / `er` when an identifier took the width.
    ...(key === 'channel' ? { words: () => channelWords(ctx) } : {}),
    ...(key === 'status'
      ? { words: () => distinct(ctx.dossier.transfers, (t) => ctx.enumLabel('status', t.status)) }
      : {}),
    ...(KEEP.has(key) ? { keep: true } : {}),
  };
}

/** The distinct values of `f` over `list`, in first-seen order. */
function distinct<T>(list: readonly T[], f: (item: T) => string): string[] {
  return [...new Set(list.map(f))];
}

/** The words the channel column wraps: the channels' labels, and the providers (muted). */
function* channelWords(ctx: RenderContext): Iterable<string | StyledAtom> {
  const { transfers } = ctx.dossier;
  // A label may take two lines above its provider's one without making a row taller than
  // its date and time above the transfer's id.
  for (const label of distinct(transfers, (t) => ctx.enumLabel('channel', t.channel)))
    yield { text: label, style: 'cell', lines: 2 };
  for (const provider of distinct(transfers, (t) => t.provider ?? ''))
    if (provider !== '') yield { text: provider, style: 'cell_muted', lines: 1 };
}

/** The account identifiers a party column shows (each account once). */
function* partyIdentifiers(
  ctx: RenderContext,
  key: 'sender' | 'beneficiary',
): Iterable<string | StyledAtom> {
  const seen = new Set<string>();
  for (const line of ctx.facts.transfers) {
    const party = line[key];
    const id = party.kind === 'account' ? party.id : party.account;
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    const { identifier } = ctx.accountInfo(id);
    if (identifier) yield partyAtom(identifier, party.kind === 'person');
  }
}

/**
 * The longest texts of an amount column (figures all have one width, so the widest are
 * among them), the total included: what the column is widened for.
 */
function widestAmounts(ctx: RenderContext, key: 'amount' | 'converted'): string[] {
  let longest: string[] = [];
  let max = 0;
  const consider = (text: string) => {
    if (text.length > max) {
      max = text.length;
      longest = [text];
    } else if (text.length === max && longest.length < 8) longest.push(text);
  };
  for (const line of ctx.facts.transfers) {
    if (key === 'amount') consider(ctx.money(line.transfer.amount));
    else if (line.converted) consider(ctx.money(line.converted));
  }
  if (key === 'converted') consider(ctx.money(ctx.facts.totals.total));
  return longest;
}

function* references(ctx: RenderContext): Iterable<string> {
  for (const line of ctx.facts.transfers)
    if (line.transfer.reference) yield line.transfer.reference;
}

function convertedCell(ctx: RenderContext, line: TransferLine): Cell {
  if (line.counted) return line.converted ? ctx.money(line.converted) : '';
  const status = ctx.enumLabel('status', line.transfer.status);
  const parts: CellPart[] = [];
  if (line.converted)
    parts.push({ text: `(${ctx.money(line.converted)})`, style: 'cell_muted', atom: true });
  parts.push({ text: ctx.label('transfers.not_counted', { status }), style: 'cell_italic' });
  return parts;
}

function cell(ctx: RenderContext, line: TransferLine, key: TransferColumn, showId: boolean): Cell {
  const t = line.transfer;
  switch (key) {
    case 'id':
      return t.id;
    case 'at':
      return showId
        ? [{ text: ctx.time(line.local) }, { text: t.id, style: 'cell_muted', atom: true }]
        : ctx.time(line.local);
    case 'sender':
      return ctx.partyCell(line.sender);
    case 'beneficiary':
      return ctx.partyCell(line.beneficiary);
    case 'amount':
      return ctx.money(t.amount);
    case 'converted':
      return convertedCell(ctx, line);
    case 'channel':
      return t.provider
        ? [{ text: ctx.enumLabel('channel', t.channel) }, { text: t.provider, style: 'cell_muted' }]
        : ctx.enumLabel('channel', t.channel);
    case 'reference':
      return t.reference ?? '';
    case 'status':
      return ctx.enumLabel('status', t.status);
    case 'evidence':
      return evidenceCell(ctx, t);
  }
}

/** The transfers table: every transfer, totals of the completed ones, capped with an annex. */
export function transferTable(
  ctx: RenderContext,
  keys: readonly TransferColumn[],
  maxRows: number | undefined,
  annexOver?: number,
): Block[] {
  const lines = ctx.facts.transfers;
  const showId = !keys.includes('id');
  const totalRow = keys.map((k, i): Cell => {
    if (i === 0) return ctx.label('total');
    return k === 'converted' ? ctx.money(ctx.facts.totals.total) : '';
  });
  return cappedTable(
    ctx,
    {
      columns: keys.map((k) => column(ctx, k)),
      rowCount: lines.length,
      row: (i) => keys.map((k) => cell(ctx, lines[i] as TransferLine, k, showId)),
      caption: ctx.label('section.transfers'),
      totals: keys.includes('converted') ? [totalRow] : [],
    },
    maxRows,
    ctx.label('transfers.annex'),
    annexOver,
  );
}

/** Declared rates actually used, with the number of transfers each converted. */
function ratesBlocks(ctx: RenderContext): Block[] {
  const used = new Map<Rate, number>();
  for (const line of ctx.facts.transfers) {
    if (line.rate?.kind === 'declared')
      used.set(line.rate.rate, (used.get(line.rate.rate) ?? 0) + 1);
  }
  if (used.size === 0) return [];
  const rates = [...used.entries()];
  // Each currency's rates with as many decimals as the most precise of them: a rate
  // written as a YAML number loses its trailing zeros (`0.8850` is read 0.885), and a
  // column read `0,885` under `0,8571`. Adding zeros changes no value.
  const decimals = new Map<string, number>();
  for (const [rate] of rates)
    decimals.set(rate.currency, Math.max(decimals.get(rate.currency) ?? 0, rate.rate.scale));
  const shown = (rate: Rate): string =>
    formatDecimal(withScale(rate.rate, decimals.get(rate.currency) ?? 0), ctx.lang);
  return [
    subHeading(ctx, ctx.label('section.rates')),
    intro(ctx.label('rates.intro'), { style: 'small' }),
    new TableBlock({
      columns: [
        { label: ctx.label('col.currency'), weight: 0.8 },
        { label: ctx.label('col.rate_date'), weight: 1 },
        // A rate is one number, never broken (`0.123456789012345678901-` / `23` read as a
        // minus sign or a cut): the column is widened for the longest, as for sizes.
        {
          label: ctx.label('col.rate', { currency: ctx.facts.currency }),
          weight: 1.3,
          align: 'right',
          atom: true,
          keep: true,
          atoms: () => rates.map(([rate]) => shown(rate)),
        },
        { label: ctx.label('col.rate_source'), weight: 1.6 },
        { label: ctx.label('col.transfers_count'), weight: 1, align: 'right' },
      ],
      rowCount: rates.length,
      row: (i) => {
        const [rate, count] = rates[i] as [Rate, number];
        return [rate.currency, ctx.date(rate.date), shown(rate), rate.source ?? '', ctx.int(count)];
      },
      continued: ctx.label('continued'),
    }),
  ];
}

export function transfersSection(ctx: RenderContext, section: SectionOf<'transfers'>): Block[] {
  const t = ctx.facts.totals;
  const blocks = openSection(ctx, section, 'section.transfers');
  blocks.push(
    intro(
      ctx.label('transfers.intro', {
        all: ctx.int(t.all),
        completed: ctx.int(t.completed),
        total: ctx.money(t.total),
      }),
      { spaceAfter: 6 },
    ),
  );
  if (t.all === 0) return [...blocks, paragraph(ctx.label('none'))];
  append(
    blocks,
    transferTable(
      ctx,
      section.columns ?? DEFAULT_COLUMNS,
      section.max_rows,
      section.annex_over ?? DEFAULT_ANNEX_OVER,
    ),
  );
  if (section.rates ?? true) append(blocks, ratesBlocks(ctx));
  if (section.breakdowns?.length)
    append(blocks, breakdownBlocks(ctx, section.breakdowns, section.max_rows));
  if (section.chart)
    blocks.push(subHeading(ctx, ctx.label('section.monthly_chart')), ...monthlyChartBlocks(ctx));
  return blocks;
}
