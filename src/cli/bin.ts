/**
 * The program behind `bin/courtfile.js` on Node 22 and later: `npm run build` compiles it
 * with the rest of src/ (dist/cli/bin.js) and then bundles it (esbuild.config.js) into
 * dist/bundle/courtfile.js, an ES module the launcher imports: one file to load instead
 * of a few hundred, so every command starts sooner (and Node keeps its compiled code
 * between runs). Node 20 runs src/cli/bin-script.ts instead (see there).
 */
import { start } from './start.js';

await start();
