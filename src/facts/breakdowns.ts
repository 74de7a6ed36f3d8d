/**
 * Completed transfers grouped by sender, beneficiary, beneficiary country, channel,
 * provider, original currency and month. Each grouping partitions the completed
 * lines, so every list's totals add up to the grand total.
 */
import type { Charge, Person, TransferChannel } from '../model/dossier.js';
import type { PartyIndex } from './parties.js';
import { convertedOf } from './transfers.js';
import { partitionPoint } from './search.js';
import type {
  BreakdownRow,
  Breakdowns,
  ChargePeriodFacts,
  CurrencyRow,
  PartyRow,
  TransferLine,
} from './types.js';

interface Group<K> {
  readonly key: K;
  count: number;
  /** Converted total, in reporting-currency minor units. */
  total: bigint;
  /** Total in the lines' own currency (meaningful when grouping by currency). */
  original: bigint;
  /** For party groups: a person, or an account nobody holds. */
  kind: 'person' | 'account';
}

/** Groups of one breakdown, filled line by line. */
class Grouping<K> {
  readonly groups = new Map<K, Group<K>>();

  add(key: K, converted: bigint, line: TransferLine, kind: 'person' | 'account' = 'person'): void {
    let group = this.groups.get(key);
    if (!group) {
      group = { key, count: 0, total: 0n, original: 0n, kind };
      this.groups.set(key, group);
    }
    group.count++;
    group.total += converted;
    group.original += line.transfer.amount.minor;
  }
}

function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** Largest total first, then larger count, then key (null last). */
function byTotal<K extends string | null>(a: Group<K>, b: Group<K>): number {
  if (a.total !== b.total) return a.total > b.total ? -1 : 1;
  return b.count - a.count || compareKeys(a.key, b.key);
}

function rows<K extends string | null>(grouping: Grouping<K>, currency: string): BreakdownRow<K>[] {
  return [...grouping.groups.values()]
    .sort(byTotal)
    .map((g) => ({ key: g.key, count: g.count, total: { minor: g.total, currency } }));
}

function partyRows(grouping: Grouping<string>, currency: string): PartyRow[] {
  return [...grouping.groups.values()].sort(byTotal).map((g) => ({
    key: g.key,
    kind: g.kind,
    count: g.count,
    total: { minor: g.total, currency },
  }));
}

function countryOf(line: TransferLine, persons: ReadonlyMap<string, Person>): string | null {
  if (line.beneficiary.kind !== 'person') return null;
  return persons.get(line.beneficiary.id)?.residence ?? null;
}

/** All breakdowns of the counted lines, in one pass (lines in chronological order). */
export function computeBreakdowns(
  lines: readonly TransferLine[],
  parties: PartyIndex,
  currency: string,
): Breakdowns {
  // Person and account ids share one namespace (ids are unique dossier-wide), so the id is the key.
  const senders = new Grouping<string>();
  const beneficiaries = new Grouping<string>();
  const countries = new Grouping<string | null>();
  const channels = new Grouping<TransferChannel>();
  const providers = new Grouping<string | null>();
  const currencies = new Grouping<string>();
  const months = new Grouping<string>();
  for (const line of lines) {
    if (!line.counted) continue;
    const converted = convertedOf(line).minor;
    senders.add(line.sender.id, converted, line, line.sender.kind);
    beneficiaries.add(line.beneficiary.id, converted, line, line.beneficiary.kind);
    countries.add(countryOf(line, parties.persons), converted, line);
    channels.add(line.transfer.channel, converted, line);
    providers.add(line.transfer.provider ?? null, converted, line);
    currencies.add(line.transfer.amount.currency, converted, line);
    months.add(line.month, converted, line);
  }
  const byCurrency: CurrencyRow[] = [...currencies.groups.values()].sort(byTotal).map((g) => ({
    key: g.key,
    count: g.count,
    total: { minor: g.total, currency },
    original: { minor: g.original, currency: g.key },
  }));
  const byMonth = rows(months, currency).sort((a, b) => compareKeys(a.key, b.key));
  return {
    bySender: partyRows(senders, currency),
    byBeneficiary: partyRows(beneficiaries, currency),
    byBeneficiaryCountry: rows(countries, currency),
    byChannel: rows(channels, currency),
    byProvider: rows(providers, currency),
    byCurrency,
    byMonth,
  };
}

/** Completed lines of one sender, ordered by case-tz date, with prefix sums of their totals. */
interface SenderLines {
  readonly lines: TransferLine[];
  /** `prefix[i]`: converted total of `lines[0..i)`. */
  readonly prefix: bigint[];
}

/** True when the lines' case-tz dates never go backwards. */
function datesAscending(lines: readonly TransferLine[]): boolean {
  for (let i = 1; i < lines.length; i++) {
    if ((lines[i] as TransferLine).date < (lines[i - 1] as TransferLine).date) return false;
  }
  return true;
}

/**
 * One sender's lines (chronological) ordered by date, with their prefix sums. Dates
 * follow instants except where a zone's clocks went back across midnight (St John's
 * 2009-11-01 00:01 NDT to 2009-10-31 23:01 NST): only then are the lines sorted by date
 * (stable; the order within a date does not change a sum).
 */
function senderLines(chronological: TransferLine[]): SenderLines {
  const lines = datesAscending(chronological)
    ? chronological
    : chronological.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const prefix: bigint[] = [0n];
  let sum = 0n;
  for (const line of lines) prefix.push((sum += convertedOf(line).minor));
  return { lines, prefix };
}

/**
 * For each charge, the completed transfers sent by its own suspects (the person, or an
 * account they hold) and dated (case tz, inclusive) inside its period. A transfer from
 * an account nobody is known to hold is nobody's. Lines are grouped by sender person
 * once and ordered by case-tz date (see senderLines), so prefix sums answer each suspect
 * of each charge in O(log n).
 */
export function computeChargePeriods(
  charges: readonly Charge[],
  lines: readonly TransferLine[],
  currency: string,
): ChargePeriodFacts[] {
  const chronological = new Map<string, TransferLine[]>();
  for (const line of lines) {
    if (!line.counted || line.sender.kind !== 'person') continue;
    let group = chronological.get(line.sender.id);
    if (!group) chronological.set(line.sender.id, (group = []));
    group.push(line);
  }
  const bySender = new Map<string, SenderLines>();
  for (const [sender, group] of chronological) bySender.set(sender, senderLines(group));
  return charges.map((charge) => {
    const { from, to } = charge.period;
    let count = 0;
    let minor = 0n;
    for (const suspect of new Set(charge.suspects)) {
      const group = bySender.get(suspect);
      if (!group) continue;
      const start = partitionPoint(group.lines, (line) => line.date < from);
      const end = Math.max(
        start,
        partitionPoint(group.lines, (line) => line.date <= to),
      );
      count += end - start;
      minor += (group.prefix[end] as bigint) - (group.prefix[start] as bigint);
    }
    return { charge, from, to, count, total: { minor, currency } };
  });
}
