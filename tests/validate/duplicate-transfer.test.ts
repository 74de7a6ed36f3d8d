import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FRENCH_MESSAGES } from '../../src/diagnostics/messages.js';
import type { TransferTable } from '../../src/model/record-table.js';
import { matchKey } from '../../src/import/identifiers.js';
import type { AccountKind } from '../../src/model/dossier.js';
import { parties, sameTransfers } from '../../src/validate/rules/duplicate-transfer.js';
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
  readonly status: string;
  readonly evidence: string;
  readonly from: string;
  readonly to: string;
}

/**
 * The accounts: AP1 is P1's; A9 and A8 have no holder, but one identifier (two imports'
 * accounts for it); A7 has another.
 */
const ACCOUNTS = [
  { id: 'AP1', kind: 'money_transfer', identifier: 'WU-FICT-1', holder: 'P1' },
  { id: 'A9', kind: 'phone', identifier: '+639170000123' },
  { id: 'A8', kind: 'phone', identifier: '+63 917 000 0123' },
  { id: 'A7', kind: 'phone', identifier: '+639170000999' },
] as const;
/** As the rule gives them to `parties`: with their kind and identifier as matched. */
const keyed = (
  accounts: readonly { id: string; kind: AccountKind; identifier: string; holder?: string }[],
) => accounts.map((a) => ({ ...a, key: `${a.kind}\u0000${matchKey(a.kind, a.identifier)}` }));
const partyOf = parties(keyed(ACCOUNTS));

/** The columns sameTransfers reads, over plain rows (texts pooled as the tables pool them). */
function tableOf(rows: readonly Row[]): TransferTable {
  const pool: string[] = [];
  const pooled = new Map<string, number>();
  const id = (text: string) => {
    let at = pooled.get(text);
    if (at === undefined) pooled.set(text, (at = pool.push(text) - 1));
    return at;
  };
  const ids = rows.map((r) => ({
    from: id(r.from),
    to: id(r.to),
    currency: id(r.currency),
    status: id(r.status),
    evidence: id(r.evidence),
  }));
  const minorUnits = (m: bigint | undefined) =>
    m === undefined || m > BigInt(Number.MAX_SAFE_INTEGER) ? NaN : Number(m);
  const column = <T>(make: (r: Row, i: number) => T) => rows.map(make);
  const table = {
    length: rows.length,
    paymentColumns: () => ({
      epochMs: Float64Array.from(column((r) => r.epochMs)),
      nanos: new Map(
        rows.flatMap((r, i) => (r.nanos === undefined || r.nanos === 0 ? [] : [[i, r.nanos]])),
      ),
      minorUnits: Float64Array.from(column((r) => minorUnits(r.minor))),
      references: column((r) => r.reference),
      from: Int32Array.from(column((_, i) => ids[i]!.from)),
      to: Int32Array.from(column((_, i) => ids[i]!.to)),
      currency: Int32Array.from(column((_, i) => ids[i]!.currency)),
      status: Int32Array.from(column((_, i) => ids[i]!.status)),
      evidence: Int32Array.from(column((_, i) => ids[i]!.evidence)),
      texts: pool,
    }),
    minor: (r: number) => rows[r]!.minor,
    instant: (r: number) => ({ epochMs: rows[r]!.epochMs, subMsNanos: rows[r]!.nanos }),
  };
  return table as unknown as TransferTable;
}

/**
 * The documented rule, the slow way: each completed row with a reference against every
 * earlier one, naming the earliest of the same payment that cites another exhibit.
 */
function naive(rows: readonly Row[]): [number, number][] {
  const out: [number, number][] = [];
  const counted = (r: Row) =>
    r.reference !== undefined && r.status === 'completed' && !Number.isNaN(r.epochMs);
  rows.forEach((row, i) => {
    if (!counted(row)) return;
    const first = rows.findIndex(
      (o, j) =>
        j < i &&
        counted(o) &&
        o.evidence !== row.evidence &&
        o.reference === row.reference &&
        o.epochMs === row.epochMs &&
        (o.nanos ?? 0) === (row.nanos ?? 0) &&
        o.currency === row.currency &&
        row.minor !== undefined &&
        o.minor === row.minor &&
        partyOf(o.from) === partyOf(row.from) &&
        partyOf(o.to) === partyOf(row.to),
    );
    if (first >= 0) out.push([i, first]);
  });
  return out;
}

const row: fc.Arbitrary<Row> = fc.record({
  reference: fc.constantFrom(undefined, 'MTCN-1', 'MTCN-2', '4810093726', 'X', 'NTCM-1'),
  // Equal, near, negative (before 1970), past 2^32 and not-an-instant epochs.
  epochMs: fc.constantFrom(1_517_664_120_000, 1_517_664_120_001, -86_400_000, 2 ** 33 + 5, NaN),
  nanos: fc.constantFrom(undefined, 0, 1),
  currency: fc.constantFrom('EUR', 'PHP'),
  minor: fc.constantFrom(4500n, 4501n, 2n ** 60n, undefined),
  status: fc.constantFrom('completed', 'completed', 'attempted', 'reversed'),
  evidence: fc.constantFrom('E1', 'E2', 'E3'),
  from: fc.constantFrom('P1', 'AP1', 'A9', 'A8'),
  to: fc.constantFrom('P2', 'A9', 'A8', 'A7'),
});

describe('sameTransfers', () => {
  it('finds what comparing every pair finds, in row order, naming the earliest from another exhibit', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        expect(sameTransfers(tableOf(rows), partyOf)).toEqual(naive(rows));
      }),
      { numRuns: 1000 },
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
        status: 'completed',
        evidence: i < 40_000 ? 'E1' : 'E2',
        from: 'P1',
        to: 'P2',
      });
    const found = sameTransfers(tableOf(rows), partyOf);
    expect(found).toHaveLength(10_000);
    expect(found[0]).toEqual([40_000, 0]);
    expect(found.at(-1)).toEqual([49_999, 9_999]);
  });

  // Review: rows were found by their instant alone, so that transfers read as dates
  // (every payment of a day at midnight) were compared with every earlier one of the
  // day: 60,000 of one instant took 15 s.
  it('stays linear when instants, references and amounts repeat', () => {
    const many = (make: (i: number) => Partial<Row>) => {
      const rows: Row[] = [];
      for (let i = 0; i < 60_000; i++)
        rows.push({
          reference: 'NOTPROVIDED',
          epochMs: 1_520_636_400_000,
          nanos: undefined,
          currency: 'EUR',
          minor: 24_000n,
          status: 'completed',
          evidence: 'E1',
          from: 'P1',
          to: 'P2',
          ...make(i),
        });
      const started = performance.now();
      const found = sameTransfers(tableOf(rows), partyOf);
      return { found, ms: performance.now() - started };
    };
    // One instant, distinct references; references alike but for digits inside, from
    // two exhibits (second review: the hash read a few of their characters, 100k took
    // 146 s); one reference, distinct amounts; distinct nanoseconds of one millisecond;
    // 60,000 senders; one row exported 60,000 times into one exhibit (no duplicate: one
    // exhibit's rows).
    const inside = (i: number) => `TX-2018-${String(i).padStart(6, '0')}-FR`;
    for (const run of [
      many((i) => ({ reference: `R${i}` })),
      many((i) => ({ reference: inside(i), evidence: i % 2 === 0 ? 'E1' : 'E2' })),
      many((i) => ({ minor: BigInt(i + 1) })),
      many((i) => ({ nanos: i + 1, evidence: i % 2 === 0 ? 'E1' : 'E2' })),
      many((i) => ({ from: `S${i}`, evidence: i % 2 === 0 ? 'E1' : 'E2' })),
      many(() => ({})),
      // Third review: amounts beyond 2^53 minor units, and invalid ones, all hashed alike.
      many((i) => ({ minor: 10n ** 18n + BigInt(i), evidence: i % 2 === 0 ? 'E1' : 'E2' })),
      many(() => ({ minor: undefined, evidence: 'E2' })),
    ]) {
      expect(run.found).toEqual([]);
      expect(run.ms).toBeLessThan(2_000);
    }
    // One payment from a new exhibit on every row: each repeats the first.
    const everywhere = many((i) => ({ evidence: `E${i}` }));
    expect(everywhere.found).toHaveLength(59_999);
    expect(everywhere.found.every(([row, first], i) => row === i + 1 && first === 0)).toBe(true);
    expect(everywhere.ms).toBeLessThan(2_000);
  });
});

describe('parties', () => {
  it('joins an account with its holder and with accounts of its kind and identifier', () => {
    expect(partyOf('AP1')).toBe(partyOf('P1'));
    expect(partyOf('A9')).toBe(partyOf('A8'));
    expect(partyOf('A9')).not.toBe(partyOf('A7'));
    expect(partyOf('P1')).not.toBe(partyOf('P2'));
    // Through the identifier: B2 has no holder, but the identifier of AP1.
    const more = parties(
      keyed([
        ...ACCOUNTS,
        { id: 'B2', kind: 'money_transfer', identifier: ' WU-FICT-1 ' },
        { id: 'B3', kind: 'phone', identifier: 'WU-FICT-1' },
      ]),
    );
    expect(more('B2')).toBe(more('P1'));
    expect(more('B3')).not.toBe(more('P1'));
  });
});

describe('duplicate-transfer', () => {
  it('names both transfers and the file of the first, never the reference; French for documents', async () => {
    const fixture = RULE_FIXTURES.find((f) =>
      f.name.startsWith('one payment recorded in the root'),
    )!;
    const run = await runFixture(fixture);
    expect(run.diagnostics.map((d) => d.message)).toEqual([
      'transfer "T2", from another exhibit, has the reference, instant, amount, sender and beneficiary of transfer "T1" (in dossier.yaml): the totals count both; if they record one payment, keep one',
      'transfer "T3", from another exhibit, has the reference, instant, amount, sender and beneficiary of transfer "T1" (in dossier.yaml): the totals count both; if they record one payment, keep one',
    ]);
    expect(
      FRENCH_MESSAGES['duplicate-transfer']({
        id: 'T2',
        first: 'T1',
        file: 'dossier.yaml',
      }),
    ).toBe(
      'le virement «\u202fT2\u202f», tiré d’une autre pièce, a la référence, l’horodatage, le montant, l’émetteur et le bénéficiaire du virement «\u202fT1\u202f» (dans dossier.yaml)\u202f: les totaux comptent les deux\u202f; s’ils relatent un même paiement, n’en garder qu’un',
    );
  });
});
