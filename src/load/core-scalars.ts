/**
 * YAML 1.2 core schema resolution of plain scalars, shared by both parsers so that
 * they agree to the letter (see tests/load/differential.test.ts).
 *
 * Numbers: a JS number when the double holds the written decimal exactly (so that
 * String(n) gives back the same decimal value); otherwise a NumberLiteral of form
 * 'inexact' keeps its source text, so that no digit of an amount is lost through a binary
 * float, and a field that takes text still sees a number, not a string that was never
 * quoted (amounts and rates take it as their decimal text). A number
 * written in another form than a decimal (hexadecimal, octal, with an exponent, with a
 * `+` sign, with a point at one end as `.5` or `45.`, or tagged !!int / !!float) is a
 * NumberLiteral: kept as written, never converted, so
 * that every field that takes a number refuses it with its text (an amount is a
 * decimal as written, nothing else).
 */
import { trailingZeros } from '../facts/decimal.js';

/** How a number that is not a plain decimal was written. */
export type NumberForm =
  | 'hexadecimal'
  | 'octal'
  | 'exponent'
  | 'tagged'
  | 'plus'
  | 'point'
  /** A plain decimal that a double cannot hold exactly (too many digits): still a decimal. */
  | 'inexact';

/**
 * A number kept as its source text: written in another form than a plain decimal, or
 * (form 'inexact') a plain decimal that a double cannot hold exactly.
 */
export class NumberLiteral {
  constructor(
    readonly text: string,
    readonly form: NumberForm,
  ) {}

  /** "the hexadecimal number", "the tagged number"...: for messages. */
  describe(): string {
    switch (this.form) {
      case 'exponent':
        return 'the number with an exponent';
      case 'tagged':
        return 'the tagged number';
      case 'plus':
        return 'the number with a "+" sign';
      case 'point':
        return 'the number with a "." at one end';
      case 'inexact':
        return 'the number';
      default:
        return `the ${this.form} number`;
    }
  }

  /** As a mapping key, the number is its text. */
  toString(): string {
    return this.text;
  }

  // Not "[object Object]": js-yaml then turns a key of this class into String(key).
  get [Symbol.toStringTag](): string {
    return 'NumberLiteral';
  }
}

const NULL_RE = /^(?:~|null|Null|NULL)?$/;
const BOOL_RE = /^(?:true|True|TRUE|false|False|FALSE)$/;
const INT_DEC_RE = /^[-+]?[0-9]+$/;
const INT_OCT_RE = /^0o[0-7]+$/;
const INT_HEX_RE = /^0x[0-9a-fA-F]+$/;
const FLOAT_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const INF_RE = /^[-+]?(?:\.inf|\.Inf|\.INF)$/;
const NAN_RE = /^(?:\.nan|\.NaN|\.NAN)$/;

// Filters before the number patterns: most plain scalars are words (rejected by their
// first character) or dates and instants (rejected by one character no number has, as
// ":" or "T"), so the five number patterns run only on what may be a number.
const NOT_IN_NUMBERS = /[^0-9a-fA-FxXoO+\-.nNiI]/;
const mayBeNumber = (s: string): boolean => {
  const c = s.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 // 0-9 + - .
    ? !NOT_IN_NUMBERS.test(s)
    : false;
};

export function isCoreNull(s: string): boolean {
  return s.length <= 4 && NULL_RE.test(s);
}
export function isCoreBool(s: string): boolean {
  return s.length >= 4 && s.length <= 5 && BOOL_RE.test(s);
}
export function isCoreInt(s: string): boolean {
  return mayBeNumber(s) && (INT_DEC_RE.test(s) || INT_OCT_RE.test(s) || INT_HEX_RE.test(s));
}
export function isCoreFloat(s: string): boolean {
  return mayBeNumber(s) && (FLOAT_RE.test(s) || INF_RE.test(s) || NAN_RE.test(s));
}

/** Normalized decimal digits of a number's text: sign, significant digits, exponent. */
function normalizeDecimal(text: string): string | undefined {
  const m = /^([-+]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([-+]?[0-9]+))?$/.exec(text);
  if (!m) return undefined;
  const neg = m[1] === '-';
  const intPart = m[2] ?? '';
  const frac = m[3] ?? '';
  let digits = intPart + frac;
  let exp = (m[4] ? Number(m[4]) : 0) - frac.length;
  const lead = digits.search(/[1-9]/);
  if (lead < 0) return '0';
  digits = digits.slice(lead);
  const trail = trailingZeros(digits);
  digits = digits.slice(0, digits.length - trail);
  exp += trail;
  return `${neg ? '-' : ''}${digits}e${exp}`;
}

/**
 * The value of a core int/float scalar: a number when it is a decimal the double holds
 * exactly; else a NumberLiteral: form 'inexact' for a decimal the double cannot hold,
 * the form it is written in otherwise (hexadecimal, octal, exponent...).
 */
export function constructCoreNumber(source: string): number | NumberLiteral {
  if (INF_RE.test(source)) return source.startsWith('-') ? -Infinity : Infinity;
  if (NAN_RE.test(source)) return NaN;
  if (INT_OCT_RE.test(source)) return new NumberLiteral(source, 'octal');
  if (INT_HEX_RE.test(source)) return new NumberLiteral(source, 'hexadecimal');
  if (source.includes('e') || source.includes('E')) return new NumberLiteral(source, 'exponent');
  // `+45`, `.5`, `45.`: numbers for YAML, not the plain decimal the format asks for.
  if (source.charCodeAt(0) === 43 /* + */) return new NumberLiteral(source, 'plus');
  if (
    source.charCodeAt(source.length - 1) === 46 /* . */ ||
    source.charCodeAt(source.charCodeAt(0) === 45 /* - */ ? 1 : 0) === 46
  )
    return new NumberLiteral(source, 'point');
  const n = Number(source);
  if (INT_DEC_RE.test(source)) return exactOrText(n, source);
  // Most decimals are written as the double prints, or with zeros after it (12.50): the
  // same digits, so no need to normalise both.
  const shortest = String(n);
  if (shortest === source || shortest === withoutTrailingZeros(source)) return n;
  return normalizeDecimal(source) === normalizeDecimal(numberText(n))
    ? n
    : new NumberLiteral(source, 'inexact');
}

/** `12.50` -> `12.5`, `3.00` -> `3`: a decimal with a point, without its trailing fractional zeros. */
function withoutTrailingZeros(source: string): string {
  if (!source.includes('.')) return source;
  let end = source.length;
  while (source.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (source.charCodeAt(end - 1) === 46 /* . */) end--;
  return source.slice(0, end);
}

/** The value of a scalar tagged !!int or !!float (already checked to fit its tag). */
export function constructTaggedNumber(source: string): NumberLiteral {
  return new NumberLiteral(source, 'tagged');
}

function exactOrText(n: number, source: string): number | NumberLiteral {
  return Number.isSafeInteger(n) ? n : new NumberLiteral(source, 'inexact');
}

/** Decimal text of a finite number without losing the exponent form (`1e+21`). */
function numberText(n: number): string {
  return String(n).replace('e+', 'e');
}

/** The characters that may be in a number's text (NOT_IN_NUMBERS's complement), by code. */
const IN_NUMBERS = (() => {
  const set = new Uint8Array(128);
  for (const ch of '0123456789abcdefABCDEFxXoO+-.nNiI') set[ch.charCodeAt(0)] = 1;
  return set;
})();

/**
 * resolvePlainScalar(text.slice(from, to)), for the two forms most plain scalars of a
 * large dossier take, without its regular expressions: a text starting with a digit or
 * "-" that holds a character no number has (an instant, `2018-01-14T19:42:00+01:00`) is
 * a string; a decimal of at most 15 digits (`-12`, `332.50`), no point at either end, is
 * the number it writes (a double holds any decimal of 15 significant digits or fewer:
 * constructCoreNumber would find it exact). Anything else goes to resolvePlainScalar.
 */
export function resolvePlainSlice(
  text: string,
  from: number,
  to: number,
): null | boolean | number | string | NumberLiteral {
  const first = text.charCodeAt(from);
  if (!((first >= 48 && first <= 57) || first === 45))
    /* 0-9 - */
    return resolvePlainScalar(text.slice(from, to));
  let digits = 0;
  let point = -1;
  let decimal = true;
  for (let i = first === 45 ? from + 1 : from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 /* . */ && point < 0) point = i;
    else if (c < 128 && IN_NUMBERS[c] === 1) decimal = false;
    else return text.slice(from, to); // no number has this character
  }
  if (
    decimal &&
    digits > 0 &&
    digits <= 15 &&
    point !== (first === 45 ? from + 1 : from) &&
    point !== to - 1
  )
    return Number(text.slice(from, to));
  return resolvePlainScalar(text.slice(from, to));
}

/** Resolve a plain (unquoted, untagged) scalar by the core schema. */
export function resolvePlainScalar(
  source: string,
): null | boolean | number | string | NumberLiteral {
  if (isCoreNull(source)) return null;
  if (isCoreBool(source)) return source[0] === 't' || source[0] === 'T';
  if (!mayBeNumber(source)) return source;
  if (
    INT_DEC_RE.test(source) ||
    INT_OCT_RE.test(source) ||
    INT_HEX_RE.test(source) ||
    FLOAT_RE.test(source) ||
    INF_RE.test(source) ||
    NAN_RE.test(source)
  )
    return constructCoreNumber(source);
  return source;
}
