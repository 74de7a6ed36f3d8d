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
});
