import type { Cell } from '../blocks/table.js';
import type { RenderContext } from '../context.js';
import type { Block } from '../layout/flow.js';
import type { ChronologyEvent } from '../../facts/index.js';
import { CHRONOLOGY_KINDS } from '../../templates/schema.js';
import type { SectionOf } from '../../templates/schema.js';
import { DEFAULT_ANNEX_OVER, cappedTable, intro, openSection, paragraph } from './common.js';

type Kind = (typeof CHRONOLOGY_KINDS)[number];

const DEFAULT_KINDS: readonly Kind[] = ['charge', 'transfer', 'exchange', 'custody'];

function kindOf(event: ChronologyEvent): Kind {
  switch (event.kind) {
    case 'transfer':
      return 'transfer';
    case 'exchange-start':
    case 'exchange-end':
      return 'exchange';
    case 'custody':
      return 'custody';
    default:
      return 'charge';
  }
}

function details(ctx: RenderContext, e: ChronologyEvent): Cell {
  switch (e.kind) {
    case 'transfer': {
      const { line } = e;
      const parties = `${ctx.partyText(line.sender)} → ${ctx.partyText(line.beneficiary)}`;
      return `${ctx.money(e.transfer.amount)} — ${parties}`;
    }
    case 'exchange-start':
    case 'exchange-end': {
      const x = e.exchange;
      return `${ctx.enumLabel('exchange_kind', x.kind)}${x.platform ? ` (${x.platform})` : ''}`;
    }
    case 'custody':
      return `${e.exhibit.title} — ${ctx.enumLabel('custody_action', e.custody.action)} (${e.custody.by})`;
    default:
      return e.charge.qualification;
  }
}

function when(ctx: RenderContext, e: ChronologyEvent): string {
  return e.kind === 'charge-start' || e.kind === 'charge-end'
    ? ctx.date(e.date)
    : ctx.time(e.local);
}

function ref(e: ChronologyEvent): string {
  if (e.kind === 'transfer') return `${e.id} (${e.transfer.evidence})`;
  if (e.kind === 'exchange-start' || e.kind === 'exchange-end')
    return `${e.id} (${e.exchange.evidence})`;
  return e.id;
}

/** The events of `kinds`, read from `all` through their indices. */
function shownEvents(
  all: readonly ChronologyEvent[],
  kinds: ReadonlySet<Kind>,
): { readonly length: number; at(i: number): ChronologyEvent | undefined } {
  let indices = new Int32Array(all.length);
  let length = 0;
  all.forEach((e, i) => {
    if (kinds.has(kindOf(e))) indices[length++] = i;
  });
  indices = indices.slice(0, length);
  return { length, at: (i) => all[indices[i] ?? -1] };
}

export function chronologySection(ctx: RenderContext, section: SectionOf<'chronology'>): Block[] {
  const kinds = new Set(section.kinds ?? DEFAULT_KINDS);
  // The rows read the facts' own list, through the indices of the events of the kinds
  // shown when the template leaves some out (4 bytes a row kept, not a copy of the list).
  const all = ctx.facts.chronology;
  const events = CHRONOLOGY_KINDS.every((k) => kinds.has(k)) ? all : shownEvents(all, kinds);
  const blocks = openSection(ctx, section, 'section.chronology');
  blocks.push(intro(ctx.label('chronology.intro'), { spaceAfter: 6 }));
  if (events.length === 0) return [...blocks, paragraph(ctx.label('none'))];
  blocks.push(
    ...cappedTable(
      ctx,
      {
        columns: [
          { label: ctx.label('col.date'), weight: 1.2 },
          { label: ctx.label('col.event'), weight: 1.6 },
          { label: ctx.label('col.details'), weight: 4 },
          { label: ctx.columnLabel('col.id'), weight: 1.1, atom: true },
        ],
        rowCount: events.length,
        row: (i) => {
          const e = events.at(i) as ChronologyEvent;
          return [when(ctx, e), ctx.enumLabel('chronology', e.kind), details(ctx, e), ref(e)];
        },
        caption: ctx.label('section.chronology'),
      },
      section.max_rows,
      ctx.label('chronology.annex'),
      section.annex_over ?? DEFAULT_ANNEX_OVER,
    ),
  );
  return blocks;
}
