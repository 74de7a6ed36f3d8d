/**
 * The wrapped cells of a table's rows, kept between the measuring pass and the drawing
 * pass so that each row is produced and wrapped once. Kept compactly, in flat arrays: per
 * line its text, width and kind (style and font file), per cell where its lines end, per
 * row its height. No object is kept per line or per cell; the drawing pass rebuilds the
 * items of a row when it places it.
 */
import type { TextStyle } from '../theme.js';
import type { Item } from './table-cells.js';

interface Kind {
  readonly style: TextStyle;
  readonly file: string;
  readonly height: number;
}

export class RowStore {
  private readonly texts: string[] = [];
  private readonly widths: number[] = [];
  private readonly kinds: number[] = [];
  /** End (exclusive, into `texts`) of the lines of each cell, row by row. */
  private readonly ends: number[] = [];
  private readonly heights: number[] = [];
  private readonly kindList: Kind[] = [];
  private readonly kindIndex = new Map<TextStyle, Map<string, number>>();
  /** Set when the budget ran out: rows from `count` on are not kept. */
  closed = false;

  constructor(private readonly columns: number) {}

  /** Rows kept (rows 0 .. count-1). */
  get count(): number {
    return this.heights.length;
  }

  /** Lines a row would take in the store (for the budget). */
  static lines(cells: readonly (readonly Item[])[]): number {
    let n = 0;
    for (const items of cells) n += items.length;
    return n;
  }

  /** Keep the next row. */
  add(cells: readonly (readonly Item[])[], height: number): void {
    for (let c = 0; c < this.columns; c++) {
      for (const item of cells[c] ?? []) {
        this.texts.push(item.line.text);
        this.widths.push(item.line.width);
        this.kinds.push(this.kindOf(item));
      }
      this.ends.push(this.texts.length);
    }
    this.heights.push(height);
  }

  height(row: number): number {
    return this.heights[row] ?? 0;
  }

  /** The items of each cell of a kept row, as the measuring pass made them. */
  cells(row: number): Item[][] {
    const cells: Item[][] = [];
    let k = row === 0 ? 0 : (this.ends[row * this.columns - 1] ?? 0);
    for (let c = 0; c < this.columns; c++) {
      const end = this.ends[row * this.columns + c] ?? k;
      const items: Item[] = [];
      for (; k < end; k++) {
        const kind = this.kindList[this.kinds[k] ?? 0] as Kind;
        items.push({
          line: { text: this.texts[k] ?? '', width: this.widths[k] ?? 0, file: kind.file },
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
