#!/usr/bin/env node
// Thin launcher: the program is src/cli/bin.ts, built by `npm run build` (tsc, then
// esbuild.config.js) into one bundle under dist/bundle/.
import module from 'node:module';

const bundle = new URL('../dist/bundle/courtfile.js', import.meta.url);
// Node 22.1 and later keep V8's compiled code of the program between runs (in the
// system's temporary folder, or NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it
// off): a command starts without compiling its ~700 KB of JavaScript again. Code only,
// never a dossier's data. Node 20 has no such cache: the call is skipped.
module.enableCompileCache?.();
// Ctrl-C or SIGTERM while the program loads, before it installs its own handlers
// (src/cli/signals.ts, which replace these): nothing has been written yet, so the process
// ends at once, with the status and message the program's handlers give (130 or 143).
// Without this Node's default would end it silently, killed by the signal.
// The program removes these listeners, and only these (a preloaded module's stay), by
// the global symbol below.
const launcherListeners = ['SIGINT', 'SIGTERM'].map((signal) => {
  const listener = () => {
    const newline = process.stderr.isTTY ? '\n' : '';
    const what = signal === 'SIGTERM' ? 'terminated' : 'interrupted';
    process.stderr.write(`${newline}courtfile: ${what}\n`);
    process.exit(signal === 'SIGTERM' ? 143 : 130);
  };
  process.on(signal, listener);
  return [signal, listener];
});
globalThis[Symbol.for('courtfile.launcherSignalListeners')] = launcherListeners;
try {
  await import(bundle.href);
} catch (err) {
  // Only the bundle itself missing (a clone without `npm ci` or `npm run build`) is
  // explained here; anything else is the program's and propagates.
  const missing =
    err instanceof Error &&
    'code' in err &&
    err.code === 'ERR_MODULE_NOT_FOUND' &&
    'url' in err &&
    err.url === bundle.href;
  if (!missing) throw err;
  process.stderr.write(
    'courtfile: the program is not built (dist/bundle/courtfile.js is missing): run `npm ci` or `npm run build` in the courtfile folder\n',
  );
  process.exitCode = 2;
}
