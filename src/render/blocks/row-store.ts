/**
 * The wrapped cells of a table's rows, kept between the measuring pass and the drawing
 * pass so that each row is produced and wrapped once. Kept compactly, in flat typed
 * arrays: per row one string (its lines' texts joined) and its height, per cell where its
 * lines end, per line where its text ends in the row's string, its width and kind (style
 * and font file). No object is kept per line or per cell (a string and three array slots
 * per line cost ~60 bytes; this ~25 with its text); the drawing pass rebuilds the items
 * of a row when it places it.
 */
import type { TextStyle } from '../theme.js';
import type { Item } from './table-cells.js';

interface Kind {
  readonly style: TextStyle;
  readonly file: string;
  readonly height: number;
}

type Typed = Float64Array | Uint32Array | Uint16Array;

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
  at(index: number): number {
    return this.data[index] ?? 0;
  }
}

export class RowStore {
  /** Per row: the texts of its lines, joined. */
  private readonly texts: string[] = [];
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
    return this.texts.length;
  }

  /** Lines a row would take in the store (for the budget). */
  static lines(cells: readonly (readonly Item[])[]): number {
    let n = 0;
    for (const items of cells) n += items.length;
    return n;
  }

  /** Keep the next row. */
  add(cells: readonly (readonly Item[])[], height: number): void {
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
    this.texts.push(texts.join('')); // one flat string (+= would keep a chain of pieces)
    this.heights.push(height);
  }

  height(row: number): number {
    return this.heights.at(row);
  }

  /** The items of each cell of a kept row, as the measuring pass made them. */
  cells(row: number): Item[][] {
    const cells: Item[][] = [];
    const text = this.texts[row] ?? '';
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
