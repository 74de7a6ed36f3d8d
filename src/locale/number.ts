/**
 * Numbers and money in French and English conventions, built by string manipulation
 * from exact values (BigInt minor units, Decimal): never through a float.
 *
 * - fr: group separator U+202F (narrow no-break space), decimal comma; money as
 *   `1 234,56 €` for EUR and `1 234,56 USD` for any other currency, with U+00A0
 *   (no-break space) before the symbol or code.
 * - en: group separator `,`, decimal point; money as `€1,234.56` for EUR and
 *   `USD 1,234.56` (U+00A0) for any other currency.
 * Only EUR gets its symbol: `$` or `¥` name several currencies, and a court
 * document must not leave the currency open to doubt. Negative values start with
 * the true minus sign U+2212 (`−12,50 €`, `−€12.50`), never a hyphen; the values are
 * exact integers, so there is no negative zero.
 */
import type { Decimal, Language, Money } from '../model/dossier.js';
import { exponentOf, minorUnits } from '../facts/currencies.js';
import { decimalToString } from '../facts/decimal.js';

/** Narrow no-break space: the French group separator. */
export const NNBSP = '\u202f';
/** No-break space: between an amount and its currency. */
export const NBSP = '\u00a0';
/** The minus sign U+2212, wider than the hyphen-minus and never a line-break point. */
export const MINUS = '\u2212';

const SEPARATORS: Readonly<Record<Language, { group: string; decimal: string }>> = {
  fr: { group: NNBSP, decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/** Currencies written with a symbol rather than their ISO code. */
const SYMBOLS: Readonly<Record<string, string>> = { EUR: '€' };

/** Insert `separator` every three digits from the right: `1234567` → `1,234,567`. */
export function groupDigits(digits: string, separator: string): string {
  const head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += separator + digits.slice(i, i + 3);
  return out;
}

/** Localize plain decimal text (`-1234.5`) to `lang`: grouping and decimal mark. */
function localizePlain(plain: string, lang: Language): string {
  const { group, decimal } = SEPARATORS[lang];
  const negative = plain.startsWith('-');
  const body = negative ? plain.slice(1) : plain;
  const [intPart = '0', fracPart] = body.split('.');
  const grouped = groupDigits(intPart, group);
  return `${negative && /[1-9]/.test(body) ? MINUS : ''}${grouped}${fracPart === undefined ? '' : decimal + fracPart}`;
}

/** A decimal in `lang`, keeping its written decimals: `{8850n, 4}` → fr `0,8850`, en `0.8850`. */
export function formatDecimal(value: Decimal, lang: Language): string {
  return localizePlain(decimalToString(value), lang);
}

/** An integer (count) with grouping: fr `12 345`, en `12,345`. */
export function formatInteger(value: number | bigint, lang: Language): string {
  return localizePlain(BigInt(value).toString(), lang);
}

/**
 * Whether a count of `n` takes the singular of its unit in `lang` (the CLDR plural
 * category `one` for whole numbers): French for 0 and 1 (`0 octet`, `1 an`), English
 * for 1 only (`1 byte`, `0 bytes`).
 */
export function takesSingular(n: number | bigint, lang: Language): boolean {
  const whole = BigInt(n);
  return lang === 'fr' ? whole === 0n || whole === 1n : whole === 1n;
}

/**
 * A plain JavaScript number given by the user (e.g. `--window 26.5`) in `lang`: fr
 * `26,5`, en `26.5`, written with the digits its shortest decimal text has (never
 * rounded to an integer); integers are grouped like formatInteger.
 */
export function formatPlainNumber(value: number, lang: Language): string {
  if (Number.isInteger(value)) return formatInteger(value, lang);
  const text = String(value);
  if (!/^-?\d+\.\d+$/.test(text)) return text; // exponent forms: left as written
  const [int = '0', frac = ''] = text.split('.');
  return formatDecimal({ units: BigInt(int + frac), scale: frac.length }, lang);
}

/** Minor units as a number with all the currency's decimals, no currency: fr `1 234,56`. */
export function formatMinor(minor: bigint, exponent: number, lang: Language): string {
  return formatDecimal({ units: minor, scale: exponent }, lang);
}

/** An amount: fr `1 234,56 €` / `1 234,56 USD`, en `€1,234.56` / `USD 1,234.56`. */
export function formatMoney(money: Money, lang: Language): string {
  const number = formatMinor(money.minor, exponentOf(money.currency), lang);
  const symbol = SYMBOLS[money.currency];
  if (lang === 'fr') return `${number}${NBSP}${symbol ?? money.currency}`;
  const negative = number.startsWith(MINUS);
  const magnitude = negative ? number.slice(MINUS.length) : number;
  const sign = negative ? MINUS : '';
  return symbol ? `${sign}${symbol}${magnitude}` : `${sign}${money.currency}${NBSP}${magnitude}`;
}

/**
 * Read back what formatMoney writes (for round-trip checks): exact, and strict about
 * the currency's number of decimals. Undefined for anything else.
 */
export function parseMoneyText(text: string, lang: Language): Money | undefined {
  const { group, decimal } = SEPARATORS[lang];
  let rest = text;
  let currency: string | undefined;
  let sign = '';
  if (rest.startsWith(MINUS)) {
    sign = '-';
    rest = rest.slice(MINUS.length);
  }
  const symbolEntry = Object.entries(SYMBOLS).find(([, s]) =>
    lang === 'fr' ? rest.endsWith(NBSP + s) : rest.startsWith(s),
  );
  if (symbolEntry) {
    currency = symbolEntry[0];
    rest =
      lang === 'fr'
        ? rest.slice(0, -(NBSP.length + symbolEntry[1].length))
        : rest.slice(symbolEntry[1].length);
  } else {
    const match =
      lang === 'fr' ? /^(.*)\u00a0([A-Z]{3})$/.exec(rest) : /^([A-Z]{3})\u00a0(.*)$/.exec(rest);
    if (!match) return undefined;
    currency = lang === 'fr' ? match[2] : match[1];
    rest = (lang === 'fr' ? match[1] : match[2]) ?? '';
  }
  const exponent = currency === undefined ? undefined : minorUnits(currency);
  if (currency === undefined || exponent === undefined) return undefined;
  const [intPart = '', fracPart = ''] = rest.split(decimal);
  if (rest.split(decimal).length > (exponent > 0 ? 2 : 1) || fracPart.length !== exponent)
    return undefined;
  const digits = intPart.split(group).join('');
  if (!/^\d+$/.test(digits) || groupDigits(digits, group) !== intPart || !/^\d*$/.test(fracPart)) {
    return undefined;
  }
  return { minor: BigInt(sign + digits + fracPart), currency };
}
