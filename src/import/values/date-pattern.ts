/**
 * Date-time patterns in the Unicode (LDML) letters a mapping may use:
 * `yyyy` `yy` `MM` `M` `dd` `d` `HH` `H` `hh` `h` `mm` `ss` `S` to `SSSSSSSSS` (as many
 * fraction digits as letters) `a` `XXX` `XX` `X`, other letters refused, text in single quotes and any other character literal.
 * A pattern compiles once; reading a value is a left-to-right match, no regex per value.
 */

import { MAX_OFFSET_MINUTES, digitsAt } from '../../facts/time.js';

/** The wall-clock fields read from a value, with its offset when the value gives one. */
export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /**
   * The fraction of the second's digits as written (`"1234567"` for `.1234567`), 0 to 9
   * of them: kept as text, so that the instant written keeps them exactly.
   */
  readonly fraction: string;
  /** Minutes east of UTC when the value has an offset (`XXX`), else undefined. */
  readonly offsetMinutes?: number;
}

/** Digits of a second's fraction an instant may have (to the nanosecond, as the dossier). */
export const MAX_FRACTION_DIGITS = 9;

export type Token =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'field'; readonly letter: string; readonly width: number };

export type DatePattern = (value: string) => WallTime | string;

const LETTERS: Readonly<Record<string, readonly number[]>> = {
  y: [2, 4],
  M: [1, 2],
  d: [1, 2],
  H: [1, 2],
  h: [1, 2],
  m: [2],
  s: [2],
  S: [1, 2, 3, 4, 5, 6, 7, 8, 9],
  a: [1],
  X: [1, 2, 3],
};

/** A pattern's literals and fields, or the reason it is not one (letters not checked together). */
export function tokenizeDatePattern(pattern: string): readonly Token[] | string {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length;) {
    const ch = pattern[i]!;
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) return "a quote (') that is not closed";
      tokens.push({ kind: 'literal', text: end === i + 1 ? "'" : pattern.slice(i + 1, end) });
      i = end + 1;
    } else if (/[A-Za-z]/.test(ch)) {
      let j = i;
      while (pattern[j] === ch) j++;
      const width = j - i;
      const allowed = LETTERS[ch];
      if (!allowed)
        return `the letter "${ch}" is not supported (use yyyy MM dd HH hh mm ss S to SSSSSSSSS a XXX)`;
      if (ch === 'S' && width > MAX_FRACTION_DIGITS)
        return `"${ch.repeat(width)}": at most ${MAX_FRACTION_DIGITS} fraction digits (S to SSSSSSSSS): an instant is kept to the nanosecond`;
      if (!allowed.includes(width)) return `"${ch.repeat(width)}" is not supported`;
      tokens.push({ kind: 'field', letter: ch, width });
      i = j;
    } else {
      tokens.push({ kind: 'literal', text: ch });
      i++;
    }
  }
  return tokens;
}

/** Compile a pattern; a string is the reason it is not one. */
export function compileDatePattern(pattern: string): DatePattern | string {
  const tokens = tokenizeDatePattern(pattern);
  if (typeof tokens === 'string') return tokens;
  const letters = new Set(tokens.flatMap((t) => (t.kind === 'field' ? [t.letter] : [])));
  for (const need of ['y', 'M', 'd'])
    if (!letters.has(need)) return `the pattern has no "${need}" (year, month and day are needed)`;
  if (letters.has('h') !== letters.has('a')) return '"h" (1-12) and "a" (AM/PM) go together';
  if (letters.has('H') && letters.has('h')) return 'both "H" and "h"';
  return (value) => matchPattern(tokens, value.trim(), pattern);
}

/**
 * Where a run of `min` to `max` ASCII digits starting at `i` of `v` ends (the run is as
 * long as it can be, up to `max`), or -1 when there are fewer than `min`.
 */
function digitsEnd(v: string, i: number, min: number, max: number): number {
  let j = i;
  while (j < v.length && j - i < max) {
    const c = v.charCodeAt(j);
    if (c < 48 || c > 57) break;
    j++;
  }
  return j - i < min ? -1 : j;
}

/** The message of a value that does not match its pattern. */
const mismatch = (v: string, pattern: string): string =>
  `"${v}" does not match the date format "${pattern}"`;

/**
 * Read `v` with a pattern's tokens. This runs for every row of an export: the fields are
 * read in place (no closure, no string per field) and the message of a value that does
 * not match is made only then.
 */
function matchPattern(tokens: readonly Token[], v: string, pattern: string): WallTime | string {
  let i = 0;
  const f = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, fraction: '' };
  let pm: boolean | undefined;
  let h12: number | undefined;
  let offset: number | undefined;
  for (const t of tokens) {
    if (t.kind === 'literal') {
      if (t.text === ' ') {
        // One space in the pattern matches any run of spaces (exports pad columns).
        if (v[i] !== ' ') return mismatch(v, pattern);
        while (v[i] === ' ') i++;
      } else if (v.startsWith(t.text, i)) i += t.text.length;
      else return mismatch(v, pattern);
      continue;
    }
    const w = t.width;
    let end: number;
    switch (t.letter) {
      case 'y': {
        end = digitsEnd(v, i, w, w);
        if (end < 0) return mismatch(v, pattern);
        const n = digitsAt(v, i, end - i);
        f.year = w === 2 ? 2000 + n : n;
        i = end;
        break;
      }
      case 'M':
      case 'd':
      case 'H':
      case 'h': {
        end = digitsEnd(v, i, w, 2);
        if (end < 0) return mismatch(v, pattern);
        const n = digitsAt(v, i, end - i);
        if (t.letter === 'M') f.month = n;
        else if (t.letter === 'd') f.day = n;
        else if (t.letter === 'H') f.hour = n;
        else h12 = n;
        i = end;
        break;
      }
      case 'm':
      case 's': {
        end = digitsEnd(v, i, 2, 2);
        if (end < 0) return mismatch(v, pattern);
        const n = digitsAt(v, i, end - i);
        if (t.letter === 'm') f.minute = n;
        else f.second = n;
        i = end;
        break;
      }
      case 'S': {
        end = digitsEnd(v, i, w, w);
        if (end < 0) return mismatch(v, pattern);
        f.fraction = v.slice(i, end);
        i = end;
        break;
      }
      case 'a': {
        const m = /^(am|pm|a\.m\.|p\.m\.)/i.exec(v.slice(i));
        if (!m) return mismatch(v, pattern);
        pm = m[1]!.toLowerCase().startsWith('p');
        i += m[1]!.length;
        break;
      }
      case 'X': {
        if (v[i] === 'Z') {
          offset = 0;
          i++;
          break;
        }
        // Any number of X reads any of the forms (`+01:00`, `+0100`, `+01`, `Z`): an export
        // that writes `+0100` under a pattern with `XXX` gives its offset all the same.
        const m = /^([+-])([0-9]{2})(?::?([0-9]{2}))?/.exec(v.slice(i));
        if (!m) return mismatch(v, pattern);
        const mins = Number(m[2]) * 60 + Number(m[3] ?? 0);
        if (mins > MAX_OFFSET_MINUTES || Number(m[3] ?? 0) > 59)
          return `"${v}": ${m[0]} is not an offset from UTC (at most ±18:00)`;
        offset = m[1] === '-' ? -mins : mins;
        i += m[0].length;
        break;
      }
    }
  }
  if (i !== v.length) return mismatch(v, pattern);
  if (h12 !== undefined) {
    if (h12 < 1 || h12 > 12) return `"${v}": hour ${h12} is not 1-12`;
    f.hour = (h12 % 12) + (pm ? 12 : 0);
  }
  const problem = wallProblem(f);
  if (problem) return `"${v}": ${problem}`;
  return offset === undefined ? f : { ...f, offsetMinutes: offset };
}

/** Days of each month of a common year (February's leap day is counted apart). */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Why fields are not a real date and time, or undefined. */
export function wallProblem(f: Omit<WallTime, 'offsetMinutes' | 'fraction'>): string | undefined {
  if (f.year < 1) return 'year 0000 is not a year a date can have (0001 to 9999)';
  if (f.month < 1 || f.month > 12) return `month ${f.month} does not exist`;
  const leap = f.year % 4 === 0 && (f.year % 100 !== 0 || f.year % 400 === 0);
  const max = f.month === 2 ? (leap ? 29 : 28) : MONTH_DAYS[f.month - 1]!;
  if (f.day < 1 || f.day > max) return `day ${f.day} does not exist in that month`;
  if (f.hour > 23 || f.minute > 59 || f.second > 59) return 'not a real time of day';
  return undefined;
}

/** The default when a mapping gives no format: ISO 8601, `T` or a space, seconds and offset optional. */
export function parseIsoLike(value: string): WallTime | string {
  const m =
    /^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]+))?)?)?\s*(Z|[+-][0-9]{2}:?[0-9]{2})?$/.exec(
      value.trim(),
    );
  if (!m)
    return `"${value}" is not a date-time like 2018-02-03T14:22:00 (give a format in the mapping)`;
  const fraction = m[7] ?? '';
  if (fraction.length > MAX_FRACTION_DIGITS)
    return `"${value}": ${fraction.length} fraction digits, at most ${MAX_FRACTION_DIGITS} (an instant is kept to the nanosecond)`;
  const f = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    fraction,
  };
  const problem = wallProblem(f);
  if (problem) return `"${value}": ${problem}`;
  if (m[8] === undefined) return f;
  if (m[8] === 'Z') return { ...f, offsetMinutes: 0 };
  const sign = m[8][0] === '-' ? -1 : 1;
  const digits = m[8].replace(/[^0-9]/g, '');
  const minutes = Number(digits.slice(2));
  const offset = Number(digits.slice(0, 2)) * 60 + minutes;
  // (The dossier reads at most ±18:00: a larger one was left for it to refuse, at the
  // record's first column rather than at the cell.)
  if (minutes > 59 || offset > MAX_OFFSET_MINUTES)
    return `"${value}": ${m[8]} is not an offset from UTC (at most ±18:00)`;
  return { ...f, offsetMinutes: sign * offset };
}
