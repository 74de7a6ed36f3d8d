/** What a command may touch of the outside world; tests pass fakes. */
export interface OutputStream {
  /** Text; a Uint8Array only where a command writes a binary document (`render -o -`). */
  write(chunk: string | Uint8Array): boolean;
  readonly isTTY?: boolean;
  /** The file descriptor of a real stream (process.stdout's is 1); fakes omit it. */
  readonly fd?: number;
  /** Bytes written but not yet handed to the system (a Node stream's; fakes may omit it). */
  readonly writableLength?: number;
  readonly destroyed?: boolean;
  once?(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
  off?(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
}

/**
 * Resolves once everything written to `stream` has been handed to the system, or the
 * stream has closed or failed. A command that wrote its document to standard output
 * waits for this before it says so: a reader that went away meanwhile (a pipe closed
 * before the end: EPIPE) fails the write first, and guardStdio ends the process with
 * status 2 without that line. What a pipe holds once handed over is the reader's.
 */
export async function flushed(stream: OutputStream): Promise<void> {
  if (stream.destroyed || !stream.once || !stream.off) return;
  if ((stream.writableLength ?? 0) === 0) return;
  const once = stream.once.bind(stream);
  const off = stream.off.bind(stream);
  await new Promise<void>((resolve) => {
    const done = (): void => {
      for (const event of ['drain', 'close', 'error'] as const) off(event, done);
      resolve();
    };
    for (const event of ['drain', 'close', 'error'] as const) once(event, done);
  });
}

export interface CliIO {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Aborted (with an InterruptedError) to stop the command: SIGINT or SIGTERM in the
   * real CLI (src/cli/signals.ts). Long commands check it between rows, pages and files,
   * remove their temporary files and end with exit 130 or 143.
   */
  readonly signal?: AbortSignal;
}

/** Colour only on a terminal, never when NO_COLOR is set (any value), never when FORCE_COLOR=0. */
export function useColor(stream: OutputStream, env: CliIO['env']): boolean {
  if (env.NO_COLOR !== undefined) return false;
  if (env.FORCE_COLOR === '0') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}
