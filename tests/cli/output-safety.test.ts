/**
 * Output safety (issue 11, item 1 and the `-o -` point of item 17): an output is never
 * written over a file the command reads (by any name), among exhibit files, over a FIFO,
 * a device or a folder, nor over a read-only file. Each case is a reproduction from the
 * issue, run on a temp copy of the fictional example dossier.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  realpathSync,
  chmodSync,
  closeSync,
  existsSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  renameSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import { checkOutputTarget, UnsafeOutputError } from '../../src/output/output-target.js';
import { ensureBuilt, runBin } from '../helpers/built-cli.js';
import { fakeIO } from '../helpers/fake-io.js';
import { REPO_ROOT, copyExample, removeTempDirs, tempDir } from '../helpers/temp-dossier.js';
import { readPdf } from '../render/pdf-text.js';

afterAll(removeTempDirs);

const EXHIBIT = 'exhibits/E03/bank-statements-2018.txt';
const isRoot = process.getuid?.() === 0;

/** `courtfile ARGS` in `dir`: exit status, stderr, stdout bytes. */
async function run(dir: string, args: string[], isTTY = false) {
  const f = fakeIO({ cwd: dir, isTTY });
  const status = await main(args, f.io);
  return { status, err: f.err(), out: f.outBytes() };
}

const render = (dir: string, out: string) =>
  run(dir, ['render', 'dossier.yaml', '-o', out, '--date', '2024-05-01']);

/** Names, sizes and modification times of every file under `dir`: to prove nothing changed. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else {
        const st = statSync(path.join(dir, r), { throwIfNoEntry: false });
        out.push(`${r} ${e.isFile() ? 'file' : 'other'} ${st?.size} ${st?.mtimeMs}`);
      }
    }
  };
  walk('.');
  return out.sort();
}

/** The refusal: exit 2, one `courtfile: refusing to write PATH: ...` line, nothing changed. */
async function expectRefused(dir: string, args: string[], reason: RegExp) {
  const before = snapshot(dir);
  const r = await run(dir, args);
  expect(r.status).toBe(2);
  expect(r.err).toMatch(reason);
  expect(r.err.split('\n').filter(Boolean)).toHaveLength(1);
  expect(snapshot(dir)).toEqual(before);
}

describe('render -o refuses what it must not write', () => {
  test('an exhibit file of the dossier (verify still passes afterwards)', async () => {
    const dir = copyExample();
    const bytes = readFileSync(path.join(dir, EXHIBIT));
    await expectRefused(
      dir,
      ['render', 'dossier.yaml', '-o', EXHIBIT, '--date', '2024-05-01'],
      /^courtfile: refusing to write exhibits\/E03\/bank-statements-2018\.txt: it is an exhibit file of E03, which this command reads\n$/,
    );
    expect(readFileSync(path.join(dir, EXHIBIT))).toEqual(bytes);
    expect((await run(dir, ['verify', 'dossier.yaml'])).status).toBe(0);
  });

  test('the dossier root file and an included file', async () => {
    const dir = copyExample();
    await expectRefused(
      dir,
      ['render', 'dossier.yaml', '-o', 'dossier.yaml'],
      /refusing to write dossier\.yaml: it is the dossier file,/,
    );
    // `sub` must exist: the system reads `sub/..` only through it.
    mkdirSync(path.join(dir, 'sub'));
    await expectRefused(
      dir,
      ['render', 'dossier.yaml', '-o', './sub/../transfers.yaml'],
      /refusing to write \.\/sub\/\.\.\/transfers\.yaml: it is an included file of the dossier,/,
    );
  });

  test('a hard link or a symbolic link to a file it reads', async () => {
    const dir = copyExample();
    linkSync(path.join(dir, 'dossier.yaml'), path.join(dir, 'hard.pdf'));
    symlinkSync(EXHIBIT, path.join(dir, 'soft.pdf'));
    await expectRefused(
      dir,
      ['render', 'dossier.yaml', '-o', 'hard.pdf'],
      /refusing to write hard\.pdf: it is the same file as dossier\.yaml \(the dossier file\)/,
    );
    await expectRefused(
      dir,
      ['render', 'dossier.yaml', '-o', 'soft.pdf'],
      /refusing to write soft\.pdf \(a symbolic link to exhibits\/E03\/bank-statements-2018\.txt\): it is an exhibit file of E03, which this command reads/,
    );
  });

  // Reported by a hostile-input sweep: an exhibit file that is a symbolic link to
  // store/statements.txt protected its own folder, not store/ where the evidence is.
  test('the folder of the file a linked exhibit leads to', async () => {
    const dir = copyExample();
    mkdirSync(path.join(dir, 'store'));
    renameSync(path.join(dir, EXHIBIT), path.join(dir, 'store/statements.txt'));
    symlinkSync('../../store/statements.txt', path.join(dir, EXHIBIT));
    await expectRefused(
      dir,
      ['render', 'dossier.yaml', '-o', 'store/new.pdf'],
      /refusing to write store\/new\.pdf: it is in the exhibit folder store;/,
    );
    await expectRefused(
      dir,
      ['packet', 'dossier.yaml', '-o', 'store/pk'],
      /refusing to write store\/pk: it is in the exhibit folder store;/,
    );
    expect(readdirSync(path.join(dir, 'store'))).toEqual(['statements.txt']);
  });

  test('the template file it renders with, and the parent template that one extends', async () => {
    const dir = copyExample();
    writeFileSync(
      path.join(dir, 'base.yaml'),
      'courtfile_template: 1\nname: base\nextends: referral\n',
    );
    writeFileSync(
      path.join(dir, 'mine.yaml'),
      'courtfile_template: 1\nname: mine\nextends: base.yaml\n',
    );
    for (const out of ['mine.yaml', 'base.yaml']) {
      await expectRefused(
        dir,
        ['render', 'dossier.yaml', '--template', 'mine.yaml', '-o', out],
        new RegExp(`refusing to write ${out.replace('.', '\\.')}: it is a template file,`),
      );
    }
  });

  test('a new file in an exhibit folder, or under one, by any spelling', async () => {
    const dir = copyExample();
    mkdirSync(path.join(dir, 'exhibits/E03/sub'));
    symlinkSync('exhibits/E03', path.join(dir, 'e3'));
    for (const out of ['exhibits/E03/referral.pdf', 'exhibits/E03/sub/r.pdf', 'e3/r.pdf']) {
      await expectRefused(
        dir,
        ['render', 'dossier.yaml', '-o', out],
        /: it is in the exhibit folder exhibits\/E03; outputs are never written among exhibit files\n$/,
      );
    }
  });

  test('exhibit files beside dossier.yaml: outputs there are written, the files refused', async () => {
    // A flat dossier (FICTIONAL): its exhibit in the dossier's own folder, another in a
    // folder of its own, which stays protected as a whole.
    const dir = copyExample();
    const root = path.join(dir, 'dossier.yaml');
    const text = readFileSync(root, 'utf8');
    const moved = path.basename(EXHIBIT);
    renameSync(path.join(dir, EXHIBIT), path.join(dir, moved));
    expect(text).toContain(`path: ${EXHIBIT}`);
    writeFileSync(root, text.replace(`path: ${EXHIBIT}`, `path: ${moved}`));
    expect((await run(dir, ['verify', 'dossier.yaml'])).status).toBe(0);
    mkdirSync(path.join(dir, 'out'));
    for (const out of ['referral.pdf', 'out/referral.pdf']) {
      const r = await render(dir, out);
      expect(r.status, r.err).toBe(0);
      expect(readFileSync(path.join(dir, out)).subarray(0, 5).toString()).toBe('%PDF-');
    }
    const p = await run(dir, ['packet', 'dossier.yaml', '-o', 'packet', '--date', '2024-05-01']);
    expect(p.status, p.err).toBe(0);
    await expectRefused(
      dir,
      ['render', 'dossier.yaml', '-o', moved],
      /: it is an exhibit file of E03, which this command reads\n$/,
    );
    await expectRefused(
      dir,
      ['render', 'dossier.yaml', '-o', 'exhibits/E01/r.pdf'],
      /: it is in the exhibit folder exhibits\/E01; outputs are never written among exhibit files\n$/,
    );
    expect((await run(dir, ['verify', 'dossier.yaml'])).status).toBe(0);
  });

  // A helper's sweep (session 42): with that exhibit missing, `render -o` wrote the PDF
  // in its place (exit 0), and verify then called the exhibit tampered, not missing.
  test('a missing exhibit beside dossier.yaml: its place is refused, by any case or normalisation', async () => {
    const dir = copyExample();
    const root = path.join(dir, 'dossier.yaml');
    const moved = 'relevé-E03.txt'; // NFC
    renameSync(path.join(dir, EXHIBIT), path.join(dir, moved));
    writeFileSync(root, readFileSync(root, 'utf8').replace(`path: ${EXHIBIT}`, `path: ${moved}`));
    expect((await run(dir, ['verify', 'dossier.yaml'])).status).toBe(0);
    // Present: a name that differs from it only in case or normalisation is refused too
    // (on Linux another file, of the same visible name: one for the other on macOS).
    const alike =
      /: its name differs from that of an exhibit file of E03 \(relevé-E03\.txt\) only in case or Unicode normalisation; a file system that ignores either would take one for the other\n$/;
    for (const out of [moved.toUpperCase(), moved.normalize('NFD')])
      await expectRefused(dir, ['render', 'dossier.yaml', '-o', out], alike);
    renameSync(path.join(dir, moved), path.join(dir, 'kept-aside.txt'));
    const reason =
      /: it is where an exhibit file of E03 belongs \(relevé-E03\.txt, missing now\); an output never takes the place of a file the dossier lists\n$/;
    for (const out of [moved, moved.toUpperCase(), moved.normalize('NFD'), `./${moved}`])
      await expectRefused(dir, ['render', 'dossier.yaml', '-o', out], reason);
    await expectRefused(dir, ['export', 'dossier.yaml', '--to', 'case', '-o', moved], reason);
    await expectRefused(dir, ['packet', 'dossier.yaml', '-o', moved], reason);
    // Another name beside it is written.
    expect((await render(dir, 'referral.pdf')).status).toBe(0);
    const v = await run(dir, ['verify', 'dossier.yaml']);
    expect(v.status).toBe(1);
    expect(v.err + v.out.toString()).toMatch(/\[file-missing\]/);
  });

  test('a FIFO (no hang), a folder, a read-only file', async () => {
    const dir = copyExample();
    execFileSync('mkfifo', [path.join(dir, 'fifo')]);
    mkdirSync(path.join(dir, 'folder'));
    writeFileSync(path.join(dir, 'ro.pdf'), 'keep me');
    chmodSync(path.join(dir, 'ro.pdf'), 0o444);
    await expectRefused(
      dir,
      ['render', 'dossier.yaml', '-o', 'fifo'],
      /: it is a FIFO \(named pipe\), not a regular file/,
    );
    await expectRefused(
      dir,
      ['render', 'dossier.yaml', '-o', 'folder'],
      /: it is a folder, not a regular file/,
    );
    await expectRefused(
      dir,
      ['render', 'dossier.yaml', '-o', 'ro.pdf'],
      /refusing to write ro\.pdf: the file is read-only/,
    );
    expect(readFileSync(path.join(dir, 'ro.pdf'), 'utf8')).toBe('keep me');
  });

  test.skipIf(!isRoot)('a device node (mknod n c 1 3, as root) stays a device', async () => {
    const dir = copyExample();
    execFileSync('mknod', [path.join(dir, 'n'), 'c', '1', '3']);
    await expectRefused(
      dir,
      ['render', 'dossier.yaml', '-o', 'n'],
      /refusing to write n: it is a character device/,
    );
    expect(statSync(path.join(dir, 'n')).isCharacterDevice()).toBe(true);
  });

  test('an ordinary existing output is still replaced', async () => {
    const dir = copyExample();
    writeFileSync(path.join(dir, 'old.pdf'), 'old');
    const r = await render(dir, 'old.pdf');
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(dir, 'old.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('-o -', () => {
  test('render -o - writes the PDF to stdout, and no file named "-"', async () => {
    const dir = copyExample();
    const r = await render(dir, '-');
    expect(r.status).toBe(0);
    expect(r.err).toMatch(/^wrote the PDF to standard output \(\d+ pages, \d+ KiB\)\n$/);
    const pdf = await readPdf(r.out);
    expect(pdf.info.Title).toContain('19-123-000456');
    expect(existsSync(path.join(dir, '-'))).toBe(false);
  });

  test('render -o - refuses a terminal: exit 2, nothing written', async () => {
    const dir = copyExample();
    const r = await run(dir, ['render', 'dossier.yaml', '-o', '-'], true);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/refusing to write a PDF to a terminal/);
    expect(r.out.length).toBe(0);
  });

  test('packet -o - is a usage error (exit 2), nothing created', async () => {
    const dir = copyExample();
    const before = snapshot(dir);
    const r = await run(dir, ['packet', 'dossier.yaml', '-o', '-']);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/packet writes a folder, not a stream/);
    expect(snapshot(dir)).toEqual(before);
  });

  test.each([
    [
      ['import', EXHIBIT, '--dossier', 'dossier.yaml', '--evidence', 'E03', '-o', '-'],
      /import writes an include file, not a stream/,
    ],
    [['init', '-'], /init writes a folder, not a stream/],
  ])('%j is a usage error (exit 2), no file or folder named "-"', async (args, reason) => {
    const dir = copyExample();
    const before = snapshot(dir);
    const r = await run(dir, args);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(reason);
    expect(snapshot(dir)).toEqual(before);
  });

  test('schema -o - is stdout', async () => {
    const dir = tempDir();
    const r = await run(dir, ['schema', '-o', '-']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.out.toString('utf8'))).toHaveProperty('$schema');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('schema -o and packet -o', () => {
  test('schema -o refuses a FIFO and a read-only file', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [path.join(dir, 'fifo')]);
    writeFileSync(path.join(dir, 'ro.json'), '{}');
    chmodSync(path.join(dir, 'ro.json'), 0o444);
    await expectRefused(dir, ['schema', '-o', 'fifo'], /refusing to write fifo: it is a FIFO/);
    await expectRefused(
      dir,
      ['schema', '-o', 'ro.json'],
      /refusing to write ro\.json: the file is read-only/,
    );
  });

  test('packet -o refuses a folder in an exhibit folder, and a file or FIFO as DIR', async () => {
    const dir = copyExample();
    execFileSync('mkfifo', [path.join(dir, 'fifo')]);
    await expectRefused(
      dir,
      ['packet', 'dossier.yaml', '-o', 'exhibits/E03/packet'],
      /refusing to write exhibits\/E03\/packet: it is in the exhibit folder exhibits\/E03/,
    );
    await expectRefused(
      dir,
      ['packet', 'dossier.yaml', '-o', 'fifo'],
      /: it is a FIFO \(named pipe\), not a folder/,
    );
    await expectRefused(
      dir,
      ['packet', 'dossier.yaml', '-o', 'dossier.yaml'],
      /: it is a regular file, not a folder/,
    );
  });
});

describe('checkOutputTarget (for import -o, export -o and the rest)', () => {
  test('extra read files given by the caller, by name, symbolic or hard link', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'export.csv');
    writeFileSync(input, 'a,b\n');
    linkSync(input, path.join(dir, 'hard'));
    symlinkSync(input, path.join(dir, 'soft'));
    const reads = [{ path: input, what: 'the file being imported' }];
    for (const name of ['export.csv', 'hard', 'soft']) {
      await expect(
        checkOutputTarget({
          path: path.join(dir, name),
          shown: name,
          kind: 'file',
          reads,
          cwd: dir,
        }),
      ).rejects.toThrow(UnsafeOutputError);
    }
    await expect(
      checkOutputTarget({
        path: path.join(dir, 'new.yaml'),
        shown: 'new.yaml',
        kind: 'file',
        reads,
      }),
    ).resolves.toEqual({ path: path.join(dir, 'new.yaml'), realDir: realpathSync(dir) });
  });

  test('a path through a folder that does not exist, into a protected folder', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'sealed'));
    await expect(
      checkOutputTarget({
        path: path.join(dir, 'nested/../sealed/x.pdf'),
        shown: 'x',
        kind: 'file',
        protectedDirs: [path.join(dir, 'sealed')],
      }),
    ).rejects.toThrow(/in the exhibit folder/);
  });
});

describe('export -o refuses what it must not write', () => {
  test('an exhibit file and the dossier file', async () => {
    const dir = copyExample();
    await expectRefused(
      dir,
      ['export', 'dossier.yaml', '--to', 'case', '-o', EXHIBIT],
      /^courtfile: refusing to write exhibits\/E03\/bank-statements-2018\.txt: it is an exhibit file of E03, which this command reads\n$/,
    );
    await expectRefused(
      dir,
      ['export', 'dossier.yaml', '--to', 'case', '-o', 'dossier.yaml'],
      /refusing to write dossier\.yaml: it is the dossier file,/,
    );
  });
});

describe('an output path that is a symbolic link is followed to what it leads to', () => {
  test('render -o a chain of links to a file: that file gets the PDF, the links stay', async () => {
    const dir = copyExample();
    mkdirSync(path.join(dir, 'real'));
    writeFileSync(path.join(dir, 'real/t.pdf'), 'old');
    symlinkSync('real/t.pdf', path.join(dir, 'link.pdf'));
    symlinkSync('link.pdf', path.join(dir, 'chain.pdf'));
    const r = await render(dir, 'chain.pdf');
    expect(r.status).toBe(0);
    expect(r.err).toMatch(/^wrote chain\.pdf \(/);
    expect(readlinkSync(path.join(dir, 'chain.pdf'))).toBe('link.pdf');
    expect(readlinkSync(path.join(dir, 'link.pdf'))).toBe('real/t.pdf');
    expect((await render(dir, 'direct.pdf')).status).toBe(0);
    expect(readFileSync(path.join(dir, 'real/t.pdf'))).toEqual(
      readFileSync(path.join(dir, 'direct.pdf')),
    );
    expect(readdirSync(path.join(dir, 'real'))).toEqual(['t.pdf']);
  });

  test('a dangling link into an existing folder: the file it names is created', async () => {
    const dir = copyExample();
    mkdirSync(path.join(dir, 'out'));
    symlinkSync('out/new.pdf', path.join(dir, 'new.pdf'));
    expect((await render(dir, 'new.pdf')).status).toBe(0);
    expect(readlinkSync(path.join(dir, 'new.pdf'))).toBe('out/new.pdf');
    expect(readFileSync(path.join(dir, 'out/new.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  test('a link to a FIFO (no hang), a device, a folder, into a missing folder, a loop: refused', async () => {
    const dir = copyExample();
    execFileSync('mkfifo', [path.join(dir, 'fifo')]);
    mkdirSync(path.join(dir, 'folder'));
    const links: [string, string, RegExp][] = [
      ['fifo', 'fifo', /it is a FIFO \(named pipe\), not a regular file/],
      ['null', '/dev/null', /it is a character device, not a regular file/],
      ['folder', 'folder', /it is a folder, not a regular file/],
      ['missing', 'missing/x.pdf', /its folder does not exist/],
      // Resolved on paper, `missing/..` would name the dossier file: the kernel reaches
      // nothing through this link, and neither may courtfile (it replaced the dossier).
      ['paper', 'missing/../dossier.yaml', /its folder does not exist/],
      ['slash', 'sub/', /it names a folder, not a file/],
    ];
    for (const [name, to, reason] of links) {
      symlinkSync(to, path.join(dir, `${name}.pdf`));
      const shown = `${name}.pdf (a symbolic link to ${to})`.replace(/[.()/]/g, '\\$&');
      await expectRefused(
        dir,
        ['render', 'dossier.yaml', '-o', `${name}.pdf`],
        new RegExp(`^courtfile: refusing to write ${shown}: ${reason.source}`),
      );
      expect(readlinkSync(path.join(dir, `${name}.pdf`))).toBe(to);
    }
    // Last: snapshot() cannot stat a loop.
    symlinkSync('loop-b.pdf', path.join(dir, 'loop-a.pdf'));
    symlinkSync('loop-a.pdf', path.join(dir, 'loop-b.pdf'));
    const r = await render(dir, 'loop-a.pdf');
    expect(r.status).toBe(2);
    expect(r.err).toMatch(
      /^courtfile: refusing to write loop-a\.pdf: it is a symbolic link that leads to no file \(a loop/,
    );
    expect(readlinkSync(path.join(dir, 'loop-a.pdf'))).toBe('loop-b.pdf');
  });

  test('a link to the dossier file, into an exhibit folder, or onto a YAML file: refused', async () => {
    const dir = copyExample();
    symlinkSync('dossier.yaml', path.join(dir, 'dossier.pdf'));
    symlinkSync('exhibits/E03/new.pdf', path.join(dir, 'among.pdf'));
    symlinkSync('dossier.yaml', path.join(dir, 'schema.json'));
    await expectRefused(
      dir,
      ['render', 'dossier.yaml', '-o', 'dossier.pdf'],
      /refusing to write dossier\.pdf \(a symbolic link to dossier\.yaml\): it is the dossier file, which this command reads/,
    );
    await expectRefused(
      dir,
      ['render', 'dossier.yaml', '-o', 'among.pdf'],
      /refusing to write among\.pdf \(a symbolic link to exhibits\/E03\/new\.pdf\): it is in the exhibit folder exhibits\/E03/,
    );
    await expectRefused(
      dir,
      ['schema', '-o', 'schema.json'],
      /refusing to write schema\.json \(a symbolic link to dossier\.yaml\): it is an existing YAML file/,
    );
    expect(readlinkSync(path.join(dir, 'among.pdf'))).toBe('exhibits/E03/new.pdf');
    expect(existsSync(path.join(dir, 'exhibits/E03/new.pdf'))).toBe(false);
  });

  // A helper's sweep (session 33): a read-only empty folder was replaced by the packet
  // (exit 0), where a read-only file is refused.
  test('packet -o and init DIR: a read-only empty folder is refused, kept as it was', async () => {
    const dir = copyExample();
    mkdirSync(path.join(dir, 'ro'));
    chmodSync(path.join(dir, 'ro'), 0o555);
    for (const args of [
      ['packet', 'dossier.yaml', '-o', 'ro'],
      ['init', 'ro'],
    ]) {
      const r = await run(dir, args);
      expect(r.status).toBe(2);
      expect(r.err).toMatch(/refusing to write ro: the folder is read-only/);
      expect(statSync(path.join(dir, 'ro')).mode & 0o777).toBe(0o555);
      expect(readdirSync(path.join(dir, 'ro'))).toEqual([]);
    }
    chmodSync(path.join(dir, 'ro'), 0o755);
  });

  test('packet -o and init DIR: a link to a new or empty folder is followed, the link stays', async () => {
    const dir = copyExample();
    mkdirSync(path.join(dir, 'out/packet'), { recursive: true });
    symlinkSync('out/packet', path.join(dir, 'packet'));
    const r = await run(dir, ['packet', 'dossier.yaml', '-o', 'packet', '--date', '2024-05-01']);
    expect(r.status).toBe(0);
    expect(readlinkSync(path.join(dir, 'packet'))).toBe('out/packet');
    expect(readdirSync(path.join(dir, 'out/packet'))).toContain('manifest.json');
    expect((await run(dir, ['packet', '--check', 'packet'])).status).toBe(0);

    mkdirSync(path.join(dir, 'fresh'));
    symlinkSync('fresh/case', path.join(dir, 'case'));
    expect((await run(dir, ['init', 'case'])).status).toBe(0);
    expect(readlinkSync(path.join(dir, 'case'))).toBe('fresh/case');
    expect(existsSync(path.join(dir, 'fresh/case/dossier.yaml'))).toBe(true);
    // A link to a new folder written with its final slash, as `ln -s newdir/ P` makes it.
    symlinkSync('fresh/slashed/', path.join(dir, 'slashed'));
    expect((await run(dir, ['init', 'slashed'])).status).toBe(0);
    expect(existsSync(path.join(dir, 'fresh/slashed/dossier.yaml'))).toBe(true);
  });
});

describe.skipIf(!existsSync('/proc/self/fd/1'))('a link to /proc/self/fd/1 (built binary)', () => {
  beforeAll(ensureBuilt, 120_000);

  test('stdout a pipe or a socket: refused (exit 2), nothing written, the link kept', () => {
    const dir = tempDir();
    symlinkSync('/proc/self/fd/1', path.join(dir, 'fd1'));
    const r = runBin(['schema', '-o', 'fd1'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^courtfile: refusing to write fd1 \(a symbolic link to (pipe|socket):\[\d+\]\): it is (a FIFO \(named pipe\)|a socket), not a regular file/,
    );
    expect(r.stdout).toBe('');
    expect(readlinkSync(path.join(dir, 'fd1'))).toBe('/proc/self/fd/1');
  });

  test('stdout a file (-o /dev/stdout > x.json): that file gets the schema, the link kept', () => {
    const dir = tempDir();
    symlinkSync('/proc/self/fd/1', path.join(dir, 'fd1'));
    const fd = openSync(path.join(dir, 'x.json'), 'w');
    try {
      const r = spawnSync(
        process.execPath,
        [path.join(REPO_ROOT, 'bin/courtfile.js'), 'schema', '-o', 'fd1'],
        { cwd: dir, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', timeout: 60_000 },
      );
      expect(r.status).toBe(0);
    } finally {
      closeSync(fd);
    }
    expect(JSON.parse(readFileSync(path.join(dir, 'x.json'), 'utf8'))).toHaveProperty('$schema');
    expect(readlinkSync(path.join(dir, 'fd1'))).toBe('/proc/self/fd/1');
  });
});

// `-o "$OUT"` with OUT unset: the empty path named the working folder ("courtfile:  is
// not empty", "refusing to write : it is a folder"). Nothing is read or written.
describe('an empty argument is a usage error', () => {
  test.each([
    [['init', ''], 'argument 2 is empty'],
    [['packet', 'd.yaml', '-o', ''], 'argument 4 is empty (after -o)'],
    [['render', 'd.yaml', '-o', ''], 'argument 4 is empty (after -o)'],
    [['render', 'd.yaml', '--output='], '--output is given an empty value'],
    [['schema', '-o', ''], 'argument 3 is empty (after -o)'],
    [['validate', ''], 'argument 2 is empty'],
    [['validate', '--strict', '', 'd.yaml'], 'argument 3 is empty (after --strict)'],
  ])('courtfile %j', async (argv, said) => {
    const dir = tempDir();
    const f = fakeIO({ cwd: dir });
    expect(await main(argv, f.io)).toBe(2);
    expect(f.err()).toBe(
      `courtfile: ${said} (an unset shell variable?)${said.startsWith('argument') ? ': give a file, a folder or a value' : ''}\n`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});

// Hostile sweep (session 39): commander keeps the last of an option given twice, without
// a word: `packet --check TAMPERED --check GOOD` checked GOOD only (exit 0), `-o a -o b`
// wrote b only. Nothing is read or written.
describe('an option that takes a value, given twice, is a usage error', () => {
  test.each([
    [['packet', '--check', 'a', '--check', 'b'], '--check'],
    [['packet', 'd.yaml', '-o', 'a', '--output=b'], '--output'],
    [['render', 'd.yaml', '-oa.pdf', '-o', 'b.pdf'], '--output'],
    [['render', 'd.yaml', '--lang', 'fr', '--date', '2024-01-01', '--lang', 'en'], '--lang'],
    [
      ['packet', '--check', 'p', '--allowed-signers', 'x', '--allowed-signers', 'y'],
      '--allowed-signers',
    ],
    [['templates', 'check', '--format', 'json', '--format', 'text'], '--format'],
  ])('courtfile %j', async (argv, option) => {
    const dir = tempDir();
    const f = fakeIO({ cwd: dir });
    expect(await main(argv, f.io)).toBe(2);
    expect(f.err()).toBe(
      `courtfile: option ${option} is given more than once: it takes one value; give it once\n`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  test('a flag given twice, a value that looks like the option, and words after -- pass on', async () => {
    const dir = copyExample();
    for (const argv of [
      ['validate', '--strict', '--strict', 'dossier.yaml'],
      ['render', 'dossier.yaml', '-o', 'a.pdf', '--date', '2024-01-01', '--', '--lang'],
      // Help asked wins (a review): it is shown, exit 0.
      ['render', 'dossier.yaml', '-o', 'a.pdf', '-o', 'b.pdf', '--help'],
    ]) {
      const f = fakeIO({ cwd: dir });
      await main(argv, f.io);
      expect(f.err()).not.toContain('more than once');
    }
  });
});

describe('an output whose own name is long but legal (audit, session 25)', () => {
  // 247 characters + ".pdf": a legal name; the temporary file beside it must be one too.
  const long = 'c'.repeat(247);

  test('render -o and export -o write it, and leave no temporary file', async () => {
    const dir = copyExample();
    const r = await render(dir, `${long}.pdf`);
    expect(r.err).toMatch(/^wrote c+\.pdf \(\d+ pages/);
    expect(r.status).toBe(0);
    const e = await run(dir, ['export', 'dossier.yaml', '--to', 'case', '-o', `${long}.json`]);
    expect(e.status).toBe(0);
    const names = readdirSync(dir).filter((n) => n.startsWith('c') || n.includes('courtfile-tmp'));
    expect(names.sort()).toEqual([`${long}.json`, `${long}.pdf`]);
  });

  test('packet -o and init write their folders', async () => {
    const dir = copyExample();
    const p = await run(dir, ['packet', 'dossier.yaml', '-o', long, '--date', '2024-05-01']);
    expect(p.status).toBe(0);
    expect(readdirSync(path.join(dir, long))).toContain('manifest.json');
    const i = await run(dir, ['init', `i${long}`]);
    expect(i.status).toBe(0);
    expect(readdirSync(path.join(dir, `i${long}`))).toContain('dossier.yaml');
    expect(readdirSync(dir).filter((n) => n.includes('courtfile-tmp'))).toEqual([]);
  });
});

describe('`..` after a symbolic link, as the system reads it (audit, session 25)', () => {
  // `lnk` leads to exhibits/E01: `lnk/../E03/…` is exhibits/E03/…, not ./E03/… (which
  // path.resolve gave, so that courtfile wrote beside the link, in a folder made here to
  // exist, what the shell would have put among the exhibits).
  function linked(): string {
    const dir = copyExample();
    symlinkSync('exhibits/E01', path.join(dir, 'lnk'));
    mkdirSync(path.join(dir, 'E03'));
    return dir;
  }

  test('render -o lnk/../E03/<an exhibit file>: refused as that exhibit file', async () => {
    const dir = linked();
    await expectRefused(
      dir,
      ['render', 'dossier.yaml', '-o', 'lnk/../E03/bank-statements-2018.txt'],
      /^courtfile: refusing to write lnk\/\.\.\/E03\/bank-statements-2018\.txt: it is an exhibit file of E03, which this command reads\n$/,
    );
  });

  test.each([
    [
      'render',
      ['render', 'dossier.yaml', '--date', '2024-05-01', '-o', 'lnk/../out.pdf'],
      'out.pdf',
    ],
    ['export', ['export', 'dossier.yaml', '--to', 'case', '-o', 'lnk/../out.json'], 'out.json'],
    ['schema', ['schema', '-o', 'lnk/../out.json'], 'out.json'],
    ['packet', ['packet', 'dossier.yaml', '--date', '2024-05-01', '-o', 'lnk/../pk'], 'pk'],
    ['init', ['init', 'lnk/../new-case'], 'new-case'],
  ])('%s -o lnk/../NAME writes exhibits/NAME, not ./NAME', async (_, args, name) => {
    const dir = linked();
    const r = await run(dir, args);
    expect(r.err + r.out.toString('utf8')).toContain(
      name === 'new-case' ? 'created exhibits/new-case/dossier.yaml' : `wrote lnk/../${name}`,
    );
    expect(r.status).toBe(0);
    expect(existsSync(path.join(dir, 'exhibits', name))).toBe(true);
    expect(existsSync(path.join(dir, name))).toBe(false);
  });

  test('a path whose part up to its `..` does not exist: exit 2, nothing written', async () => {
    const dir = linked();
    symlinkSync('nowhere', path.join(dir, 'dangling'));
    await expectRefused(
      dir,
      ['render', 'dossier.yaml', '-o', 'dangling/../dossier-copy.pdf'],
      /^courtfile: cannot write dangling\/\.\.\/dossier-copy\.pdf: no such file or directory\n$/,
    );
  });
});

describe('names with line breaks and terminal escapes in what the CLI says on stderr (audit, session 26)', () => {
  // A file name is quoted on stderr (why a command failed, what it wrote): a line break in
  // it started a line that looked like a finding, an ESC sequence cleared the terminal.
  const forged = 'x\nd.yaml:1:1: error: FORGED [x]\u001b[2J\r.pdf';
  const escaped = 'x\\nd.yaml:1:1: error: FORGED [x]\\x1B[2J\\r.pdf';
  const oneLine = (err: string) => {
    expect(err.endsWith('\n')).toBe(true);
    // eslint-disable-next-line no-control-regex -- looking for raw control characters is the point
    expect(err.slice(0, -1)).not.toMatch(/[\n\r\u001b]/);
  };

  test('a failure (validate of a missing file), in every format', async () => {
    const dir = tempDir();
    for (const format of ['text', 'json', 'sarif']) {
      const r = await run(dir, ['validate', forged, '--format', format]);
      expect(r.status).toBe(2);
      oneLine(r.err);
      expect(r.err).toBe(`courtfile: cannot read ${escaped}: no such file or directory\n`);
    }
  });

  test("commander's own errors (an unknown option quoted as typed)", async () => {
    const dir = tempDir();
    for (const format of ['text', 'json']) {
      const r = await run(dir, ['validate', 'd.yaml', `--bad${forged}`, '--format', format]);
      expect(r.status).toBe(2);
      const first = r.err.split('\n')[0] ?? '';
      expect(first).toBe(`error: unknown option '--bad${escaped}'`);
      // eslint-disable-next-line no-control-regex -- looking for raw control characters is the point
      expect(r.err).not.toMatch(/[\r\u001b]/);
      if (format === 'json') {
        const failures = (JSON.parse(r.out.toString()) as { failures: string[] }).failures;
        expect(failures.join(' ')).toContain('FORGED');
      }
    }
  });

  test('help shown for a missing command is written as help, not escaped', async () => {
    const dir = tempDir();
    for (const args of [[], ['templates']]) {
      const r = await run(dir, args);
      expect(r.status).toBe(2);
      const lines = r.err.split('\n');
      expect(lines[0]).toMatch(/^Usage: courtfile (templates )?\[options\] \[command\]$/);
      expect(lines.length).toBeGreaterThan(8);
      expect(r.err).not.toContain('\\n');
    }
  });

  test('what render and export wrote', async () => {
    const dir = copyExample();
    const r = await render(dir, forged);
    expect(r.status).toBe(0);
    oneLine(r.err);
    expect(r.err).toMatch(
      /^wrote x\\nd\.yaml:1:1: error: FORGED \[x\]\\x1B\[2J\\r\.pdf \(\d+ pages/,
    );
    const e = await run(dir, ['export', 'dossier.yaml', '--to', 'case', '-o', `${forged}.json`]);
    expect(e.status).toBe(0);
    oneLine(e.err);
    expect(e.err).toContain(`wrote ${escaped}.json (CASE/UCO`);
  });
});

// A helper's sweep (session 37): the exhibit folders were compared by real path, and a
// bind mount of one is another real path: render and packet wrote into exhibits/E01
// through it, exit 0. Folders are compared by device and inode too. (Needs a mount
// namespace: root, or a system that lets `unshare -m` mount; skipped elsewhere.)
const canBind =
  process.platform === 'linux' &&
  spawnSync('unshare', ['-m', 'sh', '-c', 'mount --make-rprivate / && mount -t tmpfs none /mnt'], {
    stdio: 'ignore',
  }).status === 0;

describe.skipIf(!canBind)('a bind mount of an exhibit folder', () => {
  beforeAll(ensureBuilt, 120_000);

  test('render, export and packet into it are refused; the exhibit folder is left as it was', () => {
    const d = copyExample();
    const bind = tempDir();
    const e01 = path.join(d, 'exhibits/E01');
    const before = readdirSync(e01).sort();
    const bin = path.join(REPO_ROOT, 'bin/courtfile.js');
    const script = [
      'mount --make-rprivate /',
      `mount --bind "${e01}" "${bind}"`,
      `cd "${d}"`,
      `"${process.execPath}" "${bin}" render dossier.yaml -o "${bind}/new.pdf"; echo "render=$?"`,
      `"${process.execPath}" "${bin}" export dossier.yaml --to case -o "${bind}/g.jsonld"; echo "export=$?"`,
      `"${process.execPath}" "${bin}" packet dossier.yaml -o "${bind}/pk"; echo "packet=$?"`,
    ].join('\n');
    const r = spawnSync('unshare', ['-m', 'sh', '-c', script], { encoding: 'utf8' });
    expect(r.stdout).toContain('render=2');
    expect(r.stdout).toContain('export=2');
    expect(r.stdout).toContain('packet=2');
    expect(r.stderr).toMatch(
      /refusing to write .*new\.pdf: it is in the exhibit folder exhibits\/E01/,
    );
    expect(readdirSync(e01).sort()).toEqual(before);
  }, 120_000);
});
