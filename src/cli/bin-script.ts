/**
 * The program behind `bin/courtfile.js` on Node 20, which keeps no compiled code between
 * runs: bundled (esbuild.config.js) into one script, dist/bundle/courtfile.cjs, that the
 * launcher compiles with the code cache made from it at build time (load-program.ts).
 * A script has no top-level await: the promise is left to run (start ends the process;
 * what it throws is an unhandled rejection, which Node reports and exits 1 for, as it
 * does for an ES module's top-level error).
 */
import { start } from './start.js';

void start();
