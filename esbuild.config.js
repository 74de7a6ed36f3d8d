// @ts-check
// Second step of `npm run build`, after tsc: bundles the command-line program
// (dist/cli/bin.js, compiled from src/cli/bin.ts) into dist/bundle/, which
// bin/courtfile.js imports.
//
// Why: started from dist/ as tsc writes it, Node resolves, reads and compiles some 250
// modules (about 95 of them zod's) before a command does anything; `courtfile validate`
// of a one-page dossier took ~0.37 s, against ~0.12 s for Node to load js-yaml and read
// the same files. As one bundle, with zod's 40 message locales left out, it takes
// ~0.27 s. The commands stay in chunks of their own, loaded when used (`render` does not
// load the import readers, `validate` does not load pdfkit), and so do the checking
// thread of `import` (dist/bundle/check-thread.js, started by check-parts.js from
// beside itself) and the platform readers. On Node 20, which keeps no compiled code
// between runs, the launcher runs instead the same program as one script
// (dist/bundle/courtfile.cjs, from src/cli/bin-script.ts) compiled with a code cache that
// this build makes last (src/cli/load-program.ts says why and how it is kept safe).
//
// What is bundled: courtfile's own code, zod and commander. Every other dependency
// (pdfkit and its fonts, js-yaml, yaml, bidi-js...) stays in node_modules and is imported
// from there, as before: they read files of their own package at run time, and they
// are loaded only by the commands that need them.
//
// The library (`import ... from 'courtfile'`, dist/index.js) is not bundled.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = import.meta.dirname;
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const bundled = new Set(['zod', 'commander']);
const external = Object.keys(pkg.dependencies ?? {}).filter((name) => !bundled.has(name));

/**
 * zod's classic API re-exports all its message locales (`z.locales`, 366 KB of the
 * 780 KB it would add); courtfile writes its own messages and never selects one, and
 * zod itself registers English from `locales/en.js`. The locales' index becomes a module
 * that exports English only.
 * @type {import('esbuild').Plugin}
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!args.importer.includes(`${path.sep}node_modules${path.sep}zod${path.sep}`)) return;
      // A name of its own, not the file's absolute path: esbuild writes a module's path
      // in the bundle, and a build must not depend on (nor show) the folder it ran in.
      return {
        path: 'zod/v4/locales/index.js',
        namespace: 'zod-locales',
        pluginData: { dir: path.join(path.dirname(args.importer), '..', 'locales') },
      };
    });
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from './en.js';`,
      resolveDir: /** @type {{ dir: string }} */ (args.pluginData).dir,
      loader: 'js',
    }));
  },
};

/**
 * commander requires `node:child_process` when it loads, for subcommands that are
 * separate executables, which courtfile has none of. Loading child_process (and net,
 * dgram... with it) cost ~4-8 ms of every command's start on Node 20. commander's
 * `childProcess` becomes an object whose members load the module when first used.
 * @type {import('esbuild').Plugin}
 */
const commanderLazyChildProcess = {
  name: 'commander-lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) => {
      if (!args.importer.includes(`${path.sep}node_modules${path.sep}commander${path.sep}`)) return;
      return { path: 'commander/lazy-child-process.js', namespace: 'lazy-child-process' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: [
        'let loaded;',
        "const load = () => (loaded ??= require('node:child_process'));",
        'module.exports = new Proxy({}, { get: (_, name) => load()[name], has: (_, name) => name in load() });',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

const outdir = path.join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    courtfile: path.join(root, 'dist', 'cli', 'bin.js'),
    'check-thread': path.join(root, 'dist', 'import', 'check-thread.js'),
    'load-program': path.join(root, 'dist', 'cli', 'load-program.js'),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  external,
  // commander is CommonJS: its `require('node:events')` needs a require in an ES module.
  banner: {
    js: "import { createRequire as __courtfileRequire } from 'node:module'; const require = __courtfileRequire(import.meta.url);",
  },
  chunkNames: 'chunk-[hash]',
  plugins: [zodEnglishOnly, commanderLazyChildProcess],
  legalComments: 'inline',
  logLevel: 'warning',
});

// Node 20's program (src/cli/load-program.ts): the same code as one script, which the
// launcher compiles with a code cache. A script is not an ES module: `import.meta.url` is
// made from the `__filename` CommonJS's wrapper gives; the code is kept strict, as
// modules are; the lazily loaded parts of the program are in it too (a script has no
// chunks), compiled only when they run.
const script = path.join(outdir, 'courtfile.cjs');
await build({
  entryPoints: [path.join(root, 'dist', 'cli', 'bin-script.js')],
  outfile: script,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.19',
  external,
  define: { 'import.meta.url': '__courtfileImportMetaUrl' },
  // Without comments and indentation (1.8 → 1.3 MB): read, checked (its digest) and
  // decoded at every start, ~3 ms less of each command on Node 20. Names are kept, so a
  // stack trace (COURTFILE_DEBUG=1) still names its functions; the ES module build for
  // Node 22 and later is not minified.
  minifyWhitespace: true,
  banner: {
    js: '"use strict"; var __courtfileImportMetaUrl = require("node:url").pathToFileURL(__filename).href;',
  },
  plugins: [zodEnglishOnly, commanderLazyChildProcess],
  legalComments: 'inline',
  logLevel: 'warning',
});
// The script ends with its own digest, which its code cache repeats (V8 would take a cache
// made from any script of the same length).
const code = readFileSync(script, 'utf8');
const body = code.endsWith('\n') ? code : `${code}\n`;
const id = createHash('sha256').update(body).digest('hex');
writeFileSync(script, `${body}//# courtfile-build ${id}\n`);
// The cache: what `validate` of the example dossier compiles, made by this Node (on
// another, the launcher imports the ES module build instead).
const example = path.join(root, 'examples', 'dossier', 'dossier.yaml');
if (existsSync(example)) {
  const loader = pathToFileURL(path.join(outdir, 'load-program.js')).href;
  const trained = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { trainCodeCache } from ${JSON.stringify(loader)}; trainCodeCache(${JSON.stringify(script)}, ['validate', ${JSON.stringify(example)}]);`,
    ],
    // Under V8's default flags, as the launcher will use the cache (NODE_OPTIONS may
    // carry V8 flags: a cache made under them would be refused).
    { cwd: root, encoding: 'utf8', env: withoutNodeOptions(process.env) },
  );
  if (trained.status !== 0 || !existsSync(`${script}.cache`))
    throw new Error(
      `making the code cache of ${script} failed (status ${trained.status}): ${trained.stderr}${trained.stdout}`,
    );
}

/** @param {NodeJS.ProcessEnv} env */
function withoutNodeOptions(env) {
  const rest = { ...env };
  delete rest.NODE_OPTIONS;
  return rest;
}
