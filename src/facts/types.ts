/**
 * What computeFacts derives from a validated dossier, shaped for display by the PDF
 * renderer and the terminal summary. Amounts are exact Money; instants come with their
 * wall-clock reading in the case time zone (ZonedTime).
 */
import type {
  CalendarDate,
  Charge,
  CustodyEvent,
  Exchange,
  ExchangeKind,
  Exhibit,
  Instant,
  Money,
  Transfer,
  TransferChannel,
} from '../model/dossier.js';
import type { Party } from './parties.js';
import type { AppliedRate } from './rates.js';
import type { ZonedTime } from './zone.js';

export type { AppliedRate, Party, ZonedTime };

/** One transfer as listed: every status, with its conversion when one applies. */
export interface TransferLine {
  readonly transfer: Transfer;
  /** `transfer.at` on the case time zone's wall clock. */
  readonly local: ZonedTime;
  /** Calendar date in the case time zone (the date that picks the rate). */
  readonly date: CalendarDate;
  /** `YYYY-MM` in the case time zone. */
  readonly month: string;
  readonly sender: Party;
  readonly beneficiary: Party;
  /** Whether the line counts in totals (status `completed`). */
  readonly counted: boolean;
  /** Rate used; always present on counted lines, present on others when a rate exists. */
  readonly rate?: AppliedRate;
  /** The amount in the reporting currency, rounded half to even; present whenever `rate` is. */
  readonly converted?: Money;
}

/** Counts by status and the grand total (completed transfers only). */
export interface TransferTotals {
  /** Every transfer listed, whatever its status. */
  readonly all: number;
  /** Transfers with status `completed`: those `total` sums. */
  readonly completed: number;
  readonly attempted: number;
  readonly reversed: number;
  /** Exact sum of the converted amounts of completed transfers, in the reporting currency. */
  readonly total: Money;
  /** First and last completed transfers by true instant. */
  readonly first?: TransferLine;
  readonly last?: TransferLine;
}

/** A group of completed transfers: how many and their converted total. */
export interface BreakdownRow<K = string> {
  readonly key: K;
  readonly count: number;
  readonly total: Money;
}

/** A sender or beneficiary group: a person, or an account nobody is known to hold. */
export interface PartyRow extends BreakdownRow {
  readonly kind: 'person' | 'account';
}

/** An original-currency group: the sum in that currency and converted. */
export interface CurrencyRow extends BreakdownRow {
  readonly original: Money;
}

/**
 * Completed transfers grouped several ways; each list's totals add up to the grand
 * total. Rows are sorted by total (largest first), then count, then key, except
 * `byMonth` (chronological). A null key means "not stated" (no provider; no known residence).
 */
export interface Breakdowns {
  readonly bySender: readonly PartyRow[];
  readonly byBeneficiary: readonly PartyRow[];
  /** Residence of the beneficiary person (ISO 3166-1 alpha-2); null when unknown. */
  readonly byBeneficiaryCountry: readonly BreakdownRow<string | null>[];
  readonly byChannel: readonly BreakdownRow<TransferChannel>[];
  readonly byProvider: readonly BreakdownRow<string | null>[];
  readonly byCurrency: readonly CurrencyRow[];
  /** `YYYY-MM` in the case time zone. */
  readonly byMonth: readonly BreakdownRow[];
}

/**
 * A charge's figures: the completed transfers sent by its own suspects (the person, or
 * an account they hold) whose case-tz calendar date falls inside its period (inclusive).
 */
export interface ChargePeriodFacts {
  readonly charge: Charge;
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly count: number;
  readonly total: Money;
}

/** The exchange log in figures. */
export interface ExchangeFacts {
  readonly count: number;
  /** Rows in the order of the format's kind list; kinds with no exchange left out. */
  readonly byKind: readonly { readonly key: ExchangeKind; readonly count: number }[];
  /** By count (largest first) then name; null: no platform stated. */
  readonly byPlatform: readonly { readonly key: string | null; readonly count: number }[];
  /** Exchanges of kind `live_session`. */
  readonly liveSessions: number;
  /** Exchanges that correlation considers: `live_session` and `video_call`. */
  readonly sessions: number;
}

/** A session (live_session / video_call) linked to a completed transfer. */
export interface CorrelationLink {
  readonly transfer: Transfer;
  readonly exchange: Exchange;
  /** The sender person, who holds one of the exchange's accounts. */
  readonly person: string;
  /**
   * `exchange.at − transfer.at` in whole milliseconds (toward zero): positive when the
   * session came after. Integer.
   */
  readonly gapMs: number;
  /**
   * The rest of the gap in nanoseconds (same sign as `gapMs`, below 1 ms), when the
   * instants' fractions differ beyond the millisecond; absent otherwise.
   */
  readonly gapNanos?: number;
}

/** Every linked pair, ordered by transfer (true instant, id) then exchange (true instant, id). */
export interface Correlation {
  readonly windowHours: number;
  /** The window either side, in whole milliseconds (rounded down). */
  readonly windowMs: number;
  /** The window's nanoseconds beyond windowMs (`--window 0.99999999`); absent when 0. */
  readonly windowNanos?: number;
  readonly links: readonly CorrelationLink[];
  /** Completed transfers with at least one linked session. */
  readonly linkedTransfers: number;
  /** Completed transfers with none. */
  readonly unlinkedTransfers: number;
}

interface EventBase {
  /** True instant used for ordering. */
  readonly epochMs: number;
  /** Wall clock in the case time zone. */
  readonly local: ZonedTime;
  /** Id of the record: transfer, exchange, exhibit (custody) or charge. */
  readonly id: string;
}

/**
 * A dated event of the chronology. Charge periods are date events: `charge-start` at
 * the first instant of `from` and `charge-end` at the last millisecond of `to`, both
 * in the case time zone; show them by `date`, not by time.
 */
export type ChronologyEvent =
  | (EventBase & {
      readonly kind: 'transfer';
      readonly instant: Instant;
      readonly transfer: Transfer;
      /** The transfer's line (parties, conversion): the event itself, as computeFacts builds it. */
      readonly line: TransferLine;
    })
  | (EventBase & {
      readonly kind: 'exchange-start' | 'exchange-end';
      readonly instant: Instant;
      readonly exchange: Exchange;
    })
  | (EventBase & {
      readonly kind: 'custody';
      readonly instant: Instant;
      readonly exhibit: Exhibit;
      readonly custody: CustodyEvent;
      /** Index of the event in the exhibit's custody list. */
      readonly index: number;
    })
  | (EventBase & {
      readonly kind: 'charge-start' | 'charge-end';
      readonly date: CalendarDate;
      readonly charge: Charge;
    });

export type ChronologyKind = ChronologyEvent['kind'];

/** A transfer's chronology event (built by computeFacts: the transfer's line itself). */
export type TransferEvent = Extract<ChronologyEvent, { kind: 'transfer' }>;

/** The period of the facts: charge periods when there are charges, else first..last record. */
export interface FactsPeriod {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  /** `charges`: min `from` .. max `to` of the charges; `records`: dates of the first and last transfer or exchange. */
  readonly basis: 'charges' | 'records';
}

/** Record counts. */
export interface RecordCounts {
  readonly persons: number;
  readonly suspects: number;
  readonly victims: number;
  readonly accounts: number;
  readonly charges: number;
  readonly exhibits: number;
  readonly transfers: number;
  readonly exchanges: number;
}

/** Everything the documents show that is computed rather than copied from the dossier. */
export interface DossierFacts {
  /** Case time zone (IANA) every `local` reading is in. */
  readonly timezone: string;
  /** Reporting currency of every converted amount and total. */
  readonly currency: string;
  /** All transfers, by true instant then id. */
  readonly transfers: readonly TransferLine[];
  readonly totals: TransferTotals;
  readonly breakdowns: Breakdowns;
  /** In the dossier's charge order. */
  readonly chargePeriods: readonly ChargePeriodFacts[];
  readonly exchanges: ExchangeFacts;
  readonly correlation: Correlation;
  readonly chronology: readonly ChronologyEvent[];
  readonly counts: RecordCounts;
  /** Undefined when the dossier has no charge, transfer or exchange. */
  readonly period?: FactsPeriod;
}

/** Options of computeFacts. */
export interface FactsOptions {
  /** Correlation window either side of a transfer, in hours (default 48; > 0, may be fractional). */
  readonly windowHours?: number;
}
