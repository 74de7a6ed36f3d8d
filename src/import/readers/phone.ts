/** Phone numbers as chat exports show them (`+63 917 123 4567`), normalised to E.164. */
import { normalizePhone } from '../identifiers.js';

/** Characters a shown phone number may hold besides digits. */
const PHONE_SHAPE = /^\+?[\d\s\u00a0\u202f().\-/]+$/;

/** True when `text` is written like a phone number with its country code (`+` first). */
export function looksLikeInternationalPhone(text: string): boolean {
  return text.startsWith('+') && PHONE_SHAPE.test(text) && /\d/.test(text);
}

/**
 * `+63 (0) 917-123 4567` -> `+639171234567`; undefined when the result is not E.164.
 * Read as the mapping reads phone identifiers (identifiers.ts normalizePhone): a `(0)`
 * trunk prefix right after the country code is dropped, as dialling from abroad does; a
 * `(0)` elsewhere makes the text no phone number.
 */
export function normalisePhone(text: string): string | undefined {
  if (!looksLikeInternationalPhone(text)) return undefined;
  const e164 = normalizePhone(text);
  return typeof e164 === 'string' ? e164 : undefined;
}
