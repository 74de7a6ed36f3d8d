/**
 * The `@id` of every node of a CASE export, derived from the case reference and the
 * record ids only: the same dossier gives the same IRIs, whatever the options.
 *
 * - The case namespace `kb:` is `urn:courtfile:case:<reference>:`, the reference
 *   percent-encoded (UTF-8) outside `A-Z a-z 0-9 - . _ ~`.
 * - A record is `kb:<kind>-<record id>` (record ids are `[A-Za-z][A-Za-z0-9_.-]*`, safe
 *   as they are); what belongs to a record hangs below it after a `/`, a character no
 *   record id has, so no two nodes can share an IRI: `kb:exhibit-E01/file-1/sha256`.
 * - No victim data in IRIs: a record id in which a victim's name, alias or birth date,
 *   or a word of them, occurs (see idTerms) is replaced by the record's
 *   position in its list, `kb:withheld-<kind>-<n>`; no record id starts with `withheld-`
 *   after a kind prefix, so these never collide either.
 */
import type { Dossier } from '../../model/dossier.js';
import type { IdentityTerm } from '../../redact/index.js';
import { Redactor, foldText, identityTerms } from '../../redact/index.js';

/** Percent-encode the case reference for use inside a URN. */
export function encodeReference(reference: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(reference)) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(ch)
      ? ch
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The case namespace: every node IRI of the export starts with it. */
export function caseBase(reference: string): string {
  return `urn:courtfile:case:${encodeReference(reference)}:`;
}

/**
 * What must not occur in an IRI: what documents mask (a victim's full name, aliases,
 * birth date) and, stricter, each word of three letters or more of those names, since
 * ids are often built from a first or last name alone.
 */
function idTerms(dossier: Dossier): IdentityTerm[] {
  const terms = identityTerms(dossier);
  const known = new Set(terms.map((t) => t.text));
  for (const p of dossier.persons) {
    if (p.role !== 'victim') continue;
    for (const name of [p.name, ...p.aliases]) {
      for (const word of foldText(name ?? '').split(/[^\p{L}\p{N}]+/u)) {
        if (word.length < 3 || known.has(word)) continue;
        known.add(word);
        terms.push({ text: word, kind: 'name', victim: p.pseudonym ?? p.id, compact: false });
      }
    }
  }
  return terms;
}

export type RecordKind = 'person' | 'account' | 'exhibit' | 'exchange' | 'transfer';

/** Compact IRIs (`kb:...`) of the dossier's records and of their parts. */
export class CaseIris {
  /** By kind, the records whose IRI is withheld (usually none): id → IRI. */
  private readonly withheld: Record<RecordKind, Map<string, string>>;
  private readonly personIds: ReadonlySet<string>;
  /** The case namespace (`kb:`), from the reference (a victim's name in it is replaced by `withheld`). */
  readonly base: string;

  constructor(dossier: Dossier) {
    const terms = idTerms(dossier);
    const detector = terms.length > 0 ? new Redactor(terms, 'withheld') : undefined;
    this.base = caseBase(detector?.scrub(dossier.case.reference) ?? dossier.case.reference);
    const index = (kind: RecordKind, records: readonly { readonly id: string }[]) => {
      const map = new Map<string, string>();
      if (detector === undefined) return map;
      records.forEach((r, i) => {
        if (detector.scrub(r.id) !== r.id) map.set(r.id, `kb:withheld-${kind}-${i + 1}`);
      });
      return map;
    };
    this.withheld = {
      person: index('person', dossier.persons),
      account: index('account', dossier.accounts),
      exhibit: index('exhibit', dossier.evidence),
      exchange: index('exchange', dossier.exchanges),
      transfer: index('transfer', dossier.transfers),
    };
    this.personIds = new Set(dossier.persons.map((p) => p.id));
  }

  /** The IRI of the record of `kind` with this id (a validated dossier has every id it references). */
  of(kind: RecordKind, id: string): string {
    const withheld = this.withheld[kind];
    return (withheld.size > 0 && withheld.get(id)) || `kb:${kind}-${id}`;
  }

  /** A person or an account (transfer parties may be either). */
  party(id: string): string {
    return this.of(this.personIds.has(id) ? 'person' : 'account', id);
  }

  /** The one investigation node. */
  readonly investigation = 'kb:investigation';
}
