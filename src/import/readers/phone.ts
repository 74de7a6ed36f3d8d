/** Phone numbers as chat exports show them (`+63 917 123 4567`), normalised to E.164. */
import { isE164 } from '../../schema/identifiers.js';

/** Characters a shown phone number may hold besides digits. */
const PHONE_SHAPE = /^\+?[\d\s\u00a0\u202f().\-/]+$/;

/** True when `text` is written like a phone number with its country code (`+` first). */
export function looksLikeInternationalPhone(text: string): boolean {
  return text.startsWith('+') && PHONE_SHAPE.test(text) && /\d/.test(text);
}

/**
 * `+63 (0) 917-123 4567` -> `+639171234567`; undefined when the result is not E.164.
 * A `(0)` trunk prefix after the country code is dropped, as dialling from abroad does.
 */
export function normalisePhone(text: string): string | undefined {
  if (!looksLikeInternationalPhone(text)) return undefined;
  const digits = text.replace(/\(0\)/g, '').replace(/[^\d]/g, '');
  const e164 = `+${digits}`;
  return isE164(e164) ? e164 : undefined;
}
