import type { Account, AccountKind, Dossier } from '../model/dossier.js';
import { MAX_TEXT, MAX_TEXT_LENGTH } from '../schema/scalars.js';
import { matchKey, normalizeIdentifier } from './identifiers.js';
import { accountId, IdAllocator, recordId, type TakenId } from './record-ids.js';
import type { SourceExchange, SourceParty, SourceTransfer } from './types.js';
import { yamlItem, yamlScalar } from './write-yaml.js';

/**
 * The problem of a text longer than MAX_TEXT_LENGTH, or not well-formed UTF-16: half of a surrogate pair alone,
 * which a JSON export can write (`"\ud800"`) and an xlsx cell too (`_xD800_`, OOXML's escape). It is no
 * character: no YAML file can hold it, so the record cannot be written (the check of OUT
 * would otherwise report it in OUT, which is not there to be opened).
 */
function illFormed(field: string, text: string | undefined): { problem: string } | undefined {
  if (text === undefined) return undefined;
  // Longer than a dossier's text may be: said here, naming the field (the check of OUT
  // would report it at the record without saying which of its texts).
  if (text.length > MAX_TEXT_LENGTH)
    return {
      problem: `${field}: ${text.length.toLocaleString('en-US')} characters, more than a text of the dossier may hold (${MAX_TEXT}): put longer material in an exhibit file`,
    };
  if (text.isWellFormed()) return undefined;
  const at = [...text].find((c) => c.length === 1 && c >= '\ud800' && c <= '\udfff')!;
  const code = at.charCodeAt(0).toString(16).toUpperCase();
  return {
    problem: `${field}: the text holds a lone UTF-16 surrogate (\\u${code}, half of a pair), which is not a character and cannot be written in the dossier`,
  };
}

/** A new account written by the import, with where its identifier was first met. */
export interface NewAccount {
  readonly id: string;
  readonly kind: AccountKind;
  readonly identifier: string;
  readonly platform?: string;
  /** Where its identifier was first met: the field or cell when the reader gives it, else the record. */
  readonly line: number;
  readonly column: number;
  /** xlsx: the cell's name (`C12`), for the warning's message. */
  readonly cell?: string;
}

/**
 * Turns source records into dossier records: account matching (identifier normalised by
 * kind), new accounts for the identifiers the dossier does not know, ids from the
 * evidence id and the locator. Holds one entry per distinct identifier and per id, not
 * the records themselves.
 */
/** An identifier as written, resolved: the id of a dossier account or of a new one, or a problem. */
interface Resolved {
  readonly id: string;
  /** The id as a YAML scalar (yamlScalar), made once per identifier as written. */
  readonly yaml: string;
  readonly problem: string | undefined;
}

/**
 * yamlScalar of a field whose value most often repeats from one record to the next
 * (currency, channel, provider, status): the last value's text kept, no scan per record.
 */
class LastScalar {
  private value: string | undefined;
  private yaml = '';

  of(value: string): string {
    if (value !== this.value) {
      this.value = value;
      this.yaml = yamlScalar(value);
    }
    return this.yaml;
  }
}

/** A platform's name as compared: `WhatsApp`, `whatsapp` and ` Whatsapp ` are one. */
function platformKey(platform: string): string {
  return platform.trim().toLowerCase();
}

export class RecordBuilder {
  private readonly byKey = new Map<string, Account[]>();
  /** Index in `ordered` of the new account per kind and normalised identifier. */
  private readonly created = new Map<string, number>();
  /** The new accounts, in the order they were made. */
  private readonly ordered: NewAccount[] = [];
  private readonly ids: IdAllocator;
  /**
   * Account id (or problem) per kind, platform and identifier as the source writes it:
   * exports repeat a few identifiers over many rows (nested maps: no key string to build).
   */
  private readonly resolved = new Map<string, Map<string | undefined, Map<string, Resolved>>>();
  /** How many new accounts takeMade has given so far. */
  private madeTaken = 0;

  private readonly evidenceYaml: string;
  private readonly currency = new LastScalar();
  private readonly channel = new LastScalar();
  private readonly provider = new LastScalar();
  private readonly status = new LastScalar();

  constructor(
    dossier: Dossier,
    private readonly evidence: string,
    /** The reader gives every record a different locator (csv, xlsx rows): ids need not be remembered. */
    private readonly distinctLocators = false,
    /** Dossier ids a record's id steps over with a suffix (DossierIds.stepOver); any other is TakenId. */
    stepOver: ReadonlySet<string> = new Set(),
  ) {
    for (const a of dossier.accounts) {
      const key = matchKey(a.kind, a.identifier);
      const list = this.byKey.get(key);
      if (list) list.push(a);
      else this.byKey.set(key, [a]);
    }
    const taken = new Set<string>();
    for (const list of [
      dossier.persons,
      dossier.accounts,
      dossier.charges,
      dossier.evidence,
      dossier.transfers,
      dossier.exchanges,
    ])
      for (const r of list) taken.add(r.id);
    this.ids = new IdAllocator(taken, stepOver);
    this.evidenceYaml = yamlScalar(evidence);
  }

  /** New accounts in the order they were first met. */
  newAccounts(): NewAccount[] {
    return [...this.ordered];
  }

  /** The account id for a party, or the reason its identifier is not valid for its kind. */
  accountFor(
    party: SourceParty,
    at: { line: number; column: number },
  ): string | { problem: string } {
    const found = this.resolvedFor(party, at);
    if (found.problem !== undefined) return { problem: found.problem };
    return found.id;
  }

  /** accountFor's answer, with the id as YAML. */
  private resolvedFor(party: SourceParty, at: { line: number; column: number }): Resolved {
    let byPlatform = this.resolved.get(party.kind);
    if (byPlatform === undefined) this.resolved.set(party.kind, (byPlatform = new Map()));
    let byIdentifier = byPlatform.get(party.platform);
    if (byIdentifier === undefined) byPlatform.set(party.platform, (byIdentifier = new Map()));
    let found = byIdentifier.get(party.identifier);
    if (found === undefined) {
      found = this.resolve(party, at);
      byIdentifier.set(party.identifier, found);
    }
    return found;
  }

  /**
   * The new accounts made since the last call (indexes in newAccounts(), increasing): a
   * part of OUT is checked with those made while it was filled (an account is made with
   * the record that first names it), the accounts made before it by their ids alone
   * (accountIdsFrom; check-parts.ts).
   */
  takeMade(): number[] {
    const made: number[] = [];
    for (let k = this.madeTaken; k < this.ordered.length; k++) made.push(k);
    this.madeTaken = this.ordered.length;
    return made;
  }

  /** Ids of the new accounts made from the `from`-th one on, in the order they were made. */
  accountIdsFrom(from: number): string[] {
    const ids: string[] = [];
    for (let k = from; k < this.ordered.length; k++) ids.push(this.ordered[k]!.id);
    return ids;
  }

  private resolve(party: SourceParty, at: { line: number; column: number }): Resolved {
    const n = normalizeIdentifier(party.kind, party.identifier);
    if (!n.ok) return { id: '', yaml: '', problem: `${party.kind} account: ${n.message}` };
    const found = this.byKey.get(n.identifier);
    if (found && found.length > 0) {
      // Several accounts may hold one identifier (a phone number is a WhatsApp account and
      // a mobile wallet): the export's platform first, then its kind, then the first one.
      const platform = party.platform === undefined ? undefined : platformKey(party.platform);
      const onPlatform = (a: Account) =>
        a.platform === undefined ? platform === undefined : platformKey(a.platform) === platform;
      const best =
        found.find((a) => a.kind === party.kind && onPlatform(a)) ??
        (platform === undefined ? undefined : found.find(onPlatform)) ??
        found.find((a) => a.kind === party.kind) ??
        found[0]!;
      return { id: best.id, yaml: yamlScalar(best.id), problem: undefined };
    }
    const key = `${party.kind}\u0000${n.identifier}`;
    let index = this.created.get(key);
    if (index === undefined) {
      const acct: NewAccount = {
        id: this.ids.allocate(accountId(this.evidence, party.kind, n.identifier)),
        kind: party.kind,
        identifier: n.identifier,
        ...(party.platform === undefined ? {} : { platform: party.platform }),
        line: (party.cell ?? at).line,
        column: (party.cell ?? at).column,
        ...(party.cell?.name === undefined ? {} : { cell: party.cell.name }),
      };
      index = this.ordered.length;
      this.created.set(key, index);
      this.ordered.push(acct);
    }
    const id = this.ordered[index]!.id;
    return { id, yaml: yamlScalar(id), problem: undefined };
  }

  /**
   * The YAML list item of a transfer, the problem of one of its parties, or its id when the
   * dossier already holds it (the import is then refused: DossierIds.refusal).
   */
  transfer(t: SourceTransfer): string | { problem: string } | TakenId {
    const broken =
      illFormed('from', t.from.identifier) ??
      illFormed('from', t.from.platform) ??
      illFormed('to', t.to.identifier) ??
      illFormed('to', t.to.platform) ??
      illFormed('provider', t.provider) ??
      illFormed('reference', t.reference) ??
      illFormed('notes', t.notes) ??
      illFormed('locator', t.locator);
    if (broken) return broken;
    const from = this.resolvedFor(t.from, t);
    if (from.problem !== undefined) return { problem: from.problem };
    const to = this.resolvedFor(t.to, t);
    if (to.problem !== undefined) return { problem: to.problem };
    // yamlItem's output, written out (the hottest path of a large import).
    const id = this.ids.record(recordId(this.evidence, t.locator), !this.distinctLocators);
    if (typeof id !== 'string') return id;
    return (
      `  - id: ${yamlScalar(id)}\n    at: ${yamlScalar(t.at)}\n    from: ${from.yaml}\n    to: ${to.yaml}\n` +
      `    amount: ${yamlScalar(t.amount)}\n    currency: ${this.currency.of(t.currency)}\n    channel: ${this.channel.of(t.channel)}\n` +
      (t.provider === undefined ? '' : `    provider: ${this.provider.of(t.provider)}\n`) +
      (t.reference === undefined ? '' : `    reference: ${yamlScalar(t.reference)}\n`) +
      (t.status === undefined ? '' : `    status: ${this.status.of(t.status)}\n`) +
      `    evidence: ${this.evidenceYaml}\n    source: {evidence: ${this.evidenceYaml}, locator: ${yamlScalar(t.locator)}}\n` +
      (t.notes === undefined ? '' : `    notes: ${yamlScalar(t.notes)}\n`)
    );
  }

  /** The YAML list item of an exchange, the problem of one of its parties, or its taken id (see transfer()). */
  exchange(x: SourceExchange): string | { problem: string } | TakenId {
    const broken =
      illFormed('from', x.from.identifier) ??
      illFormed('from', x.from.platform) ??
      illFormed('platform', x.platform) ??
      illFormed('locator', x.locator) ??
      x.to.reduce<{ problem: string } | undefined>(
        (found, p) => found ?? illFormed('to', p.identifier) ?? illFormed('to', p.platform),
        undefined,
      );
    if (broken) return broken;
    const from = this.accountFor(x.from, x);
    if (typeof from !== 'string') return from;
    const to: string[] = [];
    for (const p of x.to) {
      const id = this.accountFor(p, x);
      if (typeof id !== 'string') return id;
      if (!to.includes(id)) to.push(id);
    }
    if (to.length === 0) return { problem: 'the exchange has no recipient' };
    const id = this.ids.record(recordId(this.evidence, x.locator), !this.distinctLocators);
    if (typeof id !== 'string') return id;
    return yamlItem([
      ['id', id],
      ['at', x.at],
      ['end', x.end],
      ['kind', x.kind],
      ['platform', x.platform],
      ['from', from],
      ['to', to],
      ['evidence', this.evidence],
      ['source', { evidence: this.evidence, locator: x.locator }],
    ]);
  }

  /** The list items of the new accounts written so far, where each one's text ends, and its lines start. */
  private accountItems = '';
  private readonly accountEnds: number[] = [];
  private readonly accountLines: number[] = [0];

  /** Write the list items of the accounts made since the last call. */
  private writeAccounts(): void {
    for (let k = this.accountEnds.length; k < this.ordered.length; k++) {
      const a = this.ordered[k]!;
      const item = yamlItem([
        ['id', a.id],
        ['kind', a.kind],
        ['platform', a.platform],
        ['identifier', a.identifier],
      ]);
      this.accountItems += item;
      this.accountEnds.push(this.accountItems.length);
      let lines = 0;
      for (let i = item.indexOf('\n'); i >= 0; i = item.indexOf('\n', i + 1)) lines++;
      this.accountLines.push(this.accountLines[k]! + lines);
    }
  }

  /** The `accounts:` list of the new accounts (empty string when none). */
  accountsYaml(): string {
    this.writeAccounts();
    return this.accountItems ? `accounts:\n${this.accountItems}` : '';
  }

  /**
   * The `accounts:` list of some of the new accounts (indexes in newAccounts(), in
   * increasing order): each one's lines as in accountsYaml(), in the same order.
   */
  accountsYamlOf(indexes: readonly number[]): string {
    this.writeAccounts();
    if (indexes.length === 0) return '';
    let out = 'accounts:\n';
    for (const k of indexes)
      out += this.accountItems.slice(k === 0 ? 0 : this.accountEnds[k - 1], this.accountEnds[k]);
    return out;
  }

  /** Line of each new account's item in accountsYaml() after its first line (0 for the first), then the total. */
  accountLineStarts(): readonly number[] {
    this.writeAccounts();
    return this.accountLines;
  }
}
