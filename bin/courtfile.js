#!/usr/bin/env node
// Thin launcher: the program is src/cli/bin.ts, built by `npm run build` (tsc, then
// esbuild.config.js) into one bundle under dist/bundle/.
import '../dist/bundle/courtfile.js';
