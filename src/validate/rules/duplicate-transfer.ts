import type { PaymentColumns, TransferTable } from '../../model/record-table.js';
import type { Rule } from './rule.js';

const AT_REFERENCE = ['reference'] as const;

/**
 * Warning: a completed transfer that another exhibit already records: the same
 * reference, true instant, currency, exact amount, sender and beneficiary as an earlier
 * completed transfer that cites another exhibit. One payment read from two exhibits
 * (the provider's requisition answer and a financial-intelligence report, two
 * requisition periods that overlap, the sender's and the beneficiary's bank statements)
 * counts twice in every total and appears twice in the chronology. Reported at the later
 * transfer's reference, naming the first by id and file; the reference itself is not
 * repeated.
 *
 * All must be equal: the reference as written, the true instant (to the nanosecond,
 * whatever offsets write it), the currency, the amount in minor units (`45.0` is
 * `45.00`), and the sender and the beneficiary as parties (a person, or the holder of an
 * account: `P1` and an account P1 holds are one sender). Not compared, so never reported:
 * transfers without a reference; a transfer `attempted` or `reversed` (no total counts
 * it); two transfers citing one exhibit (two payments that exhibit lists, such as two
 * equal payments of one day in a statement read as dates alone).
 */
export const duplicateTransfer: Rule = ({ draft, report }) => {
  const holders = new Map<string, string>();
  for (const { data } of draft.accounts)
    if (data.holder !== undefined) holders.set(data.id, data.holder);
  const table = draft.transfers;
  for (const [row, first] of sameTransfers(table, (account) => holders.get(account))) {
    const origin = table.origin(row);
    report(
      'duplicate-transfer',
      origin,
      AT_REFERENCE,
      // The first is named by id and file, not by its index: `import` checks a large OUT
      // in parts, where an index would be the part's.
      { id: table.id(row), first: table.id(first), file: table.origin(first).file },
      { severity: 'warning' },
    );
  }
};

/**
 * Each completed transfer that repeats an earlier one from another exhibit (see
 * duplicateTransfer), with the earliest it repeats: `[row, first]`, in row order.
 * `holderOf` gives an account's holder, if any.
 *
 * Rows are found in an open-addressing table of row numbers by a hash of all that must be
 * equal (no string is built per row: a dossier may hold hundreds of thousands of
 * transfers, nearly all with a reference); rows of one hash are then compared in full.
 * Only the first record of a payment from each exhibit is kept in the table, so however
 * the instants, references or amounts repeat (every payment of a day at midnight, a
 * placeholder reference, one row exported many times), the rows a row is compared with
 * are at most as many as the exhibits, but for rows whose hashes are equal by chance.
 */
export function sameTransfers(
  table: TransferTable,
  holderOf: (account: string) => string | undefined,
): [number, number][] {
  const n = table.length;
  let bits = 4;
  while (bits < 30 && 1 << bits < 2 * n) bits++;
  const mask = (1 << bits) - 1;
  const shift = 32 - bits;
  const slots = new Int32Array(mask + 1).fill(-1);
  const hashes = new Int32Array(n);
  const c = table.paymentColumns();
  // Each pooled text's party, by pool number: one number per person (an account and its
  // holder get the same). Made before the pass over the rows, which then makes no call
  // per field: it runs once, mostly before V8 optimises it, where each call costs.
  const partyNumbers = new Map<string, number>();
  const party = new Int32Array(c.texts.length);
  c.texts.forEach((text, id) => {
    const key = holderOf(text) ?? text;
    let p = partyNumbers.get(key);
    if (p === undefined) partyNumbers.set(key, (p = partyNumbers.size));
    party[id] = p;
  });
  const completed = c.texts.indexOf('completed');
  if (completed < 0) return []; // no completed transfer
  const found: [number, number][] = [];
  for (let row = 0; row < n; row++) {
    const reference = c.references[row];
    if (reference === undefined) continue;
    if (c.status[row] !== completed) continue;
    const ms = c.epochMs[row]!;
    if (Number.isNaN(ms)) continue;
    // The reference by its length and a few characters (they differ mostly at the end):
    // equal references hash alike, and hashing whole texts would cost more than the rest.
    const last = reference.length - 1;
    let h = Math.imul(msHash(ms) ^ reference.length, 0x0100_0193);
    h = Math.imul(h ^ reference.charCodeAt(last), 0x0100_0193);
    h = Math.imul(h ^ reference.charCodeAt(last - 1), 0x0100_0193);
    h = Math.imul(h ^ reference.charCodeAt(last - 2), 0x0100_0193);
    h = Math.imul(h ^ reference.charCodeAt(last >> 1), 0x0100_0193);
    h = Math.imul(h ^ party[c.from[row]!]!, 0x9e37_79b1);
    h = Math.imul(h ^ party[c.to[row]!]!, 0x85eb_ca6b);
    h = Math.imul(h ^ (c.minorUnits[row]! | 0), 0xc2b2_ae35);
    h = Math.imul(h ^ c.currency[row]!, 0x27d4_eb2f);
    h ^= h >>> 15;
    hashes[row] = h;
    let slot = Math.imul(h, 0x9e37_79b1) >>> shift;
    for (;;) {
      const other = slots[slot]!;
      if (other < 0) {
        slots[slot] = row;
        break;
      }
      if (hashes[other] === h) {
        const same = samePayment(table, c, row, other, party);
        if (same === OTHER_EXHIBIT) found.push([row, other]);
        // One exhibit's second record of a payment is not kept: the first stands for it.
        if (same !== NOT_SAME) break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return found;
}

const NOT_SAME = 0;
const SAME_EXHIBIT = 1;
const OTHER_EXHIBIT = 2;

/**
 * Whether rows `row` and `other` (of one hash) record one payment, and if so whether
 * they cite one exhibit or two.
 */
function samePayment(
  table: TransferTable,
  c: PaymentColumns,
  row: number,
  other: number,
  party: Int32Array,
): typeof NOT_SAME | typeof SAME_EXHIBIT | typeof OTHER_EXHIBIT {
  const minor = table.minor(row);
  const same =
    c.epochMs[other] === c.epochMs[row] &&
    c.references[other] === c.references[row] &&
    c.currency[other] === c.currency[row] &&
    party[c.from[other]!] === party[c.from[row]!] &&
    party[c.to[other]!] === party[c.to[row]!] &&
    minor !== undefined &&
    minor === table.minor(other) &&
    (table.instant(row).subMsNanos ?? 0) === (table.instant(other).subMsNanos ?? 0);
  if (!same) return NOT_SAME;
  return c.evidence[other] === c.evidence[row] ? SAME_EXHIBIT : OTHER_EXHIBIT;
}

/** A 32-bit hash of an epoch in milliseconds (a whole number below 2^53 in magnitude). */
function msHash(ms: number): number {
  const low = (ms % 0x1_0000_0000) | 0;
  const high = (ms / 0x1_0000_0000) | 0;
  return Math.imul(low ^ Math.imul(high, 0x85eb_ca6b), 0x9e37_79b1);
}
