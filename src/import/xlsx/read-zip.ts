import { crc32, inflateRawSync } from 'node:zlib';

/**
 * A minimal reader of the zip container of an .xlsx file: the central directory, and one
 * entry's bytes on demand (stored or deflated). Each entry is inflated with a cap on its
 * output, so a zip bomb (a small entry that inflates to gigabytes) is refused within
 * bounded memory instead of exhausting it. The bytes of an entry are checked against
 * the size and CRC-32 the central directory gives for it: a damaged entry (a changed
 * byte of a stored part, a size that does not hold) is an error, never read as it is.
 */

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  /** The CRC-32 of the entry's uncompressed bytes, as the central directory gives it. */
  readonly crc: number;
  readonly localOffset: number;
}

export class ZipError extends Error {}

/** Largest entry inflated, in bytes. */
export const MAX_ENTRY_BYTES = 256 * 2 ** 20;

export function readZipDirectory(b: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  // End of central directory: 22 bytes + a comment of at most 65535 bytes.
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0)
    throw new ZipError('not a zip container (an .xlsx file is one): no central directory');
  const count = view.getUint16(eocd + 10, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  const entries = new Map<string, ZipEntry>();
  let p = dirOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > b.length || view.getUint32(p, true) !== 0x02014b50)
      throw new ZipError('the zip central directory is damaged');
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    const name = new TextDecoder().decode(b.subarray(p + 46, p + 46 + nameLen));
    entries.set(name, { name, method, compressedSize, size, crc, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** A CRC-32 as zip tools show it: 8 hex digits. */
const hex32 = (n: number): string => n.toString(16).padStart(8, '0');

/**
 * The bytes of one entry, inflated (at most MAX_ENTRY_BYTES), once their size and CRC-32
 * are found to be those the central directory gives.
 */
export function readZipEntry(b: Uint8Array, e: ZipEntry): Uint8Array {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const p = e.localOffset;
  if (p + 30 > b.length || view.getUint32(p, true) !== 0x04034b50)
    throw new ZipError(`the zip entry ${e.name} is damaged`);
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  const data = b.subarray(start, start + e.compressedSize);
  if (data.length < e.compressedSize) throw new ZipError(`the zip entry ${e.name} is truncated`);
  if (e.method !== 0 && e.method !== 8)
    throw new ZipError(`the zip entry ${e.name} uses compression method ${e.method}`);
  if (e.size > MAX_ENTRY_BYTES)
    throw new ZipError(
      `${e.name} would inflate to ${e.size} bytes, more than ${MAX_ENTRY_BYTES} (zip bomb?)`,
    );
  const out = e.method === 0 ? data : inflate(data, e);
  if (out.length !== e.size)
    throw new ZipError(
      `the zip entry ${e.name} is damaged: it holds ${out.length} bytes, the zip directory says ${e.size}`,
    );
  const actual = crc32(out);
  if (actual !== e.crc)
    throw new ZipError(
      `the zip entry ${e.name} is damaged: its CRC-32 is ${hex32(actual)}, the zip directory says ${hex32(e.crc)}`,
    );
  return out;
}

/**
 * A deflated entry's bytes. Inflating stops one byte past the size the directory gives
 * (itself at most MAX_ENTRY_BYTES): more is a damaged entry, found without inflating it all.
 */
function inflate(data: Uint8Array, e: ZipEntry): Uint8Array {
  try {
    return inflateRawSync(data, { maxOutputLength: e.size + 1 });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError)
      throw new ZipError(
        `the zip entry ${e.name} is damaged: it inflates to more than the ${e.size} bytes the zip directory says`,
      );
    throw new ZipError(`${e.name} cannot be inflated: ${(err as Error).message}`);
  }
}
