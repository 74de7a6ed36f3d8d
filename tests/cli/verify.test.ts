import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runVerify } from '../../src/cli/commands/verify.js';
import { main } from '../../src/cli/main.js';
import { installSignalHandlers } from '../../src/cli/signals.js';
import { fakeIO } from '../helpers/fake-io.js';
import { positionOf } from '../helpers/position.js';
import { copyExample, mutate, removeTempDirs, tempDir } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

const EXHIBIT = 'exhibits/E03/bank-statements-2018.txt';

/** Run `courtfile verify dossier.yaml ...` in a fresh copy of the example dossier. */
async function verifyCopy(args: string[], prepare?: (dir: string) => Promise<void>) {
  const dir = copyExample();
  await prepare?.(dir);
  const { io, out, err } = fakeIO({ cwd: dir });
  const status = await main(['verify', 'dossier.yaml', ...args], io);
  return { status, out: out(), err: err(), dir };
}

const appendByte = (dir: string) => fs.appendFile(path.join(dir, EXHIBIT), 'x');

/** Where the file entry of EXHIBIT is written: the line of its `path:` (searched, not hard-coded). */
function entryPosition(dir: string) {
  return positionOf(readFileSync(path.join(dir, 'dossier.yaml'), 'utf8'), `path: ${EXHIBIT}`);
}

describe('courtfile verify', () => {
  it('exits 0 on the pristine example and says what it checked', async () => {
    const { status, out, err } = await verifyCopy([]);
    expect(err).toBe('');
    expect(status).toBe(0);
    expect(out).toMatch(/^9 files checked, [0-9.]+ MiB in [0-9.]+ s \([0-9.]+ MiB\/s\)$/m);
    expect(out.trimEnd().split('\n').at(-1)).toBe('0 errors, 0 warnings');
  });

  it('exits 1 with hash-mismatch at the file entry when a byte is appended', async () => {
    const { status, out, dir } = await verifyCopy([], appendByte);
    expect(status).toBe(1);
    const { line, column } = entryPosition(dir);
    expect(out).toContain(`dossier.yaml:${line}:${column}: error: `);
    const lines = out.split('\n').filter((l) => l.startsWith('dossier.yaml:'));
    expect(lines.map((l) => /\[([a-z-]+)\]$/.exec(l)?.[1]).sort()).toEqual([
      'hash-mismatch',
      'size-mismatch',
    ]);
    expect(lines.every((l) => l.startsWith(`dossier.yaml:${line}:`))).toBe(true);
    expect(out).toContain('2 errors, 0 warnings');
  });

  it('prints one JSON document with the verify summary', async () => {
    const { status, out, dir } = await verifyCopy(['--format', 'json'], appendByte);
    expect(status).toBe(1);
    const doc = JSON.parse(out) as {
      errors: number;
      warnings: number;
      diagnostics: {
        file: string;
        line: number;
        column: number;
        severity: string;
        code: string;
        path: unknown[];
      }[];
      verify: { files: number; bytes: number; seconds: number; ok: number };
    };
    const { line } = entryPosition(dir);
    expect(doc).toMatchObject({ errors: 2, warnings: 0 });
    expect(doc.diagnostics.find((d) => d.code === 'hash-mismatch')).toMatchObject({
      file: 'dossier.yaml',
      line,
      severity: 'error',
      path: ['evidence', 2, 'files', 0],
    });
    expect(doc.verify).toMatchObject({ files: 9, ok: 8 });
    expect(doc.verify.bytes).toBeGreaterThan(0);
  });

  it('prints GitHub workflow commands', async () => {
    const { status, out, dir } = await verifyCopy(['--format', 'github'], appendByte);
    expect(status).toBe(1);
    const { line, column } = entryPosition(dir);
    expect(out).toContain(
      `::error file=dossier.yaml,line=${line},col=${column},title=hash-mismatch::`,
    );
  });

  it('does not look at exhibit files when the dossier has errors', async () => {
    const { status, out, err } = await verifyCopy(['--format', 'json'], async (dir) => {
      const file = path.join(dir, 'dossier.yaml');
      await fs.writeFile(
        file,
        (await fs.readFile(file, 'utf8')).replace('courtfile: 1', 'courtfile: 1\nbogus: 1'),
      );
      await appendByte(dir);
    });
    expect(status).toBe(1);
    const doc = JSON.parse(out) as { diagnostics: { code: string }[]; verify: unknown };
    expect(doc.diagnostics.map((d) => d.code)).toEqual(['unknown-key']);
    expect(doc.verify).toBeNull();
    expect(err).toContain('not checked');
  });

  it('checks every other file when exhibit paths lead out of the root, never opening those', async () => {
    const outside = tempDir();
    const files = (dir: string) => ({
      cover: path.join(dir, 'exhibits/E01/wu-cover-letter.txt'),
      report: path.join(dir, 'exhibits/E04/nbi-amlc-report.txt'),
      phone: path.join(dir, 'exhibits/E06/extraction-report-phone-p1.txt'),
    });
    let climbing = '';
    const { status, out, err, dir } = await verifyCopy(['--format', 'json'], async (dir) => {
      const { cover, report, phone } = files(dir);
      // Outside copies identical to the indexed files: they would pass if they were hashed.
      await fs.copyFile(cover, path.join(outside, 'cover.txt'));
      await fs.copyFile(report, path.join(outside, 'report.txt'));
      climbing = `../${path.basename(outside)}/cover.txt`;
      mutate(
        path.join(dir, 'dossier.yaml'),
        'path: exhibits/E01/wu-cover-letter.txt',
        `path: ${climbing}`,
      );
      await fs.rm(report);
      await fs.symlink(path.join(outside, 'report.txt'), report);
      await fs.rm(phone);
      await appendByte(dir);
    });
    expect(err).toBe('');
    expect(status).toBe(1);
    const text = readFileSync(path.join(dir, 'dossier.yaml'), 'utf8');
    const at = (marker: string) => positionOf(text, marker);
    const doc = JSON.parse(out) as {
      errors: number;
      diagnostics: { line: number; column: number; code: string; path: unknown[] }[];
      verify: { files: number; bytes: number; ok: number } | null;
    };
    const climb = at(climbing);
    const linked = at('exhibits/E04/nbi-amlc-report.txt');
    const changed = entryPosition(dir);
    const missing = at('path: exhibits/E06/');
    expect(doc.diagnostics.map((d) => [d.line, d.column, d.code])).toEqual([
      [climb.line, climb.column, 'path-outside'],
      [changed.line, changed.column, 'hash-mismatch'],
      [changed.line, changed.column, 'size-mismatch'],
      [linked.line, linked.column, 'path-outside'],
      [missing.line, missing.column, 'file-missing'],
    ]);
    // Each path-outside once, where validate reports it (the entry's `path`).
    expect(doc.diagnostics.filter((d) => d.code === 'path-outside').map((d) => d.path)).toEqual([
      ['evidence', 0, 'files', 1, 'path'],
      ['evidence', 3, 'files', 0, 'path'],
    ]);
    expect(doc.errors).toBe(5);
    // The bytes read are those of the files inside the root, not one of the outside copies.
    const inside = [
      'exhibits/E01/wu-transactions-2018.csv.txt',
      'exhibits/E02/remitly-export-2018.csv.txt',
      EXHIBIT,
      'exhibits/E05/video-platform-logs-2018.csv.txt',
      'exhibits/E07/extraction-report-computer-p2.txt',
      'exhibits/E08/pv-synthese.txt',
    ];
    let bytes = 0;
    for (const f of inside) bytes += (await fs.stat(path.join(dir, f))).size;
    expect(doc.verify).toEqual(expect.objectContaining({ files: 9, ok: 5, bytes }));

    const plain = await verifyCopy([], async (copy) => {
      mutate(
        path.join(copy, 'dossier.yaml'),
        'path: exhibits/E01/wu-cover-letter.txt',
        'path: ../outside.txt',
      );
      await appendByte(copy);
    });
    expect(plain.status).toBe(1);
    expect(plain.out).not.toContain('not checked');
    expect(plain.out).toMatch(/^9 files checked, /m);
    expect(plain.out.match(/\[[a-z-]+\]$/gm)).toEqual([
      '[path-outside]',
      '[hash-mismatch]',
      '[size-mismatch]',
    ]);
    expect(plain.out.trimEnd().split('\n').at(-1)).toBe('3 errors, 0 warnings');
  });

  it('checks no exhibit file when the dossier has other errors besides exhibit paths', async () => {
    const { status, out, err } = await verifyCopy(['--format', 'json'], async (dir) => {
      const file = path.join(dir, 'dossier.yaml');
      mutate(file, 'courtfile: 1', 'courtfile: 1\nbogus: 1');
      mutate(file, 'path: exhibits/E01/wu-cover-letter.txt', 'path: ../outside.txt');
      await appendByte(dir);
    });
    expect(status).toBe(1);
    const doc = JSON.parse(out) as { diagnostics: { code: string }[]; verify: unknown };
    expect(doc.diagnostics.map((d) => d.code)).toEqual(['unknown-key', 'path-outside']);
    expect(doc.verify).toBeNull();
    expect(err).toContain('not checked');
  });

  it('warns about unlisted files with --unlisted; --strict makes warnings fail', async () => {
    const stray = (dir: string) =>
      fs.writeFile(path.join(dir, 'exhibits/E01/stray.txt'), 'not indexed');
    const plain = await verifyCopy([], stray);
    expect(plain.status).toBe(0);
    expect(plain.out).not.toContain('unlisted-file');

    const warned = await verifyCopy(['--unlisted'], stray);
    expect(warned.status).toBe(0);
    const evidenceLine =
      positionOf(readFileSync(path.join(warned.dir, 'dossier.yaml'), 'utf8'), '\nevidence:').line +
      1;
    expect(warned.out).toContain(`dossier.yaml:${evidenceLine}:1: warning: `);
    expect(warned.out).toContain('"exhibits/E01/stray.txt"');
    expect(warned.out).toContain('0 errors, 1 warning');

    const strict = await verifyCopy(['--unlisted', '--strict'], stray);
    expect(strict.status).toBe(1);
    // The warning is an error under --strict: so printed and so counted.
    expect(strict.out).toContain(`dossier.yaml:${evidenceLine}:1: error: `);
    expect(strict.out).toMatch(/\[unlisted-file\]\n/);
    expect(strict.out).not.toContain('warning:');
    expect(strict.out.trimEnd().split('\n').at(-1)).toBe('1 error, 0 warnings');

    const json = await verifyCopy(['--unlisted', '--strict', '--format', 'json'], stray);
    expect(json.status).toBe(1);
    const doc = JSON.parse(json.out) as {
      errors: number;
      warnings: number;
      diagnostics: { severity: string; code: string }[];
    };
    expect([doc.errors, doc.warnings]).toEqual([1, 0]);
    expect(doc.diagnostics.map((d) => [d.severity, d.code])).toEqual([['error', 'unlisted-file']]);

    const github = await verifyCopy(['--unlisted', '--strict', '--format', 'github'], stray);
    expect(github.status).toBe(1);
    expect(github.out).toMatch(/^::error file=dossier\.yaml,line=\d+,col=1,title=unlisted-file::/);
  });

  it('exits 2 when the dossier file cannot be read', async () => {
    const { io, err } = fakeIO();
    expect(await main(['verify', '/nonexistent/dossier.yaml'], io)).toBe(2);
    expect(err()).toContain('courtfile:');
  });

  it('exits 130 when interrupted, with no report', async () => {
    const dir = copyExample();
    const { io, out, err } = fakeIO({ cwd: dir });
    const status = await runVerify(
      'dossier.yaml',
      { format: 'text', signal: AbortSignal.abort() },
      io,
    );
    expect(status).toBe(130);
    expect(out()).toBe('');
    expect(err()).toContain('interrupted');
  });

  it.each([
    ['SIGINT', 130, /interrupted\n$/],
    ['SIGTERM', 143, /terminated\n$/],
  ] as const)(
    'stops on %s while hashing: exit %i, no report, no listener left',
    async (signal, status, message) => {
      const dir = copyExample();
      const big = await fs.open(path.join(dir, EXHIBIT), 'r+');
      await big.truncate(4 * 1024 * 1024 * 1024); // sparse: hashing it would take seconds
      await big.close();
      const before = new Set(process.listeners(signal));
      const handling = installSignalHandlers({ stderr: { write: () => true }, exit: () => {} });
      try {
        const { io, out, err } = fakeIO({ cwd: dir, isTTY: true, signal: handling.stopSignal });
        const run = runVerify('dossier.yaml', { format: 'text' }, io);
        await new Promise((r) => setTimeout(r, 50));
        const ours = process.listeners(signal).find((l) => !before.has(l));
        ours?.(signal); // what the signal would call, without signalling the test runner
        expect(await run).toBe(status);
        expect(out()).toBe('');
        expect(err()).toMatch(message);
      } finally {
        handling.uninstall();
      }
      expect(process.listeners(signal).filter((l) => !before.has(l))).toEqual([]);
    },
  );

  it('shows no progress line when stderr is not a terminal, nor for a short run on one', async () => {
    for (const isTTY of [false, true]) {
      const { io, err } = fakeIO({ cwd: copyExample(), isTTY, env: { NO_COLOR: '1' } });
      expect(await runVerify('dossier.yaml', { format: 'text' }, io)).toBe(0);
      expect(err()).toBe('');
    }
  });

  it('rejects a bad --concurrency', async () => {
    const { io } = fakeIO({ cwd: copyExample() });
    await expect(runVerify('dossier.yaml', { format: 'text', concurrency: 0 }, io)).rejects.toThrow(
      /concurrency/,
    );
    expect(await main(['verify', 'dossier.yaml', '--concurrency', 'x'], io)).toBe(2);
    // Whatever is wrong, the same range is given (an audit found "1 to 9999" for 0 and
    // "1 to 64" for 65).
    for (const bad of ['0', '65', '10000', 'x']) {
      const fake = fakeIO({ cwd: copyExample() });
      expect(await main(['verify', 'dossier.yaml', '--concurrency', bad], fake.io)).toBe(2);
      expect(fake.err(), bad).toContain('expected a whole number from 1 to 64');
    }
  });
});
