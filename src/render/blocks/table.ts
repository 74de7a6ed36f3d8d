/**
 * Hand-drawn tables (pdfkit's doc.table() cuts cells and does not repeat headers; see
 * NOTES). Cell text is wrapped, long tokens broken; the header row is repeated on every
 * page, under the table's caption and "continued", and never left alone at a page foot
 * (nor with fewer than its first two rows); the total rows at its end are never alone on
 * a page (two rows before them go with them); a row is kept whole unless it is taller than
 * a page, in which case it continues on the next page under a "continued" mark. Rows are
 * produced on demand by `row(i)` and laid out one at a time: time is linear in the row
 * count and nothing is kept per row between passes.
 */
import { LayoutError } from '../../errors.js';
import type { Block, Flow } from '../layout/flow.js';
import type { Measurer } from '../text/measure.js';
import type { Theme } from '../theme.js';
import { millimetres } from '../theme.js';
import type { Cell, Column, ColumnBox, ColumnFit, Item } from './table-cells.js';
import {
  PAD_X,
  PAD_Y,
  columnBoxes,
  contentHeight,
  drawItems,
  isBlankItem,
  layoutCells,
} from './table-cells.js';
import { RowStore } from './row-store.js';

export type { Cell, CellPart, Column } from './table-cells.js';

export interface TableSpec {
  readonly columns: readonly Column[];
  readonly rowCount: number;
  readonly row: (index: number) => readonly Cell[];
  /** Header row (default true). */
  readonly header?: boolean;
  /** The first cell of each row is its header (a key/value table): tagged TH with /Scope /Row. */
  readonly rowHeader?: boolean;
  /** Alternate row shading (default true). */
  readonly zebra?: boolean;
  /** Rows drawn bold on a tinted background (totals). */
  readonly emphasis?: (index: number) => boolean;
  /** Shown above the repeated header on continuation pages, followed by `continued` (else the caption of the block the table is in, if any). */
  readonly caption?: string;
  /** "(continued)" label, for split rows and continuation captions. */
  readonly continued: string;
}

const SPACE_AFTER = 8;
/** Tables of at most this many rows move to the next page whole rather than split. */
const SMALL_TABLE = 6;
/** Tables of at most this many rows tell their whole height (wholeHeight): laid out once more. */
const WHOLE_ROWS = 40;
/** Rows that start a table with its header, and that go with its total rows. */
const KEPT_ROWS = 2;

/** The least of a row taller than a page drawn at a page foot: three lines. */
function fragmentHeight(flow: Flow): number {
  return 3 * flow.measurer.lineHeight(flow.theme.styles.cell) + 2 * PAD_Y;
}

/** Template keys that set a table's size, the likeliest first (LayoutError.keys). */
const TABLE_KEYS = [['type', 'table'], ['type', 'table_leading'], ['type'], ['page']] as const;
/** Share of a page's body above which a table's header row is noted (Flow.note). */
const HEADER_SHARE_NOTED = 0.5;

/**
 * Whether a fragment may not stop before line `k` of a cell: inside a broken identifier
 * (its next lines read as nothing: Line.actualText; a file's path is not cut at a page
 * foot), or inside or after glued lines (Item.glued: a file's path, digest and size stay
 * together).
 */
function joinedToPrevious(items: readonly Item[], k: number): boolean {
  return items[k]?.line.actualText === '' || items[k - 1]?.glued === true;
}

/**
 * `end`, or an earlier line where a fragment may stop (joinedToPrevious), when a fragment
 * that stops there still holds something.
 */
function keptTogether(items: readonly Item[], start: number, end: number): number {
  let k = end;
  while (k > start && k < items.length && joinedToPrevious(items, k)) k--;
  return k > start ? k : end;
}

/** Height of a cell's first lines that keptTogether never separates (up to its first break allowed). */
function firstRunHeight(items: readonly Item[]): number {
  let h = items[0]?.height ?? 0;
  for (let k = 1; k < items.length && joinedToPrevious(items, k); k++) h += items[k]?.height ?? 0;
  return h;
}

/** Lines of text of a cell that a row split across pages leaves at least for the next page. */
const MIN_LINES_OVERLEAF = 2;

/** Lines with text among a cell's lines `from`..`to`. */
function textLines(items: readonly Item[], from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) if (!isBlankItem(items[k])) n++;
  return n;
}

/** Rows taller than this are split across pages: a page, less a caption and the header. */
function tallRowHeight(flow: Flow, headH: number): number {
  return flow.pageHeight - headH - flow.captionHeight();
}
/** Continuation level of a table's caption: inside any heading's (see Flow.continueWith). */
const CAPTION_LEVEL = 4;

interface RowLayout {
  readonly cells: readonly (readonly Item[])[];
  readonly height: number;
  readonly emphasis: boolean;
}

/** Where a table is in its placement: shared by its rows. */
interface PlaceState {
  readonly boxes: readonly ColumnBox[];
  /** The header row's cells (laid out once per pass). */
  readonly header: readonly (readonly Item[])[];
  /** Header height (the header row; no caption). */
  readonly headH: number;
  /** Rows taller than this are split across pages (a page, less a caption and the header). */
  readonly tallRow: number;
  needHeader: boolean;
  /** Rows of the table drawn on the current page. */
  placed: number;
  shaded: number;
  /** Tagged PDF: the first header row is the THead; repeated ones are pagination artifacts. */
  headTagged: boolean;
  bodyOpen: boolean;
}

export class TableBlock implements Block {
  /** The column boxes, once measured (they measure every identifier of a column). */
  private boxMemo: { measurer: Measurer; theme: Theme; boxes: ColumnBox[] } | undefined;

  constructor(readonly spec: TableSpec) {}

  /** The column boxes: the same in both passes of a document (same theme and measurer). */
  private boxes(flow: Flow): ColumnBox[] {
    const memo = this.boxMemo;
    if (memo && memo.measurer === flow.measurer && memo.theme === flow.theme) return memo.boxes;
    const boxes = columnBoxes(flow, this.spec.columns);
    this.boxMemo = { measurer: flow.measurer, theme: flow.theme, boxes };
    return boxes;
  }

  /** Header and first two rows; a small table (a few rows) is kept whole when it can be. */
  minHeight(flow: Flow): number {
    const boxes = this.boxes(flow);
    const rows =
      this.spec.rowCount <= SMALL_TABLE
        ? this.spec.rowCount
        : Math.min(KEPT_ROWS, this.spec.rowCount);
    let height = 0;
    for (let i = 0; i < rows; i++) height += this.layoutRow(flow, boxes, i).height;
    return (
      this.headerHeight(flow, this.headerCells(flow, boxes)) + Math.min(height, flow.pageHeight / 3)
    );
  }

  /**
   * Header and first row: the table cannot start with less (a row no taller than a page
   * is never split; a taller one starts with a fragment of a few lines).
   */
  startHeight(flow: Flow): number {
    const boxes = this.boxes(flow);
    const headH =
      this.spec.header === false ? 0 : this.headerHeight(flow, this.headerCells(flow, boxes));
    if (this.spec.rowCount === 0) return headH;
    const first = this.layoutRow(flow, boxes, 0).height;
    return headH + (first <= tallRowHeight(flow, headH) ? first : fragmentHeight(flow));
  }

  /** The whole table (header, rows, the space after) when it has at most WHOLE_ROWS rows. */
  wholeHeight(flow: Flow): number | undefined {
    const rows = this.spec.rowCount;
    if (rows > WHOLE_ROWS) return undefined;
    const boxes = this.boxes(flow);
    let height = this.headerHeight(flow, this.headerCells(flow, boxes)) + SPACE_AFTER;
    for (let i = 0; i < rows; i++) height += this.layoutRow(flow, boxes, i).height;
    return height;
  }

  async place(flow: Flow): Promise<void> {
    const boxes = this.boxes(flow);
    const header = this.headerCells(flow, boxes);
    const headH = this.headerHeight(flow, header);
    this.assertRoomForRows(flow, headH);
    if (headH > flow.pageHeight * HEADER_SHARE_NOTED) this.noteTallHeader(flow, headH);
    // A table whose first row is split under its headings needs room for a fragment only.
    flow.ensure(
      flow.splitFirstRow.has(this)
        ? Math.min(this.minHeight(flow), headH + fragmentHeight(flow))
        : this.minHeight(flow),
    );
    if (this.spec.caption)
      flow.continueWith(CAPTION_LEVEL, `${this.spec.caption} ${this.spec.continued}`);
    const state: PlaceState = {
      boxes,
      header,
      headH,
      tallRow: tallRowHeight(flow, headH),
      needHeader: this.spec.header !== false,
      placed: 0,
      shaded: 0,
      headTagged: false,
      bodyOpen: false,
    };
    flow.painter?.openTag({ type: 'Table' });
    const { cache } = flow;
    const measuring = flow.painter === undefined;
    let store: RowStore | undefined;
    if (cache && measuring) cache.set(this, (store = new RowStore(boxes.length, cache.rows)));
    else store = cache?.get<RowStore>(this);
    // Rows laid out ahead of their turn (those that go with the totals).
    const ahead = new Map<number, RowLayout>();
    const rowAt = (i: number): RowLayout => {
      const known = ahead.get(i);
      if (known) {
        ahead.delete(i);
        return known;
      }
      if (!measuring && store && i < store.count) {
        return {
          cells: store.cells(i),
          height: store.height(i),
          emphasis: this.spec.emphasis?.(i) ?? false,
        };
      }
      const row = this.layoutRow(flow, boxes, i);
      if (measuring && store && !store.closed) {
        if (cache?.reserve(RowStore.lines(row.cells) + 1)) store.add(row.cells, row.height);
        else store.closed = true;
      }
      return row;
    };
    const withTotals = this.totalsGroupStart();
    for (let i = 0; i < this.spec.rowCount; i++) {
      if (i === withTotals) {
        // The last rows and the totals go to the next page together rather than leave the
        // totals alone there (when they fit on a page at all).
        let height = 0;
        for (let k = i; k < this.spec.rowCount; k++) {
          const row = rowAt(k);
          ahead.set(k, row);
          height += row.height;
        }
        const head = state.needHeader ? state.headH : 0;
        if (state.placed > 0 && !flow.fits(height + head) && height <= state.tallRow)
          this.pageBreak(flow, state);
      }
      this.placeRow(flow, rowAt(i), state, i === 0 && flow.splitFirstRow.has(this));
      const pause = flow.checkpoint.tick();
      if (pause) await pause;
    }
    if (!measuring) cache?.delete(this);
    else store?.trim();
    if (this.spec.rowCount === 0 && state.needHeader) this.drawHeader(flow, state);
    if (this.spec.caption) flow.endContinuations(CAPTION_LEVEL);
    if (state.bodyOpen) flow.painter?.closeTag();
    flow.painter?.closeTag();
    const { left, width, y } = flow;
    flow.painter?.line(left, y, left + width, y, flow.theme.colors.rule, 0.6);
    flow.space(SPACE_AFTER);
  }

  /**
   * The first row that must share a page with the total rows ending the table (the
   * emphasised rows at its end): KEPT_ROWS rows before them; -1 when there are no totals
   * or no rows before them.
   */
  private totalsGroupStart(): number {
    const { emphasis, rowCount } = this.spec;
    if (!emphasis) return -1;
    let first = rowCount;
    while (first > 0 && emphasis(first - 1)) first--;
    return first === rowCount || first === 0 ? -1 : Math.max(0, first - KEPT_ROWS);
  }

  private layoutRow(flow: Flow, boxes: readonly ColumnBox[], index: number): RowLayout {
    const emphasis = this.spec.emphasis?.(index) ?? false;
    const cells = layoutCells(
      flow,
      boxes,
      this.spec.row(index),
      emphasis ? 'cell_bold' : undefined,
      this.fitIn(flow, boxes),
    );
    return { cells, height: contentHeight(cells) + 2 * PAD_Y, emphasis };
  }

  /**
   * A page must hold the header row, a continuation caption and a fragment of a row:
   * else every page would repeat the header with no row under it (or a row's text would
   * never end). Refused with what to change in the template.
   */
  private assertRoomForRows(flow: Flow, headH: number): void {
    const need = headH + flow.captionHeight() + fragmentHeight(flow);
    if (need <= flow.pageHeight + 0.01) return;
    const name = this.name();
    const header = headH > 0 ? `its header row (${millimetres(headH)} mm), ` : '';
    throw new LayoutError(
      `${name} cannot be laid out: ${header}a continuation caption and three lines of a row need ${millimetres(need)} mm, more than the ${millimetres(flow.pageHeight)} mm of a page's body; make the template's type sizes (type.table, type.table_leading, type.small) smaller, its page larger or its margins narrower, or give the section fewer columns (its columns option, where it has one)`,
      TABLE_KEYS,
    );
  }

  /** A header row that takes most of each page: every page holds few rows (templates check warns). */
  private noteTallHeader(flow: Flow, headH: number): void {
    flow.note({
      kind: 'table-header',
      // Rounded up: a header just over half a page does not read "50%".
      message: `${this.name()}: its header row takes ${Math.ceil((100 * headH) / flow.pageHeight)}% of a page's body (${millimetres(headH)} mm of ${millimetres(flow.pageHeight)} mm), repeated on every page the table takes, which then holds few rows; make the template's type.table or type.table_leading smaller, its page larger or its margins narrower, or give the section fewer columns`,
      keys: TABLE_KEYS,
    });
  }

  /** The table as a message names it: by its caption, else its column labels. */
  private name(): string {
    const { caption, columns } = this.spec;
    const labels = columns.map((c) => c.label).filter((l) => l !== '');
    return caption !== undefined && caption !== ''
      ? `the table "${caption}"`
      : labels.length > 0
        ? `the table of columns "${labels.join(', ')}"`
        : 'a table';
  }

  private headerCells(flow: Flow, boxes: readonly ColumnBox[]): Item[][] {
    if (this.spec.header === false) return [];
    const labels = this.spec.columns.map((c) => c.label);
    return layoutCells(flow, boxes, labels, 'cell_head', this.fitIn(flow, boxes));
  }

  private fitMemo: { flow: Flow; boxes: readonly ColumnBox[]; fit: ColumnFit } | undefined;

  /**
   * What the table does with a line wider than its column (layoutCells): drawn smaller,
   * which `templates check` notes (once per column: its rows are laid out more than once);
   * too wide even so, the table cannot be drawn.
   */
  private fitIn(flow: Flow, boxes: readonly ColumnBox[]): ColumnFit {
    const memo = this.fitMemo;
    if (memo && memo.flow === flow && memo.boxes === boxes) return memo.fit;
    const column = (c: number): string => {
      const label = this.spec.columns[c]?.label ?? '';
      const mm = millimetres((boxes[c]?.width ?? 0) - 2 * PAD_X);
      return label === '' ? `a column (${mm} mm)` : `column "${label}" (${mm} mm)`;
    };
    const noted = new Set<number>();
    const fit: ColumnFit = {
      shrunk: (c, style, drawn) => {
        if (noted.has(c)) return;
        noted.add(c);
        flow.note({
          kind: 'narrow-column',
          message: `${this.name()}: ${column(c)} is too narrow for a piece of its text that cannot be broken further (a letter and a hyphen) at ${style.size} pt, drawn there at ${drawn} pt; make the template's type.table smaller, its page wider or its side margins narrower`,
          keys: TABLE_KEYS,
        });
      },
      tooNarrow: (c, line, style, floor) => {
        throw new LayoutError(
          `${this.name()} cannot be laid out: ${column(c)} cannot hold its text, a piece of which cannot be broken further and is ${millimetres(line.width)} mm wide at ${style.size} pt, too wide even drawn at ${floor} pt; make the template's type.table smaller, its page wider or its side margins narrower`,
          TABLE_KEYS,
        );
      },
    };
    this.fitMemo = { flow, boxes, fit };
    return fit;
  }

  private headerHeight(flow: Flow, header: readonly (readonly Item[])[]): number {
    if (this.spec.header === false) return 0;
    return contentHeight(header) + 2 * PAD_Y;
  }

  /** `split`: a row that does not fit the page's rest is split rather than moved (Flow.splitFirstRow). */
  private placeRow(flow: Flow, row: RowLayout, state: PlaceState, split = false): void {
    const head = () => (state.needHeader ? state.headH : 0);
    if (row.height <= state.tallRow && !(split && !flow.fits(row.height + head()))) {
      if (!flow.fits(row.height + head())) this.pageBreak(flow, state);
      if (state.needHeader) this.drawHeader(flow, state);
      const ends = row.cells.map((items) => items.length);
      this.paintRow(
        flow,
        row,
        { from: ends.map(() => 0), to: ends, markH: 0, height: row.height },
        state,
        true,
      );
      flow.painter?.closeTag();
      flow.y += row.height;
      state.placed++;
      return;
    }
    // Taller than a page (or a first row split under its headings: `split`): split between
    // lines, with a continuation mark.
    const cursors = row.cells.map(() => 0);
    const minFragment = fragmentHeight(flow);
    let continued = false;
    while (cursors.some((k, c) => k < (row.cells[c]?.length ?? 0))) {
      // A first fragment starts on the next page when a cell's first lines kept together
      // (a file's path, digest and size) do not fit at this page's foot: else they were
      // split there after all (keptTogether gives way only to lines taller than a page).
      // Not a first row split under its headings (`split`): the headings above were kept
      // with a fragment's least height, and would be left alone.
      const room = flow.remaining - 2 * PAD_Y - head();
      if (
        continued ||
        !flow.fits(minFragment + head()) ||
        (!split && !flow.atTop() && row.cells.some((items) => firstRunHeight(items) > room + 0.01))
      )
        this.pageBreak(flow, state);
      if (state.needHeader) this.drawHeader(flow, state);
      this.drawFragment(flow, row, cursors, continued, state);
      state.placed++;
      continued = true;
    }
    if (continued) flow.painter?.closeTag();
  }

  private pageBreak(flow: Flow, state: PlaceState): void {
    flow.newPage();
    state.needHeader = this.spec.header !== false;
    state.placed = 0;
  }

  private drawHeader(flow: Flow, state: PlaceState): void {
    state.needHeader = false;
    state.shaded = 0;
    const { painter, theme } = flow;
    const continuation = state.headTagged;
    if (continuation) painter?.beginArtifact();
    const cells = state.header;
    const h = contentHeight(cells) + 2 * PAD_Y;
    if (painter) {
      const { left, width, y } = flow;
      painter.fillRect(left, y, width, h, theme.colors.header_fill);
      // Tagged PDF: THead > TR > TH the first time; a repeated header is a pagination artifact.
      const tagged = !continuation;
      if (tagged) {
        painter.openTag({ type: 'THead' });
        painter.openTag({ type: 'TR' });
      }
      cells.forEach((items, c) => {
        if (tagged) painter.openTag({ type: 'TH', scope: 'Column' });
        drawItems(flow, state.boxes[c], items, 0, items.length, y + PAD_Y);
        if (tagged) painter.closeTag();
      });
      if (tagged) {
        painter.closeTag();
        painter.closeTag();
      }
      painter.line(left, y + h, left + width, y + h, theme.colors.accent, 0.8);
    }
    state.headTagged = true;
    if (continuation) painter?.endArtifact();
    flow.y += h;
  }

  /** Draw the lines of each cell from its cursor that fit in the space left; advance the cursors. */
  private drawFragment(
    flow: Flow,
    row: RowLayout,
    cursors: number[],
    continued: boolean,
    state: PlaceState,
  ): void {
    const avail = flow.remaining - 2 * PAD_Y;
    const markH = continued ? flow.measurer.lineHeight(flow.theme.styles.cell_italic) : 0;
    const to = row.cells.map((items, c) => {
      const start = cursors[c] ?? 0;
      let used = markH;
      let k = start;
      while (k < items.length && used + (items[k]?.height ?? 0) <= avail + 0.01)
        used += items[k++]?.height ?? 0;
      // Always make progress, even if a single line is taller than the space.
      if (k === start && k < items.length && used + (items[k]?.height ?? 0) > avail) return k + 1;
      // No widow: a cell continued overleaf takes at least MIN_LINES_OVERLEAF lines of
      // text there (one line alone under the continuation mark reads as a stray; blank
      // lines, between paragraphs, do not count), when this fragment keeps as many.
      const left = textLines(items, k, items.length);
      if (left > 0 && left < MIN_LINES_OVERLEAF) {
        let pulled = items.length;
        for (let n = 0; n < MIN_LINES_OVERLEAF && pulled > start;)
          if (!isBlankItem(items[--pulled])) n++;
        if (pulled < k && textLines(items, start, pulled) >= MIN_LINES_OVERLEAF)
          return keptTogether(items, start, pulled);
      }
      return keptTogether(items, start, k);
    });
    // A continued fragment whose first cell is done repeats that cell's first line (the
    // exhibit's id, the date) above its continuation mark: a page of E05's files and
    // custody entries said "(suite)" without saying of what.
    const first = row.cells[0];
    const repeat =
      continued && first && (cursors[0] ?? 0) >= first.length && !isBlankItem(first[0])
        ? first[0]
        : undefined;
    let height = 0;
    row.cells.forEach((items, c) => {
      let h = cursors[c] !== to[c] ? markH : 0;
      if (c === 0 && repeat) h = repeat.height + markH;
      for (let k = cursors[c] ?? 0; k < (to[c] ?? 0); k++) h += items[k]?.height ?? 0;
      height = Math.max(height, h);
    });
    height += 2 * PAD_Y;
    this.paintRow(flow, row, { from: [...cursors], to, markH, height, repeat }, state, !continued);
    to.forEach((k, c) => (cursors[c] = k));
    flow.y += height;
  }

  /**
   * Background, then the lines `from`..`to` of each cell (with the continuation mark when
   * `markH` > 0). Tagged PDF: a `fresh` row opens its TR (closed by placeRow) and a TD per
   * cell; a row's later fragments reopen its TDs.
   */
  private paintRow(
    flow: Flow,
    row: RowLayout,
    range: {
      from: readonly number[];
      to: readonly number[];
      markH: number;
      height: number;
      /** The first line of the first cell, drawn again above its continuation mark. */
      repeat?: Item | undefined;
    },
    state: PlaceState,
    fresh: boolean,
  ): void {
    const { painter, theme, measurer } = flow;
    const zebra = this.spec.zebra !== false && state.shaded % 2 === 1;
    state.shaded++;
    if (!painter) return;
    const { left, width, y } = flow;
    if (row.emphasis) {
      painter.fillRect(left, y, width, range.height, theme.colors.header_fill);
      painter.line(left, y, left + width, y, theme.colors.rule, 0.6);
    } else if (zebra) painter.fillRect(left, y, width, range.height, theme.colors.zebra);
    if (fresh) {
      if (!state.bodyOpen) painter.openTag({ type: 'TBody' });
      state.bodyOpen = true;
      painter.openTag({ type: 'TR' });
    }
    row.cells.forEach((items, c) => {
      if (!fresh) painter.reopenTag(c);
      else if (c === 0 && this.spec.rowHeader) painter.openTag({ type: 'TH', scope: 'Row' });
      else painter.openTag({ type: 'TD' });
      const box = state.boxes[c];
      const start = range.from[c] ?? 0;
      const end = range.to[c] ?? 0;
      if (box && c === 0 && range.repeat) {
        // Read once, where the row starts: an artifact here, as the mark is.
        const style = theme.styles.cell_italic;
        painter.beginArtifact();
        const { actualText: _, ...line } = range.repeat.line;
        drawItems(flow, box, [{ ...range.repeat, line }], 0, 1, y + PAD_Y);
        painter.text(
          measurer.fit(this.spec.continued, style, box.width - 2 * PAD_X),
          style,
          box.x + PAD_X,
          y + PAD_Y + range.repeat.height,
        );
        painter.endArtifact();
      } else if (box && start !== end) {
        let top = y + PAD_Y;
        if (range.markH > 0) {
          const style = theme.styles.cell_italic;
          painter.beginArtifact();
          painter.text(
            measurer.fit(this.spec.continued, style, box.width - 2 * PAD_X),
            style,
            box.x + PAD_X,
            top,
          );
          painter.endArtifact();
          top += range.markH;
        }
        drawItems(flow, box, items, start, end, top);
      }
      painter.closeTag();
    });
  }
}
