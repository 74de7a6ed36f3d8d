/**
 * A pull reader of JSON bytes that knows the line and column of every value and never
 * builds the document: callers read the keys and scalars they want and skip the rest,
 * and strings that are skipped (message texts) are never decoded. Over a ByteSource (a
 * file) it holds a window of the bytes, read 1 MiB at a time, not the file: a 1 GB
 * Skype export, or a 1 GB line, is read with memory that does not grow with it.
 */
import { byteColumn } from './byte-lines.js';

/** Malformed JSON at a byte offset; the reader turns it into a located finding. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 512;
/** Bytes read from a ByteSource at a time. */
const READ_BYTES = 1 << 20;
/**
 * More than the bytes past the current position that the window may hold when it is
 * read on (`ensure` asks for at most 33).
 */
const WINDOW_MARGIN = 64;
/**
 * The window keeps what a caller may still ask for (the current string, the mark) up to
 * this size; beyond it, older bytes are dropped (a range that starts in them cannot be
 * decoded any more: only strings longer than this, which nothing decodes, lose theirs).
 * 63 MiB, a read and a margin: what is always kept whole is then 63 MiB (keptLimit).
 */
const MAX_WINDOW = (63 << 20) + READ_BYTES + WINDOW_MARGIN;

/** Bytes of a file, read on demand: at most `buf.length` bytes at `position`; 0 at the end. */
export interface ByteSource {
  readonly size: number;
  readAt(buf: Uint8Array, position: number): number;
  /** Tests: bytes read at a time and window cap (default READ_BYTES, MAX_WINDOW). */
  readonly readBytes?: number;
  readonly maxWindow?: number;
}
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The window's cap over `source`: its own (tests) or MAX_WINDOW, and never less than two
 * reads and the margin (a cap below a read would keep nothing whole).
 */
function windowCap(source: ByteSource): number {
  const read = source.readBytes ?? READ_BYTES;
  return Math.max(source.maxWindow ?? MAX_WINDOW, 2 * read + 2 * WINDOW_MARGIN);
}

const QUOTE = 0x22;
/** The bytes after a backslash in a JSON string, but `u`: " \ / b f n r t. */
const SIMPLE_ESCAPES = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);
const BACKSLASH = 0x5c;

export class JsonCursor {
  /** Position in the window `bytes` (see `offset` for the position in the file). */
  pos: number;
  /** 1-based line of `pos` (strings hold no raw line breaks, so only blanks move it). */
  line = 1;
  /** Where the current line starts in the window; -1 when it started before the window. */
  private lineStart: number;
  /** The column of byte `columnAt`, the last position asked for. */
  private columnAt = 0;
  private column = 1;
  /** Per open container: true for an object, false for an array. */
  private readonly kinds: boolean[] = [];
  /** Per open container: true until its first member is read. */
  private readonly first: boolean[] = [];

  private latin1: Buffer;
  private bytes: Uint8Array;
  /** Offset in the source of `bytes[0]`. */
  private base = 0;
  /** Window position kept for later decoding (`mark()`), or -1. */
  private marked = -1;
  /** The source gave no more bytes before its size. */
  private ended = false;
  /** The buffer the window lives in (over a ByteSource). */
  private window: Buffer | undefined;
  /** The last string whose start left the window: its offset and column. */
  private dropped: { offset: number; column: number } | undefined;

  constructor(
    bytes: Uint8Array,
    start = 0,
    private readonly source?: ByteSource,
  ) {
    this.bytes = bytes;
    this.latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = start;
    this.lineStart = 0;
    // Made once: every key is compared with it.
    this.keptLimit = source
      ? windowCap(source) - (source.readBytes ?? READ_BYTES) - WINDOW_MARGIN
      : Infinity;
  }

  /** A cursor over a file's bytes, read as needed; a UTF-8 byte order mark is passed over. */
  static over(source: ByteSource): JsonCursor {
    const cursor = new JsonCursor(new Uint8Array(0), 0, source);
    cursor.ensure(3, 0);
    const b = cursor.bytes;
    if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
      cursor.pos = 3;
      cursor.lineStart = 3;
      cursor.columnAt = 3;
    }
    return cursor;
  }

  /** Bytes held in the window now (tests check that it stays bounded). */
  get windowBytes(): number {
    return this.bytes.length;
  }

  /** Position in the source of the next byte. */
  get offset(): number {
    return this.base + this.pos;
  }

  /**
   * The longest string, or range from a mark, that the window always keeps whole: one a
   * byte longer may lose its start or not, by where it falls in the reads (the window is
   * read on a read at a time), so readString refuses, and a reader must not count on,
   * anything longer, wherever it is. Unbounded over bytes in memory.
   */
  readonly keptLimit: number;

  /** Keep the bytes from here on for decodeString until the next mark (a message's start). */
  mark(): void {
    this.marked = this.pos;
  }

  /**
   * Read more of the source into the window, keeping bytes from window index `keep` (and
   * from the mark) on. Returns how far the window moved (positions the caller holds go
   * down by that much), or -1 at the end of the source.
   */
  private more(keep: number): number {
    const source = this.source;
    if (!source || this.ended || this.base + this.bytes.length >= source.size) return -1;
    const read = source.readBytes ?? READ_BYTES;
    const cap = windowCap(source);
    let from = this.marked >= 0 ? Math.min(keep, this.marked) : keep;
    if (this.bytes.length - from + read > cap) from = keep;
    if (this.bytes.length - from + read > cap) {
      // A string longer than the cap: its start is dropped; where it was is kept.
      if (keep >= 0) this.dropped = { offset: this.base + keep, column: this.columnOf(keep) };
      from = this.bytes.length;
    }
    from = Math.max(0, Math.min(from, this.pos, this.bytes.length));
    const kept = this.bytes.length - from;
    const need = kept + read;
    // One buffer, reused while what is kept fits (a new one per read would leave the
    // garbage collector a gigabyte of dead buffers to find over a 1 GB export).
    let next = this.window;
    if (next === undefined || next.length < need) {
      next = Buffer.allocUnsafe(Math.max(need, 2 * read));
      next.set(this.bytes.subarray(from), 0);
    } else if (from > 0) next.copyWithin(0, from, this.bytes.length);
    const end = this.base + this.bytes.length;
    let filled = kept;
    while (filled < need) {
      const n = source.readAt(next.subarray(filled, need), end + filled - kept);
      if (n <= 0) break;
      filled += n;
    }
    this.window = next;
    if (filled === kept) {
      // The file ended before its size (it shrank): no more reads. The window's bytes
      // moved to the buffer's start: the move is reported (the next call says -1).
      this.ended = true;
      if (from === 0) return -1;
      this.shiftColumns(from);
      this.bytes = next.subarray(0, kept);
      this.latin1 = next;
      this.base += from;
      this.pos -= from;
      if (this.marked >= 0) this.marked = this.marked >= from ? this.marked - from : -1;
      return from;
    }
    this.shiftColumns(from);
    this.bytes = next.subarray(0, filled);
    this.latin1 = next;
    this.base += from;
    this.pos -= from;
    if (this.marked >= 0) this.marked = this.marked >= from ? this.marked - from : -1;
    return from;
  }

  /** Column bookkeeping for a window about to drop its first `cut` bytes. */
  private shiftColumns(cut: number): void {
    if (cut === 0) return;
    if (this.lineStart >= cut) {
      this.lineStart -= cut;
      this.columnAt = this.columnAt >= cut ? this.columnAt - cut : -1;
      return;
    }
    // The current line goes on past the cut: its column at the cut is carried over.
    if (this.columnAt <= cut) {
      this.column = this.columnOf(cut);
      this.columnAt = 0;
    } else this.columnAt -= cut;
    this.lineStart = -1;
  }

  /** The 1-based column of window index `index` (at or after the current line's start). */
  private columnOf(index: number): number {
    // Columns are counted on from the last one asked for on this line: exports are
    // often one single line, where counting from the line's start would be quadratic.
    if ((this.columnAt < this.lineStart || this.columnAt > index) && this.lineStart >= 0)
      return byteColumn(this.bytes, this.lineStart, index);
    if (this.columnAt < 0 || this.columnAt > index) return this.column;
    return this.column + byteColumn(this.bytes, this.columnAt, index) - 1;
  }

  /** Line and column of the next token (after blanks). */
  where(): { line: number; column: number } {
    this.skipBlanks();
    this.column = this.columnOf(this.pos);
    this.columnAt = this.pos;
    return { line: this.line, column: this.column };
  }

  fail(message: string): never {
    const { line, column } = this.where();
    throw new JsonSyntaxError(message, line, column);
  }

  skipBlanks(): void {
    let bytes = this.bytes;
    let pos = this.pos;
    for (;;) {
      const b = bytes[pos];
      if (b === 0x20 || b === 0x09 || b === 0x0d) pos++;
      else if (b === 0x0a) {
        pos++;
        this.line++;
        this.lineStart = pos;
      } else if (b === undefined && this.source) {
        this.pos = pos;
        if (this.more(pos) < 0) break;
        bytes = this.bytes;
        pos = this.pos;
      } else break;
    }
    this.pos = pos;
  }

  /** At least `n` bytes from `pos` in the window, unless the source ends first. */
  private ensure(n: number, keep: number): number {
    let moved = 0;
    while (this.source && this.pos + n > this.bytes.length) {
      const cut = this.more(keep - moved);
      if (cut < 0) break;
      moved += cut;
    }
    return moved;
  }

  /** The next significant byte, not consumed (-1 at the end). */
  peek(): number {
    this.skipBlanks();
    return this.pos < this.bytes.length ? (this.bytes[this.pos] ?? -1) : -1;
  }

  atEnd(): boolean {
    return this.peek() === -1;
  }

  private expect(byte: number, what: string): void {
    if (this.peek() !== byte) this.fail(`expected ${what}`);
    this.pos++;
  }

  /** Byte range of the next string's contents, quotes excluded, escapes not decoded. */
  stringRange(): [number, number] {
    this.expect(QUOTE, 'a string');
    let bytes = this.bytes;
    let start = this.pos;
    let pos = start;
    for (;;) {
      let b = bytes[pos];
      if ((b === undefined || (b === BACKSLASH && pos + 6 > bytes.length)) && this.source) {
        // More of the file: an escape is read whole, from one window.
        this.pos = pos;
        const moved = this.ensure(6, start);
        start -= moved;
        pos = this.pos;
        bytes = this.bytes;
        b = bytes[pos];
      }
      if (b === undefined) {
        this.pos = pos;
        this.fail('unterminated string');
      }
      if (b === QUOTE) break;
      if (b === BACKSLASH) {
        const escaped = bytes[pos + 1] ?? 0;
        if (escaped === 0x75) {
          // \uXXXX
          for (let k = pos + 2; k < pos + 6; k++) {
            const h = bytes[k] ?? 0;
            const hex =
              (h >= 0x30 && h <= 0x39) || (h >= 0x41 && h <= 0x46) || (h >= 0x61 && h <= 0x66);
            if (!hex) {
              this.pos = pos;
              this.fail('bad \\u escape in a string');
            }
          }
          pos += 6;
        } else if (SIMPLE_ESCAPES.has(escaped)) pos += 2;
        else {
          this.pos = pos;
          this.fail('bad escape in a string');
        }
      } else if (b < 0x20) {
        this.pos = pos;
        this.fail('control character in a string');
      } else pos++;
    }
    this.pos = pos + 1;
    return [this.base + start, this.base + pos];
  }

  /**
   * The text of a string range read by `stringRange` (offsets in the source); undefined
   * when not UTF-8, badly escaped, or no longer in the window (see MAX_WINDOW).
   */
  decodeString(from: number, to: number): string | undefined {
    const start = from - this.base;
    const end = to - this.base;
    if (start < 0 || end > this.bytes.length) return undefined;
    if (end - start <= 64) {
      // Keys and ids: short ASCII, sliced natively without a decoder call.
      let ascii = true;
      for (let i = start; i < end && ascii; i++) {
        const b = this.bytes[i] ?? 0x80;
        ascii = b < 0x80 && b !== BACKSLASH;
      }
      if (ascii) return this.latin1.toString('latin1', start, end);
    }
    try {
      const raw = utf8.decode(this.bytes.subarray(start, end));
      return raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
    } catch {
      return undefined;
    }
  }

  readString(): string {
    const [start, end] = this.stringRange();
    const limit = this.keptLimit;
    const text = end - start > limit ? undefined : this.decodeString(start, end);
    if (text === undefined) {
      // Strings hold no line break: the string is on the current line.
      const at = start - 1 - this.base;
      const column =
        at >= 0
          ? this.columnOf(at)
          : this.dropped?.offset === start
            ? this.dropped.column - 1
            : this.columnOf(0);
      throw new JsonSyntaxError(
        end - start > limit
          ? `a string longer than ${limit} bytes where a short one is expected`
          : 'a string is not UTF-8 or has a bad escape',
        this.line,
        column,
      );
    }
    return text;
  }

  /** A string, a number's text, a boolean or null; undefined (and skipped) for an object or array. */
  readScalar(): string | boolean | null | undefined {
    const b = this.peek();
    if (b === QUOTE) return this.readString();
    if (b === 0x7b || b === 0x5b) {
      this.skipValue();
      return undefined;
    }
    return this.readBare();
  }

  private readBare(): string | boolean | null {
    this.ensure(33, this.pos);
    const bytes = this.bytes;
    const start = this.pos;
    let pos = start;
    for (;;) {
      const b = bytes[pos];
      if (
        b === undefined ||
        !(
          (b >= 0x30 && b <= 0x39) ||
          (b >= 0x61 && b <= 0x7a) ||
          b === 0x2b ||
          b === 0x2d ||
          b === 0x2e ||
          b === 0x45
        )
      )
        break;
      pos++;
    }
    const text = String.fromCharCode(...bytes.subarray(start, Math.min(pos, start + 32)));
    if (pos === start) this.fail('expected a value');
    // Longer than any number an export's reader uses (a JSON number may be, but none of
    // Skype's are): said as such, not as a value missing.
    if (pos - start > 32)
      this.fail(/^-?\d/.test(text) ? 'a number longer than 32 characters' : 'expected a value');
    this.pos = pos;
    if (text === 'true') return true;
    if (text === 'false') return false;
    if (text === 'null') return null;
    if (!/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(text)) {
      this.pos = start;
      this.fail('expected a value');
    }
    return text;
  }

  /** Skips one value of any size without building it (no recursion: nesting costs no stack). */
  skipValue(): void {
    const base = this.kinds.length;
    this.skipOne();
    while (this.kinds.length > base) {
      if (this.peekClose()) continue;
      this.nextMember();
      if (this.isObject()) {
        this.stringRange();
        this.expect(0x3a, '":"');
      }
      this.skipOne();
    }
  }

  /** A scalar, or the opening bracket of a container. */
  private skipOne(): void {
    const b = this.peek();
    if (b === 0x7b || b === 0x5b) this.open(b);
    else if (b === QUOTE) this.stringRange();
    else this.readBare();
  }

  private isObject(): boolean {
    return this.kinds[this.kinds.length - 1] === true;
  }

  private open(b: number): void {
    if (this.kinds.length >= MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH}`);
    this.pos++;
    this.kinds.push(b === 0x7b);
    this.first.push(true);
  }

  /** Consumes the closing bracket of the innermost container when it comes next. */
  private peekClose(): boolean {
    const close = this.isObject() ? 0x7d : 0x5d;
    if (this.peek() !== close) return false;
    this.pos++;
    this.kinds.pop();
    this.first.pop();
    return true;
  }

  /** Steps over the comma before a member that is not the first. */
  private nextMember(): void {
    const index = this.first.length - 1;
    if (this.first[index]) this.first[index] = false;
    else this.expect(0x2c, '"," or a closing bracket');
  }

  beginObject(): void {
    if (this.peek() !== 0x7b) this.fail('expected an object');
    this.open(0x7b);
  }

  /** The next key of the current object, or undefined after its closing brace. */
  nextKey(): string | undefined {
    if (this.peekClose()) return undefined;
    this.nextMember();
    const key = this.readString();
    this.expect(0x3a, '":"');
    return key;
  }

  beginArray(): void {
    if (this.peek() !== 0x5b) this.fail('expected an array');
    this.open(0x5b);
  }

  /** True when the current array has another item (positioned on it). */
  nextItem(): boolean {
    if (this.peekClose()) return false;
    this.nextMember();
    return true;
  }
}
