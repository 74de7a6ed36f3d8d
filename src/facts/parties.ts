/**
 * Who paid and who was paid: a transfer's `from`/`to` names a person or an account;
 * an account resolves to its holder, and stays an account when nobody holds it.
 */
import type { Account, Dossier, Person } from '../model/dossier.js';

/** A resolved sender or beneficiary. */
export interface Party {
  /** `person`: a person id; `account`: an account that no person is known to hold. */
  readonly kind: 'person' | 'account';
  /** Person id, or account id when `kind` is `account`. */
  readonly id: string;
  /** The account the transfer named, when it named one. */
  readonly account?: string;
}

/** Lookups by id over persons and accounts. */
export interface PartyIndex {
  readonly persons: ReadonlyMap<string, Person>;
  readonly accounts: ReadonlyMap<string, Account>;
}

/** Index persons and accounts by id. */
export function indexParties(dossier: Pick<Dossier, 'persons' | 'accounts'>): PartyIndex {
  return {
    persons: new Map(dossier.persons.map((p) => [p.id, p] as const)),
    accounts: new Map(dossier.accounts.map((a) => [a.id, a] as const)),
  };
}

/**
 * Parties already resolved, per index and id: a party is read-only, so every transfer
 * that names the same id shares one (100,000 transfers name a few thousand accounts; the
 * render keeps the lines, and so their parties, until its last page).
 */
const resolved = new WeakMap<PartyIndex, Map<string, Party>>();

/** Resolve a person or account id to a party (account → holder person when known). */
export function resolveParty(index: PartyIndex, id: string): Party {
  let byId = resolved.get(index);
  if (byId === undefined) resolved.set(index, (byId = new Map()));
  let party = byId.get(id);
  if (party === undefined) {
    party = resolveUncached(index, id);
    byId.set(id, party);
  }
  return party;
}

function resolveUncached(index: PartyIndex, id: string): Party {
  if (index.persons.has(id)) return { kind: 'person', id };
  const holder = index.accounts.get(id)?.holder;
  return holder !== undefined
    ? { kind: 'person', id: holder, account: id }
    : { kind: 'account', id, account: id };
}

/** The person who holds an account, if known. */
export function holderOf(index: PartyIndex, accountId: string): string | undefined {
  return index.accounts.get(accountId)?.holder;
}
