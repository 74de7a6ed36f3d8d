/**
 * How the launcher runs the program on Node 20, with compiled code kept from the build.
 *
 * Node 22.1 and later keep V8's compiled code of a program between runs
 * (`module.enableCompileCache`, which the launcher turns on); Node 20 has no such cache
 * and compiled the bundle's modules again on every start, about a fifth of what
 * `validate` of a small dossier costs. So on Node 20 the launcher runs the program as one
 * script, dist/bundle/courtfile.cjs (src/cli/bin-script.ts, bundled by
 * esbuild.config.js), compiled with V8's code cache made at build time: `npm run build`
 * runs `validate` of the example dossier through trainCodeCache below, which keeps the
 * bytecode of every function that run compiled (what any command starts with: the
 * command line, the reader, the schemas and checks). Measured on this project's machine
 * (Node 20, medians of six alternate runs): `validate` of the example dossier 136 →
 * 115 ms; of the 100,000-record bench dossier 0.735 → 0.695 s of wall time, 0.94 → 0.88 s
 * of CPU.
 *
 * The cache holds code only, never a dossier's data. V8 uses it only if the same V8, under
 * the same flags, made it (otherwise it compiles the source, as without a cache); the
 * flags courtfile sets (jit-tuning.ts) are therefore set before compiling, here and when
 * the cache is made. V8 checks no more of the script than its length: the build ends the
 * script with the SHA-256 of its content (a `//# courtfile-build` line) and writes the
 * same digest at the head of the cache, and a cache whose digest is not the script's is
 * not read.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { tuneJit } from './jit-tuning.js';

/** The last line of a built script: this text, then the SHA-256 of what comes before. */
export const BUILD_LINE = '//# courtfile-build ';
/** Length of a build id: a SHA-256 in lower-case hex. */
const ID_LENGTH = 64;

/** The code cache of `script`: the file beside it. */
export const cachePathOf = (script: string): string => `${script}.cache`;

/** The build id a script ends with, if it ends with one. */
export function buildIdOf(source: string): string | undefined {
  const at = source.lastIndexOf(BUILD_LINE);
  if (at < 0) return undefined;
  const id = source.slice(at + BUILD_LINE.length).trimEnd();
  return /^[0-9a-f]{64}$/.test(id) ? id : undefined;
}

/** What the cache did: used, made by another V8 or under other flags, or none to use. */
export type CacheUse = 'used' | 'rejected' | 'none';

export interface CompiledProgram {
  readonly script: vm.Script;
  readonly file: string;
  readonly id: string | undefined;
  readonly cache: CacheUse;
}

// CommonJS's function wrapper, as Node's own loader gives a module: the bundle reads
// `require`, `module` and `__filename` (its import.meta.url).
const HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const TAIL = '\n})';

/** Compile the script `file`, with its code cache when there is a cache made from it. */
export function compileProgram(
  file: string,
  options: { readonly cache?: boolean } = {},
): CompiledProgram {
  tuneJit();
  const source = readFileSync(file, 'utf8');
  const id = buildIdOf(source);
  const cachedData = options.cache === false || id === undefined ? undefined : cacheFor(file, id);
  const script = new vm.Script(HEAD + source + TAIL, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const cache: CacheUse =
    cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  return { script, file, id, cache };
}

/** The cache beside `file` when it was made from the script whose build id is `id`. */
function cacheFor(file: string, id: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(cachePathOf(file));
  } catch {
    return undefined; // none: compiled from the source
  }
  if (data.length <= ID_LENGTH || data.toString('latin1', 0, ID_LENGTH) !== id) return undefined;
  return data.subarray(ID_LENGTH);
}

/** Run a compiled program as Node runs a CommonJS module. */
export function runProgram(program: CompiledProgram): void {
  const wrapper = program.script.runInThisContext() as (
    exports: object,
    require: NodeJS.Require,
    module: { exports: object },
    filename: string,
    dirname: string,
  ) => void;
  const module = { exports: {} };
  wrapper.call(
    module.exports,
    module.exports,
    createRequire(program.file),
    module,
    program.file,
    path.dirname(program.file),
  );
}

/**
 * At build time: run the program `file` with the arguments `args` (a command that ends
 * with status 0) and, as the process ends, write its code cache beside it. The process
 * ends as the command makes it end; with any other status, no cache is written.
 */
export function trainCodeCache(file: string, args: readonly string[]): void {
  const program = compileProgram(file, { cache: false });
  const id = program.id;
  if (id === undefined) throw new Error(`${file} does not end with its build id`);
  process.argv = [process.argv[0] ?? process.execPath, file, ...args];
  process.once('exit', (status) => {
    if (status !== 0) return;
    const code = program.script.createCachedData();
    writeFileSync(cachePathOf(file), Buffer.concat([Buffer.from(id, 'latin1'), code]));
  });
  runProgram(program);
}
