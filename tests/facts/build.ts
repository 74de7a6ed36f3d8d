/**
 * Hand-built Dossier objects for tests (the loader is tested elsewhere). Every builder
 * fills the required fields with plain defaults; amounts and instants are given as text.
 */
import { minorUnits } from '../../src/facts/currencies.js';
import { decimalToMinor, parseDecimal } from '../../src/facts/decimal.js';
import { parseInstant } from '../../src/facts/time.js';
import type {
  Account,
  CaseInfo,
  Charge,
  CustodyEvent,
  Dossier,
  Exchange,
  Exhibit,
  Instant,
  Origin,
  Person,
  Rate,
  Transfer,
} from '../../src/model/dossier.js';

const origin = (list: string, index = 0): Origin => ({ file: 'dossier.yaml', path: [list, index] });

/** Parse an instant that the test knows to be valid. */
export function at(text: string): Instant {
  const instant = parseInstant(text);
  if (!instant) throw new Error(`bad test instant ${text}`);
  return instant;
}

export function person(
  id: string,
  role: Person['role'] = 'suspect',
  extra: Partial<Person> = {},
): Person {
  const named = role === 'victim' ? { pseudonym: `Victim ${id}` } : { name: `Name of ${id}` };
  return { id, role, ...named, aliases: [], origin: origin('persons'), ...extra };
}

export function account(id: string, holder?: string, extra: Partial<Account> = {}): Account {
  return {
    id,
    kind: 'money_transfer',
    identifier: `id-${id}`,
    ...(holder ? { holder } : {}),
    origin: origin('accounts'),
    ...extra,
  };
}

/** A transfer of `amount` (decimal text) in `currency`. */
export function transfer(
  id: string,
  when: string,
  from: string,
  to: string,
  amount: string,
  currency = 'EUR',
  extra: Partial<Transfer> = {},
): Transfer {
  const decimal = parseDecimal(amount);
  const exponent = minorUnits(currency);
  const minor = decimal && exponent !== undefined ? decimalToMinor(decimal, exponent) : undefined;
  if (minor === undefined) throw new Error(`bad test amount ${amount} ${currency}`);
  return {
    id,
    at: at(when),
    from,
    to,
    amount: { minor, currency },
    amountText: amount,
    channel: 'money_transfer',
    status: 'completed',
    evidence: 'E1',
    origin: origin('transfers'),
    ...extra,
  };
}

export function exchange(
  id: string,
  when: string,
  from: string,
  to: string[],
  kind: Exchange['kind'] = 'live_session',
  extra: Partial<Exchange> = {},
): Exchange {
  return {
    id,
    at: at(when),
    kind,
    from,
    to,
    evidence: 'E1',
    origin: origin('exchanges'),
    ...extra,
  };
}

export function rate(currency: string, date: string, value: string, source = 'BCE'): Rate {
  const parsed = parseDecimal(value);
  if (!parsed) throw new Error(`bad test rate ${value}`);
  return { currency, date, rate: parsed, rateText: value, source, origin: origin('rates') };
}

export function charge(id: string, from: string, to: string, extra: Partial<Charge> = {}): Charge {
  return {
    id,
    qualification: 'Complicité de viol sur mineur',
    articles: ['222-23 CP'],
    nature: 'crime',
    suspects: ['S1'],
    victims: [],
    period: { from, to },
    evidence: [],
    origin: origin('charges'),
    ...extra,
  };
}

export function custody(when: string, action: CustodyEvent['action'] = 'received'): CustodyEvent {
  return { at: at(when), action, by: 'OPJ Martin', origin: origin('evidence') };
}

export function exhibit(id: string, extra: Partial<Exhibit> = {}): Exhibit {
  return {
    id,
    title: `Exhibit ${id}`,
    kind: 'financial_record',
    source: 'Western Union',
    obtained: '2018-01-01',
    files: [],
    custody: [],
    origin: origin('evidence'),
    ...extra,
  };
}

export const baseCase: CaseInfo = {
  reference: '19-123-000456',
  title: 'Affaire test',
  court: 'Tribunal judiciaire de Paris',
  procedure: 'judicial',
  referral: 'cour_assises',
  opened: '2019-01-15',
  preparedBy: 'OPJ Martin',
  language: 'fr',
  timezone: 'Europe/Paris',
  currency: 'EUR',
};

/** A dossier with the given lists (default: empty) and case fields. */
export function dossier(
  parts: Partial<Omit<Dossier, 'case'>> & { case?: Partial<CaseInfo> } = {},
): Dossier {
  return {
    rootDir: '/tmp/dossier',
    sources: [
      { name: 'dossier.yaml', absPath: '/tmp/dossier/dossier.yaml', sha256: '0'.repeat(64) },
    ],
    persons: [],
    accounts: [],
    charges: [],
    evidence: [exhibit('E1')],
    transfers: [],
    exchanges: [],
    rates: [],
    ...parts,
    case: { ...baseCase, ...parts.case },
  };
}
