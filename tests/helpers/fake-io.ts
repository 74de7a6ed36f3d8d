import type { CliIO } from '../../src/cli/io.js';

/** An in-memory CliIO: captures stdout/stderr; `isTTY` and `env` as the test needs. */
export interface FakeIO {
  readonly io: CliIO;
  /** Everything written to stdout so far. */
  out(): string;
  /** Everything written to stderr so far. */
  err(): string;
}

export function fakeIO(
  options: { cwd?: string; env?: Record<string, string | undefined>; isTTY?: boolean } = {},
): FakeIO {
  let out = '';
  let err = '';
  const io: CliIO = {
    stdout: {
      write: (chunk: string) => ((out += chunk), true),
      isTTY: options.isTTY ?? false,
    },
    stderr: {
      write: (chunk: string) => ((err += chunk), true),
      isTTY: options.isTTY ?? false,
    },
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
  };
  return { io, out: () => out, err: () => err };
}
