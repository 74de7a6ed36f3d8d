/**
 * Mailboxes (mbox: mboxo, mboxrd, mboxcl): one `email` exchange per message, read from
 * its `From`, `To`, `Cc`, `Date` and `Message-ID` headers only. Messages start at
 * lines beginning `From ` (a body's `>From ` line is an escaped one and does not split);
 * bodies are stepped over with a byte search, never decoded, and no other header (the
 * subject above all) is decoded either.
 */
import { isTimeZone } from '../../facts/time.js';
import { isEmailAddress } from '../../schema/identifiers.js';
import type { ReaderOptions, SourceFinding, SourceItem, SourceParty } from '../types.js';
import { sourceFinding } from './finding.js';
import { bomLength, byteColumn } from './byte-lines.js';
import { decodeWindows1252 } from '../values/windows-1252.js';
import { parseAddressList } from './mail-address.js';
import { parseMailDate } from './mail-date.js';

/** Headers read; any other is skipped without being decoded. */
const WANTED = new Set(['from', 'to', 'cc', 'date', 'message-id']);
/** A wanted header longer than this (a million-recipient `To:`) is refused. */
const MAX_HEADER_BYTES = 1 << 20;
const PROGRESS_EVERY = 4 << 20;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** One wanted header: where its value starts, and its bytes (folds joined). */
interface Header {
  readonly line: number;
  readonly column: number;
  readonly parts: [number, number][];
  size: number;
}

const FROM_ = [0x46, 0x72, 0x6f, 0x6d, 0x20]; // "From "

function startsWithFrom(bytes: Uint8Array, at: number): boolean {
  for (let k = 0; k < FROM_.length; k++) if (bytes[at + k] !== FROM_[k]) return false;
  return true;
}

/** Header bytes as text: UTF-8 (RFC 6532), else the Windows-1252 raw 8-bit headers mean. */
function headerText(bytes: Uint8Array, header: Header): string {
  const joined = new Uint8Array(header.size);
  let at = 0;
  for (const [start, end] of header.parts) {
    joined.set(bytes.subarray(start, end), at);
    at += end - start;
  }
  try {
    return utf8.decode(joined);
  } catch {
    return decodeWindows1252(joined);
  }
}

interface MessageHead {
  readonly ordinal: number;
  readonly line: number;
  readonly headers: Map<string, Header>;
}

/** A message's data, after its headers are read. */
interface MessageParts {
  from?: SourceParty;
  to: SourceParty[];
  at?: string;
  readonly problems: SourceFinding[];
}

/** The accounts of an address header (none when it is absent); problems go to `parts`. */
function addressHeader(
  bytes: Uint8Array,
  head: MessageHead,
  name: string,
  parts: MessageParts,
  locator: string,
): SourceParty[] {
  const h = head.headers.get(name);
  if (!h) return [];
  const problem = (message: string): void => {
    parts.problems.push(sourceFinding('import-value', h.line, h.column, message, locator));
  };
  if (h.size > MAX_HEADER_BYTES) {
    problem(`the ${name} header is longer than ${MAX_HEADER_BYTES} bytes`);
    return [];
  }
  const list = parseAddressList(headerText(bytes, h));
  if (list.problem) problem(`${name}: ${list.problem}`);
  const parties: SourceParty[] = [];
  for (const { address } of list.mailboxes) {
    const identifier = address.toLowerCase();
    if (isEmailAddress(identifier)) parties.push({ identifier, kind: 'email' });
    else problem(`${name}: "${address}" is not an e-mail address`);
  }
  if (name === 'from' && list.mailboxes.length === 0 && !list.problem)
    problem('From names no address');
  return parties;
}

/** The instant of the Date header, or a problem in `parts`. */
function dateHeader(
  bytes: Uint8Array,
  head: MessageHead,
  zone: string | undefined,
  parts: MessageParts,
  locator: string,
): string | undefined {
  const h = head.headers.get('date');
  if (!h) {
    parts.problems.push(
      sourceFinding('import-value', head.line, 1, 'this message has no Date header', locator),
    );
    return undefined;
  }
  const date =
    h.size > MAX_HEADER_BYTES
      ? ({ ok: false, code: 'import-value', message: 'the Date header is too long' } as const)
      : parseMailDate(headerText(bytes, h), zone);
  if (date.ok) return date.at;
  parts.problems.push(sourceFinding(date.code, h.line, h.column, date.message, locator));
  return undefined;
}

/** `message <Message-ID>`, or `message N` without one or for an id already met. */
function locatorOf(bytes: Uint8Array, head: MessageHead, seenIds: Set<string>): string {
  const h = head.headers.get('message-id');
  const text =
    h && h.size <= MAX_HEADER_BYTES ? headerText(bytes, h).replace(/\s+/g, ' ').trim() : '';
  const id = /<[^<>]*>/.exec(text)?.[0] ?? text;
  if (id === '' || seenIds.has(id)) return `message ${head.ordinal}`;
  seenIds.add(id);
  return `message ${id}`;
}

/** The exchange of one message, or the findings that keep it from being one. */
function messageItems(
  bytes: Uint8Array,
  head: MessageHead,
  zone: string | undefined,
  seenIds: Set<string>,
): SourceItem[] {
  const locator = locatorOf(bytes, head, seenIds);
  const parts: MessageParts = { to: [], problems: [] };
  parts.from = addressHeader(bytes, head, 'from', parts, locator)[0];
  if (!head.headers.has('from'))
    parts.problems.push(
      sourceFinding('import-value', head.line, 1, 'this message has no From header', locator),
    );
  const seen = new Set<string>();
  for (const name of ['to', 'cc'])
    for (const party of addressHeader(bytes, head, name, parts, locator))
      if (!seen.has(party.identifier)) {
        seen.add(party.identifier);
        parts.to.push(party);
      }
  if (parts.to.length === 0 && parts.problems.length === 0)
    parts.problems.push(
      sourceFinding(
        'import-value',
        head.line,
        1,
        'this message has no recipient (To, Cc)',
        locator,
      ),
    );
  const at = dateHeader(bytes, head, zone, parts, locator);
  if (parts.problems.length > 0 || !parts.from || at === undefined) return parts.problems;
  return [
    {
      type: 'exchange',
      locator,
      line: head.line,
      column: 1,
      at,
      kind: 'email',
      from: parts.from,
      to: parts.to,
    },
  ];
}

/**
 * The headers of the message whose From_ line starts at `pos`: up to a blank line (or
 * the next From_ line). Returns where the body starts and its line.
 */
function readHeaders(
  bytes: Uint8Array,
  buffer: Buffer,
  head: MessageHead,
  start: number,
): { pos: number; line: number } {
  const n = bytes.length;
  let lf = bytes.indexOf(0x0a, start);
  let pos = lf < 0 ? n : lf + 1;
  let line = head.line + 1;
  let current: Header | undefined;
  while (pos < n && !startsWithFrom(bytes, pos)) {
    lf = bytes.indexOf(0x0a, pos);
    const next = lf < 0 ? n : lf + 1;
    const end = lf < 0 ? n : lf > pos && bytes[lf - 1] === 0x0d ? lf - 1 : lf;
    if (end === pos) return { pos: next, line: line + 1 }; // the blank line ending the headers
    const first = bytes[pos];
    if (first === 0x20 || first === 0x09) {
      if (current && current.size <= MAX_HEADER_BYTES) {
        current.parts.push([pos, end]);
        current.size += end - pos;
      }
    } else {
      const colon = bytes.subarray(pos, end).indexOf(0x3a);
      const name =
        colon > 0
          ? buffer
              .toString('latin1', pos, pos + colon)
              .trim()
              .toLowerCase()
          : '';
      current = undefined;
      if (WANTED.has(name) && !head.headers.has(name)) {
        let value = pos + colon + 1;
        while (value < end && (bytes[value] === 0x20 || bytes[value] === 0x09)) value++;
        current = {
          line,
          column: byteColumn(bytes, pos, value),
          parts: [[value, end]],
          size: end - value,
        };
        head.headers.set(name, current);
      }
    }
    pos = next;
    line++;
  }
  return { pos, line };
}

/** Reads an mbox file: see docs/import-formats.md. */
export function* readMbox(bytes: Uint8Array, options: ReaderOptions): Generator<SourceItem> {
  const n = bytes.length;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = bomLength(bytes);
  let line = 1;
  // Blank lines before the first message are tolerated.
  while (pos < n && (bytes[pos] === 0x0a || bytes[pos] === 0x0d)) {
    if (bytes[pos] === 0x0a) line++;
    pos++;
  }
  if (!startsWithFrom(bytes, pos)) {
    yield sourceFinding(
      'import-format',
      line,
      1,
      'not an mbox file: it does not start with a "From " line',
    );
    return;
  }
  const seenIds = new Set<string>();
  // Checked once: an Intl look-up per message would cost more than reading the mailbox.
  const zone = options.zone !== undefined && isTimeZone(options.zone) ? options.zone : undefined;
  let nextProgress = PROGRESS_EVERY;
  for (let ordinal = 1; pos < n; ordinal++) {
    const head: MessageHead = { ordinal, line, headers: new Map() };
    ({ pos, line } = readHeaders(bytes, buffer, head, pos));
    // The body, stepped over to the next From_ line; only its line breaks are counted.
    const bodyEnd = startsWithFrom(bytes, pos)
      ? pos - 1
      : buffer.indexOf('\nFrom ', Math.max(pos - 1, 0));
    const stop = bodyEnd < 0 ? n : bodyEnd + 1;
    for (let at = bytes.indexOf(0x0a, pos); at >= 0 && at < stop; at = bytes.indexOf(0x0a, at + 1))
      line++;
    yield* messageItems(bytes, head, zone, seenIds);
    pos = stop;
    if (options.onProgress && pos >= nextProgress) {
      options.onProgress(pos);
      nextProgress = pos + PROGRESS_EVERY;
    }
  }
  options.onProgress?.(n);
}
