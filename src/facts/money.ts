/**
 * Exact money: integer minor units (BigInt) of an ISO 4217 currency. Conversion
 * rounds each amount half to even to the target's minor unit; sums are exact.
 */
import type { Decimal, Money } from '../model/dossier.js';
import { exponentOf } from './currencies.js';
import { divideHalfEven, minorToString, pow10 } from './decimal.js';

export type { Money };

/** Zero in `currency`. */
export function zeroMoney(currency: string): Money {
  return { minor: 0n, currency };
}

/** Exact sum of amounts that must all be in `currency` (throws otherwise: a tool fault). */
export function sumMoney(currency: string, amounts: Iterable<Money>): Money {
  let minor = 0n;
  for (const amount of amounts) {
    if (amount.currency !== currency) {
      throw new Error(`cannot add ${amount.currency} to a ${currency} total`);
    }
    minor += amount.minor;
  }
  return { minor, currency };
}

/** `a + b`, same currency. */
export function addMoney(a: Money, b: Money): Money {
  return sumMoney(a.currency, [a, b]);
}

/**
 * Convert `amount` to `target` at `rate` (1 unit of amount's currency = `rate` units
 * of `target`), rounded half to even to target's minor unit. Exact: BigInt only.
 */
export function convertMoney(amount: Money, rate: Decimal, target: string): Money {
  // minor_target = minor_source * rate * 10^e_target / 10^e_source
  //              = minor_source * units * 10^e_target / 10^(e_source + scale)
  const shift = exponentOf(amount.currency) + rate.scale - exponentOf(target);
  const product = amount.minor * rate.units;
  const minor = shift <= 0 ? product * pow10(-shift) : divideHalfEven(product, pow10(shift));
  return { minor, currency: target };
}

/** Plain decimal text in major units with the currency's exact decimals: `"1234.56"`, JPY `"1235"`. */
export function moneyToDecimalString(money: Money): string {
  return minorToString(money.minor, exponentOf(money.currency));
}

/** Compare amounts of the same currency, like a sort comparator. */
export function compareMoney(a: Money, b: Money): number {
  return a.minor < b.minor ? -1 : a.minor > b.minor ? 1 : 0;
}
