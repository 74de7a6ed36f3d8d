/**
 * The program behind `bin/courtfile.js` on Node 20, which keeps no compiled code between
 * runs: bundled (esbuild.config.js) into one script, dist/bundle/courtfile.cjs, that the
 * launcher compiles with the code cache made from it at build time (load-program.ts).
 * A script has no top-level await: start ends the process itself, and an error that
 * escapes it is thrown again as an uncaught exception, which Node reports and ends the
 * process with status 1 for, as for an ES module's top-level error (a rejection left
 * unhandled would depend on --unhandled-rejections, which may let the process end with 0).
 */
import { start } from './start.js';

start().catch((err: unknown) => {
  setImmediate(() => {
    throw err;
  });
});
