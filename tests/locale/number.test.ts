import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyCodes } from '../../src/facts/currencies.js';
import {
  formatDecimal,
  formatInteger,
  formatMoney,
  groupDigits,
  parseMoneyText,
} from '../../src/locale/number.js';

const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('formatMoney', () => {
  it('writes French amounts with U+202F groups and U+00A0 before the currency', () => {
    expect(formatMoney({ minor: 123456n, currency: 'EUR' }, 'fr')).toBe(`1${NNBSP}234,56${NBSP}€`);
    expect(formatMoney({ minor: 123456n, currency: 'USD' }, 'fr')).toBe(
      `1${NNBSP}234,56${NBSP}USD`,
    );
    expect(formatMoney({ minor: 1235n, currency: 'JPY' }, 'fr')).toBe(`1${NNBSP}235${NBSP}JPY`);
    expect(formatMoney({ minor: 12345n, currency: 'BHD' }, 'fr')).toBe(`12,345${NBSP}BHD`);
    expect(formatMoney({ minor: 5n, currency: 'EUR' }, 'fr')).toBe(`0,05${NBSP}€`);
    expect(formatMoney({ minor: 0n, currency: 'EUR' }, 'fr')).toBe(`0,00${NBSP}€`);
    expect(formatMoney({ minor: -123456n, currency: 'EUR' }, 'fr')).toBe(
      `\u22121${NNBSP}234,56${NBSP}€`,
    );
  });

  it('writes English amounts with the euro sign, or the ISO code for other currencies', () => {
    expect(formatMoney({ minor: 123456n, currency: 'EUR' }, 'en')).toBe('€1,234.56');
    expect(formatMoney({ minor: 123456n, currency: 'USD' }, 'en')).toBe(`USD${NBSP}1,234.56`);
    expect(formatMoney({ minor: 1234567n, currency: 'JPY' }, 'en')).toBe(`JPY${NBSP}1,234,567`);
    expect(formatMoney({ minor: 12345n, currency: 'BHD' }, 'en')).toBe(`BHD${NBSP}12.345`);
    expect(formatMoney({ minor: -50n, currency: 'EUR' }, 'en')).toBe('\u2212€0.50');
    expect(formatMoney({ minor: -50n, currency: 'GBP' }, 'en')).toBe(`\u2212GBP${NBSP}0.50`);
  });

  it('is exact beyond the range of a float', () => {
    expect(formatMoney({ minor: 123456789012345678901n, currency: 'EUR' }, 'en')).toBe(
      '€1,234,567,890,123,456,789.01',
    );
  });

  it('agrees with Intl for French euros (which formats decimal strings exactly)', () => {
    const intl = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
    for (const [minor, text] of [
      [123456n, '1234.56'],
      [99999999999n, '999999999.99'],
      [7n, '0.07'],
    ] as const) {
      expect(formatMoney({ minor, currency: 'EUR' }, 'fr')).toBe(
        intl.format(text as unknown as number),
      );
    }
  });
});

describe('numbers', () => {
  it('groups digits', () => {
    expect(groupDigits('1', ',')).toBe('1');
    expect(groupDigits('123', ',')).toBe('123');
    expect(groupDigits('1234', ',')).toBe('1,234');
    expect(groupDigits('1234567', ',')).toBe('1,234,567');
  });
  it('formats rates with their written decimals and counts with grouping', () => {
    expect(formatDecimal({ units: 8850n, scale: 4 }, 'fr')).toBe('0,8850');
    expect(formatDecimal({ units: 8850n, scale: 4 }, 'en')).toBe('0.8850');
    expect(formatDecimal({ units: 1305n, scale: 1 }, 'fr')).toBe('130,5');
    expect(formatInteger(12345, 'fr')).toBe(`12${NNBSP}345`);
    expect(formatInteger(12345, 'en')).toBe('12,345');
  });
});

describe('parseMoneyText', () => {
  it('reads back what formatMoney writes, in both languages and every currency', () => {
    const codes = currencyCodes();
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.constantFrom(...codes),
        fc.constantFrom('fr' as const, 'en' as const),
        (minor, currency, lang) => {
          const money = { minor, currency };
          expect(parseMoneyText(formatMoney(money, lang), lang)).toEqual(money);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses what formatMoney would not write', () => {
    for (const text of [
      '1234,56 €', // ordinary space, no group separator
      `1${NNBSP}234,5${NBSP}€`, // one decimal for EUR
      `12${NNBSP}34,56${NBSP}€`, // misplaced group
      `1${NNBSP}234,56${NBSP}XXX`, // not a currency
      `1${NNBSP}234,56`,
      '€1,234.56',
    ]) {
      expect(parseMoneyText(text, 'fr')).toBeUndefined();
    }
    for (const text of [
      '€1234.56',
      `USD 1,234.56`,
      '$1,234.56',
      `JPY${NBSP}1,234.0`,
      `1,234.56${NBSP}€`,
    ]) {
      expect(parseMoneyText(text, 'en')).toBeUndefined();
    }
  });
});
