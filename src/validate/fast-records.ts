import { isCurrency } from '../facts/currencies.js';
import { parseInstant } from '../facts/time.js';
import { NumberLiteral } from '../load/core-scalars.js';
import type { WrittenAccount, WrittenExchange, WrittenTransfer } from '../schema/dossier.js';
import { AccountSchema, ExchangeSchema, TransferSchema } from '../schema/dossier.js';
import {
  CURRENCY_PATTERN,
  ID_PATTERN,
  isDecimalShort,
  isDecimalWritten,
  isPositiveDecimal,
  MAX_TEXT_LENGTH,
} from '../schema/scalars.js';

/**
 * A fast path for the record types a large dossier is made of (transfers, exchanges, and
 * the accounts of their parties: an import can add thousands). Each function
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

const isText = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= MAX_TEXT_LENGTH;
const isOptionalText = (v: unknown): v is string | undefined => v === undefined || isText(v);
const isId = (v: unknown): v is string => typeof v === 'string' && ID_PATTERN.test(v);

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
  let amount: number | string;
  if (typeof written === 'number' || typeof written === 'string') amount = written;
  // An unquoted decimal a double cannot hold (rare): its text, as the schema takes it.
  else if (written instanceof NumberLiteral && written.form === 'inexact') amount = written.text;
  else return undefined;
  const status = item.status === undefined ? 'completed' : item.status;
  const source = fastSource(item.source);
  if (
    source === false ||
    !isId(id) ||
    typeof item.at !== 'string' ||
    !isText(from) ||
    !isText(to) ||
    !isDecimalWritten(amount) ||
    !isDecimalShort(amount) ||
    !isPositiveDecimal(amount) ||
    typeof currency !== 'string' ||
    !CURRENCY_PATTERN.test(currency) ||
    !isCurrency(currency) ||
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
  const own = reuse ? texts.own : (text: string) => text;
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
    !('platform' in item ? isText(platform) : true) ||
    !isText(identifier) ||
    !('holder' in item ? isText(holder) : true) ||
    !('attribution' in item ? isText(attribution) : true)
  )
    return undefined;
  const keep = reuse ? texts.shared : (text: string) => text;
  // Keys in the schema's order, optional ones only when written: as zod builds it.
  const out: Record<string, unknown> = { id, kind: keep(kind as string) };
  if (platform !== undefined) out.platform = keep(platform as string);
  out.identifier = reuse ? texts.own(identifier) : identifier;
  if (holder !== undefined) out.holder = keep(holder as string);
  if (attribution !== undefined) out.attribution = keep(attribution as string);
  return out as WrittenAccount;
}
