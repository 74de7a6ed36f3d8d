/**
 * Physical lines (LF or CRLF) of a file read a window at a time: the window holds the
 * current line (up to `maxLine` bytes) and the read ahead, never the file, so memory does
 * not grow with the file or with its longest line. Over bytes already in memory (tests),
 * the same lines come from those bytes without a copy.
 */
import { bomLength } from './byte-lines.js';
import type { ByteSource } from './json-cursor.js';

/** Bytes read from a ByteSource at a time. */
const READ_BYTES = 1 << 20;
const LF = 0x0a;
const CR = 0x0d;

/**
 * One line, reused from line to line: its bytes are `window.bytes[start, end)` until the
 * next call of `next()`. Copy what you keep.
 */
export interface WindowLine {
  /** 1-based line number. */
  line: number;
  start: number;
  /** End of the text, a CR before the line break (or the end of the file) excluded. */
  end: number;
  /** End of the text with such a CR: the line break's index, or the end of the file's bytes. */
  eol: number;
  /**
   * The line is longer than `maxLine` bytes: only its first `maxLine` bytes are given
   * (`end` = `eol` = start + maxLine); the rest is stepped over unread.
   */
  truncated: boolean;
  /** A line break ends the line (false for a last line without one, and a truncated line). */
  terminated: boolean;
}

export class LineWindow {
  /** The window; offsets in a WindowLine are into it. */
  bytes: Uint8Array;
  private filled: number;
  /** Window index of the next line's start. */
  private pos: number;
  /** Offset in the file of `bytes[0]`. */
  private base = 0;
  /** The rest of a truncated line is still to be stepped over. */
  private skipping = false;
  private ended: boolean;
  private started = false;
  private readonly source?: ByteSource;
  private readonly readBytes: number = READ_BYTES;
  private readonly current: WindowLine = {
    line: 0,
    start: 0,
    end: 0,
    eol: 0,
    truncated: false,
    terminated: false,
  };

  /** `maxLine`: the longest line given whole, in bytes (its CR included). */
  constructor(
    input: Uint8Array | ByteSource,
    readonly maxLine: number,
  ) {
    if (input instanceof Uint8Array) {
      this.bytes = input;
      this.filled = input.length;
      this.ended = true;
      this.pos = bomLength(input);
      this.started = true;
    } else {
      this.source = input;
      this.readBytes = input.readBytes ?? READ_BYTES;
      // A whole line, the byte after it (to know it is not longer) and one read.
      this.bytes = Buffer.allocUnsafe(maxLine + 1 + this.readBytes);
      this.filled = 0;
      this.ended = false;
      this.pos = 0;
    }
  }

  /** Offset in the file of the next line's start (for progress). */
  get offset(): number {
    return this.base + this.pos;
  }

  /** Bytes of the window (tests check that it does not grow with the file). */
  get windowBytes(): number {
    return this.bytes.length;
  }

  /** The next line, or undefined after the last one. */
  next(): WindowLine | undefined {
    if (!this.started) {
      this.started = true;
      while (this.filled < 3 && this.more()) {
        // the first bytes, for the byte order mark
      }
      this.pos = bomLength(this.bytes.subarray(0, this.filled));
    }
    if (this.skipping && !this.skipRest()) return undefined;
    /** Bytes from the line's start known to hold no line break. */
    let clean = 0;
    for (;;) {
      const lf = this.bytes.indexOf(LF, this.pos + clean);
      if (lf >= 0 && lf < this.filled && lf - this.pos <= this.maxLine)
        return this.give(lf, lf + 1, false, true);
      if (this.filled - this.pos > this.maxLine) {
        this.skipping = true;
        const cut = this.pos + this.maxLine;
        return this.give(cut, cut, true, false);
      }
      clean = this.filled - this.pos;
      if (!this.more()) {
        if (this.pos >= this.filled) return undefined;
        return this.give(this.filled, this.filled, false, false);
      }
    }
  }

  /** Gives the line from `pos` to `eol`; the next one starts at `next`. */
  private give(eol: number, next: number, truncated: boolean, terminated: boolean): WindowLine {
    const c = this.current;
    c.line++;
    c.start = this.pos;
    c.eol = eol;
    c.end = !truncated && eol > this.pos && this.bytes[eol - 1] === CR ? eol - 1 : eol;
    c.truncated = truncated;
    c.terminated = terminated;
    this.pos = next;
    return c;
  }

  /** Steps over the rest of a truncated line; false when the file ends in it. */
  private skipRest(): boolean {
    for (;;) {
      const lf = this.bytes.indexOf(LF, this.pos);
      if (lf >= 0 && lf < this.filled) {
        this.pos = lf + 1;
        this.skipping = false;
        return true;
      }
      this.pos = this.filled;
      if (this.ended || !this.more()) return false;
    }
  }

  /**
   * Reads more of the source, keeping the bytes from `pos` on (moved to the window's
   * start). False at the end of the source (its size, or fewer bytes: it shrank).
   */
  private more(): boolean {
    const source = this.source;
    if (!source || this.ended) return false;
    const keep = this.filled - this.pos;
    if (this.pos > 0) {
      this.bytes.copyWithin(0, this.pos, this.filled);
      this.base += this.pos;
      this.pos = 0;
      this.filled = keep;
    }
    const at = this.base + this.filled;
    const room = this.bytes.subarray(this.filled, this.filled + this.readBytes);
    const n = at >= source.size ? 0 : source.readAt(room, at);
    if (n <= 0) {
      this.ended = true;
      return false;
    }
    this.filled += n;
    return true;
  }
}
