/**
 * Offsets in a template's source for a path in its YAML, and for a place inside the text
 * of a scalar (a placeholder), whatever the scalar style: plain, quoted (with escapes),
 * multi-line, or block (`|`, `>`).
 */
import { isMap, isPair, isScalar, isSeq, Scalar } from 'yaml';
import type { Document } from 'yaml';
import type { PathSegment } from '../model/dossier.js';

/** Offset of the node at `path` (or of the key naming its last segment); the deepest existing node otherwise. */
export function offsetOf(
  doc: Document,
  path: readonly PathSegment[],
  anchor: 'key' | 'value',
): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (const [i, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === segment);
      if (!pair) break;
      if (anchor === 'key' && i === path.length - 1) return rangeStart(pair.key) ?? offset ?? 0;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
    } else break;
    offset = rangeStart(node) ?? offset;
  }
  return offset ?? 0;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range?.[0];
}

/** What YAML folding and indentation may add, drop or change: every other character of a value is written in the source. */
const BLANK = new Set([' ', '\t', '\n', '\r']);
/** Double-quoted escapes that stand for a blank. */
const BLANK_ESCAPES = new Set(['n', 'r', 't', '\t', ' ']);
const HEX_DIGITS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** Source offsets of the non-blank characters (UTF-16 units) of a double-quoted scalar's value. */
function doubleQuotedUnits(source: string, start: number, end: number): number[] {
  const out: number[] = [];
  for (let i = start + 1; i < end - 1; i++) {
    const ch = source[i] ?? '';
    if (ch !== '\\') {
      if (!BLANK.has(ch)) out.push(i);
      continue;
    }
    const next = source[i + 1] ?? '';
    const digits = HEX_DIGITS[next] ?? 0;
    if (next === '\n' || next === '\r') {
      // An escaped line break stands for nothing.
    } else if (digits > 0) {
      const decoded = String.fromCodePoint(parseInt(source.slice(i + 2, i + 2 + digits), 16) || 0);
      for (const unit of decoded.split('')) if (!BLANK.has(unit)) out.push(i);
    } else if (!BLANK_ESCAPES.has(next)) out.push(i);
    i += 1 + digits;
  }
  return out;
}

/** Source offsets of the non-blank characters of any other scalar's value (`''` is one quote). */
function writtenUnits(source: string, start: number, end: number, quoted: boolean): number[] {
  const out: number[] = [];
  for (let i = start; i < end; i++) {
    const ch = source[i] ?? '';
    if (BLANK.has(ch)) continue;
    out.push(i);
    if (quoted && ch === "'") i++;
  }
  return out;
}

/**
 * Offset in `source` of the character at `valueOffset` in the text of the string scalar
 * at `path` (a placeholder's `{{`). Escapes, line folding and indentation only add, drop
 * or change blanks, so the n-th non-blank character of the value is the n-th one written
 * in the source (an escape counting as one). Falls back to the scalar's own position.
 */
export function textOffset(
  doc: Document,
  source: string,
  path: readonly PathSegment[],
  valueOffset: number,
): number {
  const node = doc.getIn(path, true);
  const fallback = offsetOf(doc, path, 'value');
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return fallback;
  const map = unitMap(node as Scalar<string>, source);
  if (map === undefined || BLANK.has(node.value[valueOffset] ?? ' ')) return fallback;
  return map.units[map.before[valueOffset] ?? -1] ?? fallback;
}

/**
 * For a string scalar: the source offset of each non-blank character of its value
 * (`units`) and, for each index of the value, how many non-blank characters come before
 * it (`before`); undefined when the counts differ (a case this reading does not cover).
 * Kept per node: a text with thousands of characters to place (a template's missing
 * glyphs) is read once, not once per character.
 */
const unitMaps = new WeakMap<Scalar, { units: number[]; before: Int32Array } | null>();

function unitMap(
  node: Scalar<string>,
  source: string,
): { units: number[]; before: Int32Array } | undefined {
  const known = unitMaps.get(node);
  if (known !== undefined) return known ?? undefined;
  const value = node.value;
  const [start, end] = node.range!;
  let units: number[];
  if (node.type === Scalar.QUOTE_DOUBLE) units = doubleQuotedUnits(source, start, end);
  else if (node.type === Scalar.QUOTE_SINGLE)
    units = writtenUnits(source, start + 1, end - 1, true);
  else if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED)
    // The header line (`|-  # comment`) is not part of the text.
    units = writtenUnits(source, source.indexOf('\n', start) + 1 || end, end, false);
  else units = writtenUnits(source, start, end, false);
  const before = new Int32Array(value.length);
  let total = 0;
  for (let i = 0; i < value.length; i++) {
    before[i] = total;
    if (!BLANK.has(value[i] ?? '')) total++;
  }
  const map = total === units.length ? { units, before } : null;
  unitMaps.set(node, map);
  return map ?? undefined;
}
