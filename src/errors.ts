/**
 * Faults of the tool or the system (not of the user's dossier, which gets
 * diagnostics). Each maps to an exit status in src/cli/main.ts.
 */

/** Exit statuses of the command-line contract. */
export const EXIT = {
  /** No errors (warnings allowed unless --strict). */
  ok: 0,
  /** The input has errors: invalid dossier, failed verification, bad template. */
  invalid: 1,
  /** The tool could not do its job: usage error, file not found, unreadable, cannot write. */
  failure: 2,
  /** Its terminal hung up (SIGHUP: the window closed, the ssh connection lost): 128 + 1. */
  hungUp: 129,
  /** Interrupted by SIGINT (Ctrl-C): 128 + 2. */
  interrupted: 130,
  /** Stopped by SIGTERM: 128 + 15. */
  terminated: 143,
} as const;

/** The signals that stop a command cleanly (see src/cli/signals.ts). */
export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

/** Bad command-line usage (unknown option, bad option value). Exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The tool could not do its job: a file cannot be read or written. Exit 2. */
export class ToolError extends Error {
  override readonly name = 'ToolError';
}

/**
 * A module of courtfile's own that was to be loaded now (a command's, loaded when the
 * command runs) could not be: a file cut short, a part or a dependency missing. Said as
 * the launcher says it for the modules it loads first (bin/courtfile.js): exit 2.
 */
export function programDamaged(err: unknown): ToolError {
  const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new ToolError(
    `the program cannot be loaded, its files are damaged or incomplete (${what.split('\n')[0]}): run \`npm ci\` or \`npm run build\` in the courtfile folder`,
  );
}

/**
 * `load`'s module (a dynamic import), a failure to load it reported as programDamaged: a
 * file or module not found, or a syntax error (a file cut short). Anything else its code
 * throws as it starts is courtfile's own fault, and stays one (an internal error).
 */
export function loadModule<M>(load: Promise<M>): Promise<M> {
  return load.catch((err: unknown) => {
    const code = err instanceof Error && 'code' in err ? String(err.code) : undefined;
    const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
    throw missing || code === 'ENOENT' || err instanceof SyntaxError ? programDamaged(err) : err;
  });
}

/**
 * The document cannot be laid out: a table whose header row leaves no room for a row on
 * a page, a running header and footer that leave too little room for a body, anything
 * drawn past the foot of a page's body (Flow). Exit 1, as for an invalid template
 * (`templates check` reports it from its trial render).
 */
export class LayoutError extends Error {
  override readonly name = 'LayoutError';
  constructor(
    message: string,
    /**
     * Template keys that set what did not fit, the likeliest first: `templates check`
     * reports the error at the first one the checked file writes (else at its top).
     */
    readonly keys: readonly (readonly string[])[] = [],
  ) {
    super(message);
  }
}

/** The operation was interrupted: exit 130 (SIGINT, the default), 143 (SIGTERM) or 129 (SIGHUP). */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
  constructor(
    message = 'interrupted',
    /** The signal that stopped the work, when one did. */
    readonly signal: StopSignal = 'SIGINT',
  ) {
    super(message);
  }
}

/** Each stop signal's exit status (128 + its number) and the word its message says. */
const STOPPED: Readonly<
  Record<
    StopSignal,
    { readonly status: number; readonly word: 'interrupted' | 'terminated' | 'hung up' }
  >
> = {
  SIGINT: { status: EXIT.interrupted, word: 'interrupted' },
  SIGTERM: { status: EXIT.terminated, word: 'terminated' },
  SIGHUP: { status: EXIT.hungUp, word: 'hung up' },
};

/** The exit status of a command stopped by `signal`: 128 + its number. */
export function exitStatusFor(signal: StopSignal): number {
  return STOPPED[signal].status;
}

/** How the message says a command was stopped by `signal` (`courtfile: terminated`). */
export function stoppedBy(signal: StopSignal): 'interrupted' | 'terminated' | 'hung up' {
  return STOPPED[signal].word;
}

/** A short, stack-free description of a Node.js system error. */
export function describeSystemError(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err) {
    const code = String((err as { code: unknown }).code);
    const known: Record<string, string> = {
      ENOENT: 'no such file or directory',
      EACCES: 'permission denied',
      EPERM: 'operation not permitted',
      EISDIR: 'is a directory',
      ENOTDIR: 'not a directory',
      EEXIST: 'already exists',
      ENOSPC: 'no space left on device',
      EROFS: 'read-only file system',
      ENAMETOOLONG: 'file name too long',
      ELOOP: 'too many levels of symbolic links',
      EMFILE: 'too many open files',
      ENOTEMPTY: 'directory not empty',
      // A rename across file systems: a folder that is a mount point (an empty USB stick)
      // cannot be replaced by one built beside it.
      EXDEV:
        'it is on another file system (a mount point) than the folder beside it where the output is built: give a new folder inside it',
      EBUSY:
        'resource busy: it is a mount point or in use (a folder that is a mount point cannot be replaced by one built beside it: give a new folder inside it)',
    };
    return known[code] ?? code;
  }
  return err instanceof Error ? err.message : String(err);
}
