import type { CliIO } from '../../src/cli/io.js';

/** An in-memory CliIO: captures stdout/stderr; `isTTY` and `env` as the test needs. */
export interface FakeIO {
  readonly io: CliIO;
  /** Everything written to stdout so far (as UTF-8 text). */
  out(): string;
  /** Everything written to stdout so far, as bytes (for `render -o -`). */
  outBytes(): Buffer;
  /** Everything written to stderr so far. */
  err(): string;
}

export function fakeIO(
  options: {
    cwd?: string;
    env?: Record<string, string | undefined>;
    isTTY?: boolean;
    signal?: AbortSignal;
    /** The file descriptor standard output is said to have (what `>> FILE` gives). */
    stdoutFd?: number;
  } = {},
): FakeIO {
  const out: Buffer[] = [];
  let err = '';
  const io: CliIO = {
    stdout: {
      write: (chunk: string | Uint8Array) => (out.push(Buffer.from(chunk)), true),
      isTTY: options.isTTY ?? false,
      ...(options.stdoutFd === undefined ? {} : { fd: options.stdoutFd }),
    },
    stderr: {
      write: (chunk: string | Uint8Array) => ((err += String(chunk)), true),
      isTTY: options.isTTY ?? false,
    },
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
    ...(options.signal ? { signal: options.signal } : {}),
  };
  return {
    io,
    out: () => Buffer.concat(out).toString('utf8'),
    outBytes: () => Buffer.concat(out),
    err: () => err,
  };
}
