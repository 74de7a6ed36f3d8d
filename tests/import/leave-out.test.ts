/**
 * --skip-invalid after the check with the dossier (run-import.ts leaveOutOf): which
 * records a second run leaves out. FICTIONAL data.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { leaveOutOf } from '../../src/import/run-import.js';
import { SourcePlaces } from '../../src/import/source-places.js';

const at = (code: Diagnostic['code'], k: number): Diagnostic => ({
  code,
  severity: 'error',
  file: 'out.yaml',
  line: 10 + k,
  column: 5,
  message: 'x',
  path: ['transfers', k, 'currency'],
});
const source = (line: number): Diagnostic => ({
  code: 'missing-rate',
  severity: 'error',
  file: 'export.csv',
  line,
  column: 1,
  message: 'no JPY rate',
  path: [],
});

function places(...lines: number[]): SourcePlaces {
  const p = new SourcePlaces();
  for (const line of lines) p.add(line, 1);
  return p;
}

describe('leaveOutOf', () => {
  it('leaves out the records whose errors are their own, with their errors at SOURCE', () => {
    const r = leaveOutOf([at('missing-rate', 1)], 'out.yaml', 'transfers', places(2, 3, 4), [
      source(3),
    ]);
    expect([...(r.leaveOut?.places ?? [])]).toEqual(['3:1']);
    expect(r.leaveOut?.diagnostics).toEqual([source(3)]);
  });

  // Found by review: a duplicate id between two of OUT's records is the import's error;
  // leaving the records out dropped both good rows, exit 0.
  it('leaves nothing out for an error between records (duplicate-id)', () => {
    expect(
      leaveOutOf([at('duplicate-id', 1)], 'out.yaml', 'transfers', places(2, 3, 4), []),
    ).toEqual({});
  });

  // Found by review: an xlsx sheet repeating a row gives two records one place.
  it('leaves nothing out when two records share the place', () => {
    expect(
      leaveOutOf([at('missing-rate', 1)], 'out.yaml', 'transfers', places(2, 3, 3), []),
    ).toEqual({});
  });

  it('leaves nothing out for an error outside OUT or at a new account', () => {
    const elsewhere = { ...at('missing-rate', 0), file: 'hand.yaml' };
    expect(leaveOutOf([elsewhere], 'out.yaml', 'transfers', places(2), [])).toEqual({});
    const account = { ...at('invalid-value', 0), path: ['accounts', 0, 'identifier'] };
    expect(leaveOutOf([account], 'out.yaml', 'transfers', places(2), [])).toEqual({});
  });
});
