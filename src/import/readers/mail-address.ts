/**
 * RFC 5322 address lists (`To:`, `Cc:`) and RFC 2047 encoded words. The list is split
 * on its raw text, before any word is decoded, so that a comma inside a quoted or
 * encoded display name never splits a mailbox. Display names are decoded for callers
 * that want them; courtfile itself keeps only the addresses.
 */
import { decodeWindows1252 } from '../values/windows-1252.js';

export interface Mailbox {
  /** The address as written (`Jean.Dupont@Example.org`), without angle brackets or route. */
  readonly address: string;
  /** The display name, encoded words decoded, when there is one. */
  readonly name?: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
function latin1(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return text;
}

function charsetDecode(charset: string, bytes: Uint8Array): string | undefined {
  const name = charset.toLowerCase().replace(/\*.*$/, ''); // RFC 2231 language suffix
  try {
    if (name === 'utf-8' || name === 'utf8' || name === 'us-ascii') return utf8.decode(bytes);
    if (name === 'iso-8859-1' || name === 'latin1') return latin1(bytes);
    if (name === 'windows-1252' || name === 'cp1252') return decodeWindows1252(bytes);
    return new TextDecoder(name).decode(bytes);
  } catch {
    return undefined;
  }
}

function qBytes(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '_') out.push(0x20);
    else if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      out.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(text.charCodeAt(i) & 0xff);
  }
  return Uint8Array.from(out);
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

/**
 * Decodes the RFC 2047 encoded words of a header text (`=?utf-8?B?...?=`, `=?iso-8859-1?Q?...?=`);
 * blanks between two adjacent encoded words go, as the RFC says. A word that cannot be
 * decoded is left as written.
 */
export function decodeEncodedWords(text: string): string {
  const joined = text.replace(/(\?=)\s+(?==\?)/g, '$1');
  return joined.replace(
    ENCODED_WORD,
    (word, charset: string, encoding: string, payload: string) => {
      const bytes =
        encoding.toUpperCase() === 'B' ? Buffer.from(payload, 'base64') : qBytes(payload);
      return charsetDecode(charset, bytes) ?? word;
    },
  );
}

/** Whether character code `c` ends a line (what `.` of a regular expression does not match). */
const endsLine = (c: number): boolean => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/**
 * `raw` with each quoted string in it its text, quoted pairs unescaped: as
 * raw.replace(/"((?:[^"\\]|\\.)*)"/g, ...) read it (a `"` left open, or whose string meets
 * a `\` at a line's end or last, is kept), in linear time. From each `"` of a string left
 * open (`"` and 128,000 `\"`), that pattern read it to its end again: 14 s.
 */
function unquote(raw: string): string {
  let out = '';
  let kept = 0;
  for (let open = raw.indexOf('"'); open >= 0;) {
    let i = open + 1;
    while (i < raw.length && raw.charCodeAt(i) !== 34) {
      if (raw.charCodeAt(i) === 92) {
        if (i + 1 === raw.length || endsLine(raw.charCodeAt(i + 1))) break;
        i++;
      }
      i++;
    }
    if (raw.charCodeAt(i) !== 34) {
      // Not closed. A `"` before `i` was a quoted pair's: read from it, its string ends
      // here too.
      open = raw.indexOf('"', i);
      continue;
    }
    out += raw.slice(kept, open) + raw.slice(open + 1, i).replace(/\\(.)/g, '$1');
    kept = i + 1;
    open = raw.indexOf('"', kept);
  }
  return kept === 0 ? raw : out + raw.slice(kept);
}

/** A display name's text: quotes and escapes removed, encoded words decoded, blanks collapsed. */
export function displayName(raw: string): string | undefined {
  const name = decodeEncodedWords(unquote(raw)).replace(/\s+/g, ' ').trim();
  return name === '' ? undefined : name;
}

/** One mailbox's raw text (`"Dupont, Jean" <jean@example.org>`, `bob@example.org (Bob)`). */
function mailbox(phrase: string, angle: string | undefined): Mailbox | undefined {
  if (angle !== undefined) {
    // An obsolete route (`<@relay.example:user@example.org>`) is dropped.
    const address = angle.replace(/^@[^:]*:/, '').replace(/\s+/g, '');
    const name = displayName(phrase);
    return address === '' ? undefined : { address, ...(name ? { name } : {}) };
  }
  const bare = phrase.replace(/\s+/g, ' ').trim();
  if (bare === '') return undefined;
  // Left as written: an encoded word is never part of an address (RFC 2047, 5 (3)), so
  // `=?UTF-8?B?...?=` without `<address>` is a display name alone, not an address its
  // decoded text would spell.
  return { address: bare };
}

/**
 * Where the quoted string that opens at `i` (a `"`) ends: the index of its closing quote,
 * `text.length` or past it when it is not closed. Quoted pairs (`\"`) are stepped over.
 */
export function quotedEnd(text: string, i: number): number {
  for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
  return i;
}

/**
 * Where the comment that opens at `i` (a `(`) ends: the index of its closing `)`, and
 * whether it is closed (else the index is the text's end). Comments nest (RFC 5322 3.2.2);
 * quoted pairs are stepped over.
 */
export function commentEnd(
  text: string,
  i: number,
): { readonly end: number; readonly closed: boolean } {
  let depth = 1;
  for (i++; i < text.length && depth > 0; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
  }
  return { end: i - 1, closed: depth === 0 };
}

/**
 * The mailboxes of an address list, groups flattened (`Team: a@x.org, b@x.org;`,
 * `undisclosed-recipients:;`). Comments are dropped. A list that is not well formed
 * still gives what can be read, and `problem` says what is wrong.
 */
export function parseAddressList(text: string): { mailboxes: Mailbox[]; problem?: string } {
  const mailboxes: Mailbox[] = [];
  let phrase = '';
  let angle: string | undefined;
  /** The phrase's length when the `<address>` was met: text after it is not a name. */
  let phraseAtAngle = 0;
  let problem: string | undefined;
  const flush = (): void => {
    // `<a@x.org> b@y.org`: two mailboxes without the comma between them (RFC 5322, 3.4),
    // the second one read as a display name and lost: which one is meant is not known.
    if (angle !== undefined && phrase.slice(phraseAtAngle).trim() !== '')
      problem ??= 'text after an <address> (a comma missing between two addresses?)';
    const box = mailbox(phrase, angle);
    if (box) mailboxes.push(box);
    phrase = '';
    angle = undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      i = quotedEnd(text, i);
      if (i >= text.length) problem ??= 'unterminated quoted string';
      phrase += text.slice(start, i + 1);
    } else if (c === '(') {
      const comment = commentEnd(text, i);
      i = comment.end;
      if (!comment.closed) problem ??= 'unterminated comment';
      phrase += ' ';
    } else if (c === '<') {
      // `<a@x.org> <b@y.org>`: the first one would be lost.
      if (angle !== undefined) problem ??= 'two <addresses> without a comma between them';
      phraseAtAngle = phrase.length;
      const end = text.indexOf('>', i);
      if (end < 0) {
        problem ??= 'unterminated <address>';
        angle = text.slice(i + 1);
        i = text.length;
      } else {
        angle = text.slice(i + 1, end);
        i = end;
      }
    } else if (c === ',' || c === ';') flush();
    else if (c === ':' && angle === undefined)
      phrase = ''; // a group's name
    else phrase += c;
  }
  flush();
  return problem === undefined ? { mailboxes } : { mailboxes, problem };
}
