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
  /**
   * An identifier is drawn no smaller than this (points): past it, it is broken with a
   * hyphen that text extraction joins back (see Measurer.wrapAtom). For the identifiers a
   * reader must copy (IBANs and account identifiers of persons and parties).
   */
  readonly minSize?: number;
  /**
   * Phrases of the text never broken inside when it wraps (an exhibit's locator, `row 10`),
   * the text breaking at its other spaces. Drawn and extracted with ordinary spaces.
   */
  readonly keep?: readonly string[];
}
/**
 * Smallest size of the account identifiers of persons and parties, and of the digests
 * (CellPart.minSize): small enough for an IBAN in a transfer's party column (cli.md:
 * identifiers are never broken inside), still legible on paper and when zoomed.
 */
export const IDENTIFIER_MIN_SIZE = 5;
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
  /**
   * The identifiers the column will hold (read from the model, without producing rows):
   * the column is widened, taking from the others, so that the widest fits at its size.
   */
  readonly atoms?: () => Iterable<string>;
  /** The style the identifiers of `atoms` are drawn in (default: the column's). */
  readonly atomStyle?: StyleName;
  /** Never narrowed to widen another column (it holds identifiers in parts, or dates). */
  readonly keep?: boolean;
  /**
   * Share of its width this column may give to a column widened for its identifiers
   * (default 1 - DONOR_KEEPS: 15 %), for a column of wrapping prose next to identifiers
   * that must not break (the exhibit summary's digests).
   */
  readonly give?: number;
}

/** A column widened for its identifiers leaves every other column at least this share of its width. */
const DONOR_KEEPS = 0.85;

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
  const widths = widenForAtoms(
    flow,
    columns,
    columns.map((c) => (flow.width * c.weight) / total),
  );
  let x = flow.left;
  return columns.map((c, i) => {
    const width = widths[i] ?? 0;
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

/**
 * Column widths after widening the columns that declare their identifiers (`atoms`) to
 * the widest of them, as far as the other columns can give (each keeps DONOR_KEEPS of
 * its width; a column marked `keep` gives nothing). Linear in the identifiers; their widths are cached by the measurer.
 */
function widenForAtoms(flow: Flow, columns: readonly Column[], widths: number[]): number[] {
  const { measurer, theme } = flow;
  const need = columns.map((c, i) => {
    if (!c.atoms) return 0;
    const style = theme.styles[c.atomStyle ?? c.style ?? 'cell'];
    let widest = 0;
    for (const text of c.atoms()) {
      const { text: clean, file } = measurer.prepare(text, style);
      if (clean.length <= 256) widest = Math.max(widest, measurer.width(clean, file, style.size));
    }
    return Math.max(0, widest + 2 * PAD_X - (widths[i] ?? 0));
  });
  const wanted = need.reduce((s, n) => s + n, 0);
  if (wanted <= 0) return widths;
  const slack = columns.map((c, i) =>
    c.atoms || c.keep ? 0 : (widths[i] ?? 0) * (c.give ?? 1 - DONOR_KEEPS),
  );
  const available = slack.reduce((s, n) => s + n, 0);
  if (available <= 0) return widths;
  const given = Math.min(wanted, available);
  return widths.map(
    (w, i) => w + ((need[i] ?? 0) * given) / wanted - ((slack[i] ?? 0) * given) / available,
  );
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
        const { lines, style } = measurer.wrapAtom(part.text, base, width, part.minSize);
        const height = measurer.lineHeight(style);
        for (const line of lines) items.push({ line, style, height });
        continue;
      }
      const height = measurer.lineHeight(base);
      if (part.keep) {
        for (const line of measurer.wrap(glue(part.text, part.keep), base, width))
          items.push({ line: unglue(measurer, line, base), style: base, height });
        continue;
      }
      for (const line of measurer.wrap(part.text, base, width)) {
        items.push({ line, style: base, height });
      }
    }
    return items;
  });
}

/** A no-break space inside the phrases to keep whole (wrapping breaks only at ordinary spaces). */
const GLUE = '\u00a0';

/** `text` with the spaces of `keep`'s phrases made unbreakable (unchanged if it has its own no-break spaces). */
function glue(text: string, keep: readonly string[]): string {
  if (text.includes(GLUE)) return text;
  let out = text;
  for (const phrase of keep)
    if (phrase.includes(' ')) out = out.split(phrase).join(phrase.replaceAll(' ', GLUE));
  return out;
}

/** A wrapped line with its glue drawn as the ordinary spaces it stands for (same advance in our fonts, measured again). */
function unglue(measurer: Flow['measurer'], line: Line, style: TextStyle): Line {
  if (!line.text.includes(GLUE)) return line;
  const text = line.text.replaceAll(GLUE, ' ');
  return { ...line, text, width: measurer.width(text, line.file, style.size) };
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
