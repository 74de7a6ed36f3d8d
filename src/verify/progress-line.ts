import type { OutputStream } from '../cli/io.js';

export interface ProgressLineOptions {
  /** Nothing is shown before this much time has passed (short runs stay quiet). */
  readonly delayMs?: number;
  /** Minimum time between two redraws. */
  readonly intervalMs?: number;
  /** Clock in milliseconds; tests pass a fake one. */
  readonly now?: () => number;
}

export interface ProgressLine {
  update(doneBytes: number, totalBytes: number): void;
  /** Erase the line if it was drawn. Call once at the end, whatever happened. */
  clear(): void;
}

const MIB = 1024 * 1024;

/**
 * A single `\r`-redrawn status line on a terminal (stderr): bytes hashed, percentage, rate.
 * The caller decides whether the stream is a terminal.
 */
export function createProgressLine(
  stream: OutputStream,
  options: ProgressLineOptions = {},
): ProgressLine {
  const now = options.now ?? (() => performance.now());
  const delayMs = options.delayMs ?? 1000;
  const intervalMs = options.intervalMs ?? 200;
  const started = now();
  let lastDraw = -Infinity;
  let drawn = false;
  return {
    update(doneBytes, totalBytes) {
      const t = now();
      if (t - started < delayMs || t - lastDraw < intervalMs) return;
      lastDraw = t;
      drawn = true;
      const percent =
        totalBytes > 0 ? Math.min(100, Math.floor((doneBytes / totalBytes) * 100)) : 100;
      const rate = doneBytes / MIB / ((t - started) / 1000);
      stream.write(
        `\rverifying exhibit files: ${(doneBytes / MIB).toFixed(0)}/${(totalBytes / MIB).toFixed(0)} MiB` +
          ` (${percent}%), ${rate.toFixed(0)} MiB/s\x1b[K`,
      );
    },
    clear() {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}
