/**
 * The columns of the packet's data files (`data/transfers.csv`, `data/exchanges.csv`,
 * `data/correlations.csv`): one list per file, each column a name and how to read its
 * cell from a row. A new column is one more entry, added at the END of its list
 * (docs/packet.md promises analysts that columns never move). `source_evidence` and
 * `source_locator` give a record's provenance in an exhibit's export (`courtfile import`).
 *
 * `text` cells (ids, names, free text) go through the victims' Redactor and the formula
 * guard; `plain` cells are written by courtfile itself from exact values (amounts from
 * BigInt minor units, instants, enum codes, counts) and are written as they are.
 */
import type { CorrelationLink, DossierFacts, TransferLine } from '../../facts/index.js';
import { gapSecondsText } from '../../facts/correlate.js';
import { decimalToString } from '../../facts/decimal.js';
import { moneyToDecimalString } from '../../facts/money.js';
import { compareByInstantThenId } from '../../facts/time.js';
import type { Party } from '../../facts/parties.js';
import { zonedTime } from '../../facts/zone.js';
import type { Account, Dossier, Exchange, Instant, Person } from '../../model/dossier.js';
import { Redactor, personLabel, showsIdentifier } from '../../redact/index.js';
import { textCell } from './csv-format.js';

/** One column of a data file. */
export interface DataColumn<R> {
  readonly name: string;
  readonly kind: 'text' | 'plain';
  readonly cell: (row: R, ctx: DataContext) => string;
}

/** What replaces a victim's identity in free text of the data files (as in the manifest). */
export const DATA_MASK = '[redacted]';

/** Lookups, the case time zone and victim protection shared by every data file. */
export class DataContext {
  readonly timezone: string;
  private readonly persons: ReadonlyMap<string, Person>;
  private readonly accounts: ReadonlyMap<string, Account>;
  private readonly redactor: Redactor;

  constructor(
    dossier: Dossier,
    readonly reveal: boolean,
  ) {
    this.timezone = dossier.case.timezone;
    this.persons = new Map(dossier.persons.map((p) => [p.id, p] as const));
    this.accounts = new Map(dossier.accounts.map((a) => [a.id, a] as const));
    this.redactor = Redactor.forDossier(dossier, { mask: DATA_MASK, reveal });
  }

  /** A text cell as written: victims' identities masked, then guarded against formulas. */
  text(value: string): string {
    return textCell(this.redactor.scrub(value));
  }

  /** A person as documents show them (pseudonym for a victim); the id when unknown. */
  personName(id: string | undefined): string {
    if (id === undefined) return '';
    const person = this.persons.get(id);
    return person ? personLabel(person, this.reveal) : id;
  }

  /** The person holding an account, if known. */
  holderOf(accountId: string): string | undefined {
    return this.accounts.get(accountId)?.holder;
  }

  /** An account as documents show it: platform (or kind), and its identifier unless a victim holds it. */
  accountText(id: string | undefined): string {
    if (id === undefined) return '';
    const account = this.accounts.get(id);
    if (!account) return id;
    const what = account.platform ?? account.kind;
    const holder = account.holder === undefined ? undefined : this.persons.get(account.holder);
    return showsIdentifier(account, holder, this.reveal) ? `${what} ${account.identifier}` : what;
  }

  /** An instant on the case time zone's wall clock, ISO 8601 with the zone's offset then. */
  inCaseZone(instant: Instant | undefined): string {
    return instant === undefined
      ? ''
      : isoInZone(instant.epochMs, this.timezone, instant.subMsNanos);
  }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * `YYYY-MM-DDTHH:MM:SS[.mmm]±HH:MM` on the wall clock of `timeZone` at `epochMs`, with the
 * `subMsNanos` nanoseconds beyond it when there are some (`.00009`, `.9999999`: so that
 * the column sorts and compares as the instants do). An offset with seconds (local mean
 * time, before about 1900) is written `±HH:MM:SS`.
 */
export function isoInZone(epochMs: number, timeZone: string, subMsNanos = 0): string {
  const t = zonedTime(epochMs, timeZone);
  const ms =
    subMsNanos > 0
      ? `.${(pad(t.millisecond, 3) + pad(subMsNanos, 6)).replace(/0+$/, '')}`
      : t.millisecond === 0
        ? ''
        : `.${pad(t.millisecond, 3)}`;
  const abs = Math.abs(t.offsetSeconds);
  const seconds = abs % 60 === 0 ? '' : `:${pad(abs % 60)}`;
  const offset = `${t.offsetSeconds < 0 ? '-' : '+'}${pad(Math.floor(abs / 3600))}:${pad(Math.floor((abs % 3600) / 60))}${seconds}`;
  return `${t.date}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${ms}${offset}`;
}

const text = <R>(name: string, cell: (row: R, ctx: DataContext) => string): DataColumn<R> => ({
  name,
  kind: 'text',
  cell,
});
const plain = <R>(name: string, cell: (row: R, ctx: DataContext) => string): DataColumn<R> => ({
  name,
  kind: 'plain',
  cell,
});

/** The person a party resolves to (the holder of an account named), if any. */
const partyPerson = (p: Party): string | undefined => (p.kind === 'person' ? p.id : undefined);

/** `data/transfers.csv`: every transfer, by true instant then id (as the documents list them). */
export const TRANSFER_COLUMNS: readonly DataColumn<TransferLine>[] = [
  text('id', (l) => l.transfer.id),
  plain('at', (l) => l.transfer.at.text),
  plain('at_case_tz', (l, c) => c.inCaseZone(l.transfer.at)),
  text('from', (l) => l.transfer.from),
  text('from_person', (l, c) => c.personName(partyPerson(l.sender))),
  text('from_account', (l, c) => c.accountText(l.sender.account)),
  text('to', (l) => l.transfer.to),
  text('to_person', (l, c) => c.personName(partyPerson(l.beneficiary))),
  text('to_account', (l, c) => c.accountText(l.beneficiary.account)),
  plain('amount', (l) => moneyToDecimalString(l.transfer.amount)),
  plain('currency', (l) => l.transfer.amount.currency),
  plain('converted', (l) => (l.converted ? moneyToDecimalString(l.converted) : '')),
  plain('reporting_currency', (l) => l.converted?.currency ?? ''),
  plain('rate', (l) =>
    l.rate === undefined
      ? ''
      : l.rate.kind === 'identity'
        ? '1'
        : decimalToString(l.rate.rate.rate),
  ),
  plain('rate_date', (l) => (l.rate?.kind === 'declared' ? l.rate.rate.date : '')),
  plain('status', (l) => l.transfer.status),
  plain('counted', (l) => (l.counted ? 'yes' : 'no')),
  plain('channel', (l) => l.transfer.channel),
  text('provider', (l) => l.transfer.provider ?? ''),
  text('reference', (l) => l.transfer.reference ?? ''),
  text('evidence', (l) => l.transfer.evidence),
  text('notes', (l) => l.transfer.notes ?? ''),
  text('source_evidence', (l) => l.transfer.source?.evidence ?? ''),
  text('source_locator', (l) => l.transfer.source?.locator ?? ''),
];

/** `data/exchanges.csv`: every exchange, by true instant then id. */
export const EXCHANGE_COLUMNS: readonly DataColumn<Exchange>[] = [
  text('id', (e) => e.id),
  plain('at', (e) => e.at.text),
  plain('at_case_tz', (e, c) => c.inCaseZone(e.at)),
  plain('end', (e) => e.end?.text ?? ''),
  plain('end_case_tz', (e, c) => c.inCaseZone(e.end)),
  plain('kind', (e) => e.kind),
  text('platform', (e) => e.platform ?? ''),
  text('from', (e) => e.from),
  text('from_person', (e, c) => c.personName(c.holderOf(e.from))),
  text('from_account', (e, c) => c.accountText(e.from)),
  text('to', (e) => e.to.join(' ')),
  text('to_persons', (e, c) => e.to.map((a) => c.personName(c.holderOf(a))).join('; ')),
  text('to_accounts', (e, c) => e.to.map((a) => c.accountText(a)).join('; ')),
  text('summary', (e) => e.summary ?? ''),
  text('evidence', (e) => e.evidence),
  text('source_evidence', (e) => e.source?.evidence ?? ''),
  text('source_locator', (e) => e.source?.locator ?? ''),
];

/** `data/correlations.csv`: every linked transfer / session pair, in the documents' order. */
export const CORRELATION_COLUMNS: readonly DataColumn<CorrelationLink>[] = [
  text('transfer', (k) => k.transfer.id),
  plain('transfer_at', (k) => k.transfer.at.text),
  plain('transfer_at_case_tz', (k, c) => c.inCaseZone(k.transfer.at)),
  plain('amount', (k) => moneyToDecimalString(k.transfer.amount)),
  plain('currency', (k) => k.transfer.amount.currency),
  text('exchange', (k) => k.exchange.id),
  plain('exchange_kind', (k) => k.exchange.kind),
  text('exchange_platform', (k) => k.exchange.platform ?? ''),
  plain('exchange_at', (k) => k.exchange.at.text),
  plain('exchange_at_case_tz', (k, c) => c.inCaseZone(k.exchange.at)),
  text('person', (k) => k.person),
  text('person_name', (k, c) => c.personName(k.person)),
  plain('gap_seconds', (k) => gapSecondsText(k)),
  text('transfer_evidence', (k) => k.transfer.evidence),
  text('exchange_evidence', (k) => k.exchange.evidence),
];

/** The header of a data file. */
export function headerOf<R>(columns: readonly DataColumn<R>[]): string[] {
  return columns.map((c) => c.name);
}

/** The rows of a data file, produced one at a time. */
export function* rowsOf<R>(
  columns: readonly DataColumn<R>[],
  records: Iterable<R>,
  ctx: DataContext,
): Generator<string[]> {
  for (const record of records) {
    yield columns.map((c) =>
      c.kind === 'text' ? ctx.text(c.cell(record, ctx)) : c.cell(record, ctx),
    );
  }
}

/** Exchanges by true instant, then id (the documents' order). */
export function exchangesInOrder(dossier: Dossier): Exchange[] {
  return [...dossier.exchanges].sort(compareByInstantThenId);
}

/** The facts a data file is read from (kept small so tests can build them). */
export type DataFacts = Pick<DossierFacts, 'transfers' | 'correlation'>;
