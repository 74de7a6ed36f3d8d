/**
 * Table cells: column geometry, wrapping a cell's parts into lines, drawing a range of
 * those lines. Pagination is in table.ts.
 */
import type { Align, Flow } from '../layout/flow.js';
import { alignX } from '../layout/flow.js';
import type { Line } from '../text/measure.js';
import { ATOM_FLOOR, ATOM_SEPARATORS, atomFloorSize, hasSeparator } from '../text/measure.js';
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
  /**
   * Every word of the text is an identifier (an exhibit's locator): the text wraps at its
   * spaces; when a word is too wide for the column the whole text is drawn smaller, down
   * to the identifiers' floor size, and only past it is the word broken as an identifier
   * (after its own separators, never with an added hyphen: see Measurer.wrapTokens).
   */
  readonly tokens?: boolean;
  /**
   * With `tokens`: text extraction reads the text whole however it is broken (a file's
   * path, which may break after `_` or `/`; see Measurer.wrapTokens).
   */
  readonly whole?: boolean;
  /**
   * A row split across pages is not split inside this part, nor between it and the next
   * part of the cell: a file's path, digest and size, a custody entry's date and officer
   * stay on one page (a size alone at a page's head said nothing of its file). Where the
   * glued lines are taller than the room a page gives, they are split as any lines.
   */
  readonly glue?: boolean;
}
/**
 * Smallest size of the account identifiers of persons and parties, and of the digests
 * (CellPart.minSize): small enough for an IBAN in a transfer's party column (cli.md:
 * identifiers are never broken inside), still legible on paper and when zoomed.
 */
export const IDENTIFIER_MIN_SIZE = 5;
/** An identifier a column will hold, drawn in a style other than the column's atomStyle. */
export interface StyledAtom {
  readonly text: string;
  readonly style: StyleName;
  /**
   * For a column's `words`: the lines the text may take without making its row taller (a
   * party's name on one, a channel's label on two above its provider's one, in a row
   * whose date takes three): where the page is short of width, the column is widened, if
   * it can be, to hold it in that many. Without it only the text's words are kept whole
   * (an exhibit's title, a paragraph: widening its column for it took an A5 exhibit
   * index's width from its files' paths).
   */
  readonly lines?: number;
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
  /**
   * The identifiers the column will hold (read from the model, without producing rows):
   * the column is widened, taking from the others, so that the widest fits at its size.
   */
  readonly atoms?: () => Iterable<string | StyledAtom>;
  /**
   * Texts the column wraps (the names of the persons it shows, channels, titles...), read
   * from the model, each in its style if it names one: a column that gives width keeps
   * room for their widest word, within its own width, unless an identifier needs it.
   */
  readonly words?: () => Iterable<string | StyledAtom>;
  /** The style the identifiers of `atoms` are drawn in, but those that name their own (default: the column's). */
  readonly atomStyle?: StyleName;
  /** The `minSize` the cells give these identifiers (CellPart.minSize), if any. */
  readonly atomMinSize?: number;
  /** Never narrowed to widen another column (it holds identifiers in parts, or dates). */
  readonly keep?: boolean;
  /**
   * Share of its width this column may give to a column widened for its identifiers
   * (default DONOR_GIVES: 50 %): its text wraps at spaces into what it keeps.
   */
  readonly give?: number;
  /**
   * Its identifiers may be broken after their own separators without making a row taller
   * (a transfer's reference, in a row whose date and time take three lines): where the
   * page is short of width (mendNarrowestFirst), the column asks, beside the other
   * columns' identifiers, only for room for each of its own in pieces, and for their
   * whole widths after every other column's needs.
   */
  readonly breakable?: boolean;
}

/**
 * Share of its width a column of wrapping text gives, by default, to the columns widened
 * for their identifiers (Column.give).
 */
const DONOR_GIVES = 0.5;

/** How much wider than its column a text's word may be and still be kept whole (widenForAtoms). */
const WIDE_WORD = 1.25;

/** Horizontal and vertical padding inside a cell. */
export const PAD_X = 3;
export const PAD_Y = 2.2;

/** One wrapped line of a cell with the style it is drawn in. */
export interface Item {
  readonly line: Line;
  readonly style: TextStyle;
  readonly height: number;
  /** No page break after this line inside a split row (its part's CellPart.glue). */
  readonly glued?: true;
  /** Points added under the line, in `height`, for glyphs deeper than its box (Measurer.depthBelow). */
  readonly below?: number;
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
 * Column widths that give each identifier of a column (`atoms`) room on one line. In this
 * order, the first that fits the page: (1) every identifier at its full size, the width
 * taken from the columns whose text wraps (each keeps `1 - give` of its width and the
 * widest word of its texts; a `keep` column gives nothing) in proportion to what they can
 * give; (2) the widest identifiers drawn smaller first (a common cap on the identifiers'
 * widths, none below ATOM_FLOOR of its size); else (3) identifiers with their own
 * separators (`RMT-FICT-2018-…`, a seal number) given room for their widest part only
 * (they break after their own separators, which text extraction keeps), the others capped
 * as in (2), or (1)-(2) then (3) with the headers' words only, whichever breaks fewer
 * identifiers and texts' words (brokenBy). As a last resort, the columns that give
 * go down to their words, then their identifiers are broken (see Measurer.wrapAtom) while
 * dates and amounts keep their width: the width left is shared in proportion, then
 * mended to hold more whole, in turn the texts' words, the identifiers, the texts in their
 * lines and a breakable column's identifiers, narrowest first (mendNarrowestFirst).
 * Only when even the words do not fit is every column scaled to the page. Linear in the
 * identifiers (sorting their widths aside); their widths are cached by the measurer.
 */
function widenForAtoms(flow: Flow, columns: readonly Column[], widths: number[]): number[] {
  const { measurer, theme } = flow;
  const total = flow.width;
  // Widest identifier of each column (text only), and its widest part between separators.
  const whole: number[] = [];
  const part: number[] = [];
  /**
   * Each column's smallest identifier width as a share of its full width: the size
   * wrapAtom draws it at before breaking it (its floor, raised by the cells' minSize),
   * against its style's size, and a thousandth more for rounding.
   */
  const floorShare: number[] = [];
  /**
   * Each column's identifiers' widths at their floor size, padding included: the widths
   * at which the column holds one more of them whole (see `mendNarrowestFirst`). Sets: a
   * reference column yields one identifier per transfer, many of the same width.
   */
  const atomNeeds: Set<number>[] = [];
  /** The widths at which each column holds one more of its texts in its lines (StyledAtom.lines). */
  const textNeeds: Set<number>[] = [];
  /**
   * For a breakable column, the width of each of its identifiers, padding included, in
   * pieces no narrower than needed: whole at its floor size, or broken after its own
   * separators at full size when that is narrower.
   */
  const pieceNeeds: Set<number>[] = [];
  /** The widths of each column's texts' words that it keeps whole where it can (padding included). */
  const wordWidths: Set<number>[] = columns.map(() => new Set());
  let any = false;
  columns.forEach((c, i) => {
    let widest = 0;
    let widestPart = 0;
    floorShare[i] = ATOM_FLOOR;
    const columnNeeds = new Set<number>();
    atomNeeds.push(columnNeeds);
    const columnPieces = new Set<number>();
    pieceNeeds.push(columnPieces);
    textNeeds.push(new Set());
    if (c.atoms) {
      const columnStyle = theme.styles[c.atomStyle ?? c.style ?? 'cell'];
      const shareOf = (s: TextStyle) => atomFloorSize(s.size, c.atomMinSize) / s.size + 0.001;
      floorShare[i] = shareOf(columnStyle);
      let file = '';
      let partText = '';
      let partSize = columnStyle.size;

      for (const atom of c.atoms()) {
        // An identifier drawn in a style of its own: measured in it, and the column's
        // floor share the largest of its styles'.
        const text = typeof atom === 'string' ? atom : atom.text;
        const style = typeof atom === 'string' ? columnStyle : theme.styles[atom.style];
        if (style !== columnStyle) floorShare[i] = Math.max(floorShare[i] ?? 0, shareOf(style));
        const prepared = measurer.prepare(text, style);
        const clean = prepared.text;
        if (clean.length > 256) continue;
        const w = measurer.width(clean, prepared.file, style.size);
        if (w > widest) widest = w;
        const atFloor = w * shareOf(style);
        columnNeeds.add(atFloor + 2 * PAD_X + 0.01);
        if (c.breakable) {
          let piece = atFloor;
          if (hasSeparator(clean))
            piece = Math.min(piece, measurer.width(longestPiece(clean), prepared.file, style.size));
          columnPieces.add(piece + 2 * PAD_X + 0.01);
        }
        // Only an identifier wider than the widest part so far can hold a wider part; its
        // part's width is estimated by its share of the characters, the widest measured.
        if (w > widestPart) {
          const estimate = (w * longestPart(clean)) / clean.length;
          if (estimate > widestPart) {
            widestPart = estimate;
            partText = clean;
            file = prepared.file;
            partSize = style.size;
          }
        }
      }
      // The parts of the identifier with the widest estimate, measured.
      for (const piece of atomParts(partText))
        widestPart = Math.max(widestPart, measurer.width(piece, file, partSize));
    }
    whole.push(widest);
    part.push(widestPart);
    if (widest + 2 * PAD_X > (widths[i] ?? 0)) any = true;
  });
  if (!any) return widths;
  // What each column keeps whatever its identifiers need (its wrapping text's share), and
  // the least a column that gives may keep even as a last resort: the widest word of its
  // header (`headFloors`), and of the texts it shows (`wordFloors`: names, titles,
  // channels...), so that no word is cut letter by letter. A header word wider than the
  // column counts as the whole column; a text's is left out (a URL: it is broken wherever
  // the column stands).
  const head = theme.styles.cell_head;
  const headFloors: number[] = [];
  const wordFloors: number[] = [];
  const fixed = (c: Column) => c.keep === true || (c.atom === true && !c.atoms);
  columns.forEach((c, i) => {
    const w = widths[i] ?? 0;
    headFloors[i] = wordFloors[i] = w;
    if (fixed(c)) return;
    /**
     * The widest of these words; one wider than the column counts as the column (`cap`),
     * or (`skip`) as itself when at most a quarter wider (`Константинопольский` in bold,
     * a point wider than its column, was hyphenated), else not at all (a URL).
     */
    const widestWord = (
      pieces: Iterable<{ text: string; style: TextStyle }>,
      from: number,
      wide: 'cap' | 'skip',
    ) => {
      let word = from;
      for (const { text: piece, style } of pieces) {
        const { text, file } = measurer.prepare(piece, style);
        if (text.length > 256) continue;
        const width = measurer.width(text, file, style.size) + 2 * PAD_X + 0.01;
        if (wide === 'cap') word = Math.max(word, Math.min(w, width));
        else if (width <= w * WIDE_WORD) {
          word = Math.max(word, width);
          wordWidths[i]?.add(width);
        }
      }
      return word;
    };
    // A header word wider than the column keeps the column as it is (`Référence` was cut
    // letter by letter on A5); a text's (a URL) does not hold it: it breaks anyway.
    const heading = widestWord(
      wordsOf(c.label).map((text) => ({ text, style: head })),
      0,
      'cap',
    );
    headFloors[i] = heading;
    const columnStyle = theme.styles[c.style ?? 'cell'];
    const shown = function* () {
      for (const words of c.words?.() ?? []) {
        const style = typeof words === 'string' ? columnStyle : theme.styles[words.style];
        // A text in the lines it names: one more width the column may be given
        // (mendNarrowestFirst); other texts are paragraphs that wrap where the column stands.
        const lines = typeof words === 'string' ? undefined : words.lines;
        const need =
          lines === undefined
            ? undefined
            : textNeed(measurer, typeof words === 'string' ? words : words.text, style, lines);
        if (need !== undefined) textNeeds[i]?.add(need);
        for (const text of wordsOf(typeof words === 'string' ? words : words.text))
          yield { text, style };
      }
    };
    wordFloors[i] = widestWord(shown(), heading, 'skip');
  });
  const keepsWith = (floors: readonly number[]) =>
    columns.map((c, i) => {
      const w = widths[i] ?? 0;
      return fixed(c) ? w : Math.max(w * (1 - (c.give ?? DONOR_GIVES)), floors[i] ?? 0);
    });
  /**
   * Column minimums with identifiers capped at `cap` (never below ATOM_FLOOR of their
   * size), and those with separators also at `broken`, though never below their widest
   * part: past that cap they are broken after their own separators.
   */
  const minimums = (keeps: readonly number[], cap: number, broken = Infinity) =>
    columns.map((_, i) => {
      const w = whole[i] ?? 0;
      if (w === 0) return keeps[i] ?? 0;
      let atom = Math.min(w, Math.max(cap, w * (floorShare[i] ?? ATOM_FLOOR)));
      const p = part[i] ?? w;
      if (p < w) atom = Math.min(atom, Math.max(broken, p));
      // (A hundredth of a point more: the cell is measured again with PAD_X taken off.)
      return Math.max(keeps[i] ?? 0, atom + 2 * PAD_X + 0.01);
    });
  const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
  const fits = (m: readonly number[]) => sum(m) <= total;
  /** The largest value of `at` in [0, max] for which `mins(at)` fits (monotonic), if any. */
  const largest = (mins: (at: number) => number[], max: number): number | undefined => {
    if (!fits(mins(0))) return undefined;
    if (fits(mins(max))) return max;
    let lo = 0;
    let hi = max;
    for (let k = 0; k < 40; k++) {
      const mid = (lo + hi) / 2;
      if (fits(mins(mid))) lo = mid;
      else hi = mid;
    }
    return lo;
  };
  const widest = Math.max(...whole);
  // The floors a column keeps: every word of its texts, or its header's words only.
  const floorLevels = [wordFloors, headFloors] as const;
  let mins: number[] | undefined;
  /** (1)-(2): every identifier whole, the widest drawn smaller first. */
  const whole12 = (keeps: readonly number[]) => {
    const cap = largest((c) => minimums(keeps, c), widest);
    return cap === undefined ? undefined : minimums(keeps, cap);
  };
  /**
   * (3): the widest identifiers with separators broken after them first, the others at the
   * floor size, then drawn as large as what is left allows.
   */
  const broken3 = (keeps: readonly number[]) => {
    const broken = largest((b) => minimums(keeps, 0, b), widest);
    if (broken === undefined) return undefined;
    const cap = largest((c) => minimums(keeps, c, broken), widest) ?? 0;
    return minimums(keeps, cap, broken);
  };
  /** How many identifiers (at their floor size) and texts' words the widths `m` break, of distinct widths. */
  const brokenBy = (m: readonly number[]) => {
    let n = 0;
    const over = (set: Set<number> | undefined, width: number) => {
      for (const need of set ?? []) if (need > width + 0.01) n++;
    };
    m.forEach((width, i) => {
      over(atomNeeds[i], width);
      over(wordWidths[i], width);
    });
    return n;
  };
  // With the texts' words whole (1)-(2); else, of (3) with them and (1)-(2), or (3), with
  // the headers' words only, the one that breaks fewer identifiers and words (the
  // headers-only one when even): a name's words are kept whole before one e-mail address
  // (`Констант-` / `инопольс-` / `кий` beside a 73-character address drawn whole), not
  // before several identifiers.
  mins = whole12(keepsWith(wordFloors));
  if (!mins) {
    const withWords = broken3(keepsWith(wordFloors));
    const heads = keepsWith(headFloors);
    const withHeads = whole12(heads) ?? broken3(heads);
    mins =
      withWords && withHeads
        ? brokenBy(withWords) < brokenBy(withHeads)
          ? withWords
          : withHeads
        : (withWords ?? withHeads);
  }
  if (!mins) {
    // Last resort: the page cannot hold them. The columns that gave give more, each down
    // to its identifiers' floor and its words (those of its texts, then of its header).
    const m = minimums(keepsWith(headFloors), 0, 0);
    const atomsOnlyWith = (floors: readonly number[]) =>
      columns.map((c, i) => {
        const w = whole[i] ?? 0;
        if (fixed(c)) return m[i] ?? 0;
        const p = part[i] ?? w;
        const floor = floors[i] ?? 0;
        return w === 0
          ? floor
          : Math.max(floor, Math.min(w * (floorShare[i] ?? ATOM_FLOOR), p) + 2 * PAD_X + 0.01);
      });
    const excess = sum(m) - total;
    for (const floors of floorLevels) {
      const atomsOnly = atomsOnlyWith(floors);
      const spare = sum(m.map((x, i) => x - (atomsOnly[i] ?? 0)));
      if (spare >= excess) return m.map((x, i) => x - ((x - (atomsOnly[i] ?? 0)) * excess) / spare);
    }
    // Still too wide: the identifiers of the columns that give are broken (a 63-character
    // address; its pieces carry the whole of it for text extraction), each such column
    // down to its widest word, before any column that keeps its width (dates, amounts,
    // ids) is narrowed: an amount or a date is never broken for an address's sake. The
    // columns that keep theirs hold their identifiers (amounts) at full size if they can.
    // What is left goes to the columns that gave, in proportion to the width they had.
    const floorsAt = (words: readonly number[], full: boolean) =>
      columns.map((c, i) =>
        !fixed(c)
          ? (words[i] ?? 0)
          : full
            ? Math.max(m[i] ?? 0, (whole[i] ?? 0) + 2 * PAD_X + 0.01)
            : (m[i] ?? 0),
      );
    const floors = [
      floorsAt(wordFloors, true),
      floorsAt(headFloors, true),
      floorsAt(headFloors, false),
    ].find((f) => fits(f));
    if (floors) {
      // What is left goes to the columns that gave, in proportion to the width they had;
      // then what that shares too narrowly to hold whole is mended from what other columns
      // hold beyond their own needs (mendNarrowestFirst), in turn: the texts' words (when
      // the floors are the headers'), the identifiers (a breakable column's in pieces,
      // after its own separators), the texts in their lines, a breakable column's
      // identifiers whole.
      const room = total - sum(floors);
      const surplus = columns.map((c, i) =>
        fixed(c) ? 0 : Math.max(0, (widths[i] ?? 0) - (floors[i] ?? 0)),
      );
      const all = sum(surplus);
      const shared = floors.map((f, i) => (all > 0 ? f + ((surplus[i] ?? 0) * room) / all : f));
      const passes = [
        (_: Column, i: number) => [wordFloors[i] ?? 0],
        (c: Column, i: number) => (c.breakable ? pieceNeeds : atomNeeds)[i] ?? [],
        (_: Column, i: number) => textNeeds[i] ?? [],
        (c: Column, i: number) => (c.breakable ? (atomNeeds[i] ?? []) : []),
      ];
      return mendNarrowestFirst(
        shared,
        floors,
        passes.map((pass) => columns.map((c, i) => (fixed(c) ? [] : [...pass(c, i)]))),
      );
    }
    const atomsOnly = atomsOnlyWith(headFloors);
    const scale = total / sum(atomsOnly);
    return atomsOnly.map((w) => w * scale);
  }
  // What is left goes back to the columns that gave, in proportion to what they gave.
  const given = mins.map((m, i) => Math.max(0, (widths[i] ?? 0) - m));
  const left = total - sum(mins);
  const givenAll = sum(given);
  return mins.map((m, i) => (givenAll > 0 ? m + ((given[i] ?? 0) * left) / givenAll : m));
}

/**
 * The width of a column, padding included, that holds `text` in at most `lines` lines
 * (the least, to a tenth of a point, for more than one), or undefined for a text too long
 * to be worth it (over 256 characters: a paragraph, which wraps wherever the column stands).
 */
function textNeed(
  measurer: Flow['measurer'],
  text: string,
  style: TextStyle,
  lines: number,
): number | undefined {
  const { text: clean, file } = measurer.prepare(text, style);
  if (clean.length > 256) return undefined;
  const full = measurer.width(clean, file, style.size) + 2 * PAD_X + 0.01;
  if (lines <= 1) return full;
  let lo = 0;
  for (const word of wordsOf(clean))
    lo = Math.max(lo, measurer.width(word, file, style.size) + 2 * PAD_X + 0.01);
  let hi = full;
  while (hi - lo > 0.1) {
    const mid = (lo + hi) / 2;
    if (measurer.wrap(clean, style, mid - 2 * PAD_X).length <= lines) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * Column widths `from` (each no narrower than its `floors`) mended so that more of what
 * the columns show is whole, without breaking anything `from` keeps whole. `passes` list,
 * in priority order, each column's needs: the widths at which it holds one more thing
 * whole (a word, an identifier at its floor size, a text in its lines). What a column has
 * beyond the widest need it meets (its floor at least) it may give; each pass takes its
 * needs narrowest first across the columns, a need met with what the other columns may
 * give, in proportion to it, and a column's wider needs left once one cannot be met.
 * Equal needs of several columns (the same names in a transfer's sender and beneficiary
 * columns) are met together or not at all, so that such columns stay alike. Where the page
 * cannot hold every identifier (a crypto address of 42 characters in a party column), the
 * exhibit ids and seal numbers it can hold stay whole (`E-REMI` / `T-2017` beside an IBAN
 * that fitted), while each column keeps the share that held its own.
 */
function mendNarrowestFirst(
  from: readonly number[],
  floors: readonly number[],
  passes: readonly (readonly (readonly number[])[])[],
): number[] {
  const widths = [...from];
  /** The widest need of column `i` that `width` meets (its floor at least). */
  const met = (i: number, width: number) => {
    let m = floors[i] ?? 0;
    for (const needs of passes)
      for (const need of needs[i] ?? []) if (need <= width + 1e-9 && need > m) m = need;
    return m;
  };
  const kept = widths.map((w, i) => met(i, w));
  for (const needs of passes) {
    const steps = needs
      .flatMap((list, column) => list.map((need) => ({ column, need })))
      .sort((a, b) => a.need - b.need || a.column - b.column);
    const stopped = new Set<number>();
    for (let k = 0; k < steps.length;) {
      let end = k + 1;
      while (end < steps.length && steps[end]?.need === steps[k]?.need) end++;
      const group = steps
        .slice(k, end)
        .filter(({ column, need }) => !stopped.has(column) && need > (widths[column] ?? 0));
      k = end;
      if (group.length === 0) continue;
      const takers = new Set(group.map(({ column }) => column));
      const cost = group.reduce((s, { column, need }) => s + need - (widths[column] ?? 0), 0);
      const spare = widths.map((w, i) => (takers.has(i) ? 0 : Math.max(0, w - (kept[i] ?? 0))));
      const all = spare.reduce((s, x) => s + x, 0);
      if (cost > all) {
        for (const column of takers) stopped.add(column);
        continue;
      }
      spare.forEach((x, i) => (widths[i] = (widths[i] ?? 0) - (x * cost) / all));
      for (const { column, need } of group) {
        widths[column] = need;
        kept[column] = need;
      }
    }
  }
  return widths;
}

/**
 * The pieces a wrapping text may be cut into without breaking a word: at spaces, and
 * after a hyphen (`money-` / `transfer`), as the line breaker does.
 */
function wordsOf(text: string): string[] {
  // Split where lines break: at spaces, not at no-break ones (`112 791 octets`, `n° 12`,
  // a number's narrow group separators), which hold their words together on the line.
  return text.split(BREAKING_SPACES).flatMap((w) => w.split(/(?<=-)(?=.)/));
}

/** White space a line breaks at: any but the no-break spaces (U+00A0, U+2007, U+202F). */
const BREAKING_SPACES = /[^\S\u00a0\u2007\u202f]+/;

/**
 * An identifier's parts between its separators (ATOM_SEPARATORS), as drawn when it is
 * broken there: with its separator, and a repeated hyphen before it (see atomPieces).
 */
function atomParts(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (i === text.length - 1 || ATOM_SEPARATORS.includes(text[i] ?? '')) {
      parts.push((start > 0 && text[start - 1] === '-' ? '-' : '') + text.slice(start, i + 1));
      start = i + 1;
    }
  }
  return parts;
}

/** An identifier's longest part (see atomParts): the first of the longest, in characters. */
function longestPiece(text: string): string {
  let best = '';
  for (const piece of atomParts(text)) if (piece.length > best.length) best = piece;
  return best;
}

/** Characters of an identifier's longest part (see atomParts), without building the parts. */
function longestPart(text: string): number {
  let longest = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (i === text.length - 1 || ATOM_SEPARATORS.includes(text[i] ?? '')) {
      longest = Math.max(longest, i + 1 - start + (start > 0 && text[start - 1] === '-' ? 1 : 0));
      start = i + 1;
    }
  }
  return longest;
}

/** Wrap every cell into lines (`fixed` overrides every style: header, totals). */
export function layoutCells(
  flow: Flow,
  boxes: readonly ColumnBox[],
  cells: readonly Cell[],
  fixed?: StyleName,
  fit?: ColumnFit,
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
      const from = items.length;
      if (part.atom) {
        const { lines, style } = measurer.wrapAtom(part.text, base, width, part.minSize);
        const height = measurer.lineHeight(style);
        for (const line of lines) items.push({ line, style, height });
      } else if (part.tokens) {
        // Identifiers with spaces (a locator): drawn smaller before a word is broken.
        const text = part.keep ? glue(part.text, part.keep) : part.text;
        const { lines, style } = measurer.wrapTokens(text, base, width, part.minSize, part.whole);
        const height = measurer.lineHeight(style);
        for (const line of lines)
          items.push({ line: unglue(measurer, line, style), style, height });
      } else if (part.keep) {
        const height = measurer.lineHeight(base);
        for (const line of measurer.wrap(glue(part.text, part.keep), base, width))
          items.push({ line: unglue(measurer, line, base), style: base, height });
      } else {
        const height = measurer.lineHeight(base);
        for (const line of measurer.wrap(part.text, base, width))
          items.push({ line, style: base, height });
      }
      for (let k = from; k < items.length; k++) {
        const item = items[k]!;
        if (item.line.width <= width + FIT_EPSILON) continue;
        // The part's floor: ATOM_FLOOR of its style's size (an identifier drawn smaller
        // already is not made smaller past it), or its minSize.
        const floor = atomFloorSize(base.size, part.minSize);
        items[k] = fitToColumn(flow, item, { width, floor, base }, c, fit);
      }
      // Room under a line whose glyphs reach below its box (a Kannada or Telugu stack).
      for (let k = from; k < items.length; k++) {
        const item = items[k]!;
        const below = measurer.depthBelow(item.line, item.style);
        if (below > 0) items[k] = { ...item, height: item.height + below, below };
      }
      // (Marked after the fit, which makes items of its own; the other items keep one shape.)
      if (part.glue)
        for (let k = from; k < items.length; k++) items[k] = { ...items[k]!, glued: true };
    }
    // A text's final line breaks (YAML's `notes: |` keeps one) draw no blank line at the
    // cell's foot; a cell keeps one line, blank or not.
    while (items.length > 1 && isBlankItem(items[items.length - 1])) items.pop();
    return items;
  });
}

/**
 * Points a line may exceed its column by: into the column's padding (PAD_X), which leaves
 * at least 5 pt between it and the next column's text. A word broken with a hyphen is
 * measured with room for the hyphen alone, and the pair's kerning can add a tenth of a
 * point or so (`rappo-` at 14 pt): no reason to draw it smaller.
 */
const FIT_EPSILON = 1;

/** What layoutCells tells its table of a line wider than its column (see fitToColumn). */
export interface ColumnFit {
  /** A line of column `column` drawn at `drawn` points instead of `style`'s size (its part's). */
  shrunk(column: number, style: TextStyle, drawn: number): void;
  /**
   * A line of column `column` that does not fit even at its part's floor (points); `line`
   * measured at `style`'s size (its part's).
   */
  tooNarrow(column: number, line: Line, style: TextStyle, floor: number): void;
}

/**
 * A line wider than its column would run over the next one: a column narrower than a
 * letter and the hyphen of a word broken after it (a template's large type.table on a
 * narrow page). It is drawn smaller, to the column's width, down to its part's floor
 * (ATOM_FLOOR of its style's size, or the part's minSize: as an identifier is,
 * Measurer.wrapAtom, which may have drawn it smaller already); past that the column
 * cannot show its text (`fit.tooNarrow`, which refuses the layout). Widths scale with
 * the size.
 */
function fitToColumn(
  flow: Flow,
  item: Item,
  column: { readonly width: number; readonly floor: number; readonly base: TextStyle },
  c: number,
  fit: ColumnFit | undefined,
): Item {
  const { line, style } = item;
  const { width, floor, base } = column;
  // Rounded down to 1/20 pt: the line's width at that size is within the column's.
  const size = Math.floor(((style.size * width) / line.width) * 20) / 20;
  if (size < floor) {
    fit?.tooNarrow(c, { ...line, width: (line.width * base.size) / style.size }, base, floor);
    return item;
  }
  const small = flow.measurer.scaled(style, size);
  fit?.shrunk(c, base, size);
  return {
    line: { ...line, width: (line.width * size) / style.size },
    style: small,
    height: flow.measurer.lineHeight(small),
  };
}

/** A no-break space inside the phrases to keep whole (wrapping breaks only at ordinary spaces). */
const GLUE = '\u00a0';

/** `text` with the spaces of `keep`'s phrases made unbreakable (unchanged if it has its own no-break spaces). */
export function glue(text: string, keep: readonly string[]): string {
  if (text.includes(GLUE)) return text;
  let out = text;
  for (const phrase of keep)
    if (phrase.includes(' ')) out = out.split(phrase).join(phrase.replaceAll(' ', GLUE));
  return out;
}

/** A wrapped line with its glue drawn as the ordinary spaces it stands for (same advance in our fonts, measured again). */
function unglue(measurer: Flow['measurer'], line: Line, style: TextStyle): Line {
  if (!line.text.includes(GLUE) && !line.actualText?.includes(GLUE)) return line;
  const text = line.text.replaceAll(GLUE, ' ');
  const actual = line.actualText?.replaceAll(GLUE, ' ');
  return {
    ...line,
    text,
    width: measurer.width(text, line.file, style.size),
    ...(actual === undefined ? {} : { actualText: actual }),
  };
}

/** A cell's line that shows nothing (an empty line between paragraphs, or at its end). */
export function isBlankItem(item: Item | undefined): boolean {
  return item !== undefined && item.line.text.trim() === '';
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
