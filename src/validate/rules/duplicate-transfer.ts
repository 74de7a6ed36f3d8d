import type { TransferTable } from '../../model/record-table.js';
import type { Rule } from './rule.js';

const AT_REFERENCE = ['reference'] as const;

/**
 * Warning: a transfer with the reference, the instant and the exact amount and currency
 * of an earlier one. One payment recorded twice, typically read from two exhibits (the
 * provider's requisition answer and a financial-intelligence report, two requisition
 * periods that overlap, one export imported into two files), counts twice in every
 * total and appears twice in the chronology. Reported at the later transfer's
 * reference, naming the first by id and place; the reference itself is not repeated.
 *
 * Only transfers with a reference are compared, and all four must be equal: the
 * reference as written, the true instant (to the nanosecond, whatever the offsets that
 * write it), the currency and the amount in minor units (`45.5` is `45.50`). Two
 * payments of one amount at one second without a reference, or a reference reused by a
 * bank for several payments at other instants, are not reported.
 */
export const duplicateTransfer: Rule = ({ draft, report }) => {
  const table = draft.transfers;
  for (const [row, first] of sameTransfers(table)) {
    const origin = table.origin(row);
    const earlier = table.origin(first);
    report(
      'duplicate-transfer',
      origin,
      AT_REFERENCE,
      {
        id: table.id(row),
        first: table.id(first),
        place: `transfers.${earlier.index}`,
        file: earlier.file,
      },
      { severity: 'warning' },
    );
  }
};

/**
 * Each transfer that repeats an earlier one (see duplicateTransfer), with the earliest
 * it repeats: `[row, first]`, in row order. Rows are found by their instant in an
 * open-addressing table of row numbers (no string built per row: a dossier may hold
 * hundreds of thousands of transfers, nearly all with a reference); the reference,
 * currency and amount are compared only between rows of one instant.
 */
export function sameTransfers(table: TransferTable): [number, number][] {
  const n = table.length;
  let bits = 4;
  while (1 << bits < 2 * n) bits++;
  const mask = (1 << bits) - 1;
  const shift = 32 - bits;
  const slots = new Int32Array(mask + 1).fill(-1);
  const found: [number, number][] = [];
  for (let row = 0; row < n; row++) {
    const reference = table.reference(row);
    if (reference === undefined) continue;
    const ms = table.epochMs(row);
    if (Number.isNaN(ms)) continue;
    let slot = hashMs(ms) >>> shift;
    for (;;) {
      const other = slots[slot]!;
      if (other < 0) {
        slots[slot] = row;
        break;
      }
      if (table.epochMs(other) === ms && isSame(table, row, other, reference)) {
        found.push([row, other]);
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return found;
}

/** Whether rows `row` and `other` (of one epoch millisecond) record the same payment. */
function isSame(table: TransferTable, row: number, other: number, reference: string): boolean {
  if (table.reference(other) !== reference || table.currency(other) !== table.currency(row))
    return false;
  const minor = table.minor(row);
  if (minor === undefined || minor !== table.minor(other)) return false;
  return (table.instant(row).subMsNanos ?? 0) === (table.instant(other).subMsNanos ?? 0);
}

/**
 * A 32-bit hash of an epoch in milliseconds (a whole number below 2^53 in magnitude),
 * whose high bits are the well-mixed ones (Fibonacci hashing: take the top bits).
 */
function hashMs(ms: number): number {
  const low = (ms % 0x1_0000_0000) | 0;
  const high = (ms / 0x1_0000_0000) | 0;
  return Math.imul(low ^ Math.imul(high, 0x85eb_ca6b), 0x9e37_79b1);
}
