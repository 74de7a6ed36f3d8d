import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseWith } from '../helpers/base-dossier.js';
import { ensureBuilt, runBin } from '../helpers/built-cli.js';
import {
  REPO_ROOT,
  copyExample,
  mutate,
  removeTempDirs,
  writeDossier,
} from '../helpers/temp-dossier.js';

/** End-to-end runs of the built binary, as the acceptance tests drive it. */
beforeAll(ensureBuilt, 180_000);
afterAll(removeTempDirs);

const EXAMPLE = 'examples/dossier/dossier.yaml';
const TEXT_LINE = /^[^:]+:\d+:\d+: (error|warning): .+ \[[a-z-]+\]$/;
const COUNT_LINE = /^\d+ errors?, \d+ warnings?$/;
const GITHUB_LINE = /^::(error|warning) file=[^,]+,line=\d+,col=\d+,title=[a-z-]+::.+$/;
// eslint-disable-next-line no-control-regex -- looking for ANSI escapes is the point
const ESC = /\x1b/;

function invalidCopy(): string {
  const dir = copyExample();
  mutate(path.join(dir, 'dossier.yaml'), 'role: witness', 'role: witnes');
  mutate(path.join(dir, 'transfers.yaml'), 'amount: 120\n', 'amount: 120.001\n');
  return path.join(dir, 'dossier.yaml');
}

describe('courtfile validate (built binary)', () => {
  it('the example: exit 0', () => {
    expect(runBin(['validate', EXAMPLE])).toMatchObject({
      status: 0,
      stdout: '0 errors, 0 warnings\n',
    });
  });

  // npx walks node_modules and rewrites its hidden lockfile before it runs the bin: a
  // few seconds alone, far more on a loaded CI machine, so this test gets its own budget.
  it('npx courtfile resolves to this package', () => {
    const r = spawnSync('npx', ['--no-install', 'courtfile', 'validate', EXAMPLE], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 170_000,
    });
    expect(r.stdout).toBe('0 errors, 0 warnings\n');
    expect(r.status).toBe(0);
  }, 180_000);

  it('the launcher without its bundle (not built): exit 2 and what to run, no stack trace', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'courtfile-unbuilt-'));
    try {
      mkdirSync(path.join(dir, 'bin'));
      copyFileSync(path.join(REPO_ROOT, 'bin/courtfile.js'), path.join(dir, 'bin/courtfile.js'));
      const r = spawnSync(process.execPath, [path.join(dir, 'bin/courtfile.js'), '--version'], {
        encoding: 'utf8',
      });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      // What the launcher loads first: the bundle (Node 22 and later), or the loader of
      // Node 20's script (src/cli/load-program.ts).
      const first = 'enableCompileCache' in module ? 'courtfile.js' : 'load-program.js';
      expect(r.stderr).toBe(
        `courtfile: the program is not built (dist/bundle/${first} is missing): run \`npm ci\` or \`npm run build\` in the courtfile folder\n`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /**
   * A copy of the launcher and its built program in a temporary folder, `damage` applied to
   * its dist/bundle/, then `courtfile --version` run from it.
   */
  function runDamaged(damage: (bundle: string) => void) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'courtfile-damaged-'));
    try {
      mkdirSync(path.join(dir, 'bin'));
      copyFileSync(path.join(REPO_ROOT, 'bin/courtfile.js'), path.join(dir, 'bin/courtfile.js'));
      cpSync(path.join(REPO_ROOT, 'dist/bundle'), path.join(dir, 'dist/bundle'), {
        recursive: true,
      });
      damage(path.join(dir, 'dist/bundle'));
      return spawnSync(process.execPath, [path.join(dir, 'bin/courtfile.js'), '--version'], {
        encoding: 'utf8',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const DAMAGED =
    /^courtfile: the program cannot be loaded, its files are damaged or incomplete \((.+)\): run `npm ci` or `npm run build` in the courtfile folder\n$/;

  it('the launcher with its first file cut short: exit 2 and what to run, no stack trace', () => {
    // What the launcher loads first: the bundle (Node 22 and later), or the loader of
    // Node 20's script.
    const first = 'enableCompileCache' in module ? 'courtfile.js' : 'load-program.js';
    const r = runDamaged((bundle) => {
      const file = path.join(bundle, first);
      // Cut inside an expression (its first 1,000 bytes may end on a statement, and
      // the bundle's first statements are imports alone: a module that runs, and does
      // nothing, exit 0, as Node 22 showed).
      writeFileSync(
        file,
        Buffer.concat([readFileSync(file).subarray(0, 1000), Buffer.from('\n(')]),
      );
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(DAMAGED);
    expect(DAMAGED.exec(r.stderr)?.[1]).toMatch(/^SyntaxError: /);
  });

  it('the launcher with a chunk of its bundle missing: exit 2, naming it', () => {
    const r = runDamaged((bundle) => {
      // Without its cache Node 20 too loads the ES module build, and so its chunks.
      rmSync(path.join(bundle, 'courtfile.cjs.cache'));
      const chunk = /chunk-[A-Z0-9]+\.js/.exec(
        readFileSync(path.join(bundle, 'courtfile.js'), 'utf8'),
      )?.[0];
      expect(chunk).toBeDefined();
      rmSync(path.join(bundle, chunk as string));
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(DAMAGED);
    expect(DAMAGED.exec(r.stderr)?.[1]).toMatch(/^Error: Cannot find module .*chunk-[A-Z0-9]+\.js/);
  });

  it("a command's own module missing (loaded when the command runs): exit 2 and what to run", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'courtfile-damaged-'));
    try {
      mkdirSync(path.join(dir, 'bin'));
      copyFileSync(path.join(REPO_ROOT, 'bin/courtfile.js'), path.join(dir, 'bin/courtfile.js'));
      copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(dir, 'package.json'));
      const bundle = path.join(dir, 'dist/bundle');
      cpSync(path.join(REPO_ROOT, 'dist/bundle'), bundle, { recursive: true });
      // The ES module build (Node 20 too, without its cache), without the chunks it
      // imports only when a command runs.
      rmSync(path.join(bundle, 'courtfile.cjs.cache'));
      const main = readFileSync(path.join(bundle, 'courtfile.js'), 'utf8');
      const loadedFirst = new Set(
        [...main.matchAll(/from "\.\/(chunk-[A-Z0-9]+\.js)"/g)].map((m) => m[1]),
      );
      const later = [
        ...new Set(
          [...main.matchAll(/import\("\.\/(chunk-[A-Z0-9]+\.js)"\)/g)].map((m) => m[1] as string),
        ),
      ].filter((c) => !loadedFirst.has(c));
      expect(later.length).toBeGreaterThan(0);
      for (const chunk of later) rmSync(path.join(bundle, chunk));
      const r = spawnSync(
        process.execPath,
        [path.join(dir, 'bin/courtfile.js'), 'validate', path.join(REPO_ROOT, EXAMPLE)],
        { encoding: 'utf8' },
      );
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(DAMAGED);
      expect(DAMAGED.exec(r.stderr)?.[1]).toMatch(/Cannot find module .*chunk-[A-Z0-9]+\.js/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a mutated copy: exit 1, text lines and count line', () => {
    const r = runBin(['validate', invalidCopy()]);
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    for (const l of lines.slice(0, -1)) expect(l).toMatch(TEXT_LINE);
    expect(lines.at(-1)).toMatch(COUNT_LINE);
    expect(lines.at(-1)).toBe('2 errors, 0 warnings');
    expect(lines[0]).toMatch(/dossier\.yaml:\d+:\d+: error: .*\[invalid-value\]$/);
    expect(lines[1]).toMatch(/^transfers\.yaml:\d+:\d+: error: .*\[amount-precision\]$/);
  });

  it('--format json', () => {
    const r = runBin(['validate', '--format', 'json', invalidCopy()]);
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout) as {
      errors: number;
      warnings: number;
      diagnostics: Record<string, unknown>[];
    };
    expect(doc).toMatchObject({ errors: 2, warnings: 0 });
    expect(doc.diagnostics).toHaveLength(2);
    for (const d of doc.diagnostics) {
      expect(Object.keys(d)).toEqual(
        expect.arrayContaining(['file', 'line', 'column', 'severity', 'code', 'message', 'path']),
      );
    }
    expect(doc.diagnostics[1]).toMatchObject({
      file: 'transfers.yaml',
      code: 'amount-precision',
      path: ['transfers', 0, 'amount'],
    });
  });

  it('--format github', () => {
    const r = runBin(['validate', '--format', 'github', invalidCopy()]);
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(GITHUB_LINE);
    expect(lines[1]).toMatch(
      /^::error file=transfers\.yaml,line=\d+,col=\d+,title=amount-precision::/,
    );
  });

  it('NO_COLOR (and a pipe) means no escape sequences, even with FORCE_COLOR', () => {
    const r = runBin(['validate', invalidCopy()], { env: { NO_COLOR: '1', FORCE_COLOR: '3' } });
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).not.toMatch(ESC);
  });

  it('three dossiers, one invalid: exit 1, everything reported', () => {
    const warning = writeDossier({ 'dossier.yaml': baseWith(['nature: delit', 'nature: crime']) });
    const r = runBin(['validate', EXAMPLE, invalidCopy(), path.join(warning, 'dossier.yaml')]);
    expect(r.status).toBe(1);
    expect(
      r.stdout
        .split('\n')
        .filter((l) => TEXT_LINE.test(l))
        .map((l) => /\[([a-z-]+)\]$/.exec(l)?.[1]),
    ).toEqual(['invalid-value', 'amount-precision', 'jurisdiction']);
    expect(r.stdout).toMatch(/^2 errors, 1 warning$/m);
  });

  it('--strict with a warning: exit 1 (0 without)', () => {
    const file = path.join(
      writeDossier({ 'dossier.yaml': baseWith(['nature: delit', 'nature: crime']) }),
      'dossier.yaml',
    );
    expect(runBin(['validate', file]).status).toBe(0);
    expect(runBin(['validate', '--strict', file]).status).toBe(1);
  });

  it.each([
    ['file not found', ['validate', 'examples/dossier/nope.yaml']],
    ['a directory given as file', ['validate', 'examples/dossier']],
    ['unknown option', ['validate', '--frobnicate', EXAMPLE]],
    ['unknown command', ['frobnicate', EXAMPLE]],
    ['no arguments', []],
  ])('%s: exit 2, message on stderr', (_, args) => {
    const r = runBin(args);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).not.toBe('');
  });
});

describe('courtfile --version and --help (built binary)', () => {
  it('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    const r = runBin(['--version']);
    expect(r).toMatchObject({ status: 0 });
    expect(r.stdout.trim()).toBe(version);
  });

  it.each([
    ['validate', '--version'],
    ['validate', '-V'],
    ['summary', '--version'],
  ])('%s FILE %s: a usage error after a command, not the version (exit 2)', (command, flag) => {
    const r = runBin([command, EXAMPLE, flag]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`unknown option '${flag}'`));
  });

  const COMMANDS = ['validate', 'render', 'verify', 'packet', 'summary', 'schema', 'init'];
  it.each(['', ...COMMANDS])('courtfile %s --help: exit 0', (command) => {
    const r = runBin([...(command ? [command] : []), '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Usage:/);
  });
});
