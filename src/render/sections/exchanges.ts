import { TableBlock } from '../blocks/table.js';
import type { Cell, Column } from '../blocks/table.js';
import type { StyledAtom } from '../blocks/table-cells.js';
import type { RenderContext } from '../context.js';
import type { Block } from '../layout/flow.js';
import { compareByInstantThenId } from '../../facts/time.js';
import type { Exchange } from '../../model/dossier.js';
import type { EXCHANGE_COLUMNS, SectionOf } from '../../templates/schema.js';
import {
  DEFAULT_ANNEX_OVER,
  cappedTable,
  evidenceCell,
  locatorWords,
  intro,
  openSection,
  paragraph,
  partyAtom,
  partyColumn,
  subHeading,
} from './common.js';
import { append } from '../../append.js';

type ExchangeColumn = (typeof EXCHANGE_COLUMNS)[number];

const DEFAULT_COLUMNS: readonly ExchangeColumn[] = [
  'at',
  'kind',
  'platform',
  'from',
  'to',
  'evidence',
];
const WEIGHTS: Record<ExchangeColumn, number> = {
  id: 0.8,
  at: 1.2,
  end: 1.2,
  kind: 1.2,
  platform: 1,
  from: 2.1,
  to: 2.1,
  summary: 2.6,
  evidence: 0.75,
};
const LABELS = { at: 'col.start', end: 'col.end' } as const;

/** Exchanges by true instant, then id. */
export function sortedExchanges(ctx: RenderContext): Exchange[] {
  return [...ctx.dossier.exchanges].sort(compareByInstantThenId);
}

function cell(ctx: RenderContext, e: Exchange, key: ExchangeColumn, showId: boolean): Cell {
  switch (key) {
    case 'id':
      return e.id;
    case 'at':
      return showId
        ? [{ text: ctx.instant(e.at) }, { text: e.id, style: 'cell_muted', atom: true }]
        : ctx.instant(e.at);
    case 'end':
      return e.end ? ctx.instant(e.end) : '';
    case 'kind':
      return ctx.enumLabel('exchange_kind', e.kind);
    case 'platform':
      return e.platform ?? '';
    case 'from':
      return ctx.accountCell(e.from);
    case 'to':
      return e.to.flatMap((id) => ctx.accountCell(id));
    case 'summary':
      return e.summary ?? '';
    case 'evidence':
      return evidenceCell(ctx, e);
  }
}

function countsTable(
  ctx: RenderContext,
  title: string,
  /** The first column's header: what the rows are ("Nature", not the title "Par nature" again). */
  key: string,
  rows: readonly { key: string | null; count: number }[],
  text: (k: string) => string,
): Block[] {
  return [
    subHeading(ctx, title),
    new TableBlock({
      columns: [
        { label: key, weight: 3 },
        { label: ctx.label('count'), weight: 1, align: 'right' },
      ],
      rowCount: rows.length + 1,
      row: (i) => {
        const r = rows[i];
        if (!r) return [ctx.label('total'), ctx.int(ctx.facts.exchanges.count)];
        return [
          r.key === null ? [{ text: ctx.label('not_stated'), style: 'cell_italic' }] : text(r.key),
          ctx.int(r.count),
        ];
      },
      emphasis: (i) => i === rows.length,
      continued: ctx.label('continued'),
    }),
  ];
}

export function exchangesSection(ctx: RenderContext, section: SectionOf<'exchanges'>): Block[] {
  const f = ctx.facts.exchanges;
  const blocks = openSection(ctx, section, 'section.exchanges');
  blocks.push(
    intro(
      ctx.label('exchanges.intro', { count: ctx.int(f.count), live: ctx.int(f.liveSessions) }),
      { spaceAfter: 6 },
    ),
  );
  if (f.count === 0) return [...blocks, paragraph(ctx.label('none'))];
  const keys = section.columns ?? DEFAULT_COLUMNS;
  const showId = !keys.includes('id');
  const list = sortedExchanges(ctx);
  const columns: Column[] = keys.map((k) => ({
    label: ctx.columnLabel(k === 'at' || k === 'end' ? LABELS[k] : `col.${k}`),
    weight: WEIGHTS[k],
    ...(k === 'evidence' ? { atoms: () => locatorWords(ctx, ctx.dossier.exchanges) } : {}),
    // Dates and ids are not narrowed to widen another column; a kind keeps its words whole.
    ...(k === 'at' || k === 'end' || k === 'id' ? { keep: true } : {}),
    ...(k === 'kind'
      ? {
          words: () =>
            [...new Set(ctx.dossier.exchanges.map((e) => e.kind))].map((kind) =>
              ctx.enumLabel('exchange_kind', kind),
            ),
        }
      : {}),
    // The account identifiers shown under the parties, as in the transfers table: the
    // column is widened for them before they are drawn smaller or broken.
    ...(k === 'from' || k === 'to' ? partyColumn(ctx, () => partyIdentifiers(ctx, k)) : {}),
  }));
  blocks.push(
    ...cappedTable(
      ctx,
      {
        columns,
        rowCount: list.length,
        row: (i) => keys.map((k) => cell(ctx, list[i] as Exchange, k, showId)),
        caption: ctx.label('section.exchanges'),
      },
      section.max_rows,
      ctx.label('exchanges.annex'),
      section.annex_over ?? DEFAULT_ANNEX_OVER,
    ),
  );
  if (section.counts ?? true) {
    blocks.push(
      ...countsTable(ctx, ctx.label('exchanges.by_kind'), ctx.label('col.kind'), f.byKind, (k) =>
        ctx.enumLabel('exchange_kind', k as Exchange['kind']),
      ),
    );
    append(
      blocks,
      countsTable(
        ctx,
        ctx.label('exchanges.by_platform'),
        ctx.label('col.platform'),
        f.byPlatform,
        (k) => k,
      ),
    );
  }
  return blocks;
}

/** The account identifiers a party column of the exchanges shows (each account once). */
function* partyIdentifiers(ctx: RenderContext, key: 'from' | 'to'): Iterable<string | StyledAtom> {
  const seen = new Set<string>();
  for (const e of ctx.dossier.exchanges) {
    for (const id of key === 'from' ? [e.from] : e.to) {
      if (seen.has(id)) continue;
      seen.add(id);
      const { identifier } = ctx.accountInfo(id);
      if (identifier) yield partyAtom(identifier, ctx.holderOf(id) !== undefined);
    }
  }
}
