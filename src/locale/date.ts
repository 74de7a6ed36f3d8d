/**
 * Dates, instants, offsets and gaps in French and English conventions.
 * fr: `03/02/2018`, `03/02/2018 14:22`; en: `3 February 2018`, `2018-02-03 14:22`;
 * `iso`: `2018-02-03`. Instants are shown on the wall clock of a time zone, with the
 * zone's offset at that instant available as `UTC+01:00`.
 */
import type { CalendarDate, Instant, Language } from '../model/dossier.js';
import type { ZonedTime } from '../facts/zone.js';
import { MINUS, NBSP } from './number.js';
import { isAmbiguousWallTime, zonedTime } from '../facts/zone.js';

/** English month names, January first. */
export const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/**
 * `default`: fr `03/02/2018`, en `3 February 2018`; `short` (tables, compact places): fr
 * the same, en ISO `2018-02-03` (cli.md: English dates are ISO or `d Month yyyy`, never an
 * abbreviated month); `iso`: `2018-02-03`.
 */
export type DateStyle = 'default' | 'short' | 'iso';

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function enMonth(month: number): string {
  return EN_MONTHS[month - 1] ?? String(month);
}

/** Whether a date in `style` is written as ISO 8601 in `lang`. */
const isoIn = (lang: Language, style: DateStyle): boolean =>
  style === 'iso' || (style === 'short' && lang === 'en');

/** A calendar date (`YYYY-MM-DD`) in `lang`'s convention. */
export function formatDate(
  date: CalendarDate,
  lang: Language,
  style: DateStyle = 'default',
): string {
  if (isoIn(lang, style)) return date;
  const [year, month, day] = [
    date.slice(0, 4),
    Number(date.slice(5, 7)),
    Number(date.slice(8, 10)),
  ];
  if (lang === 'fr') return `${pad(day)}/${pad(month)}/${year}`;
  return `${day} ${enMonth(month)} ${year}`;
}

/** A month (`YYYY-MM`): fr `02/2018`, en `February 2018` (`short`: `2018-02`), iso unchanged. */
export function formatMonth(month: string, lang: Language, style: DateStyle = 'default'): string {
  if (isoIn(lang, style)) return month;
  const [year, m] = [month.slice(0, 4), Number(month.slice(5, 7))];
  return lang === 'fr' ? `${pad(m)}/${year}` : `${enMonth(m)} ${year}`;
}

/** A UTC offset in seconds east: `UTC+01:00` (`UTC+00:09:21` with seconds); `compact`: `UTC+1`, `UTC+5:45`. */
export function formatOffset(offsetSeconds: number, style: 'full' | 'compact' = 'full'): string {
  const sign = offsetSeconds < 0 ? '-' : '+';
  const abs = Math.abs(offsetSeconds);
  const hours = Math.floor(abs / 3600);
  const minutes = Math.floor((abs % 3600) / 60);
  const seconds = abs % 60;
  if (style === 'compact' && seconds === 0) {
    return `UTC${sign}${hours}${minutes ? `:${pad(minutes)}` : ''}`;
  }
  return `UTC${sign}${pad(hours)}:${pad(minutes)}${seconds ? `:${pad(seconds)}` : ''}`;
}

export interface InstantFormat {
  /**
   * Append the zone's offset at that instant (`14:22 UTC+01:00`): always (`true`), or
   * only where the wall time happens twice (`'ambiguous'`: the hour clocks go back).
   */
  readonly offset?: boolean | 'ambiguous';
  /** `full` (default): `UTC+01:00`; `compact`: `UTC+1`. */
  readonly offsetStyle?: 'full' | 'compact';
  /** Show seconds: `14:22:05`. */
  readonly seconds?: boolean;
  /** Date style; default `short` (fr `03/02/2018`, en `2018-02-03`). */
  readonly dateStyle?: DateStyle;
}

/**
 * A wall-clock reading: fr `03/02/2018 14:22`, en `2018-02-03 14:22` (options: seconds,
 * offset). Without the zone, `offset: 'ambiguous'` cannot be decided and shows none.
 */
export function formatZonedTime(
  local: ZonedTime,
  lang: Language,
  options: InstantFormat = {},
): string {
  const date = formatDate(local.date, lang, options.dateStyle ?? 'short');
  const time = `${pad(local.hour)}:${pad(local.minute)}${options.seconds ? `:${pad(local.second)}` : ''}`;
  const offset =
    options.offset === true ? ` ${formatOffset(local.offsetSeconds, options.offsetStyle)}` : '';
  return `${date} ${time}${offset}`;
}

/** An instant on the wall clock of `timeZone`, DST-correct; see formatZonedTime. */
export function formatInstant(
  instant: Instant | number,
  timeZone: string,
  lang: Language,
  options: InstantFormat = {},
): string {
  const epochMs = typeof instant === 'number' ? instant : instant.epochMs;
  const offset =
    options.offset === 'ambiguous' ? isAmbiguousWallTime(epochMs, timeZone) : options.offset;
  return formatZonedTime(zonedTime(epochMs, timeZone), lang, { ...options, offset });
}

/**
 * A signed duration, as a reader says it: the sign is `+` (later), the minus sign U+2212
 * (earlier) or none for a zero gap; milliseconds are dropped toward zero, so there is
 * never a negative zero. Every space is a no-break space U+00A0 (a gap is never split
 * across lines, a number never leaves its unit).
 * - fr: `+1 j 05 h 15`, `−7 h 48`, `+15 min`, with seconds `+12 h 51 min 18 s`; the hours
 *   take two digits after days (`1 j 00 h 48`), the minutes two digits after hours.
 * - en: the non-zero parts of `1 d 5 h 15 min 18 s`: `+1 d 48 min`, `−7 h 48 min`.
 * `0 min` for a zero gap in both languages.
 */
export function formatGap(ms: number, lang: Language): string {
  const totalSeconds = Math.floor(Math.abs(ms) / 1000);
  if (totalSeconds === 0) return `0${NBSP}min`;
  const sign = ms < 0 ? MINUS : '+';
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const unit = (n: number | string, u: string) => `${n}${NBSP}${u}`;
  const parts: string[] = [];
  if (lang === 'en') {
    if (days) parts.push(unit(days, 'd'));
    if (hours) parts.push(unit(hours, 'h'));
    if (minutes) parts.push(unit(minutes, 'min'));
    if (seconds) parts.push(unit(seconds, 's'));
  } else if (days || hours) {
    if (days) parts.push(unit(days, 'j'), unit(pad(hours), 'h'), pad(minutes));
    else parts.push(unit(hours, 'h'), pad(minutes));
    if (seconds) parts.push('min', unit(pad(seconds), 's'));
  } else {
    if (minutes) parts.push(unit(minutes, 'min'));
    if (seconds) parts.push(unit(minutes ? pad(seconds) : seconds, 's'));
  }
  return sign + parts.join(NBSP);
}
