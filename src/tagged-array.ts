/**
 * An empty array made to hold any value: its elements already of the kind that strings and
 * objects give (V8's PACKED_ELEMENTS), as an array of them becomes at its first one.
 *
 * For an array made anew for each file read (a reader's scratch arrays, a file's ids) and
 * used by code V8 has optimised. `[]` starts as an array of small integers and changes
 * kind at its first string or object; code optimised while reading one file expects the
 * kind the array had changed to, so the next file's new array, of the first kind, made
 * V8 throw that code away at its first item and compile it again: at 100k records, the
 * plain-block reader's `mapping` and the record check `item` each once or twice per
 * validate (`--trace-deopt`: "wrong map" at the file's first record).
 */
export function taggedArray<T>(): T[] {
  const items: unknown[] = [''];
  items.length = 0;
  return items as T[];
}
