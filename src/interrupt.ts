/**
 * Cooperative interruption. Long work (laying out and drawing thousands of rows, hashing
 * files, writing a packet) runs on the one JavaScript thread, where a signal handler can
 * only run once the work lets the event loop turn. `Checkpoint` does both: every
 * `sliceMs` of work it yields to the event loop (so SIGINT/SIGTERM handlers run and can
 * abort the signal), then throws InterruptedError if the signal was aborted.
 */
import { InterruptedError } from './errors.js';

/** Throw the abort reason (an InterruptedError) if `signal` is aborted. */
export function throwIfInterrupted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw interruption(signal);
}

/** The InterruptedError that `signal` was aborted with (or a SIGINT one). */
export function interruption(signal: AbortSignal): InterruptedError {
  const reason: unknown = signal.reason;
  return reason instanceof InterruptedError ? reason : new InterruptedError();
}

/** Let the event loop run pending I/O and signal callbacks, then carry on. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Milliseconds on a monotonic clock (for durations only). Not `performance.now()`: the
 * `performance` global loads perf_hooks when first read, ~1-3 ms of a command's start.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Default time between two yields: short enough to feel instant, long enough to cost nothing. */
export const DEFAULT_SLICE_MS = 50;

/** How many `tick()` calls between two looks at the clock. */
const TICKS_PER_CLOCK_READ = 32;

export class Checkpoint {
  private sliceStart = monotonicMs();
  private ticks = 0;

  constructor(
    readonly signal: AbortSignal | undefined,
    private readonly sliceMs = DEFAULT_SLICE_MS,
  ) {}

  /** A checkpoint that never yields nor throws (no signal to watch). */
  static readonly none = new Checkpoint(undefined);

  /**
   * Call between units of work (a row, a page). Returns undefined (go on at once) most of
   * the time; when the time slice is used up, a promise that yields to the event loop and
   * rejects with InterruptedError if the signal was aborted meanwhile. Throws at once if
   * it already was.
   */
  tick(): Promise<void> | undefined {
    if (this.signal === undefined) return undefined;
    throwIfInterrupted(this.signal);
    if (++this.ticks < TICKS_PER_CLOCK_READ) return undefined;
    return this.tickLarge();
  }

  /** As tick(), after a large unit of work (a whole block): always looks at the clock. */
  tickLarge(): Promise<void> | undefined {
    if (this.signal === undefined) return undefined;
    throwIfInterrupted(this.signal);
    this.ticks = 0;
    if (monotonicMs() - this.sliceStart < this.sliceMs) return undefined;
    return this.pause();
  }

  /** Yield now, then throw if interrupted. */
  async pause(): Promise<void> {
    if (this.signal === undefined) return;
    await yieldToEventLoop();
    this.sliceStart = monotonicMs();
    throwIfInterrupted(this.signal);
  }
}
