import { minorUnits } from '../../facts/currencies.js';
import { decimalToMinor, parseDecimal } from '../../facts/decimal.js';
import type { WrittenTransfer } from '../../schema/dossier.js';
import type { Origin } from '../../model/dossier.js';
import type { RecordContext } from './rule.js';
import { recordRule } from './rule.js';

/**
 * Amount text as written: numbers come back exactly through String() (see
 * core-scalars.ts); a string is taken as it is (the schema accepts only digits with an
 * optional point and more digits).
 */
export function amountText(v: number | string): string {
  return typeof v === 'number' ? String(v) : v;
}

/** A transfer amount has at most the currency's minor-unit digits (trailing zeros aside). */
export const amountPrecision = recordRule<WrittenTransfer>()(
  ['amount', 'currency'],
  (data, origin, ctx) => {
    transferAmount(data, origin, ctx);
  },
);

/**
 * A transfer's amount as written and in exact minor units of its currency, after the
 * amount-precision check (which reports it when the amount has too many decimals:
 * minor is then undefined).
 */
export function transferAmount(
  data: Pick<WrittenTransfer, 'amount' | 'currency'>,
  origin: Origin,
  ctx: RecordContext,
): { text: string; minor: bigint | number | undefined } {
  const exponent = minorUnits(data.currency);
  const text = amountText(data.amount);
  if (exponent !== undefined) {
    const quick = smallMinor(text, exponent);
    if (quick !== undefined) return { text, minor: quick };
  }
  const value = parseDecimal(text);
  if (exponent === undefined || value === undefined) return { text, minor: undefined };
  const minor = decimalToMinor(value, exponent);
  if (minor === undefined) {
    const decimals = (/\.(\d*?)0*$/.exec(text.replace(/e.*$/i, ''))?.[1] ?? '').length;
    ctx.report('amount-precision', origin, ['amount'], {
      amount: text,
      decimals: Math.max(decimals, value.scale),
      currency: data.currency,
      allowed: exponent,
    });
  }
  return { text, minor };
}

/**
 * The amount `text` in minor units of a currency with `exponent` decimals, when it is
 * plain digits with an optional point (`332.50`, `48100`, `12.`) of at most 15 digits
 * and not more precise than the currency: a number, exact (below 2^53), without the
 * regular expression and BigInt arithmetic of parseDecimal (most amounts of a large
 * dossier). Undefined for anything else, which transferAmount reads the exact way (and
 * reports when too precise): the same value either way.
 */
export function smallMinor(text: string, exponent: number): number | undefined {
  const n = text.length;
  let minor = 0;
  let digits = 0;
  let i = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    minor = minor * 10 + c;
    digits++;
  }
  if (digits === 0) return undefined;
  let decimals = 0;
  if (i < n) {
    if (text.charCodeAt(i) !== 46 /* . */) return undefined;
    for (i++; i < n; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return undefined;
      if (decimals < exponent) {
        minor = minor * 10 + c;
        decimals++;
        digits++;
      } else if (c !== 0) return undefined; // too precise: reported by the exact path
    }
  }
  for (; decimals < exponent; decimals++) {
    minor *= 10;
    digits++;
  }
  return digits <= 15 ? minor : undefined;
}
