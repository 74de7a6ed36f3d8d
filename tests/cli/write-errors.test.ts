/**
 * Write errors on stdout and stderr (issue 11, item 7): `courtfile summary D > /dev/full`
 * and the same for schema, validate, verify and packet --check end with one line on
 * stderr and exit 2, never a Node stack trace; a reader that goes away (EPIPE) gets no
 * message. Runs of the built CLI, plus guardStdio in-process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { guardStdio } from '../../src/cli/stdio.js';
import { registerTemp } from '../../src/output/temp-registry.js';
import { ensureBuilt, runBin } from '../helpers/built-cli.js';
import { EXAMPLE_DIR, REPO_ROOT, removeTempDirs, tempDir } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

const BIN = path.join(REPO_ROOT, 'bin/courtfile.js');
const example = path.join(EXAMPLE_DIR, 'dossier.yaml');
const hasDevFull = existsSync('/dev/full');

/** Run the CLI with stdout (or stderr) on /dev/full, where every write fails with ENOSPC. */
function runFull(args: string[], which: 'stdout' | 'stderr' = 'stdout') {
  const full = openSync('/dev/full', 'w');
  try {
    const stdio = which === 'stdout' ? ['ignore', full, 'pipe'] : ['ignore', 'pipe', full];
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd: REPO_ROOT,
      stdio: stdio as ['ignore', number, 'pipe'],
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: r.status, stderr: r.stderr ?? '', stdout: r.stdout ?? '' };
  } finally {
    closeSync(full);
  }
}

describe.skipIf(!hasDevFull)('a failed write to stdout: one line, exit 2', () => {
  let packet: string;
  beforeAll(async () => {
    await ensureBuilt();
    packet = path.join(tempDir('courtfile-write-'), 'pk');
    const made = runBin(['packet', example, '-o', packet, '--date', '2024-05-01']);
    expect(made.status).toBe(0);
  }, 120_000);

  test.each([
    ['summary', [example]],
    ['summary --json', [example, '--json']],
    ['schema', []],
    ['validate', [example]],
    ['validate --format json', [example, '--format', 'json']],
    ['verify', [example]],
  ])('%s > /dev/full', (name, rest) => {
    const r = runFull([name.split(' ')[0] as string, ...rest]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /(?:^|\n)courtfile: cannot write to standard output: no space left on device\n$/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at |node:internal|Error:/);
  });

  test('packet --check > /dev/full', () => {
    const r = runFull(['packet', '--check', packet]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('courtfile: cannot write to standard output: no space left on device\n');
  });

  test('stderr on /dev/full: exit 2, no crash', () => {
    // verify of a missing dossier writes its error to stderr only.
    const r = runFull(['validate', '/nonexistent/dossier.yaml'], 'stderr');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });
});

describe('EPIPE on stdout: quiet, exit 2', () => {
  beforeAll(ensureBuilt, 120_000);

  test('render -o - into a pipe whose reader has gone', async () => {
    const dir = tempDir();
    const child = spawn(
      process.execPath,
      [BIN, 'render', example, '-o', '-', '--date', '2024-05-01'],
      {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout.destroy(); // the reader goes away before the PDF (> 64 KiB) is written
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const status = await new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    expect(status).toBe(2);
    expect(stderr).toBe('');
  }, 60_000);

  // Reported by an audit: a reader that read a little and went away only once the whole
  // document had been queued (`| (sleep 1.5; head -c 100)`) made the command say "wrote
  // the PDF to standard output" and then exit 2.
  test.each([
    ['render', ['render', example, '-o', '-', '--date', '2024-05-01']],
    ['export', ['export', example, '--to', 'case', '-o', '-']],
  ])(
    '%s -o - into a pipe whose reader leaves after a while',
    (_, args) => {
      // A shell pipe (64 KiB of buffer; both documents are larger): the reader sleeps while
      // the command queues its output, reads 100 bytes and leaves.
      const errFile = path.join(tempDir(), 'stderr.txt');
      const r = spawnSync(
        'bash',
        [
          '-c',
          '"$@" 2>"$ERR" | (sleep 2; head -c 100 >/dev/null); echo "${PIPESTATUS[0]}"',
          'pipe',
          process.execPath,
          BIN,
          ...args,
        ],
        {
          cwd: tempDir(),
          encoding: 'utf8',
          timeout: 60_000,
          env: { ...process.env, ERR: errFile },
        },
      );
      expect(r.stdout).toBe('2\n');
      expect(readFileSync(errFile, 'utf8')).toBe('');
    },
    60_000,
  );

  test('export -o - into a pipe read whole: the line says it was written', async () => {
    const child = spawn(process.execPath, [BIN, 'export', example, '--to', 'case', '-o', '-'], {
      cwd: tempDir(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let bytes = 0;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (bytes += d.length));
    const status = await new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    expect(status).toBe(0);
    expect(bytes).toBeGreaterThan(64 * 1024);
    expect(stderr).toBe(
      `wrote the graph to standard output (CASE/UCO 1.4 JSON-LD, ${Math.round(bytes / 1024)} KiB)\n`,
    );
  }, 60_000);
});

describe('guardStdio', () => {
  const fakeStream = () => Object.assign(new EventEmitter(), { write: () => true });
  const errno = (code: string) => Object.assign(new Error(code), { code });

  test('ENOSPC on stdout: temporaries removed, one line on stderr, exit 2 once', () => {
    const stdout = fakeStream();
    const lines: string[] = [];
    const stderr = Object.assign(new EventEmitter(), {
      write: (s: string) => (lines.push(s), true),
    });
    const exits: number[] = [];
    guardStdio(stdout, stderr, (s) => exits.push(s));
    const temp = path.join(tempDir(), '.courtfile-tmp-x');
    mkdirSync(temp);
    registerTemp(temp);
    stdout.emit('error', errno('ENOSPC'));
    stdout.emit('error', errno('ENOSPC'));
    expect(exits).toEqual([2]);
    expect(lines).toEqual([
      'courtfile: cannot write to standard output: no space left on device\n',
    ]);
    expect(existsSync(temp)).toBe(false);
  });

  test('EPIPE on stdout, or any error on stderr: exit 2 without a message', () => {
    for (const [which, code] of [
      ['stdout', 'EPIPE'],
      ['stderr', 'EIO'],
    ] as const) {
      const stdout = fakeStream();
      const lines: string[] = [];
      const stderr = Object.assign(new EventEmitter(), {
        write: (s: string) => (lines.push(s), true),
      });
      const exits: number[] = [];
      guardStdio(stdout, stderr, (s) => exits.push(s));
      (which === 'stdout' ? stdout : stderr).emit('error', errno(code));
      expect(exits).toEqual([2]);
      expect(lines).toEqual([]);
    }
  });

  // Review (session 38): a terminal hung up makes writes to it fail with EIO, and
  // process.exit() then failed to restore its settings: Node 20 died of SIGSEGV with a
  // native stack trace. The process ends as SIGHUP does, temporaries removed.
  test('EIO on a terminal: temporaries removed, ended as hung up (not process.exit)', () => {
    for (const which of ['stdout', 'stderr'] as const) {
      const stdout = Object.assign(fakeStream(), { isTTY: true });
      const stderr = Object.assign(new EventEmitter(), { write: () => true, isTTY: true });
      const exits: number[] = [];
      const hangUps: number[] = [];
      guardStdio(
        stdout,
        stderr,
        (s) => exits.push(s),
        (s) => hangUps.push(s),
      );
      const temp = path.join(tempDir(), '.courtfile-tmp-y');
      mkdirSync(temp);
      registerTemp(temp);
      (which === 'stdout' ? stdout : stderr).emit('error', errno('EIO'));
      expect(exits).toEqual([]);
      expect(hangUps).toEqual([129]);
      expect(existsSync(temp)).toBe(false);
    }
  });
});
