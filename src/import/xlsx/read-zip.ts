import { inflateRawSync } from 'node:zlib';

/**
 * A minimal reader of the zip container of an .xlsx file: the central directory, and one
 * entry's bytes on demand (stored or deflated). Each entry is inflated with a cap on its
 * output, so a zip bomb (a small entry that inflates to gigabytes) is refused within
 * bounded memory instead of exhausting it.
 */

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
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
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    const name = new TextDecoder().decode(b.subarray(p + 46, p + 46 + nameLen));
    entries.set(name, { name, method, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The bytes of one entry, inflated (at most MAX_ENTRY_BYTES). */
export function readZipEntry(b: Uint8Array, e: ZipEntry): Uint8Array {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const p = e.localOffset;
  if (p + 30 > b.length || view.getUint32(p, true) !== 0x04034b50)
    throw new ZipError(`the zip entry ${e.name} is damaged`);
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  const data = b.subarray(start, start + e.compressedSize);
  if (data.length < e.compressedSize) throw new ZipError(`the zip entry ${e.name} is truncated`);
  if (e.method === 0) return data;
  if (e.method !== 8)
    throw new ZipError(`the zip entry ${e.name} uses compression method ${e.method}`);
  if (e.size > MAX_ENTRY_BYTES)
    throw new ZipError(
      `${e.name} would inflate to ${e.size} bytes, more than ${MAX_ENTRY_BYTES} (zip bomb?)`,
    );
  try {
    return inflateRawSync(data, { maxOutputLength: MAX_ENTRY_BYTES });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError)
      throw new ZipError(`${e.name} inflates to more than ${MAX_ENTRY_BYTES} bytes (zip bomb?)`);
    throw new ZipError(`${e.name} cannot be inflated: ${(err as Error).message}`);
  }
}
