import { z } from 'zod';
import type { Finding } from '../diagnostics/diagnostic.js';
import { message } from '../diagnostics/messages.js';
import type { FileStream, LoadedFile } from '../load/load-dossier.js';
import { NumberLiteral } from '../load/core-scalars.js';
import type { Origin, PathSegment } from '../model/dossier.js';
import { ExchangeTable, TransferTable, ownText, type TableMark } from '../model/record-table.js';
import { taggedArray } from '../tagged-array.js';
import type {
  RecordListName,
  WrittenAccount,
  WrittenCase,
  WrittenCharge,
  WrittenExchange,
  WrittenExhibit,
  WrittenPerson,
  WrittenRate,
  WrittenTransfer,
} from '../schema/dossier.js';
import {
  CaseSchema,
  ExhibitFileSchema,
  PersonSchema,
  RECORD_LISTS,
  RECORD_LIST_NAMES,
} from '../schema/dossier.js';
import { relativePath } from '../schema/scalars.js';
import type { RecordTexts } from './fast-records.js';
import {
  AS_WRITTEN,
  fastAccount,
  fastCharge,
  fastExchange,
  fastExhibit,
  fastPerson,
  fastRate,
  fastTransfer,
  recordTexts,
} from './fast-records.js';
import { amountPrecision, transferAmount } from './rules/amount-precision.js';
import { RECORD_RULES } from './rules/index.js';
import { LOOSE } from './rules/references.js';
import type { RecordContext, RecordRule } from './rules/rule.js';
import { reporter } from './rules/rule.js';
import type { PartialRecord } from './partial-record.js';
import { checkPassedFields, passedFields } from './partial-record.js';
import { schemaFindings, yamlTypeName } from './schema-findings.js';
import { append } from '../append.js';
import { StringTable } from '../string-table.js';

const isMapping = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof NumberLiteral);

/** A record that passed its schema, with where it was written. */
export interface Written<T> {
  readonly data: T;
  readonly origin: Origin;
}

/** Record `index` of `list` in `file`; the path array is made only when asked for. */
export class RecordOrigin implements Origin {
  constructor(
    readonly file: string,
    readonly list: RecordListName,
    readonly index: number,
  ) {}

  get path(): readonly PathSegment[] {
    return [this.list, this.index];
  }
}

/**
 * A reference written in a record that failed its schema (a bad amount, a missing key):
 * the references rule still checks it, so that one run reports both problems.
 */
export interface LooseReference {
  readonly origin: RecordOrigin;
  /** Path in the record: `['evidence']`, `['to', 1]`, `['source', 'evidence']`. */
  readonly path: readonly PathSegment[];
  readonly id: string;
}

/** The references of `item` that are written as ids, but where the schema found a problem. */
function looseReferences(
  origin: RecordOrigin,
  item: Record<string, unknown>,
  issues: readonly z.core.$ZodIssue[],
  out: LooseReference[],
): void {
  const expected = LOOSE[origin.list];
  if (!expected) return;
  // The paths the schema found a problem at, but unknown keys (reported at the mapping
  // that holds them, they say nothing of its values); a reference at or under one of
  // them is not checked again. A set: a record may hold a list of thousands of ids.
  const problems = new Set<string>();
  for (const i of issues)
    if (i.code !== 'unrecognized_keys' && i.path.length <= 3) problems.add(i.path.join('\u0000'));
  const flagged = (path: readonly PathSegment[]) => {
    for (let k = 0; k <= path.length; k++)
      if (problems.has(path.slice(0, k).join('\u0000'))) return true;
    return false;
  };
  const add = (path: readonly PathSegment[], value: unknown) => {
    if (typeof value === 'string' && value !== '' && !flagged(path))
      out.push({ origin, path, id: value });
  };
  for (const key of Object.keys(expected)) {
    const value = item[key];
    if (key === 'source') {
      if (isMapping(value)) add(['source', 'evidence'], value.evidence);
    } else if (Array.isArray(value)) value.forEach((v, i) => add([key, i], v));
    else add([key], value);
  }
}

/**
 * A record of a list, which is its own origin: no origin object nor path array is held
 * for each of the hundreds of thousands of records of a large dossier.
 */
export class ListRecord<T> extends RecordOrigin implements Written<T> {
  constructor(
    readonly data: T,
    file: string,
    list: RecordListName,
    index: number,
  ) {
    super(file, list, index);
  }

  get origin(): Origin {
    return this;
  }
}

export type RecordKind = 'person' | 'account' | 'charge' | 'evidence' | 'transfer' | 'exchange';

/**
 * Every id written in the dossier (also of records that failed their schema): the
 * record's kind, a person's role, and where: record `index` of `list` in `file`. Flat,
 * one object per id: a large dossier has hundreds of thousands.
 */
export interface IdEntry {
  readonly kind: RecordKind;
  readonly role?: string;
  readonly file: string;
  readonly list: RecordListName;
  readonly index: number;
}

/**
 * Every id written in the dossier. Ids of persons, accounts, charges and exhibits (what
 * references name) are held as entries; those of transfers and exchanges, most of a large
 * dossier's ids, as a number, their entry made only when asked for.
 */
export class IdTable {
  /** Ids of persons, accounts, charges and exhibits. */
  readonly targets = new Map<string, IdEntry>();
  /**
   * Every id, numbered (a Map was ~5 % of a 100,000-record validate: see StringTable);
   * by that number, its entry, or for a transfer or exchange a slot number.
   */
  private readonly all = new StringTable();
  private readonly entries: (IdEntry | number)[] = [];
  private readonly files: string[] = [];
  private readonly recordFile: number[] = [];
  private readonly recordIndex: number[] = [];

  get(id: string): IdEntry | undefined {
    const n = this.all.get(id);
    return n < 0 ? undefined : this.entry(n);
  }

  /**
   * Add `id` as record `index` of `list` in `file` (an entry object is made for targets
   * only, not for the many transfers and exchanges), unless it is in the table already:
   * then its first entry is returned, and nothing added.
   */
  add(
    id: string,
    kind: RecordKind,
    role: string | undefined,
    file: string,
    list: RecordListName,
    index: number,
  ): IdEntry | undefined {
    const first = this.all.add(id);
    if (first >= 0) return this.entry(first);
    if (kind !== 'transfer' && kind !== 'exchange') {
      const entry: IdEntry = { kind, role, file, list, index };
      this.targets.set(id, entry);
      this.entries.push(entry);
      return undefined;
    }
    if (this.files[this.files.length - 1] !== file) this.files.push(file);
    const n = this.recordIndex.length;
    this.recordFile.push(this.files.length - 1);
    this.recordIndex.push(index);
    this.entries.push((n << 1) | (kind === 'exchange' ? 1 : 0));
    return undefined;
  }

  /** The entry of the id numbered `n`. */
  private entry(n: number): IdEntry {
    const found = this.entries[n]!;
    if (typeof found !== 'number') return found;
    const slot = found >> 1;
    const exchange = (found & 1) === 1;
    return {
      kind: exchange ? 'exchange' : 'transfer',
      file: this.files[this.recordFile[slot]!]!,
      list: exchange ? 'exchanges' : 'transfers',
      index: this.recordIndex[slot]!,
    };
  }
}

/** The case settings record rules need: time zone and reporting currency. */
interface CaseEnv {
  readonly timezone: string;
  readonly currency: string;
}

/** Used when the case block does not give a valid time zone or currency (an error is reported). */
const DEFAULT_ENV: CaseEnv = { timezone: 'Europe/Paris', currency: 'EUR' };

/**
 * The case time zone and reporting currency of a root file's parsed value, each taken
 * on its own (so that one bad field of the case does not hide the other).
 */
function caseEnv(rootValue: unknown): CaseEnv {
  const raw = isMapping(rootValue) && isMapping(rootValue.case) ? rootValue.case : {};
  const tz = CaseSchema.shape.timezone.safeParse(raw.timezone);
  const cur = CaseSchema.shape.currency.safeParse(raw.currency);
  return {
    timezone: tz.success ? tz.data : DEFAULT_ENV.timezone,
    currency: cur.success ? cur.data : DEFAULT_ENV.currency,
  };
}

/**
 * The records of each list that passed their schema, in the order written. Transfers
 * and exchanges, most of a large dossier, go into compact tables as they pass (no object
 * per record is kept): see src/model/record-table.ts.
 */
export interface Lists {
  readonly persons: ListRecord<WrittenPerson>[];
  readonly accounts: ListRecord<WrittenAccount>[];
  readonly charges: ListRecord<WrittenCharge>[];
  readonly evidence: ListRecord<WrittenExhibit>[];
  readonly transfers: TransferTable;
  readonly exchanges: ExchangeTable;
  readonly rates: ListRecord<WrittenRate>[];
}

/** The written form of a record of each list, as its schema gives it. */
export interface ListData {
  readonly persons: WrittenPerson;
  readonly accounts: WrittenAccount;
  readonly charges: WrittenCharge;
  readonly evidence: WrittenExhibit;
  readonly transfers: WrittenTransfer;
  readonly exchanges: WrittenExchange;
  readonly rates: WrittenRate;
}

/** The records of each list that failed their schema, with the fields that passed theirs. */
export type PartialLists = {
  readonly [L in keyof ListData]: PartialRecord<ListData[L]>[];
};

/** The case block when it failed its schema: the fields that passed theirs (see PartialRecord). */
export interface PartialCase {
  readonly origin: Origin;
  readonly data: Partial<WrittenCase>;
}

/** The dossier after the schema step: records that passed, in dossier order. */
export type Draft = Lists & {
  readonly case?: Written<WrittenCase>;
  readonly ids: IdTable;
  /** Case time zone and reporting currency (defaults when the case block is invalid). */
  readonly timezone: string;
  readonly currency: string;
  readonly rootFile: string;
  /** References in records that failed their schema (checked by the references rule). */
  readonly looseReferences: readonly LooseReference[];
  /**
   * Records that failed their schema, with the fields that passed theirs: the record-level
   * checks of cross-record rules (missing-rate, victim-identity...) run on them too.
   */
  readonly partial: PartialLists;
  /**
   * The case block when it failed its schema (`case` is then undefined), with the fields
   * that passed theirs: the rules that read the case (jurisdiction, victim-identity) run
   * on those, so that a bad time zone does not hide a referral that disagrees with the
   * charges.
   */
  readonly partialCase?: PartialCase;
  /**
   * Ids of accounts written outside the files read (CheckOptions.accountsElsewhere: the
   * parts of an import's OUT not read in this check): a reference to one of them names an
   * account. Consulted only for an id the files do not hold.
   */
  readonly accountsElsewhere?: ReadonlySet<string>;
};

const KIND_OF_LIST: Record<RecordListName, RecordKind | undefined> = {
  persons: 'person',
  accounts: 'account',
  charges: 'charge',
  evidence: 'evidence',
  transfers: 'transfer',
  exchanges: 'exchange',
  rates: undefined,
};

const listShape = Object.fromEntries(
  RECORD_LIST_NAMES.map((n) => [n, z.array(z.unknown()).optional()]),
) as Record<RecordListName, z.ZodOptional<z.ZodArray<z.ZodUnknown>>>;

/** Top level of the root file, lists checked only as lists (items are checked one by one). */
const RootHeader = z.strictObject({
  // A number first, so that `"1"` (a string) is invalid-type, and `2` invalid-value.
  courtfile: z.number().pipe(z.literal(1)),
  case: z.unknown(),
  include: z.array(relativePath('include')).optional(),
  ...listShape,
});
const IncludedHeader = z.strictObject(listShape);

const PERSON_ROLES: ReadonlySet<string> = new Set(PersonSchema.shape.role.options);

type FastPath = (item: Record<string, unknown>, reuse: boolean, texts: RecordTexts) => unknown;

/** Hand-written equivalents of the schema for the big lists (see fast-records.ts). */
const FAST_PATH: Partial<Record<RecordListName, FastPath>> = {
  persons: fastPerson,
  accounts: fastAccount,
  charges: fastCharge,
  evidence: fastExhibit,
  transfers: fastTransfer,
  exchanges: fastExchange,
  rates: fastRate,
};

const emptyLists = (): Lists => ({
  persons: [],
  accounts: [],
  charges: [],
  evidence: [],
  transfers: new TransferTable(),
  exchanges: new ExchangeTable(),
  rates: [],
});

/** Check the shape of every file and record; collect the records that pass. */
export function buildDraft(files: readonly LoadedFile[], findings: Finding[]): Draft {
  const reader = new DraftReader(findings);
  for (const file of files) reader.read(file);
  return reader.finish();
}

/**
 * The draft built one file at a time, as files are loaded (root first, then includes in
 * include order: the first of two equal ids is kept), so that a file's parsed value can
 * be dropped as soon as it is read: a large dossier's parse trees are never all held.
 */
export class DraftReader {
  private readonly into: Into;
  private env: CaseEnv = DEFAULT_ENV;
  private ctx: RecordContext;
  private caseBlock: Written<WrittenCase> | undefined;
  private rootFile = '';

  constructor(findings: Finding[]) {
    this.into = {
      lists: emptyLists(),
      ids: new IdTable(),
      findings,
      texts: recordTexts(),
      loose: [],
      partial: {
        persons: [],
        accounts: [],
        charges: [],
        evidence: [],
        transfers: [],
        exchanges: [],
        rates: [],
      },
    };
    this.ctx = { ...this.env, report: reporter(findings) };
  }

  /** Check one loaded file (the root, when there is one, must come first). */
  read(file: LoadedFile): void {
    if (file.isRoot) {
      this.env = caseEnv(file.value);
      this.ctx = { ...this.env, report: this.ctx.report };
      this.rootFile = file.source.name;
    }
    const streamed = this.streamed?.file === file.source.name ? this.streamed : undefined;
    this.streamed = undefined;
    this.caseBlock =
      readFile(file, this.into, this.ctx, streamed?.abandoned ? undefined : streamed) ??
      this.caseBlock;
  }

  /** The included file being streamed, until it is read. */
  private streamed: StreamedFile | undefined;

  /**
   * A stream for the transfers and exchanges of included file `name` (not the root,
   * whose case block the record rules need first): each record is checked as the
   * plain-block reader reads it, as readList would check it, so that a large file's
   * records are never all held as objects; their ids are registered when the file is
   * read (read), in the order readList registers them. If the reader gives up after
   * taking records, `abandon` undoes what they did (rows, findings, records kept aside),
   * and the file is read from js-yaml's value as any other.
   */
  streamFor(name: string): FileStream {
    // An included file's name is a slice of the root's text: the rows keep their own copy
    // (as LoadedFile.source.name is), not one that keeps that whole text alive.
    const streamed: StreamedFile = { file: ownText(name), ids: {}, abandoned: false };
    this.streamed = streamed;
    return new RecordStream(streamed, this.into, this.ctx);
  }

  /** Transfers and exchanges read so far. */
  get records(): number {
    return this.into.lists.transfers.length + this.into.lists.exchanges.length;
  }

  finish(): Draft {
    const { lists } = this.into;
    lists.transfers.finish();
    lists.exchanges.finish();
    return {
      ...lists,
      case: this.caseBlock,
      ...this.env,
      ids: this.into.ids,
      rootFile: this.rootFile,
      looseReferences: this.into.loose,
      partial: this.into.partial,
      ...(this.into.partialCase ? { partialCase: this.into.partialCase } : {}),
    };
  }
}

/** Ids of streamed records and their list indices, side by side (no pair per record). */
interface StreamedIds {
  readonly texts: string[];
  readonly indices: number[];
}

/**
 * The stream of one included file's transfers and exchanges (DraftReader.streamFor). A
 * class, not an object of closures: the reader's calls to `streams` and `list` then meet
 * the same functions in every file, and its optimised code is not thrown away (and
 * compiled again) at each new file. Each list's items go to its ListReading, asked for
 * once per list (not a dispatch per item, which the reader's loop inlined: its code,
 * optimised on transfers, was thrown away at the first exchange of a file and at the
 * first record of each new file).
 */
class RecordStream implements FileStream {
  private readonly mark: {
    readonly findings: number;
    readonly loose: number;
    readonly partialTransfers: number;
    readonly partialExchanges: number;
    readonly transfers: TableMark;
    readonly exchanges: TableMark;
  };
  private transfers: ListReading | undefined;
  private exchanges: ListReading | undefined;

  constructor(
    private readonly streamed: StreamedFile,
    private readonly into: Into,
    private readonly ctx: RecordContext,
  ) {
    const { lists, partial } = into;
    this.mark = {
      findings: into.findings.length,
      loose: into.loose.length,
      partialTransfers: partial.transfers.length,
      partialExchanges: partial.exchanges.length,
      transfers: lists.transfers.mark(),
      exchanges: lists.exchanges.mark(),
    };
  }

  streams(key: string): boolean {
    return key === 'transfers' || key === 'exchanges';
  }

  list(key: string): ListReading {
    return key === 'transfers'
      ? (this.transfers ??= this.reading('transfers'))
      : (this.exchanges ??= this.reading('exchanges'));
  }

  private reading(list: 'transfers' | 'exchanges'): ListReading {
    const ids: StreamedIds = { texts: taggedArray(), indices: [] };
    this.streamed.ids[list] = ids;
    return new ListReading(this.streamed.file, list, this.into, this.ctx, true, ids);
  }

  abandon(): void {
    const { streamed, into, mark } = this;
    const { lists, partial } = into;
    streamed.abandoned = true;
    streamed.ids = {};
    into.findings.length = mark.findings;
    into.loose.length = mark.loose;
    partial.transfers.length = mark.partialTransfers;
    partial.exchanges.length = mark.partialExchanges;
    lists.transfers.rollback(mark.transfers);
    lists.exchanges.rollback(mark.exchanges);
  }
}

/** An included file whose transfers and exchanges were streamed (DraftReader.streamFor). */
interface StreamedFile {
  readonly file: string;
  /** The ids of the streamed records with their list index, by list, in order. */
  ids: Partial<Record<RecordListName, StreamedIds>>;
  /** The reader gave up: the file's lists are in its value, read as usual. */
  abandoned: boolean;
}

/** Where records, ids and findings go as files are read. */
interface Into {
  readonly lists: Lists;
  /** How records taken over in place keep their texts (see fastTransfer). */
  readonly texts: RecordTexts;
  readonly ids: IdTable;
  readonly findings: Finding[];
  readonly loose: LooseReference[];
  readonly partial: PartialLists;
  /** The root's case block, when it failed its schema. */
  partialCase?: PartialCase;
}

const NO_ITEMS: readonly unknown[] = [];

/**
 * The file's top level as the header schemas need to see it: its record lists are only
 * checked to be lists there (their items are checked one by one, by readList), so a list
 * that is an array is shown empty, and zod does not walk (and copy) every item of a
 * 20,000-record file. Anything else, and the keys and their order, stay as written.
 */
function listsAsEmpty(value: Record<string, unknown>): Record<string, unknown> {
  let view: Record<string, unknown> | undefined;
  for (const list of RECORD_LIST_NAMES) {
    const items = value[list];
    if (Array.isArray(items) && items.length > 0 && Object.hasOwn(value, list)) {
      view ??= { ...value };
      view[list] = NO_ITEMS;
    }
  }
  return view ?? value;
}

/** Check the shape of one file and each of its records; returns the root's case block. */
function readFile(
  file: LoadedFile,
  into: Into,
  ctx: RecordContext,
  streamed?: StreamedFile,
): Written<WrittenCase> | undefined {
  const { findings } = into;
  const name = file.source.name;
  if (file.value === undefined) return undefined; // syntax error, already reported
  if (!isMapping(file.value)) {
    if (file.isRoot) {
      findings.push({
        code: 'invalid-type',
        severity: 'error',
        file: name,
        path: [],
        anchor: 'value',
        message: message('invalid-type', {
          detail: `a dossier file must be a mapping with courtfile, case and record lists; found ${yamlTypeName(file.value)}`,
        }),
      });
    }
    // An included file that is not a mapping is an `include` error, already reported.
    return undefined;
  }
  const headerSchema = file.isRoot ? RootHeader : IncludedHeader;
  const header = safeParseWithLongLists(headerSchema, listsAsEmpty(file.value));
  if (!header.success) {
    const issues = header.issues.filter(
      (i) => !(i.code === 'unrecognized_keys' && !file.isRoot && onlyInclude(i.keys)),
    );
    append(findings, schemaFindings(issues, file.value, name, [], headerSchema));
  }
  const caseBlock = file.isRoot ? readCase(file.value, name, into) : undefined;
  for (const list of RECORD_LIST_NAMES) {
    // A streamed list's records were checked as they were read (its array is empty);
    // their ids are registered here, in the lists' order, as readList registers them.
    const ids = streamed?.ids[list];
    if (ids) {
      const kind = list === 'exchanges' ? 'exchange' : 'transfer';
      const { texts, indices } = ids;
      for (let k = 0; k < texts.length; k++)
        registerId(into, texts[k]!, kind, undefined, name, list, indices[k]!);
    }
    const items = file.value[list];
    if (Array.isArray(items)) readList(name, list, items, into, ctx, file.unshared === true);
  }
  return caseBlock;
}

function onlyInclude(keys: readonly string[]): boolean {
  return keys.length === 1 && keys[0] === 'include'; // reported as an `include` error
}

/**
 * The root's case block when it passes its schema; when it fails, the fields that passed
 * theirs go to `into.partialCase` (unknown keys left out), as readPartial does for records.
 */
function readCase(
  root: Record<string, unknown>,
  file: string,
  into: Into,
): Written<WrittenCase> | undefined {
  if (!('case' in root)) return undefined; // `required` reported by the header
  const parsed = parseRecord(CaseSchema, root.case);
  append(into.findings, schemaFindings(parsed.issues, root.case, file, ['case'], CaseSchema));
  const origin = { file, path: ['case'] };
  if (parsed.data !== undefined) return { data: parsed.data, origin };
  if (isMapping(root.case))
    into.partialCase = { origin, data: fieldsThatPassed(CaseSchema, root.case, parsed.issues) };
  return undefined;
}

function readList(
  file: string,
  list: RecordListName,
  items: readonly unknown[],
  into: Into,
  ctx: RecordContext,
  reuse: boolean,
): void {
  const reading = new ListReading(file, list, into, ctx, reuse);
  for (let i = 0; i < items.length; i++) reading.item(i, items[i]);
}

/** The records of one list of one file, checked one by one (readList, or as streamed). */
class ListReading {
  private readonly schema: z.ZodType<unknown>;
  private readonly rules: readonly RecordRule<unknown>[];
  private readonly fast: FastPath | undefined;
  private readonly kind: RecordKind | undefined;
  private readonly table: boolean;
  /** The tables pool and copy the texts they keep themselves. */
  private readonly texts: RecordTexts;
  private readonly written: ListRecord<unknown>[];

  constructor(
    private readonly file: string,
    private readonly list: RecordListName,
    private readonly into: Into,
    private readonly ctx: RecordContext,
    private readonly reuse: boolean,
    /** Streamed: the ids of the records, registered once the file is read (see readFile). */
    private readonly ids?: StreamedIds,
  ) {
    this.schema = RECORD_LISTS[list] as z.ZodType<unknown>;
    this.rules = RECORD_RULES[list] as readonly RecordRule<unknown>[];
    this.fast = FAST_PATH[list];
    this.kind = KIND_OF_LIST[list];
    this.table = list === 'transfers' || list === 'exchanges';
    this.texts = this.table ? AS_WRITTEN : into.texts;
    this.written = this.table ? [] : (into.lists[list] as ListRecord<unknown>[]);
  }

  /** Check record `i` of the list. */
  item(i: number, item: unknown): void {
    const { file, list, into, ctx, reuse, table, kind, rules } = this;
    const { findings } = into;
    if (kind && isMapping(item) && typeof item.id === 'string') {
      let id: string = item.id;
      // An id of its own, not a slice of the file's text (the id table and the record's
      // table keep it).
      if (table && reuse) item.id = id = ownText(id);
      if (this.ids) {
        this.ids.texts.push(id);
        this.ids.indices.push(i);
      } else {
        const role =
          kind === 'person' && typeof item.role === 'string' && PERSON_ROLES.has(item.role)
            ? item.role
            : undefined;
        registerId(into, id, kind, role, file, list, i);
      }
    }
    let data: unknown =
      this.fast && isMapping(item) ? this.fast(item, reuse, this.texts) : undefined;
    if (data === undefined) {
      const { schema } = this;
      const parsed = parseRecord(schema, item);
      if (parsed.issues.length > 0)
        append(findings, schemaFindings(parsed.issues, item, file, [list, i], schema));
      if (parsed.data === undefined) {
        if (isMapping(item)) {
          const origin = new RecordOrigin(file, list, i);
          looseReferences(origin, item, parsed.issues, into.loose);
          readPartial(list, item, parsed.issues, origin, into, ctx);
        } else if (list === 'charges') {
          // A charge that is not even a mapping: nothing of it passed, its nature unknown
          // (jurisdiction must not say that every charge is a délit).
          into.partial.charges.push({ origin: new RecordOrigin(file, list, i), data: {} });
        }
        return;
      }
      data = parsed.data;
    }
    if (list === 'transfers') {
      const t = data as WrittenTransfer;
      const origin = new RecordOrigin(file, list, i);
      // amountPrecision's check, keeping the exact amount it computes for the table.
      const { text, minor } = transferAmount(t, origin, ctx);
      for (const rule of rules) if (rule !== amountPrecision) rule.check(data, origin, ctx);
      into.lists.transfers.add(t, text, minor, file, i);
    } else if (list === 'exchanges') {
      for (const rule of rules) rule.check(data, new RecordOrigin(file, list, i), ctx);
      into.lists.exchanges.add(data as WrittenExchange, file, i);
    } else {
      const record = new ListRecord(data, file, list, i);
      for (const rule of rules) rule.check(data, record, ctx);
      this.written.push(record);
    }
  }
}

/**
 * A record that failed its schema: each of its fields is parsed alone (unknown keys, already
 * reported, left out at every level), and the record rules whose fields all passed run on
 * them, so that one run reports all of the record's problems. The record is kept aside
 * (draft.partial) for the cross-record rules' checks of one record; it enters neither the
 * lists nor the tables.
 */
function readPartial(
  list: RecordListName,
  item: Record<string, unknown>,
  issues: readonly z.core.$ZodIssue[],
  origin: RecordOrigin,
  into: Into,
  ctx: RecordContext,
): void {
  const data = fieldsThatPassed(RECORD_LISTS[list] as unknown as z.ZodObject, item, issues);
  if (list === 'evidence' && !('files' in data)) {
    const paths = filePathsThatPassed(item.files);
    if (paths) data.files = paths;
  }
  const rules = RECORD_RULES[list] as readonly RecordRule<unknown>[];
  checkPassedFields(rules, data, origin, ctx);
  (into.partial[list] as PartialRecord<unknown>[]).push({ origin, data });
}

/**
 * The files of an exhibit whose `files` failed its schema (a digest one digit short):
 * each file whose `path` passes its own schema, as `{path}` at its index, the others holes
 * (a sparse array: forEach and the rules skip them). So the paths are checked in the same
 * run (`path-outside`), not only once the digest is mended. Undefined if none passes.
 */
function filePathsThatPassed(files: unknown): { path: string }[] | undefined {
  if (!Array.isArray(files)) return undefined;
  const out: { path: string }[] = [];
  let any = false;
  files.forEach((file: unknown, i) => {
    if (file === null || typeof file !== 'object' || Array.isArray(file)) return;
    const parsed = ExhibitFileSchema.shape.path.safeParse((file as { path?: unknown }).path);
    if (!parsed.success) return;
    out[i] = { path: parsed.data };
    any = true;
  });
  return any ? out : undefined;
}

/**
 * The fields of a mapping that failed `schema` which pass their own schema, each parsed
 * alone; unknown keys (already reported) left out at every level.
 */
function fieldsThatPassed(
  schema: z.ZodObject,
  item: Record<string, unknown>,
  issues: readonly z.core.$ZodIssue[],
): Record<string, unknown> {
  const unknownKeys = issues.filter(
    (i): i is z.core.$ZodIssueUnrecognizedKeys => i.code === 'unrecognized_keys',
  );
  const written = unknownKeys.length > 0 ? withoutKeys(item, unknownKeys) : item;
  return passedFields(schema, written as Record<string, unknown>);
}

/**
 * Check a record against its schema. A record whose only problems are unknown keys is
 * checked again without them, and passes: its unknown keys are reported, and so are
 * the problems the rules find in the rest of it (a typo in one key must not hide a bad
 * reference in the same record until it is fixed).
 */
function parseRecord<T>(
  schema: z.ZodType<T>,
  item: unknown,
): { data?: T; issues: readonly z.core.$ZodIssue[] } {
  const parsed = safeParseWithLongLists(schema, item);
  if (parsed.success) return { data: parsed.data, issues: [] };
  const { issues } = parsed;
  if (!issues.every((i) => i.code === 'unrecognized_keys')) return { issues };
  const again = safeParseWithLongLists(schema, withoutKeys(item, issues));
  return again.success ? { data: again.data, issues } : { issues };
}

/** Lists longer than this are checked apart from their mapping first (safeParseWithLongLists). */
const LONG_LIST = 1000;

type Parsed<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly issues: z.core.$ZodIssue[] };

/**
 * `schema.safeParse(value)` for an object schema whose lists may be very long. zod hands
 * the problems of a mapping's field on to the mapping's as the arguments of one call, one
 * or more per bad item of a list: 150,000 overflowed the stack (an audit: a person's
 * `aliases` of 200,000 integers was an internal error, exit 2, every finding lost). A
 * list of more than LONG_LIST items is checked first on its own, with its field's schema
 * (whose items' problems are handed on one item at a time). When every such list passes,
 * the mapping is checked whole, as usual (few problems are left to hand on); otherwise
 * with each failing list's first item in its place, and the lists' own problems put
 * under their keys: the same problems, at the same paths, whatever a list's length.
 */
function safeParseWithLongLists<T>(schema: z.ZodType<T>, value: unknown): Parsed<T> {
  const whole = (v: unknown): Parsed<T> => {
    const r = schema.safeParse(v);
    return r.success ? { success: true, data: r.data } : { success: false, issues: r.error.issues };
  };
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  if (shape === undefined || !isMapping(value)) return whole(value);
  let failed: Map<string, z.core.$ZodIssue[]> | undefined;
  for (const [key, items] of Object.entries(value)) {
    const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (!Array.isArray(items) || items.length <= LONG_LIST || field === undefined) continue;
    const r = field.safeParse(items);
    if (!r.success) (failed ??= new Map()).set(key, r.error.issues);
  }
  if (failed === undefined) return whole(value);
  const view: Record<string, unknown> = { ...value };
  for (const key of failed.keys()) view[key] = (value[key] as unknown[]).slice(0, 1);
  const rest = schema.safeParse(view);
  const issues = rest.success
    ? []
    : rest.error.issues.filter((i) => !failed.has(i.path[0] as string));
  for (const [key, own] of failed)
    for (const issue of own) issues.push({ ...issue, path: [key, ...issue.path] });
  return { success: false, issues };
}

/** A copy of `value` without the keys of `issues` (copied only along their paths). */
function withoutKeys(value: unknown, issues: readonly z.core.$ZodIssueUnrecognizedKeys[]): unknown {
  // The keys to drop, by the path of the mapping that holds them.
  const drop = new Map<string, { path: readonly PathSegment[]; keys: Set<string> }>();
  for (const issue of issues) {
    const path = issue.path as readonly PathSegment[];
    const id = JSON.stringify(path);
    const entry = drop.get(id) ?? { path, keys: new Set<string>() };
    for (const k of issue.keys) entry.keys.add(k);
    drop.set(id, entry);
  }
  // Paths of the mappings and lists that hold one of those mappings.
  const above = new Set<string>();
  for (const { path } of drop.values())
    for (let n = 0; n < path.length; n++) above.add(JSON.stringify(path.slice(0, n)));
  const copy = (v: unknown, under: string): unknown => {
    if (!isObject(v)) return v;
    const here = drop.get(under);
    const deeper = above.has(under);
    if (!here && !deeper) return v;
    if (Array.isArray(v)) return deeper ? v.map((item, i) => copy(item, childId(under, i))) : v;
    const out: Record<string, unknown> = {};
    for (const [k, child] of Object.entries(v)) {
      if (here?.keys.has(k)) continue;
      out[k] = deeper ? copy(child, childId(under, k)) : child;
    }
    return out;
  };
  return copy(value, '[]');
}

/** The JSON path id of a child of the mapping or list whose path id is `parent`. */
function childId(parent: string, seg: PathSegment): string {
  return `${parent.slice(0, -1)}${parent === '[]' ? '' : ','}${JSON.stringify(seg)}]`;
}

const isObject = (v: unknown): v is object => v !== null && typeof v === 'object';

function registerId(
  into: Into,
  id: string,
  kind: RecordKind,
  role: string | undefined,
  file: string,
  list: RecordListName,
  index: number,
): void {
  const first = into.ids.add(id, kind, role, file, list, index);
  if (first) {
    into.findings.push({
      code: 'duplicate-id',
      severity: 'error',
      file,
      path: [list, index, 'id'],
      anchor: 'value',
      message: message('duplicate-id', {
        id,
        first: `the ${first.kind} at ${first.list}.${first.index} in ${first.file}`,
      }),
    });
  }
}
