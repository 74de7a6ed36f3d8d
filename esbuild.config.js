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
// beside itself) and the platform readers.
//
// What is bundled: courtfile's own code, zod and commander. Every other dependency
// (pdfkit and its fonts, js-yaml, yaml, bidi-js...) stays in node_modules and is imported
// from there, as before: they read files of their own package at run time, and they
// are loaded only by the commands that need them.
//
// The library (`import ... from 'courtfile'`, dist/index.js) is not bundled.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

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
      return {
        path: path.join(path.dirname(args.importer), '..', 'locales', 'en.js'),
        namespace: 'zod-locales',
      };
    });
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: path.dirname(args.path),
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
  plugins: [zodEnglishOnly],
  legalComments: 'inline',
  logLevel: 'warning',
});
