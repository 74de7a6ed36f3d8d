import { InterruptedError, exitStatusFor, stoppedBy, type StopSignal } from '../errors.js';
import { hasTemps, removeTempsSync } from '../output/temp-registry.js';

/**
 * SIGINT (Ctrl-C), SIGTERM and SIGHUP (the terminal closed: a window, an ssh connection)
 * for the courtfile process. The handler runs as soon as the
 * event loop is free: at once while waiting for I/O, within about 50 ms during long work
 * (which yields at checkpoints: between rows, pages, files; see src/interrupt.ts).
 * - When no output is being written (no temporary file or folder registered), there is
 *   nothing to clean up: the process exits at once, 130 (SIGINT), 143 (SIGTERM) or 129
 *   (SIGHUP; by default Node died at once, leaving the temporary files of an output).
 * - Otherwise the signal aborts `stopSignal`: the command notices it at its next
 *   checkpoint, removes its temporaries as any failure does (in order: never while it
 *   may still be creating one) and main() returns 130 or 143. Should it not have ended
 *   within `graceMs`, or on a second signal, the registered temporaries are removed here
 *   and the process exits.
 * - Once the command has ended (`finish(status)`: its outputs in place), a signal is too
 *   late to stop anything: the process ends at once with the command's own status, unless
 *   some of its output still waits to be written to stdout or stderr (then it ends as
 *   interrupted, 130 or 143: that output was not delivered whole). "Exit 130 or 143"
 *   thus always means that the run did not deliver all it made.
 */

export interface SignalHandling {
  /** Aborted (with an InterruptedError naming the signal) by the first SIGINT or SIGTERM. */
  readonly stopSignal: AbortSignal;
  /**
   * The command has ended with `status`, its outputs in place: from now on a signal ends
   * the process with `status`, unless `pending()` says output is still queued (then as
   * interrupted). The listeners stay installed, so that Node never applies the signal's
   * default action, which would kill the process.
   */
  finish(status: number, pending?: () => boolean): void;
  /** Stop listening (tests; a library user that installed them). */
  uninstall(): void;
  /**
   * End the process with `status` after the command was stopped by a signal: by
   * process.exit(), but after SIGHUP by that signal itself (see endAsHungUp).
   */
  end(status: number): void;
}

export interface SignalOptions {
  /** Where the message goes when the process is ended here. */
  readonly stderr: { write(s: string): boolean; readonly isTTY?: boolean };
  /** Time left to the command to stop cleanly after the first signal (default 2000 ms). */
  readonly graceMs?: number;
  /** How to end the process (default process.exit); tests pass a fake. */
  readonly exit?: (status: number) => void;
  /** How to end the process by SIGHUP (default endAsHungUp); tests pass a fake. */
  readonly hangUp?: (status: number) => void;
}

/**
 * Ends the process by SIGHUP itself, its listeners removed: its terminal is gone, and Node
 * 20's process.exit() then fails to restore the terminal's settings (a native assertion:
 * the process died of SIGABRT or SIGSEGV with a native stack trace on a redirected stderr;
 * a review). A shell sees 129 all the same. Should a listener of another module (a
 * preload) keep the signal from ending the process, it exits with `status` a moment later.
 */
export function endAsHungUp(status: number): void {
  process.removeAllListeners('SIGHUP');
  process.kill(process.pid, 'SIGHUP');
  setTimeout(() => process.exit(status), 1000);
}

const SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export function installSignalHandlers(options: SignalOptions): SignalHandling {
  const controller = new AbortController();
  const exit = options.exit ?? ((status: number) => process.exit(status));
  const hangUp = options.hangUp ?? endAsHungUp;
  /** Ends the process after `signal`: by process.exit(), but after SIGHUP by that signal. */
  const endAfter = (signal: StopSignal | undefined, status: number): void =>
    (signal === 'SIGHUP' ? hangUp : exit)(status);
  const graceMs = options.graceMs ?? 2000;
  let first: StopSignal | undefined;
  let grace: NodeJS.Timeout | undefined;
  let finished: { status: number; pending: () => boolean } | undefined;
  const forceExit = (signal: StopSignal): void => {
    removeTempsSync();
    // On a terminal, after the echoed ^C or a progress line.
    const newline = options.stderr.isTTY === true ? '\n' : '';
    options.stderr.write(`${newline}courtfile: ${stoppedBy(signal)}\n`);
    endAfter(signal, exitStatusFor(signal));
  };
  const listeners = SIGNALS.map((signal) => {
    const listener = (): void => {
      if (finished && !finished.pending()) {
        exit(finished.status);
        return;
      }
      if (first !== undefined) {
        forceExit(first);
        return;
      }
      first = signal;
      controller.abort(new InterruptedError(stoppedBy(signal), signal));
      if (!hasTemps()) {
        forceExit(signal);
        return;
      }
      // Unreferenced: a command that ends in time lets the process exit without waiting.
      grace = setTimeout(() => forceExit(signal), graceMs).unref();
    };
    process.on(signal, listener);
    return [signal, listener] as const;
  });
  return {
    stopSignal: controller.signal,
    finish(status, pending = () => false) {
      finished = { status, pending };
      clearTimeout(grace);
    },
    uninstall() {
      for (const [signal, listener] of listeners) process.off(signal, listener);
      clearTimeout(grace);
    },
    end(status) {
      endAfter(first, status);
    },
  };
}
