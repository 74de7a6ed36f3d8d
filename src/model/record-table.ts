/**
 * Compact storage for the records a large dossier is made of (transfers and exchanges):
 * one table per kind, a column per field instead of an object graph per record.
 *
 * - instants: epoch ms (Float64Array) and offset minutes (Int16Array); the text as
 *   written is rebuilt from them when its form allows it exactly (`YYYY-MM-DDTHH:MM`,
 *   optional `:SS`, then `Z` or `±HH:MM`), else kept in a sparse map, and so are the
 *   nanoseconds beyond the millisecond that only such a text can have;
 * - amounts: minor units (Float64Array, a safe integer) with the written number of
 *   decimals, so that the text as written is rebuilt; anything else (a bigint amount,
 *   `+5`, `1.500` for EUR...) sparse;
 * - texts that repeat (accounts, currency, channel, status, provider, platform, exhibit,
 *   kind) as indices into the table's string pool (Int32Array, -1 when absent);
 * - texts of their own (ids, references, summaries, notes, locators) in string arrays or
 *   sparse maps, never slices of a file's text;
 * - where each record was written: file number and list index.
 *
 * `view(i)` is a `Transfer` / `Exchange` read from the columns: a small object (the
 * table and the row) whose fields are getters. `views()` gives one per record, in order,
 * which is what `Dossier.transfers` / `Dossier.exchanges` hold for a loaded dossier.
 */
import type {
  Exchange,
  ExchangeKind,
  Instant,
  Money,
  Origin,
  PathSegment,
  SourceLocator,
  Transfer,
  TransferChannel,
  TransferStatus,
} from './dossier.js';

import { minorUnits } from '../facts/currencies.js';
import { subMsNanosOfText } from '../facts/time.js';
import { StringTable } from '../string-table.js';

const DAY_MS = 86_400_000;
const ABSENT = -1;

/** A column of numbers that grows as rows are added (doubling), typed storage. */
class Column<A extends Float64Array | Int32Array | Int16Array | Int8Array> {
  data: A;
  constructor(private readonly make: (n: number) => A) {
    this.data = make(1024);
  }

  set(row: number, value: number): void {
    if (row >= this.data.length) {
      const bigger = this.make(Math.max(row + 1, this.data.length * 2));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[row] = value;
  }

  /** Drop the spare capacity once every row is in. */
  trim(rows: number): void {
    if (this.data.length > rows) this.data = this.data.slice(0, rows) as A;
  }
}

// One function of each kind for every column (two tables of equal rows are deeply equal).
const F64 = (n: number) => new Float64Array(n);
const I32 = (n: number) => new Int32Array(n);
const I16 = (n: number) => new Int16Array(n);
const I8 = (n: number) => new Int8Array(n);
const f64 = () => new Column(F64);
const i32 = () => new Column(I32);
const i16 = () => new Column(I16);
const i8 = () => new Column(I8);

/**
 * A string equal to `text` that is not a slice of a larger one (V8 keeps the parent of a
 * substring of 13 characters or more alive as long as the substring).
 */
const NUL = /\0/;
export function ownText(text: string): string {
  if (text.length < 13) return text;
  const copy = (text[0] ?? '') + text.slice(1);
  NUL.test(copy); // flattens the concatenation into a string of its own
  return copy;
}

/** Delete the entries of rows `rows` and after from a sparse column. */
function deleteRowsFrom(map: Map<number, unknown>, rows: number): void {
  for (const row of map.keys()) if (row >= rows) map.delete(row);
}

/** One string for equal texts, up to `max` distinct ones (the others kept as they come). */
class SharedTexts {
  private readonly known = new Map<string, string>();
  constructor(private readonly max = 100_000) {}

  get(text: string): string {
    const first = this.known.get(text);
    if (first !== undefined) return first;
    const own = ownText(text);
    if (this.known.size < this.max) this.known.set(own, own);
    return own;
  }

  clear(): void {
    this.known.clear();
  }
}

/** One string per distinct text, by index. */
class StringPool {
  /**
   * The texts' numbers: a StringTable, not a Map (the accounts of a 100,000-record
   * dossier are looked up ~160,000 times, each a fresh string whose hash V8 computes).
   */
  private readonly index = new StringTable();
  readonly texts: string[] = [];

  id(text: string | undefined): number {
    if (text === undefined) return ABSENT;
    const n = this.index.get(text);
    if (n >= 0) return n;
    const own = ownText(text);
    this.texts.push(own);
    this.index.add(own);
    return this.texts.length - 1;
  }

  text(n: number): string | undefined {
    return n === ABSENT ? undefined : this.texts[n];
  }

  /** Forget the texts pooled after the first `count` (see RecordTable.rollback). */
  truncate(count: number): void {
    this.index.truncate(count);
    this.texts.length = count;
  }

  /**
   * Set `column[row]` to the id of `text`. A text equal to the row above's is given its id
   * without a lookup: in a list, currency, channel, provider, status, exhibit and kind
   * mostly repeat from one record to the next, and comparing two short strings costs
   * less than hashing one and searching the index (the lookups were over half of the
   * time spent adding records, profiled on 100,000 imported transfers).
   */
  setId(column: Column<Int32Array>, row: number, text: string | undefined): void {
    if (row > 0 && text !== undefined) {
      const above = column.data[row - 1]!;
      if (above !== ABSENT && this.texts[above] === text) {
        column.set(row, above);
        return;
      }
    }
    column.set(row, this.id(text));
  }
}

/* ------------------------------------------------------------------------------------ */
/* Instants                                                                              */

/** Form of an instant's text: bit 0 seconds written, bit 1 `Z`; SPARSE: text kept as is. */
const SPARSE = -1;

/** The form code of an instant's text, or SPARSE when it cannot be rebuilt from its values. */
function instantForm(instant: Instant): number {
  const { text, offsetMinutes } = instant;
  const n = text.length;
  // parseInstant accepted `YYYY-MM-DDTHH:MM[:SS[.f]]` then `Z` or `±HH:MM`.
  const z = text.charCodeAt(n - 1) === 90; /* Z */
  const tail = z ? 1 : 6;
  if (!z && offsetMinutes === 0 && text.charCodeAt(n - 6) === 45 /* - */) return SPARSE;
  if (n - tail === 16) return z ? 2 : 0;
  if (n - tail === 19) return z ? 3 : 1;
  return SPARSE; // a fraction of a second
}

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DD` of a day number (days since 1970-01-01), memoized (few days repeat a lot). */
const dayTexts = new Map<number, string>();
function dayText(day: number): string {
  let text = dayTexts.get(day);
  if (text === undefined) {
    const d = new Date(day * DAY_MS);
    const y = d.getUTCFullYear();
    text = `${String(y).padStart(4, '0')}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
    if (dayTexts.size < 100_000) dayTexts.set(day, text);
  }
  return text;
}

/** The text of an instant of form `form` (not SPARSE). */
function instantText(epochMs: number, offsetMinutes: number, form: number): string {
  const wall = epochMs + offsetMinutes * 60_000;
  const day = Math.floor(wall / DAY_MS);
  const ms = wall - day * DAY_MS;
  const seconds = Math.floor(ms / 1000);
  let text = `${dayText(day)}T${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}`;
  if ((form & 1) === 1) text += `:${two(seconds % 60)}`;
  if ((form & 2) === 2) return `${text}Z`;
  const abs = Math.abs(offsetMinutes);
  return `${text}${offsetMinutes < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/** A plain copy of an instant (`subMsNanos` only when it has one, as parseInstant gives it). */
export function plainInstant(at: Instant): Instant {
  const { text, epochMs, offsetMinutes, subMsNanos } = at;
  return subMsNanos === undefined
    ? { text, epochMs, offsetMinutes }
    : { text, epochMs, offsetMinutes, subMsNanos };
}

/** An instant of a table: its text is made only when read. */
class InstantView implements Instant {
  constructor(
    readonly epochMs: number,
    readonly offsetMinutes: number,
    private readonly form: number,
    private readonly written: string | undefined,
    readonly subMsNanos: number | undefined,
  ) {}

  get text(): string {
    return this.written ?? instantText(this.epochMs, this.offsetMinutes, this.form);
  }

  toJSON(): Instant {
    return plainInstant(this);
  }
}

/** Columns of one instant field. */
class InstantColumns {
  readonly epoch = f64();
  readonly offset = i16();
  readonly form = i8();
  readonly sparse = new Map<number, string>();
  /** Nanoseconds beyond the millisecond, by row, for the rows that have them (texts in `sparse`). */
  readonly nanos = new Map<number, number>();

  set(row: number, instant: Instant | undefined): void {
    if (instant === undefined) {
      this.epoch.set(row, NaN);
      this.offset.set(row, 0);
      this.form.set(row, 0);
      return;
    }
    const form = instantForm(instant);
    this.epoch.set(row, instant.epochMs);
    this.offset.set(row, instant.offsetMinutes);
    this.form.set(row, form);
    if (form === SPARSE) {
      this.sparse.set(row, ownText(instant.text));
      const nanos = instant.subMsNanos ?? subMsNanosOfText(instant.text);
      if (nanos !== 0) this.nanos.set(row, nanos);
    }
  }

  trim(rows: number): void {
    this.epoch.trim(rows);
    this.offset.trim(rows);
    this.form.trim(rows);
  }

  /** Forget rows `rows` and after (their dense values are written over by the next rows). */
  rollback(rows: number): void {
    deleteRowsFrom(this.sparse, rows);
    deleteRowsFrom(this.nanos, rows);
  }

  get(row: number): Instant | undefined {
    const ms = this.epoch.data[row]!;
    if (Number.isNaN(ms)) return undefined;
    const form = this.form.data[row]!;
    return new InstantView(
      ms,
      this.offset.data[row]!,
      form,
      form === SPARSE ? this.sparse.get(row) : undefined,
      form === SPARSE ? this.nanos.get(row) : undefined,
    );
  }
}

/* ------------------------------------------------------------------------------------ */
/* Origins                                                                               */

/** See TransferTable.paymentColumns. */
export interface PaymentColumns {
  readonly epochMs: Float64Array;
  /** Nanoseconds beyond the millisecond, by row, for the rows that have any. */
  readonly nanos: ReadonlyMap<number, number>;
  readonly minorUnits: Float64Array;
  readonly references: readonly (string | undefined)[];
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly currency: Int32Array;
  readonly status: Int32Array;
  readonly evidence: Int32Array;
  /** The pooled texts, by pool number. */
  readonly texts: readonly string[];
}

/** Record `index` of `list` in `file`; the path array is made only when asked for. */
export class ListOrigin implements Origin {
  constructor(
    readonly file: string,
    readonly list: 'transfers' | 'exchanges',
    readonly index: number,
  ) {}

  get path(): readonly PathSegment[] {
    return [this.list, this.index];
  }
}

/** The list index of an origin `[list, index]`, else `fallback`. */
function listIndexOf(origin: Origin, fallback: number): number {
  const index = origin.path[1];
  return origin.path.length === 2 && typeof index === 'number' ? index : fallback;
}

/** How many rows and pooled texts a table had (RecordTable.mark). */
export interface TableMark {
  readonly rows: number;
  readonly pooled: number;
}

/** Columns every table has: id, where it was written, `source`. */
abstract class RecordTable<V> {
  private viewList: V[] | undefined;
  /** Number of records. */
  length = 0;
  protected readonly pool = new StringPool();
  protected readonly ids: string[] = [];
  private readonly files: string[] = [];
  private readonly fileOf = i32();
  private readonly indexOf = i32();
  private readonly sourceEvidenceCol = i32();
  private locators: (string | undefined)[] | undefined;

  protected constructor(readonly list: 'transfers' | 'exchanges') {}

  /** Where the table stands now, to drop what is added after it (rollback). */
  mark(): TableMark {
    return { rows: this.length, pooled: this.pool.texts.length };
  }

  /**
   * Drop the rows added since `mark`, as if they had never been added: the records of a
   * file whose plain-block reading was abandoned half-way (DraftReader.streamFor), read
   * again from js-yaml's value. Dense columns keep stale values past `length`, written
   * over by the next rows.
   */
  rollback(mark: TableMark): void {
    const rows = mark.rows;
    this.length = rows;
    this.ids.length = rows;
    this.files.length = rows === 0 ? 0 : this.fileOf.data[rows - 1]! + 1;
    if (this.locators) {
      this.locators.length = rows;
      if (!this.locators.some((l) => l !== undefined)) this.locators = undefined;
    }
    this.pool.truncate(mark.pooled);
    this.rollbackRows(rows);
  }

  /** The table's own columns' part of rollback. */
  protected abstract rollbackRows(rows: number): void;

  /** A view reading row `row` from the columns. */
  abstract view(row: number): V;

  /** One view per row, in order (made once, then the same array). */
  views(): readonly V[] {
    if (!this.viewList) {
      const list = new Array<V>(this.length);
      for (let i = 0; i < this.length; i++) list[i] = this.view(i);
      this.viewList = list;
    }
    return this.viewList;
  }

  /** Start a row: id, origin and source. */
  protected begin(
    id: string,
    source: SourceLocator | undefined,
    file: string,
    index: number,
  ): number {
    const row = this.length++;
    this.ids.push(ownText(id));
    if (this.files[this.files.length - 1] !== file) this.files.push(file);
    this.fileOf.set(row, this.files.length - 1);
    this.indexOf.set(row, index);
    this.pool.setId(this.sourceEvidenceCol, row, source?.evidence);
    if (source !== undefined) {
      this.locators ??= [];
      this.locators[row] = ownText(source.locator);
    }
    return row;
  }

  protected trimBase(): void {
    this.fileOf.trim(this.length);
    this.indexOf.trim(this.length);
    this.sourceEvidenceCol.trim(this.length);
    if (this.locators) this.locators.length = this.length;
  }

  id(row: number): string {
    return this.ids[row]!;
  }

  /** File (display name) the record was written in. */
  file(row: number): string {
    return this.files[this.fileOf.data[row]!]!;
  }

  /** Index of the record in its file's list. */
  listIndex(row: number): number {
    return this.indexOf.data[row]!;
  }

  origin(row: number): ListOrigin {
    return new ListOrigin(this.file(row), this.list, this.listIndex(row));
  }

  /** Whether any record of the table has a `source`. */
  get hasSources(): boolean {
    return this.locators !== undefined;
  }

  /** The exhibit of the record's `source`, if it has one. */
  sourceEvidence(row: number): string | undefined {
    return this.pool.text(this.sourceEvidenceCol.data[row]!);
  }

  source(row: number): SourceLocator | undefined {
    const evidence = this.pool.text(this.sourceEvidenceCol.data[row]!);
    if (evidence === undefined) return undefined;
    return { evidence, locator: this.locators?.[row] ?? '' };
  }
}

/* ------------------------------------------------------------------------------------ */
/* Transfers                                                                             */

/** What a transfer row is made from (with its amount: see `add`). */
export interface TransferRow {
  readonly id: string;
  readonly at: Instant;
  readonly from: string;
  readonly to: string;
  readonly currency: string;
  readonly channel: string;
  readonly provider?: string | undefined;
  readonly reference?: string | undefined;
  readonly status: string;
  readonly evidence: string;
  readonly source?: SourceLocator | undefined;
  readonly notes?: string | undefined;
}

const pow10 = (n: number): number => 10 ** n;

/** The text of `minor` / 10^exponent with `digits` decimals written (digits <= exponent). */
function amountTextOf(minor: number, exponent: number, digits: number): string {
  const scale = pow10(exponent);
  const whole = Math.floor(minor / scale);
  if (digits === 0) return String(whole);
  const fraction = String(minor - whole * scale).padStart(exponent, '0');
  return `${whole}.${fraction.slice(0, digits)}`;
}

/** The transfers of a dossier, one row each, in the order they were read. */
export class TransferTable extends RecordTable<Transfer> {
  private readonly at = new InstantColumns();
  private readonly fromCol = i32();
  private readonly toCol = i32();
  private readonly currencyCol = i32();
  private readonly channelCol = i32();
  private readonly providerCol = i32();
  private readonly statusCol = i32();
  private readonly evidenceCol = i32();
  private readonly minorCol = f64();
  private readonly exponentCol = i8();
  /** Decimals written, or SPARSE (text in `amountTexts`). */
  private readonly digitsCol = i8();
  private readonly bigMinor = new Map<number, bigint>();
  private readonly amountTexts = new Map<number, string>();
  private readonly references: (string | undefined)[] = [];
  private readonly notesOf = new Map<number, string>();
  private readonly shared = new SharedTexts();

  constructor() {
    super('transfers');
  }

  /** A table of `transfers` (the object model), e.g. to compare both forms in tests. */
  static of(transfers: readonly Transfer[]): TransferTable {
    const table = new TransferTable();
    for (const [i, t] of transfers.entries()) {
      const row = { ...t, currency: t.amount.currency };
      table.add(row, t.amountText, t.amount.minor, t.origin.file, listIndexOf(t.origin, i));
    }
    return table.finish();
  }

  /**
   * Add a transfer: `amountText` as written, `minor` its exact amount in minor units of
   * the currency (undefined when not valid: a draft with errors, never made a model).
   */
  add(
    t: TransferRow,
    amountText: string,
    minor: bigint | number | undefined,
    file: string,
    index: number,
  ): void {
    const row = this.begin(t.id, t.source, file, index);
    const { pool } = this;
    this.at.set(row, t.at);
    pool.setId(this.fromCol, row, t.from);
    pool.setId(this.toCol, row, t.to);
    pool.setId(this.currencyCol, row, t.currency);
    pool.setId(this.channelCol, row, t.channel);
    pool.setId(this.providerCol, row, t.provider);
    pool.setId(this.statusCol, row, t.status);
    pool.setId(this.evidenceCol, row, t.evidence);
    const exponent = minorUnits(t.currency) ?? 0;
    this.exponentCol.set(row, exponent);
    this.references.push(t.reference === undefined ? undefined : ownText(t.reference));
    if (t.notes !== undefined) this.notesOf.set(row, this.shared.get(t.notes));
    const small = minor === undefined ? NaN : Number(minor);
    let digits = SPARSE;
    if (Number.isSafeInteger(small)) {
      this.minorCol.set(row, small);
      const dot = amountText.indexOf('.');
      const written = dot < 0 ? 0 : amountText.length - dot - 1;
      if (written <= exponent && amountTextOf(small, exponent, written) === amountText)
        digits = written;
    } else {
      this.minorCol.set(row, NaN);
      if (minor !== undefined) this.bigMinor.set(row, BigInt(minor));
    }
    this.digitsCol.set(row, digits);
    if (digits === SPARSE) this.amountTexts.set(row, ownText(amountText));
  }

  protected rollbackRows(rows: number): void {
    this.at.rollback(rows);
    deleteRowsFrom(this.bigMinor, rows);
    deleteRowsFrom(this.amountTexts, rows);
    deleteRowsFrom(this.notesOf, rows);
    this.references.length = rows;
  }

  /** Drop spare capacity: call once every row is in. */
  finish(): this {
    const n = this.length;
    this.trimBase();
    this.at.trim(n);
    for (const c of [
      this.fromCol,
      this.toCol,
      this.currencyCol,
      this.channelCol,
      this.providerCol,
      this.statusCol,
      this.evidenceCol,
    ])
      c.trim(n);
    this.minorCol.trim(n);
    this.exponentCol.trim(n);
    this.digitsCol.trim(n);
    this.shared.clear();
    return this;
  }

  epochMs(row: number): number {
    return this.at.epoch.data[row]!;
  }
  instant(row: number): Instant {
    return this.at.get(row)!;
  }
  from(row: number): string {
    return this.pool.texts[this.fromCol.data[row]!]!;
  }
  to(row: number): string {
    return this.pool.texts[this.toCol.data[row]!]!;
  }
  currency(row: number): string {
    return this.pool.texts[this.currencyCol.data[row]!]!;
  }
  channel(row: number): TransferChannel {
    return this.pool.texts[this.channelCol.data[row]!] as TransferChannel;
  }
  provider(row: number): string | undefined {
    return this.pool.text(this.providerCol.data[row]!);
  }
  status(row: number): TransferStatus {
    return this.pool.texts[this.statusCol.data[row]!] as TransferStatus;
  }
  evidence(row: number): string {
    return this.pool.texts[this.evidenceCol.data[row]!]!;
  }
  reference(row: number): string | undefined {
    return this.references[row];
  }
  notes(row: number): string | undefined {
    return this.notesOf.get(row);
  }
  /**
   * The columns that say which payment a row records, as arrays (read-only, valid until
   * the table changes), for a pass over every row without a call per field: instants
   * (epoch ms, NaN when absent; nanoseconds beyond them), amounts in minor units (NaN
   * when not a safe integer: then see `minor`), references, and the pool numbers of
   * senders, beneficiaries, currencies, statuses and exhibits (equal numbers, equal
   * texts: `texts[number]`).
   */
  paymentColumns(): PaymentColumns {
    return {
      epochMs: this.at.epoch.data,
      nanos: this.at.nanos,
      minorUnits: this.minorCol.data,
      references: this.references,
      from: this.fromCol.data,
      to: this.toCol.data,
      currency: this.currencyCol.data,
      status: this.statusCol.data,
      evidence: this.evidenceCol.data,
      texts: this.pool.texts,
    };
  }
  /** Exact amount in minor units; undefined when it was not valid (a draft with errors). */
  minor(row: number): bigint | undefined {
    const minor = this.minorCol.data[row]!;
    return Number.isNaN(minor) ? this.bigMinor.get(row) : BigInt(minor);
  }
  amountText(row: number): string {
    const digits = this.digitsCol.data[row]!;
    if (digits === SPARSE) return this.amountTexts.get(row)!;
    return amountTextOf(this.minorCol.data[row]!, this.exponentCol.data[row]!, digits);
  }

  view(row: number): Transfer {
    return new TransferView(this, row);
  }
}

/**
 * What every record view reads the same way from its table: id, instant, sender, exhibit,
 * `source` and origin. The record-specific getters are the subclasses'.
 */
abstract class RecordView<
  T extends RecordTable<unknown> & {
    instant(row: number): Instant;
    from(row: number): string;
    evidence(row: number): string;
  },
> {
  constructor(
    readonly table: T,
    readonly row: number,
  ) {}
  get id(): string {
    return this.table.id(this.row);
  }
  get at(): Instant {
    return this.table.instant(this.row);
  }
  get from(): string {
    return this.table.from(this.row);
  }
  get evidence(): string {
    return this.table.evidence(this.row);
  }
  get source(): SourceLocator | undefined {
    return this.table.source(this.row);
  }
  get origin(): Origin {
    return this.table.origin(this.row);
  }
}

/** A transfer read from its table's columns. */
class TransferView extends RecordView<TransferTable> implements Transfer {
  get to(): string {
    return this.table.to(this.row);
  }
  get amount(): Money {
    return { minor: this.table.minor(this.row)!, currency: this.table.currency(this.row) };
  }
  get amountText(): string {
    return this.table.amountText(this.row);
  }
  /** The currency as written (the same as `amount.currency`). */
  get currency(): string {
    return this.table.currency(this.row);
  }
  get channel(): TransferChannel {
    return this.table.channel(this.row);
  }
  get provider(): string | undefined {
    return this.table.provider(this.row);
  }
  get reference(): string | undefined {
    return this.table.reference(this.row);
  }
  get status(): TransferStatus {
    return this.table.status(this.row);
  }
  get notes(): string | undefined {
    return this.table.notes(this.row);
  }
  /** A plain object with the record's fields (what the fingerprint and JSON see). */
  toJSON(): Transfer {
    return plainTransfer(this);
  }
}

/**
 * A plain object of a transfer's fields, as a dossier loaded before the compact form
 * held them (the members the fingerprint hashes: `currency` included, `origin` too).
 */
export function plainTransfer(t: Transfer): Transfer & { readonly currency: string } {
  const at = t.at;
  return {
    id: t.id,
    at: plainInstant(at),
    from: t.from,
    to: t.to,
    amount: { minor: t.amount.minor, currency: t.amount.currency },
    currency: t.amount.currency,
    channel: t.channel,
    provider: t.provider,
    reference: t.reference,
    status: t.status,
    evidence: t.evidence,
    source: t.source,
    notes: t.notes,
    amountText: t.amountText,
    origin: t.origin,
  };
}

/* ------------------------------------------------------------------------------------ */
/* Exchanges                                                                             */

/** What an exchange row is made from. */
export interface ExchangeRow {
  readonly id: string;
  readonly at: Instant;
  readonly end?: Instant | undefined;
  readonly kind: string;
  readonly platform?: string | undefined;
  readonly from: string;
  readonly to: readonly string[];
  readonly summary?: string | undefined;
  readonly evidence: string;
  readonly source?: SourceLocator | undefined;
}

/** Marks a row whose `to` lists more than one account (in `toLists`). */
const MANY = -2;

/** The exchanges of a dossier, one row each, in the order they were read. */
export class ExchangeTable extends RecordTable<Exchange> {
  private readonly at = new InstantColumns();
  private readonly end = new InstantColumns();
  private readonly kindCol = i32();
  private readonly platformCol = i32();
  private readonly fromCol = i32();
  private readonly toCol = i32();
  private readonly toLists = new Map<number, readonly string[]>();
  private readonly evidenceCol = i32();
  /** Summaries repeat on a large log: pooled up to a bound, the others kept as they are. */
  private readonly summaries: (string | undefined)[] = [];
  private readonly shared = new SharedTexts();

  constructor() {
    super('exchanges');
  }

  /** A table of `exchanges` (the object model), e.g. to compare both forms in tests. */
  static of(exchanges: readonly Exchange[]): ExchangeTable {
    const table = new ExchangeTable();
    for (const [i, x] of exchanges.entries()) table.add(x, x.origin.file, listIndexOf(x.origin, i));
    return table.finish();
  }

  add(x: ExchangeRow, file: string, index: number): void {
    const row = this.begin(x.id, x.source, file, index);
    const { pool } = this;
    this.at.set(row, x.at);
    this.end.set(row, x.end);
    pool.setId(this.kindCol, row, x.kind);
    pool.setId(this.platformCol, row, x.platform);
    pool.setId(this.fromCol, row, x.from);
    if (x.to.length === 1) this.toCol.set(row, pool.id(x.to[0]));
    else {
      this.toCol.set(row, MANY);
      this.toLists.set(
        row,
        x.to.map((a) => pool.texts[pool.id(a)]!),
      );
    }
    pool.setId(this.evidenceCol, row, x.evidence);
    this.summaries.push(x.summary === undefined ? undefined : this.shared.get(x.summary));
  }

  protected rollbackRows(rows: number): void {
    this.at.rollback(rows);
    this.end.rollback(rows);
    deleteRowsFrom(this.toLists, rows);
    this.summaries.length = rows;
  }

  /** Drop spare capacity (and the summaries' pool): call once every row is in. */
  finish(): this {
    const n = this.length;
    this.trimBase();
    this.at.trim(n);
    this.end.trim(n);
    for (const c of [this.kindCol, this.platformCol, this.fromCol, this.toCol, this.evidenceCol])
      c.trim(n);
    this.shared.clear();
    return this;
  }

  epochMs(row: number): number {
    return this.at.epoch.data[row]!;
  }
  instant(row: number): Instant {
    return this.at.get(row)!;
  }
  /** End instant in epoch ms, NaN when none. */
  endMs(row: number): number {
    return this.end.epoch.data[row]!;
  }
  endInstant(row: number): Instant | undefined {
    return this.end.get(row);
  }
  kind(row: number): ExchangeKind {
    return this.pool.texts[this.kindCol.data[row]!] as ExchangeKind;
  }
  platform(row: number): string | undefined {
    return this.pool.text(this.platformCol.data[row]!);
  }
  from(row: number): string {
    return this.pool.texts[this.fromCol.data[row]!]!;
  }
  to(row: number): readonly string[] {
    const n = this.toCol.data[row]!;
    return n === MANY ? this.toLists.get(row)! : [this.pool.texts[n]!];
  }
  summary(row: number): string | undefined {
    return this.summaries[row];
  }
  evidence(row: number): string {
    return this.pool.texts[this.evidenceCol.data[row]!]!;
  }

  view(row: number): Exchange {
    return new ExchangeView(this, row);
  }
}

/** An exchange read from its table's columns. */
class ExchangeView extends RecordView<ExchangeTable> implements Exchange {
  get end(): Instant | undefined {
    return this.table.endInstant(this.row);
  }
  get kind(): ExchangeKind {
    return this.table.kind(this.row);
  }
  get platform(): string | undefined {
    return this.table.platform(this.row);
  }
  get to(): readonly string[] {
    return this.table.to(this.row);
  }
  get summary(): string | undefined {
    return this.table.summary(this.row);
  }
  toJSON(): Exchange {
    return plainExchange(this);
  }
}

/** A plain object of an exchange's fields (see plainTransfer). */
export function plainExchange(x: Exchange): Exchange {
  const at = x.at;
  const end = x.end;
  return {
    id: x.id,
    at: plainInstant(at),
    end: end && plainInstant(end),
    kind: x.kind,
    platform: x.platform,
    from: x.from,
    to: [...x.to],
    summary: x.summary,
    evidence: x.evidence,
    source: x.source,
    origin: x.origin,
  };
}

/** True for a record read from a table (a view); `toJSON()` gives its plain fields. */
export function isRecordView(value: unknown): value is { toJSON(): Transfer | Exchange } {
  return value instanceof TransferView || value instanceof ExchangeView;
}
