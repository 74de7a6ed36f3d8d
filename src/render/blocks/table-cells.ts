/**
 * Table cells: column geometry, wrapping a cell's parts into lines, drawing a range of
 * those lines. Pagination is in table.ts.
 */
import type { Align, Flow } from '../layout/flow.js';
import { alignX } from '../layout/flow.js';
import type { Line } from '../text/measure.js';
import type { StyleName, TextStyle } from '../theme.js';

export interface CellPart {
  readonly text: string;
  readonly style?: StyleName;
  /**
   * An identifier (IBAN, reference, account identifier, digest, id): never broken inside
   * when avoidable, drawn smaller instead (see Measurer.wrapAtom).
   */
  readonly atom?: boolean;
}
/** A cell: one text, or several paragraphs each in its own style (e.g. a path, then a hash in monospace). */
export type Cell = string | readonly CellPart[];

export interface Column {
  readonly label: string;
  /** Relative width. */
  readonly weight: number;
  readonly align?: Align;
  readonly style?: StyleName;
  /** Every cell of the column is an identifier (a plain string cell; parts say it themselves). */
  readonly atom?: boolean;
}

/** Horizontal and vertical padding inside a cell. */
export const PAD_X = 3;
export const PAD_Y = 2.2;

/** One wrapped line of a cell with the style it is drawn in. */
export interface Item {
  readonly line: Line;
  readonly style: TextStyle;
  readonly height: number;
}

/** A column placed on the page. */
export interface ColumnBox {
  readonly x: number;
  readonly width: number;
  readonly align: Align;
  readonly style: StyleName;
  readonly atom: boolean;
}

export function columnBoxes(flow: Flow, columns: readonly Column[]): ColumnBox[] {
  const total = columns.reduce((s, c) => s + c.weight, 0);
  let x = flow.left;
  return columns.map((c) => {
    const width = (flow.width * c.weight) / total;
    const box = {
      x,
      width,
      align: c.align ?? 'left',
      style: c.style ?? 'cell',
      atom: c.atom ?? false,
    };
    x += width;
    return box;
  });
}

/** Wrap every cell into lines (`fixed` overrides every style: header, totals). */
export function layoutCells(
  flow: Flow,
  boxes: readonly ColumnBox[],
  cells: readonly Cell[],
  fixed?: StyleName,
): Item[][] {
  const { measurer, theme } = flow;
  return boxes.map((box, c) => {
    const cell = cells[c] ?? '';
    const parts: readonly CellPart[] =
      typeof cell === 'string' ? [{ text: cell, atom: box.atom && fixed !== 'cell_head' }] : cell;
    const items: Item[] = [];
    const width = box.width - 2 * PAD_X;
    for (const part of parts) {
      const base = theme.styles[fixed ?? part.style ?? box.style];
      if (part.atom) {
        const { lines, style } = measurer.wrapAtom(part.text, base, width);
        const height = measurer.lineHeight(style);
        for (const line of lines) items.push({ line, style, height });
        continue;
      }
      const height = measurer.lineHeight(base);
      for (const line of measurer.wrap(part.text, base, width)) {
        items.push({ line, style: base, height });
      }
    }
    return items;
  });
}

/** Height of the tallest cell's lines (padding not included). */
export function contentHeight(cells: readonly (readonly Item[])[]): number {
  let height = 0;
  for (const items of cells) {
    let h = 0;
    for (const it of items) h += it.height;
    height = Math.max(height, h);
  }
  return height;
}

/** Draw lines `from`..`to` of a cell from `top` (drawing pass only). */
export function drawItems(
  flow: Flow,
  box: ColumnBox | undefined,
  items: readonly Item[],
  from: number,
  to: number,
  top: number,
): void {
  if (!box || !flow.painter) return;
  let y = top;
  for (let k = from; k < to; k++) {
    const item = items[k];
    if (!item) continue;
    const x = alignX(item.line, box.x + PAD_X, box.width - 2 * PAD_X, box.align);
    flow.painter.text(item.line, item.style, x, y);
    y += item.height;
  }
}
