import { edit } from './temp-dossier.js';

/**
 * A small valid dossier root (0 errors, 0 warnings) that fixtures derive from with
 * `baseWith([search, replace], ...)`. Every record kind is present once or twice.
 */
export const BASE = `courtfile: 1
case:
  reference: "19-123-000456"
  title: Affaire de test
  court: Tribunal judiciaire de Paris
  procedure: preliminary
  referral: tribunal_correctionnel
  opened: 2019-01-21
  prepared_by: Capitaine Test
persons:
  - id: P1
    role: suspect
    name: Jean Test
    nationality: FR
  - id: V1
    role: victim
    pseudonym: Victime A
    age_at_facts: 9
accounts:
  - id: A1
    kind: email
    identifier: jean.test@example.net
    holder: P1
  - id: A2
    kind: phone
    identifier: "+639170000123"
charges:
  - id: C1
    qualification: Corruption de mineur
    articles: ["227-22 CP"]
    nature: delit
    suspects: [P1]
    victims: [V1]
    period: { from: 2018-01-01, to: 2018-12-31 }
evidence:
  - id: E1
    title: Relevés
    kind: financial_record
    source: Banque
    obtained: 2019-02-01
transfers:
  - id: T1
    at: 2018-02-03T14:22:00+01:00
    from: P1
    to: A2
    amount: 45.00
    currency: EUR
    channel: money_transfer
    evidence: E1
exchanges:
  - id: X1
    at: 2018-02-03T15:00:00+01:00
    kind: message
    from: A1
    to: [A2]
    evidence: E1
`;

/** BASE with each `[search, replace]` applied in turn (each search must occur once). */
export function baseWith(...edits: readonly (readonly [string, string])[]): string {
  return edits.reduce((text, [search, replace]) => edit(text, search, replace), BASE);
}

/** An included file holding only the given lists (YAML text). */
export const INCLUDED_TRANSFER = `transfers:
  - id: T2
    at: 2018-03-03T10:00:00+01:00
    from: P1
    to: A2
    amount: "12.50"
    currency: EUR
    channel: cash
    evidence: E1
`;
