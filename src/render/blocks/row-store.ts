/**
 * The wrapped cells of a table's rows, kept between the measuring pass and the drawing
 * pass so that each row is produced and wrapped once. Each row is one binary record
 * (its lines' widths, kinds and text ends, and their texts joined in UTF-8) appended to
 * the document's spill file, which goes to a temporary file past a threshold (1 MiB):
 * what stays in memory is ~20 bytes a row (where its record is, its height). The drawing
 * pass reads the records back in order and rebuilds the items of a row when it places it.
 * (Kept in memory, the rows were the largest live part of the layout pass: ~25 bytes a
 * line in typed arrays, 65-85 MB at 50k transfers + 25k exchanges; as objects ~60 bytes a
 * line plus a string per row, two bytes a character in French.)
 */
import type { TextStyle } from '../theme.js';
import { SpillFile } from '../layout/spill-file.js';
import type { Item } from './table-cells.js';

interface Kind {
  readonly style: TextStyle;
  readonly file: string;
  readonly height: number;
  /** Lines of this kind carry a Line.actualText, stored after their text (see stored()). */
  readonly actual: boolean;
  /** Lines of this kind carry this Line.bidi (lines of a wrapped right-to-left paragraph). */
  readonly bidi?: Item['line']['bidi'];
  /** Items of this kind are Item.glued. */
  readonly glued: boolean;
}

type Typed = Float64Array | Uint32Array;

const utf8 = new TextEncoder();

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
}

export class RowStore {
  /** Per row: where its record starts in the spill file, its length, its height. */
  private readonly starts = new Column(new Float64Array(64));
  private readonly lengths = new Column(new Uint32Array(64));
  private readonly heights = new Column(new Float64Array(64));
  private readonly kindList: Kind[] = [];
  private readonly kindIndex = new Map<TextStyle, Map<string, number>>();
  /** Where a record is put together before it is appended. */
  private scratch = new Uint8Array(1024);
  /** Set when the budget ran out: rows from `count` on are not kept. */
  closed = false;

  constructor(
    private readonly columns: number,
    /** Where the rows' records go (shared by the tables of a document). */
    private readonly file: SpillFile = new SpillFile({ threshold: Infinity }),
  ) {}

  /** Rows kept (rows 0 .. count-1). */
  get count(): number {
    return this.starts.length;
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
   *
   * Its record: per cell the end (exclusive) of its lines (u32); per line its width
   * (f64), the end of its text in the row's text (u32, UTF-8 bytes) and its kind (u16);
   * then the row's lines' texts joined, in UTF-8. Little-endian. Each line is read back as
   * a string of its own, not a slice of the row's text: the memos of the drawing pass
   * keep lines as keys, and a slice would keep its whole row alive (~12 MB of row texts
   * at 50k transfers + 25k exchanges).
   */
  add(cells: readonly (readonly Item[])[], height: number): void {
    if (!cells.every((items) => items.every((item) => wellFormed(item.line.text)))) {
      this.closed = true;
      return;
    }
    const lines = RowStore.lines(cells);
    const texts: string[] = [];
    for (const items of cells) for (const item of items) texts.push(stored(item.line));
    const text = texts.join('');
    const head = 4 * this.columns + 14 * lines;
    const room = head + 3 * text.length;
    if (this.scratch.length < room)
      this.scratch = new Uint8Array(Math.max(room, 2 * this.scratch.length));
    const view = new DataView(this.scratch.buffer, 0, head);
    let widthAt = 4 * this.columns;
    let endAt = widthAt + 8 * lines;
    let kindAt = endAt + 4 * lines;
    let line = 0;
    let textEnd = 0;
    for (let c = 0; c < this.columns; c++) {
      for (const item of cells[c] ?? []) {
        textEnd += Buffer.byteLength(stored(item.line), 'utf8');
        view.setFloat64(widthAt, item.line.width, true);
        view.setUint32(endAt, textEnd, true);
        view.setUint16(kindAt, this.kindOf(item), true);
        widthAt += 8;
        endAt += 4;
        kindAt += 2;
        line++;
      }
      view.setUint32(4 * c, line, true);
    }
    const { written } = utf8.encodeInto(text, this.scratch.subarray(head));
    this.lengths.push(head + written);
    this.starts.push(this.file.append(this.scratch.subarray(0, head + written)));
    this.heights.push(height);
  }

  /**
   * The measuring pass is over: give back the room the doubling arrays kept ahead (up to
   * half of them), since the store is held until the table is drawn.
   */
  trim(): void {
    for (const column of [this.starts, this.lengths, this.heights]) column.trim();
    this.scratch = new Uint8Array(0);
  }

  height(row: number): number {
    return this.heights.at(row);
  }

  /** The items of each cell of a kept row, as the measuring pass made them. */
  cells(row: number): Item[][] {
    const record = this.file.read(this.starts.at(row), this.lengths.at(row));
    const view = new DataView(record.buffer, record.byteOffset, record.length);
    const lines = this.columns === 0 ? 0 : view.getUint32(4 * (this.columns - 1), true);
    const head = 4 * this.columns + 14 * lines;
    const bytes = Buffer.from(record.buffer, record.byteOffset + head, record.length - head);
    const cells: Item[][] = [];
    let widthAt = 4 * this.columns;
    let endAt = widthAt + 8 * lines;
    let kindAt = endAt + 4 * lines;
    let k = 0;
    let from = 0;
    for (let c = 0; c < this.columns; c++) {
      const end = view.getUint32(4 * c, true);
      const items: Item[] = [];
      for (; k < end; k++) {
        const kind = this.kindList[view.getUint16(kindAt, true)] as Kind;
        const to = view.getUint32(endAt, true);
        const text = bytes.toString('utf8', from, to);
        const cut = kind.actual ? text.lastIndexOf(ACTUAL) : -1;
        const width = view.getFloat64(widthAt, true);
        const line =
          // (Literals, not a spread: the lines of a plain row keep one shape.)
          cut < 0
            ? { text, width, file: kind.file }
            : {
                text: text.slice(0, cut),
                width,
                file: kind.file,
                actualText: text.slice(cut + 1),
              };
        const item = {
          line: kind.bidi === undefined ? line : { ...line, bidi: kind.bidi },
          style: kind.style,
          height: kind.height,
        };
        items.push(kind.glued ? { ...item, glued: true } : item);
        from = to;
        widthAt += 8;
        endAt += 4;
        kindAt += 2;
      }
      cells.push(items);
    }
    return cells;
  }

  private kindOf(item: Item): number {
    let byFile = this.kindIndex.get(item.style);
    if (!byFile) this.kindIndex.set(item.style, (byFile = new Map()));
    const actual = item.line.actualText !== undefined;
    const { bidi } = item.line;
    const glued = item.glued === true;
    let key = actual ? `${item.line.file}${ACTUAL}` : item.line.file;
    if (bidi) key += `${ACTUAL}${bidi.before}`;
    if (glued) key += `${ACTUAL}glued`;
    // A line with room under it (a Kannada stack) is taller than its style's other lines.
    if (item.below) key += `${ACTUAL}below${item.below}`;
    let index = byFile.get(key);
    if (index === undefined) {
      index = this.kindList.length;
      this.kindList.push({
        style: item.style,
        file: item.line.file,
        height: item.height,
        actual,
        ...(bidi ? { bidi } : {}),
        glued,
      });
      byFile.set(key, index);
    }
    return index;
  }
}

/**
 * Between a line's text and its Line.actualText, when it has one (a piece of a broken
 * identifier; its kind says so): NUL, which no identifier holds (prepare() removes
 * control characters), so the last one is the separator.
 */
const ACTUAL = '\u0000';

/** A line's text as stored: with its actualText after ACTUAL when it has one. */
function stored(line: Item['line']): string {
  return line.actualText === undefined ? line.text : `${line.text}${ACTUAL}${line.actualText}`;
}

/** No lone surrogate (String.prototype.isWellFormed, Node 20; not in the ES2023 lib). */
function wellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}
