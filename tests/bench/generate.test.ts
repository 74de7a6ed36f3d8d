import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';

/** The benchmark generator (bench/generate.js) must write valid, deterministic dossiers. */

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const generator = path.join(repo, 'bench/generate.js');
const temp = mkdtempSync(path.join(os.tmpdir(), 'courtfile-bench-gen-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

interface Manifest {
  root: string;
  includes: string[];
  exhibits: { path: string; size: number; sha256: string }[];
  counts: Record<string, number>;
}

function generate(out: string, extra: string[] = []): Manifest {
  const args = ['--out', out, '--transfers', '200', '--exchanges', '150', '--exhibits', '3'];
  execFileSync(process.execPath, [
    generator,
    ...args,
    '--exhibit-bytes',
    '5K',
    '--seed',
    '7',
    '--chunk',
    '80',
    ...extra,
  ]);
  return JSON.parse(readFileSync(path.join(out, 'bench-manifest.json'), 'utf8')) as Manifest;
}

async function validate(file: string): Promise<{
  status: number;
  report: { errors: number; warnings: number; diagnostics: unknown[] };
}> {
  let stdout = '';
  const io: CliIO = {
    stdout: { write: (s: string) => ((stdout += s), true) },
    stderr: { write: () => true },
    cwd: repo,
    env: {},
  };
  const status = await main(['validate', '--format', 'json', file], io);
  return {
    status,
    report: JSON.parse(stdout) as { errors: number; warnings: number; diagnostics: unknown[] },
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(path.join(dir, f)).isFile())
    .sort();
}

describe('bench/generate.js', () => {
  const a = path.join(temp, 'a');
  let manifest: Manifest;
  beforeAll(() => {
    manifest = generate(a);
  });

  it('writes a dossier that validates with no error and no warning', async () => {
    const { status, report } = await validate(path.join(a, manifest.root));
    expect(report.diagnostics).toEqual([]);
    expect(report).toMatchObject({ errors: 0, warnings: 0 });
    expect(status).toBe(0);
  });

  it('splits records into included chunks and lists every exhibit with its real hash and size', () => {
    expect(manifest.includes).toEqual([
      'transfers-001.yaml',
      'transfers-002.yaml',
      'transfers-003.yaml',
      'exchanges-001.yaml',
      'exchanges-002.yaml',
    ]);
    expect(manifest.exhibits).toHaveLength(3);
    const root = readFileSync(path.join(a, manifest.root), 'utf8');
    expect(root).toMatch(/^# FICTIONAL TEST DATA/);
    for (const f of manifest.exhibits) {
      const bytes = readFileSync(path.join(a, f.path));
      expect(bytes.length).toBe(5 * 1024);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256);
      expect(root).toContain(f.sha256);
    }
  });

  it('writes live sessions, several time zones and several currencies', () => {
    const exchanges = readFileSync(path.join(a, 'exchanges-001.yaml'), 'utf8');
    const transfers = readFileSync(path.join(a, 'transfers-001.yaml'), 'utf8');
    expect(exchanges).toContain('kind: live_session');
    const offsets = new Set(
      [...`${transfers}${exchanges}`.matchAll(/at: \S+?(Z|[+-]\d\d:\d\d)\n/g)].map((m) => m[1]),
    );
    expect(offsets.size).toBeGreaterThanOrEqual(4);
    const currencies = new Set([...transfers.matchAll(/currency: ([A-Z]{3})/g)].map((m) => m[1]));
    expect(currencies.size).toBeGreaterThanOrEqual(3);
  });

  it('is deterministic: the same seed and options give the same bytes', () => {
    const b = path.join(temp, 'b');
    generate(b, ['--force']);
    const files = filesUnder(a);
    expect(filesUnder(b)).toEqual(files);
    for (const f of files)
      expect(readFileSync(path.join(b, f)).equals(readFileSync(path.join(a, f)))).toBe(true);
  });

  it('changes with the seed', () => {
    const c = path.join(temp, 'c');
    execFileSync(process.execPath, [
      generator,
      '--out',
      c,
      '--transfers',
      '200',
      '--exchanges',
      '150',
      '--exhibits',
      '3',
      '--exhibit-bytes',
      '5K',
      '--seed',
      '8',
      '--chunk',
      '80',
    ]);
    expect(
      readFileSync(path.join(c, 'transfers-001.yaml')).equals(
        readFileSync(path.join(a, 'transfers-001.yaml')),
      ),
    ).toBe(false);
  });
});

describe('bench/generate.js at the validate bench size', () => {
  it("gives each account its own identifier: random digits that collide are moved up (400 suspects' five-digit Remitly ids)", async () => {
    const out = path.join(temp, 'large');
    const args = ['--transfers', '60000', '--exchanges', '40000', '--exhibits', '1'];
    execFileSync(process.execPath, [generator, '--out', out, ...args, '--exhibit-bytes', '1K']);
    const m = JSON.parse(readFileSync(path.join(out, 'bench-manifest.json'), 'utf8')) as Manifest;
    const { report } = await validate(path.join(out, m.root));
    expect(report.diagnostics).toEqual([]);
    expect(report).toMatchObject({ errors: 0, warnings: 0 });
    // The seed-1 cast drew RMT-FICT-FR-81176 twice; the second is the next number up.
    const root = readFileSync(path.join(out, m.root), 'utf8');
    expect(root.match(/identifier: "RMT-FICT-FR-81176"/g)).toHaveLength(1);
    expect(root).toContain('identifier: "RMT-FICT-FR-81177"');
  }, 60_000);
});
