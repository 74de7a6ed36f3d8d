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

/**
 * A few hashes for all keys (by their first code unit): long probe sequences that cross
 * one another and the end of the slots, without the hand-over (see truncate).
 */
class FewHashes extends StringTable {
  protected override hashOf(key: string): number {
    return Math.imul((key.charCodeAt(0) || 1) & 7, 0x2c1b_3c6d);
  }
}

type Step = readonly ['add' | 'get' | 'truncate', string];

/**
 * Adds, look-ups and truncations on `table` and on a Map, step by step: the same
 * answers. A truncation keeps a number of the strings that the key's length gives.
 */
function sameAsMap(table: StringTable, steps: readonly Step[]): void {
  const model = new Map<string, number>();
  const order: string[] = [];
  for (const [op, key] of steps) {
    const had = model.get(key);
    if (op === 'get') {
      expect(table.get(key)).toBe(had ?? -1);
      continue;
    }
    if (op === 'truncate') {
      const count = key.length % (order.length + 1);
      table.truncate(count);
      for (const gone of order.splice(count)) model.delete(gone);
      expect(table.size).toBe(model.size);
      for (const [k, n] of model) expect(table.get(k)).toBe(n);
      continue;
    }
    if (had === undefined) order.push(key);
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
const steps = fc.array(
  fc.tuple(fc.constantFrom('add' as const, 'add' as const, 'get' as const), key),
  { maxLength: 400 },
);
// With truncations now and then (a file's records dropped: RecordTable.rollback).
const withTruncations = fc.array(
  fc.tuple(
    fc.constantFrom('add' as const, 'add' as const, 'get' as const, 'truncate' as const),
    key,
  ),
  { maxLength: 400 },
);

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

  it('forgets the last strings added as a Map would (truncate), also in long probe sequences', () => {
    // FewHashes kept from handing over: probe sequences long, crossing the slots' end.
    const clustered = () => Object.assign(new FewHashes(), { handOver: () => undefined });
    for (const make of [
      () => new StringTable(),
      () => new FewHashes(),
      clustered,
      () => new Colliding(),
    ])
      fc.assert(
        fc.property(withTruncations, (s) => sameAsMap(make(), s)),
        fuzzed({ numRuns: 200, seed: 20261209 }),
      );
    // Ten thousand strings in 8 probe sequences, the last half forgotten: the first half
    // is still found, each where it was, and the others are not.
    const t = new FewHashes();
    for (let i = 0; i < 10_000; i++) t.add(`${String.fromCharCode(48 + (i % 8))}-${i}`);
    t.truncate(5_000);
    for (let i = 0; i < 10_000; i++)
      expect(t.get(`${String.fromCharCode(48 + (i % 8))}-${i}`)).toBe(i < 5_000 ? i : -1);
    expect(t.add('9-new')).toBe(-1);
    expect(t.get('9-new')).toBe(5_000);
  });

  it('frees the slots of the strings it forgets: adding and undoing again never fills it', () => {
    const plain = new StringTable();
    for (const t of [plain, new FewHashes()]) {
      for (let i = 0; i < 10; i++) t.add(`kept-${i}`);
      for (let round = 0; round < 200; round++) {
        for (let i = 0; i < 20; i++) expect(t.add(`round-${round}-${i}`)).toBe(-1);
        t.truncate(10);
        // (FewHashes' probes grow long: it hands over to a Map, forgetting from there.)
        if (!t.handedOver) expect(t.slotsInUse).toBe(10);
      }
      for (let i = 0; i < 10; i++) expect(t.get(`kept-${i}`)).toBe(i);
      expect(t.get('round-0-0')).toBe(-1);
      expect(t.size).toBe(10);
    }
    expect(plain.handedOver).toBe(false);
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
