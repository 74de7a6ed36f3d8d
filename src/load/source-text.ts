import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, promises as fs, read, readSync } from 'node:fs';
import { ToolError, describeSystemError } from '../errors.js';
import { IMPORT_HEADER, LIMITS } from './limits.js';

/** A YAML file read from disk and decoded. */
export interface SourceText {
  readonly absPath: string;
  /** Decoded text (BOM removed). With a decoding error, a lossy decoding used only to place it. */
  readonly text: string;
  readonly sha256: string;
  /** Set when the bytes are not valid UTF-8 or exceed the size cap. */
  readonly problem?: { readonly message: string; readonly offset: number };
  /**
   * Larger than LIMITS.maxFileBytes, read because it is a file `courtfile import` wrote
   * (first line IMPORT_HEADER): to be parsed by the fast readers only.
   */
  readonly large?: boolean;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const lossy = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/**
 * Offset of the first byte in [start, end) that is not part of a well-formed UTF-8
 * sequence (a sequence cut by `end` counts as not well-formed), or -1. The one UTF-8
 * validity check of courtfile: the dossier loader, the import readers and the CSV
 * decoder all use it (and invalidUtf8Length below).
 */
export function firstInvalidUtf8(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let i = start;
  while (i < end) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const size =
      b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (size === 0 || i + size > end) return i;
    for (let k = 1; k < size; k++) {
      const c = bytes[i + k]!;
      if (c < 0x80 || c > 0xbf) return i;
    }
    // Overlong forms, surrogates and code points past U+10FFFF, told by the second byte.
    const c1 = bytes[i + 1]!;
    if ((b === 0xe0 && c1 < 0xa0) || (b === 0xed && c1 > 0x9f)) return i;
    if ((b === 0xf0 && c1 < 0x90) || (b === 0xf4 && c1 > 0x8f)) return i;
    i += size;
  }
  return -1;
}

/**
 * The length of the invalid UTF-8 sequence at `i` (where firstInvalidUtf8 found one): the
 * longest start of a valid sequence there (at least its first byte), as the WHATWG
 * decoder counts a "maximal subpart" for one U+FFFD.
 */
export function invalidUtf8Length(b: Uint8Array, i: number): number {
  const c = b[i]!;
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) need = 1;
  else if (c >= 0xe0 && c <= 0xef) {
    need = 2;
    if (c === 0xe0) lo = 0xa0;
    else if (c === 0xed) hi = 0x9f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    need = 3;
    if (c === 0xf0) lo = 0x90;
    else if (c === 0xf4) hi = 0x8f;
  } else return 1;
  let k = 1;
  while (k <= need && i + k < b.length) {
    const x = b[i + k]!;
    if (x < lo || x > hi) break;
    lo = 0x80;
    hi = 0xbf;
    k++;
  }
  return k > need ? 1 : k;
}

/** Decode bytes as strict UTF-8 (a leading BOM is dropped). */
export function decodeSource(absPath: string, bytes: Uint8Array): SourceText {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  try {
    return { absPath, text: decoder.decode(bytes), sha256 };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const at = bad < 0 ? 0 : bad;
    const prefix = lossy.decode(bytes.subarray(0, at));
    const hex =
      bytes[at] === undefined ? '' : ` (byte 0x${bytes[at].toString(16).padStart(2, '0')})`;
    return {
      absPath,
      text: lossy.decode(bytes),
      sha256,
      problem: { message: `the file is not valid UTF-8${hex}`, offset: prefix.length },
    };
  }
}

/**
 * The first `maxBytes` of a file, decoded as UTF-8 (a character cut at the end is
 * replaced), or undefined when it cannot be opened or read. Opened without blocking: a
 * FIFO found where a file was does not hang the command.
 */
export async function readHead(absPath: string, maxBytes: number): Promise<string | undefined> {
  const handle = await fs
    .open(absPath, constants.O_RDONLY | constants.O_NONBLOCK)
    .catch(() => undefined);
  if (!handle) return undefined;
  try {
    const bytes = new Uint8Array(maxBytes);
    const { bytesRead } = await handle.read(bytes, 0, maxBytes, 0);
    return new TextDecoder().decode(bytes.subarray(0, bytesRead));
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

const IMPORT_HEADER_BYTES = Buffer.from(`${IMPORT_HEADER}\n`, 'utf8');

/** Does the opened file begin with the first line `courtfile import` writes? */
function startsWithImportHeader(fd: number): boolean {
  const buf = Buffer.alloc(IMPORT_HEADER_BYTES.length);
  return readSync(fd, buf, 0, buf.length, 0) === buf.length && buf.equals(IMPORT_HEADER_BYTES);
}

/**
 * Read a YAML file. The promise rejects with a ToolError when the file cannot be read at
 * all; a file over the size cap (64 MiB; 448 MiB for a file `courtfile import` wrote, by
 * its first line) is returned with a problem instead of being read whole.
 *
 * The file is opened and checked before this returns, and its bytes are then read in one
 * request on libuv's thread pool: a caller that goes on with other work (the dossier
 * loader parses the file before this one) finds them read when it awaits them.
 */
export function readSource(absPath: string, displayName: string = absPath): Promise<SourceText> {
  let fd: number | undefined;
  try {
    // O_NONBLOCK: opening a FIFO must not hang; it is then refused as not a regular file.
    fd = openSync(absPath, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
    const large = st.size > LIMITS.maxFileBytes;
    if (large && !(st.size <= LIMITS.maxImportFileBytes && startsWithImportHeader(fd))) {
      return Promise.resolve({
        absPath,
        text: '',
        sha256: '',
        problem: {
          message:
            st.size <= LIMITS.maxImportFileBytes
              ? `the file has ${st.size} bytes, more than the limit of ${LIMITS.maxFileBytes} bytes (64 MiB); split it with include`
              : `the file has ${st.size} bytes, more than the limit of ${LIMITS.maxImportFileBytes} bytes (448 MiB) of a file written by courtfile import`,
          offset: 0,
        },
      });
    }
    const reading = readWhole(fd, st.size);
    fd = undefined; // closed by readWhole
    return reading
      .then((bytes) => {
        const text = decodeSource(absPath, bytes);
        return large ? { ...text, large: true } : text;
      })
      .catch((err: unknown) => Promise.reject(readError(displayName, err)));
  } catch (err) {
    return Promise.reject(readError(displayName, err));
  } finally {
    if (fd !== undefined) closeQuietly(fd);
  }
}

function readError(displayName: string, err: unknown): ToolError {
  if (err && typeof err === 'object' && (err as { code?: string }).code === 'ENOTREG') {
    return new ToolError(`cannot read ${displayName}: not a regular file`);
  }
  return new ToolError(`cannot read ${displayName}: ${describeSystemError(err)}`);
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Nothing was written: a failed close loses nothing.
  }
}

/**
 * The bytes of an opened regular file, then closed (whatever happens, allocation failures
 * included): `size` of them (its size when it was checked, as Node's readFile reads a
 * regular file), read in one request unless the system returns fewer; when the size is 0
 * (a file of /proc), until the end of the file, up to the plain cap (64 MiB: such a file
 * is not one `courtfile import` wrote, which the larger cap is for).
 */
function readWhole(fd: number, size: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let bytes: Buffer;
    let filled = 0;
    const done = (err: unknown): void => {
      closeQuietly(fd);
      if (err) reject(err);
      else resolve(filled === bytes.length ? bytes : bytes.subarray(0, filled));
    };
    const next = (): void => {
      read(fd, bytes, filled, bytes.length - filled, filled, (err, n) => {
        if (err) return done(err);
        filled += n;
        if (n === 0 || (size > 0 && filled === size)) return done(null);
        if (filled === bytes.length) {
          const cap = LIMITS.maxFileBytes;
          if (filled > cap) {
            return done(
              new Error(`it gives its size as 0 and has more than ${cap} bytes (64 MiB)`),
            );
          }
          try {
            // Up to one byte past the cap: reading it tells a file over the cap.
            const larger = Buffer.allocUnsafe(Math.min(bytes.length * 2, cap + 1));
            bytes.copy(larger, 0, 0, filled);
            bytes = larger;
          } catch (failed) {
            return done(failed); // memory: the file's problem, reported as such
          }
        }
        next();
      });
    };
    try {
      bytes = Buffer.allocUnsafe(size > 0 ? size : 64 * 1024);
    } catch (failed) {
      return done(failed);
    }
    next();
  });
}
