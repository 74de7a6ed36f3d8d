import { monotonicMs } from '../interrupt.js';
import type { CliIO, OutputStream } from './io.js';

/**
 * A single status line for long operations, redrawn in place with `\r` on a terminal:
 * shown only once the operation has lasted `delayMs` (short runs stay quiet), redrawn at
 * most every `intervalMs`, erased by `clear()`. The text is whatever the command says.
 *
 * Commands get one from `progressFor(io)`, which is silent unless stderr is a terminal:
 * stdout (text, JSON or GitHub annotations) is never touched, and a redirected stderr
 * (CI logs, `2> file`) gets no carriage returns.
 */

export interface ProgressOptions {
  /** Nothing is shown before this much time has passed since creation (default 1000). */
  readonly delayMs?: number;
  /** Minimum time between two redraws (default 200). */
  readonly intervalMs?: number;
  /** Clock in milliseconds (default: a monotonic clock); tests pass a fake one. */
  readonly now?: () => number;
  /**
   * Run `fn` in `ms` milliseconds; returns a function that cancels it. Default: an
   * unreferenced setTimeout (a pending redraw never keeps the process alive).
   */
  readonly setTimer?: (fn: () => void, ms: number) => () => void;
}

/** The text of the line, or a function of the milliseconds since creation, called only when drawn. */
export type ProgressText = string | ((elapsedMs: number) => string);

export interface Progress {
  /**
   * Say where the operation is. Drawn at once if due, otherwise when the delay or the
   * interval has passed (by a timer, if the event loop is free by then, or by a later
   * update): the line always ends up showing the latest text.
   */
  update(text: ProgressText): void;
  /**
   * Erase the line if it is drawn and forget the pending text. Call it at the end,
   * whatever happened, and before writing anything else to the same terminal; a later
   * update() shows the line again.
   */
  clear(): void;
}

/** A terminal stream: Node's tty.WriteStream has `columns`. */
export type ProgressStream = OutputStream & { readonly columns?: number };

/** Does nothing: for non-terminals. */
export const silentProgress: Progress = Object.freeze({
  update: () => undefined,
  clear: () => undefined,
});

/** A progress line on `io.stderr` if it is a terminal (and TERM is not `dumb`), else silent. */
export function progressFor(io: CliIO, options: ProgressOptions = {}): Progress {
  if (io.stderr.isTTY !== true || io.env.TERM === 'dumb') return silentProgress;
  return createProgress(io.stderr, options);
}

const defaultTimer = (fn: () => void, ms: number): (() => void) => {
  const timer = setTimeout(fn, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

/**
 * A progress line on `stream`, which the caller has decided is a terminal (see
 * progressFor). Writes `\r TEXT ESC[K`: the erase-to-end-of-line removes what a longer
 * previous text left.
 */
export function createProgress(stream: ProgressStream, options: ProgressOptions = {}): Progress {
  const now = options.now ?? monotonicMs;
  const setTimer = options.setTimer ?? defaultTimer;
  const delayMs = options.delayMs ?? 1000;
  const intervalMs = options.intervalMs ?? 200;
  const started = now();
  let lastDraw = -Infinity;
  let drawn: string | undefined;
  let pending: ProgressText | undefined;
  let cancelTimer: (() => void) | undefined;

  const draw = (t: number): void => {
    if (pending === undefined) return;
    const text = fitLine(
      typeof pending === 'function' ? pending(t - started) : pending,
      stream.columns,
    );
    pending = undefined;
    lastDraw = t;
    if (text === drawn) return;
    drawn = text;
    stream.write(`\r${text}\x1b[K`);
  };
  const flush = (): void => {
    cancelTimer = undefined;
    draw(now());
  };
  return {
    update(text) {
      pending = text;
      const t = now();
      const due = Math.max(started + delayMs, lastDraw + intervalMs);
      if (t >= due) {
        cancelTimer?.();
        cancelTimer = undefined;
        draw(t);
      } else {
        cancelTimer ??= setTimer(flush, due - t);
      }
    },
    clear() {
      cancelTimer?.();
      cancelTimer = undefined;
      pending = undefined;
      if (drawn !== undefined) stream.write('\r\x1b[K');
      drawn = undefined;
    },
  };
}

/**
 * One line that fits the terminal: control characters (a file name may hold a newline or
 * an escape sequence) become `?`, and a text wider than `columns - 1` keeps its start and
 * its end around `…` (a line that wraps could not be redrawn in place). Counts code
 * points, not display cells.
 */
export function fitLine(text: string, columns: number | undefined): string {
  // eslint-disable-next-line no-control-regex
  const chars = Array.from(text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?'));
  const max = columns !== undefined && columns > 1 ? columns - 1 : Infinity;
  if (chars.length <= max) return chars.join('');
  if (max < 2) return chars.slice(0, max).join('');
  const head = Math.ceil((max - 1) / 2);
  const tail = max - 1 - head;
  return `${chars.slice(0, head).join('')}…${tail > 0 ? chars.slice(-tail).join('') : ''}`;
}
