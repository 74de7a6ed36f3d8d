import type { AccountKind } from '../model/dossier.js';
import { ibanProblem, isE164, isEmailAddress } from '../schema/identifiers.js';

/** An identifier in the form the dossier writes it, or why it is not one of its kind. */
export type Normalized =
  | { readonly ok: true; readonly identifier: string }
  | { readonly ok: false; readonly message: string };

/**
 * The identifier normalised by account kind, as accounts are matched: e-mail in lower
 * case, phone numbers in E.164 (normalizePhone), IBANs without spaces in upper case,
 * anything else exactly as written (trimmed).
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
      const p = normalizePhone(s);
      return typeof p === 'string'
        ? { ok: true, identifier: p }
        : { ok: false, message: `"${raw}" is not an international phone number (${p.problem})` };
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

/**
 * Country calling codes (ITU-T E.164) of one and of two digits; every other code has
 * three. The codes are prefix-free, so the first digits after `+` tell where the code ends.
 */
const ONE_DIGIT_CODES = new Set(['1', '7']);
const TWO_DIGIT_CODES = new Set(
  '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(
    ' ',
  ),
);

/** How many digits the country code has that `digits` (what follows the `+`) starts with. */
function countryCodeLength(digits: string): number {
  if (ONE_DIGIT_CODES.has(digits.slice(0, 1))) return 1;
  if (TWO_DIGIT_CODES.has(digits.slice(0, 2))) return 2;
  return 3;
}

const NOT_E164 = 'E.164: + then country code; a national number cannot be placed';

/** Separators a written phone number may hold: dropped. Brackets are dropped after `(0)` is dealt with. */
const PHONE_SEPARATORS = /[\s.\-/\u00a0\u202f]/g;

/**
 * A phone number as exports write it, in E.164 (`+` then the digits), or why it is not
 * one. Spaces (also no-break ones), dots, dashes, slashes and brackets are dropped; a
 * leading `00` is the international prefix (`0044 20...` is `+4420...`). A `(0)` right
 * after the country code is the national trunk prefix, which is not dialled from abroad:
 * dropped (`+44 (0)20 7946 0000` and `0044 (0) 20 7946 0000` are `+442079460000`).
 * A `(0)` anywhere else is refused: the number cannot be read for sure. Every path that
 * normalises phone numbers (mapping, chat and Skype readers, the dossier's own accounts
 * when they are matched) goes through here.
 */
export function normalizePhone(text: string): string | { readonly problem: string } {
  let p = text.trim().replace(PHONE_SEPARATORS, '');
  if (p.startsWith('00')) p = `+${p.slice(2)}`;
  const trunk = p.indexOf('(0)');
  if (trunk >= 0 && p.startsWith('+')) {
    const digits = /^\+(\d+)/.exec(p)?.[1] ?? '';
    const code = countryCodeLength(digits);
    if (trunk !== 1 + code || digits.length !== code || p.indexOf('(0)', trunk + 3) >= 0)
      return {
        problem:
          'a "(0)" trunk prefix may only come right after the country code, as in "+44 (0)20 ..."',
      };
    p = p.slice(0, trunk) + p.slice(trunk + 3);
  }
  p = p.replace(/[()]/g, '');
  return isE164(p) ? p : { problem: NOT_E164 };
}
