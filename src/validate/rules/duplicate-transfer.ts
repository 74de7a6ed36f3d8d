import { matchKey } from '../../import/identifiers.js';
import type { PaymentColumns, TransferTable } from '../../model/record-table.js';
import type { WrittenAccount } from '../../schema/dossier.js';
import type { Rule } from './rule.js';

const AT_REFERENCE = ['reference'] as const;

/**
 * Warning: a completed transfer that another exhibit already records: the same
 * reference, true instant, currency, exact amount, sender and beneficiary as an earlier
 * completed transfer that cites another exhibit. One payment read from two exhibits
 * (the provider's requisition answer and a financial-intelligence report, two
 * requisition periods that overlap, the sender's and the beneficiary's bank statements)
 * counts twice in every total and appears twice in the chronology. Reported at the later
 * transfer's reference, naming the earliest such transfer by id and file; the reference
 * itself is not repeated.
 *
 * All must be equal: the reference as written, the true instant (to the nanosecond,
 * whatever offsets write it), the currency, the amount in minor units (`45.0` is
 * `45.00`), and the sender and the beneficiary as parties (see `parties`: `P1`, an
 * account P1 holds, and an account of the same kind and identifier are one sender). Not
 * compared, so never reported: transfers without a reference; a transfer `attempted` or
 * `reversed` (no total counts it); two transfers citing one exhibit (two payments that
 * exhibit lists, such as two equal payments of one day in a statement read as dates alone).
 */
export const duplicateTransfer: Rule = ({ draft, report }) => {
  const table = draft.transfers;
  const partyOf = parties(draft.accounts.map((a) => a.data));
  for (const [row, first] of sameTransfers(table, partyOf)) {
    report(
      'duplicate-transfer',
      table.origin(row),
      AT_REFERENCE,
      // The first is named by id and file, not by its index: `import` checks a large OUT
      // in parts, where an index would be the part's.
      { id: table.id(row), first: table.id(first), file: table.origin(first).file },
      { severity: 'warning' },
    );
  }
};

/**
 * The party a sender or beneficiary id stands for, as a key: an account is one party
 * with its holder, and with every account of the same kind and identifier (as
 * duplicate-account matches them: two exports imported before either was included each
 * make an account of their own for one identifier, without a holder). Any other id (a
 * person) is its own party.
 */
export function parties(
  accounts: readonly Pick<WrittenAccount, 'id' | 'kind' | 'identifier' | 'holder'>[],
): (id: string) => string {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    for (let up = parent.get(root); up !== undefined; up = parent.get(root)) root = up;
    // Path compression: every key met points at the root.
    for (let k = key, up = parent.get(k); up !== undefined; k = up, up = parent.get(k))
      parent.set(k, root);
    return root;
  };
  const join = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  for (const a of accounts) {
    // Keys of ids and of identifiers cannot meet: an identifier's starts with NUL.
    join(a.id, `\u0000${a.kind}\u0000${matchKey(a.kind, a.identifier)}`);
    if (a.holder !== undefined) join(a.id, a.holder);
  }
  return find;
}

/**
 * Each completed transfer that repeats an earlier one from another exhibit (see
 * duplicateTransfer), with the earliest such: `[row, first]`, in row order. `partyOf`
 * gives the party of a sender or beneficiary id (see `parties`).
 *
 * Rows are found in an open-addressing table of row numbers by a hash of all that must be
 * equal (no string is built per row: a dossier may hold hundreds of thousands of
 * transfers, nearly all with a reference); rows of one hash are then compared in full.
 * Only the first record of a payment from each exhibit is kept in the table (a later one
 * from the same exhibit finds the same earlier rows), so however instants, references or
 * amounts repeat (every payment of a day at midnight, references alike but for a digit,
 * one row exported many times), a row is compared with at most as many rows as there are
 * exhibits, but for rows whose hashes are equal by chance.
 */
export function sameTransfers(
  table: TransferTable,
  partyOf: (id: string) => string,
): [number, number][] {
  const n = table.length;
  let bits = 4;
  while (bits < 30 && 1 << bits < 2 * n) bits++;
  const mask = (1 << bits) - 1;
  const shift = 32 - bits;
  const slots = new Int32Array(mask + 1).fill(-1);
  const hashes = new Int32Array(n);
  const c = table.paymentColumns();
  // Each pooled text's party, by pool number. Made before the pass over the rows, which
  // then makes no call per field: it runs once, mostly before V8 optimises it, where each
  // call costs.
  const partyNumbers = new Map<string, number>();
  const party = new Int32Array(c.texts.length);
  c.texts.forEach((text, id) => {
    const key = partyOf(text);
    let p = partyNumbers.get(key);
    if (p === undefined) partyNumbers.set(key, (p = partyNumbers.size));
    party[id] = p;
  });
  const completed = c.texts.indexOf('completed');
  if (completed < 0) return []; // no completed transfer
  const withNanos = c.nanos.size > 0;
  const found: [number, number][] = [];
  for (let row = 0; row < n; row++) {
    const reference = c.references[row];
    if (reference === undefined) continue;
    if (c.status[row] !== completed) continue;
    const ms = c.epochMs[row]!;
    if (Number.isNaN(ms)) continue;
    let h = msHash(ms);
    if (withNanos) h = Math.imul(h ^ (c.nanos.get(row) ?? 0), 0x0100_0193);
    for (let i = 0; i < reference.length; i++)
      h = Math.imul(h ^ reference.charCodeAt(i), 0x0100_0193);
    h = Math.imul(h ^ party[c.from[row]!]!, 0x9e37_79b1);
    h = Math.imul(h ^ party[c.to[row]!]!, 0x85eb_ca6b);
    h = Math.imul(h ^ (c.minorUnits[row]! | 0), 0xc2b2_ae35);
    h = Math.imul(h ^ c.currency[row]!, 0x27d4_eb2f);
    h ^= h >>> 15;
    hashes[row] = h;
    // The rows of this hash, in the order they were kept: the first from another
    // exhibit is the earliest (the first of each exhibit is kept, never passed over).
    let first = -1;
    let sameExhibit = false;
    let slot = Math.imul(h, 0x9e37_79b1) >>> shift;
    for (let other = slots[slot]!; other >= 0; other = slots[slot]!) {
      if (hashes[other] === h && samePayment(table, c, party, row, other)) {
        if (c.evidence[other] === c.evidence[row]) sameExhibit = true;
        else if (first < 0) first = other;
        if (sameExhibit && first >= 0) break;
      }
      slot = (slot + 1) & mask;
    }
    if (first >= 0) found.push([row, first]);
    // Kept unless its exhibit already has a record of this payment (then the slot
    // reached may not be free: it is not needed).
    if (!sameExhibit) slots[slot] = row;
  }
  return found;
}

/** Whether rows `row` and `other` (of one hash) record one payment. */
function samePayment(
  table: TransferTable,
  c: PaymentColumns,
  party: Int32Array,
  row: number,
  other: number,
): boolean {
  if (
    c.epochMs[other] !== c.epochMs[row] ||
    c.references[other] !== c.references[row] ||
    c.currency[other] !== c.currency[row] ||
    party[c.from[other]!] !== party[c.from[row]!] ||
    party[c.to[other]!] !== party[c.to[row]!] ||
    (c.nanos.get(other) ?? 0) !== (c.nanos.get(row) ?? 0)
  )
    return false;
  const minor = c.minorUnits[row]!;
  if (!Number.isNaN(minor)) return c.minorUnits[other] === minor;
  const big = table.minor(row);
  return big !== undefined && big === table.minor(other);
}

/** A 32-bit hash of an epoch in milliseconds (a whole number below 2^53 in magnitude). */
function msHash(ms: number): number {
  const low = (ms % 0x1_0000_0000) | 0;
  const high = (ms / 0x1_0000_0000) | 0;
  return Math.imul(low ^ Math.imul(high, 0x85eb_ca6b), 0x9e37_79b1);
}
