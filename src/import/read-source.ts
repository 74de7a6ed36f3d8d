import { createHash } from 'node:crypto';
import { readSync } from 'node:fs';
import type { promises as fs } from 'node:fs';
import { ToolError, UsageError, describeSystemError } from '../errors.js';
import type { Mapping } from './mapping/schema.js';
import { readCsv } from './readers/csv.js';
import { openRegular, readChunks } from './source-file.js';
import type { Checkpoint } from '../interrupt.js';
import type { ByteSource } from './readers/json-cursor.js';
import type { ReaderOptions, SourceItem, SourceReader } from './types.js';

export { IMPORT_FORMATS, type ImportFormat } from './formats.js';
import type { ImportFormat } from './formats.js';

export interface ReadOptions {
  readonly file: string;
  readonly mapping?: Mapping;
  readonly zone?: string;
  readonly sheet?: string;
  /** xlsx: told the sheet read, as the workbook spells it, once chosen (see XlsxReaderOptions). */
  readonly onSheet?: (name: string) => void;
  /** xlsx: told each hidden row read (see XlsxReaderOptions). */
  readonly onHiddenRow?: (locator: string) => void;
  /** xlsx: told each hidden column the mapping reads (see XlsxReaderOptions). */
  readonly onHiddenColumn?: (column: string) => void;
  readonly dateOrder?: 'dmy' | 'mdy' | 'ymd';
  /** The `--participants` file's shown names and identifiers (loadParticipants). */
  readonly participants?: ReadonlyMap<string, string>;
  readonly onProgress?: (bytesRead: number) => void;
  /** The import's checkpoint, for the xlsx reader's long steps (see XlsxReaderOptions). */
  readonly checkpoint?: Checkpoint;
}

/** The platform readers, each a module of its own, loaded only when its format is read. */
const PLATFORM_READERS: Record<'skype' | 'whatsapp' | 'mbox', () => Promise<SourceReader>> = {
  skype: async () => (await import('./readers/skype.js')).readSkype,
  whatsapp: async () => (await import('./readers/whatsapp.js')).readWhatsapp,
  mbox: async () => (await import('./readers/mbox.js')).readMbox,
};

/**
 * The items of SOURCE in its format. The bytes read are hashed again as they are read:
 * a file that changed since it was checked against the evidence record ends in an
 * `import-source` error, so no record of a file other than the sealed one is written.
 */
export async function* readSourceItems(
  format: ImportFormat,
  abs: string,
  sha256: string,
  options: ReadOptions,
): AsyncGenerator<readonly SourceItem[]> {
  const opened = await openRegular(abs);
  if (typeof opened === 'string') throw new ToolError(`cannot read ${options.file}: ${opened}`);
  const hash = createHash('sha256');
  /** Platform formats: the digest of the passes (the sealed one when they all gave it). */
  let passesDigest: string | undefined;
  try {
    if (format === 'csv') {
      // Small chunks: the records of one chunk are alive together across the pipeline's
      // awaits, and a young-generation collection copies them (CSV_CHUNK says how small).
      yield* readCsv(readChunks(opened.handle, hash, options.onProgress, CSV_CHUNK), {
        mapping: options.mapping!,
        zone: options.zone,
      });
      // The parser may stop early (a fatal error): hash the rest too.
      for await (const _ of readChunks(opened.handle, hash)) {
        // hashing only
      }
    } else if (format === 'xlsx') {
      const { readXlsx } = await import('./readers/xlsx.js');
      const bytes = await readAll(opened, hash, options.onProgress);
      yield* batches(
        readXlsx(bytes, {
          mapping: options.mapping!,
          zone: options.zone,
          sheet: options.sheet,
          ...(options.onSheet ? { onSheet: options.onSheet } : {}),
          ...(options.onHiddenRow ? { onHiddenRow: options.onHiddenRow } : {}),
          ...(options.onHiddenColumn ? { onHiddenColumn: options.onHiddenColumn } : {}),
          ...(options.checkpoint ? { checkpoint: options.checkpoint } : {}),
        }),
      );
    } else {
      // Skype, WhatsApp and mbox: read from the file a window at a time (Skype and WhatsApp
      // read it twice), each pass hashed: every pass must give the sealed digest.
      const reader = await PLATFORM_READERS[format]();
      const passes = hashedPasses(opened.handle.fd, opened.size);
      const readerOptions: ReaderOptions = {
        file: options.file,
        zone: options.zone,
        dateOrder: options.dateOrder,
        participants: format === 'skype' ? undefined : options.participants,
        onProgress: options.onProgress,
      };
      yield* batches(reader(passes.source, readerOptions));
      // A pass the reader left unfinished (it stopped at a fatal error) is read to the end.
      passesDigest = passes.finish().find((d) => d !== sha256) ?? sha256;
    }
  } catch (err) {
    if (err instanceof ToolError || err instanceof UsageError) throw err;
    if (err && typeof err === 'object' && 'code' in err)
      throw new ToolError(`cannot read ${options.file}: ${describeSystemError(err)}`);
    throw err;
  } finally {
    await opened.handle.close().catch(() => undefined);
  }
  const digest = passesDigest ?? hash.digest('hex');
  if (digest !== sha256)
    yield [
      {
        type: 'finding',
        code: 'import-source',
        severity: 'error',
        line: 1,
        column: 1,
        message: `the source changed while it was read (SHA-256 now ${digest}): nothing is written`,
      },
    ];
}

/**
 * The bytes of a CSV read at a time: one chunk's rows (~200 of 80 bytes), their cells and
 * mapped records are alive together, and every young-generation collection that falls
 * while they are copies them (those it meets twice are moved to the old generation).
 * 1 MiB chunks had the old generation grow to ~4x the live memory; at 64 KiB each
 * collection of a 100,000-row import still copied ~1 MB and promoted half of it (70 MB
 * copied and 32 MB promoted in all); at 16 KiB, 25 and 15 MB: the import's CPU time
 * -12%, peak RSS -25 MB (4 and 8 KiB measured the same as 16).
 */
const CSV_CHUNK = 16 << 10;

/**
 * A ByteSource over an open file (synchronous positioned reads: the readers pull), hashing
 * each pass that reads the file from its start to its end in order. `finish` reads to the
 * end a pass left unfinished (or the whole file when none began) and gives every pass's digest.
 */
function hashedPasses(fd: number, size: number): { source: ByteSource; finish: () => string[] } {
  const done: string[] = [];
  let hash = createHash('sha256');
  let expected = 0;
  const hashed = (buf: Uint8Array, position: number, n: number): void => {
    if (position !== expected || expected < 0) return;
    hash.update(buf.subarray(0, n));
    expected += n;
    if (n === 0 || expected >= size) {
      // The end of the file (as it was opened): one whole pass.
      const extra = Buffer.allocUnsafe(1);
      if (readSync(fd, extra, 0, 1, expected) > 0) hash.update('grew');
      done.push(hash.digest('hex'));
      expected = -1;
    }
  };
  const source: ByteSource = {
    size,
    readAt(buf, position) {
      if (position === 0) {
        hash = createHash('sha256');
        expected = 0;
      }
      const n = readSync(fd, buf, 0, buf.length, position);
      hashed(buf, position, n);
      return n;
    },
  };
  const finish = (): string[] => {
    const buf = Buffer.allocUnsafe(1 << 20);
    while (expected >= 0) {
      const at = expected;
      hashed(buf, at, readSync(fd, buf, 0, buf.length, at));
    }
    return done;
  };
  return { source, finish };
}

/** How many items of a synchronous reader are handed on together. */
const BATCH = 1000;

/**
 * A reader's items in arrays: a synchronous reader's in arrays of up to BATCH (one
 * step of the async iteration per array, not per item), an asynchronous one's as they come.
 */
async function* batches(
  items: AsyncIterable<SourceItem> | Iterable<SourceItem>,
): AsyncGenerator<readonly SourceItem[]> {
  if (Symbol.asyncIterator in items) {
    for await (const item of items) yield [item];
    return;
  }
  let batch: SourceItem[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length >= BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** The whole file in one buffer of its size (not chunks and then a copy of them all). */
async function readAll(
  opened: { handle: fs.FileHandle; size: number },
  hash: ReturnType<typeof createHash>,
  onProgress?: (n: number) => void,
): Promise<Uint8Array> {
  let out = Buffer.allocUnsafe(opened.size);
  let at = 0;
  for await (const chunk of readChunks(opened.handle, hash, onProgress)) {
    if (at + chunk.length > out.length) {
      // The file grew since it was opened: the digest check will report it.
      const bigger = Buffer.allocUnsafe(Math.max(out.length * 2, at + chunk.length));
      out.copy(bigger, 0, 0, at);
      out = bigger;
    }
    out.set(chunk, at);
    at += chunk.length;
  }
  return out.subarray(0, at);
}
