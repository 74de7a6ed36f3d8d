/**
 * Plain-text tables for the terminal: aligned columns measured in code points
 * (U+202F and `€` are one column each), shrunk with `…` to fit a width.
 */

export type Align = 'left' | 'right';

export interface Column {
  readonly header: string;
  readonly align: Align;
  /** May be shortened with `…` when the table is wider than allowed. */
  readonly shrink?: boolean;
}

export interface TableOptions {
  /** Total width allowed, indent included (default 80). */
  readonly width?: number;
  /** Spaces before each line (default 2). */
  readonly indent?: number;
}

const GAP = '  ';
const MIN_SHRUNK = 8;

/** Length in code points (what a terminal shows for the text we write). */
export function textWidth(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** `text` cut to `width` code points, ending in `…` when cut. */
export function truncate(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  return [...text].slice(0, Math.max(0, width - 1)).join('') + '…';
}

function pad(text: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - textWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

/** Column widths that fit `width`: shrinkable columns lose width, widest first. */
function fitWidths(columns: readonly Column[], natural: number[], room: number): number[] {
  const widths = [...natural];
  const total = () => widths.reduce((a, b) => a + b, 0) + GAP.length * (widths.length - 1);
  while (total() > room) {
    let widest = -1;
    columns.forEach((c, i) => {
      const w = widths[i] ?? 0;
      if (c.shrink && w > MIN_SHRUNK && (widest < 0 || w > (widths[widest] ?? 0))) widest = i;
    });
    if (widest < 0) break; // nothing left to shrink: the line will be wider
    widths[widest] = (widths[widest] ?? 0) - 1;
  }
  return widths;
}

/** Lines of an aligned table with a header row and a rule under it. */
export function renderTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  options: TableOptions = {},
): string[] {
  const indent = ' '.repeat(options.indent ?? 2);
  const natural = columns.map((c, i) =>
    Math.max(textWidth(c.header), ...rows.map((r) => textWidth(r[i] ?? ''))),
  );
  const widths = fitWidths(columns, natural, (options.width ?? 80) - indent.length);
  const line = (cells: readonly string[]) =>
    indent +
    columns
      .map((c, i) => pad(truncate(cells[i] ?? '', widths[i] ?? 0), widths[i] ?? 0, c.align))
      .join(GAP)
      .trimEnd();
  const rule = indent + widths.map((w) => '-'.repeat(w)).join(GAP);
  return [line(columns.map((c) => c.header)), rule, ...rows.map(line)];
}

/** Lines of `label  value` pairs with labels padded to the same width. */
export function renderPairs(
  pairs: readonly (readonly [string, string])[],
  options: TableOptions = {},
): string[] {
  const indent = ' '.repeat(options.indent ?? 2);
  const width = Math.max(0, ...pairs.map(([label]) => textWidth(label)));
  return pairs.map(([label, value]) =>
    `${indent}${pad(label, width, 'left')}${GAP}${value}`.trimEnd(),
  );
}

/** Word-wrap `text` to lines of at most `width` code points (a longer word is cut with `…`). */
export function wrap(text: string, width = 80): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/ +/)) {
    const candidate = current ? `${current} ${word}` : word;
    if (textWidth(candidate) <= width) current = candidate;
    else {
      if (current) lines.push(current);
      current = truncate(word, width);
    }
  }
  if (current) lines.push(current);
  return lines;
}
