import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smallMinor } from '../../src/validate/rules/amount-precision.js';
import {
  compareDecimal,
  decimalToMinor,
  decimalToString,
  divideHalfEven,
  normalizeDecimal,
  parseDecimal,
  trailingZeros,
  withScale,
} from '../../src/facts/decimal.js';
import {
  currencyCodes,
  isActiveCurrency,
  isCurrency,
  minorUnits,
} from '../../src/facts/currencies.js';
import { fuzzed } from '../helpers/fuzz.js';

describe('parseDecimal', () => {
  it.each([
    ['0', 0n, 0],
    ['12', 12n, 0],
    ['12.50', 1250n, 2],
    ['0.8850', 8850n, 4],
    ['+3.5', 35n, 1],
    ['-0.001', -1n, 3],
    ['1e2', 100n, 0],
    ['1.5E-3', 15n, 4],
    ['2.50e1', 250n, 1],
    ['12.', 12n, 0],
    ['.5', 5n, 1],
    ['12345678901234567890.123456789', 12345678901234567890123456789n, 9],
  ])('%s is exactly %s / 10^%s', (text, units, scale) => {
    expect(parseDecimal(text)).toEqual({ units, scale });
  });

  it.each([
    '',
    ' 1',
    '1 ',
    '1,5',
    '.',
    '1.2.3',
    '0x10',
    'Infinity',
    '.nan',
    '1e',
    'e2',
    '--1',
    '1e999',
    '١٢',
  ])('rejects %j', (text) => {
    expect(parseDecimal(text)).toBeUndefined();
  });

  it('reads every text as the YAML float pattern does, with or without the fast path', () => {
    // The oracle: the pattern alone, digits made a BigInt from their text.
    const oracle = (text: string) => {
      const m = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/.exec(text);
      if (!m) return undefined;
      const exponent = m[5] === undefined ? 0 : Number(m[5]);
      if (Math.abs(exponent) > 400) return undefined;
      const frac = m[3] ?? m[4] ?? '';
      let units = BigInt((m[2] ?? '') + frac);
      let scale = frac.length - exponent;
      if (scale < 0) {
        units *= 10n ** BigInt(-scale);
        scale = 0;
      }
      return { units: m[1] === '-' ? -units : units, scale };
    };
    const text = fc.stringMatching(/^[+-]?[0-9]{0,18}(?:\.[0-9]{0,18})?$|^[-+.0-9eE ]{0,8}$/);
    fc.assert(
      fc.property(text, (t) => {
        expect(parseDecimal(t)).toEqual(oracle(t));
      }),
      fuzzed({ numRuns: 20000, seed: 20261206 }),
    );
    // Around the 15 digits a double holds exactly, and past them.
    for (const t of [
      '999999999999999',
      '-999999999999999',
      '9999999999999999',
      '0.000000000000001',
      '12345678.1234567',
      '9007199254740993',
    ])
      expect(parseDecimal(t)).toEqual(oracle(t));
    expect(parseDecimal('9007199254740993')).toEqual({ units: 9007199254740993n, scale: 0 });
  });
});

describe('decimalToMinor', () => {
  const d = (text: string) => parseDecimal(text) ?? { units: 0n, scale: -1 };
  it('scales up to the currency exponent', () => {
    expect(decimalToMinor(d('45'), 2)).toBe(4500n);
    expect(decimalToMinor(d('45.5'), 2)).toBe(4550n);
    expect(decimalToMinor(d('1250'), 0)).toBe(1250n);
    expect(decimalToMinor(d('12.345'), 3)).toBe(12345n);
    expect(decimalToMinor(d('1.5E-3'), 4)).toBe(15n);
  });
  it('accepts trailing zeros beyond the exponent', () => {
    expect(decimalToMinor(d('45.000'), 2)).toBe(4500n);
    expect(decimalToMinor(d('1250.00'), 0)).toBe(1250n);
  });
  it('refuses non-zero decimals beyond the exponent', () => {
    expect(decimalToMinor(d('45.001'), 2)).toBeUndefined();
    expect(decimalToMinor(d('1250.5'), 0)).toBeUndefined();
    expect(decimalToMinor(d('1.2345'), 3)).toBeUndefined();
  });
});

describe('decimal helpers', () => {
  it('writes decimals back as plain text, keeping the scale', () => {
    expect(decimalToString({ units: -1250n, scale: 2 })).toBe('-12.50');
    expect(decimalToString({ units: 5n, scale: 3 })).toBe('0.005');
    expect(decimalToString({ units: 42n, scale: 0 })).toBe('42');
  });
  it('writes a value with more decimals, never fewer, never another value', () => {
    expect(withScale({ units: 885n, scale: 3 }, 4)).toEqual({ units: 8850n, scale: 4 });
    expect(decimalToString(withScale({ units: 12n, scale: 0 }, 2))).toBe('12.00');
    expect(withScale({ units: 8571n, scale: 4 }, 2)).toEqual({ units: 8571n, scale: 4 });
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.nat(20),
        fc.nat(20),
        (units, scale, to) => {
          const value = { units, scale };
          const shown = withScale(value, to);
          expect(shown.scale).toBe(Math.max(scale, to));
          expect(compareDecimal(shown, value)).toBe(0);
        },
      ),
    );
  });
  it('normalizes and compares exactly', () => {
    expect(normalizeDecimal({ units: 1500n, scale: 3 })).toEqual({ units: 15n, scale: 1 });
    expect(compareDecimal({ units: 15n, scale: 1 }, { units: 1500n, scale: 3 })).toBe(0);
    expect(compareDecimal({ units: 1n, scale: 1 }, { units: 11n, scale: 2 })).toBe(-1);
  });
  it('rounds half to even', () => {
    expect(divideHalfEven(22125n, 10n)).toBe(2212n);
    expect(divideHalfEven(22135n, 10n)).toBe(2214n);
    expect(divideHalfEven(22126n, 10n)).toBe(2213n);
    expect(divideHalfEven(-22125n, 10n)).toBe(-2212n);
    expect(divideHalfEven(-22135n, 10n)).toBe(-2214n);
    expect(divideHalfEven(-22126n, 10n)).toBe(-2213n);
    expect(divideHalfEven(5n, 10n)).toBe(0n);
    expect(divideHalfEven(15n, 10n)).toBe(2n);
  });
});

describe('ISO 4217 minor units', () => {
  it.each([
    ['EUR', 2],
    ['USD', 2],
    ['PHP', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['XOF', 0],
    ['BHD', 3],
    ['KWD', 3],
    ['TND', 3],
    ['JOD', 3],
    ['OMR', 3],
    ['IQD', 3],
    ['LYD', 3],
    ['CLF', 4],
    ['UYW', 4],
    ['HUF', 2],
    ['IDR', 2],
    ['HRK', 2],
    ['BYR', 0],
  ])('%s has %i decimals', (code, exponent) => {
    expect(minorUnits(code)).toBe(exponent);
    expect(isCurrency(code)).toBe(true);
  });

  it.each(['eur', 'EURO', 'XXX', 'XAU', 'XTS', 'ABC', '', 'XDR'])(
    '%j is not a currency money is written in',
    (code) => {
      expect(minorUnits(code)).toBeUndefined();
      expect(isCurrency(code)).toBe(false);
    },
  );

  it('knows the active list and tells withdrawn codes apart', () => {
    expect(isActiveCurrency('EUR')).toBe(true);
    expect(isActiveCurrency('HRK')).toBe(false);
    const codes = currencyCodes();
    expect(codes.filter(isActiveCurrency)).toHaveLength(165);
    expect(codes.every((c) => /^[A-Z]{3}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe('smallMinor: the quick path of a transfer amount (transferAmount)', () => {
  const exact = (text: string, exponent: number): bigint | undefined => {
    const value = parseDecimal(text);
    return value === undefined ? undefined : decimalToMinor(value, exponent);
  };

  it('gives the exact minor units, or leaves the text to the exact path', () => {
    const texts = fc.oneof(
      fc.stringMatching(/^[0-9]{1,18}(\.[0-9]{0,6})?$/),
      fc.stringMatching(/^[0-9.eE+\- ]{0,12}$/),
      fc.constantFrom('12.', '.5', '0', '000.00', '10.001', '10.000', '999999999999999', '1e3'),
    );
    fc.assert(
      fc.property(texts, fc.integer({ min: 0, max: 4 }), (text, exponent) => {
        const quick = smallMinor(text, exponent);
        if (quick === undefined) return;
        expect(Number.isSafeInteger(quick)).toBe(true);
        expect(BigInt(quick)).toBe(exact(text, exponent));
      }),
      fuzzed({ numRuns: 5000, seed: 20261206 }),
    );
  });

  it('takes the amounts a dossier is made of', () => {
    expect(smallMinor('332.50', 2)).toBe(33250);
    expect(smallMinor('48100', 0)).toBe(48100);
    expect(smallMinor('12.', 2)).toBe(1200);
    expect(smallMinor('1.250', 3)).toBe(1250);
    expect(smallMinor('10.000', 2)).toBe(1000);
    // Too precise, other forms, too many digits: the exact path's.
    for (const [text, exponent] of [
      ['10.001', 2],
      ['48100.5', 0],
      ['1e3', 2],
      ['+12', 2],
      ['.5', 2],
      ['1234567890123456', 0],
    ] as const)
      expect(smallMinor(text, exponent)).toBeUndefined();
  });
});

describe('trailingZeros', () => {
  it('counts the zeros that end a text, as /0+$/ finds them', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9.]{0,12}$/), (text) => {
        expect(trailingZeros(text)).toBe(text.length - text.replace(/0+$/, '').length);
      }),
      { numRuns: 5000 },
    );
  });

  it('in linear time on a long run of zeros that does not end the text', () => {
    const started = performance.now();
    expect(trailingZeros(`1${'0'.repeat(500_000)}1`)).toBe(0);
    expect(trailingZeros(`1${'0'.repeat(500_000)}`)).toBe(500_000);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
