/** What a command may touch of the outside world; tests pass fakes. */
export interface OutputStream {
  /** Text; a Uint8Array only where a command writes a binary document (`render -o -`). */
  write(chunk: string | Uint8Array): boolean;
  readonly isTTY?: boolean;
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
