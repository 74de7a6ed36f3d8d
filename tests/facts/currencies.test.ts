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

  it('an unknown code is not ISO 4217', () => {
    expect(isCurrency('EUX')).toBe(false);
    expect(currencyProblem('EUX')).toBe('not an ISO 4217 currency code');
  });
});
