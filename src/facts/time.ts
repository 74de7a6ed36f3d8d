/**
 * Instants and calendar dates of the dossier format: parsing and checks that the
 * schema uses, and the calendar date of an instant in the case time zone.
 */
import type { CalendarDate, Instant } from '../model/dossier.js';
import { linkSpelling } from './zone-links.js';
import { utcCalendarDate, utcMs, zonedTime, zoneFormatter } from './zone.js';

export type { CalendarDate, Instant };

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Largest offset ISO 8601 / RFC 3339 practice allows (and Temporal accepts): ±18:00. */
export const MAX_OFFSET_MINUTES = 18 * 60;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isRealDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** True for `YYYY-MM-DD` naming a real date (years 0001-9999; no 2018-02-30). */
export function isCalendarDate(text: string): boolean {
  const match = DATE_TEXT.exec(text);
  return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/**
 * The number written by `count` digits at `at` of `text`, or -1 when one is not a digit
 * (NaN when `text` ends before them: test the result with `>= 0`).
 */
export function digitsAt(text: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Powers of ten by the number of fraction digits beyond the third (4 to 9 digits). */
const NANOS_SCALE = [0, 100_000, 10_000, 1000, 100, 10, 1];

/**
 * Parse an ISO 8601 date-time with an explicit offset: `YYYY-MM-DDTHH:MM[:SS[.fraction]]`
 * then `Z` or `±HH:MM` (at most ±18:00). Real date, hours 00-23, no leap second, at
 * most 9 fraction digits. Without an offset, undefined. `epochMs` holds the whole
 * milliseconds; digits beyond the third are `subMsNanos` (only when not all zero).
 */
export function parseInstant(text: string): Instant | undefined {
  // A hand-written scanner (no regex, no arrays, no closure): this runs for every instant
  // of a dossier, hundreds of thousands of times on a large one.
  const n = text.length;
  if (n < 17 || text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':')
    return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0) return undefined;
  let i = 16;
  let second = 0;
  let ms = 0;
  let nanos = 0;
  if (text[i] === ':') {
    second = digitsAt(text, i + 1, 2);
    if (second < 0) return undefined;
    i += 3;
    if (text[i] === '.') {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      const count = j - i - 1;
      if (count < 1 || count > 9) return undefined;
      const frac = digitsAt(text, i + 1, Math.min(count, 3));
      ms = frac * (count === 1 ? 100 : count === 2 ? 10 : 1);
      if (count > 3) nanos = digitsAt(text, i + 4, count - 3) * NANOS_SCALE[count - 3]!;
      i = j;
    }
  }
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  const sign = text[i];
  if (sign === 'Z') {
    if (i + 1 !== n) return undefined;
  } else if (sign === '+' || sign === '-') {
    if (i + 6 !== n || text[i + 3] !== ':') return undefined;
    const offsetHours = digitsAt(text, i + 1, 2);
    const offsetMins = digitsAt(text, i + 4, 2);
    if (offsetHours < 0 || offsetMins < 0 || offsetMins > 59) return undefined;
    offsetMinutes = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
    if (Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) return undefined;
  } else {
    return undefined;
  }
  const epochMs = utcMs(year, month, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  // `-00:00` and `+00:00` are both offset 0; avoid a negative zero.
  const offset = offsetMinutes === 0 ? 0 : offsetMinutes;
  // Most instants have no sub-millisecond part: they keep the three-member shape.
  return nanos === 0
    ? { text, epochMs, offsetMinutes: offset }
    : { text, epochMs, offsetMinutes: offset, subMsNanos: nanos };
}

/** True for an IANA time-zone name that Intl knows (`Europe/Paris`, `UTC`); not an offset, not a case variant. */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return false;
  // The formatter zonedTime keeps for the zone: asked again (the case block is checked
  // more than once), it is not made again.
  const resolved = zoneFormatter(name)?.resolvedOptions().timeZone;
  if (resolved === undefined) return false;
  if (resolved === name) return true;
  // Intl matches names case-insensitively; the format wants them as the tz database
  // spells them: `europe/paris` (resolved Europe/Paris) is not a zone name, nor is
  // `us/eastern`, a link Intl resolves to America/New_York (its spelling: zone-links.ts).
  if (resolved.toLowerCase() === name.toLowerCase()) return false;
  const link = linkSpelling(name);
  return link === undefined || link === name;
}

/**
 * The earliest calendar date an instant can have on the wall clock of any time zone: the
 * UTC date a day before it (no zone is a day off UTC). A date on or before it is on or
 * before the instant's date in the case time zone, which then need not be read.
 */
export function earliestCalendarDate(epochMs: number): CalendarDate {
  return utcCalendarDate(epochMs - 86_400_000);
}

/** The calendar date (`YYYY-MM-DD`) of an instant on the wall clock of `timeZone`. */
export function calendarDateIn(instant: Instant | number, timeZone: string): CalendarDate {
  return zonedTime(typeof instant === 'number' ? instant : instant.epochMs, timeZone).date;
}

/**
 * The nanoseconds of an instant's text beyond its whole milliseconds (its fraction's
 * 4th to 9th digits), 0 when none is written: the `subMsNanos` of `parseInstant`.
 */
export function subMsNanosOfText(text: string): number {
  const dot = text.indexOf('.', 19);
  if (dot < 0) return 0;
  let j = dot + 1;
  while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
  const count = j - dot - 1;
  if (count <= 3 || count > 9) return 0;
  return digitsAt(text, dot + 4, count - 3) * NANOS_SCALE[count - 3]!;
}

/** Compare instants by true instant (to the nanosecond written), like a sort comparator. */
export function compareInstants(a: Instant, b: Instant): number {
  return a.epochMs - b.epochMs || (a.subMsNanos ?? 0) - (b.subMsNanos ?? 0);
}

const ZERO = 48;
const NINE = 57;

/** End of the run of ASCII digits of `s` starting at `i`. */
function digitsEnd(s: string, i: number): number {
  let e = i;
  for (let c = s.charCodeAt(e); c >= ZERO && c <= NINE; c = s.charCodeAt(++e));
  return e;
}

/**
 * Compare ids as the documents break ties between records of one instant, in natural
 * order: runs of ASCII digits by value (`C2` before `C10`, `T9` before `T10`), the
 * other characters by UTF-16 code unit; ids equal that way (`C01`, `C1`) by code units.
 * A total order: the same records come out in the same order whatever their input order.
 */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (ca >= ZERO && ca <= NINE && cb >= ZERO && cb <= NINE) {
      const ea = digitsEnd(a, i);
      const eb = digitsEnd(b, j);
      while (i < ea - 1 && a.charCodeAt(i) === ZERO) i++; // leading zeros
      while (j < eb - 1 && b.charCodeAt(j) === ZERO) j++;
      const byLength = ea - i - (eb - j);
      if (byLength !== 0) return byLength;
      for (; i < ea; i++, j++) {
        const d = a.charCodeAt(i) - b.charCodeAt(j);
        if (d !== 0) return d;
      }
      continue;
    }
    if (ca !== cb) return ca - cb;
    i++;
    j++;
  }
  const rest = (i < a.length ? 1 : 0) - (j < b.length ? 1 : 0);
  if (rest !== 0) return rest;
  return a < b ? -1 : 1;
}

/** Records by true instant of `at`, then id in natural order: the documents' order of exchanges. */
export function compareByInstantThenId(
  a: { readonly at: Instant; readonly id: string },
  b: { readonly at: Instant; readonly id: string },
): number {
  return compareInstants(a.at, b.at) || compareIds(a.id, b.id);
}
