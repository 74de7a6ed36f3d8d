/**
 * Append every item of `items` to `target`, one push at a time. `target.push(...items)`
 * passes each item as a call argument and overflows the call stack ("Maximum call stack
 * size exceeded") past about 120,000 items: never spread a list of unbounded length.
 */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
