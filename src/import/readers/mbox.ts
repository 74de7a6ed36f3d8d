/**
 * Mailboxes (mbox: mboxo, mboxrd, mboxcl): one `email` exchange per message, read from
 * its `From`, `To`, `Cc`, `Bcc`, `Date` and `Message-ID` headers only. Messages start at
 * lines beginning `From ` (a body's `>From ` line is an escaped one and does not split);
 * bodies are stepped over with a byte search, never decoded, and no other header (the
 * subject above all) is decoded either.
 */
import { isTimeZone } from '../../facts/time.js';
import { isEmailAddress } from '../../schema/identifiers.js';
import type { ReaderOptions, SourceFinding, SourceItem, SourceParty } from '../types.js';
import { bomLength, byteColumn } from './byte-lines.js';
import { decodeWindows1252, parseAddressList } from './mail-address.js';
import { parseMailDate } from './mail-date.js';

/** Headers read; any other is skipped without being decoded. */
const WANTED = new Set(['from', 'to', 'cc', 'bcc', 'date', 'message-id']);
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

function finding(
  code: SourceFinding['code'],
  line: number,
  column: number,
  message: string,
  locator?: string,
): SourceFinding {
  return {
    type: 'finding',
    code,
    severity: 'error',
    line,
    column,
    message,
    ...(locator ? { locator } : {}),
  };
}

interface MessageHead {
  readonly ordinal: number;
  readonly line: number;
  readonly headers: Map<string, Header>;
}

/** The exchange of one message, or the findings that keep it from being one. */
function messageItems(
  bytes: Uint8Array,
  head: MessageHead,
  options: ReaderOptions,
  seenIds: Set<string>,
): SourceItem[] {
  const header = (name: string): Header | undefined => head.headers.get(name);
  const idHeader = header('message-id');
  const idText = idHeader ? headerText(bytes, idHeader).replace(/\s+/g, ' ').trim() : '';
  const id = /<[^<>]*>/.exec(idText)?.[0] ?? idText;
  let locator = `message ${head.ordinal}`;
  if (id !== '' && !seenIds.has(id)) {
    seenIds.add(id);
    locator = `message ${id}`;
  }
  const problems: SourceItem[] = [];
  const accounts = (name: string): SourceParty[] => {
    const h = header(name);
    if (!h) return [];
    if (h.size > MAX_HEADER_BYTES) {
      problems.push(
        finding('import-value', h.line, h.column, `the ${name} header is too long`, locator),
      );
      return [];
    }
    const { mailboxes, problem } = parseAddressList(headerText(bytes, h));
    if (problem)
      problems.push(finding('import-value', h.line, h.column, `${name}: ${problem}`, locator));
    const parties: SourceParty[] = [];
    for (const { address } of mailboxes) {
      const identifier = address.toLowerCase();
      if (isEmailAddress(identifier)) parties.push({ identifier, kind: 'email' });
      else
        problems.push(
          finding(
            'import-value',
            h.line,
            h.column,
            `${name}: "${address}" is not an e-mail address`,
            locator,
          ),
        );
    }
    return parties;
  };
  const senders = accounts('from');
  const seen = new Set<string>();
  const to = [...accounts('to'), ...accounts('cc'), ...accounts('bcc')].filter(
    (party) => !seen.has(party.identifier) && seen.add(party.identifier),
  );
  const from = senders[0];
  if (!from && !header('from'))
    problems.push(
      finding('import-value', head.line, 1, 'this message has no From header', locator),
    );
  else if (!from) {
    const h = header('from');
    if (h && problems.length === 0)
      problems.push(
        finding('import-value', h.line, h.column, 'the From header names no address', locator),
      );
  }
  if (to.length === 0 && from)
    problems.push(
      finding('import-value', head.line, 1, 'this message has no recipient (To, Cc, Bcc)', locator),
    );
  const dateHeader = header('date');
  let at: string | undefined;
  if (!dateHeader)
    problems.push(
      finding('import-value', head.line, 1, 'this message has no Date header', locator),
    );
  else {
    const zone = options.zone !== undefined && isTimeZone(options.zone) ? options.zone : undefined;
    const date = parseMailDate(headerText(bytes, dateHeader), zone);
    if (date.ok) at = date.at;
    else
      problems.push(finding(date.code, dateHeader.line, dateHeader.column, date.message, locator));
  }
  if (problems.length > 0 || !from || at === undefined) return problems;
  return [{ type: 'exchange', locator, line: head.line, column: 1, at, kind: 'email', from, to }];
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
    yield finding(
      'import-format',
      line,
      1,
      'not an mbox file: it does not start with a "From " line',
    );
    return;
  }
  const seenIds = new Set<string>();
  let nextProgress = PROGRESS_EVERY;
  for (let ordinal = 1; pos < n; ordinal++) {
    const head: MessageHead = { ordinal, line, headers: new Map() };
    // The From_ line, then headers up to a blank line (or the next From_ line).
    let lf = bytes.indexOf(0x0a, pos);
    pos = lf < 0 ? n : lf + 1;
    line++;
    let current: Header | undefined;
    while (pos < n) {
      lf = bytes.indexOf(0x0a, pos);
      const next = lf < 0 ? n : lf + 1;
      const end = lf > pos && bytes[lf - 1] === 0x0d ? lf - 1 : lf < 0 ? n : lf;
      if (end === pos) {
        pos = next; // the blank line ending the headers
        line++;
        break;
      }
      if (startsWithFrom(bytes, pos)) break;
      const first = bytes[pos];
      if (first === 0x20 || first === 0x09) {
        if (current && current.size <= MAX_HEADER_BYTES) {
          current.parts.push([pos, end]);
          current.size += end - pos;
        }
      } else {
        const colon = bytes.indexOf(0x3a, pos);
        const name =
          colon > pos && colon < end
            ? buffer.toString('latin1', pos, colon).trim().toLowerCase()
            : '';
        current = undefined;
        if (WANTED.has(name) && !head.headers.has(name)) {
          let value = colon + 1;
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
    // The body, stepped over to the next From_ line; only its line breaks are counted.
    const bodyEnd = startsWithFrom(bytes, pos)
      ? pos - 1
      : buffer.indexOf('\nFrom ', Math.max(pos - 1, 0));
    const stop = bodyEnd < 0 ? n : bodyEnd + 1;
    for (let at = bytes.indexOf(0x0a, pos); at >= 0 && at < stop; at = bytes.indexOf(0x0a, at + 1))
      line++;
    yield* messageItems(bytes, head, options, seenIds);
    pos = stop;
    if (options.onProgress && pos >= nextProgress) {
      options.onProgress(pos);
      nextProgress = pos + PROGRESS_EVERY;
    }
  }
  options.onProgress?.(n);
}
