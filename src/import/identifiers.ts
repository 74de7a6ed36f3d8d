import type { AccountKind } from '../model/dossier.js';
import { ibanProblem, isE164, isEmailAddress } from '../schema/identifiers.js';

/** An identifier in the form the dossier writes it, or why it is not one of its kind. */
export type Normalized =
  | { readonly ok: true; readonly identifier: string }
  | { readonly ok: false; readonly message: string };

/**
 * The identifier normalised by account kind, as accounts are matched: e-mail in lower
 * case, phone numbers in E.164 (spaces, dots, dashes and brackets dropped, `00` read as
 * `+`), IBANs without spaces in upper case, anything else exactly as written (trimmed).
 */
export function normalizeIdentifier(kind: AccountKind, raw: string): Normalized {
  const s = raw.trim();
  if (s === '') return { ok: false, message: 'the identifier is empty' };
  switch (kind) {
    case 'email': {
      const m = /^[^<]*<([^>]+)>\s*$/.exec(s); // "Name <a@b.c>"
      const address = (m ? m[1]! : s).trim().toLowerCase();
      return isEmailAddress(address)
        ? { ok: true, identifier: address }
        : { ok: false, message: `"${raw}" is not an e-mail address` };
    }
    case 'phone': {
      let p = s.replace(/[\s.\-()/\u00a0\u202f]/g, '');
      if (p.startsWith('00')) p = `+${p.slice(2)}`;
      return isE164(p)
        ? { ok: true, identifier: p }
        : {
            ok: false,
            message: `"${raw}" is not an international phone number (E.164: + then country code; a national number cannot be placed)`,
          };
    }
    case 'bank': {
      const iban = s.replace(/[\s\u00a0]/g, '').toUpperCase();
      const problem = ibanProblem(iban);
      return problem
        ? { ok: false, message: `"${raw}" is not a valid IBAN: ${problem}` }
        : { ok: true, identifier: iban };
    }
    default:
      return { ok: true, identifier: s };
  }
}

/** The key an account is matched on: its identifier normalised by its own kind. */
export function matchKey(kind: AccountKind, identifier: string): string {
  const n = normalizeIdentifier(kind, identifier);
  return n.ok ? n.identifier : identifier.trim();
}
