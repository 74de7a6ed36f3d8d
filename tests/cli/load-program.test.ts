/**
 * Node 20's launcher path (src/cli/load-program.ts): the program as one script compiled
 * with the code cache made at build time. A cache is used only for the script it was made
 * from, and a missing, foreign or damaged cache only costs the compilation.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILD_LINE,
  buildIdOf,
  cachePathOf,
  compileProgram,
  runProgram,
} from '../../src/cli/load-program.js';
import { ensureBuilt } from '../helpers/built-cli.js';
import {
  REPO_ROOT,
  copyExample,
  mutate,
  removeTempDirs,
  tempDir,
} from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

/** A script as the build writes one: its text, then its build line. */
function builtScript(text: string): { readonly file: string; readonly id: string } {
  const id = createHash('sha256').update(text).digest('hex');
  const file = path.join(tempDir('courtfile-script-'), 'program.cjs');
  writeFileSync(file, `${text}${BUILD_LINE}${id}\n`);
  return { file, id };
}

/** Make the cache of `file` as the build does (without running it). */
function makeCache(file: string, id: string): void {
  const program = compileProgram(file, { cache: false });
  writeFileSync(
    cachePathOf(file),
    Buffer.concat([Buffer.from(id, 'latin1'), program.script.createCachedData()]),
  );
}

const TEXT = [
  '"use strict";',
  'module.exports.answer = function answer() { return [__filename, typeof require, 6 * 7]; };',
  '',
].join('\n');

describe('buildIdOf', () => {
  it('reads the digest of the last build line; none without one or with a malformed one', () => {
    const id = 'a'.repeat(64);
    expect(buildIdOf(`x;\n${BUILD_LINE}${id}\n`)).toBe(id);
    expect(buildIdOf('x;\n')).toBeUndefined();
    expect(buildIdOf(`x;\n${BUILD_LINE}${'a'.repeat(63)}\n`)).toBeUndefined();
    expect(buildIdOf(`x;\n${BUILD_LINE}${'A'.repeat(64)}\n`)).toBeUndefined();
  });
});

describe('compileProgram', () => {
  it('uses the cache made from the script, and runs it as a CommonJS module', () => {
    const { file, id } = builtScript(TEXT);
    makeCache(file, id);
    const program = compileProgram(file);
    expect(program.cache).toBe('used');
    expect(program.id).toBe(id);
    // The wrapper gives the script its module, require and file name.
    const exported: { answer?: () => unknown[] } = {};
    const run = program.script.runInThisContext() as (...args: unknown[]) => void;
    const mod = { exports: exported };
    run.call(exported, exported, module.createRequire(file), mod, file, path.dirname(file));
    expect(mod.exports.answer?.()).toEqual([file, 'function', 42]);
    expect(() => runProgram(program)).not.toThrow();
  });

  it('without a cache file: compiled from the source', () => {
    const { file } = builtScript(TEXT);
    expect(compileProgram(file).cache).toBe('none');
  });

  it('a cache made from another script of the same length is not read', () => {
    const a = builtScript(TEXT);
    const b = builtScript(TEXT.replace('6 * 7', '7 * 6'));
    expect(readFileSync(a.file).length).toBe(readFileSync(b.file).length);
    makeCache(a.file, a.id);
    // b's folder gets a's cache: V8 alone would take it (same length).
    copyFileSync(cachePathOf(a.file), cachePathOf(b.file));
    expect(compileProgram(b.file).cache).toBe('none');
  });

  it('a damaged cache whose digest matches is refused by V8: compiled from the source', () => {
    const { file, id } = builtScript(TEXT);
    writeFileSync(
      cachePathOf(file),
      Buffer.concat([Buffer.from(id, 'latin1'), Buffer.from('not a code cache')]),
    );
    expect(compileProgram(file).cache).toBe('rejected');
  });

  it('a script without a build line: its cache is never read', () => {
    const file = path.join(tempDir('courtfile-script-'), 'program.cjs');
    writeFileSync(file, TEXT);
    expect(compileProgram(file).cache).toBe('none');
    expect(compileProgram(file).id).toBeUndefined();
  });
});

describe('the built program (Node 20 runs it)', () => {
  beforeAll(ensureBuilt, 180_000);
  const script = path.join(REPO_ROOT, 'dist/bundle/courtfile.cjs');
  const loaderUrl = new URL('../../dist/bundle/load-program.js', import.meta.url).href;
  const importLoader = `import { compileProgram, runProgram } from ${JSON.stringify(loaderUrl)};`;

  it('ends with its digest; its cache, made by the build, starts with the same', () => {
    const text = readFileSync(script, 'utf8');
    const id = buildIdOf(text);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const body = text.slice(0, text.lastIndexOf(BUILD_LINE));
    expect(createHash('sha256').update(body).digest('hex')).toBe(id);
    expect(existsSync(cachePathOf(script))).toBe(true);
    expect(readFileSync(cachePathOf(script)).toString('latin1', 0, 64)).toBe(id);
  });

  // The Node that uses this path is the one `npm test` builds with; on Node 22 and later
  // (which run the ES module) a cache from another Node is refused, which the case above
  // covers.
  it.skipIf('enableCompileCache' in module)('this Node takes the cache the build made', () => {
    // In a fresh process, with the flags the launcher sets: what a command gets.
    const r = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `${importLoader} process.stdout.write(compileProgram(${JSON.stringify(script)}).cache);`,
      ],
      { encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('used');
  });

  it('gives what the ES module gives: the same diagnostics, the same status', () => {
    const dossier = copyExample();
    mutate(path.join(dossier, 'transfers.yaml'), 'amount: 120\n', 'amount: 120.001\n');
    const args = ['validate', path.join(dossier, 'dossier.yaml'), '--format', 'json'];
    const viaModule = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, 'dist/bundle/courtfile.js'), ...args],
      { encoding: 'utf8' },
    );
    const viaScript = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        // The program reads its arguments from the third on, as after `node bin/courtfile.js`.
        `${importLoader} process.argv.splice(1, 0, ${JSON.stringify(script)}); runProgram(compileProgram(${JSON.stringify(script)}));`,
        ...args,
      ],
      { encoding: 'utf8' },
    );
    expect(viaModule.status).toBe(1);
    expect(JSON.parse(viaModule.stdout)).toMatchObject({
      diagnostics: [expect.objectContaining({ code: 'amount-precision' })],
    });
    expect(viaScript.status).toBe(viaModule.status);
    expect(viaScript.stdout).toBe(viaModule.stdout);
    expect(viaScript.stderr).toBe(viaModule.stderr);
  });
});
