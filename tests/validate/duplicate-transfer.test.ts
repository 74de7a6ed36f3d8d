import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FRENCH_MESSAGES } from '../../src/diagnostics/messages.js';
import type { TransferTable } from '../../src/model/record-table.js';
import { sameTransfers } from '../../src/validate/rules/duplicate-transfer.js';
import { RULE_FIXTURES } from '../helpers/fixtures/index.js';
import { runFixture } from '../helpers/run-fixture.js';
import { removeTempDirs } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

interface Row {
  readonly reference: string | undefined;
  readonly epochMs: number;
  readonly nanos: number | undefined;
  readonly currency: string;
  readonly minor: bigint | undefined;
}

/** The few columns sameTransfers reads, over plain rows. */
function tableOf(rows: readonly Row[]): TransferTable {
  const table = {
    length: rows.length,
    reference: (r: number) => rows[r]!.reference,
    epochMs: (r: number) => rows[r]!.epochMs,
    currency: (r: number) => rows[r]!.currency,
    minor: (r: number) => rows[r]!.minor,
    instant: (r: number) => ({ epochMs: rows[r]!.epochMs, subMsNanos: rows[r]!.nanos }),
  };
  return table as unknown as TransferTable;
}

/** The same, the slow way: each row against the first rows of every payment met so far. */
function naive(rows: readonly Row[]): [number, number][] {
  const firsts: number[] = [];
  const out: [number, number][] = [];
  rows.forEach((row, i) => {
    if (row.reference === undefined || Number.isNaN(row.epochMs)) return;
    const same = firsts.find((j) => {
      const o = rows[j]!;
      return (
        o.reference === row.reference &&
        o.epochMs === row.epochMs &&
        (o.nanos ?? 0) === (row.nanos ?? 0) &&
        o.currency === row.currency &&
        row.minor !== undefined &&
        o.minor === row.minor
      );
    });
    if (same === undefined) firsts.push(i);
    else out.push([i, same]);
  });
  return out;
}

const row: fc.Arbitrary<Row> = fc.record({
  reference: fc.constantFrom(undefined, 'MTCN-1', 'MTCN-2', '4810093726'),
  // Equal, near, negative (before 1970), past 2^32 and not-an-instant epochs.
  epochMs: fc.constantFrom(1_517_664_120_000, 1_517_664_120_001, -86_400_000, 2 ** 33 + 5, NaN),
  nanos: fc.constantFrom(undefined, 0, 1),
  currency: fc.constantFrom('EUR', 'PHP'),
  minor: fc.constantFrom(4500n, 4501n, undefined),
});

describe('sameTransfers', () => {
  it('finds what comparing every pair finds, in row order, naming the first of each payment', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        expect(sameTransfers(tableOf(rows))).toEqual(naive(rows));
      }),
      { numRuns: 500 },
    );
  });

  it('finds every repeat among many transfers of distinct and equal instants', () => {
    const rows: Row[] = [];
    for (let i = 0; i < 50_000; i++)
      rows.push({
        reference: `R${i % 40_000}`,
        epochMs: 1_500_000_000_000 + (i % 40_000) * 60_000,
        nanos: undefined,
        currency: 'EUR',
        minor: BigInt(100 + (i % 40_000)),
      });
    const found = sameTransfers(tableOf(rows));
    expect(found).toHaveLength(10_000);
    expect(found[0]).toEqual([40_000, 0]);
    expect(found.at(-1)).toEqual([49_999, 9_999]);
  });
});

describe('duplicate-transfer', () => {
  it('names both transfers and where the first is, never the reference; French for documents', async () => {
    const fixture = RULE_FIXTURES.find((f) =>
      f.name.startsWith('one payment recorded in the root'),
    )!;
    const run = await runFixture(fixture);
    expect(run.diagnostics.map((d) => d.message)).toEqual([
      'transfer "T2" has the reference, instant and amount of transfer "T1" (transfers.0 in dossier.yaml): the totals count both; if they record one payment, keep one',
      'transfer "T3" has the reference, instant and amount of transfer "T1" (transfers.0 in dossier.yaml): the totals count both; if they record one payment, keep one',
    ]);
    expect(
      FRENCH_MESSAGES['duplicate-transfer']({
        id: 'T2',
        first: 'T1',
        place: 'transfers.0',
        file: 'dossier.yaml',
      }),
    ).toBe(
      'le virement «\u202fT2\u202f» a la référence, l’horodatage et le montant du virement «\u202fT1\u202f» (transfers.0 dans dossier.yaml)\u202f: les totaux comptent les deux\u202f; s’ils relatent un même paiement, n’en garder qu’un',
    );
  });
});
