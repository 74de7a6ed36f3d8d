/**
 * The seam between an import reader (one per source format: csv, xlsx, skype, whatsapp,
 * mbox) and the import stage that turns what it reads into dossier records.
 *
 * A reader only reads: it yields plain records with their locator and position in the
 * source, and findings for what it cannot read. It never looks at the dossier, never
 * derives ids and never writes: matching identifiers to accounts, ids, validation and the
 * atomic write belong to the import stage (src/import/run-import.ts), so every format
 * ends in the same validation path as a hand-written dossier.
 */
import type {
  AccountKind,
  ExchangeKind,
  TransferChannel,
  TransferStatus,
} from '../model/dossier.js';
import type { Severity } from '../diagnostics/codes.js';
import type { ByteSource } from './readers/json-cursor.js';

/** A position in the source file, 1-based; for xlsx, line = row and column = column number. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** An account identifier as met in the source, before it is matched to the dossier's accounts. */
export interface SourceParty {
  /** The identifier as the source gives it (after `--participants` mapping for WhatsApp). */
  readonly identifier: string;
  readonly kind: AccountKind;
  /** e.g. `Skype`, `WhatsApp`, `Western Union` */
  readonly platform?: string;
  /**
   * Where the identifier itself is written, when the reader knows it (csv: the field,
   * xlsx: the cell, named in messages): a new account's warning points there. Without it,
   * the record's position. A reference to what the reader already holds (csv and xlsx:
   * the row's cell), never a position made for every record.
   */
  readonly cell?: SourceCell;
}

/** The position of a field or cell, and an xlsx cell's name (`C12`). */
export interface SourceCell extends SourcePosition {
  readonly name?: string;
}

interface SourceRecordBase extends SourcePosition {
  /** Where in the source the record was read: `row 8`, `Feuil1 row 8`, `line 12`, `message 1234`. */
  readonly locator: string;
  /** ISO 8601 instant with an explicit offset (`Z` or `±hh:mm`), never a local time. */
  readonly at: string;
}

/** An exchange read from a source: metadata only, never a message's text. */
export interface SourceExchange extends SourceRecordBase {
  readonly type: 'exchange';
  readonly kind: ExchangeKind;
  readonly end?: string;
  readonly platform?: string;
  readonly from: SourceParty;
  readonly to: readonly SourceParty[];
}

/** A transfer read from a source; `amount` is the exact decimal as written, normalised to `123.45`. */
export interface SourceTransfer extends SourceRecordBase {
  readonly type: 'transfer';
  readonly from: SourceParty;
  readonly to: SourceParty;
  readonly amount: string;
  readonly currency: string;
  readonly channel: TransferChannel;
  readonly provider?: string;
  readonly reference?: string;
  readonly status?: TransferStatus;
  readonly notes?: string;
}

export type ImportCode =
  | 'import-format'
  | 'import-column'
  | 'import-value'
  | 'import-time'
  | 'import-source'
  | 'import-new-account';

/** Something a reader could not read. `locator` is set when the problem is one record's. */
export interface SourceFinding extends SourcePosition {
  readonly type: 'finding';
  readonly code: ImportCode;
  readonly severity: Severity;
  readonly message: string;
  readonly locator?: string;
}

export type SourceItem = SourceExchange | SourceTransfer | SourceFinding;

/**
 * What a reader is: bytes of one exhibit file in, records and findings out, in source
 * order. The CSV reader takes the file's chunks; the Skype, WhatsApp and mbox readers
 * take a ByteSource (readers/json-cursor.ts: the file, read a window at a time), or its
 * bytes (tests), so that none of them holds the file; only xlsx gets its bytes whole.
 */
export type SourceReader = (
  bytes: Uint8Array | ByteSource,
  options: ReaderOptions,
) => AsyncIterable<SourceItem> | Iterable<SourceItem>;

export interface ReaderOptions {
  /** File name as shown in diagnostics. */
  readonly file: string;
  /** IANA zone for times written without an offset (`--zone`, or the mapping's `zone`). */
  readonly zone?: string;
  /** `--date-order` for ambiguous dates (WhatsApp). */
  readonly dateOrder?: 'dmy' | 'mdy' | 'ymd';
  /** `--participants`: shown name -> account identifier (WhatsApp). */
  readonly participants?: ReadonlyMap<string, string>;
  /** Called now and then with the number of bytes read, for a progress line. */
  readonly onProgress?: (bytesRead: number) => void;
}
