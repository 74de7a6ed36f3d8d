/**
 * Exact decimal numbers as `{units, scale}` (value = units / 10^scale), read from
 * text and never through a binary float.
 */
import type { Decimal } from '../model/dossier.js';

export type { Decimal };

/** Largest exponent magnitude accepted in `1e2` forms: bounds the size of the BigInt built. */
export const MAX_DECIMAL_EXPONENT = 400;

// YAML 1.2 core-schema float syntax without .inf/.nan: `12`, `12.50`, `12.`, `.5`, `1.5E-3`.
const DECIMAL_TEXT = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;

const SMALL_POWERS: readonly bigint[] = Array.from({ length: 64 }, (_, n) => 10n ** BigInt(n));

/**
 * How many `0`s end `digits`, counted by hand: `digits.replace(/0+$/, '')` tries the
 * pattern from every zero of a run, quadratic on a long run that does not end the text
 * (`1.000…0001`: 128,000 characters took 12 s; a helper's sweep, session 33).
 */
export function trailingZeros(digits: string): number {
  let n = 0;
  while (n < digits.length && digits.charCodeAt(digits.length - 1 - n) === 48) n++;
  return n;
}

/** 10^n as a BigInt (n >= 0). */
export function pow10(n: number): bigint {
  return SMALL_POWERS[n] ?? 10n ** BigInt(n);
}

/**
 * Parse `[-+]?digits[.digits]`, optionally with an exponent (`1e2`, `1.5E-3`); like YAML
 * 1.2 core floats, `12.` and `.5` are accepted too. Exact; the scale keeps the written
 * digits (`"0.8850"` → `{units: 8850n, scale: 4}`). Undefined for anything else (empty,
 * spaces, `.`, `0x10`, `Infinity`, `.nan`, exponents beyond ±MAX_DECIMAL_EXPONENT).
 */
export function parseDecimal(text: string): Decimal | undefined {
  // A transfer's amount is read twice in a row (the record's check, then its exact
  // amount): the second time, the same text gives the same (immutable) value.
  if (text === lastText) return lastValue;
  const value = readDecimal(text);
  lastText = text;
  lastValue = value;
  return value;
}

let lastText: string | undefined;
let lastValue: Decimal | undefined;

function readDecimal(text: string): Decimal | undefined {
  const plain = readPlainDecimal(text);
  if (plain !== undefined) return plain;
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return undefined;
  const [, sign = '', intDigits = '', fracAfterInt, fracOnly, expText] = match;
  const fracDigits = fracAfterInt ?? fracOnly ?? '';
  const exponent = expText === undefined ? 0 : Number(expText);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > MAX_DECIMAL_EXPONENT)
    return undefined;
  let units = BigInt(intDigits + fracDigits);
  let scale = fracDigits.length - exponent;
  if (scale < 0) {
    units *= pow10(-scale);
    scale = 0;
  }
  return { units: sign === '-' ? -units : units, scale };
}

/**
 * The common case of DECIMAL_TEXT read without it: a sign, digits and at most one point,
 * no exponent, at most 15 digits (exact in a double). Undefined for anything else, which
 * the pattern then reads (or refuses). Every amount of a dossier is read here: the
 * pattern's match, its groups, their concatenation and a BigInt parsed from text were
 * about 180 bytes and the most of readDecimal's time per amount.
 */
function readPlainDecimal(text: string): Decimal | undefined {
  const n = text.length;
  if (n === 0 || n > 17) return undefined;
  let i = 0;
  const first = text.charCodeAt(0);
  if (first === 0x2d || first === 0x2b) i = 1; // - +
  let units = 0;
  let digits = 0;
  let scale = 0;
  let point = false;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      units = units * 10 + (c - 0x30);
      digits++;
      if (point) scale++;
    } else if (c === 0x2e && !point) point = true;
    else return undefined;
  }
  if (digits === 0 || digits > 15) return undefined;
  const big = BigInt(units);
  return { units: first === 0x2d ? -big : big, scale };
}

/** The same value with trailing fractional zeros removed (`1.500` → `1.5`). */
export function normalizeDecimal(value: Decimal): Decimal {
  let { units, scale } = value;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  return { units, scale };
}

/** The same value written with at least `scale` decimals (`{885n, 3}`, 4 → `{8850n, 4}`). */
export function withScale(value: Decimal, scale: number): Decimal {
  return value.scale >= scale ? value : { units: value.units * pow10(scale - value.scale), scale };
}

/** Digits after the point that are needed to write the value (trailing zeros do not count). */
export function significantDecimals(value: Decimal): number {
  return normalizeDecimal(value).scale;
}

/**
 * The value in integer minor units of a currency with `exponent` decimals; undefined
 * when the value has more non-zero decimals than that (trailing zeros are fine).
 */
export function decimalToMinor(value: Decimal, exponent: number): bigint | undefined {
  if (value.scale <= exponent) return value.units * pow10(exponent - value.scale);
  const divisor = pow10(value.scale - exponent);
  if (value.units % divisor !== 0n) return undefined;
  return value.units / divisor;
}

/** Plain decimal text of `units / 10^scale`, keeping the scale: `{-1250n, 2}` → `"-12.50"`. */
export function decimalToString(value: Decimal): string {
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString();
  if (value.scale === 0) return (negative ? '-' : '') + digits;
  const padded = digits.padStart(value.scale + 1, '0');
  const cut = padded.length - value.scale;
  return `${negative ? '-' : ''}${padded.slice(0, cut)}.${padded.slice(cut)}`;
}

/** Minor units as plain decimal text with exactly `exponent` decimals: `(123456n, 2)` → `"1234.56"`. */
export function minorToString(minor: bigint, exponent: number): string {
  return decimalToString({ units: minor, scale: exponent });
}

/** Compare two decimals exactly: negative, zero or positive like a sort comparator. */
export function compareDecimal(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const x = a.units * pow10(scale - a.scale);
  const y = b.units * pow10(scale - b.scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `numerator / denominator` rounded half to even (banker's rounding); denominator > 0. */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const quotient = numerator / denominator; // truncates toward zero
  const remainder = numerator % denominator;
  if (remainder === 0n) return quotient;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  const away = numerator < 0n ? quotient - 1n : quotient + 1n;
  if (twice > denominator) return away;
  if (twice < denominator) return quotient;
  return quotient % 2n === 0n ? quotient : away;
}
