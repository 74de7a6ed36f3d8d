/**
 * End to end: the example dossier through the real loader and validator, then
 * `summary --json`, against the hand computation in examples/dossier/EXPECTED.md.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runSummary } from '../../src/cli/commands/summary.js';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function summary(args: { json?: boolean; window?: number; lang?: 'fr' | 'en' }) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: { write: (s: string) => (out.push(s), true) },
    stderr: { write: (s: string) => (err.push(s), true) },
    cwd: ROOT,
    env: { NO_COLOR: '1' },
  };
  const status = await runSummary('examples/dossier/dossier.yaml', args, io);
  return { status, stdout: out.join(''), stderr: err.join('') };
}

type Row = Record<string, unknown>;
const pairs = (doc: { correlations: Row[] }) =>
  doc.correlations.map((c) => [c.transfer, c.exchange]);

describe('summary of examples/dossier (EXPECTED.md)', () => {
  it('totals, counts, breakdowns and charges (sections 2-7, 9)', async () => {
    const { status, stdout, stderr } = await summary({ json: true });
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.transfers).toMatchObject({
      count: 15,
      total: '1586.31',
      currency: 'EUR',
      all: 17,
      completed: 15,
      attempted: 1,
      reversed: 1,
    });
    expect(doc.breakdowns.by_sender).toEqual([
      { id: 'P1', kind: 'person', count: 7, total: '966.64' },
      { id: 'P2', kind: 'person', count: 8, total: '619.67' },
    ]);
    expect(doc.breakdowns.by_currency).toEqual([
      { currency: 'EUR', count: 9, amount: '1211.00', total: '1211.00' },
      { currency: 'USD', count: 5, amount: '340.50', total: '290.07' },
      { currency: 'GBP', count: 1, amount: '75.00', total: '85.24' },
    ]);
    expect(doc.breakdowns.by_month.map((m: Row) => [m.month, m.total])).toEqual([
      ['2018-01', '120.00'],
      ['2018-02', '218.78'],
      ['2018-03', '500.50'],
      ['2018-05', '85.24'],
      ['2018-06', '34.28'],
      ['2018-08', '175.00'],
      ['2018-09', '56.14'],
      ['2018-10', '200.00'],
      ['2018-11', '66.37'],
      ['2018-12', '130.00'],
    ]);
    // Section 5a: each charge counts only its own suspects' transfers (C3: P2 alone).
    expect(doc.charges).toEqual([
      { id: 'C1', from: '2018-01-14', to: '2018-12-10', count: 15, total: '1586.31' },
      { id: 'C2', from: '2018-01-12', to: '2018-12-10', count: 15, total: '1586.31' },
      { id: 'C3', from: '2018-02-01', to: '2018-12-10', count: 8, total: '619.67' },
    ]);
    expect(doc.exchanges).toMatchObject({ count: 20, sessions: 15, live_sessions: 12 });
    expect(doc.exchanges.by_kind).toEqual([
      { kind: 'message', count: 3 },
      { kind: 'email', count: 1 },
      { kind: 'call', count: 1 },
      { kind: 'video_call', count: 3 },
      { kind: 'live_session', count: 12 },
    ]);
    expect(doc.counts).toMatchObject({
      persons: 8,
      suspects: 2,
      victims: 3,
      accounts: 15,
      charges: 3,
      exhibits: 9,
    });
  });

  it('12 linked pairs at 48 hours with their gaps (section 8.1)', async () => {
    const doc = JSON.parse((await summary({ json: true })).stdout);
    expect(doc.window_hours).toBe(48);
    expect(pairs(doc)).toEqual([
      ['T-001', 'X-002'],
      ['T-002', 'X-004'],
      ['T-003', 'X-005'],
      ['T-005', 'X-007'],
      ['T-006', 'X-008'],
      ['T-009', 'X-011'],
      ['T-011', 'X-013'],
      ['T-011', 'X-014'],
      ['T-012', 'X-016'],
      ['T-013', 'X-017'],
      ['T-014', 'X-017'],
      ['T-016', 'X-019'],
    ]);
    const hours = [7.8, 24.8, -29.25, 2, 35.5, 6.5, -24.75, 7.5, 37.5, 7.75, 6.25, 47.5];
    expect(doc.correlations.map((c: Row) => c.gap_seconds)).toEqual(
      hours.map((h) => Math.round(h * 3600)),
    );
    expect(doc.correlations[2].gap).toBe('-1 d 05:15');
    expect(doc.linked_transfers).toEqual({ linked: 11, unlinked: 4 });
  });

  it('6 linked pairs at 24 hours (section 8.2)', async () => {
    const doc = JSON.parse((await summary({ json: true, window: 24 })).stdout);
    expect(pairs(doc)).toEqual([
      ['T-001', 'X-002'],
      ['T-005', 'X-007'],
      ['T-009', 'X-011'],
      ['T-011', 'X-014'],
      ['T-013', 'X-017'],
      ['T-014', 'X-017'],
    ]);
  });

  it('the terminal report fits 80 columns and names no victim', async () => {
    const { status, stdout } = await summary({});
    expect(status).toBe(0);
    for (const line of stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    expect(stdout).toContain('1\u202f586,31\u00a0€');
    const json = (await summary({ json: true })).stdout;
    const english = (await summary({ lang: 'en' })).stdout;
    for (const text of [stdout, json, english]) {
      for (const secret of [
        'Jessa',
        'Fictoria',
        'Jemae',
        'Rhea',
        'Inventado',
        '2009-04-12',
        '12/04/2009',
      ]) {
        expect(text).not.toContain(secret);
      }
    }
  });

  it('runs through the command line: summary FILE --json --window 24 --lang en', async () => {
    const out: string[] = [];
    const io: CliIO = {
      stdout: { write: (t: string) => (out.push(t), true) },
      stderr: { write: () => true },
      cwd: ROOT,
      env: {},
    };
    const argv = [
      'summary',
      'examples/dossier/dossier.yaml',
      '--json',
      '--window',
      '24',
      '--lang',
      'en',
    ];
    expect(await main(argv, io)).toBe(0);
    const doc = JSON.parse(out.join(''));
    expect(doc.window_hours).toBe(24);
    expect(doc.correlations).toHaveLength(6);
    expect(doc.transfers.total).toBe('1586.31');
  });

  it('refuses a --window it cannot honour exactly, and one that is not above 0 (exit 2)', async () => {
    for (const [window, says] of [
      ['0.50000000000000000001', /cannot be honoured exactly/],
      ['9'.repeat(400), /cannot be honoured exactly/],
      [`0.${'0'.repeat(400)}1`, /cannot be honoured exactly/],
      ['0', /greater than 0/],
      ['0.000', /greater than 0/],
      // An audit: "1e3" was refused as not "greater than 0".
      ['1e3', /with digits and at most one decimal point .* without an exponent, sign or unit/],
      ['1e-9', /without an exponent/],
      ['-2', /without an exponent, sign or unit/],
      ['48h', /without an exponent, sign or unit/],
    ] as const) {
      const err: string[] = [];
      const io: CliIO = {
        stdout: { write: () => true },
        stderr: { write: (t: string) => (err.push(t), true) },
        cwd: ROOT,
        env: {},
      };
      expect(await main(['summary', 'examples/dossier/dossier.yaml', '--window', window], io)).toBe(
        2,
      );
      expect(err.join('')).toMatch(says);
    }
  });
});
