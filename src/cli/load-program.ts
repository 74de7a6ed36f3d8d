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
 * 110 ms; of the 100,000-record bench dossier 0.775 → 0.74 s of wall time, 1.0 → 0.955 s
 * of CPU.
 *
 * The cache holds code only, never a dossier's data, and is never written at run time.
 * It is used only when it can serve, and otherwise the launcher imports the ES module
 * build as on Node 22 (a script compiled without its cache would start slower than that):
 * - for the very script it was made from: the script ends with the SHA-256 of what comes
 *   before (a `//# courtfile-build` line), which is checked on every start (under a
 *   millisecond), and the cache's first line names the same digest (V8 itself checks no
 *   more than the script's length);
 * - by the Node that made it (version, architecture, V8), started without options
 *   (`node --max-old-space-size=…` or NODE_OPTIONS may change V8's flags, and V8 takes a
 *   cache only under the flags it was made with; courtfile's own, jit-tuning.ts, are set
 *   before compiling, here and when the cache is made).
 * A cache V8 still refuses (another reason) only costs the compilation: the script runs.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { tuneJit } from './jit-tuning.js';

/** The last line of a built script: this text, then the SHA-256 of what comes before. */
export const BUILD_LINE = '//# courtfile-build ';
/** The build line's length: its text, a SHA-256 in lower-case hex and a line break. */
const BUILD_LINE_LENGTH = BUILD_LINE.length + 64 + 1;

/** The code cache of `script`: the file beside it. */
export const cachePathOf = (script: string): string => `${script}.cache`;

/**
 * The name compiled code gives its script in stack traces, the same wherever it was
 * built and run: V8 keeps the name a cache was made under, and a build machine's folders
 * are nobody else's business.
 */
export const SCRIPT_NAME = 'courtfile/dist/bundle/courtfile.cjs';

/** The cache's first line: what it was made from and by, as this process would write it. */
export function cacheHeader(id: string): string {
  return `courtfile-code-cache ${id} ${process.version} ${process.arch} v8-${process.versions.v8}\n`;
}

/** A built script whose content is what its build line says; undefined otherwise. */
export function readScript(
  file: string,
): { readonly source: string; readonly id: string } | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined; // not built (or not readable): the ES module build is used
  }
  const at = bytes.length - BUILD_LINE_LENGTH;
  if (at < 0 || bytes.toString('latin1', at, at + BUILD_LINE.length) !== BUILD_LINE)
    return undefined;
  const id = bytes.toString('latin1', at + BUILD_LINE.length, bytes.length - 1);
  if (createHash('sha256').update(bytes.subarray(0, at)).digest('hex') !== id) return undefined;
  return { source: bytes.toString('utf8'), id };
}

/** The compiled code in the cache beside `file`, if it was made from `id` by this Node. */
function readCache(file: string, id: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(cachePathOf(file));
  } catch {
    return undefined; // none
  }
  const header = cacheHeader(id);
  if (data.length <= header.length || data.toString('latin1', 0, header.length) !== header)
    return undefined;
  return data.subarray(header.length);
}

/** What the cache did: used, or refused by V8 (the script compiled from its source). */
export type CacheUse = 'used' | 'rejected' | 'none';

export interface CompiledProgram {
  readonly script: vm.Script;
  readonly file: string;
  readonly cache: CacheUse;
}

// CommonJS's function wrapper, as Node's own loader gives a module: the bundle reads
// `require`, `module` and `__filename` (its import.meta.url).
const HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const TAIL = '\n})';

/** The text V8 compiles for a script: its source in CommonJS's function wrapper. */
export const wrapped = (source: string): string => HEAD + source + TAIL;

/** Compile the script `file` whose text is `source`, with `cachedData` if given. */
export function compileProgram(file: string, source: string, cachedData?: Buffer): CompiledProgram {
  tuneJit();
  const script = new vm.Script(wrapped(source), {
    filename: SCRIPT_NAME,
    ...(cachedData ? { cachedData } : {}),
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const cache: CacheUse =
    cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  return { script, file, cache };
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

/** How this process was started, as far as V8's flags go. */
export interface NodeStart {
  readonly execArgv: readonly string[];
  readonly nodeOptions: string | undefined;
}

/**
 * The launcher, on Node 20: run the program `file` with its code cache and say so, or
 * say that it cannot (the cache is missing, not this script's or this Node's, or Node was
 * given options): the launcher then imports the ES module build.
 */
export function runWithCodeCache(
  file: string,
  start: NodeStart = { execArgv: process.execArgv, nodeOptions: process.env.NODE_OPTIONS },
): CacheUse | 'not used' {
  if (start.execArgv.length > 0 || (start.nodeOptions ?? '').trim() !== '') return 'not used';
  const built = readScript(file);
  const cachedData = built && readCache(file, built.id);
  if (!built || !cachedData) return 'not used';
  const program = compileProgram(file, built.source, cachedData);
  runProgram(program);
  return program.cache;
}

/**
 * At build time: run the program `file` with the arguments `args` (a command that ends
 * with status 0) and, as the process ends, write its code cache beside it. The process
 * ends as the command makes it end; with any other status, no cache is written.
 */
export function trainCodeCache(file: string, args: readonly string[]): void {
  const built = readScript(file);
  if (!built) throw new Error(`${file} does not end with the digest of its content`);
  const program = compileProgram(file, built.source);
  process.argv = [process.argv[0] ?? process.execPath, file, ...args];
  process.once('exit', (status) => {
    if (status !== 0) return;
    const code = program.script.createCachedData();
    writeFileSync(cachePathOf(file), Buffer.concat([Buffer.from(cacheHeader(built.id)), code]));
  });
  runProgram(program);
}
