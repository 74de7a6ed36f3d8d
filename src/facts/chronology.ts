/**
 * The chronology: transfers, exchanges (start, and end when known), custody events
 * and charge periods, merged and sorted by true instant.
 *
 * Ties (same millisecond) are broken by kind, in this order: charge-start, transfer,
 * exchange-start, exchange-end, custody, charge-end (a period opens before and closes
 * after anything that happens at the same instant; a payment before the session it
 * may pay for); then by record id; then by dossier order (custody: list index).
 * Charge periods are date events: start at the first instant of `from`, end at the
 * last millisecond of `to`, on the case time zone's wall clock.
 */
import type { Charge, Dossier, Exchange, Exhibit } from '../model/dossier.js';
import type { ChronologyEvent, ChronologyKind, TransferLine } from './types.js';
import { endOfDayIn, startOfDayIn, zonedTime } from './zone.js';

/** Tie order of kinds at the same instant (lower first). */
export const CHRONOLOGY_KIND_RANK: Readonly<Record<ChronologyKind, number>> = {
  'charge-start': 0,
  transfer: 1,
  'exchange-start': 2,
  'exchange-end': 3,
  custody: 4,
  'charge-end': 5,
};

interface Ranked {
  readonly epochMs: number;
  readonly rank: number;
  readonly id: string;
  readonly order: number;
  readonly event: ChronologyEvent;
}

function compareRanked(a: Ranked, b: Ranked): number {
  return (
    a.epochMs - b.epochMs ||
    a.rank - b.rank ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) ||
    a.order - b.order
  );
}

type Push = (event: ChronologyEvent, order: number) => void;

function addTransfers(lines: readonly TransferLine[], push: Push): void {
  lines.forEach((line, order) => {
    const { transfer } = line;
    const { at } = transfer;
    const event = {
      id: transfer.id,
      epochMs: at.epochMs,
      local: line.local,
      instant: at,
      transfer,
    };
    push({ kind: 'transfer', ...event }, order);
  });
}

function addExchanges(exchanges: readonly Exchange[], tz: string, push: Push): void {
  exchanges.forEach((exchange, order) => {
    const { id, at, end } = exchange;
    const local = zonedTime(at.epochMs, tz);
    push({ kind: 'exchange-start', id, epochMs: at.epochMs, local, instant: at, exchange }, order);
    if (!end) return;
    const endLocal = zonedTime(end.epochMs, tz);
    push(
      { kind: 'exchange-end', id, epochMs: end.epochMs, local: endLocal, instant: end, exchange },
      order,
    );
  });
}

function addCustody(evidence: readonly Exhibit[], tz: string, push: Push): void {
  for (const exhibit of evidence) {
    exhibit.custody.forEach((custody, index) => {
      const { at } = custody;
      const local = zonedTime(at.epochMs, tz);
      const event = {
        id: exhibit.id,
        epochMs: at.epochMs,
        local,
        instant: at,
        exhibit,
        custody,
        index,
      };
      push({ kind: 'custody', ...event }, index);
    });
  }
}

function addChargePeriods(charges: readonly Charge[], tz: string, push: Push): void {
  charges.forEach((charge, order) => {
    const { from, to } = charge.period;
    const start = startOfDayIn(from, tz);
    const end = endOfDayIn(to, tz);
    const id = charge.id;
    push(
      { kind: 'charge-start', id, epochMs: start, local: zonedTime(start, tz), date: from, charge },
      order,
    );
    push(
      { kind: 'charge-end', id, epochMs: end, local: zonedTime(end, tz), date: to, charge },
      order,
    );
  });
}

/** Build the sorted chronology; `lines` supplies the transfers' wall-clock readings already computed. */
export function buildChronology(
  dossier: Dossier,
  lines: readonly TransferLine[],
): ChronologyEvent[] {
  const tz = dossier.case.timezone;
  const ranked: Ranked[] = [];
  // Ids are unique across records, so `order` only separates events of one record
  // (custody events of one exhibit); lines are already in chronological order.
  const push: Push = (event, order) => {
    ranked.push({
      epochMs: event.epochMs,
      rank: CHRONOLOGY_KIND_RANK[event.kind],
      id: event.id,
      order,
      event,
    });
  };
  addTransfers(lines, push);
  addExchanges(dossier.exchanges, tz, push);
  addCustody(dossier.evidence, tz, push);
  addChargePeriods(dossier.charges, tz, push);
  return ranked.sort(compareRanked).map((r) => r.event);
}
