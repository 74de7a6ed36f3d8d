/**
 * Facts derived from a validated dossier: exact money, chronology by true instant,
 * payment/session correlation. Pure: no I/O (the fingerprint only hashes in memory).
 */
import type { CalendarDate, Dossier, Exchange } from '../model/dossier.js';
import { EXCHANGE_KINDS } from '../schema/dossier.js';
import { computeBreakdowns, computeChargePeriods } from './breakdowns.js';
import { buildChronology } from './chronology.js';
import { DEFAULT_WINDOW_HOURS, SESSION_KINDS, correlateSessions } from './correlate.js';
import { indexParties } from './parties.js';
import { buildRateBook } from './rates.js';
import { calendarDateIn } from './time.js';
import { buildTransferLines, computeTotals } from './transfers.js';
import type {
  ChronologyEvent,
  DossierFacts,
  ExchangeFacts,
  FactsOptions,
  FactsPeriod,
  RecordCounts,
  TransferLine,
} from './types.js';

export type * from './types.js';
export { DEFAULT_WINDOW_HOURS, SESSION_KINDS, correlateSessions, windowMsOf } from './correlate.js';
export { fingerprintDossier } from './fingerprint.js';
export { findMissingRates, findRate, buildRateBook } from './rates.js';
export type { MissingRate, RateBook } from './rates.js';
export { currencyCodes, isActiveCurrency, isCurrency, minorUnits } from './currencies.js';
export { decimalToMinor, decimalToString, parseDecimal } from './decimal.js';
export { convertMoney, moneyToDecimalString, sumMoney } from './money.js';
export { calendarDateIn, isCalendarDate, isTimeZone, parseInstant } from './time.js';
export { endOfDayIn, isAmbiguousWallTime, startOfDayIn, zonedTime } from './zone.js';
export { gapText } from './correlate.js';
export { SUMMARY_JSON_VERSION, summaryDocument } from './summary-json.js';
export type { SummaryDocument } from './summary-json.js';

const EXCHANGE_KIND_ORDER: readonly Exchange['kind'][] = EXCHANGE_KINDS;

function exchangeFacts(exchanges: readonly Exchange[]): ExchangeFacts {
  const kinds = new Map<Exchange['kind'], number>();
  const platforms = new Map<string | null, number>();
  for (const exchange of exchanges) {
    kinds.set(exchange.kind, (kinds.get(exchange.kind) ?? 0) + 1);
    const platform = exchange.platform ?? null;
    platforms.set(platform, (platforms.get(platform) ?? 0) + 1);
  }
  const byPlatform = [...platforms]
    .map(([key, count]) => ({ key, count }))
    .sort(
      (a, b) =>
        b.count - a.count || (a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1),
    );
  return {
    count: exchanges.length,
    byKind: EXCHANGE_KIND_ORDER.filter((k) => kinds.has(k)).map((key) => ({
      key,
      count: kinds.get(key) ?? 0,
    })),
    byPlatform,
    liveSessions: kinds.get('live_session') ?? 0,
    sessions: exchanges.filter((e) => SESSION_KINDS.has(e.kind)).length,
  };
}

/**
 * The charges' span, else the earliest and latest case-tz dates of the transfers and
 * exchanges (not the dates of the earliest and latest instants: where clocks went back
 * across midnight, a later instant can fall on an earlier date).
 */
function factsPeriod(dossier: Dossier, lines: readonly TransferLine[]): FactsPeriod | undefined {
  if (dossier.charges.length > 0) {
    const from = dossier.charges.map((c) => c.period.from).reduce((a, b) => (b < a ? b : a));
    const to = dossier.charges.map((c) => c.period.to).reduce((a, b) => (b > a ? b : a));
    return { from, to, basis: 'charges' };
  }
  const tz = dossier.case.timezone;
  let from: CalendarDate | undefined;
  let to: CalendarDate | undefined;
  const add = (date: CalendarDate) => {
    if (from === undefined || date < from) from = date;
    if (to === undefined || date > to) to = date;
  };
  for (const line of lines) add(line.date);
  for (const exchange of dossier.exchanges) add(calendarDateIn(exchange.at, tz));
  return from === undefined || to === undefined ? undefined : { from, to, basis: 'records' };
}

function recordCounts(dossier: Dossier): RecordCounts {
  return {
    persons: dossier.persons.length,
    suspects: dossier.persons.filter((p) => p.role === 'suspect').length,
    victims: dossier.persons.filter((p) => p.role === 'victim').length,
    accounts: dossier.accounts.length,
    charges: dossier.charges.length,
    exhibits: dossier.evidence.length,
    transfers: dossier.transfers.length,
    exchanges: dossier.exchanges.length,
  };
}

/**
 * Everything the documents compute from a validated dossier. Throws RangeError for a
 * window that is not a positive number of hours, and ToolError when a completed
 * transfer has no rate (the validator's `missing-rate` should have stopped it).
 */
export function computeFacts(dossier: Dossier, options: FactsOptions = {}): DossierFacts {
  const { currency, timezone } = dossier.case;
  const parties = indexParties(dossier);
  const lines = buildTransferLines(dossier, parties, buildRateBook(dossier.rates));
  const period = factsPeriod(dossier, lines);
  // The chronology (an event per transfer, exchange start and end...) is made when first
  // read: `summary` never reads it, and on a large dossier it is the largest of the facts.
  let chronology: readonly ChronologyEvent[] | undefined;
  return {
    timezone,
    currency,
    transfers: lines,
    totals: computeTotals(lines, currency),
    breakdowns: computeBreakdowns(lines, parties, currency),
    chargePeriods: computeChargePeriods(dossier.charges, lines, currency),
    exchanges: exchangeFacts(dossier.exchanges),
    correlation: correlateSessions(
      lines,
      dossier.exchanges,
      parties,
      options.windowHours ?? DEFAULT_WINDOW_HOURS,
    ),
    get chronology() {
      return (chronology ??= buildChronology(dossier, lines));
    },
    counts: recordCounts(dossier),
    ...(period ? { period } : {}),
  };
}
