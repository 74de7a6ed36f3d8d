import { InterruptedError, exitStatusFor, type StopSignal } from '../errors.js';
import { removeTempsSync } from '../output/temp-registry.js';

/**
 * SIGINT (Ctrl-C) and SIGTERM for the courtfile process. The first signal aborts
 * `stopSignal`: the running command notices it at its next checkpoint (between rows,
 * pages, files; see src/interrupt.ts), removes its temporary files and folders as any
 * failure does, and main() returns 130 (SIGINT) or 143 (SIGTERM). Should the command not
 * have finished within `graceMs` (it waits on something that has no checkpoint), or on a
 * second signal, the registered temporaries are removed here and the process exits.
 */

export interface SignalHandling {
  /** Aborted (with an InterruptedError naming the signal) by the first SIGINT or SIGTERM. */
  readonly stopSignal: AbortSignal;
  /** Stop listening (tests; a library user that installed them). */
  uninstall(): void;
}

export interface SignalOptions {
  /** Where the last-resort message goes. */
  readonly stderr: { write(s: string): boolean };
  /** Time left to the command to stop cleanly after the first signal (default 2000 ms). */
  readonly graceMs?: number;
  /** How to end the process (default process.exit); tests pass a fake. */
  readonly exit?: (status: number) => void;
}

const SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM'];

export function installSignalHandlers(options: SignalOptions): SignalHandling {
  const controller = new AbortController();
  const exit = options.exit ?? ((status: number) => process.exit(status));
  const graceMs = options.graceMs ?? 2000;
  let first: StopSignal | undefined;
  let grace: NodeJS.Timeout | undefined;
  const forceExit = (signal: StopSignal): void => {
    removeTempsSync();
    options.stderr.write(`\ncourtfile: ${signal === 'SIGTERM' ? 'terminated' : 'interrupted'}\n`);
    exit(exitStatusFor(signal));
  };
  const listeners = SIGNALS.map((signal) => {
    const listener = (): void => {
      if (first !== undefined) {
        forceExit(first);
        return;
      }
      first = signal;
      controller.abort(
        new InterruptedError(signal === 'SIGTERM' ? 'terminated' : 'interrupted', signal),
      );
      // Unreferenced: a command that ends in time lets the process exit without waiting.
      grace = setTimeout(() => forceExit(signal), graceMs).unref();
    };
    process.on(signal, listener);
    return [signal, listener] as const;
  });
  return {
    stopSignal: controller.signal,
    uninstall() {
      for (const [signal, listener] of listeners) process.off(signal, listener);
      clearTimeout(grace);
    },
  };
}
