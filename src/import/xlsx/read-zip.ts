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
  let count = view.getUint16(eocd + 10, true);
  let dirOffset = view.getUint32(eocd + 16, true);
  // Zip64: a count or offset too large for the end record (or written as if it were, as
  // some writers always do) is in the zip64 end of central directory record, which a
  // locator just before the end record points to.
  if (
    count === 0xffff ||
    dirOffset === 0xffffffff ||
    view.getUint32(eocd + 12, true) === 0xffffffff
  ) {
    const zip64 = zip64End(view, eocd);
    if (zip64) ({ count, dirOffset } = zip64);
  }
  const entries = new Map<string, ZipEntry>();
  let p = dirOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > b.length || view.getUint32(p, true) !== 0x02014b50)
      throw new ZipError('the zip central directory is damaged');
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    let compressedSize = view.getUint32(p + 20, true);
    let size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    let localOffset = view.getUint32(p + 42, true);
    if (p + 46 + nameLen + extraLen > b.length)
      throw new ZipError('the zip central directory is damaged');
    const name = new TextDecoder().decode(b.subarray(p + 46, p + 46 + nameLen));
    // Zip64: a size or offset written 0xFFFFFFFF is in the entry's zip64 extended
    // information extra field, in this order, each one 8 bytes, those only.
    if (size === MAX32 || compressedSize === MAX32 || localOffset === MAX32) {
      const info = zip64Info(view, p + 46 + nameLen, extraLen);
      const wanted = [size, compressedSize, localOffset].filter((v) => v === MAX32).length;
      if (info === undefined || info.byteLength < 8 * wanted)
        throw new ZipError(
          `the zip central directory is damaged: the entry ${name} gives its sizes or place as zip64 ones, without its zip64 extended information`,
        );
      let at = 0;
      const next = (): number => {
        const v = info.getBigUint64(at, true);
        at += 8;
        // Past 2^53 bytes: no size or offset of a file read whole into memory.
        if (v > BigInt(Number.MAX_SAFE_INTEGER))
          throw new ZipError(
            `the zip central directory is damaged: the entry ${name} gives a zip64 size or place of ${v} bytes`,
          );
        return Number(v);
      };
      if (size === MAX32) size = next();
      if (compressedSize === MAX32) compressedSize = next();
      if (localOffset === MAX32) localOffset = next();
    }
    entries.set(name, { name, method, compressedSize, size, crc, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** A 4-byte field saying that its value is in a zip64 field. */
const MAX32 = 0xffffffff;

/**
 * The entry count and central directory offset of the zip64 end of central directory
 * record, if the locator before the end record at `eocd` points to one; undefined when
 * there is none (the end record's own values are then read, and found damaged if they are).
 */
function zip64End(view: DataView, eocd: number): { count: number; dirOffset: number } | undefined {
  const locator = eocd - 20;
  if (locator < 0 || view.getUint32(locator, true) !== 0x07064b50) return undefined;
  const at = view.getBigUint64(locator + 8, true);
  if (at > BigInt(locator - 56) || view.getUint32(Number(at), true) !== 0x06064b50)
    throw new ZipError('the zip central directory is damaged (its zip64 end record)');
  const record = Number(at);
  const count = view.getBigUint64(record + 32, true);
  const dirOffset = view.getBigUint64(record + 48, true);
  // Each entry's header is 46 bytes at least: more entries than that is damage.
  if (count > BigInt(Math.floor(view.byteLength / 46)) || dirOffset > BigInt(view.byteLength))
    throw new ZipError('the zip central directory is damaged (its zip64 end record)');
  return { count: Number(count), dirOffset: Number(dirOffset) };
}

/**
 * The data of the zip64 extended information extra field (id 0x0001) among the `length`
 * bytes of extra fields at `at`, as a view; undefined when there is none.
 */
function zip64Info(view: DataView, at: number, length: number): DataView | undefined {
  for (let q = at; q + 4 <= at + length;) {
    const id = view.getUint16(q, true);
    const size = view.getUint16(q + 2, true);
    if (q + 4 + size > at + length) return undefined;
    if (id === 0x0001) return new DataView(view.buffer, view.byteOffset + q + 4, size);
    q += 4 + size;
  }
  return undefined;
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
