import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StringTable } from '../../src/string-table.js';
import { fuzzed } from '../helpers/fuzz.js';

/** Every key hashed alike: what ids written to collide would do to the table. */
class Colliding extends StringTable {
  protected override hashOf(): number {
    return 0x1234_5678;
  }
}

/** Adds and looks-ups on `table` and on a Map, step by step: the same answers. */
function sameAsMap(table: StringTable, steps: readonly ['add' | 'get', string][]): void {
  const model = new Map<string, number>();
  for (const [op, key] of steps) {
    const had = model.get(key);
    if (op === 'get') {
      expect(table.get(key)).toBe(had ?? -1);
      continue;
    }
    expect(table.add(key)).toBe(had ?? -1);
    if (had === undefined) model.set(key, model.size);
    expect(table.size).toBe(model.size);
    expect(table.get(key)).toBe(model.get(key));
  }
}

// Keys from a small alphabet repeat often; also empty, long and lone-surrogate keys.
const key = fc.oneof(
  fc.string({
    unit: fc.constantFrom('a', 'b', 'T', '-', '0', '1', 'é', '\u{1F600}'),
    maxLength: 6,
  }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', '\uD800', '\uDC00', 'x'.repeat(300)),
);
const steps = fc.array(fc.tuple(fc.constantFrom('add' as const, 'get' as const), key), {
  maxLength: 400,
});

describe('StringTable', () => {
  it('numbers distinct strings in the order they are added, as a Map would', () => {
    const t = new StringTable();
    expect(t.add('T-000001')).toBe(-1);
    expect(t.add('T-000002')).toBe(-1);
    expect(t.add('T-000001')).toBe(0);
    expect(t.get('T-000002')).toBe(1);
    expect(t.get('T-000003')).toBe(-1);
    expect(t.size).toBe(2);
    // Equal texts, different strings (a slice of a file's text, a copy): one entry.
    const text = 'id: X-000042\n';
    expect(t.add(text.slice(4, 12))).toBe(-1);
    expect(t.add(`X-${'000042'}`)).toBe(2);
  });

  it('answers as a Map for any sequence of adds and look-ups', () => {
    fc.assert(
      fc.property(steps, (s) => sameAsMap(new StringTable(), s)),
      fuzzed({ numRuns: 300, seed: 20261207 }),
    );
  });

  it('keeps its answers through many growths', () => {
    const t = new StringTable();
    for (let i = 0; i < 100_000; i++) expect(t.add(`T-${i}`)).toBe(-1);
    for (let i = 0; i < 100_000; i += 997) expect(t.add(`T-${i}`)).toBe(i);
    expect(t.get('T-100000')).toBe(-1);
    expect(t.handedOver).toBe(false);
  });

  it('hands its strings over to a Map when keys collide, with the same answers', () => {
    fc.assert(
      fc.property(steps, (s) => sameAsMap(new Colliding(), s)),
      fuzzed({ numRuns: 100, seed: 20261208 }),
    );
    // 50,000 colliding ids: the probes would be quadratic (over a billion steps); they
    // stop once the table has handed its strings over, and the numbers stay the same.
    const t = new Colliding();
    const started = Date.now();
    for (let i = 0; i < 50_000; i++) expect(t.add(`X-${i}`)).toBe(-1);
    expect(t.handedOver).toBe(true);
    expect(t.add('X-0')).toBe(0);
    expect(t.get('X-49999')).toBe(49_999);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
