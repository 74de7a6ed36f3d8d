/**
 * fast-check settings of a property test. By default its own: a fixed seed, so that a
 * run of the suite (CI) is repeatable. Under `COURTFILE_FUZZ=N` (a deeper search, by
 * hand or on a schedule): N times its runs, from a seed of this run, which fast-check
 * prints with any counterexample (`{ seed: S, path: "..." }`) to replay it.
 */
export const FUZZ = fuzzScale(process.env.COURTFILE_FUZZ);

/** The scale `COURTFILE_FUZZ` asks for: a whole number of at least 1 (1 when unset or not a number). */
export function fuzzScale(value: string | undefined): number {
  const n = Math.floor(Number(value ?? 1));
  return Number.isFinite(n) && n > 1 ? n : 1;
}

/** A seed for this run of the suite, the same for every property test in it. */
const RUN_SEED = Date.now() % 2_147_483_647;

export function fuzzed<T extends { readonly numRuns: number; readonly seed: number }>(
  settings: T,
  scale = FUZZ,
): T {
  return scale === 1
    ? settings
    : { ...settings, numRuns: settings.numRuns * scale, seed: RUN_SEED };
}
