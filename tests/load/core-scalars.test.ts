import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  NumberLiteral,
  isCoreFloat,
  isCoreInt,
  resolvePlainScalar,
  resolvePlainSlice,
} from '../../src/load/core-scalars.js';
import { fuzzed } from '../helpers/fuzz.js';

/** The YAML 1.2 core schema's int and float patterns, as the spec writes them. */
const INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT =
  /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

const numberish = fc.stringMatching(/^[-+]?[0-9.]{0,4}[eExXoO]?[-+]?[0-9a-fA-F._:T]{0,6}$/);
const words = fc.constantFrom(
  '.inf',
  '-.Inf',
  '+.INF',
  '.nan',
  '.NaN',
  '.NAN',
  '.Nan',
  '0o17',
  '0o8',
  '0x1F',
  '0xfg',
  '0X1F',
  '1e3',
  '1E+3',
  '1e',
  '.5',
  '+.5',
  '5.',
  '-',
  '+',
  '.',
  '..',
  '1_000',
  '2018-01-14',
  '2018-01-14T10:00:00+01:00',
  '10:30',
  '12.10',
  '007',
  '-0',
  'Infinity',
  'NaN',
  '1e-7',
);

describe('core schema numbers', () => {
  it('recognises exactly the ints and floats of the YAML 1.2 core schema', () => {
    fc.assert(
      fc.property(fc.oneof(numberish, words, fc.string({ maxLength: 8 })), (s) => {
        expect(isCoreInt(s), s).toBe(INT.test(s));
        expect(isCoreFloat(s), s).toBe(FLOAT.test(s));
      }),
      fuzzed({ numRuns: 20_000, seed: 1212 }),
    );
  });

  it('keeps dates, instants and times as text', () => {
    for (const s of ['2018-01-14', '2018-01-14T10:00:00+01:00', '10:30', '2018-01-14T10:00Z'])
      expect(resolvePlainScalar(s)).toBe(s);
    expect(resolvePlainScalar('12.10')).toBe(12.1);
    expect(resolvePlainScalar('-.inf')).toBe(-Infinity);
    expect(resolvePlainScalar('0x1F')).toEqual(new NumberLiteral('0x1F', 'hexadecimal'));
  });
});

// Session 39: the reader resolves plain scalars in place (resolvePlainSlice), with a
// shortcut for decimals of up to 15 digits and texts no number can be: the same values.
describe('core schema: resolving a slice of the text', () => {
  const decimals = fc.stringMatching(/^-?[0-9]{0,17}(?:\.[0-9]{0,17})?$/);
  it('gives what resolvePlainScalar gives for the slice, numbers and texts alike', () => {
    fc.assert(
      fc.property(
        fc.oneof(decimals, numberish, words, fc.string({ maxLength: 10 })),
        fc.string({ maxLength: 3 }),
        fc.string({ maxLength: 3 }),
        (s, before, after) => {
          const got = resolvePlainSlice(
            before + s + after,
            before.length,
            before.length + s.length,
          );
          const want = resolvePlainScalar(s);
          if (typeof want === 'number') expect(Object.is(got, want), s).toBe(true);
          else expect(got, s).toEqual(want);
        },
      ),
      fuzzed({ numRuns: 30_000, seed: 3939 }),
    );
  });

  it('reads 15 digits as the number, 16 as resolvePlainScalar does', () => {
    expect(resolvePlainSlice('x: 123456789012.345', 3, 19)).toBe(123456789012.345);
    expect(resolvePlainSlice('-0.0', 0, 4)).toBe(-0);
    expect(resolvePlainSlice('0.1234567890123456', 0, 18)).toEqual(
      resolvePlainScalar('0.1234567890123456'),
    );
    expect(resolvePlainSlice('12345678901234567', 0, 17)).toEqual(
      new NumberLiteral('12345678901234567', 'inexact'),
    );
    expect(resolvePlainSlice('5.', 0, 2)).toEqual(new NumberLiteral('5.', 'point'));
    expect(resolvePlainSlice('-.5', 0, 3)).toEqual(new NumberLiteral('-.5', 'point'));
    expect(resolvePlainSlice('2018-01-14T10:00:00+01:00', 0, 25)).toBe('2018-01-14T10:00:00+01:00');
  });
});

// A helper's sweep (session 33): a plain scalar `1.000…0001` of 128,000 characters took
// 12 s to validate (its trailing zeros counted by a quadratic pattern).
describe('core schema numbers: long digit runs', () => {
  it('a 200,000-digit decimal resolves in linear time, as written', () => {
    const started = performance.now();
    const text = `1.${'0'.repeat(200_000)}1`;
    expect(resolvePlainScalar(text)).toBeInstanceOf(NumberLiteral);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
