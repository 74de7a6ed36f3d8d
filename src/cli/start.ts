/**
 * What runs when courtfile is started from the command line: the command, then the end
 * of the process with its status. Two entries start it: src/cli/bin.ts, bundled as an ES
 * module (dist/bundle/courtfile.js) that Node 22 and later run, and
 * src/cli/bin-script.ts, bundled as one script (dist/bundle/courtfile.cjs) that Node 20
 * runs with a code cache made at build time (src/cli/load-program.ts).
 */
import { z } from 'zod';
import { EXIT } from '../errors.js';
import { flushed } from './io.js';
import { tuneJit } from './jit-tuning.js';
import { commandNames, main } from './main.js';
import { installSignalHandlers } from './signals.js';
import { guardStdio } from './stdio.js';

/** Runs the command of the process's arguments; the process ends with its status. */
export async function start(): Promise<void> {
  // From here on an error is the program's, not its loading's (bin/courtfile.js).
  (globalThis as Record<symbol, unknown>)[Symbol.for('courtfile.started')] = true;
  // V8's optimizing compiler set for a run of seconds (jit-tuning.ts), before any command.
  tuneJit();
  // zod without its code generation: a command parses a few records of each kind with zod
  // (transfers, exchanges and accounts have a fast path of their own), and generating a
  // parser for each object schema on its first use took more than the parsing it saved
  // (`validate` of the example dossier: -2 % of its instructions). The command line only:
  // a library user's zod configuration is theirs.
  z.config({ jitless: true });
  // SIGINT/SIGTERM/SIGHUP stop the command cleanly (exit 130/143/129); a failed write to stdout or
  // stderr (`> /dev/full`, a closed pipe) ends with exit 2 instead of a stack trace. These
  // handlers replace the launcher's (bin/courtfile.js), which covered the loading of this
  // program: installed before those are removed, so that a signal still pending is handled
  // by them (Node drops a pending signal once no listener is left for it). Only the
  // launcher's are removed: a preloaded module's (`node --import …`) stay.
  const launchers = (globalThis as Record<symbol, unknown>)[
    Symbol.for('courtfile.launcherSignalListeners')
  ] as readonly (readonly [NodeJS.Signals, () => void])[] | undefined;
  const signals = installSignalHandlers({ stderr: process.stderr });
  const { stopSignal } = signals;
  for (const [signal, listener] of launchers ?? []) process.off(signal, listener);
  guardStdio(process.stdout, process.stderr);
  const args = process.argv.slice(2);
  // `--version` and `--help` (`help render`, `render --help` too) need no folder: they
  // answer from anywhere. Only arguments that name no file: `/` is never a path's base.
  const cwd = currentFolder(() => (needsNoFolder(args) ? '/' : undefined));
  const status =
    cwd === undefined
      ? EXIT.failure
      : await main(args, {
          stdout: process.stdout,
          stderr: process.stderr,
          cwd,
          env: process.env,
          signal: stopSignal,
        });
  // An interrupted command has cleaned up: end now, whatever may still be pending.
  if (stopSignal.aborted) {
    signals.end(status);
    return;
  }
  // The command has ended, its outputs in place: a signal from now on ends the process at
  // once with the command's status (130 or 143 only while output is still queued for
  // stdout or stderr: not delivered whole). Then end here rather than by letting the event
  // loop drain: after a natural exit Node restores each signal's default action while it
  // tears the process down (tens of milliseconds after a render), and a Ctrl-C in that
  // window killed the process with its PDF written. process.exit() does not, but it may cut
  // output still queued on a pipe (asynchronous on some systems), and a failed write is
  // reported by an event that comes after it (`> /dev/full`: exit 2 by guardStdio): one
  // turn of the event loop first, then stdout and stderr flushed.
  signals.finish(status, () => process.stdout.writableLength + process.stderr.writableLength > 0);
  await new Promise((resolve) => setImmediate(resolve));
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(status);
}

/** Options that make any command answer with its help or the version, running nothing. */
const HELP_OR_VERSION = new Set(['--version', '-V', '--help', '-h']);

/**
 * Whether the command line only asks for help or the version, naming no file: `--help`
 * (or `-h`, `--version`, `-V`) among command names only, or `help` first followed by
 * command names only. A word that could be a file (`validate help`, `init help`,
 * `render -o -h`) needs the current folder, never `/` in its place.
 */
function needsNoFolder(args: readonly string[]): boolean {
  const commands = commandNames();
  if (args[0] === 'help') return args.slice(1).every((a) => commands.has(a));
  return (
    args.some((a) => HELP_OR_VERSION.has(a)) &&
    args.every((a) => HELP_OR_VERSION.has(a) || commands.has(a))
  );
}

/**
 * The process's current folder. When it cannot be read (removed or moved while a shell
 * stood in it: `init .` replaces that folder), what `instead` gives, else undefined, said
 * on stderr: relative paths cannot be resolved then (exit 2, not a stack trace).
 */
function currentFolder(instead: () => string | undefined): string | undefined {
  try {
    return process.cwd();
  } catch (err) {
    const other = instead();
    if (other !== undefined) return other;
    const code = (err as NodeJS.ErrnoException).code;
    process.stderr.write(
      `courtfile: the current folder cannot be read${code === 'ENOENT' ? ': it no longer exists (removed or replaced)' : ` (${code ?? 'error'})`}; change to an existing folder (cd) and run the command again\n`,
    );
    return undefined;
  }
}
