/**
 * The wrapped cells of a table's rows, kept between the measuring pass and the drawing
 * pass so that each row is produced and wrapped once. Kept compactly, in flat typed
 * arrays: per row its lines' texts joined, in UTF-8 in one shared byte buffer, and its
 * height; per cell where its lines end; per line where its text ends in the row's text,
 * its width and kind (style and font file). No object or string is kept per row, cell or
 * line (a string and three array slots per line cost ~60 bytes; this ~25 with its text,
 * and a row's string alone ~190 bytes in French, two bytes a character from the first
 * narrow no-break space); the drawing pass rebuilds the items of a row when it places it.
 */
import type { TextStyle } from '../theme.js';
import type { Item } from './table-cells.js';

interface Kind {
  readonly style: TextStyle;
  readonly file: string;
  readonly height: number;
}

type Typed = Float64Array | Uint32Array | Uint16Array | Uint8Array;

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** An append-only typed array that doubles its storage when full. */
class Column<T extends Typed> {
  length = 0;
  constructor(private data: T) {}
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new (this.data.constructor as new (n: number) => T)(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  /** Drop the unused storage past `length` (no more pushes expected). */
  trim(): void {
    if (this.data.length > this.length) this.data = this.data.slice(0, this.length) as T;
  }
  at(index: number): number {
    return this.data[index] ?? 0;
  }
  /** Append the UTF-8 bytes of `text` (Uint8Array columns). */
  pushText(text: string): void {
    for (;;) {
      const room = (this.data as Uint8Array).subarray(this.length);
      const { read, written } = utf8.encodeInto(text, room);
      if (read === text.length) {
        this.length += written;
        return;
      }
      const grown = new (this.data.constructor as new (n: number) => T)(
        Math.max(this.data.length * 2, this.length + text.length * 3),
      );
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
  }
  /** The text of bytes `from` to `to` (Uint8Array columns). */
  text(from: number, to: number): string {
    return fromUtf8.decode(this.data.subarray(from, to));
  }
}

export class RowStore {
  /** The texts of every row's lines, joined, in UTF-8; and where each row's ends. */
  private readonly bytes = new Column(new Uint8Array(64 * 1024));
  private readonly rowEnds = new Column(new Uint32Array(64));
  private readonly heights = new Column(new Float64Array(64));
  /** Per cell, row by row: end (exclusive) of its lines, counted from the first line. */
  private readonly ends = new Column(new Uint32Array(256));
  /** Per line: end of its text in its row's string; width; kind. */
  private readonly textEnds = new Column(new Uint32Array(1024));
  private readonly widths = new Column(new Float64Array(1024));
  private readonly kinds = new Column(new Uint16Array(1024));
  private readonly kindList: Kind[] = [];
  private readonly kindIndex = new Map<TextStyle, Map<string, number>>();
  /** Set when the budget ran out: rows from `count` on are not kept. */
  closed = false;

  constructor(private readonly columns: number) {}

  /** Rows kept (rows 0 .. count-1). */
  get count(): number {
    return this.rowEnds.length;
  }

  /** Lines a row would take in the store (for the budget). */
  static lines(cells: readonly (readonly Item[])[]): number {
    let n = 0;
    for (const items of cells) n += items.length;
    return n;
  }

  /**
   * Keep the next row. A row whose text UTF-8 cannot hold as it is (a lone surrogate) is
   * not kept and closes the store: it and the rows after it are laid out again.
   */
  add(cells: readonly (readonly Item[])[], height: number): void {
    if (!cells.every((items) => items.every((item) => wellFormed(item.line.text)))) {
      this.closed = true;
      return;
    }
    const texts: string[] = [];
    let length = 0;
    for (let c = 0; c < this.columns; c++) {
      for (const item of cells[c] ?? []) {
        texts.push(item.line.text);
        length += item.line.text.length;
        this.textEnds.push(length);
        this.widths.push(item.line.width);
        this.kinds.push(this.kindOf(item));
      }
      this.ends.push(this.textEnds.length);
    }
    this.bytes.pushText(texts.join(''));
    this.rowEnds.push(this.bytes.length);
    this.heights.push(height);
  }

  /**
   * The measuring pass is over: give back the room the doubling arrays kept ahead (up to
   * half of them), since the store is held until the table is drawn.
   */
  trim(): void {
    for (const column of [
      this.bytes,
      this.rowEnds,
      this.heights,
      this.ends,
      this.textEnds,
      this.widths,
      this.kinds,
    ]) {
      column.trim();
    }
  }

  height(row: number): number {
    return this.heights.at(row);
  }

  /** The items of each cell of a kept row, as the measuring pass made them. */
  cells(row: number): Item[][] {
    const cells: Item[][] = [];
    const text = this.bytes.text(row === 0 ? 0 : this.rowEnds.at(row - 1), this.rowEnds.at(row));
    let k = row === 0 ? 0 : this.ends.at(row * this.columns - 1);
    const first = k;
    for (let c = 0; c < this.columns; c++) {
      const end =
        row * this.columns + c < this.ends.length ? this.ends.at(row * this.columns + c) : k;
      const items: Item[] = [];
      for (; k < end; k++) {
        const kind = this.kindList[this.kinds.at(k)] as Kind;
        const from = k === first ? 0 : this.textEnds.at(k - 1);
        items.push({
          line: {
            text: text.slice(from, this.textEnds.at(k)),
            width: this.widths.at(k),
            file: kind.file,
          },
          style: kind.style,
          height: kind.height,
        });
      }
      cells.push(items);
    }
    return cells;
  }

  private kindOf(item: Item): number {
    let byFile = this.kindIndex.get(item.style);
    if (!byFile) this.kindIndex.set(item.style, (byFile = new Map()));
    let index = byFile.get(item.line.file);
    if (index === undefined) {
      index = this.kindList.length;
      this.kindList.push({ style: item.style, file: item.line.file, height: item.height });
      byFile.set(item.line.file, index);
    }
    return index;
  }
}

/** No lone surrogate (String.prototype.isWellFormed, Node 20; not in the ES2023 lib). */
function wellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}
