// ISO 4217 codes as currencies (src/facts/currencies.ts).
import { describe, expect, it } from 'vitest';
import { currencyProblem, isCurrency, minorUnits } from '../../src/facts/currencies.js';

describe('currencies', () => {
  it('knows the minor units of active codes', () => {
    expect(minorUnits('EUR')).toBe(2);
    expect(minorUnits('JPY')).toBe(0);
    expect(minorUnits('BHD')).toBe(3);
    expect(isCurrency('PHP')).toBe(true);
  });

  it('codes without a minor unit (metals, units of account, testing, none) are not currencies, and say why', () => {
    for (const code of ['XAU', 'XAG', 'XPT', 'XPD', 'XDR', 'XTS', 'XXX']) {
      expect(isCurrency(code)).toBe(false);
      expect(currencyProblem(code)).toMatch(/^an ISO 4217 code without a minor unit/);
    }
  });

  it('knows the codes withdrawn since 2007, with the decimals they had (facts are years old)', () => {
    for (const code of ['GHC', 'SDD', 'VEB', 'ZWD', 'ZWR', 'TMM', 'CYP', 'SKK', 'LTL', 'HRK'])
      expect([code, minorUnits(code)]).toEqual([code, 2]);
    expect(minorUnits('BYR')).toBe(0);
    // Withdrawn before 2007: not a currency of facts courtfile takes.
    for (const code of ['FRF', 'DEM', 'MZM', 'ROL', 'TRL', 'ZWN'])
      expect(isCurrency(code)).toBe(false);
  });

  it('an unknown code is not ISO 4217', () => {
    expect(isCurrency('EUX')).toBe(false);
    expect(currencyProblem('EUX')).toBe('not an ISO 4217 currency code');
  });
});
