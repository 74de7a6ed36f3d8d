/** What a command may touch of the outside world; tests pass fakes. */
export interface OutputStream {
  write(chunk: string): boolean;
  readonly isTTY?: boolean;
}

export interface CliIO {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Colour only on a terminal, never when NO_COLOR is set (any value), never when FORCE_COLOR=0. */
export function useColor(stream: OutputStream, env: CliIO['env']): boolean {
  if (env.NO_COLOR !== undefined) return false;
  if (env.FORCE_COLOR === '0') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}
