import { resolvePlainSlice } from './core-scalars.js';
import { Shape, buildLong, hashStep, keyAt } from './plain-shapes.js';
import { taggedArray } from '../tagged-array.js';

/**
 * A reader for the plain block YAML that dossiers are made of, about 2.5 times faster
 * than js-yaml on it: block mappings and block sequences, one scalar per line (plain,
 * or quoted without escapes or line breaks), and one-line flow sequences and flow
 * mappings of such scalars; LF or CRLF line ends. For anything else (anchors, aliases,
 * tags, block or multi-line scalars, escapes, nested flow collections, tabs, a CR
 * without LF, directives, several documents, duplicate or odd keys, irregular
 * indentation, ...) it gives up and returns undefined, and the caller parses the text
 * with js-yaml. What it returns is exactly what parseFast's js-yaml load returns for
 * the same text (same values, same key order; plain scalars are resolved by the same
 * core-schema code).
 *
 * It also places findings (placePlain): read again, noting positions along the
 * findings' paths only, it gives the offsets offsetOf gives on the position-exact
 * `yaml` document, at a fraction of the cost.
 *
 * tests/load/plain-blocks.test.ts checks both against js-yaml and yaml on the example
 * and generated dossiers, every fixture, and thousands of mutated and random texts.
 */

/**
 * Deeper than this, give up (js-yaml then applies its own depth limit, which counts
 * keys as levels too; dossiers nest 4 levels deep).
 */
const MAX_DEPTH = 32;

/** Thrown (one instance) to give up from deep inside the reader. */
class GiveUp {}
const GIVE_UP = new GiveUp();

const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const DQUOTE = 34;
const SQUOTE = 39;
const LBRACKET = 91;

/**
 * Where the nodes along some paths are, recorded while reading (for placing findings):
 * a tree of the wanted paths, each node filled in when the reader meets it.
 */
export class Want {
  readonly children = new Map<string, Want>();
  /** Met while reading: where the node starts as a finding's target (an empty value: its key), */
  found = false;
  start = 0;
  /** and where it starts as a node (an empty value: just after "key:" and its spaces). */
  rangeStart = 0;
  /** Offset of the key, when the node is a mapping value. */
  keyStart = -1;
  kind: 'map' | 'seq' | 'scalar' = 'scalar';

  child(seg: string | number): Want {
    const key = String(seg);
    let c = this.children.get(key);
    if (!c) {
      c = new Want();
      this.children.set(key, c);
    }
    return c;
  }
}

function met(want: Want, start: number, kind: Want['kind'], rangeStart = start): void {
  want.found = true;
  want.start = start;
  want.rangeStart = rangeStart;
  want.kind = kind;
}

/**
 * Takes the items of some of the document's top-level lists as they are read, instead of
 * the list holding them: a large file's records are then checked one by one and their
 * objects die young, rather than a whole parse tree being built, kept and walked (see
 * DraftReader.streamFor). Such a list is returned empty. The reader may still give up
 * after items were taken: the caller must then undo what it did with them.
 */
export interface ListStream {
  /** Whether the items of top-level list `key` go to the stream (to `list(key)`). */
  streams(key: string): boolean;
  /**
   * Where the items of top-level list `key`, a list it streams, go: asked once the list
   * is found to be a block sequence, before its first item (not for each item: the
   * reader's loop then calls one sink, whichever list it reads).
   */
  list(key: string): ListSink;
}

/** Takes the items of one streamed list. */
export interface ListSink {
  /** Item `index` of the list, as read: a value of its own (no alias). */
  item(index: number, value: unknown): void;
}

/** The value of a plain block YAML text, or undefined when the reader gives up on it. */
export function parsePlainBlocks(text: string, want?: Want, stream?: ListStream): unknown {
  if (text.length === 0 || text.includes('\t')) return undefined;
  // CRLF line ends are read (files saved on Windows); a CR alone is left to js-yaml.
  const crlf = text.includes('\r');
  if (crlf && /\r(?!\n)/.test(text)) return undefined;
  // Characters js-yaml refuses are refused by the reader as it reads (see printable).
  if (text.charCodeAt(0) === 0xfeff) return undefined;
  try {
    // Placing findings (`want`) reads every node where it is: nothing is streamed then.
    return new Reader(text, crlf, want ? undefined : stream).document(want);
  } catch (err) {
    if (err === GIVE_UP) return undefined;
    throw err;
  }
}

const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const COMMA = 44;

/** Characters that cannot start a plain scalar ("-" can, before a safe character). */
const INDICATOR = charSet('-?:,[]{}#&*!|>\'"%@`');
/** Flow indicators, which end or break a plain scalar in a flow collection. */
const FLOW_INDICATOR = charSet(',[]{}');
/**
 * First characters of the plain scalars the core schema reads as null, booleans or
 * numbers (~, null, true, false, digits, signs, .5, .inf...): any other is a string.
 */
const TYPED_START = charSet('~nNtTfF0123456789+-.');

function charSet(chars: string): Uint8Array {
  const set = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) set[chars.charCodeAt(i)] = 1;
  return set;
}
const inSet = (set: Uint8Array, c: number): boolean => c < 128 && set[c] === 1;

class Reader {
  /**
   * A reader kept for the module's life, so that the shape (V8 map) of readers stays
   * alive. A reader's fields are added one by one from the class's initial map, and the
   * map they end with is held only weakly, through those transitions: between two files
   * no reader is alive, a full garbage collection could clear it, and V8 then threw away
   * the reader's optimised code, which checks that map (ten methods compiled again at the
   * bench dossier's first included file, `--trace-deopt`: "weak objects"). It is built on a
   * line of text: a reader of an empty text, whose line fields keep their first values,
   * did not keep the map readers have once they read.
   */
  static readonly resident = new Reader('a: 1\n');

  /** The current content line (blank and comment-only lines are skipped): start offset, */
  private start = 0;
  /** its indentation (leading spaces), */
  private indent = 0;
  /** its end (before the CR LF or LF), */
  private end = 0;
  /** and the offset of its line feed; `eof` once past the last line. */
  private lineEnd = 0;
  private eof = false;
  private depth = 0;
  /** Where the last scalar or flow collection read ended (just after it). */
  private scan = 0;
  /** Hash of the key the last keyEnd found (see plain-shapes.ts). */
  private keyHash = 0;
  /**
   * The values of the mappings being read, in key order, from `values[base]` of each up
   * to `top`: a mapping is built once all its values are known (Shape.build).
   */
  private readonly values: unknown[] = taggedArray();
  /** Their keys (read by mappings too long for a Shape). */
  private readonly keys: string[] = taggedArray();
  private top = 0;

  constructor(
    private readonly text: string,
    /** Lines end with CRLF: the CR is not part of the line. */
    private readonly crlf = false,
    /** Where the items of the top-level lists it streams go. */
    private readonly stream?: ListStream,
  ) {
    this.nextLine(0);
  }

  /** Move to the first content line starting at or after offset `pos`. */
  private nextLine(pos: number): void {
    const t = this.text;
    const n = t.length;
    while (pos < n) {
      let next = t.indexOf('\n', pos);
      if (next < 0) next = n;
      const end = this.crlf && t.charCodeAt(next - 1) === 13 ? next - 1 : next;
      let i = pos;
      while (i < end && t.charCodeAt(i) === SPACE) i++;
      if (i < end && t.charCodeAt(i) !== HASH) {
        // Document markers and directives start at column 0.
        if (
          i === pos &&
          (t.charCodeAt(i) === 37 /* % */ || t.startsWith('---', i) || t.startsWith('...', i))
        )
          throw GIVE_UP;
        this.start = pos;
        this.indent = i - pos;
        this.end = end;
        this.lineEnd = next;
        return;
      }
      if (i < end) this.printable(i, end); // a comment line
      pos = next + 1;
    }
    this.eof = true;
  }

  private advance(): void {
    this.nextLine(this.lineEnd + 1);
  }

  document(want?: Want): unknown {
    if (this.eof || this.indent !== 0) throw GIVE_UP;
    const value = this.block(0, want);
    if (!this.eof) throw GIVE_UP;
    return value;
  }

  /**
   * A block mapping or sequence whose first line is the current one, at indentation
   * `indent`; a sequence's items go to the stream when `streamed` names its list.
   */
  private block(indent: number, want: Want | undefined, streamed?: string): unknown {
    if (++this.depth > MAX_DEPTH) throw GIVE_UP;
    const at = this.start + indent;
    const value = this.isItem(at)
      ? this.sequence(indent, want, streamed)
      : this.mapping(indent, at, want);
    this.depth--;
    return value;
  }

  private isItem(at: number): boolean {
    if (this.text.charCodeAt(at) !== DASH) return false;
    if (at + 1 >= this.end) throw GIVE_UP; // "-" alone: a nested block item
    return this.text.charCodeAt(at + 1) === SPACE;
  }

  /**
   * Block sequence: lines at `indent` starting with "- ". When `streamed` names it (a
   * top-level list the stream takes), its items go to the stream and it is returned empty.
   */
  private sequence(indent: number, want: Want | undefined, streamed?: string): unknown[] {
    const t = this.text;
    const items: unknown[] = [];
    const sink = streamed === undefined ? undefined : this.stream?.list(streamed);
    let n = 0;
    if (want) met(want, this.start + indent, 'seq');
    while (!this.eof && this.indent === indent) {
      const start = this.start + indent;
      if (!this.isItem(start)) break;
      let at = start + 1;
      while (t.charCodeAt(at) === SPACE) at++;
      const end = this.end;
      if (at >= end || t.charCodeAt(at) === HASH) throw GIVE_UP;
      const c = t.charCodeAt(at);
      if (c === DASH && t.charCodeAt(at + 1) === SPACE) throw GIVE_UP; // "- - x"
      const item = want?.children.get(String(n));
      let value: unknown;
      if (this.keyEnd(at, end) >= 0) {
        // "- key: value": a mapping whose keys are at this column.
        if (++this.depth > MAX_DEPTH) throw GIVE_UP;
        value = this.mapping(at - this.start, at, item);
        this.depth--;
      } else {
        value = this.inlineValue(at, end, item);
        this.advance();
        this.noDeeperLine(indent);
      }
      if (sink) sink.item(n, value);
      else items.push(value);
      n++;
    }
    if (!this.eof && this.indent > indent) throw GIVE_UP;
    return items;
  }

  /**
   * Block mapping: "key: value" lines at column `indent`; the first one starts at `first`
   * (after "- " when the mapping is a sequence item).
   */
  private mapping(indent: number, first: number, want: Want | undefined): Record<string, unknown> {
    const t = this.text;
    const base = this.top;
    let shape = Shape.EMPTY;
    if (want) met(want, first, 'map');
    let at = first;
    for (;;) {
      const end = this.end;
      const colon = this.keyEnd(at, end);
      if (colon < 0) throw GIVE_UP;
      const key = keyAt(t, at, colon, this.keyHash);
      if (key === undefined) throw GIVE_UP;
      shape = this.withKey(shape, key);
      let v = colon + 1;
      while (v < end && t.charCodeAt(v) === SPACE) v++;
      const entry = want?.children.get(key);
      if (entry) entry.keyStart = at;
      let value: unknown;
      if (v >= end || t.charCodeAt(v) === HASH) {
        // Nothing on the line (or a comment): a nested block below, or null (placed at its key).
        this.printable(v, end);
        this.advance();
        if (!this.eof) {
          const next = this.indent;
          const nextAt = this.start + next;
          // A list of the document's top level that the stream takes.
          const streamed = this.depth === 1 && this.stream?.streams(key) ? key : undefined;
          if (next > indent) value = this.block(next, entry, streamed);
          else if (next === indent && this.isItem(nextAt))
            value = this.sequence(indent, entry, streamed);
          else value = null;
        } else value = null;
        if (value === null && entry) met(entry, at, 'scalar', v);
      } else {
        value = this.inlineValue(v, end, entry);
        this.advance();
        this.noDeeperLine(indent);
      }
      this.values[this.top++] = value;
      if (this.eof) break;
      const next = this.indent;
      if (next < indent) break;
      if (next > indent) throw GIVE_UP;
      at = this.start + indent;
      if (this.isItem(at)) {
        // A sequence at the key's column belongs to the mapping above, not to this one.
        break;
      }
    }
    const out = this.build(shape, base);
    this.top = base;
    return out;
  }

  /**
   * The shape of the mapping being read once `key` is added (its value goes to
   * `values[top]`); throws GIVE_UP on a duplicate key. Shape.TOO_LONG for a mapping of
   * more keys than a shape holds: then its keys (in `keys`) are checked and built here.
   */
  private withKey(shape: Shape, key: string): Shape {
    this.keys[this.top] = key;
    if (shape !== Shape.TOO_LONG) {
      const grown = shape.with(key);
      if (grown === undefined) throw GIVE_UP; // a duplicate key
      if (grown !== Shape.TOO_LONG) return grown;
      this.long.push(new Set(shape.keys));
    }
    const seen = this.long[this.long.length - 1]!;
    if (seen.has(key)) throw GIVE_UP;
    seen.add(key);
    return Shape.TOO_LONG;
  }

  /** The keys of the mappings being read that are too long for a shape, innermost last. */
  private readonly long: Set<string>[] = [];

  /** The mapping whose values are `values[base]` to `values[top - 1]`. */
  private build(shape: Shape, base: number): Record<string, unknown> {
    if (shape !== Shape.TOO_LONG) return shape.build(this.values, base);
    this.long.pop();
    return buildLong(this.keys, base, this.values, base, this.top - base);
  }

  /** After a one-line value, a more indented line would continue it: not for this reader. */
  private noDeeperLine(indent: number): void {
    if (!this.eof && this.indent > indent) throw GIVE_UP;
  }

  /**
   * Offset of the ":" ending a plain key at `at` ("key:" then space or end of line), or
   * -1; the hash of the key's characters is left in `keyHash`.
   */
  private keyEnd(at: number, end: number): number {
    const t = this.text;
    let hash = 0;
    for (let i = at; i < end; i++) {
      const c = t.charCodeAt(i);
      if (c === COLON) {
        const next = i + 1 < end ? t.charCodeAt(i + 1) : SPACE;
        if (next === SPACE) {
          this.keyHash = hash;
          return i;
        }
      } else if (c === SPACE || c === HASH || c === DQUOTE || c === SQUOTE) return -1;
      else if (c < 0x20 || c > 0x7e) this.printableAt(c, i);
      hash = hashStep(hash, c);
    }
    return -1;
  }

  /** A value written on the rest of a line, from `at` (non-space) to `end`. */
  private inlineValue(at: number, end: number, want: Want | undefined): unknown {
    const c = this.text.charCodeAt(at);
    let value: unknown;
    if (want) met(want, at, 'scalar');
    if (c === DQUOTE || c === SQUOTE) value = this.quoted(at, end);
    else if (c === LBRACKET) value = this.flowSequence(at, end, want);
    else if (c === LBRACE) value = this.flowMapping(at, end, want);
    else return this.plainScalar(at, end, 0);
    this.restOfLine(this.scan, end);
    return value;
  }

  /** Only spaces, then the end of the line or a comment. */
  private restOfLine(at: number, end: number): void {
    let i = at;
    while (i < end && this.text.charCodeAt(i) === SPACE) i++;
    if (i < end && (this.text.charCodeAt(i) !== HASH || i === at)) throw GIVE_UP;
    this.printable(i, end); // a comment, if any
  }

  /**
   * Throws GIVE_UP when `text[from, to)` (inside a line) holds a character js-yaml
   * refuses anywhere in a file (its PATTERN_NON_PRINTABLE: C0 controls but tab, LF and
   * CR; DEL; C1 controls but NEL; U+FFFE, U+FFFF; lone surrogates). Every character of
   * the text is checked, as it is read: by the loops that read keys and plain scalars
   * (printableAt), and here for the comments and quoted scalars they skip.
   */
  private printable(from: number, to: number): void {
    const t = this.text;
    for (let i = from; i < to; i++) {
      const c = t.charCodeAt(i);
      if (c < 0x20 || c > 0x7e) this.printableAt(c, i);
    }
  }

  /** Throws GIVE_UP when `c`, at `i` inside a line and not printable ASCII, is refused (see printable). */
  private printableAt(c: number, i: number): void {
    // C0 controls (a tab was refused before reading; LF and CR end lines), DEL and C1
    // controls but NEL, U+FFFE and U+FFFF.
    if (c < 0x20 || (c <= 0x9f && c !== 0x85) || c >= 0xfffe) throw GIVE_UP;
    if (c >= 0xd800 && c <= 0xdfff) {
      // A surrogate must be half of a pair.
      const high = c <= 0xdbff;
      const other = this.text.charCodeAt(high ? i + 1 : i - 1);
      if (high ? !(other >= 0xdc00 && other <= 0xdfff) : !(other >= 0xd800 && other <= 0xdbff))
        throw GIVE_UP;
    }
  }

  /** The value of a plain scalar (see plain), resolved by the core schema. */
  private plainScalar(at: number, end: number, flow: 0 | 93 | 125): unknown {
    const last = this.plain(at, end, flow);
    return inSet(TYPED_START, this.text.charCodeAt(at))
      ? resolvePlainSlice(this.text, at, last)
      : this.text.slice(at, last);
  }

  /**
   * A one-line plain scalar from `at`: up to a comment (" #") or the end of the line
   * (block context), or to "," or the closing bracket `flow` (flow context: "]" or
   * "}"); trailing spaces dropped. Returns where it ends; `scan` is where the scan stopped.
   */
  private plain(at: number, end: number, flow: 0 | 93 | 125): number {
    const t = this.text;
    const first = t.charCodeAt(at);
    // Indicators that start something other than a plain scalar ("-" may start one,
    // as in -5, when a safe character follows).
    if (inSet(INDICATOR, first)) {
      const next = t.charCodeAt(at + 1);
      const safe = at + 1 < end && next !== SPACE && (!flow || !inSet(FLOW_INDICATOR, next));
      if (!(first === DASH && safe)) throw GIVE_UP;
    }
    let i = at;
    let last = at; // end of the last non-space character
    for (; i < end; i++) {
      const c = t.charCodeAt(i);
      if (c === SPACE) continue;
      if (c < 0x20 || c > 0x7e) this.printableAt(c, i);
      if (c === HASH && t.charCodeAt(i - 1) === SPACE) {
        this.printable(i, end); // a comment
        break;
      }
      if (c === COLON) {
        // ": " would start a mapping (and ":," or ":]" a pair in a flow collection).
        const next = i + 1 < end ? t.charCodeAt(i + 1) : SPACE;
        if (next === SPACE || (flow && inSet(FLOW_INDICATOR, next))) throw GIVE_UP;
      }
      if (flow && (c === COMMA || c === flow)) break;
      if (flow && (c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE || c === HASH))
        throw GIVE_UP;
      last = i + 1;
    }
    if (last === at) throw GIVE_UP;
    this.scan = i;
    return last;
  }

  /** A quoted scalar on one line, without escapes (a backslash in "..." gives up); sets `scan`. */
  private quoted(at: number, end: number): string {
    const t = this.text;
    const q = t.charCodeAt(at);
    if (q === DQUOTE) {
      const close = t.indexOf('"', at + 1);
      if (close < 0 || close >= end) throw GIVE_UP;
      for (let i = at + 1; i < close; i++) {
        const c = t.charCodeAt(i);
        if (c === 92 /* \\ */) throw GIVE_UP;
        if (c < 0x20 || c > 0x7e) this.printableAt(c, i);
      }
      this.scan = close + 1;
      return t.slice(at + 1, close);
    }
    let out = '';
    let from = at + 1;
    for (;;) {
      const close = t.indexOf("'", from);
      if (close < 0 || close >= end) throw GIVE_UP;
      this.printable(from, close);
      out += t.slice(from, close);
      if (t.charCodeAt(close + 1) === SQUOTE) {
        out += "'";
        from = close + 2;
        continue;
      }
      this.scan = close + 1;
      return out;
    }
  }

  /** A quoted or plain scalar inside a flow collection closed by `close`; sets `scan`. */
  private flowScalar(at: number, end: number, close: 93 | 125): unknown {
    const c = this.text.charCodeAt(at);
    if (c === DQUOTE || c === SQUOTE) return this.quoted(at, end);
    return this.plainScalar(at, end, close);
  }

  private skipSpaces(at: number, end: number): number {
    let i = at;
    while (i < end && this.text.charCodeAt(i) === SPACE) i++;
    return i;
  }

  /**
   * After an entry of a flow collection closed by `close`, at `at`: the offset of the
   * next entry, or -1 after the closer (then `scan` is just after it). Entries are
   * separated by commas: no empty entry, no trailing comma.
   */
  private flowNext(at: number, end: number, close: 93 | 125): number {
    const t = this.text;
    let i = this.skipSpaces(at, end);
    const sep = t.charCodeAt(i);
    if (sep === close) {
      this.scan = i + 1;
      return -1;
    }
    if (sep !== COMMA) throw GIVE_UP;
    i = this.skipSpaces(i + 1, end);
    if (t.charCodeAt(i) === close) throw GIVE_UP; // trailing comma: leave it to js-yaml
    if (i >= end) throw GIVE_UP;
    return i;
  }

  /** "[a, "b", 3]" on one line: scalars only; sets `scan` after the "]". */
  private flowSequence(at: number, end: number, want: Want | undefined): unknown[] {
    const items: unknown[] = [];
    if (want) want.kind = 'seq';
    let i = this.skipSpaces(at + 1, end);
    if (this.text.charCodeAt(i) === RBRACKET) {
      this.scan = i + 1;
      return items;
    }
    if (i >= end) throw GIVE_UP;
    while (i >= 0) {
      const item = want?.children.get(String(items.length));
      if (item) met(item, i, 'scalar');
      items.push(this.flowScalar(i, end, RBRACKET));
      i = this.flowNext(this.scan, end, RBRACKET);
    }
    return items;
  }

  /** "{ from: 2018-01-14, to: "x" }" on one line: identifier keys, scalar values; sets `scan`. */
  private flowMapping(at: number, end: number, want: Want | undefined): Record<string, unknown> {
    const t = this.text;
    const base = this.top;
    let shape = Shape.EMPTY;
    if (want) want.kind = 'map';
    let i = this.skipSpaces(at + 1, end);
    if (t.charCodeAt(i) === RBRACE) {
      this.scan = i + 1;
      return shape.build(this.values, base);
    }
    if (i >= end) throw GIVE_UP;
    while (i >= 0) {
      const colon = this.keyEnd(i, end);
      if (colon < 0) throw GIVE_UP;
      const key = keyAt(t, i, colon, this.keyHash);
      if (key === undefined) throw GIVE_UP;
      shape = this.withKey(shape, key);
      const v = this.skipSpaces(colon + 1, end);
      if (v >= end) throw GIVE_UP;
      const entry = want?.children.get(key);
      if (entry) {
        entry.keyStart = i;
        met(entry, v, 'scalar');
      }
      this.values[this.top++] = this.flowScalar(v, end, RBRACE);
      i = this.flowNext(this.scan, end, RBRACE);
    }
    const out = this.build(shape, base);
    this.top = base;
    return out;
  }
}

/** A path to place, as findings give it (see offsetOf in parse-exact.ts, which this mirrors). */
export interface PlaceRequest {
  readonly path: readonly (string | number)[];
  readonly anchor: 'value' | 'key' | 'parent';
}

/**
 * The offsets of the nodes the requests point at, found by reading the text again
 * with the plain-block reader, or undefined when it gives up on the text (the caller
 * then uses the position-exact parser). Same answer as offsetOf: the path is walked as
 * far as it exists and the deepest node found is used; an empty value pointed at is
 * placed at its key (else just after it); `key` places the last segment's key,
 * `parent` the node holding it.
 */
export function placePlain(text: string, requests: readonly PlaceRequest[]): number[] | undefined {
  const root = new Want();
  for (const r of requests) {
    let node = root;
    for (const seg of r.path) node = node.child(seg);
  }
  if (parsePlainBlocks(text, root) === undefined) return undefined;
  return requests.map(({ path, anchor }) => {
    const target = anchor === 'value' ? path : path.slice(0, -1);
    let node = root;
    for (const seg of target) {
      const next = node.children.get(String(seg));
      const usable =
        next?.found === true &&
        (node.kind === 'map' || (node.kind === 'seq' && typeof seg === 'number'));
      if (!usable) return node.rangeStart;
      node = next;
    }
    if (anchor === 'key' && node.kind === 'map' && path.length > 0) {
      const last = node.children.get(String(path[path.length - 1]));
      if (last?.found && last.keyStart >= 0) return last.keyStart;
    }
    return anchor === 'value' ? node.start : node.rangeStart;
  });
}
