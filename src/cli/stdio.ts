import { EXIT, describeSystemError } from '../errors.js';
import { endAsHungUp } from './signals.js';
import { removeTempsSync } from '../output/temp-registry.js';

/** A stream that reports write failures as 'error' events (process.stdout, process.stderr). */
export interface ErrorEmitter {
  on(event: 'error', listener: (err: NodeJS.ErrnoException) => void): unknown;
  readonly isTTY?: boolean;
}

/**
 * What happens when writing to stdout or stderr fails (`> /dev/full`, a closed pipe, a
 * full disk): temporary files are removed and the process exits 2 ("could not do its
 * job") after one line on stderr, instead of Node's stack trace. A reader that went away
 * (EPIPE on stdout: `courtfile schema | head -1`) is told nothing, as Unix tools do; the
 * status is still 2, since the output was not delivered whole. A failing stderr gets no
 * message (there is nowhere to write it). A terminal that is gone (EIO on a terminal: its
 * window closed, its ssh connection lost, SIGHUP on its way) ends the process as SIGHUP
 * does (endAsHungUp): process.exit() then fails to restore the terminal's settings, and
 * Node 20 died of SIGSEGV with a native stack trace (a review).
 */
export function guardStdio(
  stdout: ErrorEmitter,
  stderr: ErrorEmitter & { write(s: string): boolean },
  exit: (status: number) => void = (status) => process.exit(status),
  hangUp: (status: number) => void = endAsHungUp,
): void {
  let failed = false;
  const fail = (which: 'stdout' | 'stderr', err: NodeJS.ErrnoException): void => {
    if (failed) return;
    failed = true;
    removeTempsSync();
    const stream = which === 'stdout' ? stdout : stderr;
    if (err.code === 'EIO' && stream.isTTY === true) {
      hangUp(EXIT.hungUp);
      return;
    }
    if (which === 'stdout' && err.code !== 'EPIPE') {
      try {
        stderr.write(`courtfile: cannot write to standard output: ${describeSystemError(err)}\n`);
      } catch {
        // stderr is broken too: the exit status says it.
      }
    }
    exit(2);
  };
  stdout.on('error', (err) => fail('stdout', err));
  stderr.on('error', (err) => fail('stderr', err));
}
