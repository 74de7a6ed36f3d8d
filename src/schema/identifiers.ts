/** Checks of account identifiers by kind: e-mail, E.164 phone, IBAN. */

/**
 * One dot-separated part of an address's local part (RFC 5322 dot-atom; no quoted form):
 * no control character (a NUL, DEL, a C1 control) nor invisible format character (a
 * zero-width space or joiner, a direction mark), which no address holds and which
 * would make two spellings of one address (a hostile-input sweep found
 * `ana<NUL>@example.org` taken from an mbox `From:` as an account).
 */
const LOCAL_PART_RE = /^[^\s@<>()[\]\\,;:".\p{Cc}\p{Cf}]+$/u;
/** One label of a domain: letters (any script) and digits, inner hyphens, at most 63. */
const DOMAIN_LABEL_RE = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const E164_RE = /^\+[1-9][0-9]{7,14}$/;

/**
 * An e-mail address `local@domain`: the local part dot-separated parts, none empty (no
 * leading, trailing or doubled dot), at most 64 characters; the domain two labels or
 * more, none empty nor starting or ending with a hyphen; 254 characters in all.
 */
export function isEmailAddress(s: string): boolean {
  if (s.length > 254) return false;
  const at = s.indexOf('@');
  if (at <= 0 || at > 64 || s.indexOf('@', at + 1) >= 0) return false;
  const local = s.slice(0, at).split('.');
  if (!local.every((part) => LOCAL_PART_RE.test(part))) return false;
  const labels = s.slice(at + 1).split('.');
  return labels.length >= 2 && labels.every((label) => DOMAIN_LABEL_RE.test(label));
}

/** E.164: `+`, then 8 to 15 digits, the first not 0. No spaces. */
export function isE164(s: string): boolean {
  return E164_RE.test(s);
}

// IBAN lengths by country (SWIFT IBAN registry).
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HN: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
};

/** An IBAN printed in groups of four characters, one space between groups (the last may be shorter). */
const IBAN_GROUPS_RE = /^[^ ]{4}(?: [^ ]{4})*(?: [^ ]{1,3})?$/;

/** Why the spaces of an IBAN are not where its printed form puts them, or undefined. */
function ibanSpacingProblem(raw: string): string | undefined {
  if (!raw.includes(' ') || IBAN_GROUPS_RE.test(raw)) return undefined;
  const how = 'write it without spaces, or in groups of four characters with one space between';
  if (raw.startsWith(' ') || raw.endsWith(' ')) return `a space before or after it: ${how}`;
  if (raw.includes('  ')) return `two spaces in a row: ${how}`;
  return `spaces that do not separate groups of four: ${how}`;
}

/**
 * Why an IBAN is invalid, or undefined when it is valid. Written compact or in its
 * printed form: groups of four characters, one space between groups.
 */
export function ibanProblem(raw: string): string | undefined {
  const spacing = ibanSpacingProblem(raw);
  if (spacing) return spacing;
  const iban = raw.replace(/ /g, '');
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(iban)) {
    return 'an IBAN is a country code, two check digits and up to 30 letters or digits (capitals)';
  }
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected === undefined) return `"${iban.slice(0, 2)}" is not a country that issues IBANs`;
  if (iban.length !== expected) {
    return `a ${iban.slice(0, 2)} IBAN has ${expected} characters, this one has ${iban.length}`;
  }
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rem = 0;
  for (const ch of rearranged) {
    const v = ch >= 'A' ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 48;
    rem = v >= 10 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
  }
  return rem === 1 ? undefined : 'the IBAN check digits are wrong (mod-97 checksum fails)';
}
