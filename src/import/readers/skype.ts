/**
 * Skype data exports (`messages.json`): calls, messages and media messages become
 * exchanges located at their message's line. Two passes over the bytes: the first learns
 * each conversation's participants and which account started each call (exports list
 * messages newest first, so a call's `ended` event comes before its `started` event);
 * the second yields the records. Message texts are never decoded.
 */
import { shorten } from '../../diagnostics/messages.js';
import { parseInstant } from '../../facts/time.js';
import type { ExchangeKind } from '../../model/dossier.js';
import type { ReaderOptions, SourceFinding, SourceItem, SourceParty } from '../types.js';
import { sourceFinding } from './finding.js';
import { bomLength } from './byte-lines.js';
import { JsonCursor, JsonSyntaxError, type ByteSource } from './json-cursor.js';
import { normalisePhone } from './phone.js';
import { durationMs, parseCallContent, type CallEvent } from './skype-call.js';
import {
  walkExport,
  type ExportEvent,
  type Located,
  type SkypeConversation,
  type SkypeMessage,
} from './skype-export.js';

export const SKYPE_PLATFORM = 'Skype';

/** Call contents are a few hundred bytes; a larger one is not read. */
const MAX_CALL_CONTENT = 1 << 20;
const PROGRESS_EVERY = 4 << 20;

/**
 * The account of a Skype identity: the type prefix dropped (`8:live:.cid.x` ->
 * `live:.cid.x`); a `4:` identity is a phone number (Skype calls to phones), E.164, or,
 * when it is no international number, an account of kind `other` as written.
 */
export function skypeParty(raw: string): SourceParty | undefined {
  // Some exports write a contact's URL (`https://.../v1/users/ME/contacts/8:live:.cid.x`).
  const contacts = raw.lastIndexOf('/contacts/');
  const text = (contacts < 0 ? raw : raw.slice(contacts + '/contacts/'.length)).trim();
  const prefixed = /^(\d+):(.*)$/.exec(text);
  const identifier = (prefixed ? (prefixed[2] ?? '') : text).trim();
  // `8:` alone names no one: no party (a message from it has no "from").
  if (identifier === '') return undefined;
  if (prefixed?.[1] === '4') {
    // A telephone number reached through Skype. One that is not in international form
    // (`4:0612345678`) cannot be placed in E.164, and a Skype messaging account of that
    // name would claim what it is not: an account of kind `other` on Skype, the number as
    // written (without its type prefix, as every Skype identity: import.md), reported as a
    // new account to attribute like any other. Nothing is refused, no record loses a
    // participant.
    const phone = normalisePhone(identifier.startsWith('+') ? identifier : `+${identifier}`);
    return phone
      ? { identifier: phone, kind: 'phone' }
      : { identifier, kind: 'other', platform: SKYPE_PLATFORM };
  }
  return { identifier, kind: 'messaging', platform: SKYPE_PLATFORM };
}

/** What a message type becomes: an exchange kind, `call-event`, or undefined (not an exchange). */
function kindOf(type: string): ExchangeKind | 'call-event' | undefined {
  if (type === 'Event/Call') return 'call-event';
  if (type === 'RichText' || type === 'Text') return 'message';
  if (type === 'RichText/UriObject' || type.startsWith('RichText/Media_')) return 'file_transfer';
  // Contact cards, locations, call invitations, polls, end-to-end encrypted texts.
  if (
    type.startsWith('RichText/') ||
    type === 'Poll' ||
    type === 'EndToEndEncryption/EncryptedText'
  )
    return 'message';
  return undefined; // ThreadActivity/*, Event/BingBot, Notice, PopCard, Control/*, ...
}

const partyKey = (party: SourceParty): string => `${party.kind}\u0000${party.identifier}`;

/** An insertion-ordered set of accounts. */
class Parties {
  readonly byKey = new Map<string, SourceParty>();
  private readonly others = new Map<string, SourceParty[]>();
  add(party: SourceParty | undefined): void {
    if (party && !this.byKey.has(partyKey(party))) {
      this.byKey.set(partyKey(party), party);
      this.others.clear();
    }
  }
  without(party: SourceParty): SourceParty[] {
    const key = partyKey(party);
    let others = this.others.get(key);
    if (!others) {
      others = [...this.byKey.values()].filter((p) => partyKey(p) !== key);
      this.others.set(key, others);
    }
    return others;
  }
}

/** What the first pass learns. */
interface ExportSurvey {
  userId?: string;
  sawConversations: boolean;
  /** Per conversation index: its participants (members, the export's owner, authors). */
  participants: Map<number, Parties>;
  /** `conversation index \0 call id` -> identity of whoever started the call. */
  callStarters: Map<string, string>;
  /** `skypeParty`, remembered: a conversation has few authors and many messages. */
  party(identity: string): SourceParty | undefined;
}

/**
 * The participant list of a call event; undefined when it has no content or none in its
 * content (not a call's list); why, when its content cannot be read: the message is then
 * one with an error, never passed over without a word (a call ended in it).
 */
function callOf(
  cursor: JsonCursor,
  message: SkypeMessage,
): CallEvent | { readonly problem: string } | undefined {
  const range = message.content;
  if (!range) return undefined;
  const bytes = range[1] - range[0];
  if (bytes > MAX_CALL_CONTENT)
    return {
      problem: `this call event's content has ${bytes.toLocaleString('en-US')} bytes, more than a call's participant list may have (${MAX_CALL_CONTENT.toLocaleString('en-US')}): it is not read`,
    };
  if (message.bytes > cursor.keptLimit)
    return {
      problem: `this call event's message has ${message.bytes.toLocaleString('en-US')} bytes, more than ${cursor.keptLimit.toLocaleString('en-US')} that are read whole: its participant list is not read`,
    };
  const text = cursor.decodeString(range[0], range[1]);
  if (text === undefined)
    return { problem: "this call event's content is not UTF-8 or has a bad escape" };
  return parseCallContent(text);
}

/** One pass over the export, reporting progress (each pass counts for half the bytes). */
function* walk(
  cursor: JsonCursor,
  size: number,
  options: ReaderOptions,
  pass: 0 | 1,
): Generator<ExportEvent> {
  let nextProgress = PROGRESS_EVERY;
  for (const event of walkExport(cursor)) {
    if (options.onProgress && cursor.offset >= nextProgress) {
      options.onProgress(Math.floor((pass * size + cursor.offset) / 2));
      nextProgress += PROGRESS_EVERY;
    }
    yield event;
  }
}

/** A cursor at the start of the export: over its bytes, or over the file, read as needed. */
function cursorOf(input: Uint8Array | ByteSource): JsonCursor {
  return input instanceof Uint8Array
    ? new JsonCursor(input, bomLength(input))
    : JsonCursor.over(input);
}

const sizeOf = (input: Uint8Array | ByteSource): number =>
  input instanceof Uint8Array ? input.length : input.size;

function survey(bytes: Uint8Array | ByteSource, options: ReaderOptions): ExportSurvey {
  const parties = new Map<string, SourceParty | undefined>();
  const result: ExportSurvey = {
    party: (identity) => {
      if (!parties.has(identity)) parties.set(identity, skypeParty(identity));
      return parties.get(identity);
    },
    sawConversations: false,
    participants: new Map(),
    callStarters: new Map(),
  };
  const authors = new Map<number, Parties>();
  const conversations: SkypeConversation[] = [];
  const cursor = cursorOf(bytes);
  for (const event of walk(cursor, sizeOf(bytes), options, 0)) {
    if (event.type === 'conversation') conversations.push(event.conversation);
    else if (event.type === 'end') {
      result.sawConversations = event.sawConversations;
      if (event.userId !== undefined) result.userId = event.userId;
    } else {
      const message = event.message;
      if (message.from === undefined) continue;
      // A sender written twice with different values is no one's: not a participant, and
      // a call it would have started has a starter that cannot be known (refused).
      const conflicts = conflictsOf(message);
      const unknownSender = conflicts.includes('from');
      // A type written twice, one of which makes an exchange, is an exchange's author
      // whichever type is last (the message itself is refused).
      const writes =
        (message.type !== undefined && kindOf(message.type) !== undefined) ||
        conflicts.includes('messagetype');
      let seen = authors.get(message.conversation);
      if (!seen) authors.set(message.conversation, (seen = new Parties()));
      if (!unknownSender && writes) seen.add(result.party(message.from));
      if (message.type !== 'Event/Call') continue;
      const call = callOf(cursor, message);
      // A call event that cannot be read is reported by the second pass.
      if (call !== undefined && !('problem' in call) && call.type === 'started' && call.callId)
        result.callStarters.set(
          `${message.conversation}\u0000${call.callId}`,
          unknownSender ? CONFLICTING_STARTER : message.from,
        );
    }
  }
  const owner = result.userId === undefined ? undefined : skypeParty(result.userId);
  for (const conversation of conversations) {
    const parties = new Parties();
    for (const member of conversation.members) parties.add(skypeParty(member));
    // A one-to-one conversation is named after the other account; group threads (19:)
    // and the export's own logs (48:) are not accounts.
    const id = conversation.id ?? '';
    if (!/^(?:19|48):/.test(id)) parties.add(skypeParty(id));
    parties.add(owner);
    for (const author of authors.get(conversation.index)?.byKey.values() ?? []) parties.add(author);
    result.participants.set(conversation.index, parties);
  }
  return result;
}

/** The types of call events Skype writes (a participant list's `type`). */
const CALL_TYPES: readonly string[] = ['started', 'ended', 'missed'];

/** A finding about a message: at its object's `{`. */
function finding(at: Located, message: string, locator?: string): SourceFinding {
  return sourceFinding('import-value', at.line, at.column, message, locator);
}

/**
 * Start of a call: its end minus its longest part's duration, rounded to the second, and
 * never after its end (a call of 0.2 s ended at .700 would otherwise start at the next
 * second: at = end then).
 */
function callStart(endMs: number, call: CallEvent): number | undefined | { bad: string } {
  let longest: number | undefined;
  for (const part of call.parts) {
    if (part.duration === undefined) continue;
    const ms = durationMs(part.duration);
    if (ms === undefined) return { bad: part.duration };
    longest = Math.max(longest ?? 0, ms);
  }
  return longest === undefined
    ? undefined
    : Math.min(endMs, Math.round((endMs - longest) / 1000) * 1000);
}

/** In callStarters: the started event gives two senders. */
const CONFLICTING_STARTER = '\u0000conflict';

/**
 * The keys a message gives different values, every value compared (in the order the
 * message first repeats them): a sender written two ways that name the same account
 * (`8:live:.cid.x`, `live:.cid.x`) is one value; types that would none of them make an
 * exchange (thread activity, typing) do not conflict. Empty for most messages.
 */
function conflictsOf(message: SkypeMessage): string[] {
  if (message.conflict === undefined || !message.repeated) return [];
  const seen = new Map<string, Set<string>>();
  for (const [key, value] of message.repeated) {
    let as: string;
    if (key === 'from') {
      const party = value === undefined ? undefined : skypeParty(value);
      as = party ? partyKey(party) : `\u0000${value ?? ''}`;
    } else if (key === 'messagetype') {
      const kind = value === undefined ? undefined : kindOf(value);
      // Every type that makes no exchange is one value: "none".
      as = kind === undefined ? '\u0000none' : (value ?? '');
    } else if (key === 'originalarrivaltime') {
      // One instant written two ways (`10:00:00.000Z`, `10:00:00Z`, `11:00:00+01:00`) is one value.
      const instant = value === undefined ? undefined : parseInstant(value);
      as = instant ? `${instant.epochMs}.${instant.subMsNanos ?? 0}` : (value ?? '\u0000');
    } else as = value ?? '\u0000';
    let values = seen.get(key);
    if (!values) seen.set(key, (values = new Set()));
    values.add(as);
  }
  return [...seen].filter(([, values]) => values.size > 1).map(([key]) => key);
}

/** The exchange a message becomes, a finding, or undefined when it is not an exchange. */
function messageItem(
  cursor: JsonCursor,
  message: SkypeMessage,
  chat: ExportSurvey,
): SourceItem | undefined {
  const kind = message.type === undefined ? undefined : kindOf(message.type);
  const conflicts = conflictsOf(message);
  const conflict = conflicts[0];
  // A record only: a key written twice in a message that is no exchange (a started or
  // missed call, thread activity) changes nothing; a type written twice is one if either
  // value would make an exchange.
  const conflicted = (): SourceFinding | undefined =>
    conflict === undefined
      ? undefined
      : finding(
          message,
          `"${conflict}" is given twice with different values; which one is true cannot be known`,
          message.id === undefined || conflict === 'id'
            ? `line ${message.line}`
            : `message ${message.id}`,
        );
  // A type written twice, one of which would make an exchange: refused, whichever is last.
  if (kind === undefined) return conflicts.includes('messagetype') ? conflicted() : undefined;
  if (kind !== 'call-event' && conflict !== undefined) return conflicted();
  if (message.id === undefined || message.id === '')
    // No `message ID` locator: --skip-invalid lists it by the line of its `{`.
    return finding(message, 'this message has no "id"', `line ${message.line}`);
  const locator = `message ${message.id}`;
  const instant = message.time === undefined ? undefined : parseInstant(message.time);
  if (message.time === undefined || !instant)
    return finding(
      message,
      // The value, when there is one: the message's `{` may be far from it (one-line exports).
      message.time === undefined
        ? '"originalarrivaltime" is not an instant with an offset'
        : `"originalarrivaltime" is not an instant with an offset: "${shorten(message.time)}"`,
      locator,
    );
  const from = message.from === undefined ? undefined : chat.party(message.from);
  if (!from) return finding(message, 'this message has no "from" account', locator);
  const participants = chat.participants.get(message.conversation) ?? new Parties();
  if (kind !== 'call-event') {
    const to = participants.without(from);
    if (to.length === 0)
      return finding(message, 'no other participant is known in this conversation', locator);
    // Written out, not spread from a shared base: spreading here cost more than reading the JSON.
    return {
      type: 'exchange',
      locator,
      line: message.line,
      column: message.column,
      at: message.time,
      kind,
      platform: SKYPE_PLATFORM,
      from,
      to,
    };
  }
  const call = callOf(cursor, message);
  if (call !== undefined && 'problem' in call) return finding(message, call.problem, locator);
  // Never a call passed over without a word: a list that cannot be read whole, or of a
  // type not known that gives durations (a call that connected), is an error of its own.
  if (call?.damaged !== undefined)
    return finding(
      message,
      `this call event's participant list cannot be read: ${call.damaged}`,
      locator,
    );
  if (
    call !== undefined &&
    !CALL_TYPES.includes(call.type) &&
    call.parts.some((part) => part.duration !== undefined)
  )
    return finding(
      message,
      `this call event is of type "${shorten(call.type)}", none of ${CALL_TYPES.join(', ')}, and gives durations: what it records is not known`,
      locator,
    );
  if (call?.type !== 'ended') return undefined; // started events are paired, missed calls did not happen
  if (conflict !== undefined) return conflicted();
  const start = callStart(instant.epochMs, call);
  if (typeof start === 'object')
    return finding(
      message,
      // Leading zeros dropped first: `0*` then `\d{10,}` split a run of zeros every way.
      /^\d{10,}(\.\d+)?$/.test(start.bad.replace(/^0+/, ''))
        ? `a call duration is longer than 999,999,999 seconds (about 31 years), which no call lasts: "${shorten(start.bad)}"`
        : `a call duration is not a number of seconds: "${shorten(start.bad)}"`,
      locator,
    );
  if (start === undefined) return undefined; // an ended call without durations never connected
  const starterId =
    call.callId && chat.callStarters.get(`${message.conversation}\u0000${call.callId}`);
  if (starterId === CONFLICTING_STARTER)
    return finding(
      message,
      'the "started" event of this call gives "from" twice with different values: who started it cannot be known',
      locator,
    );
  const starter = (starterId ? skypeParty(starterId) : undefined) ?? from;
  const others = new Parties();
  for (const part of call.parts) others.add(skypeParty(part.identity));
  let to = others.without(starter);
  if (to.length === 0) to = participants.without(starter);
  if (to.length === 0)
    return finding(message, 'no other participant is known for this call', locator);
  return {
    type: 'exchange',
    locator,
    line: message.line,
    column: message.column,
    // A call shorter than the rounding starts when it ends, as the export writes it.
    at:
      start >= instant.epochMs ? message.time : new Date(start).toISOString().replace('.000Z', 'Z'),
    end: message.time,
    kind: message.video ? 'video_call' : 'call',
    platform: SKYPE_PLATFORM,
    from: starter,
    to,
  };
}

/** The finding for a file that is not JSON where it was read (anything else is rethrown). */
function notJson(error: unknown): SourceItem {
  if (!(error instanceof JsonSyntaxError)) throw error;
  return sourceFinding(
    'import-format',
    error.line,
    error.column,
    `not a Skype export (JSON): ${error.message}`,
  );
}

/**
 * Reads the `messages.json` of a Skype data export: see docs/import-formats.md. Given a
 * ByteSource (the file), it reads it twice, a window at a time, never whole.
 */
export function* readSkype(
  bytes: Uint8Array | ByteSource,
  options: ReaderOptions,
): Generator<SourceItem> {
  let chat: ExportSurvey;
  try {
    chat = survey(bytes, options);
  } catch (error) {
    yield notJson(error);
    return;
  }
  if (!chat.sawConversations) {
    yield sourceFinding('import-format', 1, 1, 'not a Skype export: no "conversations" list');
    return;
  }
  const cursor = cursorOf(bytes);
  try {
    for (const event of walk(cursor, sizeOf(bytes), options, 1)) {
      if (event.type !== 'message') continue;
      const item = messageItem(cursor, event.message, chat);
      if (item) yield item;
    }
  } catch (error) {
    // Read from the file twice: it can only fail here if it changed in between (the
    // digest check then says so too).
    yield notJson(error);
    return;
  }
  options.onProgress?.(sizeOf(bytes));
}
