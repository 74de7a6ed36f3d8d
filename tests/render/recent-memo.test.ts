/**
 * RecentMemo (src/render/text/recent-memo.ts): the measurer's and the text writer's memo.
 * Bounded at two generations, texts in use kept across generations, one-off texts let go.
 */
import { describe, expect, test } from 'vitest';
import { RecentMemo } from '../../src/render/text/recent-memo.js';

describe('RecentMemo', () => {
  test('gives back what was set, and nothing for a text never set', () => {
    const m = new RecentMemo<number>(4);
    m.set('a', 1);
    m.set('b', 0);
    expect(m.get('a')).toBe(1);
    expect(m.get('b')).toBe(0);
    expect(m.get('c')).toBeUndefined();
  });

  test('never holds more than two generations', () => {
    const m = new RecentMemo<number>(100);
    for (let i = 0; i < 10_000; i++) {
      m.set(`t${i}`, i);
      expect(m.size).toBeLessThanOrEqual(200);
    }
    // The last 100 to 200 texts are still there, the first ones are gone.
    expect(m.get('t9999')).toBe(9999);
    expect(m.get('t9800')).toBe(9800);
    expect(m.get('t0')).toBeUndefined();
    expect(m.get('t9699')).toBeUndefined();
  });

  test('a text used again in every generation stays; one-off texts leave', () => {
    const m = new RecentMemo<string>(50);
    m.set('EUR', 'kept');
    for (let i = 0; i < 5_000; i++) {
      m.set(`id-${i}`, 'once');
      if (i % 40 === 0) expect(m.get('EUR')).toBe('kept');
    }
    expect(m.get('EUR')).toBe('kept');
    expect(m.get('id-0')).toBeUndefined();
    expect(m.get('id-4999')).toBe('once');
  });

  test('null is a value (the measurer keeps null for "one run")', () => {
    const m = new RecentMemo<string | null>(2);
    m.set('x', null);
    expect(m.get('x')).toBeNull();
  });

  test('clear empties both generations', () => {
    const m = new RecentMemo<number>(2);
    for (let i = 0; i < 3; i++) m.set(`k${i}`, i);
    expect(m.size).toBe(3);
    m.clear();
    expect(m.size).toBe(0);
    expect(m.get('k2')).toBeUndefined();
  });

  test('refuses a capacity below one', () => {
    expect(() => new RecentMemo(0)).toThrow(RangeError);
    expect(() => new RecentMemo(Number.NaN)).toThrow(RangeError);
  });
});
