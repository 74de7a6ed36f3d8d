/**
 * How many exhibit files `verify` works on at once, and from which size a file is hashed
 * on a worker thread. Apart from verify-exhibits.ts so that the command line can state
 * them in its help without loading the verifier.
 */

/** Files checked and hashed at the same time (see docs/verify.md for the measurements). */
export const DEFAULT_CONCURRENCY = 4;
export const MAX_CONCURRENCY = 64;
/**
 * Files at least this large are hashed on a worker thread; below, the round trip to a
 * thread costs more than hashing on the main thread (about 1 ms per MiB with SHA
 * instructions).
 */
export const THREAD_MIN_BYTES = 1024 * 1024;
