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
}
/** A cell: one text, or several paragraphs each in its own style (e.g. a path, then a hash in monospace). */
export type Cell = string | readonly CellPart[];

export interface Column {
  readonly label: string;
  /** Relative width. */
  readonly weight: number;
  readonly align?: Align;
  readonly style?: StyleName;
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
}

export function columnBoxes(flow: Flow, columns: readonly Column[]): ColumnBox[] {
  const total = columns.reduce((s, c) => s + c.weight, 0);
  let x = flow.left;
  return columns.map((c) => {
    const width = (flow.width * c.weight) / total;
    const box = { x, width, align: c.align ?? 'left', style: c.style ?? 'cell' };
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
    const parts: readonly CellPart[] = typeof cell === 'string' ? [{ text: cell }] : cell;
    const items: Item[] = [];
    for (const part of parts) {
      const style = theme.styles[fixed ?? part.style ?? box.style];
      const height = measurer.lineHeight(style);
      for (const line of measurer.wrap(part.text, style, box.width - 2 * PAD_X)) {
        items.push({ line, style, height });
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
