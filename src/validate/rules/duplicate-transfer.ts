import type { PaymentColumns, TransferTable } from '../../model/record-table.js';
import { accountMatchKeys } from './duplicate-account.js';
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
  // Made only if two transfers share an instant and an amount (in most dossiers, few or
  // none do): a normalisation per account.
  let partyOf: ((id: string) => string) | undefined;
  const party = (id: string): string => {
    if (partyOf === undefined) {
      const keys = accountMatchKeys(draft.accounts);
      partyOf = parties(draft.accounts.map(({ data }, i) => ({ ...data, key: keys[i]! })));
    }
    return partyOf(id);
  };
  for (const [row, first] of sameTransfers(table, party)) {
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
 * person) is its own party. `key`: the account's kind and identifier as matched
 * (accountMatchKeys).
 */
export function parties(
  accounts: readonly { readonly id: string; readonly holder?: string; readonly key: string }[],
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
    join(a.id, `\u0000${a.key}`);
    if (a.holder !== undefined) join(a.id, a.holder);
  }
  return find;
}

/**
 * Each completed transfer that repeats an earlier one from another exhibit (see
 * duplicateTransfer), with the earliest such: `[row, first]`, in row order. `partyOf`
 * gives the party of a sender or beneficiary id (see `parties`); it is asked only about
 * rows that share an instant and an amount.
 *
 * In steps, so that no string is hashed nor any party looked for in most rows (a dossier
 * may hold hundreds of thousands of transfers, nearly all with a reference, and this
 * pass runs once, mostly before V8 optimises it): rows are grouped by what is a number
 * (instant, amount, currency) in an open-addressing table of row numbers; a group that
 * gets a second row is then split by sender, beneficiary and reference, in a Map, where
 * each payment keeps two rows: its first, and the first from another exhibit than the
 * first's (the earliest from another exhibit than any row's is one of them). The hash
 * is seeded per run, so that rows cannot be written to share one. However instants,
 * amounts, references, parties or exhibits repeat (a placeholder reference on every
 * payment of a day read as midnight, one row exported many times), each row costs a few
 * steps.
 */
export function sameTransfers(
  table: TransferTable,
  partyOf: (id: string) => string,
): [number, number][] {
  const n = table.length;
  // At most four rows in five slots: a few probes per row, and a table of 2 MB for the
  // 350,000 transfers of the 500k-record bench dossier.
  let bits = 4;
  while (bits < 30 && 1 << bits < n + (n >> 2)) bits++;
  const mask = (1 << bits) - 1;
  const shift = 32 - bits;
  const slots = new Int32Array(mask + 1).fill(-1);
  const c = table.paymentColumns();
  const completed = c.texts.indexOf('completed');
  if (completed < 0) return []; // no completed transfer
  // Each pooled text's party, by pool number, found when first needed (-1: not yet).
  const partyNumbers = new Map<string, number>();
  const parties = new Int32Array(c.texts.length).fill(-1);
  const party = (id: number): number => {
    let p = parties[id]!;
    if (p < 0) {
      const key = partyOf(c.texts[id]!);
      p = partyNumbers.get(key) ?? partyNumbers.size;
      partyNumbers.set(key, p);
      parties[id] = p;
    }
    return p;
  };
  const withNanos = c.nanos.size > 0;
  // A seed of this run: rows cannot be written to share one hash (a chain of probes
  // for every row) without knowing it. The rows found do not depend on it.
  const seed = (Math.random() * 0x1_0000_0000) | 0;
  // The groups of more than one row: by the group's first row, its payments (reference,
  // sender and beneficiary), each as its first row and the first row from another exhibit
  // than the first's (-1 while none).
  const byPayment = new Map<number, Map<string, [number, number]>>();
  const paymentKey = (row: number): string =>
    `${party(c.from[row]!)}\u0000${party(c.to[row]!)}\u0000${c.references[row]!}`;
  const found: [number, number][] = [];
  for (let row = 0; row < n; row++) {
    const reference = c.references[row];
    if (reference === undefined) continue;
    if (c.status[row] !== completed) continue;
    const ms = c.epochMs[row]!;
    if (Number.isNaN(ms)) continue;
    let minor = c.minorUnits[row]!;
    if (Number.isNaN(minor)) {
      // Beyond 2^53 minor units, or no valid amount (then it matches nothing).
      const big = table.minor(row);
      if (big === undefined) continue;
      minor = Number(BigInt.asIntN(32, big));
    }
    let h = Math.imul(seed ^ ((ms % 0x1_0000_0000) | 0), 0x9e37_79b1);
    h = Math.imul(h ^ ((ms / 0x1_0000_0000) | 0), 0x85eb_ca6b);
    if (withNanos) h = Math.imul(h ^ (c.nanos.get(row) ?? 0), 0x0100_0193);
    h = Math.imul(h ^ (h >>> 16) ^ (minor | 0), 0xc2b2_ae35);
    h = Math.imul(h ^ (h >>> 13) ^ c.currency[row]!, 0x27d4_eb2f);
    h ^= h >>> 15;
    let slot = Math.imul(h, 0x9e37_79b1) >>> shift;
    let group = slots[slot]!;
    while (group >= 0 && !sameNumbers(table, c, row, group)) {
      slot = (slot + 1) & mask;
      group = slots[slot]!;
    }
    if (group < 0) {
      slots[slot] = row; // the first row of its group
      continue;
    }
    let payments = byPayment.get(group);
    if (payments === undefined)
      byPayment.set(group, (payments = new Map([[paymentKey(group), [group, -1]]])));
    const key = paymentKey(row);
    const kept = payments.get(key);
    if (kept === undefined) {
      payments.set(key, [row, -1]);
      continue;
    }
    // The earliest earlier row from another exhibit than this row's: the payment's first
    // row, unless it is from this row's exhibit; then the first from another than that.
    const [first, other] = kept;
    if (c.evidence[first] !== c.evidence[row]) {
      found.push([row, first]);
      if (other < 0) kept[1] = row;
    } else if (other >= 0) found.push([row, other]);
  }
  return found;
}

/** Whether rows `row` and `other` have the same instant, amount and currency. */
function sameNumbers(table: TransferTable, c: PaymentColumns, row: number, other: number): boolean {
  if (
    c.epochMs[other] !== c.epochMs[row] ||
    c.currency[other] !== c.currency[row] ||
    (c.nanos.get(other) ?? 0) !== (c.nanos.get(row) ?? 0)
  )
    return false;
  const minor = c.minorUnits[row]!;
  if (!Number.isNaN(minor)) return c.minorUnits[other] === minor;
  const big = table.minor(row);
  return big !== undefined && big === table.minor(other);
}
