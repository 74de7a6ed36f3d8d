import type { promises as fs } from 'node:fs';
import { throwIfInterrupted } from '../../interrupt.js';
import { UTF8_BOM, csvRecord } from './csv-format.js';

/** Records are gathered into chunks of about this many UTF-16 code units before each write. */
const CHUNK = 1 << 16;

/**
 * Stream a CSV file into an open handle: the byte order mark, the header, then each
 * record as `rows` produces it, written in chunks of about 64 KiB (never the whole file
 * as one string). Returns the number of data records. Checks `signal` between chunks.
 */
export async function writeCsv(
  handle: fs.FileHandle,
  header: readonly string[],
  rows: Iterable<readonly string[]>,
  signal?: AbortSignal,
): Promise<number> {
  let chunk = UTF8_BOM + csvRecord(header);
  let count = 0;
  for (const row of rows) {
    chunk += csvRecord(row);
    count++;
    if (chunk.length >= CHUNK) {
      throwIfInterrupted(signal);
      await handle.write(chunk, null, 'utf8');
      chunk = '';
    }
  }
  if (chunk.length > 0) await handle.write(chunk, null, 'utf8');
  return count;
}
