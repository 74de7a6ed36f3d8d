/**
 * Mailboxes (mbox: mboxo, mboxrd, mboxcl): one `email` exchange per message, read from
 * its `From`, `To`, `Cc`, `Date` and `Message-ID` headers only. Messages start at
 * lines beginning `From ` (a body's `>From ` line is an escaped one and does not split;
 * `From :`, blanks then a colon, is a From header written in the obsolete form);
 * the file is read a window at a time, line by line; bodies are stepped over, never
 * decoded, and no other header (the subject above all) is decoded either. A message's
 * findings are located at its From_ line (the import contract: the line of the message),
 * their text naming the header at fault and its line.
 */
import { isTimeZone } from '../../facts/time.js';
import { isEmailAddress } from '../../schema/identifiers.js';
import type { ReaderOptions, SourceFinding, SourceItem, SourceParty } from '../types.js';
import { sourceFinding } from './finding.js';
import type { ByteSource } from './json-cursor.js';
import { LineWindow, type WindowLine } from './line-window.js';
import { decodeWindows1252 } from '../values/windows-1252.js';
import { commentEnd, decodeEncodedWords, parseAddressList, quotedEnd } from './mail-address.js';
import { parseMailDate } from './mail-date.js';

/** Headers read (lower case: the name matched), as findings name them; any other is skipped without being decoded. */
const WANTED = new Map([
  ['from', 'From'],
  ['to', 'To'],
  ['cc', 'Cc'],
  ['date', 'Date'],
  ['message-id', 'Message-ID'],
]);
/** A wanted header longer than this (a million-recipient `To:`) is refused. */
const MAX_HEADER_BYTES = 1 << 20;
/**
 * A header line (or From_ line) longer than this, or a header block longer than
 * MAX_HEADER_BLOCK, is not a mail's and stops the import. Body lines may be of any
 * length: they are stepped over unread.
 */
export const MAX_LINE_BYTES = 4 << 20;
export const MAX_HEADER_BLOCK = 16 << 20;
const PROGRESS_EVERY = 4 << 20;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** One wanted header: the line it starts at, and its bytes (folds joined; copies: the window moves on). */
interface Header {
  /** Its name as findings give it (`Date`), and the line it starts at. */
  readonly name: string;
  readonly line: number;
  /** Dropped once `size` is over MAX_HEADER_BYTES (such a header is refused unread). */
  parts: Uint8Array[];
  size: number;
}

const FROM_ = [0x46, 0x72, 0x6f, 0x6d, 0x20]; // "From "

/**
 * Whether the line from `at` to `end` is a From_ line: `From ` then the sender and a
 * date. `From` with blanks then a colon (`From : a@example.org`, RFC 5322's obsolete
 * `field-name *WSP ":"`) is a From header, never a From_ line: no sender is `:`.
 */
function isFromLine(bytes: Uint8Array, at: number, end: number): boolean {
  if (end - at < FROM_.length) return false;
  for (let k = 0; k < FROM_.length; k++) if (bytes[at + k] !== FROM_[k]) return false;
  let k = at + FROM_.length;
  while (k < end && (bytes[k] === 0x20 || bytes[k] === 0x09)) k++;
  return k >= end || bytes[k] !== 0x3a;
}

/** Header bytes as text: UTF-8 (RFC 6532), else the Windows-1252 raw 8-bit headers mean. */
function headerText(header: Header): string {
  const joined = new Uint8Array(header.size);
  let at = 0;
  for (const part of header.parts) {
    joined.set(part, at);
    at += part.length;
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
  /** Each wanted header present, every time it occurs, in order. */
  readonly headers: Map<string, Header[]>;
}

/** A message's data, after its headers are read. */
interface MessageParts {
  from?: SourceParty;
  to: SourceParty[];
  at?: string;
  readonly problems: SourceFinding[];
  /** Warnings, given with the record (they do not keep it from being one). */
  readonly notes: SourceFinding[];
}

/**
 * The accounts of an address header (none when it is absent), of every time it occurs
 * (a repeated To or Cc adds its recipients); problems go to `parts`.
 */
function addressHeaders(
  head: MessageHead,
  name: string,
  parts: MessageParts,
  locator: string,
): SourceParty[] {
  return (head.headers.get(name) ?? []).flatMap((h) => addressHeader(head, h, parts, locator));
}

/** The accounts of one address header; problems go to `parts`. */
function addressHeader(
  head: MessageHead,
  h: Header,
  parts: MessageParts,
  locator: string,
): SourceParty[] {
  const problem = (message: string): void => {
    parts.problems.push(messageFinding(head, `${named(h)}: ${message}`, locator));
  };
  if (h.size > MAX_HEADER_BYTES) {
    problem(`longer than ${MAX_HEADER_BYTES} bytes`);
    return [];
  }
  const list = parseAddressList(headerText(h));
  if (list.problem) problem(list.problem);
  const parties: SourceParty[] = [];
  for (const { address } of list.mailboxes) {
    const identifier = address.toLowerCase();
    if (isEmailAddress(identifier)) parties.push({ identifier, kind: 'email' });
    else problem(notAnAddress(address));
  }
  if (h.name === 'From' && list.mailboxes.length === 0 && !list.problem)
    problem('names no address');
  return parties;
}

/**
 * Why `address` is no e-mail address. An encoded word (RFC 2047) is quoted decoded: its
 * text as written (`=?UTF-8?B?WmVwaHly...?=`) would spell a victim's name in a form the
 * diagnostics' redactor does not read, where the decoded one is masked as any text is.
 */
function notAnAddress(address: string): string {
  const decoded = decodeEncodedWords(address);
  return decoded === address
    ? `"${address}" is not an e-mail address`
    : `an encoded word ("${decoded}" once decoded) is not an e-mail address`;
}

/** A header's text with its folds and runs of blanks as one space, for comparing values. */
const unfolded = (h: Header): string => headerText(h).replace(/\s+/g, ' ').trim();

/**
 * A header that must occur once (From, Date, Message-ID) and is repeated with another
 * value: which one is true cannot be known, so each later one that differs from the first
 * is a problem. `valueOf` gives what the import reads from a header (the addresses, the
 * instant, the id): the same value written another way is no problem. A header over
 * MAX_HEADER_BYTES has no value that can be read, and differs.
 */
function repeatedHeaders(
  head: MessageHead,
  name: string,
  parts: MessageParts,
  locator: string,
  valueOf: (h: Header) => string | undefined,
): void {
  const [first, ...later] = head.headers.get(name) ?? [];
  if (!first || later.length === 0) return;
  const text = first.size > MAX_HEADER_BYTES ? undefined : unfolded(first);
  const value = text === undefined ? undefined : valueOf(first);
  for (const h of later) {
    if (text !== undefined && h.size <= MAX_HEADER_BYTES) {
      if (unfolded(h) === text) continue;
      const other = valueOf(h);
      if (value !== undefined && other === value) continue;
    }
    parts.problems.push(
      messageFinding(
        head,
        `${named(h)}: another ${first.name} header (line ${first.line}) says otherwise; a message has one ${first.name}, and which one is true cannot be known`,
        locator,
      ),
    );
  }
}

/** The addresses a From header names, as they are compared (lower case). */
function addressesOf(h: Header): string | undefined {
  const list = parseAddressList(headerText(h));
  if (list.problem) return undefined;
  return list.mailboxes.map((m) => m.address.toLowerCase()).join(', ');
}

/** What a finding about a header says first: `Date header (line 7)`. */
const named = (h: Header): string => `${h.name} header (line ${h.line})`;

/** A finding about a message: at its From_ line, column 1. */
function messageFinding(
  head: MessageHead,
  message: string,
  locator: string,
  code: SourceFinding['code'] = 'import-value',
): SourceFinding {
  return sourceFinding(code, head.line, 1, message, locator);
}

/** The instant of the Date header, or a problem in `parts`. */
function dateHeader(
  head: MessageHead,
  zone: string | undefined,
  parts: MessageParts,
  locator: string,
): string | undefined {
  const h = head.headers.get('date')?.[0];
  if (!h) {
    parts.problems.push(messageFinding(head, 'this message has no Date header', locator));
    return undefined;
  }
  const date =
    h.size > MAX_HEADER_BYTES
      ? ({
          ok: false,
          code: 'import-value',
          message: `longer than ${MAX_HEADER_BYTES} bytes`,
        } as const)
      : parseMailDate(headerText(h), zone);
  if (date.ok) {
    if (date.weekday !== undefined) parts.notes.push(weekdayNote(head, h, date.weekday, locator));
    return date.at;
  }
  parts.problems.push(messageFinding(head, `${named(h)}: ${date.message}`, locator, date.code));
  return undefined;
}

/**
 * A later Date header written otherwise than the first whose day of the week is not its
 * date's: the same warning as the first's (whether the two give one instant is
 * repeatedHeaders' question).
 */
function laterWeekdays(
  head: MessageHead,
  zone: string | undefined,
  parts: MessageParts,
  locator: string,
): void {
  const [first, ...later] = head.headers.get('date') ?? [];
  if (!first) return;
  const seen = new Set([unfolded(first)]);
  for (const h of later) {
    if (h.size > MAX_HEADER_BYTES) continue;
    const text = unfolded(h);
    if (seen.has(text)) continue;
    seen.add(text);
    const date = parseMailDate(headerText(h), zone);
    if (date.ok && date.weekday !== undefined)
      parts.notes.push(weekdayNote(head, h, date.weekday, locator));
  }
}

/** The warning of a Date header whose day of the week is not its date's (parseMailDate's `weekday`). */
function weekdayNote(
  head: MessageHead,
  h: Header,
  weekday: string,
  locator: string,
): SourceFinding {
  return { ...messageFinding(head, `${named(h)}: ${weekday}`, locator), severity: 'warning' };
}

/**
 * The id a Message-ID header gives: its `<...>`, else its text. Comments around it
 * (`(relay <x>) <m1@example.org>`, RFC 5322 3.6.4: `[CFWS] "<" ... ">" [CFWS]`) are not
 * the id, even when they hold brackets.
 */
function messageIdOf(h: Header): string {
  const text = unfolded(h);
  return /<[^<>]*>/.exec(withoutComments(text))?.[0] ?? text;
}

/** `text` with its comments (nested, with quoted pairs) made one space; quoted strings kept. */
function withoutComments(text: string): string {
  if (!text.includes('(')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      i = quotedEnd(text, i);
      out += text.slice(start, i + 1);
    } else if (c === '(') {
      i = commentEnd(text, i).end;
      out += ' ';
    } else out += c;
  }
  return out;
}

/**
 * `message <Message-ID>`, or `message N` (the message's place in the file) without one,
 * for an id already met, or for an id written as a bare number (`Message-ID: 2`), which
 * would read as another message's place.
 */
function locatorOf(head: MessageHead, seenIds: Set<string>): string {
  const h = head.headers.get('message-id')?.[0];
  const id = h && h.size <= MAX_HEADER_BYTES ? messageIdOf(h) : '';
  if (id === '' || /^\d+$/.test(id) || seenIds.has(id)) return `message ${head.ordinal}`;
  seenIds.add(id);
  return `message ${id}`;
}

/** The exchange of one message, or the findings that keep it from being one. */
function messageItems(
  head: MessageHead,
  zone: string | undefined,
  seenIds: Set<string>,
): SourceItem[] {
  const locator = locatorOf(head, seenIds);
  const parts: MessageParts = { to: [], problems: [], notes: [] };
  const from = head.headers.get('from')?.[0];
  if (from) parts.from = addressHeader(head, from, parts, locator)[0];
  else parts.problems.push(messageFinding(head, 'this message has no From header', locator));
  repeatedHeaders(head, 'from', parts, locator, addressesOf);
  const seen = new Set<string>();
  // "No recipient" unless a To or Cc was there with a problem of its own (that one says
  // why); a missing From or Date does not hide it: every missing header is reported.
  const before = parts.problems.length;
  for (const name of ['to', 'cc'])
    for (const party of addressHeaders(head, name, parts, locator))
      if (!seen.has(party.identifier)) {
        seen.add(party.identifier);
        parts.to.push(party);
      }
  if (parts.to.length === 0 && parts.problems.length === before)
    parts.problems.push(messageFinding(head, 'this message has no recipient (To, Cc)', locator));
  const at = dateHeader(head, zone, parts, locator);
  laterWeekdays(head, zone, parts, locator);
  repeatedHeaders(head, 'date', parts, locator, (h) => {
    const date = parseMailDate(headerText(h), zone);
    return date.ok ? date.at : undefined;
  });
  repeatedHeaders(head, 'message-id', parts, locator, messageIdOf);
  if (parts.problems.length > 0 || !parts.from || at === undefined)
    return [...parts.notes, ...parts.problems];
  return [
    ...parts.notes,
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

/** One header line of a message (its From_ line excluded) into `head`. */
function readHeaderLine(
  bytes: Uint8Array,
  buffer: Buffer,
  line: WindowLine,
  head: MessageHead,
  current: Header | undefined,
): Header | undefined {
  const pos = line.start;
  const end = line.terminated ? line.end : line.eol;
  const first = bytes[pos];
  if (first === 0x20 || first === 0x09) {
    if (current && current.size <= MAX_HEADER_BYTES) {
      current.parts.push(new Uint8Array(bytes.subarray(pos, end)));
      current.size += end - pos;
      if (current.size > MAX_HEADER_BYTES) current.parts = [];
    }
    return current;
  }
  const colon = bytes.subarray(pos, end).indexOf(0x3a);
  const name =
    colon > 0
      ? buffer
          .toString('latin1', pos, pos + colon)
          .trim()
          .toLowerCase()
      : '';
  const shown = WANTED.get(name);
  if (shown === undefined) return undefined;
  let value = pos + colon + 1;
  while (value < end && (bytes[value] === 0x20 || bytes[value] === 0x09)) value++;
  const header: Header = {
    name: shown,
    line: line.line,
    parts: end - value > MAX_HEADER_BYTES ? [] : [new Uint8Array(bytes.subarray(value, end))],
    size: end - value,
  };
  const same = head.headers.get(name);
  if (same) same.push(header);
  else head.headers.set(name, [header]);
  return header;
}

/** Reads an mbox file: see docs/import-formats.md. */
export function* readMbox(
  input: Uint8Array | ByteSource,
  options: ReaderOptions,
): Generator<SourceItem> {
  const lines = new LineWindow(input, MAX_LINE_BYTES);
  const bytes = lines.bytes;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Blank lines (line breaks and CRs) before the first message are tolerated.
  let line = lines.next();
  let blank = { line: 1, at: 0 };
  for (; line; line = lines.next()) {
    let at = line.start;
    while (at < line.eol && bytes[at] === 0x0d) at++;
    blank = { line: line.terminated ? line.line + 1 : line.line, at };
    if (at < line.eol) break;
  }
  if (!line || !isFromLine(bytes, blank.at, line.eol)) {
    yield sourceFinding(
      'import-format',
      line ? line.line : blank.line,
      1,
      'not an mbox file: it does not start with a From_ line ("From ", the sender and a date)',
    );
    return;
  }
  const seenIds = new Set<string>();
  // Checked once: an Intl look-up per message would cost more than reading the mailbox.
  const zone = options.zone !== undefined && isTimeZone(options.zone) ? options.zone : undefined;
  let nextProgress = PROGRESS_EVERY;
  let head: MessageHead | undefined;
  let inHeaders = false;
  let current: Header | undefined;
  let blockBytes = 0;
  let fromAt = blank.at;
  for (; line; line = lines.next(), fromAt = line?.start ?? 0) {
    if (options.onProgress && lines.offset >= nextProgress) {
      options.onProgress(lines.offset);
      nextProgress = lines.offset + PROGRESS_EVERY;
    }
    const fromLine = isFromLine(bytes, fromAt, line.eol);
    if (!fromLine && !inHeaders) continue; // a body line, stepped over
    if (line.truncated) {
      // At the message's From_ line (this one, or the one its headers follow).
      yield sourceFinding(
        'import-format',
        fromLine ? line.line : head!.line,
        1,
        fromLine
          ? `this From_ line is longer than ${MAX_LINE_BYTES} bytes: not a mailbox`
          : `line ${line.line}, a header line of this message, is longer than ${MAX_LINE_BYTES} bytes: not a mailbox`,
      );
      return;
    }
    if (fromLine) {
      if (head) yield* messageItems(head, zone, seenIds);
      head = { ordinal: (head?.ordinal ?? 0) + 1, line: line.line, headers: new Map() };
      inHeaders = true;
      current = undefined;
      blockBytes = 0;
      continue;
    }
    blockBytes += line.eol - line.start + 1;
    if (blockBytes > MAX_HEADER_BLOCK) {
      yield sourceFinding(
        'import-format',
        head!.line,
        1,
        `the headers of this message are longer than ${MAX_HEADER_BLOCK} bytes: not a mailbox`,
      );
      return;
    }
    if ((line.terminated ? line.end : line.eol) === line.start) inHeaders = false;
    else current = readHeaderLine(bytes, buffer, line, head!, current);
  }
  if (head) yield* messageItems(head, zone, seenIds);
  options.onProgress?.(input instanceof Uint8Array ? input.length : input.size);
}
