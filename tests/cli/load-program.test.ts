/**
 * Node 20's launcher path (src/cli/load-program.ts): the program as one script compiled
 * with the code cache made at build time. A cache is used only for the script it was made
 * from, and a missing, foreign or damaged cache only costs the compilation.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILD_LINE,
  cacheHeader,
  cachePathOf,
  readScript,
  runWithCodeCache,
  wrapped,
  type NodeStart,
} from '../../src/cli/load-program.js';
import { tuneJit } from '../../src/cli/jit-tuning.js';
import { ensureBuilt } from '../helpers/built-cli.js';
import {
  REPO_ROOT,
  copyExample,
  mutate,
  removeTempDirs,
  tempDir,
} from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

let scripts = 0;

/** A script as the build writes one: its text, then its build line. */
function builtScript(given: string): { readonly file: string; readonly id: string } {
  // A text of its own: V8 would find one it compiled before in this process.
  const text = `${given}// script ${String(++scripts).padStart(4, '0')}\n`;
  const id = createHash('sha256').update(text).digest('hex');
  const file = path.join(tempDir('courtfile-script-'), 'program.cjs');
  writeFileSync(file, `${text}${BUILD_LINE}${id}\n`);
  return { file, id };
}

/**
 * Make the cache of `file` as the build does (without running it), with `header`. Under
 * another script name than the launcher's: V8 keeps what it compiled in a process, and
 * the same text compiled again under the same name would come from there, not from the
 * cache (which then could not be told from a cache that works).
 */
function makeCache(file: string, id: string, header = cacheHeader(id)): void {
  tuneJit(); // the flags the launcher compiles under
  const script = new vm.Script(wrapped(readScript(file)!.source), { filename: `maker:${file}` });
  writeFileSync(
    cachePathOf(file),
    Buffer.concat([Buffer.from(header, 'latin1'), script.createCachedData()]),
  );
}

// The script sets what it was run with on a global the test reads.
const TEXT = [
  '"use strict";',
  'globalThis.__loadProgramTest = [__filename, typeof require, module.exports === exports, 6 * 7];',
  '',
].join('\n');
const PLAIN: NodeStart = { execArgv: [], nodeOptions: undefined };
const ran = () => (globalThis as { __loadProgramTest?: unknown }).__loadProgramTest;

describe('readScript', () => {
  it('a script whose content is what its build line says', () => {
    const { file, id } = builtScript(TEXT);
    expect(readScript(file)).toEqual({ source: readFileSync(file, 'utf8'), id });
  });

  // Reported by a review: V8 checks a cache against the length of the script only, and
  // a script edited in place, same length, ran the cached code of the old one.
  it('none once edited, even to the same length, or without a build line, or missing', () => {
    const { file } = builtScript(TEXT);
    writeFileSync(file, readFileSync(file, 'utf8').replace('6 * 7', '7 * 6'));
    expect(readScript(file)).toBeUndefined();
    const bare = path.join(tempDir('courtfile-script-'), 'program.cjs');
    writeFileSync(bare, TEXT);
    expect(readScript(bare)).toBeUndefined();
    expect(readScript(path.join(tempDir('courtfile-script-'), 'none.cjs'))).toBeUndefined();
  });
});

describe('runWithCodeCache', () => {
  it('runs the script as a CommonJS module, with the cache made from it', () => {
    const { file, id } = builtScript(TEXT);
    makeCache(file, id);
    expect(runWithCodeCache(file, PLAIN)).toBe('used');
    // The wrapper gives the script its module, require and file name.
    expect(ran()).toEqual([file, 'function', true, 42]);
  });

  it('not used (the launcher imports the ES module): no cache file', () => {
    const { file } = builtScript(TEXT);
    expect(runWithCodeCache(file, PLAIN)).toBe('not used');
  });

  it('not used: a cache made from another script of the same length', () => {
    const a = builtScript(TEXT);
    const b = builtScript(TEXT.replace('6 * 7', '7 * 6'));
    expect(readFileSync(a.file).length).toBe(readFileSync(b.file).length);
    makeCache(a.file, a.id);
    copyFileSync(cachePathOf(a.file), cachePathOf(b.file));
    expect(runWithCodeCache(b.file, PLAIN)).toBe('not used');
  });

  // Reported by a review: a cache refused by V8 (another Node, other flags) left the
  // script to compile from its source, slower than the ES module build.
  it('not used: a cache made by another Node', () => {
    const { file, id } = builtScript(TEXT);
    makeCache(file, id, cacheHeader(id).replace(process.version, 'v20.0.0'));
    expect(runWithCodeCache(file, PLAIN)).toBe('not used');
  });

  it.each([
    ['a Node option', { execArgv: ['--max-old-space-size=4096'], nodeOptions: undefined }],
    ['NODE_OPTIONS', { execArgv: [], nodeOptions: '--stack-size=2000' }],
  ])('not used when Node was given %s (V8 flags may differ)', (_, start) => {
    const { file, id } = builtScript(TEXT);
    makeCache(file, id);
    expect(runWithCodeCache(file, start)).toBe('not used');
    expect(runWithCodeCache(file, { ...start, execArgv: [], nodeOptions: '  ' })).toBe('used');
  });

  it('a damaged cache of the right header: V8 refuses it, the script still runs', () => {
    const { file, id } = builtScript(TEXT);
    writeFileSync(
      cachePathOf(file),
      Buffer.concat([Buffer.from(cacheHeader(id), 'latin1'), Buffer.from('not a code cache')]),
    );
    (globalThis as { __loadProgramTest?: unknown }).__loadProgramTest = undefined;
    expect(runWithCodeCache(file, PLAIN)).toBe('rejected');
    expect(ran()).toEqual([file, 'function', true, 42]);
  });
});

describe('the built program (Node 20 runs it)', () => {
  beforeAll(ensureBuilt, 180_000);
  const script = path.join(REPO_ROOT, 'dist/bundle/courtfile.cjs');
  const loaderUrl = new URL('../../dist/bundle/load-program.js', import.meta.url).href;

  it('ends with its digest; its cache, made by the build, names the same', () => {
    const built = readScript(script);
    expect(built?.id).toMatch(/^[0-9a-f]{64}$/);
    const head = readFileSync(cachePathOf(script)).toString('latin1', 0, 200);
    expect(head.startsWith(`courtfile-code-cache ${built?.id} `)).toBe(true);
  });

  // The Node that uses this path is the one `npm test` builds with; Node 22 and later run
  // the ES module, and a cache from another Node is not used (above).
  it.skipIf('enableCompileCache' in module)('this Node uses the cache the build made', () => {
    // In a fresh process started as the launcher is, with `--version` for a command.
    const r = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { runWithCodeCache } from ${JSON.stringify(loaderUrl)}; process.argv = [process.argv[0], 'courtfile', '--version']; process.stderr.write(runWithCodeCache(${JSON.stringify(script)}, { execArgv: [], nodeOptions: undefined }));`,
      ],
      { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
    );
    expect(r.stderr).toBe('used');
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('its text is ASCII: V8 keeps it as one byte a character, faster to read and compile', () => {
    const bytes = readFileSync(script);
    expect(bytes.length).toBeGreaterThan(100_000);
    expect(bytes.findIndex((b) => b > 0x7f)).toBe(-1);
  });

  it('a command loads neither child_process (commander: subcommand executables) nor perf_hooks', () => {
    const example = path.join(REPO_ROOT, 'examples', 'dossier', 'dossier.yaml');
    const argv = `process.argv = [process.argv[0], 'courtfile', 'validate', ${JSON.stringify(example)}];`;
    // The program as Node 20 runs it (the script: a later Node does not run it, see
    // above), and as the ES module Node 22 and later import.
    const runs: Record<string, string> = {
      module: `${argv} await import(${JSON.stringify(new URL('../../dist/bundle/courtfile.js', import.meta.url).href)});`,
    };
    if (!('enableCompileCache' in module))
      runs.script = `import { runWithCodeCache } from ${JSON.stringify(loaderUrl)}; ${argv} runWithCodeCache(${JSON.stringify(script)}, { execArgv: [], nodeOptions: undefined });`;
    for (const [how, code] of Object.entries(runs)) {
      const watch = `process.on('exit', () => process.stderr.write(JSON.stringify(process.moduleLoadList.filter((m) => /^NativeModule (child_process|perf_hooks)$/.test(m)))));`;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', `${watch} ${code}`], {
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '' },
      });
      expect(r.stdout, how).toMatch(/\b0 errors, 0 warnings\b/);
      expect(JSON.parse(r.stderr), how).toEqual([]);
    }
  });

  it('the launcher gives what the ES module gives: the same diagnostics, the same status', () => {
    const dossier = copyExample();
    mutate(path.join(dossier, 'transfers.yaml'), 'amount: 120\n', 'amount: 120.001\n');
    const args = ['validate', path.join(dossier, 'dossier.yaml'), '--format', 'json'];
    const run = (entry: string) =>
      spawnSync(process.execPath, [path.join(REPO_ROOT, entry), ...args], {
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '' },
      });
    const viaModule = run('dist/bundle/courtfile.js');
    const viaLauncher = run('bin/courtfile.js');
    expect(viaModule.status).toBe(1);
    expect(JSON.parse(viaModule.stdout)).toMatchObject({
      diagnostics: [expect.objectContaining({ code: 'amount-precision' })],
    });
    expect(viaLauncher.status).toBe(viaModule.status);
    expect(viaLauncher.stdout).toBe(viaModule.stdout);
    expect(viaLauncher.stderr).toBe(viaModule.stderr);
  });
});
