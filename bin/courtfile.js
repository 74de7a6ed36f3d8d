#!/usr/bin/env node
// Thin launcher: the program is src/cli/start.ts, built by `npm run build` (tsc, then
// esbuild.config.js) into dist/bundle/: an ES module for Node 22 and later, one script
// with a code cache for Node 20.
import module from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/bundle/courtfile.js', import.meta.url);
const loader = new URL('../dist/bundle/load-program.js', import.meta.url);
const script = new URL('../dist/bundle/courtfile.cjs', import.meta.url);
// Ctrl-C or SIGTERM while the program loads, before it installs its own handlers
// (src/cli/signals.ts, which replace these): nothing has been written yet, so the process
// ends at once, with the status and message the program's handlers give (130, 143, or
// 129 for SIGHUP).
// Without this Node's default would end it silently, killed by the signal.
// The program removes these listeners, and only these (a preloaded module's stay), by
// the global symbol below.
const STOPPED = {
  SIGINT: ['interrupted', 130],
  SIGTERM: ['terminated', 143],
  SIGHUP: ['hung up', 129],
};
const launcherListeners = Object.keys(STOPPED).map((signal) => {
  const listener = () => {
    const newline = process.stderr.isTTY ? '\n' : '';
    const [what, status] = STOPPED[signal];
    process.stderr.write(`${newline}courtfile: ${what}\n`);
    if (signal === 'SIGHUP') {
      // Its terminal is gone: ended by the signal itself, as the program does
      // (src/cli/signals.ts, endAsHungUp), process.exit() failing to restore the terminal.
      process.removeAllListeners('SIGHUP');
      process.kill(process.pid, 'SIGHUP');
      globalThis.setTimeout(() => process.exit(status), 1000);
      return;
    }
    process.exit(status);
  };
  process.on(signal, listener);
  return [signal, listener];
});
globalThis[Symbol.for('courtfile.launcherSignalListeners')] = launcherListeners;
try {
  if (module.enableCompileCache) {
    // Node 22.1 and later keep V8's compiled code of the program between runs (in the
    // system's temporary folder, or NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns
    // it off): a command starts without compiling its ~700 KB of JavaScript again. Code
    // only, never a dossier's data.
    module.enableCompileCache();
    await import(bundle.href);
  } else {
    // Node 20 has no such cache: the program runs as one script compiled with the code
    // cache made at build time, when it can serve (src/cli/load-program.ts says when);
    // otherwise as on Node 22.
    const { runWithCodeCache } = await import(loader.href);
    if (runWithCodeCache(fileURLToPath(script)) === 'not used') await import(bundle.href);
  }
} catch (err) {
  // The program's own errors propagate (src/cli/start.ts marks that it has started).
  // Before that, an error is the program's files': missing (a clone without `npm ci` or
  // `npm run build`), or damaged or incomplete (a file cut short, a chunk or a dependency
  // missing). Either way one line says what to run, exit 2, never a stack trace.
  if (globalThis[Symbol.for('courtfile.started')] === true) throw err;
  const missing = [bundle, loader, script].find((url) => isMissing(err, url));
  process.stderr.write(
    missing
      ? `courtfile: the program is not built (dist/bundle/${path.basename(missing.pathname)} is missing): run \`npm ci\` or \`npm run build\` in the courtfile folder\n`
      : `courtfile: the program cannot be loaded, its files are damaged or incomplete (${loadFailure(err)}): run \`npm ci\` or \`npm run build\` in the courtfile folder\n`,
  );
  process.exitCode = 2;
}

/** Whether `err` says that the file at `url` does not exist. */
function isMissing(err, url) {
  if (!(err instanceof Error) || !('code' in err)) return false;
  if (err.code === 'ERR_MODULE_NOT_FOUND') return 'url' in err && err.url === url.href;
  return err.code === 'ENOENT' && 'path' in err && err.path === fileURLToPath(url);
}

/** What went wrong while loading, in one line (a syntax error, a file not found). */
function loadFailure(err) {
  if (!(err instanceof Error)) return String(err).split('\n')[0];
  return `${err.name}: ${err.message.split('\n')[0]}`;
}
