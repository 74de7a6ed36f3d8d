/**
 * A pull reader of JSON bytes that knows the line and column of every value and never
 * builds the document: callers read the keys and scalars they want and skip the rest,
 * so a 1 GB Skype export is read with memory that does not grow with it, and strings
 * that are skipped (message texts) are never decoded.
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
const utf8 = new TextDecoder('utf-8', { fatal: true });

const QUOTE = 0x22;
/** The bytes after a backslash in a JSON string, but `u`: " \ / b f n r t. */
const SIMPLE_ESCAPES = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);
const BACKSLASH = 0x5c;

export class JsonCursor {
  pos: number;
  /** 1-based line of `pos` (strings hold no raw line breaks, so only blanks move it). */
  line = 1;
  private lineStart: number;
  /** The column of byte `columnAt`, the last position asked for. */
  private columnAt = 0;
  private column = 1;
  /** Per open container: true for an object, false for an array. */
  private readonly kinds: boolean[] = [];
  /** Per open container: true until its first member is read. */
  private readonly first: boolean[] = [];

  private readonly latin1: Buffer;

  constructor(
    private readonly bytes: Uint8Array,
    start = 0,
  ) {
    this.latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = start;
    this.lineStart = 0;
  }

  /** Line and column of the next token (after blanks). */
  where(): { line: number; column: number } {
    this.skipBlanks();
    // Columns are counted on from the last one asked for on this line: exports are
    // often one single line, where counting from the line's start would be quadratic.
    if (this.columnAt < this.lineStart || this.columnAt > this.pos) {
      this.columnAt = this.lineStart;
      this.column = 1;
    }
    this.column += byteColumn(this.bytes, this.columnAt, this.pos) - 1;
    this.columnAt = this.pos;
    return { line: this.line, column: this.column };
  }

  fail(message: string): never {
    const { line, column } = this.where();
    throw new JsonSyntaxError(message, line, column);
  }

  skipBlanks(): void {
    const bytes = this.bytes;
    let pos = this.pos;
    for (;;) {
      const b = bytes[pos];
      if (b === 0x20 || b === 0x09 || b === 0x0d) pos++;
      else if (b === 0x0a) {
        pos++;
        this.line++;
        this.lineStart = pos;
      } else break;
    }
    this.pos = pos;
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
    const bytes = this.bytes;
    const start = this.pos;
    let pos = start;
    for (;;) {
      const b = bytes[pos];
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
    return [start, pos];
  }

  /** The text of a string range read by `stringRange`; undefined when not UTF-8 or badly escaped. */
  decodeString(start: number, end: number): string | undefined {
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
    const text = this.decodeString(start, end);
    if (text === undefined) {
      // Strings hold no line break: the string is on the current line.
      const column = byteColumn(this.bytes, this.lineStart, start - 1);
      throw new JsonSyntaxError('a string is not UTF-8 or has a bad escape', this.line, column);
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
    if (pos === start || pos - start > 32) this.fail('expected a value');
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
