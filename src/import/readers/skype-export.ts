/**
 * The structure of a Skype data export's `messages.json`, walked without building it:
 * `{userId, exportDate, conversations: [{id, threadProperties: {members}, MessageList:
 * [{id, originalarrivaltime, messagetype, content, from, properties}]}]}`. Only the
 * fields courtfile uses are read; a message's `content` is kept as a byte range and
 * decoded only for call events, whose content is the call's participant list.
 */
import type { JsonCursor } from './json-cursor.js';

export interface Located {
  readonly line: number;
  readonly column: number;
}

/** A message; its line and column are those of its object's `{` (where its findings are). */
export interface SkypeMessage extends Located {
  /** Index of the conversation in `conversations`. */
  readonly conversation: number;
  id?: string;
  time?: string;
  type?: string;
  from?: string;
  /** Byte range (offsets in the source) of the `content` string, escapes not decoded. */
  content?: [number, number];
  /**
   * The message's length in bytes, from its `{` to its `}`: a content range can be
   * decoded only in a message the cursor keeps whole (JsonCursor.keptLimit).
   */
  bytes: number;
  /** The export says it was a video call (`isVideoCall`, on the message or in its `properties`). */
  video: boolean;
  /**
   * A key the import reads (`id`, `originalarrivaltime`, `messagetype`, `from`) written
   * twice with different values: which one is true cannot be known (the message is refused).
   */
  conflict?: string;
  /**
   * Every value of the keys the import reads that the message writes more than once
   * (`[key, value]`, in order, the first value too): which of them conflict is decided
   * by the reader (a sender written two ways may name one account).
   */
  repeated?: [key: string, value: string | undefined][];
}

export interface SkypeConversation {
  readonly index: number;
  id?: string;
  /** `threadProperties.members`, as written (with type prefixes). */
  members: string[];
}

export type ExportEvent =
  | { readonly type: 'message'; readonly message: SkypeMessage }
  | { readonly type: 'conversation'; readonly conversation: SkypeConversation }
  | { readonly type: 'end'; readonly userId?: string; readonly sawConversations: boolean };

const OPEN_BRACE = 0x7b;
const QUOTE = 0x22;

const isTrue = (v: unknown): boolean => v === true || v === 'true' || v === 'True';

function asText(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/**
 * The value at the cursor when it is a JSON string; anything else is read past and gives
 * undefined. For the keys that name an account (`from`, `userId`): Skype writes them as
 * strings, and a number (`"from": 12`, read as its text by readScalar) became an account
 * "12" (a hostile-input sweep, session 41), where a list was already no sender.
 */
function stringAt(cursor: JsonCursor): string | undefined {
  if (cursor.peek() === QUOTE) return cursor.readString();
  cursor.skipValue();
  return undefined;
}

function readMessage(cursor: JsonCursor, conversation: number): SkypeMessage {
  const message: SkypeMessage = { conversation, ...cursor.where(), video: false, bytes: 0 };
  // Its content range is decoded once the message is read (calls): keep its bytes.
  const start = cursor.offset;
  cursor.mark();
  cursor.beginObject();
  // JSON leaves a repeated key to the reader (the last one would win): a key read twice
  // with another value is a conflict. No map per message (an export has millions).
  let read = 0;
  /** Keys whose first value is already in `repeated` (a bit each, as `read`). */
  let listed = 0;
  const take = (bit: number, key: string, before: string | undefined): string | undefined => {
    const value = key === 'from' ? stringAt(cursor) : asText(cursor.readScalar());
    if ((read & bit) !== 0) {
      const repeated = (message.repeated ??= []);
      if ((listed & bit) === 0) {
        repeated.push([key, before]);
        listed |= bit;
      }
      repeated.push([key, value]);
      if (before !== value) message.conflict ??= key;
    }
    read |= bit;
    return value;
  };
  for (let key = cursor.nextKey(); key !== undefined; key = cursor.nextKey()) {
    if (key === 'id') message.id = take(1, key, message.id);
    else if (key === 'originalarrivaltime') message.time = take(2, key, message.time);
    else if (key === 'messagetype') message.type = take(4, key, message.type);
    else if (key === 'from') message.from = take(8, key, message.from);
    else if (key === 'content' && cursor.peek() === QUOTE) message.content = cursor.stringRange();
    else if (key === 'isVideoCall') {
      if (isTrue(cursor.readScalar())) message.video = true;
    } else if (key === 'properties' && cursor.peek() === OPEN_BRACE) {
      cursor.beginObject();
      for (let inner = cursor.nextKey(); inner !== undefined; inner = cursor.nextKey()) {
        if (inner === 'isVideoCall') {
          if (isTrue(cursor.readScalar())) message.video = true;
        } else cursor.skipValue();
      }
    } else cursor.skipValue();
  }
  message.bytes = cursor.offset - start;
  return message;
}

/** `threadProperties.members`: a JSON array, or (as exports write it) a string holding one. */
function readMembers(cursor: JsonCursor): string[] {
  const members: string[] = [];
  const value = cursor.peek() === QUOTE ? cursor.readString() : undefined;
  if (value !== undefined) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed))
        for (const member of parsed) if (typeof member === 'string') members.push(member);
    } catch {
      // Not a list: no members known from here; authors still are.
    }
    return members;
  }
  if (cursor.peek() !== 0x5b) {
    cursor.skipValue();
    return members;
  }
  cursor.beginArray();
  while (cursor.nextItem()) {
    const member = cursor.readScalar();
    if (typeof member === 'string') members.push(member);
  }
  return members;
}

function* readConversation(cursor: JsonCursor, index: number): Generator<ExportEvent> {
  const conversation: SkypeConversation = { index, members: [] };
  cursor.beginObject();
  for (let key = cursor.nextKey(); key !== undefined; key = cursor.nextKey()) {
    if (key === 'id') conversation.id = asText(cursor.readScalar());
    else if (key === 'threadProperties' && cursor.peek() === OPEN_BRACE) {
      cursor.beginObject();
      for (let inner = cursor.nextKey(); inner !== undefined; inner = cursor.nextKey()) {
        if (inner === 'members') conversation.members = readMembers(cursor);
        else cursor.skipValue();
      }
    } else if (key === 'MessageList') {
      cursor.beginArray();
      while (cursor.nextItem()) {
        if (cursor.peek() === OPEN_BRACE)
          yield { type: 'message', message: readMessage(cursor, index) };
        else cursor.skipValue();
      }
    } else cursor.skipValue();
  }
  yield { type: 'conversation', conversation };
}

/** The events of an export in source order; throws JsonSyntaxError on malformed JSON. */
export function* walkExport(cursor: JsonCursor): Generator<ExportEvent> {
  if (cursor.peek() !== OPEN_BRACE) cursor.fail('expected a JSON object');
  let userId: string | undefined;
  let sawConversations = false;
  cursor.beginObject();
  for (let key = cursor.nextKey(); key !== undefined; key = cursor.nextKey()) {
    if (key === 'userId') userId = stringAt(cursor);
    else if (key === 'conversations') {
      sawConversations = true;
      cursor.beginArray();
      for (let index = 0; cursor.nextItem(); index++) {
        if (cursor.peek() === OPEN_BRACE) yield* readConversation(cursor, index);
        else cursor.skipValue();
      }
    } else cursor.skipValue();
  }
  if (!cursor.atEnd()) cursor.fail('unexpected data after the export');
  yield { type: 'end', ...(userId === undefined ? {} : { userId }), sawConversations };
}
