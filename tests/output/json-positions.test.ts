/**
 * The manifest's JSON reader (src/output/json-positions.ts) against the reference,
 * JSON.parse: same values, same verdict on any text, and every recorded position points
 * at what it says. Plus the limits it adds: nesting depth, duplicate keys.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonPositions } from '../../src/output/json-positions.js';
import { MAX_DEPTH, keyOffset, parseJsonWithPositions } from '../../src/output/json-positions.js';

/** Every recorded position of `value`, checked against the text. */
function checkPositions(
  text: string,
  value: unknown,
  positions: ReadonlyMap<object, JsonPositions>,
): void {
  if (value === null || typeof value !== 'object') return;
  const where = positions.get(value);
  expect(where).toBeDefined();
  if (Array.isArray(value)) {
    expect(where?.kind).toBe('array');
    if (where?.kind !== 'array') return;
    expect(text[where.start]).toBe('[');
    expect(where.items).toHaveLength(value.length);
    value.forEach((item, i) => {
      // The item's own text starts there (the text was written by JSON.stringify).
      expect(text[where.items[i]!]).toBe(JSON.stringify(item)[0]);
      checkPositions(text, item, positions);
    });
    return;
  }
  expect(where?.kind).toBe('object');
  if (where?.kind !== 'object') return;
  expect(text[where.start]).toBe('{');
  for (const [key, member] of Object.entries(value)) {
    const at = keyOffset(where, key);
    expect(at).toBeDefined();
    const quoted = JSON.stringify(key);
    // The key as written (escapes may differ): it parses back to the key.
    const end = text.indexOf(':', at! + quoted.length - 1);
    expect(JSON.parse(text.slice(at, end).trim())).toBe(key);
    checkPositions(text, member, positions);
  }
}

describe('parseJsonWithPositions', () => {
  it('gives the values JSON.parse gives, and true positions, on any JSON in any layout', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 6 }),
        fc.constantFrom(0, 1, 2, '\t'),
        (value, indent) => {
          const text = JSON.stringify(value, null, indent);
          const parsed = parseJsonWithPositions(text);
          expect(parsed.ok).toBe(true);
          if (!parsed.ok) return;
          expect(parsed.value).toEqual(JSON.parse(text));
          expect(parsed.duplicates).toEqual([]);
          checkPositions(text, parsed.value, parsed.positions);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses exactly what JSON.parse refuses, never throwing', () => {
    const jsonish = fc.stringMatching(/^[\s{}[\]",:0-9a-z.eE+\\-]{0,40}$/);
    fc.assert(
      fc.property(fc.oneof(jsonish, fc.string()), (text) => {
        let reference = true;
        try {
          JSON.parse(text);
        } catch {
          reference = false;
        }
        const parsed = parseJsonWithPositions(text);
        expect(parsed.ok, JSON.stringify(text)).toBe(reference);
        if (!parsed.ok) expect(parsed.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('places an error where the JSON goes wrong', () => {
    expect(parseJsonWithPositions('{"a": 1,\n "b" 2}')).toMatchObject({ ok: false, offset: 14 });
    expect(parseJsonWithPositions('[1, 2')).toMatchObject({ ok: false, offset: 5 });
    expect(parseJsonWithPositions('"abc')).toMatchObject({ ok: false, offset: 0 });
    expect(parseJsonWithPositions('["a\u0001"]')).toMatchObject({ ok: false, offset: 3 });
  });

  it(`stops at ${MAX_DEPTH} levels of nesting, without recursion past it`, () => {
    const deep = '['.repeat(MAX_DEPTH) + ']'.repeat(MAX_DEPTH);
    expect(parseJsonWithPositions(deep).ok).toBe(true);
    const deeper = '['.repeat(MAX_DEPTH + 1) + ']'.repeat(MAX_DEPTH + 1);
    expect(parseJsonWithPositions(deeper)).toMatchObject({ ok: false, offset: MAX_DEPTH });
    expect(parseJsonWithPositions('{"a":'.repeat(1_000_000)).ok).toBe(false);
  });

  it('reports a key written twice (the last one wins, as with JSON.parse); __proto__ is a plain key', () => {
    const parsed = parseJsonWithPositions('{"files": [], "x": 1, "files": [2]}');
    expect(parsed).toMatchObject({ ok: true, duplicates: [{ key: 'files', offset: 22 }] });
    if (parsed.ok) expect(parsed.value).toEqual({ files: [2], x: 1 });
    const proto = parseJsonWithPositions('{"__proto__": {"polluted": true}}');
    expect(proto.ok && Object.keys(proto.value as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
