import type { Account, AccountKind, Dossier } from '../model/dossier.js';
import { matchKey, normalizeIdentifier } from './identifiers.js';
import { accountId, IdAllocator, recordId } from './record-ids.js';
import type { SourceExchange, SourceParty, SourceTransfer } from './types.js';
import { yamlItem, yamlScalar } from './write-yaml.js';

/** A new account written by the import, with where its identifier was first met. */
export interface NewAccount {
  readonly id: string;
  readonly kind: AccountKind;
  readonly identifier: string;
  readonly platform?: string;
  readonly line: number;
  readonly column: number;
}

/**
 * Turns source records into dossier records: account matching (identifier normalised by
 * kind), new accounts for the identifiers the dossier does not know, ids from the
 * evidence id and the locator. Holds one entry per distinct identifier and per id, not
 * the records themselves.
 */
export class RecordBuilder {
  private readonly byKey = new Map<string, Account[]>();
  private readonly created = new Map<string, NewAccount>();
  /** The values of `created`, in the order they were made. */
  private readonly ordered: NewAccount[] = [];
  private readonly ids: IdAllocator;
  /**
   * Account id (or problem) per kind, platform and identifier as the source writes it:
   * exports repeat a few identifiers over many rows (nested maps: no key string to build).
   */
  private readonly resolved = new Map<
    string,
    Map<string | undefined, Map<string, string | { problem: string }>>
  >();

  private readonly evidenceYaml: string;

  constructor(
    dossier: Dossier,
    private readonly evidence: string,
    /** The reader gives every record a different locator (csv, xlsx rows): ids need not be remembered. */
    private readonly distinctLocators = false,
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
    this.ids = new IdAllocator(taken);
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

  private resolve(
    party: SourceParty,
    at: { line: number; column: number },
  ): string | { problem: string } {
    const n = normalizeIdentifier(party.kind, party.identifier);
    if (!n.ok) return { problem: `${party.kind} account: ${n.message}` };
    const found = this.byKey.get(n.identifier);
    if (found && found.length > 0) {
      const best =
        found.find((a) => a.kind === party.kind && a.platform === party.platform) ??
        found.find((a) => a.kind === party.kind) ??
        found[0]!;
      return best.id;
    }
    const key = `${party.kind}\u0000${n.identifier}`;
    let acct = this.created.get(key);
    if (!acct) {
      acct = {
        id: this.ids.allocate(accountId(this.evidence, party.kind, n.identifier)),
        kind: party.kind,
        identifier: n.identifier,
        ...(party.platform === undefined ? {} : { platform: party.platform }),
        line: at.line,
        column: at.column,
      };
      this.created.set(key, acct);
      this.ordered.push(acct);
    }
    return acct.id;
  }

  /** The YAML list item of a transfer, or the problem of one of its parties. */
  transfer(t: SourceTransfer): string | { problem: string } {
    const from = this.accountFor(t.from, t);
    if (typeof from !== 'string') return from;
    const to = this.accountFor(t.to, t);
    if (typeof to !== 'string') return to;
    // yamlItem's output, written out (the hottest path of a large import).
    const id = this.ids.allocate(recordId(this.evidence, t.locator), !this.distinctLocators);
    return (
      `  - id: ${yamlScalar(id)}\n    at: ${yamlScalar(t.at)}\n    from: ${yamlScalar(from)}\n    to: ${yamlScalar(to)}\n` +
      `    amount: ${yamlScalar(t.amount)}\n    currency: ${yamlScalar(t.currency)}\n    channel: ${yamlScalar(t.channel)}\n` +
      (t.provider === undefined ? '' : `    provider: ${yamlScalar(t.provider)}\n`) +
      (t.reference === undefined ? '' : `    reference: ${yamlScalar(t.reference)}\n`) +
      (t.status === undefined ? '' : `    status: ${yamlScalar(t.status)}\n`) +
      `    evidence: ${this.evidenceYaml}\n    source: {evidence: ${this.evidenceYaml}, locator: ${yamlScalar(t.locator)}}\n` +
      (t.notes === undefined ? '' : `    notes: ${yamlScalar(t.notes)}\n`)
    );
  }

  /** The YAML list item of an exchange, or the problem of one of its parties. */
  exchange(x: SourceExchange): string | { problem: string } {
    const from = this.accountFor(x.from, x);
    if (typeof from !== 'string') return from;
    const to: string[] = [];
    for (const p of x.to) {
      const id = this.accountFor(p, x);
      if (typeof id !== 'string') return id;
      if (!to.includes(id)) to.push(id);
    }
    if (to.length === 0) return { problem: 'the exchange has no recipient' };
    return yamlItem([
      ['id', this.ids.allocate(recordId(this.evidence, x.locator), !this.distinctLocators)],
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

  /** How many new accounts there are so far. */
  accountCount(): number {
    return this.created.size;
  }

  /** The list items of the new accounts made so far, and where each one's text ends. */
  private accountItems = '';
  private readonly accountEnds: number[] = [];

  /**
   * The `accounts:` list of the first `count` new accounts (all by default; empty string
   * when none). New accounts are only ever added at the end: the list of the first
   * `count` is the start of every later list, line for line.
   */
  accountsYaml(count = this.created.size): string {
    for (let k = this.accountEnds.length; k < this.ordered.length; k++) {
      const a = this.ordered[k]!;
      this.accountItems += yamlItem([
        ['id', a.id],
        ['kind', a.kind],
        ['platform', a.platform],
        ['identifier', a.identifier],
      ]);
      this.accountEnds.push(this.accountItems.length);
    }
    if (count <= 0) return '';
    return 'accounts:\n' + this.accountItems.slice(0, this.accountEnds[count - 1]);
  }
}
