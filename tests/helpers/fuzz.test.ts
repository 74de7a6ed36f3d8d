import { describe, expect, it } from 'vitest';
import { fuzzScale, fuzzed } from './fuzz.js';

describe('COURTFILE_FUZZ', () => {
  it('is read as a whole number of at least 1', () => {
    expect(fuzzScale(undefined)).toBe(1);
    expect(fuzzScale('')).toBe(1);
    expect(fuzzScale('abc')).toBe(1);
    expect(fuzzScale('0')).toBe(1);
    expect(fuzzScale('-5')).toBe(1);
    expect(fuzzScale('Infinity')).toBe(1);
    expect(fuzzScale('20')).toBe(20);
    expect(fuzzScale('2.9')).toBe(2);
  });

  it("keeps a test's settings unscaled, and scales runs from a seed of the run otherwise", () => {
    const own = { numRuns: 300, seed: 42, timeout: 5000 };
    expect(fuzzed(own, 1)).toBe(own);
    const deeper = fuzzed(own, 20);
    expect(deeper).toEqual({ numRuns: 6000, seed: expect.any(Number), timeout: 5000 });
    expect(fuzzed({ numRuns: 1, seed: 7 }, 3).seed).toBe(deeper.seed);
    expect(Number.isInteger(deeper.seed)).toBe(true);
  });
});
