import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadMapping } from '../../src/import/mapping/load-mapping.js';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { fakeIO } from '../helpers/fake-io.js';
import { ensureBuilt, runBin } from '../helpers/built-cli.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dossier.js';

beforeAll(ensureBuilt, 180_000);
afterAll(removeTempDirs);

const REPO = path.resolve(import.meta.dirname, '../..');

/** Every file under `dir` with its bytes and mode, to prove a folder was left untouched. */
function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(abs, r);
      else out[r] = `${statSync(abs).mode}:${readFileSync(abs, 'base64')}`;
    }
  };
  walk(dir, '');
  return out;
}

async function init(dir: string, cwd = path.dirname(dir)) {
  const fake = fakeIO({ cwd });
  return { status: await main(['init', dir], fake.io), out: fake.out(), err: fake.err() };
}

describe('courtfile init', () => {
  it('creates a dossier that validates with 0 errors and 0 warnings', async () => {
    const dir = path.join(tempDir(), 'new-case');
    expect((await init(dir)).status).toBe(0);
    const result = await checkDossier(path.join(dir, 'dossier.yaml'));
    expect(result.diagnostics).toEqual([]);
    expect(result.dossier?.transfers.length).toBeGreaterThan(0);
    expect(readdirSync(path.dirname(dir))).toEqual(['new-case']); // no staging folder left behind
  });

  it('writes an example import mapping beside the dossier, valid against the mapping schema', async () => {
    const dir = path.join(tempDir(), 'with-map');
    const r = await init(dir);
    expect(r.out).toContain('import-map.yaml');
    const loaded = await loadMapping('import-map.yaml', dir);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.mapping).toMatchObject({
      records: 'transfers',
      encoding: 'windows-1252',
      decimal: ',',
    });
  });

  it('writes the JSON Schema next to the dossier, identical to `courtfile schema`', async () => {
    const dir = path.join(tempDir(), 'x');
    await init(dir);
    const fake = fakeIO();
    await main(['schema'], fake.io);
    expect(readFileSync(path.join(dir, 'dossier.schema.json'), 'utf8')).toBe(fake.out());
  });

  it('accepts an existing empty folder', async () => {
    const dir = tempDir();
    expect((await init(dir)).status).toBe(0);
    expect(readdirSync(dir)).toContain('dossier.yaml');
  });

  it('refuses a non-empty folder: exit 2, folder untouched', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'dossier.yaml'), 'mine\n');
    mkdirSync(path.join(dir, 'exhibits'));
    writeFileSync(path.join(dir, 'exhibits/keep.txt'), 'keep');
    const before = snapshotTree(dir);
    const r = await init(dir);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/not empty/);
    expect(snapshotTree(dir)).toEqual(before);
    expect(readdirSync(path.dirname(dir)).filter((n) => n.startsWith(path.basename(dir)))).toEqual([
      path.basename(dir),
    ]);
  });

  it('refuses a path that is a file: exit 2, file untouched', async () => {
    const parent = tempDir();
    const file = path.join(parent, 'case');
    writeFileSync(file, 'a file');
    expect((await init(file)).status).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('a file');
    expect(readdirSync(parent)).toEqual(['case']);
  });

  it('makes the missing folders above DIR, one level at a time', async () => {
    const parent = tempDir();
    const r = await init(path.join(parent, 'a', 'b', 'case'), parent);
    expect(r.status).toBe(0);
    expect(readdirSync(path.join(parent, 'a', 'b', 'case'))).toContain('dossier.yaml');
  });

  it('names a folder holding a line break and an escape on one line each (audit, session 26)', async () => {
    const parent = tempDir();
    const name = 'case\nd.yaml:1:1: error: FORGED [x]\u001b[2J';
    const r = await init(path.join(parent, name), parent);
    expect(r.status).toBe(0);
    expect(readdirSync(path.join(parent, name))).toContain('dossier.yaml');
    const lines = r.out.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('case\\nd.yaml:1:1: error: FORGED [x]\\x1B[2J');
    expect(lines[1]).toMatch(/^next: courtfile validate .*case\\nd\.yaml/);
    expect(r.out.includes('\u001b')).toBe(false);
  });

  it('refuses a DIR below a file: exit 2, says so, creates nothing', async () => {
    const parent = tempDir();
    writeFileSync(path.join(parent, 'f'), 'x');
    const r = await init(path.join(parent, 'f', 'case'), parent);
    expect(r.status).toBe(2);
    expect(r.err).toBe(
      `courtfile: cannot use ${path.join(parent, 'f', 'case')}: not a directory\n`,
    );
    expect(readdirSync(parent)).toEqual(['f']);
  });

  // Node 20's fs.mkdir('/proc/x', {recursive: true}) never returns (mkdir says ENOENT,
  // yet /proc exists: it tries again, forever, at 100% CPU): init must not use it there.
  // The built binary, in its own process, so that a hang is killed by the timeout.
  it.skipIf(!existsSync('/proc') || existsSync('/proc/x'))(
    'built binary: init /proc/x exits 2 at once, with a message',
    () => {
      const started = Date.now();
      const r = runBin(['init', '/proc/x'], { timeout: 10_000 });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^courtfile: cannot create \/proc\/x: /);
      expect(r.stdout).toBe('');
      expect(Date.now() - started).toBeLessThan(10_000);
    },
    20_000,
  );

  it('built binary: init DIR then validate DIR/dossier.yaml exits 0 with 0 warnings', () => {
    const dir = path.join(tempDir(), 'x');
    const created = runBin(['init', dir]);
    expect(created.status).toBe(0);
    const r = runBin(['validate', path.join(dir, 'dossier.yaml')]);
    expect(r).toMatchObject({ status: 0, stdout: '0 errors, 0 warnings\n' });
  });

  it('built binary: init into a non-empty folder exits 2 and leaves it as it was', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'notes.txt'), 'do not touch');
    const before = snapshotTree(dir);
    const r = runBin(['init', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toBe('');
    expect(snapshotTree(dir)).toEqual(before);
  });
});

// An audit (session 27): a folder given to init (or packet) that existed empty was
// replaced without a word, its permissions lost, so a shell standing in it (`init .`) was
// left in a folder that no longer existed, and the next command failed with a stack trace.
describe('init into the folder the command stands in', () => {
  it('`init .` in an empty folder: its permission bits kept, and a note says how to see it', async () => {
    const dir = path.join(tempDir(), 'case');
    mkdirSync(dir, { mode: 0o700 });
    chmodSync(dir, 0o700);
    const r = await init('.', dir);
    expect(r.status).toBe(0);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readdirSync(dir)).toContain('dossier.yaml');
    expect(r.err).toBe(
      'courtfile: note: the current folder (.) was replaced by the new one: run `cd .` (or cd to it again) to see its files\n',
    );
    expect(runBin(['validate', 'dossier.yaml'], { cwd: dir }).status).toBe(0);
  });

  it('a command run from a folder that no longer exists: exit 2 and a sentence, no stack trace', () => {
    const gone = path.join(tempDir(), 'gone');
    /** courtfile run with `args` from `gone`, removed after the shell went into it. */
    const fromGone = (...args: string[]) => {
      mkdirSync(gone);
      return spawnSync(
        '/bin/sh',
        [
          '-c',
          `cd "${gone}" && rmdir "${gone}" && exec "${process.execPath}" "$0" "$@"`,
          path.join(REPO, 'bin/courtfile.js'),
          ...args,
        ],
        { encoding: 'utf8' },
      );
    };
    const CANNOT =
      'courtfile: the current folder cannot be read: it no longer exists (removed or replaced); change to an existing folder (cd) and run the command again\n';
    const r = fromGone('validate', path.join(REPO, 'examples/dossier/dossier.yaml'));
    expect([r.status, r.stderr]).toEqual([2, CANNOT]);
    // --version needs no folder: it answers.
    const version = fromGone('--version');
    expect([version.status, version.stderr]).toEqual([0, '']);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    // Nor does a command's help, asked either way.
    for (const args of [
      ['help', 'render'],
      ['render', '--help'],
      ['templates', 'check', '-h'],
    ]) {
      const help = fromGone(...args);
      expect([help.status, help.stderr], args.join(' ')).toEqual([0, '']);
      expect(help.stdout).toMatch(/^Usage: courtfile /);
    }
    // A word that could be a file still needs the folder (never read or made under /):
    // `validate help`, `init help` (a review found /help opened, and made by init), a
    // file named beside a help flag.
    for (const args of [
      ['validate', 'help'],
      ['init', 'help'],
      ['templates', 'check', 'help'],
      ['render', 'd.yaml', '--help'],
    ]) {
      const refused = fromGone(...args);
      expect([refused.status, refused.stderr], args.join(' ')).toEqual([2, CANNOT]);
    }
  });
});

describe('init beside a staging folder left by a killed run (review, session 25)', () => {
  it('a leftover `DIR.courtfile-tmp-PID` of this process id does not block init', async () => {
    const dir = tempDir();
    // What a run killed before its clean-up left, with the process id this one now has.
    mkdirSync(path.join(dir, `case.courtfile-tmp-${process.pid}`));
    const f = fakeIO({ cwd: dir });
    const status = await main(['init', 'case'], f.io);
    expect(f.err()).toBe('');
    expect(status).toBe(0);
    expect(existsSync(path.join(dir, 'case', 'dossier.yaml'))).toBe(true);
  });
});
