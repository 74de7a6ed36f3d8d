/**
 * Windows-1252, by table. Node 20's TextDecoder('windows-1252') reads bytes 0x80-0x9F as
 * ISO 8859-1's C1 controls (0x80 comes out as U+0080, not "€"), so neither the CSV reader
 * nor the mail-header decoder can rely on it.
 */

/** The characters of bytes 0x80-0x9F; the five bytes Windows-1252 leaves unassigned keep their C1 control. */
export const CP1252_HIGH: readonly string[] = [
  '€', '\x81', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\x8d', 'Ž', '\x8f',
  '\x90', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\x9d', 'ž', 'Ÿ',
]; // prettier-ignore

/** Whether Windows-1252 leaves byte `b` unassigned (0x81, 0x8D, 0x8F, 0x90, 0x9D: CP1252_HIGH keeps their control). */
export function isUnassigned1252(b: number): boolean {
  return b >= 0x80 && b <= 0x9f && CP1252_HIGH[b - 0x80]!.charCodeAt(0) === b;
}

/** Windows-1252 text; unassigned bytes are read as their ISO 8859-1 control characters. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return text.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}
