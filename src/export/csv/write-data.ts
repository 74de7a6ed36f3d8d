/**
 * The packet's data files: the full lists of transfers, exchanges and linked sessions
 * as CSV (RFC 4180, UTF-8 with a byte order mark, CRLF), for the court's analysts.
 * Each file is streamed row by row into a temporary file beside it, then renamed.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Dossier } from '../../model/dossier.js';
import { writeFileAtomic } from '../../output/atomic-write.js';
import { writeCsv } from './csv-writer.js';
import type { DataColumn, DataFacts } from './data-tables.js';
import {
  CORRELATION_COLUMNS,
  DataContext,
  EXCHANGE_COLUMNS,
  TRANSFER_COLUMNS,
  exchangesInOrder,
  headerOf,
  rowsOf,
} from './data-tables.js';

/** The folder of the data files inside a packet. */
export const DATA_DIR = 'data';

export interface DataFileOptions {
  /** `--reveal-victims`: write victims' names and identifiers as the documents then do. */
  readonly reveal: boolean;
  readonly signal?: AbortSignal;
}

interface DataFile<R> {
  readonly name: string;
  readonly columns: readonly DataColumn<R>[];
  readonly records: () => Iterable<R>;
}

/**
 * Write `data/transfers.csv`, `data/exchanges.csv` and `data/correlations.csv` into the
 * packet folder `dir` (created `data/` if needed); returns their packet paths, in order.
 * Same dossier and facts, same bytes.
 */
export async function writeDataFiles(
  dir: string,
  dossier: Dossier,
  facts: DataFacts,
  options: DataFileOptions,
): Promise<string[]> {
  const ctx = new DataContext(dossier, options.reveal);
  await fs.mkdir(path.join(dir, DATA_DIR), { recursive: true });
  const written: string[] = [];
  const write = async <R>(file: DataFile<R>): Promise<void> => {
    const target = path.join(dir, DATA_DIR, file.name);
    await writeFileAtomic(
      target,
      async (handle) => {
        await writeCsv(
          handle,
          headerOf(file.columns),
          rowsOf(file.columns, file.records(), ctx),
          options.signal,
        );
      },
      options.signal ? { signal: options.signal } : {},
    );
    written.push(`${DATA_DIR}/${file.name}`);
  };
  await write({ name: 'transfers.csv', columns: TRANSFER_COLUMNS, records: () => facts.transfers });
  await write({
    name: 'exchanges.csv',
    columns: EXCHANGE_COLUMNS,
    records: () => exchangesInOrder(dossier),
  });
  await write({
    name: 'correlations.csv',
    columns: CORRELATION_COLUMNS,
    records: () => facts.correlation.links,
  });
  return written;
}
