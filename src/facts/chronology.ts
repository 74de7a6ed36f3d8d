/**
 * The chronology: transfers, exchanges (start, and end when known), custody events
 * and charge periods, merged and sorted by true instant.
 *
 * Events are ordered by epoch ms, then by the nanoseconds written beyond it (a
 * charge period ends at the last nanosecond of its last millisecond). Ties (same
 * instant) are broken by kind, in this order: charge-start, transfer,
 * exchange-start, exchange-end, custody, charge-end (a period opens before and closes
 * after anything that happens at the same instant; a payment before the session it
 * may pay for); then by record id in natural order (`T2` before `T10`: see compareIds);
 * then by dossier order (custody: list index).
 * Charge periods are date events: start at the first instant of `from`, end at the
 * last millisecond of `to`, on the case time zone's wall clock.
 */
import type { Charge, Dossier, Exchange, Exhibit, Instant } from '../model/dossier.js';
import type { ChronologyEvent, ChronologyKind, TransferLine } from './types.js';
import { compareIds } from './time.js';
import { transferEvent } from './transfers.js';
import { endOfDayIn, startOfDayIn, zonedTime, type ZonedTime } from './zone.js';

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
  /** Nanoseconds beyond `epochMs`. */
  readonly ns: number;
  readonly rank: number;
  readonly id: string;
  readonly order: number;
  readonly event: ChronologyEvent;
}

function compareRanked(a: Ranked, b: Ranked): number {
  return (
    a.epochMs - b.epochMs ||
    a.ns - b.ns ||
    a.rank - b.rank ||
    compareIds(a.id, b.id) ||
    a.order - b.order
  );
}

type Push = (event: ChronologyEvent, order: number) => void;

/** The last nanosecond of a millisecond: where a charge period's last millisecond ends. */
const LAST_NS = 999_999;

/**
 * An exchange's start or end: nothing of its own but the record and the zone (the render
 * keeps the chronology until its last page); its kind is its class, its wall-clock
 * reading computed when read. Fields are getters, as in the record views; `toJSON` gives
 * them as a plain object. (A transfer's event is its line: transferEvent.)
 */
abstract class ExchangeEvent {
  abstract readonly kind: 'exchange-start' | 'exchange-end';
  abstract readonly instant: Instant;
  constructor(
    readonly exchange: Exchange,
    private readonly timezone: string,
  ) {}
  get id(): string {
    return this.exchange.id;
  }
  get epochMs(): number {
    return this.instant.epochMs;
  }
  get local(): ZonedTime {
    return zonedTime(this.epochMs, this.timezone);
  }
  toJSON(): object {
    const { kind, id, epochMs, local, instant, exchange } = this;
    return { kind, id, epochMs, local, instant, exchange };
  }
}

class ExchangeStart extends ExchangeEvent {
  get kind(): 'exchange-start' {
    return 'exchange-start';
  }
  get instant(): Instant {
    return this.exchange.at;
  }
}

class ExchangeEnd extends ExchangeEvent {
  get kind(): 'exchange-end' {
    return 'exchange-end';
  }
  get instant(): Instant {
    return this.exchange.end as Instant;
  }
}

function addTransfers(lines: readonly TransferLine[], push: Push): void {
  lines.forEach((line, order) => push(transferEvent(line), order));
}

function addExchanges(exchanges: readonly Exchange[], tz: string, push: Push): void {
  exchanges.forEach((exchange, order) => {
    push(new ExchangeStart(exchange, tz), order);
    if (exchange.end) push(new ExchangeEnd(exchange, tz), order);
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
    let epochMs: number;
    let ns: number;
    if ('instant' in event) {
      const at = event.instant; // read once: a table's record makes its instant when read
      epochMs = at.epochMs;
      ns = at.subMsNanos ?? 0;
    } else {
      epochMs = event.epochMs;
      ns = event.kind === 'charge-end' ? LAST_NS : 0;
    }
    ranked.push({
      epochMs,
      ns,
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
