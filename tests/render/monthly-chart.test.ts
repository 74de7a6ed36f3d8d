/** Tick labels of the monthly chart: the decimals the step needs, never rounded to a wrong integer. */
import { describe, expect, it } from 'vitest';
import { niceStep } from '../../src/render/blocks/bar-chart.js';
import { tickText } from '../../src/render/sections/monthly-chart.js';

describe('tickText', () => {
  it('writes each tick with the precision of its step, in the language', () => {
    const step = niceStep(2.4); // 0.5
    expect(step).toBe(0.5);
    expect([0, 1, 2, 3].map((i) => tickText(i * step, step, 'fr'))).toEqual([
      '0,0',
      '0,5',
      '1,0',
      '1,5',
    ]);
    expect(tickText(3 * 0.1, 0.1, 'en')).toBe('0.3'); // 0.30000000000000004 as a float
    expect(tickText(2 * 200, 200, 'fr')).toBe('400');
    expect(tickText(5 * 2000, 2000, 'fr')).toBe('10\u202f000');
    expect(tickText(5 * 2000, 2000, 'en')).toBe('10,000');
  });

  it('writes ticks of 1e21 and above in full (toFixed gives an exponent there)', () => {
    expect(tickText(5e21, 1e21, 'en')).toBe('5,000,000,000,000,000,000,000');
    expect(tickText(1e21, 1e21, 'en')).toBe('1,000,000,000,000,000,000,000');
    expect(tickText(9e20, 1e20, 'en')).toBe('900,000,000,000,000,000,000');
  });

  // A review (session 27): the ticks of a chart of 1.2 × 10^23 read
  // `149 999 999 999 999 987 417 088` (the float's exact value), once drawn whole.
  it('writes ticks past 10^22 exactly: k steps of one digit times a power of ten', () => {
    const step = niceStep(Number('123456789012345678901234.56')); // 5 × 10^22
    expect([1, 2, 3].map((i) => tickText(i * step, step, 'en'))).toEqual([
      '50,000,000,000,000,000,000,000',
      '100,000,000,000,000,000,000,000',
      '150,000,000,000,000,000,000,000',
    ]);
    expect(tickText(3 * 1e35, 1e35, 'fr')).toBe(
      ['300', ...Array.from({ length: 11 }, () => '000')].join('\u202f'),
    );
    // Steps below 1 keep their decimals (a step of 0.02: two).
    expect(tickText(3 * 0.02, 0.02, 'en')).toBe('0.06');
  });
});
