/**
 * Declared exchange rates: which rate converts a transfer. The rate of the
 * transfer's currency dated on or before its calendar date in the case time zone;
 * transfers in the reporting currency convert at 1 without any rate.
 */
import type { CalendarDate, Dossier, Rate, Transfer } from '../model/dossier.js';
import { calendarDateIn } from './time.js';
import { partitionPoint } from './search.js';

/** How a line was converted: at 1 (already in the reporting currency) or with a declared rate. */
export type AppliedRate =
  { readonly kind: 'identity' } | { readonly kind: 'declared'; readonly rate: Rate };

/** Rates by currency, each list sorted by date (source order kept among equal dates). */
export type RateBook = ReadonlyMap<string, readonly Rate[]>;

/** Index the dossier's rates for lookups by currency and date. */
export function buildRateBook(rates: readonly Rate[]): RateBook {
  const book = new Map<string, Rate[]>();
  for (const rate of rates) {
    const list = book.get(rate.currency);
    if (list) list.push(rate);
    else book.set(rate.currency, [rate]);
  }
  for (const list of book.values()) {
    list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)); // stable
  }
  return book;
}

/**
 * The rate of `currency` in force on `date`: the latest dated on or before it. When two
 * rates carry the same date, the first declared wins (the validator should refuse that).
 */
export function findRate(book: RateBook, currency: string, date: CalendarDate): Rate | undefined {
  const list = book.get(currency);
  if (!list) return undefined;
  // One past the last rate dated on or before `date`.
  const low = partitionPoint(list, (rate) => rate.date <= date);
  if (low === 0) return undefined;
  const inForce = list[low - 1] as Rate;
  // Step back to the first declared rate of that date.
  let first = low - 1;
  while (first > 0 && (list[first - 1] as Rate).date === inForce.date) first--;
  return list[first];
}

/** The rate that converts a transfer on `date` into `reporting`; undefined when none is declared. */
export function rateForTransfer(
  book: RateBook,
  transfer: Transfer,
  date: CalendarDate,
  reporting: string,
): AppliedRate | undefined {
  if (transfer.amount.currency === reporting) return IDENTITY;
  const rate = findRate(book, transfer.amount.currency, date);
  if (!rate) return undefined;
  // One AppliedRate per declared rate, shared by the lines it converts (a dossier of
  // 50,000 transfers made 50,000 of these for a few hundred rates).
  let applied = declared.get(rate);
  if (applied === undefined)
    declared.set(rate, (applied = Object.freeze({ kind: 'declared', rate })));
  return applied;
}

const IDENTITY: AppliedRate = Object.freeze({ kind: 'identity' });
const declared = new WeakMap<Rate, AppliedRate>();

/** A completed transfer that no declared rate converts (the `missing-rate` error). */
export interface MissingRate {
  readonly transfer: Transfer;
  /** The transfer's calendar date in the case time zone. */
  readonly date: CalendarDate;
}

/** Completed transfers that cannot be converted to the reporting currency, in dossier order. */
export function findMissingRates(dossier: Dossier): MissingRate[] {
  const book = buildRateBook(dossier.rates);
  const { currency, timezone } = dossier.case;
  const missing: MissingRate[] = [];
  for (const transfer of dossier.transfers) {
    if (transfer.status !== 'completed') continue;
    const date = calendarDateIn(transfer.at, timezone);
    if (!rateForTransfer(book, transfer, date, currency)) missing.push({ transfer, date });
  }
  return missing;
}
