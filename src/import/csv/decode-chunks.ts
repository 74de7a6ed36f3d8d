import { firstInvalidUtf8, invalidUtf8Length } from '../../load/source-text.js';
import { decodeWindows1252, isUnassigned1252 } from '../values/windows-1252.js';
import type { CsvDecodeError } from './parse-csv.js';

/** The encodings a CSV mapping may name. */
export const CSV_ENCODINGS = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'windows-1252',
  'iso-8859-1',
] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/**
 * Decode byte chunks as `encoding`, strictly. Bytes that are not valid in it are not
 * guessed at: each place gives a CsvDecodeError (not fatal, saying which bytes), then
 * one U+FFFD standing for them in the text, and the decoding goes on, so that the parser
 * locates every such place and the problems after them are reported too (nothing is
 * written when there is one). A place is a maximal invalid sequence as the WHATWG
 * decoders count them (UTF-8), one unassigned byte (windows-1252), one unpaired surrogate
 * or a last odd byte (UTF-16). A BOM is dropped; with no encoding given, a UTF-16 BOM
 * selects UTF-16 (Excel's "Unicode text" export); a BOM that contradicts the declared
 * encoding is a fatal error (nothing after it is read). iso-8859-1 is the real ISO
 * 8859-1 (0x80-0x9F are C1 controls), not the windows-1252 that TextDecoder gives for
 * that label; windows-1252 is decoded by table, its five undefined bytes (0x81, 0x8D,
 * 0x8F, 0x90, 0x9D) being errors. Valid input takes the native decoder and nothing else:
 * the byte-by-byte search runs only in a chunk that failed to decode.
 */
export async function* decodeChunks(
  bytes: AsyncIterable<Uint8Array>,
  declared: CsvEncoding | undefined,
): AsyncGenerator<string | CsvDecodeError> {
  let encoding: CsvEncoding = declared ?? 'utf-8';
  let carry: Uint8Array = new Uint8Array(0);
  let started = false;
  let utf16: InstanceType<typeof TextDecoder> | undefined;
  /** Decode one chunk (with what was carried over); false after a fatal error. */
  function* take(raw: Uint8Array, last: boolean): Generator<string | CsvDecodeError, boolean> {
    let chunk: Uint8Array = carry.length ? concat(carry, raw) : raw;
    carry = EMPTY;
    if (!started) {
      if (chunk.length < 3 && !last) {
        carry = chunk;
        return true;
      }
      started = true;
      const bom = bomOf(chunk);
      if (bom && declared !== undefined && bom.encoding !== declared) {
        yield {
          message: `the file starts with a ${bom.encoding} byte order mark, but the mapping says encoding ${declared}`,
          fatal: true,
        };
        return false;
      }
      if (bom) {
        encoding = bom.encoding;
        chunk = chunk.subarray(bom.length);
      }
      if (encoding === 'utf-16le' || encoding === 'utf-16be')
        utf16 = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
    }
    if (encoding === 'utf-8') {
      const cut = last ? chunk.length : completeUtf8Length(chunk);
      if (cut < chunk.length) carry = chunk.slice(cut);
      const part = cut < chunk.length ? chunk.subarray(0, cut) : chunk;
      // Decoding is native; only a chunk that fails is scanned for the offending bytes.
      let text: string | undefined;
      try {
        text = utf8.decode(part);
      } catch {
        text = undefined;
      }
      if (text !== undefined) {
        if (text) yield text;
      } else yield* utf8Places(part, last);
      return true;
    }
    if (encoding === 'windows-1252') {
      yield* windows1252(chunk);
      return true;
    }
    if (encoding === 'iso-8859-1') {
      if (chunk.length)
        yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
      return true;
    }
    // UTF-16: whole code units, and a high surrogate at the end of a chunk waits for the
    // low one in the next, so that each chunk decodes on its own.
    let end = chunk.length & ~1;
    if (!last && end >= 2) {
      const u =
        encoding === 'utf-16le'
          ? chunk[end - 2]! | (chunk[end - 1]! << 8)
          : (chunk[end - 2]! << 8) | chunk[end - 1]!;
      if (u >= 0xd800 && u <= 0xdbff) end -= 2;
    }
    if (end < chunk.length) carry = chunk.slice(end);
    const part = end < chunk.length ? chunk.subarray(0, end) : chunk;
    let text: string | undefined;
    try {
      text = utf16!.decode(part);
    } catch {
      text = undefined;
    }
    if (text !== undefined) {
      if (text) yield text;
    } else yield* utf16Places(part, encoding === 'utf-16be');
    if (last && carry.length) {
      // An odd byte at the end: the file was cut inside a code unit.
      yield {
        message: `the file ends inside a ${encoding} character (byte ${hex(carry, 0, carry.length)}; truncated file?)`,
        fatal: false,
      };
      yield REPLACEMENT;
      carry = EMPTY;
    }
    return true;
  }
  for await (const raw of bytes) if (!(yield* take(raw, false))) return;
  yield* take(EMPTY, true);
}

const EMPTY = new Uint8Array(0);
const REPLACEMENT = '\ufffd';

/** `0xe9` or `0xe2 0x82`: bytes `from` to `to` (excluded) of `b`. */
function hex(b: Uint8Array, from: number, to: number): string {
  const out: string[] = [];
  for (let i = from; i < to; i++) out.push(`0x${b[i]!.toString(16).padStart(2, '0')}`);
  return out.join(' ');
}

/** A UTF-8 chunk that failed to decode: its text, with each invalid sequence reported and replaced. */
function* utf8Places(part: Uint8Array, last: boolean): Generator<string | CsvDecodeError> {
  let start = 0;
  for (;;) {
    const bad = firstInvalidUtf8(part, start);
    if (bad < 0) break;
    if (bad > start) yield utf8.decode(part.subarray(start, bad));
    const length = invalidUtf8Length(part, bad);
    const lead = part[bad]!;
    const truncated = last && bad + length === part.length && lead >= 0xc2 && lead <= 0xf4;
    yield {
      message: truncated
        ? `the file ends inside a UTF-8 character (${length === 1 ? 'byte' : 'bytes'} ${hex(part, bad, bad + length)}; truncated file?)`
        : `${length === 1 ? 'a byte' : 'bytes'} that ${length === 1 ? 'is' : 'are'} not UTF-8 (${hex(part, bad, bad + length)}): set encoding in the mapping (e.g. windows-1252)`,
      fatal: false,
    };
    yield REPLACEMENT;
    start = bad + length;
  }
  if (start < part.length) yield utf8.decode(part.subarray(start));
}

/** A windows-1252 chunk: its text, each unassigned byte reported and replaced. */
function* windows1252(chunk: Uint8Array): Generator<string | CsvDecodeError> {
  let start = 0;
  for (let i = 0; i < chunk.length; i++) {
    const b = chunk[i]!;
    if (!isUnassigned1252(b)) continue;
    if (i > start) yield decodeWindows1252(chunk.subarray(start, i));
    yield {
      message: `a byte that is not a windows-1252 character (0x${b.toString(16)}): the file is in another encoding`,
      fatal: false,
    };
    yield REPLACEMENT;
    start = i + 1;
  }
  if (chunk.length > start) yield decodeWindows1252(start === 0 ? chunk : chunk.subarray(start));
}

/** A UTF-16 chunk (whole code units) that failed to decode: each unpaired surrogate reported and replaced. */
function* utf16Places(part: Uint8Array, bigEndian: boolean): Generator<string | CsvDecodeError> {
  let bytes = part;
  if (bigEndian) {
    bytes = Uint8Array.from(part);
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).swap16();
  }
  // Node's utf16le conversion keeps unpaired surrogates as they are: found here.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf16le');
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (u < 0xd800 || u > 0xdfff) continue;
    if (u <= 0xdbff && i + 1 < text.length) {
      const v = text.charCodeAt(i + 1);
      if (v >= 0xdc00 && v <= 0xdfff) {
        i++;
        continue;
      }
    }
    if (i > start) yield text.slice(start, i);
    yield {
      message: `bytes that are not valid ${bigEndian ? 'utf-16be' : 'utf-16le'} (${hex(part, 2 * i, 2 * i + 2)}: half of a surrogate pair)`,
      fatal: false,
    };
    yield REPLACEMENT;
    start = i + 1;
  }
  if (text.length > start) yield start === 0 ? text : text.slice(start);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function bomOf(b: Uint8Array): { encoding: CsvEncoding; length: number } | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** The length of the longest prefix of `b` that does not end inside a UTF-8 sequence. */
function completeUtf8Length(b: Uint8Array): number {
  const n = b.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const c = b[n - back]!;
    if ((c & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}
