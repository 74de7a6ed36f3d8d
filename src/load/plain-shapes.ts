/**
 * How the plain-block reader (parse-plain-blocks.ts) names keys and builds mappings
 * without garbage: a dossier's records are hundreds of thousands of mappings with the
 * same few keys in the same few orders.
 *
 * - Keys are recognised in the text itself (by a hash of their characters, then
 *   compared in place): no string is cut out of the text for a key already met, and
 *   every mapping gets the same key strings.
 * - Each sequence of keys is a `Shape` (a node of a tree of key sequences), which knows
 *   whether its last key repeats an earlier one: no lookup in the object being built.
 *   The mapping is built once its values are read, key by key in the order written.
 *   (Building it with an object literal compiled per key sequence, `new Function`, was
 *   tried: no faster in time, and 5% more instructions for the whole of `validate`.)
 */

/** Hash of the character codes of a key, as the reader computes it while scanning. */
export const hashStep = (hash: number, code: number): number => (Math.imul(hash, 31) + code) | 0;

// Identifier keys, as the format's keys all are; not the words the core schema reads as
// null or booleans (js-yaml would turn `True:` into the key "true").
const KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NOT_KEYS: ReadonlySet<string> = new Set([
  'null',
  'Null',
  'NULL',
  'true',
  'True',
  'TRUE',
  'false',
  'False',
  'FALSE',
]);

/** Keys remembered (then new ones are still read, only cut out of the text each time). */
const MAX_KEYS = 4096;
const SLOTS = 2 * MAX_KEYS; // open addressing, at most half full
const slotKeys: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);
const slotHashes = new Int32Array(SLOTS);
let keyCount = 0;

/**
 * The key written at `text[at, end)` (whose hash is `hash`), or undefined when the
 * reader does not accept it: not an identifier, a null or boolean word, or a name
 * Object.prototype has (`constructor`, `__proto__`...: left to js-yaml).
 */
export function keyAt(text: string, at: number, end: number, hash: number): string | undefined {
  const length = end - at;
  let slot = hash & (SLOTS - 1);
  for (;;) {
    const known = slotKeys[slot];
    if (known === undefined) break;
    if (slotHashes[slot] === hash && known.length === length && text.startsWith(known, at))
      return known;
    slot = (slot + 1) & (SLOTS - 1);
  }
  const key = text.slice(at, end);
  if (!KEY_PATTERN.test(key) || NOT_KEYS.has(key) || key in Object.prototype) return undefined;
  if (keyCount < MAX_KEYS) {
    keyCount++;
    slotKeys[slot] = key;
    slotHashes[slot] = hash;
  }
  return key;
}

/** Shapes remembered; past this, new key sequences are not kept (still checked). */
const MAX_SHAPES = 20_000;
/** Longest key sequence a shape holds (a longer mapping is read with `buildLong`). */
const MAX_SHAPE_KEYS = 64;
let shapeCount = 0;

/** A sequence of distinct keys: the keys of a mapping read so far. */
export class Shape {
  private readonly next = new Map<string, Shape>();
  private lastKey: string | undefined;
  private lastNext: Shape | undefined;

  private constructor(readonly keys: readonly string[]) {}

  static readonly EMPTY = new Shape([]);
  /** What `with` gives past MAX_SHAPE_KEYS keys: the caller then checks and builds the mapping itself. */
  static readonly TOO_LONG = new Shape([]);

  /**
   * This sequence followed by `key`, or undefined when `key` is already in it (a
   * duplicate key), or TOO_LONG.
   */
  with(key: string): Shape | undefined {
    if (key === this.lastKey) return this.lastNext;
    let next = this.next.get(key);
    if (next === undefined) {
      if (this.keys.includes(key)) return undefined;
      if (this.keys.length >= MAX_SHAPE_KEYS) return Shape.TOO_LONG;
      next = new Shape([...this.keys, key]);
      if (shapeCount < MAX_SHAPES) {
        shapeCount++;
        this.next.set(key, next);
      }
    }
    this.lastKey = key;
    this.lastNext = next;
    return next;
  }

  /** The mapping of these keys to `values[base]`, `values[base + 1]`... */
  build(values: readonly unknown[], base: number): Record<string, unknown> {
    return buildLong(this.keys, 0, values, base, this.keys.length);
  }
}

/** The mapping of `keys[keyBase + i]` to `values[base + i]` for i < count, built key by key. */
export function buildLong(
  keys: readonly string[],
  keyBase: number,
  values: readonly unknown[],
  base: number,
  count: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) out[keys[keyBase + i]!] = values[base + i];
  return out;
}
