/**
 * A sheet's merged cells (`<mergeCell ref="B4:B6"/>`), as the reader of a mapped sheet
 * needs them. A spreadsheet shows a merged range's value, which the file holds in its
 * top-left cell only (the anchor), across the whole range: down a column (a date or an
 * exhibit written once beside the several rows it applies to, a layout requisition
 * answers use), or across columns. The reader (readers/xlsx.ts) reads what the sheet
 * shows where that is one value per cell: a vertical range's value in each of its rows;
 * a header cell merged from the rows above the header row as the name the header shows.
 * It reports what it cannot read as shown: a cell of a mapped column that a range
 * covers from a column to its left (which column the value belongs to is not known),
 * and a value a covered cell holds that the sheet hides under the range.
 */

/** A merged range: its reference as written and its rows and columns (1-based, inclusive). */
export interface MergedRange {
  readonly ref: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** The ranges crossing one column, by top row, and the first not passed by the rows read. */
interface ColumnRanges {
  readonly ranges: MergedRange[];
  next: number;
}

/**
 * The merged ranges of a sheet, looked up at the cells of the columns a mapping reads as
 * the rows are read, in order (about one step per range and column: no table of cells,
 * which a range of a whole column, a million cells, would make large).
 */
export class MergedCells {
  private readonly columns = new Map<number, ColumnRanges>();

  constructor(readonly ranges: readonly MergedRange[]) {}

  /**
   * The ranges whose top-left cell is above row `headerRow` and that reach it: those of
   * its cells give the header the name they show. By the row of their top-left cell.
   */
  intoHeader(headerRow: number): Map<number, MergedRange[]> {
    const rows = new Map<number, MergedRange[]>();
    for (const m of this.ranges) {
      if (m.top >= headerRow || m.bottom < headerRow) continue;
      const list = rows.get(m.top);
      if (list) list.push(m);
      else rows.set(m.top, [m]);
    }
    return rows;
  }

  /**
   * Follow columns `columns` (1-based) from here on; returns two ranges that share a cell
   * of one of them (a damaged file: which value the cell shows is not known), if any.
   */
  follow(columns: Iterable<number>): [MergedRange, MergedRange] | undefined {
    for (const c of columns) {
      const ranges = this.ranges.filter((m) => m.left <= c && c <= m.right);
      if (ranges.length === 0) continue;
      ranges.sort((a, b) => a.top - b.top);
      for (let i = 1; i < ranges.length; i++)
        if (ranges[i]!.top <= ranges[i - 1]!.bottom) return [ranges[i - 1]!, ranges[i]!];
      this.columns.set(c, { ranges, next: 0 });
    }
    return undefined;
  }

  /** The followed columns that some range crosses. */
  get followed(): IterableIterator<number> {
    return this.columns.keys();
  }

  /** The range holding cell (`row`, `column`) of a followed column; rows are asked in increasing order. */
  at(row: number, column: number): MergedRange | undefined {
    const col = this.columns.get(column);
    if (col === undefined) return undefined;
    const { ranges } = col;
    while (col.next < ranges.length && ranges[col.next]!.bottom < row) col.next++;
    const m = ranges[col.next];
    return m !== undefined && m.top <= row ? m : undefined;
  }
}
