/**
 * Index of the first item of `items` for which `before(item)` is false, `items` being
 * ordered so that `before` is true on a prefix and false after it (binary search).
 */
export function partitionPoint<T>(items: readonly T[], before: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (before(items[mid] as T)) low = mid + 1;
    else high = mid;
  }
  return low;
}
