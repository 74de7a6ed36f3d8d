/**
 * Run `task(i, slot)` for i in 0..count-1 with at most `concurrency` tasks at a time.
 * `slot` (0..concurrency-1) names the worker, so that it can own reusable buffers.
 * Results keep index order whatever the completion order. After a failure no new task
 * starts; the first error is rethrown once the running ones have settled.
 */
export async function runPool<T>(
  count: number,
  concurrency: number,
  task: (index: number, slot: number) => Promise<T>,
): Promise<T[]> {
  const results = new Array<T>(count);
  let nextIndex = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (slot: number): Promise<void> => {
    while (failure === undefined && nextIndex < count) {
      const index = nextIndex++;
      try {
        results[index] = await task(index, slot);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const workers = Math.max(1, Math.min(concurrency, count));
  await Promise.all(Array.from({ length: workers }, (_, slot) => worker(slot)));
  if (failure !== undefined) throw failure.error;
  return results;
}
