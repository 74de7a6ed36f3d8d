import { offsetSecondsAt, utcMs } from '../../facts/zone.js';
import type { Instant, PathSegment } from '../../model/dossier.js';
import type { WrittenExchange, WrittenExhibit, WrittenTransfer } from '../../schema/dossier.js';
import type { Origin } from '../../model/dossier.js';
import type { RecordContext } from './rule.js';
import { recordRule } from './rule.js';

const DAY_MS = 86_400_000;
/** 0001-01-01T00:00Z and the last millisecond of 9999-12-31 (UTC wall clock). */
const FIRST_MS = utcMs(1, 1, 1);
const LAST_MS = utcMs(10000, 1, 1) - 1;

/**
 * Where `at` falls outside 0001-01-01..9999-12-31: `UTC`, the case time zone, or
 * undefined. Dates are written and shown with four-digit years. Only instants within
 * two days of either end ask the zone for its offset (no zone is 2 days off UTC).
 */
function outsideYears(at: Instant, timezone: string): string | undefined {
  return outsideYearsAt(at.epochMs, timezone);
}

/**
 * As outsideYears, for an instant's epoch ms: other rules skip such an instant (its
 * invalid-value is reported; a date of year 10000 or 0 would only add a misleading finding).
 */
export function outsideYearsAt(ms: number, timezone: string): string | undefined {
  if (ms > FIRST_MS + 2 * DAY_MS && ms < LAST_MS - 2 * DAY_MS) return undefined;
  if (ms < FIRST_MS || ms > LAST_MS) return 'UTC';
  const wall = ms + offsetSecondsAt(ms, timezone) * 1000;
  return wall < FIRST_MS || wall > LAST_MS ? timezone : undefined;
}

function check(
  at: Instant | undefined,
  origin: Origin,
  sub: readonly PathSegment[],
  ctx: RecordContext,
): void {
  if (at === undefined) return;
  const where = outsideYears(at, ctx.timezone);
  if (where === undefined) return;
  ctx.report('invalid-value', origin, sub, {
    detail: `${at.text} falls outside the years 0001 to 9999 in ${where}: dates are written with four-digit years`,
  });
}

/** A transfer's `at` within 0001-01-01..9999-12-31, in UTC and in the case time zone. */
export const transferInstantYears = recordRule<WrittenTransfer>()(['at'], (data, origin, ctx) =>
  check(data.at, origin, ['at'], ctx),
);

/** As transferInstantYears, for an exchange's `at`. */
export const exchangeInstantYears = recordRule<WrittenExchange>()(['at'], (data, origin, ctx) =>
  check(data.at, origin, ['at'], ctx),
);

/** As transferInstantYears, for an exchange's `end` (its own rule: `at` may fail alone). */
export const exchangeEndYears = recordRule<WrittenExchange>()(['end'], (data, origin, ctx) =>
  check(data.end, origin, ['end'], ctx),
);

/** As transferInstantYears, for each custody event's `at`. */
export const custodyInstantYears = recordRule<WrittenExhibit>()(
  ['custody'],
  (data, origin, ctx) => {
    (data.custody ?? []).forEach((event, i) => check(event.at, origin, ['custody', i, 'at'], ctx));
  },
);
