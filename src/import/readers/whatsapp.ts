/**
 * WhatsApp chat exports (the text file of "Export chat"): one `message`, `file_transfer`,
 * `call`, `video_call` or (a missed call) `other` exchange per message, located at the
 * line where it starts. Two passes over the file, a window at a time: the first learns
 * who takes part in the chat and how dates are written, the second yields the records.
 * Only each line's head is decoded; message texts never are beyond what tells a
 * placeholder or a system line from a message.
 */
import { daysInMonth, isTimeZone } from '../../facts/time.js';
import type {
  ReaderOptions,
  SourceCell,
  SourceExchange,
  SourceFinding,
  SourceItem,
  SourceParty,
} from '../types.js';
import { sourceFinding } from './finding.js';
import { byteColumn, decodeUtf8, textColumn } from './byte-lines.js';
import type { ByteSource } from './json-cursor.js';
import { LineWindow, type WindowLine } from './line-window.js';
import { placeLocalTime } from './place-local-time.js';
import { looksLikeInternationalPhone, normalisePhone } from './phone.js';
import {
  classifyLine,
  knownNames,
  shownName,
  readLineHead,
  type KnownNames,
  type LineHead,
  type WrittenNumber,
} from './whatsapp-line.js';

export const WHATSAPP_PLATFORM = 'WhatsApp';

/** Bytes of a line decoded to classify it: a line head, an author and a placeholder fit easily. */
const HEAD_BYTES = 4096;

/** `: ` and `: U+200E` (iOS writes the mark before its own notes), as UTF-8. */
const COLON_SPACE = Buffer.from(': ');
const COLON_MARK = Buffer.from(': \u200e');

/**
 * The bytes of a line decoded to classify it: HEAD_BYTES, or up to HEAD_BYTES past the
 * line's first `: ` and its first `: U+200E` when they stand further (an author's name of
 * thousands of characters, or holding `: ` before an iOS note, was read as a system line
 * or as a shorter author). A message's own text needs no decoding.
 */
function headBytes(bytes: Uint8Array, line: { start: number; end: number }): number {
  if (line.end - line.start <= HEAD_BYTES) return HEAD_BYTES;
  // Searched in the line only (a view of it: indexOf on the window would read on to its end).
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + line.start, line.end - line.start);
  const last = Math.max(0, text.indexOf(COLON_SPACE), text.indexOf(COLON_MARK));
  return last + HEAD_BYTES;
}
/**
 * The longest line read: WhatsApp caps a message at 65,536 characters (at most 256 KiB);
 * a longer line is not a chat export's, and stops the import.
 */
export const MAX_LINE_BYTES = 1 << 20;
const PROGRESS_EVERY = 4 << 20;
/** Lines with a NUL reported one by one; one more finding counts the others (as the csv reader does). */
export const MAX_NUL_REPORTS = 10;
const NUL_MESSAGE =
  'a NUL byte: a binary file, or text in another encoding (a WhatsApp chat export is UTF-8 text)';

type DateOrder = 'dmy' | 'mdy' | 'ymd';

type Party = { readonly party: SourceParty } | { readonly problem: string };

/**
 * The account of a participant as the export names them: `--participants` first; a
 * number with its country code is a phone account (E.164); any other name stays a
 * WhatsApp `messaging` account named as shown, for the investigator to attribute.
 * `cell`: where the name is first written (a new account's warning points there).
 */
function resolveParty(
  name: string,
  participants?: ReadonlyMap<string, string>,
  cell?: SourceCell,
): Party {
  const shown = shownName(name);
  const identifier = participants?.get(shown) ?? shown;
  const at = cell === undefined ? {} : { cell };
  if (looksLikeInternationalPhone(identifier)) {
    const e164 = normalisePhone(identifier);
    if (!e164) return { problem: `"${identifier}" is not a valid international phone number` };
    return { party: { identifier: e164, kind: 'phone', platform: WHATSAPP_PLATFORM, ...at } };
  }
  return { party: { identifier, kind: 'messaging', platform: WHATSAPP_PLATFORM, ...at } };
}

/**
 * `--participants` with each name looked up as shownName gives it, identifiers without
 * marks; a name written without marks wins over another that differs from it only by
 * marks, and of two written with marks, the first in the file.
 */
function byShownName(participants: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  const shown = new Map<string, string>();
  // An identifier copied from the export keeps no marks either (`‪+63 917 555 0101‬`).
  for (const [name, identifier] of participants)
    if (shownName(name) === name) shown.set(name, shownName(identifier));
  for (const [name, identifier] of participants) {
    const key = shownName(name);
    if (!shown.has(key)) shown.set(key, shownName(identifier));
  }
  return shown;
}

const partyKey = (party: SourceParty): string => `${party.kind}\u0000${party.identifier}`;

/**
 * What the lines whose heads have one form show. An export writes every head one way; a
 * line of another form is a message's own text (forwarded, pasted). The export's form is
 * that of its first and last heads; when they differ, that of most heads: a file whose
 * first lines are of another form (carved, or another chat's lines pasted before it)
 * does not make the export's messages text, nor does a longer excerpt of another chat
 * pasted into a message of a short chat.
 */
interface FormSurvey {
  heads: number;
  readonly firstHead: { line: number; column: number };
  firstOver12?: number;
  secondOver12?: number;
  notYearFirst?: number;
  lastYearFirstDay: number;
  /** The names met as authors, in the order they first write, and where (the name's first character). */
  readonly authors: Map<string, SourceCell>;
  /** The names an iOS encryption notice is written after, and those that write (see chatNamesOf). */
  readonly noticeNames: Set<string>;
  readonly writers: Set<string>;
}

/** What the first pass learns. */
interface ChatSurvey {
  firstHead?: { line: number; column: number };
  /** The export's head form (see FormSurvey): lines with a head of another form continue a message. */
  form?: string;
  /**
   * Why the file cannot be read as a chat export, found by the survey: a line longer than
   * MAX_LINE_BYTES, or line ends of a CR alone (crOnlyBreak). The import stops there.
   */
  unreadable?: SourceFinding;
  /** Day-or-month fields over 12 in the first and in the second place (non-ymd lines). */
  firstOver12?: number;
  secondOver12?: number;
  /**
   * The first line whose date cannot be year/month/day with a 2-digit year (non-ymd
   * lines): `24/03/14` reads as 24 March 2014 and as 14 March 2024, `05/03/14` only as
   * the first (WhatsApp began in 2009).
   */
  notYearFirst?: number;
  parties: Map<string, Party>;
  /** Distinct parties in order of first message. */
  members: SourceParty[];
  /**
   * The lines holding a NUL byte, at the first of each (MAX_NUL_REPORTS of them, then one
   * finding counting the others): such a line is not read, its text is not the file's.
   */
  nuls: SourceFinding[];
  /**
   * iOS: the chat's own name, which its system lines are written after (see
   * chatNamesOf): its lines are system lines, and it is no participant.
   */
  chatNames: ReadonlySet<string>;
}

/**
 * iOS writes a chat's system lines after a name and a U+200E mark (`[date] Trip:
 * ‎Ana added Ben`), the encryption notice first; in a group, that name is the group's,
 * which never writes. The mark alone does not make a system line: iOS writes it before
 * every text it writes itself, a sender's media placeholder, call note or deleted
 * message's note (`Ana: ‎This message was deleted.`) as much as a system notice, and in
 * an individual chat the system lines are written after the other participant's name.
 * So the chat's own name is a name that an encryption notice is written after and that
 * shows no one writing: no unmarked text, placeholder, call note or deleted message's
 * note (the lists of whatsapp-line.ts), only marked texts in wordings the reader does not
 * know. Its lines are then system lines in any language, known wording or not, and it is
 * no participant, whoever else writes: a group's name kept as a participant would make its
 * unlisted notices messages from it and address every member's message to it (made-up
 * exchanges). The other participant of an individual chat, whose name the notices are
 * written after, stays one when they write, delete a message or call in a listed
 * language; when all they write are marked texts in an unlisted language, dropping them
 * leaves one participant, and each message is refused ("no other participant writes"):
 * a refusal, which the investigator sees, rather than an invented exchange.
 */
function chatNamesOf(
  noticeNames: ReadonlySet<string>,
  writers: ReadonlySet<string>,
): ReadonlySet<string> {
  const names = new Set<string>();
  for (const name of noticeNames) if (!writers.has(name)) names.add(name);
  return names;
}

/** The finding for a line longer than MAX_LINE_BYTES, at its first byte past the bound. */
function tooLongFinding(bytes: Uint8Array, line: WindowLine): SourceFinding {
  return sourceFinding(
    'import-format',
    line.line,
    byteColumn(bytes, line.start, line.end),
    `this line is longer than ${MAX_LINE_BYTES} bytes: not a WhatsApp chat export`,
  );
}

/**
 * The finding for a first line that holds the export's next lines, its line breaks being a
 * carriage return alone (CR, as classic Mac OS wrote them): the whole file was read as one
 * line, and refused for what that line seemed to be ("no other participant writes", or a
 * line too long). Undefined when line 1 ends with a line break (LF or CR LF), or holds no
 * CR alone followed by a message's date.
 */
function crOnlyBreak(bytes: Uint8Array, line: WindowLine): SourceFinding | undefined {
  // A first line ended by LF is one: a CR in it is its message's (one quoting another
  // message's head after a CR, a review found refused).
  if (line.terminated) return undefined;
  const stop = line.truncated ? line.eol : line.end;
  const at = bytes.subarray(line.start, stop).indexOf(0x0d);
  if (at < 0) return undefined;
  const cr = line.start + at;
  const after = decodeUtf8(bytes, cr + 1, stop, 200);
  if (!after.ok || readLineHead(after.text) === undefined) return undefined;
  return sourceFinding(
    'import-format',
    line.line,
    byteColumn(bytes, line.start, cr),
    "the lines of this file end with a carriage return alone (CR, as classic Mac OS wrote them), not LF or CR LF: courtfile reads WhatsApp exports whose lines end with LF or CR LF, and cannot tell this file's messages apart",
  );
}

/** The offset of the first NUL byte of a line, or -1. */
function nulIn(bytes: Uint8Array, line: WindowLine): number {
  const at = bytes.subarray(line.start, line.eol).indexOf(0);
  return at < 0 ? -1 : line.start + at;
}

/** The finding for a line holding a NUL byte at `offset`, at that byte. */
const nulFinding = (bytes: Uint8Array, line: WindowLine, offset: number): SourceFinding =>
  sourceFinding('import-format', line.line, byteColumn(bytes, line.start, offset), NUL_MESSAGE);

const sizeOf = (input: Uint8Array | ByteSource): number =>
  input instanceof Uint8Array ? input.length : input.size;

/** Bytes read at a time over the NULs that pad the end of a file. */
const PADDING_READ = 64 << 10;

/**
 * The file without the NUL bytes that pad its end, after its last byte that is not NUL (a
 * carved file, or one written into space allocated beforehand): they are none of the
 * chat's text, and are not read as lines. NULs anywhere before that byte are read, and
 * reported. Over a ByteSource, a pass that reads up to the padding also reads the padding
 * through (not given to the reader), so that each pass still reads, and hashes, the whole
 * file; the file is read as it is if its size no longer holds.
 */
function withoutEndPadding(input: Uint8Array | ByteSource): Uint8Array | ByteSource {
  if (input instanceof Uint8Array) {
    let end = input.length;
    while (end > 0 && input[end - 1] === 0) end--;
    return end === input.length ? input : input.subarray(0, end);
  }
  const size = input.size;
  const buf = new Uint8Array(Math.min(PADDING_READ, size));
  let end = size;
  scan: while (end > 0) {
    const at = Math.max(0, end - buf.length);
    const n = input.readAt(buf.subarray(0, end - at), at);
    if (n !== end - at) return input;
    for (let i = n; i > 0; i--) {
      if (buf[i - 1] !== 0) {
        end = at + i;
        break scan;
      }
    }
    end = at;
  }
  if (end === size) return input;
  const contentEnd = end;
  /** Reads the padding from `from` to the end of the file, for the pass to hash it. */
  const readThrough = (from: number): void => {
    const rest = new Uint8Array(Math.min(PADDING_READ, size - from));
    for (let at = from; at < size;) {
      const n = input.readAt(rest, at);
      if (n <= 0) return;
      at += n;
    }
  };
  return {
    size: contentEnd,
    ...(input.readBytes === undefined ? {} : { readBytes: input.readBytes }),
    ...(input.maxWindow === undefined ? {} : { maxWindow: input.maxWindow }),
    readAt(into, position) {
      if (position >= contentEnd) return 0;
      const n = input.readAt(
        into.subarray(0, Math.min(into.length, contentEnd - position)),
        position,
      );
      if (n > 0 && position + n >= contentEnd) readThrough(contentEnd);
      return n;
    },
  };
}

function survey(
  input: Uint8Array | ByteSource,
  options: ReaderOptions,
  known: KnownNames | undefined,
): ChatSurvey {
  const result: ChatSurvey = { parties: new Map(), members: [], nuls: [], chatNames: new Set() };
  /** Lines holding a NUL; the first one past MAX_NUL_REPORTS. */
  let nulLines = 0;
  let firstUnreported: SourceFinding | undefined;
  /** What the lines of each head form show, in the order the forms are first met. */
  const forms = new Map<string, FormSurvey>();
  let lastForm: string | undefined;
  let nextProgress = PROGRESS_EVERY;
  const lines = new LineWindow(input, MAX_LINE_BYTES);
  for (let line = lines.next(); line; line = lines.next()) {
    if (options.onProgress && lines.offset >= nextProgress) {
      options.onProgress(Math.floor(lines.offset / 2));
      nextProgress += PROGRESS_EVERY;
    }
    const bytes = lines.bytes;
    if (line.line === 1) {
      const cr = crOnlyBreak(bytes, line);
      if (cr !== undefined) {
        result.unreadable = cr;
        return result;
      }
    }
    if (line.truncated) {
      result.unreadable = tooLongFinding(bytes, line);
      return result;
    }
    const nul = nulIn(bytes, line);
    if (nul >= 0) {
      if (++nulLines <= MAX_NUL_REPORTS) result.nuls.push(nulFinding(bytes, line, nul));
      else firstUnreported ??= nulFinding(bytes, line, nul);
      continue;
    }
    const decoded = decodeUtf8(bytes, line.start, line.end, headBytes(bytes, line));
    if (!decoded.ok) continue;
    const head = readLineHead(decoded.text);
    if (!head) continue;
    let form = forms.get(head.form);
    if (!form) {
      form = {
        heads: 0,
        firstHead: { line: line.line, column: textColumn(decoded.text, head.dateIndex) },
        lastYearFirstDay: -Infinity,
        authors: new Map(),
        noticeNames: new Set(),
        writers: new Set(),
      };
      forms.set(head.form, form);
    }
    form.heads++;
    lastForm = head.form;
    const [a, b] = head.date;
    if (a.digits !== 4) {
      if (a.value > 12) form.firstOver12 ??= line.line;
      if (b.value > 12) form.secondOver12 ??= line.line;
      if (form.notYearFirst === undefined) {
        // Not year first: a date that cannot be one, or one that would go back in time
        // (an export runs forward: `30/03/24` then `13/04/24` would be 2030, then 2013).
        const day = yearFirstDay(head.date);
        if (day === undefined || day < form.lastYearFirstDay - BACKWARDS_DAYS)
          form.notYearFirst = line.line;
        else form.lastYearFirstDay = Math.max(form.lastYearFirstDay, day);
      }
    }
    const kind = classifyLine(decoded.text, head, known);
    if (kind.type === 'system') {
      if (kind.noticeOf !== undefined) form.noticeNames.add(kind.noticeOf);
      continue;
    }
    if (kind.writes) form.writers.add(kind.name);
    if (!form.authors.has(kind.name))
      form.authors.set(kind.name, {
        line: line.line,
        column: textColumn(decoded.text, kind.nameIndex),
      });
  }
  if (firstUnreported)
    result.nuls.push({
      ...firstUnreported,
      message: `${nulLines - MAX_NUL_REPORTS} more line(s) with a NUL byte, the first here, not reported one by one (${NUL_MESSAGE})`,
    });
  // The export's form: that of its first and last heads, which WhatsApp writes; when they
  // differ (lines of another chat before its first message, or in its last), that of
  // most heads (of the first met, when as many).
  let chosen: [string, FormSurvey] | undefined;
  const first = forms.entries().next().value;
  if (first && lastForm === first[0]) chosen = first;
  else for (const entry of forms) if (!chosen || entry[1].heads > chosen[1].heads) chosen = entry;
  if (!chosen) return result;
  const [formName, { authors, noticeNames, writers, ...dates }] = chosen;
  result.form = formName;
  result.firstHead = dates.firstHead;
  result.firstOver12 = dates.firstOver12;
  result.secondOver12 = dates.secondOver12;
  result.notYearFirst = dates.notYearFirst;
  result.chatNames = chatNamesOf(noticeNames, writers);
  // Each account is met first where its first name writes first: a name that gives the
  // account of an earlier one (`--participants` mapping two names to one number) gets
  // that one's party, and with it the place where the account was first met. (Every
  // participant writes: `to` is the others who write, so none is only a recipient.)
  const byKey = new Map<string, SourceParty>();
  for (const [name, cell] of authors) {
    if (result.chatNames.has(name)) continue;
    const party = resolveParty(name, options.participants, cell);
    if (!('party' in party)) {
      result.parties.set(name, party);
      continue;
    }
    const key = partyKey(party.party);
    const met = byKey.get(key);
    if (met) result.parties.set(name, { party: met });
    else {
      byKey.set(key, party.party);
      result.parties.set(name, party);
      result.members.push(party.party);
    }
  }
  return result;
}

/**
 * `--date-order`, else what the file shows: a first field over 12 somewhere means
 * day/month (once a date shows that its 2-digit year is not first), a second field over
 * 12 month/day; `ambiguous` when every date reads both ways.
 */
function decideDateOrder(
  chat: ChatSurvey,
  options: ReaderOptions,
  first: { line: number; column: number },
): DateOrder | 'ambiguous' | SourceFinding {
  if (options.dateOrder) return options.dateOrder;
  const { firstOver12, secondOver12, notYearFirst } = chat;
  if (firstOver12 === undefined) return secondOver12 === undefined ? 'ambiguous' : 'mdy';
  if (secondOver12 === undefined) {
    if (notYearFirst !== undefined) return 'dmy';
    return sourceFinding(
      'import-value',
      first.line,
      first.column,
      'every date of this export reads both as day/month/year and as year/month/day (2-digit years): give --date-order dmy or ymd',
    );
  }
  return sourceFinding(
    'import-value',
    first.line,
    first.column,
    `dates read as day/month on line ${firstOver12} but as month/day on line ${secondOver12}: give --date-order`,
  );
}

/**
 * The day number (days since 1970-01-01) of `date` read as year/month/day with a 2-digit
 * year WhatsApp could write (2009 on), or undefined when it cannot be read so.
 */
function yearFirstDay([y, m, d]: readonly [WrittenNumber, WrittenNumber, WrittenNumber]):
  number | undefined {
  if (y.digits !== 2 || y.value < 9) return undefined;
  const year = 2000 + y.value;
  if (m.value < 1 || m.value > 12 || d.value < 1 || d.value > daysInMonth(year, m.value))
    return undefined;
  return Date.UTC(year, m.value - 1, d.value) / 86_400_000;
}

/**
 * How far back (days) a date may go after a later one and the year-first reading still
 * hold (a phone whose clock was wrong for a while); further back, the dates are not year
 * first.
 */
const BACKWARDS_DAYS = 31;

function yearOf(n: WrittenNumber): number | undefined {
  if (n.digits === 4) return n.value;
  if (n.digits === 2) return 2000 + n.value; // WhatsApp exists since 2009
  return undefined;
}

/** The date and time of a line head, or why it is not one. */
function wallTimeOf(
  head: LineHead,
  order: DateOrder,
):
  | { year: number; month: number; day: number; hour: number; minute: number; second: number }
  | string {
  const [a, b, c] = head.date;
  const lineOrder = a.digits === 4 ? 'ymd' : order;
  const [y, m, d] = lineOrder === 'ymd' ? [a, b, c] : lineOrder === 'dmy' ? [c, b, a] : [c, a, b];
  const year = yearOf(y);
  if (year === undefined) return `the year "${y.value}" is not 2 or 4 digits`;
  // Instants run from year 0001 (the calendar has no year 0, and a dossier none either).
  if (year === 0) return 'the year 0000 does not exist (dates run from 0001)';
  if (m.value < 1 || m.value > 12 || d.value < 1 || d.value > daysInMonth(year, m.value))
    return `the date does not exist read as ${lineOrder}`;
  let hour = head.hour;
  if (head.meridiem) {
    if (hour < 1 || hour > 12) return `the hour ${hour} cannot be followed by AM/PM`;
    hour = (hour % 12) + (head.meridiem === 'pm' ? 12 : 0);
  }
  if (hour > 23 || head.minute > 59 || head.second > 59) return 'the time does not exist';
  return { year, month: m.value, day: d.value, hour, minute: head.minute, second: head.second };
}

/** Reads a WhatsApp chat export: see docs/import-formats.md. */
export function* readWhatsapp(
  file: Uint8Array | ByteSource,
  given: ReaderOptions,
): Generator<SourceItem> {
  // --participants names as the chat shows them: a name written with direction marks
  // (copied from the export) is found as well as the same name typed without them.
  const options = given.participants
    ? { ...given, participants: byShownName(given.participants) }
    : given;
  const size = sizeOf(file);
  const input = withoutEndPadding(file);
  // The shown names --participants lists tell where a name holding ": " ends.
  const known = options.participants ? knownNames(options.participants.keys()) : undefined;
  const chat = survey(input, options, known);
  // A listed name holding ": " followed by a system text (`Dr: Ana left early today`,
  // `Dr: Ana` listed) is a system line about it, unless the name before its ": " writes
  // elsewhere in the chat: then it is that author's message (`Dr` writing `Ana left
  // early today`), as if `Dr` were listed too. A name that writes nowhere else is taken
  // for no author: list it to read the line as its message.
  const reading: KnownNames | undefined = known && {
    all: new Set([...known.all, ...chat.parties.keys()]),
    withColon: known.withColon,
  };
  if (chat.unreadable) {
    yield chat.unreadable;
    return;
  }
  // A NUL is no chat export's: an error of the whole file (nothing is written, with
  // --skip-invalid too), reported before the rest.
  yield* chat.nuls;
  const first = chat.firstHead;
  if (!first) {
    yield sourceFinding(
      'import-format',
      1,
      1,
      'no line starts with a WhatsApp date and time: not a chat export',
    );
    return;
  }
  if (options.zone === undefined || !isTimeZone(options.zone)) {
    yield sourceFinding(
      'import-time',
      first.line,
      first.column,
      options.zone === undefined
        ? 'WhatsApp exports give local times without an offset: give --zone'
        : `"${options.zone}" is not an IANA time zone`,
    );
    return;
  }
  const zone = options.zone;
  const decided = decideDateOrder(chat, options, first);
  if (typeof decided === 'object') {
    yield decided;
    return;
  }
  const order = decided;
  const recipients = new Map<string, SourceParty[]>();
  let started = false;
  let nextProgress = PROGRESS_EVERY;
  const lines = new LineWindow(input, MAX_LINE_BYTES);
  for (let line = lines.next(); line; line = lines.next()) {
    if (options.onProgress && lines.offset >= nextProgress) {
      options.onProgress(Math.floor((size + lines.offset) / 2));
      nextProgress += PROGRESS_EVERY;
    }
    const bytes = lines.bytes;
    if (line.truncated) {
      // The file changed since the first pass (the digest check says so too).
      yield tooLongFinding(bytes, line);
      return;
    }
    // Reported by the first pass.
    if (nulIn(bytes, line) >= 0) continue;
    const decodedBytes = headBytes(bytes, line);
    const decoded = decodeUtf8(bytes, line.start, line.end, decodedBytes);
    if (!decoded.ok) {
      yield sourceFinding(
        'import-format',
        line.line,
        decoded.column,
        'this line is not UTF-8 text',
      );
      continue;
    }
    const text = decoded.text;
    const head = readLineHead(text);
    // A head of another form than the export's is a message's own text (see LineHead.form).
    if (!head || head.form !== chat.form) {
      if (!started && text.trim() !== '') {
        started = true; // one finding for the lines before the first message
        yield sourceFinding(
          'import-format',
          line.line,
          1,
          head
            ? `this line's date and time are written otherwise than those of the export's messages (the first on line ${chat.firstHead?.line}): not a line of this chat`
            : 'this line does not start with a WhatsApp date and time',
        );
      }
      continue;
    }
    started = true;
    const kind = classifyLine(text, head, reading);
    if (kind.type !== 'message' || chat.chatNames.has(kind.name)) continue;
    const locator = `line ${line.line}`;
    if (order === 'ambiguous' && head.date[0].digits !== 4) {
      yield sourceFinding(
        'import-value',
        line.line,
        textColumn(text, head.dateIndex),
        chat.notYearFirst === undefined
          ? 'every date of this export reads as day/month, as month/day and as year/month/day (2-digit years): give --date-order dmy, mdy or ymd'
          : 'every date of this export reads both as day/month and as month/day: give --date-order dmy or mdy',
      );
      return;
    }
    const wall = wallTimeOf(head, order === 'ambiguous' ? 'ymd' : order);
    if (typeof wall === 'string') {
      yield sourceFinding(
        'import-value',
        line.line,
        textColumn(text, head.dateIndex),
        wall,
        locator,
      );
      continue;
    }
    const placed = placeLocalTime(wall, zone);
    if (!placed.ok) {
      const why =
        placed.problem === 'gap'
          ? `does not exist in ${zone} (clocks went forward)`
          : `happened twice in ${zone} (clocks went back)`;
      yield sourceFinding(
        'import-time',
        line.line,
        textColumn(text, head.timeIndex),
        `this time ${why}`,
        locator,
      );
      continue;
    }
    const author = chat.parties.get(kind.name) ?? resolveParty(kind.name, options.participants);
    const nameColumn = textColumn(text, kind.nameIndex);
    if ('problem' in author) {
      yield sourceFinding('import-value', line.line, nameColumn, author.problem, locator);
      continue;
    }
    const key = partyKey(author.party);
    let to = recipients.get(key);
    if (!to) {
      to = chat.members.filter((member) => partyKey(member) !== key);
      recipients.set(key, to);
    }
    if (to.length === 0) {
      yield sourceFinding(
        'import-value',
        line.line,
        nameColumn,
        'no other participant writes in this chat: the recipient is unknown',
        locator,
      );
      continue;
    }
    // A call note is read whole or not at all: on a line longer than what was decoded
    // (`‎Voice call 1 1 1 ...` for 4 KB, then `was not answered`), its end is unseen, and
    // a call that may not have taken place is no call (a helper's sweep, session 33).
    const cut = line.end - line.start > decodedBytes;
    const exchange: SourceExchange = {
      type: 'exchange',
      locator,
      line: line.line,
      column: 1,
      at: placed.at,
      kind: cut && (kind.kind === 'call' || kind.kind === 'video_call') ? 'other' : kind.kind,
      platform: WHATSAPP_PLATFORM,
      from: author.party,
      to,
    };
    yield exchange;
  }
  options.onProgress?.(size);
}
