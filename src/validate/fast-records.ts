import { isCurrency } from '../facts/currencies.js';
import { isCalendarDate, parseInstant } from '../facts/time.js';
import { NumberLiteral } from '../load/core-scalars.js';
import { isCountryCode } from '../schema/countries.js';
import type {
  WrittenAccount,
  WrittenCharge,
  WrittenExchange,
  WrittenExhibit,
  WrittenPerson,
  WrittenRate,
  WrittenTransfer,
} from '../schema/dossier.js';
import {
  AccountSchema,
  ChargeSchema,
  CustodyEventSchema,
  ExchangeSchema,
  ExhibitFileSchema,
  ExhibitSchema,
  PersonSchema,
  RateSchema,
  TransferSchema,
} from '../schema/dossier.js';
import {
  COUNTRY_PATTERN,
  CURRENCY_PATTERN,
  SHA256_PATTERN,
  isBirth,
  isDecimalShort,
  isDecimalWritten,
  isPositiveDecimal,
  MAX_TEXT_LENGTH,
  pathFormProblem,
} from '../schema/scalars.js';

/**
 * A fast path for the record types a large dossier is made of (transfers, exchanges, and
 * the accounts of their parties: an import can add thousands; its persons and exhibits,
 * hundreds, which zod checks at ~30 µs each before it warms up). Each function
 * returns exactly what `TransferSchema.parse` / `ExchangeSchema.parse` would return
 * for a record that passes, built with the same predicates; for anything unusual it
 * returns undefined and the caller runs the zod schema, which stays the reference
 * (and the only source of messages). It saves the zod pass and its garbage on the
 * hundreds of thousands of records of a large dossier. A property test checks that
 * whatever it accepts, zod accepts with a strictly equal result.
 */

const TRANSFER_KEYS: ReadonlySet<string> = new Set(Object.keys(TransferSchema.shape));
const EXCHANGE_KEYS: ReadonlySet<string> = new Set(Object.keys(ExchangeSchema.shape));
const CHANNELS: ReadonlySet<unknown> = new Set(TransferSchema.shape.channel.options);
const STATUSES: ReadonlySet<unknown> = new Set(
  TransferSchema.shape.status.unwrap().options as readonly string[],
);
const EXCHANGE_KINDS: ReadonlySet<unknown> = new Set(ExchangeSchema.shape.kind.options);
const ACCOUNT_KEYS: ReadonlySet<string> = new Set(Object.keys(AccountSchema.shape));
const ACCOUNT_KINDS: ReadonlySet<unknown> = new Set(AccountSchema.shape.kind.options);
const PERSON_KEYS: ReadonlySet<string> = new Set(Object.keys(PersonSchema.shape));
const PERSON_ROLES: ReadonlySet<unknown> = new Set(PersonSchema.shape.role.options);
const EXHIBIT_KEYS: ReadonlySet<string> = new Set(Object.keys(ExhibitSchema.shape));
const EXHIBIT_KINDS: ReadonlySet<unknown> = new Set(ExhibitSchema.shape.kind.options);
const FILE_KEYS: ReadonlySet<string> = new Set(Object.keys(ExhibitFileSchema.shape));
const CUSTODY_KEYS: ReadonlySet<string> = new Set(Object.keys(CustodyEventSchema.shape));
const CUSTODY_ACTIONS: ReadonlySet<unknown> = new Set(CustodyEventSchema.shape.action.options);
const CHARGE_KEYS: ReadonlySet<string> = new Set(Object.keys(ChargeSchema.shape));
const CHARGE_NATURES: ReadonlySet<unknown> = new Set(ChargeSchema.shape.nature.options);
const PERIOD_KEYS: ReadonlySet<string> = new Set(Object.keys(ChargeSchema.shape.period.shape));
const RATE_KEYS: ReadonlySet<string> = new Set(Object.keys(RateSchema.shape));

const isText = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= MAX_TEXT_LENGTH;
const isOptionalText = (v: unknown): v is string | undefined => v === undefined || isText(v);
/** Characters of an id (ID_PATTERN): 2 for a letter, 1 for a digit, "_", "." or "-". */
const ID_CHARS = (() => {
  const chars = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    const ch = String.fromCharCode(c);
    if (/[A-Za-z]/.test(ch)) chars[c] = 2;
    else if (/[0-9_.-]/.test(ch)) chars[c] = 1;
  }
  return chars;
})();

/** ID_PATTERN.test, without a regular expression (~1.5x faster on the hot path, 10^5 ids). */
export const isId = (v: unknown): v is string => {
  if (typeof v !== 'string' || v.length === 0 || v.length > 64) return false;
  const first = v.charCodeAt(0);
  if (first >= 128 || ID_CHARS[first] !== 2) return false;
  for (let i = 1; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 128 || ID_CHARS[c] === 0) return false;
  }
  return true;
};
/** A key that is absent, or written with a value that `valid` takes (undefined is left to zod). */
const absentOr = (item: object, key: string, value: unknown, valid: (v: unknown) => boolean) =>
  !(key in item) || valid(value);
const isCountry = (v: unknown): boolean =>
  typeof v === 'string' && COUNTRY_PATTERN.test(v) && isCountryCode(v);
const isDate = (v: unknown): v is string => typeof v === 'string' && isCalendarDate(v);
/** A list whose every item is a mapping (the fast paths of nested records read them). */
const isMappingList = (v: unknown): v is Record<string, unknown>[] =>
  Array.isArray(v) && v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x));

const isCurrencyCode = (v: unknown): v is string =>
  typeof v === 'string' && CURRENCY_PATTERN.test(v) && isCurrency(v);
/** A `reference` (an id a record names): any text that is not empty. */
const isReference = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/**
 * A `decimal` field's value as the schema gives it when it passes: a number, a string, or
 * the text of an unquoted decimal a double cannot hold; undefined when it does not pass.
 */
function fastDecimal(written: unknown): number | string | undefined {
  let value: number | string;
  if (typeof written === 'number' || typeof written === 'string') value = written;
  // An unquoted decimal a double cannot hold (rare): its text, as the schema takes it.
  else if (written instanceof NumberLiteral && written.form === 'inexact') value = written.text;
  else return undefined;
  return isDecimalWritten(value) && isDecimalShort(value) && isPositiveDecimal(value)
    ? value
    : undefined;
}

const isSourceKey = (k: string): boolean => k === 'evidence' || k === 'locator';

/** A valid `source: {evidence, locator}` (copied, as zod builds it), undefined if absent, false if not valid. */
function fastSource(v: unknown): { evidence: string; locator: string } | undefined | false {
  if (v === undefined) return undefined;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  if (!Object.keys(o).every(isSourceKey) || !isText(o.evidence) || !isText(o.locator)) return false;
  return { evidence: o.evidence, locator: o.locator };
}

function onlyKeys(item: object, allowed: ReadonlySet<string>): boolean {
  // for-in: no array of keys per record. It also lists inherited enumerable keys, which a
  // parsed mapping has none of (any would send the record to zod, never wrongly pass it).
  for (const key in item) if (!allowed.has(key)) return false;
  return true;
}

/**
 * `reuse`: `item` is not shared with any other place of the parsed file (no alias) and
 * is not read again: it becomes the record itself (completed in place) rather than being
 * copied, which saves an object per record. Its keys may then come in another order, and
 * its texts that repeat across records (accounts, currency, provider...) are replaced by
 * `texts.shared(text)`, one string for all equal ones, instead of one copy per record.
 */
/** How a record taken over in place keeps its texts. */
export interface RecordTexts {
  /** One string for equal texts that repeat across records, instead of one per record. */
  shared(text: string): string;
  /** A string of its own, which does not keep the whole text of the file alive. */
  own(text: string): string;
}

export const AS_WRITTEN: RecordTexts = { shared: (text) => text, own: (text) => text };

/**
 * A string equal to `text` that is not a slice of a larger one. V8 makes a substring of
 * 13 characters or more (what a parser cuts out of a file's text) a view of its parent,
 * which then stays in memory as long as the substring does: a large dossier's records
 * would keep every file's text alive. Shorter substrings are copies already.
 */
const NUL = /\0/;

function ownCopy(text: string): string {
  if (text.length < 13) return text;
  const copy = (text[0] ?? '') + text.slice(1);
  // A regular expression needs a flat subject: the concatenation becomes a new sequential
  // string (indexOf, tried first, left many concatenations holding the slice).
  NUL.test(copy);
  return copy;
}

/**
 * RecordTexts for one dossier: equal texts shared up to `max` distinct ones (accounts,
 * currencies, providers and exhibits repeat across the records of a large dossier), and
 * every kept text a copy of its own.
 */
export function recordTexts(max = 100_000): RecordTexts {
  const known = new Map<string, string>();
  return {
    shared(text) {
      const first = known.get(text);
      if (first !== undefined) return first;
      const copy = ownCopy(text);
      if (known.size < max) known.set(copy, copy);
      return copy;
    },
    own: ownCopy,
  };
}

export function fastTransfer(
  item: Record<string, unknown>,
  reuse = false,
  texts: RecordTexts = AS_WRITTEN,
): WrittenTransfer | undefined {
  if (!onlyKeys(item, TRANSFER_KEYS)) return undefined;
  const { id, from, to, currency, channel, provider, reference, evidence, notes } = item;
  const written = item.amount;
  const amount = fastDecimal(written);
  if (amount === undefined) return undefined;
  const status = item.status === undefined ? 'completed' : item.status;
  const source = fastSource(item.source);
  if (
    source === false ||
    !isId(id) ||
    typeof item.at !== 'string' ||
    !isText(from) ||
    !isText(to) ||
    !isCurrencyCode(currency) ||
    !CHANNELS.has(channel) ||
    !isOptionalText(provider) ||
    !isOptionalText(reference) ||
    !STATUSES.has(status) ||
    !isText(evidence) ||
    !isOptionalText(notes)
  )
    return undefined;
  const at = parseInstant(reuse ? texts.own(item.at) : item.at);
  if (!at) return undefined;
  if (reuse) {
    if (reference !== undefined) item.reference = texts.own(reference);
    if (amount !== written) item.amount = amount;
    item.at = at;
    item.from = texts.shared(from);
    item.to = texts.shared(to);
    item.currency = texts.shared(currency);
    item.channel = texts.shared(channel as string);
    if (provider !== undefined) item.provider = texts.shared(provider);
    item.status = texts.shared(status as string);
    item.evidence = texts.shared(evidence);
    if (notes !== undefined) item.notes = texts.shared(notes);
    return item as unknown as WrittenTransfer;
  }
  // Keys in the schema's order, optional ones only when written: as zod builds it.
  const out: Record<string, unknown> = { id, at, from, to, amount, currency, channel };
  if (provider !== undefined) out.provider = provider;
  if (reference !== undefined) out.reference = reference;
  out.status = status;
  out.evidence = evidence;
  if (source !== undefined) out.source = source;
  if (notes !== undefined) out.notes = notes;
  return out as WrittenTransfer;
}

/** As fastTransfer. */
export function fastExchange(
  item: Record<string, unknown>,
  reuse = false,
  texts: RecordTexts = AS_WRITTEN,
): WrittenExchange | undefined {
  if (!onlyKeys(item, EXCHANGE_KEYS)) return undefined;
  const { id, kind, platform, from, to, summary, evidence } = item;
  const source = fastSource(item.source);
  if (
    source === false ||
    !isId(id) ||
    typeof item.at !== 'string' ||
    !(item.end === undefined || typeof item.end === 'string') ||
    !EXCHANGE_KINDS.has(kind) ||
    !isOptionalText(platform) ||
    !isText(from) ||
    !Array.isArray(to) ||
    to.length === 0 ||
    !to.every(isText) ||
    !isOptionalText(summary) ||
    !isText(evidence)
  )
    return undefined;
  const { own } = reuse ? texts : AS_WRITTEN;
  const at = parseInstant(own(item.at));
  const end = item.end === undefined ? undefined : parseInstant(own(item.end));
  if (!at || (item.end !== undefined && !end)) return undefined;
  if (reuse) {
    item.at = at;
    if (end !== undefined) item.end = end;
    item.kind = texts.shared(kind as string);
    if (platform !== undefined) item.platform = texts.shared(platform);
    item.from = texts.shared(from);
    for (let i = 0; i < to.length; i++) to[i] = texts.shared(to[i] as string);
    if (summary !== undefined) item.summary = texts.shared(summary);
    item.evidence = texts.shared(evidence);
    return item as unknown as WrittenExchange;
  }
  const out: Record<string, unknown> = { id, at };
  if (end !== undefined) out.end = end;
  out.kind = kind;
  if (platform !== undefined) out.platform = platform;
  out.from = from;
  out.to = [...(to as string[])];
  if (summary !== undefined) out.summary = summary;
  out.evidence = evidence;
  if (source !== undefined) out.source = source;
  return out as WrittenExchange;
}

/** As fastTransfer, for an account. */
export function fastAccount(
  item: Record<string, unknown>,
  reuse = false,
  texts: RecordTexts = AS_WRITTEN,
): WrittenAccount | undefined {
  if (!onlyKeys(item, ACCOUNT_KEYS)) return undefined;
  const { id, kind, platform, identifier, holder, attribution } = item;
  // An optional key written with no value (undefined) is left to zod.
  if (
    !isId(id) ||
    !ACCOUNT_KINDS.has(kind) ||
    !absentOr(item, 'platform', platform, isText) ||
    !isText(identifier) ||
    !absentOr(item, 'holder', holder, isText) ||
    !absentOr(item, 'attribution', attribution, isText)
  )
    return undefined;
  const { own, shared } = reuse ? texts : AS_WRITTEN;
  // Keys in the schema's order, optional ones only when written: as zod builds it.
  const out: Record<string, unknown> = { id, kind: shared(kind as string) };
  if (platform !== undefined) out.platform = shared(platform as string);
  out.identifier = own(identifier);
  if (holder !== undefined) out.holder = shared(holder as string);
  if (attribution !== undefined) out.attribution = shared(attribution as string);
  return out as WrittenAccount;
}

/** As fastTransfer, for a person. */
export function fastPerson(
  item: Record<string, unknown>,
  reuse = false,
  texts: RecordTexts = AS_WRITTEN,
): WrittenPerson | undefined {
  if (!onlyKeys(item, PERSON_KEYS)) return undefined;
  const { id, role, name, pseudonym, born, nationality, residence, aliases, notes } = item;
  const age = item.age_at_facts;
  if (
    !isId(id) ||
    !PERSON_ROLES.has(role) ||
    !absentOr(item, 'name', name, isText) ||
    !absentOr(item, 'pseudonym', pseudonym, isText) ||
    !absentOr(
      item,
      'born',
      born,
      (v) => (typeof v === 'string' || typeof v === 'number') && isBirth(v),
    ) ||
    !absentOr(
      item,
      'age_at_facts',
      age,
      (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= 120,
    ) ||
    !absentOr(item, 'nationality', nationality, isCountry) ||
    !absentOr(item, 'residence', residence, isCountry) ||
    !absentOr(item, 'aliases', aliases, (v) => Array.isArray(v) && v.every(isText)) ||
    !absentOr(item, 'notes', notes, isText)
  )
    return undefined;
  const { own, shared } = reuse ? texts : AS_WRITTEN;
  // Keys in the schema's order, optional ones only when written: as zod builds it.
  const out: Record<string, unknown> = { id, role: shared(role as string) };
  if (name !== undefined) out.name = own(name as string);
  if (pseudonym !== undefined) out.pseudonym = own(pseudonym as string);
  if (born !== undefined) out.born = born;
  if (age !== undefined) out.age_at_facts = age;
  if (nationality !== undefined) out.nationality = shared(nationality as string);
  if (residence !== undefined) out.residence = shared(residence as string);
  if (aliases !== undefined) out.aliases = (aliases as string[]).map(own);
  if (notes !== undefined) out.notes = own(notes as string);
  return out as WrittenPerson;
}

/** As fastTransfer, for an exhibit of the evidence index (its files and custody events too). */
export function fastExhibit(
  item: Record<string, unknown>,
  reuse = false,
  texts: RecordTexts = AS_WRITTEN,
): WrittenExhibit | undefined {
  if (!onlyKeys(item, EXHIBIT_KEYS)) return undefined;
  const { id, title, kind, source, obtained, seal, files, custody } = item;
  if (
    !isId(id) ||
    !isText(title) ||
    !EXHIBIT_KINDS.has(kind) ||
    !isText(source) ||
    !isDate(obtained) ||
    !absentOr(item, 'seal', seal, isText) ||
    !absentOr(item, 'files', files, isMappingList) ||
    !absentOr(item, 'custody', custody, isMappingList)
  )
    return undefined;
  const { own, shared } = reuse ? texts : AS_WRITTEN;
  let fileList: Record<string, unknown>[] | undefined;
  if (files !== undefined) {
    fileList = [];
    for (const file of files as Record<string, unknown>[]) {
      if (!onlyKeys(file, FILE_KEYS)) return undefined;
      const { path, sha256, size } = file;
      if (
        !isText(path) ||
        pathFormProblem(path) !== undefined ||
        typeof sha256 !== 'string' ||
        !SHA256_PATTERN.test(sha256) ||
        !absentOr(
          file,
          'size',
          size,
          (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0,
        )
      )
        return undefined;
      const entry: Record<string, unknown> = { path: own(path), sha256: own(sha256) };
      if (size !== undefined) entry.size = size;
      fileList.push(entry);
    }
  }
  let events: Record<string, unknown>[] | undefined;
  if (custody !== undefined) {
    events = [];
    for (const event of custody as Record<string, unknown>[]) {
      if (!onlyKeys(event, CUSTODY_KEYS)) return undefined;
      const { action, by, note } = event;
      if (
        typeof event.at !== 'string' ||
        !CUSTODY_ACTIONS.has(action) ||
        !isText(by) ||
        !absentOr(event, 'note', note, isText)
      )
        return undefined;
      const at = parseInstant(own(event.at));
      if (!at) return undefined;
      const entry: Record<string, unknown> = {
        at,
        action: shared(action as string),
        by: shared(by),
      };
      if (note !== undefined) entry.note = own(note as string);
      events.push(entry);
    }
  }
  const out: Record<string, unknown> = {
    id,
    title: own(title),
    kind: shared(kind as string),
    source: shared(source),
    obtained,
  };
  if (seal !== undefined) out.seal = own(seal as string);
  if (fileList !== undefined) out.files = fileList;
  if (events !== undefined) out.custody = events;
  return out as WrittenExhibit;
}

/** As fastTransfer, for a charge. */
export function fastCharge(
  item: Record<string, unknown>,
  reuse = false,
  texts: RecordTexts = AS_WRITTEN,
): WrittenCharge | undefined {
  if (!onlyKeys(item, CHARGE_KEYS)) return undefined;
  const { id, qualification, articles, nature, suspects, victims, period, place, evidence } = item;
  const references = (v: unknown): boolean => Array.isArray(v) && v.every(isReference);
  if (
    !isId(id) ||
    !isText(qualification) ||
    !(Array.isArray(articles) && articles.length > 0 && articles.every(isText)) ||
    !CHARGE_NATURES.has(nature) ||
    !(references(suspects) && (suspects as unknown[]).length > 0) ||
    !absentOr(item, 'victims', victims, references) ||
    period === null ||
    typeof period !== 'object' ||
    Array.isArray(period) ||
    !onlyKeys(period, PERIOD_KEYS) ||
    !isDate((period as Record<string, unknown>).from) ||
    !isDate((period as Record<string, unknown>).to) ||
    !absentOr(item, 'place', place, isText) ||
    !absentOr(item, 'evidence', evidence, references)
  )
    return undefined;
  const { own, shared } = reuse ? texts : AS_WRITTEN;
  const { from, to } = period as { from: string; to: string };
  // Keys in the schema's order, optional ones only when written: as zod builds it.
  const out: Record<string, unknown> = {
    id,
    qualification: own(qualification),
    articles: (articles as string[]).map(shared),
    nature: shared(nature as string),
    suspects: (suspects as string[]).map(shared),
  };
  if (victims !== undefined) out.victims = (victims as string[]).map(shared);
  out.period = { from, to };
  if (place !== undefined) out.place = own(place as string);
  if (evidence !== undefined) out.evidence = (evidence as string[]).map(shared);
  return out as WrittenCharge;
}

/** As fastTransfer, for an exchange rate. */
export function fastRate(
  item: Record<string, unknown>,
  reuse = false,
  texts: RecordTexts = AS_WRITTEN,
): WrittenRate | undefined {
  if (!onlyKeys(item, RATE_KEYS)) return undefined;
  const { currency, date, source } = item;
  const rate = fastDecimal(item.rate);
  if (
    rate === undefined ||
    !isCurrencyCode(currency) ||
    !isDate(date) ||
    !absentOr(item, 'source', source, isText)
  )
    return undefined;
  const { shared } = reuse ? texts : AS_WRITTEN;
  const out: Record<string, unknown> = { currency: shared(currency), date, rate };
  if (source !== undefined) out.source = shared(source as string);
  return out as WrittenRate;
}
