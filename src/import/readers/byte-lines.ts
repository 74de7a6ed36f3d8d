/**
 * UTF-8 over bytes, without decoding the whole file: readers decode only the part of a
 * line they look at (the lines themselves come from line-window.ts).
 */

import { firstInvalidUtf8 } from '../../load/source-text.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Length of a UTF-8 byte order mark at the start of `bytes` (0 or 3). */
export function bomLength(bytes: Uint8Array): number {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

export type Decoded =
  | { readonly ok: true; readonly text: string }
  /** `column`: the 1-based character column of the first undecodable byte. */
  | { readonly ok: false; readonly column: number };

/**
 * UTF-8 text of bytes [start, end), at most `max` bytes of it (cut at a character
 * boundary), or the column where the bytes stop being UTF-8.
 */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number, max = Infinity): Decoded {
  let stop = end;
  if (stop - start > max) {
    stop = start + max;
    // Back off to the first byte of a character.
    while (stop > start && ((bytes[stop] ?? 0) & 0xc0) === 0x80) stop--;
  }
  try {
    return { ok: true, text: utf8.decode(bytes.subarray(start, stop)) };
  } catch {
    const bad = firstInvalidUtf8(bytes, start, stop);
    return { ok: false, column: byteColumn(bytes, start, bad < 0 ? stop : bad) };
  }
}

/** 1-based column (in code points) of byte `offset` on a UTF-8 line starting at `lineStart`. */
export function byteColumn(bytes: Uint8Array, lineStart: number, offset: number): number {
  let column = 1;
  for (let i = lineStart; i < offset; i++) if (((bytes[i] ?? 0) & 0xc0) !== 0x80) column++;
  return column;
}

/** 1-based column (in code points) of string index `index`. */
export function textColumn(text: string, index: number): number {
  let column = 1;
  for (let i = 0; i < index && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < index) i++;
    column++;
  }
  return column;
}
