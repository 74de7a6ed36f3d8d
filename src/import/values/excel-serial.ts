import { trailingZeros } from '../../facts/decimal.js';
import type { WallTime } from './date-pattern.js';

const DAY_MS = 86_400_000;

/**
 * The last day Excel shows, 31/12/9999, in days since each system's epoch: a larger
 * serial is shown as `####` (and past year 275,760 is no JavaScript date at all).
 */
const LAST_DAY_1900 = 2_958_465;
const LAST_DAY_1904 = 2_957_003;

/** Whether a day (a serial's, rounded as shown) is after 31/12/9999 in the workbook's date system. */
const afterLastDay = (days: number, date1904 = false): boolean =>
  !(days <= (date1904 ? LAST_DAY_1904 : LAST_DAY_1900));

/** How much of the time of day a date cell's number format shows. */
export type TimeShown = 'none' | 'minutes' | 'seconds';

/**
 * A serial in milliseconds, rounded as Excel rounds it for display: to the second, or to
 * the fraction digits (1 to 3) the cell's number format shows.
 */
export function roundedSerialMs(serial: number, fractionDigits = 0): number {
  const step = 10 ** (3 - Math.min(3, Math.max(0, fractionDigits)));
  return Math.round((serial * DAY_MS) / step) * step;
}

/**
 * A serial in milliseconds as its cell shows it: rounded (roundedSerialMs), then, for a
 * format that shows hours and minutes only (`h:mm`), the seconds it hides cut off
 * (19:42:59 shows 19:42; a hair before midnight is still the next day).
 */
function shownSerialMs(serial: number, fractionDigits = 0, minutesOnly = false): number {
  const ms = roundedSerialMs(serial, fractionDigits);
  return minutesOnly ? ms - (ms % 60_000) : ms;
}

/**
 * The wall time an Excel date serial shows: days since 1899-12-30 (the 1900 system) or
 * since 1904-01-01, the fraction of a day the time, rounded as Excel rounds it for display:
 * to the second, or to the fraction digits (1 to 3) the cell's number format shows
 * (`ss.000`). In the 1900 system, serials below 60 are one day later than that (Excel
 * counts a 1900-02-29 that never was, to stay compatible with Lotus 1-2-3), and 60, that
 * day, is refused, as is a negative serial and one shown after 31/12/9999 (Excel shows
 * neither). No zone: a spreadsheet's dates are wall times, placed in the mapping's zone
 * afterwards.
 */
export function serialToWall(
  serial: number,
  date1904 = false,
  fractionDigits = 0,
  /** How messages name the serial: a date and a time cell joined add up to it. */
  holds = 'the date cell holds',
  /** The cell's format shows hours and minutes, not seconds: those are cut off, as Excel shows it. */
  minutesOnly = false,
): WallTime | string {
  if (!(serial >= 0)) return `${holds} ${serial}, before the first date Excel shows`;
  let ms = shownSerialMs(serial, fractionDigits, minutesOnly);
  const days = Math.floor(ms / DAY_MS);
  if (afterLastDay(days, date1904))
    return `${holds} ${serial}, after 31/12/9999, the last date Excel shows`;
  if (!date1904 && days === 60)
    return `${holds} ${serial}, which Excel shows as 29/02/1900, a day that does not exist (kept by Excel for compatibility with Lotus 1-2-3)`;
  if (!date1904 && days < 60) ms += DAY_MS;
  const d = new Date((date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30)) + ms);
  const fraction = String(d.getUTCMilliseconds()).padStart(3, '0').slice(0, fractionDigits);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    fraction: /^0*$/.test(fraction) ? '' : fraction,
  };
}

/** What a date cell's number format shows, as far as a join of date cells needs it. */
export interface ShownParts {
  readonly date1904?: boolean;
  readonly fractionDigits?: number;
  /** How much of the time of day it shows (undefined: not known). */
  readonly timeShown?: TimeShown;
  /** Whether it shows the day (a year, month or day); false for a time alone (`hh:mm:ss`). */
  readonly dayShown?: boolean;
}

/**
 * What a date cell holding `serial` adds to the others of a join of date cells (a date
 * cell and a time cell), as it shows it; or why it adds nothing (a string). A date shown
 * without a time, beside a cell that shows one (`timeBeside`), adds its day only (a time
 * it hides is not read); a time shown without a day adds the time of day it shows, its
 * value rounded as shown, modulo a day (1.8125 under `hh:mm:ss` shows 19:30:00: it adds
 * 19:30, not a day and 19:30); any other cell, its value. A negative value, or one whose
 * day is after 31/12/9999, is no date or time (Excel shows `####`): the same bounds as a
 * cell alone, checked on the cell's own value before a time of day is taken from it.
 */
export function joinedSerialPart(
  serial: number,
  shown: ShownParts,
  timeBeside: boolean,
): number | string {
  const what = shown.dayShown === false ? 'time' : 'date';
  if (!(serial >= 0))
    return `the ${what} cell holds ${serial}, a negative number, which Excel shows as ####, not as a ${what}`;
  // Seconds an `hh:mm` format hides are cut off, as serialToWall does (never across a day).
  const ms = shownSerialMs(serial, shown.fractionDigits, shown.timeShown === 'minutes');
  // Else 1e8 under `hh:mm:ss`, modulo a day, was read as the time 00:00:00.
  if (afterLastDay(Math.floor(ms / DAY_MS), shown.date1904))
    return `the ${what} cell holds ${serial}, after 31/12/9999, the last date Excel shows (Excel shows ####, not a ${what})`;
  if (timeBeside && shown.timeShown === 'none') return Math.floor(ms / DAY_MS);
  if (shown.dayShown !== false) return serial;
  return (ms % DAY_MS) / DAY_MS;
}

/**
 * Why date cells joined into one date and time (`{columns: [...]}`, all of them xlsx date
 * cells, each with its serial) do not make one, with the index of the cell that shows it; undefined when they
 * do. They add up (a date cell and a time cell, see joinedSerialPart), so two cells that
 * show a date (`14/01/2018` beside `15/01/2018`) or two that show a time of day
 * (`14/01/2018 12:00` beside `12:00`) made an instant that no cell shows, without a word.
 * A cell shows a date when its format shows a day and it holds one (a serial of 1 or more:
 * below it, the time cell beside a date shows `00/01/1900`; an elapsed time, `[h]:mm`, or
 * a format not known shows none); a time of day when its
 * format shows a time alone, or a time other than midnight (a date cell formatted with a
 * time, `01/03/2024 00:00`, beside a time cell gives its day only).
 */
export function joinConflict(
  cells: readonly (ShownParts & { readonly serial?: number })[],
): { readonly cell: number; readonly problem: string } | undefined {
  let date = false;
  let time = false;
  for (let k = 0; k < cells.length; k++) {
    const c = cells[k]!;
    const serial = c.serial ?? 0;
    const alone = c.dayShown === false;
    if (c.dayShown === true && serial >= 1) {
      if (date)
        return {
          cell: k,
          problem:
            'this date cell and one before it both show a date: joined date cells add up, one date and one time of day, and two dates make a day that neither shows',
        };
      date = true;
    }
    const ms = shownSerialMs(serial, c.fractionDigits, c.timeShown === 'minutes');
    if (alone || (c.timeShown !== 'none' && ms % DAY_MS !== 0)) {
      if (time)
        return {
          cell: k,
          problem:
            'this date cell and one before it both show a time of day: joined date cells add up, one date and one time of day, and two times make an instant that neither shows',
        };
      time = true;
    }
  }
  return undefined;
}

/**
 * Why a serial cannot be read as a date, when it shows only a time of day: its format
 * shows no day (`hh:mm`: `timeAlone`), whatever it holds (in the 1904 system, 0.8125 is
 * 01/01/1904 19:30, a day the sheet never shows); or, in the 1900 system, a serial below
 * 1 is day 0 (Excel shows `00/01/1900`), a time cell's value.
 */
export function timeOnlySerial(
  serial: number,
  date1904 = false,
  holds = 'the date cell holds',
  timeAlone = false,
): string | undefined {
  return timeAlone || (!date1904 && serial >= 0 && serial < 1)
    ? `${holds} ${serial}, a time of day without a date (join it with a date column: {columns: [...], format})`
    : undefined;
}

/**
 * The serial of an ISO 8601 date-time without offset, as an xlsx `t="d"` cell holds it
 * (`2024-03-01T19:30:00`, `2024-03-01`, or a time alone `19:30:00`), in the workbook's
 * date system; undefined when the text is not one (it is then read as text).
 */
export function isoToSerial(text: string, date1904 = false): number | undefined {
  const m =
    /^(?:([0-9]{4})-([0-9]{2})-([0-9]{2}))?(?:T?([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,9}))?)?)?$/.exec(
      text.trim(),
    );
  if (!m || (m[1] === undefined && m[4] === undefined)) return undefined;
  const timeMs =
    ((Number(m[4] ?? 0) * 60 + Number(m[5] ?? 0)) * 60 + Number(m[6] ?? 0)) * 1000 +
    Number((m[7] ?? '').slice(0, 3).padEnd(3, '0'));
  if (m[1] === undefined) return timeMs / DAY_MS;
  // setUTCFullYear, not Date.UTC: that reads years 0 to 99 as 1900 to 1999.
  const date = new Date(0);
  date.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = date.getTime();
  if (date.getUTCMonth() + 1 !== Number(m[2]) || date.getUTCDate() !== Number(m[3]))
    return undefined;
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  let days = (day - epoch) / DAY_MS;
  // 1900 system: serials before 61 (1900-03-01) count Excel's phantom 1900-02-29 out.
  if (!date1904 && days < 61) days -= 1;
  return days + timeMs / DAY_MS;
}

/**
 * A number cell as the shortest decimal that reads back as the same double (`33.33`,
 * never `33.329999999999998`), written without an exponent.
 */
export function shortestDecimal(n: number): string {
  const s = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign = '', int = '', frac = '', expText = '0'] = m;
  const exp = Number(expText);
  const digits = int + frac;
  const point = int.length + exp;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Smallest positive normal double: below it, a double keeps fewer digits. */
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * A decimal's value as a key that two decimals share when they are equal: its significant
 * digits and the power of ten of the last one (`-1250`, `0.125e4` and `-1.25E+3` are
 * `-125e1`), or undefined for a text that is no decimal.
 */
function decimalKey(text: string): { key: string; digits: number } | undefined {
  const m = /^\s*([-+]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([-+]?[0-9]+))?\s*$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const frac = m[3] ?? '';
  let digits = (m[2]! + frac).replace(/^0+/, '');
  if (digits === '') return { key: '0', digits: 1 };
  const kept = digits.slice(0, digits.length - trailingZeros(digits));
  const exp = Number(m[4] ?? 0) - frac.length + (digits.length - kept.length);
  digits = kept;
  return { key: `${m[1] === '-' ? '-' : ''}${digits}e${exp}`, digits: digits.length };
}

/**
 * Most significant digits a writer of doubles writes: 17 (Excel's `33.329999999999998`,
 * C's `%.17g`), 18 for Java's Double.toString before Java 19 (Apache POI's, many banks'
 * tools), which writes some integers from 1E17 to 2^63 so (`1.80544536094166733E18`).
 */
const MAX_WRITTEN_DIGITS = 18;

/**
 * Whether `text`, the decimal a number cell holds (an xsd:double in decimal form), is a
 * faithful rendering of `n`, the double it reads as (`Number(text)`), whatever its
 * spelling (with an exponent or without): equal in value to the shortest decimal that
 * reads back as `n` (`String(n)`: `1.2473332045964202E15` is 1247333204596420.2), or to
 * `n` rounded to the digits written, 1 to 18 (`n.toPrecision(p)`), as Excel, Java and
 * other writers render a double (`33.33`, `33.329999999999998`, `1E+21`,
 * `7.406752570118762E13`, `1.80544536094166733E18`). A decimal that is neither
 * (`9007199254740993`, `12345678901234567.89`: digits the double does not have) is not the
 * number the cell holds: read as a double, it would silently become another
 * (`9007199254740992`).
 */
export function isFaithfulDecimal(text: string, n: number): boolean {
  // Few characters, no exponent: at most 15 digits, in the range where a double keeps them.
  if (text.length <= 15 && (n === 0 || Math.abs(n) >= 1e-14) && !/[eE]/.test(text)) return true;
  if (text === String(n)) return true;
  const written = decimalKey(text);
  if (written === undefined || written.digits > MAX_WRITTEN_DIGITS) return false;
  // Up to 15 significant digits, a normal double gives them back (DBL_DIG).
  const a = Math.abs(n);
  if (written.digits <= 15 && a >= MIN_NORMAL && a <= Number.MAX_VALUE && written.key !== '0')
    return true;
  // The shortest decimal, spelt otherwise (`1.2473332045964202E15`; where two are as
  // short, it is not always the one toPrecision gives: that rounds 1247333204596420.25 up).
  if (decimalKey(String(n))?.key === written.key) return true;
  // `n` rounded to the digits written. (Rounded to more digits, it can equal the decimal
  // only if rounded to these it does: the check of p = digits written is all of them.)
  return decimalKey(n.toPrecision(written.digits))?.key === written.key;
}
