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
): { text: string; minor: bigint | undefined } {
  const exponent = minorUnits(data.currency);
  const text = amountText(data.amount);
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
