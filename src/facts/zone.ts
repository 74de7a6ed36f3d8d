/**
 * Wall-clock readings of true instants in an IANA time zone, DST-correct. The zone's
 * UTC offset comes from Intl.DateTimeFormat#formatToParts (ICU's tz database); it is
 * cached per UTC day, so that 10^5 instants cost a few hundred Intl calls.
 */
import type { CalendarDate } from '../model/dossier.js';

/** The wall clock of a zone at one instant, with the zone's offset at that instant. */
export interface ZonedTime {
  /** `YYYY-MM-DD` on the zone's wall clock. */
  readonly date: CalendarDate;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  /** The zone's offset from UTC at that instant, in seconds east (Paris winter: 3600). */
  readonly offsetSeconds: number;
}

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The formatter zonedTime reads `timeZone` with, or undefined when Intl knows no such
 * zone. isTimeZone asks this one too: a command that checks a zone and then reads
 * instants in it makes one formatter, not two (the first costs ICU's start, ~10 ms).
 */
export function zoneFormatter(timeZone: string): Intl.DateTimeFormat | undefined {
  try {
    return formatterFor(timeZone);
  } catch {
    return undefined; // RangeError: not a zone Intl knows
  }
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Epoch ms of a UTC wall time; unlike Date.UTC, years 0-99 are not moved to 19xx. */
export function utcMs(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0,
): number {
  // Days from the civil date (H. Hinnant's algorithm): pure integer arithmetic, no Date
  // object (this runs for every instant of a 100,000-record dossier).
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  return days * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
}

/** The offset straight from Intl, no cache. */
function exactOffsetSeconds(epochMs: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wall = utcMs(
    fields.year ?? 1970,
    fields.month ?? 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
  );
  const wholeSecond = epochMs - (((epochMs % 1000) + 1000) % 1000);
  return Math.round((wall - wholeSecond) / 1000);
}

/** Per zone, per UTC day: the offset when constant over the day, null when it changes that day. */
const dayOffsets = new Map<string, Map<number, number | null>>();

/** The zone's offset from UTC at `epochMs`, in seconds east. */
export function offsetSecondsAt(epochMs: number, timeZone: string): number {
  let days = dayOffsets.get(timeZone);
  if (!days) {
    days = new Map();
    dayOffsets.set(timeZone, days);
  }
  const day = Math.floor(epochMs / DAY_MS);
  let cached = days.get(day);
  if (cached === undefined) {
    // Same offset at both ends of the UTC day means no transition inside it: zones
    // never change offset twice within one day.
    const first = exactOffsetSeconds(day * DAY_MS, timeZone);
    const last = exactOffsetSeconds(day * DAY_MS + DAY_MS - 1, timeZone);
    cached = first === last ? first : null;
    days.set(day, cached);
  }
  return cached ?? exactOffsetSeconds(epochMs, timeZone);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `YYYY-MM-DD` of a date's fields. */
export function formatCalendarDate(year: number, month: number, day: number): CalendarDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** `YYYY-MM-DD` of a day number (days since 1970-01-01), cached: 10^5 instants span few days. */
const dayDates = new Map<number, CalendarDate>();

function dateOfDay(day: number): CalendarDate {
  let date = dayDates.get(day);
  if (date === undefined) {
    const d = new Date(day * DAY_MS);
    date = formatCalendarDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    dayDates.set(day, date);
  }
  return date;
}

/** `YYYY-MM-DD` of `epochMs` on the UTC wall clock (plain arithmetic, no formatter). */
export function utcCalendarDate(epochMs: number): CalendarDate {
  return dateOfDay(Math.floor(epochMs / DAY_MS));
}

/** The wall clock of `timeZone` at `epochMs`. */
export function zonedTime(epochMs: number, timeZone: string): ZonedTime {
  const offsetSeconds = offsetSecondsAt(epochMs, timeZone);
  const wall = epochMs + offsetSeconds * 1000;
  const day = Math.floor(wall / DAY_MS);
  const msOfDay = wall - day * DAY_MS;
  return {
    date: dateOfDay(day),
    hour: Math.floor(msOfDay / 3_600_000),
    minute: Math.floor(msOfDay / 60_000) % 60,
    second: Math.floor(msOfDay / 1000) % 60,
    millisecond: msOfDay % 1000,
    offsetSeconds,
  };
}

/**
 * True when the wall time of `timeZone` at `epochMs` also happens at another instant
 * (the repeated hour when clocks go back: Paris 2018-10-28 02:00-02:59), so that the
 * wall time alone does not say which instant is meant.
 */
export function isAmbiguousWallTime(epochMs: number, timeZone: string): boolean {
  const own = offsetSecondsAt(epochMs, timeZone);
  const wall = epochMs + own * 1000;
  for (const other of new Set([
    offsetSecondsAt(epochMs - DAY_MS, timeZone),
    offsetSecondsAt(epochMs + DAY_MS, timeZone),
  ])) {
    if (other !== own && offsetSecondsAt(wall - other * 1000, timeZone) === other) return true;
  }
  return false;
}

/** Fields of a `YYYY-MM-DD` text (not checked). */
function dateFields(date: CalendarDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/** The calendar date after `date`. */
export function nextCalendarDate(date: CalendarDate): CalendarDate {
  const [year, month, day] = dateFields(date);
  const next = new Date(utcMs(year, month, day) + DAY_MS);
  return formatCalendarDate(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
}

/**
 * The first instant of `date` on the zone's wall clock: 00:00, or, where a DST gap
 * swallows midnight, the instant of the transition. Where midnight happens twice, the first.
 */
export function startOfDayIn(date: CalendarDate, timeZone: string): number {
  const wall = utcMs(...dateFields(date));
  // The true instant is within ±18 h of `wall`; offsets 36 h away bracket any transition.
  const before = offsetSecondsAt(wall - 1.5 * DAY_MS, timeZone);
  const after = offsetSecondsAt(wall + 1.5 * DAY_MS, timeZone);
  const valid = [...new Set([before, after])]
    .map((offset) => wall - offset * 1000)
    .filter((t) => {
      const local = zonedTime(t, timeZone);
      return local.date === date && local.hour === 0 && local.minute === 0 && local.second === 0;
    });
  if (valid.length > 0) return Math.min(...valid);
  // Midnight falls in a gap: the day starts at the transition, found by bisection.
  let low = wall - Math.max(before, after) * 1000; // still on the previous day
  let high = wall - Math.min(before, after) * 1000; // already on `date`
  while (high - low > 1) {
    const mid = low + Math.floor((high - low) / 2);
    if (zonedTime(mid, timeZone).date < date) low = mid;
    else high = mid;
  }
  return high;
}

/**
 * The last millisecond of `date` on the zone's wall clock: the instant before the next
 * day starts or, where clocks go back across midnight (St John's 2009-11-01 00:01 NDT
 * to 23:01 NST on 31 October), the last 23:59:59.999 of `date`, after the next day began.
 */
export function endOfDayIn(date: CalendarDate, timeZone: string): number {
  const beforeNext = startOfDayIn(nextCalendarDate(date), timeZone) - 1;
  const wall = utcMs(...dateFields(date), 23, 59, 59, 999);
  // As in startOfDayIn: offsets 36 h away bracket any transition near `wall`.
  const offsets = new Set([
    offsetSecondsAt(wall - 1.5 * DAY_MS, timeZone),
    offsetSecondsAt(wall + 1.5 * DAY_MS, timeZone),
  ]);
  let last = beforeNext;
  for (const offset of offsets) {
    const t = wall - offset * 1000;
    if (t <= last) continue;
    const local = zonedTime(t, timeZone);
    if (local.date === date && local.hour === 23 && local.minute === 59 && local.second === 59)
      last = t;
  }
  return last;
}
