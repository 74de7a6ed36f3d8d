import { shorten } from '../../diagnostics/messages.js';
import { minorUnits } from '../../facts/currencies.js';
import { trailingZeros } from '../../facts/decimal.js';

/** Currency symbols an export may write in an amount cell, with the codes they may stand for. */
const SYMBOLS: Readonly<Record<string, readonly string[]>> = {
  '€': ['EUR'],
  $: ['USD', 'CAD', 'AUD', 'NZD', 'MXN', 'SGD', 'HKD'],
  US$: ['USD'],
  '£': ['GBP'],
  '¥': ['JPY', 'CNY'],
  '₱': ['PHP'],
  '₹': ['INR'],
  '₽': ['RUB'],
  '₺': ['TRY'],
  '₩': ['KRW'],
  '₫': ['VND'],
  '฿': ['THB'],
  '₦': ['NGN'],
  '₴': ['UAH'],
  zł: ['PLN'],
  Fr: ['CHF', 'XOF', 'XAF'],
  CHF: ['CHF'],
  FCFA: ['XOF', 'XAF'],
  CFA: ['XOF', 'XAF'],
};

export type AmountResult =
  { readonly ok: true; readonly amount: string } | { readonly ok: false; readonly message: string };

const GROUPING = /[ \u00a0\u202f\u2009']/g;
/** Runs of thousands separators, with `.` or `,` as the decimal separator. */
const GROUPS_POINT = /[ \u00a0\u202f\u2009',]+/;
const GROUPS_COMMA = /[ \u00a0\u202f\u2009'.]+/;

/** The longest amount cell read (trimmed): a currency, digits and separators fit easily. */
const MAX_AMOUNT_CHARS = 64;

// The common case, digits and one decimal separator, without the general pattern's cost.
const PLAIN_POINT = /^([1-9][0-9]{0,20})(?:\.([0-9]+))?$/;
const PLAIN_COMMA = /^([1-9][0-9]{0,20})(?:,([0-9]+))?$/;

function plainAmount(
  whole: string,
  frac: string | undefined,
  cell: string,
  currency: string | undefined,
): AmountResult {
  const exponent = currency === undefined ? undefined : minorUnits(currency);
  if (exponent !== undefined && frac !== undefined && frac.length - trailingZeros(frac) > exponent)
    return {
      ok: false,
      message: `"${cell}" has ${frac.length} decimal digit(s); ${currency} allows at most ${exponent}`,
    };
  return { ok: true, amount: frac === undefined ? whole : `${whole}.${frac}` };
}

/**
 * An amount as written in an export (`1 234,50 €`, `1.234,50`, `EUR 120.00`, `120`) read
 * exactly, as digits (never through a binary float): `1234.50`. `decimal` is the
 * decimal separator; the other of `.` and `,`, spaces (plain, no-break, narrow
 * no-break, thin) and `'` are thousands separators. A currency symbol or code in the cell
 * must agree with `currency` (when known). The amount must be > 0 with at most the
 * currency's minor-unit digits.
 */
export function readAmount(
  cell: string,
  decimal: '.' | ',',
  currency: string | undefined,
): AmountResult {
  const plain = decimal === '.' ? PLAIN_POINT.exec(cell) : PLAIN_COMMA.exec(cell);
  if (plain) return plainAmount(plain[1]!, plain[2], cell, currency);
  let s = cell.trim();
  // No amount is this long (a dossier's has at most 40 characters), and the patterns
  // below are not linear on every text: a cell of spaces and zeros of 2,400 characters
  // took minutes, beyond Ctrl-C (a helper's sweep, session 33).
  if (s.length > MAX_AMOUNT_CHARS)
    return {
      ok: false,
      message: `"${shorten(cell)}" is not an amount: it has ${s.length} characters, an amount at most ${MAX_AMOUNT_CHARS}`,
    };
  const shown = `"${cell}"`;
  // Accounting's negatives: in brackets, or with the minus after the number.
  if (/^\(.*\d.*\)$/u.test(s) || /\d[^\d]*-$/u.test(s))
    return { ok: false, message: `${shown} is negative: an amount is > 0` };
  // A symbol or code before or after the number.
  const m =
    /^([^\d\s.,+-]*)\s*([+-]?[\d.,\s\u00a0\u202f\u2009']*\d[\d.,\s\u00a0\u202f\u2009']*)\s*([^\d\s.,]*)$/u.exec(
      s,
    );
  if (!m) return { ok: false, message: `${shown} is not an amount` };
  const [, before = '', number = '', after = ''] = m;
  const mark = (before || after).trim();
  if (before && after) return { ok: false, message: `${shown} is not an amount` };
  if (mark) {
    // A code in any case (`12,00 eur`), as a currency cell takes it.
    const codes = /^[A-Za-z]{3}$/.test(mark) ? [mark.toUpperCase()] : SYMBOLS[mark];
    if (!codes)
      return { ok: false, message: `${shown}: "${mark}" is not a currency symbol or code` };
    if (currency !== undefined && !codes.includes(currency))
      return {
        ok: false,
        message: `${shown} is written in ${mark}, but the currency is ${currency}`,
      };
  }
  const other = decimal === '.' ? ',' : '.';
  // Thousands separators (spaces, `'`, the other of `.` and `,`) only between groups of
  // three digits: `1 23,00` is a typo, not 123.00.
  // One kind of separator (spaces of any width count as one kind): `1.085 000,00` mixes two.
  const written = (
    number
      .trim()
      .replace(/^[+-]\s*/, '')
      .split(decimal)[0] ?? ''
  ).trimEnd();
  const groups = written.split(decimal === '.' ? GROUPS_POINT : GROUPS_COMMA);
  const kinds = new Set(
    [...written.replace(/[0-9]/g, '')].map((c) => (/[ \u00a0\u202f\u2009]/.test(c) ? ' ' : c)),
  );
  if (
    groups.length > 1 &&
    (kinds.size > 1 ||
      groups[0] === '' ||
      groups[0]!.length > 3 ||
      groups.slice(1).some((g) => g.length !== 3))
  )
    return {
      ok: false,
      message: written.includes(other)
        ? `${shown}: "${other}" is not where a thousands separator goes (the decimal separator is "${decimal}")`
        : `${shown}: a thousands separator is not between groups of three digits`,
    };
  s = number.replace(GROUPING, '');
  if (s.startsWith('+')) s = s.slice(1);
  if (s.startsWith('-')) return { ok: false, message: `${shown} is negative: an amount is > 0` };
  // The other separator groups thousands: only in groups of three digits.
  const parts = s.split(decimal);
  if (parts.length > 2)
    return { ok: false, message: `${shown} has more than one decimal separator "${decimal}"` };
  const [intPart = '', frac] = parts;
  const digits = intPart.split(other).join('');
  if (
    !/^[0-9]*$/.test(digits) ||
    (frac !== undefined && !/^[0-9]+$/.test(frac)) ||
    digits + (frac ?? '') === ''
  )
    return { ok: false, message: `${shown} is not an amount` };
  const whole = digits.replace(/^0+(?=[0-9])/, '') || '0';
  const text = frac === undefined ? whole : `${whole}.${frac}`;
  if (/^[0.]*$/.test(text)) return { ok: false, message: `${shown} is zero: an amount is > 0` };
  const exponent = currency === undefined ? undefined : minorUnits(currency);
  if (exponent !== undefined && frac !== undefined && frac.length - trailingZeros(frac) > exponent)
    return {
      ok: false,
      message: `${shown} has ${frac.length} decimal digit(s); ${currency} allows at most ${exponent}`,
    };
  return { ok: true, amount: text };
}
