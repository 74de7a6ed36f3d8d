import { firstInvalidUtf8 } from '../../load/source-text.js';
import { CP1252_UNASSIGNED, decodeWindows1252 } from '../values/windows-1252.js';
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
 * Decode byte chunks as `encoding`, strictly: a byte sequence that is not valid in it
 * ends the text with a CsvDecodeError (its position is where the text stops). A BOM
 * is dropped; with no encoding given, a UTF-16 BOM selects UTF-16 (Excel's "Unicode
 * text" export). iso-8859-1 is the real ISO 8859-1 (0x80-0x9F are C1 controls), not
 * the windows-1252 that TextDecoder gives for that label; windows-1252 is decoded by
 * table, its five undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) being errors.
 */
export async function* decodeChunks(
  bytes: AsyncIterable<Uint8Array>,
  declared: CsvEncoding | undefined,
): AsyncGenerator<string | CsvDecodeError> {
  let encoding: CsvEncoding = declared ?? 'utf-8';
  let carry: Uint8Array = new Uint8Array(0);
  let started = false;
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  /** Decode one chunk (with what was carried over); false after an error. */
  function* take(raw: Uint8Array, last: boolean): Generator<string | CsvDecodeError, boolean> {
    let chunk: Uint8Array = carry.length ? concat(carry, raw) : raw;
    carry = new Uint8Array(0);
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
        };
        return false;
      }
      if (bom) {
        encoding = bom.encoding;
        chunk = chunk.subarray(bom.length);
      }
      if (encoding === 'utf-16le' || encoding === 'utf-16be')
        decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
    }
    if (encoding === 'windows-1252') {
      const bad = chunk.findIndex((b) => CP1252_UNASSIGNED.test(String.fromCharCode(b)));
      const mapped = decodeWindows1252(bad < 0 ? chunk : chunk.subarray(0, bad));
      if (mapped) yield mapped;
      if (bad < 0) return true;
      yield {
        message: `byte 0x${chunk[bad]!.toString(16)} is not a windows-1252 character`,
      };
      return false;
    }
    if (encoding === 'iso-8859-1') {
      yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
      return true;
    }
    if (encoding === 'utf-8') {
      const cut = last ? chunk.length : completeUtf8Length(chunk);
      carry = chunk.slice(cut);
      const part = chunk.subarray(0, cut);
      // Decoding is native; only a chunk that fails is scanned for the offending byte.
      let text: string | undefined;
      try {
        text = utf8.decode(part);
      } catch {
        text = undefined;
      }
      if (text !== undefined) {
        if (text) yield text;
        return true;
      }
      const bad = Math.max(0, firstInvalidUtf8(part));
      if (bad > 0) yield utf8.decode(part.subarray(0, bad));
      yield {
        message:
          bad + 4 > part.length && last
            ? 'the file ends inside a UTF-8 character (truncated file?)'
            : `a byte that is not UTF-8 (0x${part[bad]!.toString(16).padStart(2, '0')}): set encoding in the mapping (e.g. windows-1252)`,
      };
      return false;
    }
    try {
      const text = decoder!.decode(chunk, { stream: !last });
      if (text) yield text;
      return true;
    } catch {
      yield {
        message: `bytes that are not valid ${encoding}${last ? ' at the end of the file (truncated?)' : ''}`,
      };
      return false;
    }
  }
  for await (const raw of bytes) if (!(yield* take(raw, false))) return;
  yield* take(new Uint8Array(0), true);
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
