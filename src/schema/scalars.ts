import { z } from 'zod';
import { currencyProblem, isCurrency } from '../facts/currencies.js';
import { parseDecimal } from '../facts/decimal.js';
import { MAX_OFFSET_MINUTES, isCalendarDate, isTimeZone, parseInstant } from '../facts/time.js';
import type { Instant } from '../model/dossier.js';
import { NumberLiteral } from '../load/core-scalars.js';
import { isCountryCode } from './countries.js';
import { relativePathProblem } from '../load/relative-path.js';

/**
 * The format's scalar types as zod schemas. Shape (pattern) is what the JSON Schema
 * shows editors; the refinements (real calendar dates, known codes, checksums) run
 * in courtfile only (zod drops refinements from JSON Schema).
 */

export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
const DATE_PATTERN = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const INSTANT_PATTERN =
  /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,9})?)?(?:Z|[+-][0-9]{2}:[0-9]{2})$/;
/** A decimal written as a string: digits, optionally a point and more digits; nothing else. */
export const DECIMAL_PATTERN = /^[0-9]+(?:\.[0-9]+)?$/;

/**
 * The longest free text a field may hold (UTF-16 code units, as JavaScript counts them):
 * about 30 printed pages. Metadata describes exhibits; longer material belongs in an
 * exhibit file. It bounds what one paragraph of a document costs to lay out (a 50 MB note
 * took 3 GB and 40,000 pages to render).
 */
export const MAX_TEXT_LENGTH = 100_000;

/** MAX_TEXT_LENGTH as messages write it (not toLocaleString: ICU at startup costs ms). */
export const MAX_TEXT = '100,000';

/** A non-empty string of at most MAX_TEXT_LENGTH characters (`tooLong`: what to say beyond). */
const boundedText = (description: string, tooLong: string) =>
  z
    .string()
    .min(1, { error: 'must not be empty' })
    .max(MAX_TEXT_LENGTH, { error: tooLong })
    .meta({ description });

export const text = (description: string) =>
  boundedText(
    description,
    `at most ${MAX_TEXT} characters: put longer material in an exhibit file`,
  );

/**
 * Why a path written in a dossier is not in the form of a file's path, or undefined:
 * a path names a file, so it neither ends with "/" nor has an empty part ("a//b"), and
 * separates its folders with "/" (a backslash, Windows' separator, is refused).
 * Whether it stays inside the root is checked where it is resolved: a path that does not
 * is left to that check.
 */
export function pathFormProblem(written: string): string | undefined {
  // A path that leaves the root (or is absolute) is that, more seriously: path-outside
  // (exhibit files) or the include's own error, reported where it is resolved.
  if (relativePathProblem(written) !== undefined) return undefined;
  const slashed = written.replace(/\\/g, '/');
  // A backslash is a folder separator on Windows only (elsewhere it is part of a name):
  // the same index must name the same files wherever the dossier is read.
  if (slashed !== written) {
    // The path to write, when it is one (not when two backslashes follow each other, or
    // one ends the path: that has other problems).
    const suggest = slashed.length <= 200 && pathFormProblem(slashed) === undefined;
    return `folders are separated by "/", not "\\"${suggest ? ` (write "${slashed}")` : ''}`;
  }
  if (slashed.endsWith('/')) return 'a path names a file: it does not end with "/"';
  if (slashed.includes('//')) return 'a path has no empty part: write one "/" between names';
  return undefined;
}

/** A path relative to the dossier root, naming a file. */
export const relativePath = (description: string) =>
  boundedText(description, `a path has at most ${MAX_TEXT} characters`).refine(
    (p) => pathFormProblem(p) === undefined,
    {
      error: (issue) => pathFormProblem(String(issue.input)) ?? 'not a file path',
    },
  );

export const id = z
  .string()
  .regex(ID_PATTERN, {
    error:
      'an id starts with a letter A-Z or a-z and has at most 64 such letters, digits, "_", "." or "-" (no accented letter, no space)',
  })
  .meta({ description: 'Identifier, unique across the whole dossier.' });

export const reference = (what: string) =>
  z
    .string()
    .min(1, { error: 'must not be empty' })
    .meta({ description: `Id of ${what}.` });

export const calendarDate = z
  .string()
  .regex(DATE_PATTERN, { error: 'a date is written YYYY-MM-DD' })
  .refine(isCalendarDate, { error: 'not a real calendar date' })
  .meta({ description: 'Calendar date, YYYY-MM-DD.', format: 'date' });

/** Why a string is not an instant (only computed for a bad one). */
function instantProblem(s: string): string {
  if (/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+$/.test(s)) {
    return 'this date-time has no offset: add Z or ±hh:mm (e.g. 2018-02-03T14:22:00+01:00); local times are ambiguous';
  }
  if (/T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{10,}/.test(s)) {
    return 'at most 9 digits after the point of the seconds (nanoseconds)';
  }
  if (!INSTANT_PATTERN.test(s)) {
    return 'an instant is written YYYY-MM-DDThh:mm[:ss]±hh:mm or with Z, e.g. 2018-02-03T14:22:00+01:00';
  }
  const offset = /([+-])([0-9]{2}):([0-9]{2})$/.exec(s);
  if (
    offset &&
    (Number(offset[2]) * 60 + Number(offset[3]) > MAX_OFFSET_MINUTES || Number(offset[3]) > 59)
  ) {
    return `the offset ${offset[0]} is not one: at most ±18:00, minutes 00 to 59 (no place is more than 14 hours ahead of UTC or 12 behind)`;
  }
  if (/T[0-9]{2}:[0-9]{2}:60/.test(s)) {
    return 'second 60 (a leap second) is not on the time line courtfile counts, which has none (as Unix time): write 23:59:59 or the next second, and the exact reading in notes';
  }
  return 'not a real date and time';
}

export const instant = z
  .string()
  .meta({
    description: 'ISO 8601 date-time WITH an offset (Z or ±hh:mm).',
    format: 'date-time',
    pattern: INSTANT_PATTERN.source,
  })
  // Parsed once, here: the rest of courtfile works on the true instant.
  .transform((s, ctx): Instant => {
    const parsed = parseInstant(s);
    if (parsed) return parsed;
    ctx.issues.push({ code: 'custom', message: instantProblem(s), input: s });
    return z.NEVER;
  });

/**
 * A decimal's value is a finite number, or a string of digits with an optional point and
 * more digits, exactly as written (no sign, no spaces around it, no `12.` nor `.5`).
 */
export const isDecimalWritten = (v: number | string): boolean =>
  typeof v === 'number'
    ? Number.isFinite(v)
    : DECIMAL_PATTERN.test(v) && parseDecimal(v) !== undefined;
/**
 * Most characters of a decimal written as text (amounts and rates): 40 holds any real
 * amount (a trillion in the smallest unit) and any rate; beyond, a value 2 MB long passed
 * validation and then took the renderer hours to write out.
 */
export const MAX_DECIMAL_CHARS = 40;
/** A decimal no longer than MAX_DECIMAL_CHARS (a text that is no decimal is judged elsewhere). */
export const isDecimalShort = (v: number | string): boolean =>
  typeof v === 'number' || v.length <= MAX_DECIMAL_CHARS || !DECIMAL_PATTERN.test(v);
export const isPositiveDecimal = (v: number | string): boolean =>
  typeof v === 'number' ? v > 0 : /[1-9]/.test(v);

/** An inexact decimal (NumberLiteral 'inexact') as its text: amounts and rates read it exactly. */
export const inexactAsText = (v: unknown): unknown =>
  v instanceof NumberLiteral && v.form === 'inexact' ? v.text : v;

/**
 * A positive decimal written as a YAML number or a string; read exactly from its text
 * (an unquoted one with more digits than a double holds is taken as its text).
 */
export const decimal = z
  .preprocess(
    inexactAsText,
    z.union([z.number(), z.string()], {
      error: 'expected a decimal number, as a YAML number or a string such as "1234.56"',
    }),
  )
  .refine(isDecimalWritten, {
    error: 'not a decimal number (write digits with an optional "." and no thousands separators)',
  })
  .refine(isDecimalShort, {
    error: `has more than ${MAX_DECIMAL_CHARS} characters: no amount or rate is written with that many digits`,
  })
  .refine(isPositiveDecimal, {
    error: 'must be greater than 0',
  })
  .meta({ description: 'Decimal > 0, as a number or a string (exact: read from its text).' });

export const CURRENCY_PATTERN = /^[A-Z]{3}$/;

export const currency = z
  .string()
  .regex(CURRENCY_PATTERN, {
    error: 'a currency is an ISO 4217 code of three capital letters, e.g. EUR',
  })
  .refine(isCurrency, { error: (issue) => currencyProblem(String(issue.input)) })
  .meta({ description: 'ISO 4217 currency code, e.g. EUR, USD, PHP.' });

export const COUNTRY_PATTERN = /^[A-Z]{2}$/;

export const country = z
  .string()
  .regex(COUNTRY_PATTERN, {
    error: 'a country is an ISO 3166-1 alpha-2 code of two capitals, e.g. FR',
  })
  .refine(isCountryCode, { error: 'not an ISO 3166-1 alpha-2 country code' })
  .meta({ description: 'ISO 3166-1 alpha-2 country code, e.g. FR, PH.' });

export const timeZone = z
  .string()
  .refine(isTimeZone, { error: 'not an IANA time zone name (e.g. Europe/Paris, Asia/Manila)' })
  .meta({ description: 'IANA time zone name, e.g. Europe/Paris.' });

export const SHA256_PATTERN = /^[0-9a-fA-F]{64}$/;

export const sha256 = z
  .string()
  .regex(SHA256_PATTERN, { error: 'a SHA-256 is 64 hexadecimal digits' })
  .meta({ description: 'SHA-256 of the file, 64 hex digits (either case).' });

/** A birth as `birth` takes it: a 4-digit year (a number or a string) or a real `YYYY-MM-DD`. */
export const isBirth = (v: string | number): boolean =>
  typeof v === 'number'
    ? Number.isInteger(v) && v >= 1000 && v <= 9999
    : /^[0-9]{4}$/.test(v) || (DATE_PATTERN.test(v) && isCalendarDate(v));

/** `YYYY-MM-DD` or a 4-digit year (a YAML number or a string). */
export const birth = z
  .union([z.string(), z.number()], { error: 'expected a date YYYY-MM-DD or a 4-digit year' })
  .refine(isBirth, {
    error: (issue) =>
      typeof issue.input === 'string' && DATE_PATTERN.test(issue.input)
        ? 'not a real calendar date'
        : 'expected a date YYYY-MM-DD or a 4-digit year',
  })
  .meta({ description: 'Date of birth (YYYY-MM-DD) or year (YYYY).' });
