import { StringDecoder } from 'node:string_decoder';
import { openRegular } from './source-file.js';

/** Longest id the dossier format allows (ID_PATTERN): a longer run of id characters is none. */
const MAX_ID = 64;

/** Runs of the characters ids are made of. */
const RUN = /[A-Za-z0-9_.-]+/g;

const isIdChar = (c: number): boolean =>
  (c >= 0x61 && c <= 0x7a) || // a-z
  (c >= 0x41 && c <= 0x5a) || // A-Z
  (c >= 0x30 && c <= 0x39) || // 0-9
  c === 0x5f || // _
  c === 0x2e || // .
  c === 0x2d; // -

/**
 * Those of `wanted` (ids) that occur in `file` as a whole word (a run of the characters
 * ids are made of, delimited by other characters): the ids an import's OUT held before it
 * is refreshed, for the check of the dossier without it (run-import.ts). A word may be a
 * reference rather than the record's own id, or be in a comment: the answer may say too
 * much, never too little, which is what the caller needs (the dossier with OUT's new
 * content is checked anyway). The file is read once, 1 MiB at a time, up to the point
 * where every wanted id has been met; a file that cannot be read gives what was met before.
 * Only a regular file is read, opened without blocking: a FIFO at OUT (the import then
 * refuses to write it) made the reading wait for a writer forever, beyond Ctrl-C (a
 * helper's sweep, session 33).
 */
export async function idsInFile(file: string, wanted: ReadonlySet<string>): Promise<Set<string>> {
  const found = new Set<string>();
  if (wanted.size === 0) return found;
  const decoder = new StringDecoder('utf8');
  let carry = '';
  const scan = (text: string): void => {
    RUN.lastIndex = 0;
    for (let m = RUN.exec(text); m !== null; m = RUN.exec(text)) {
      const word = m[0];
      if (word.length <= MAX_ID && wanted.has(word)) found.add(word);
    }
  };
  const opened = await openRegular(file);
  if (typeof opened === 'string') return found;
  const { handle } = opened;
  try {
    const stream = handle.createReadStream({ highWaterMark: 1 << 20, autoClose: false });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = carry + decoder.write(chunk);
      // The run at the end may go on in the next chunk: kept for it (its last MAX_ID + 1
      // characters, enough to tell that a longer one is no id).
      let end = text.length;
      while (end > 0 && isIdChar(text.charCodeAt(end - 1))) end--;
      carry = text.length - end > MAX_ID ? text.slice(text.length - MAX_ID - 1) : text.slice(end);
      scan(text.slice(0, end));
      if (found.size === wanted.size) return found; // (the loop's end closes the stream)
    }
    scan(carry + decoder.end());
  } catch {
    // Unreadable: what was met so far (the references to the rest are reported).
  } finally {
    await handle.close();
  }
  return found;
}
