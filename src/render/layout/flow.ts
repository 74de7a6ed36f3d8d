/**
 * Pagination. A document is a list of blocks placed one after another by a Flow. The
 * same placement code runs twice: a measuring pass (no painter) that counts pages and
 * records on which page each heading lands, then a drawing pass that knows those totals
 * ("page X / Y", table of contents). Pages are never buffered: each is finished before
 * the next one starts, so memory does not grow with the page count.
 */
import { Checkpoint } from '../../interrupt.js';
import { LayoutError } from '../../errors.js';
import type { Line, Measurer } from '../text/measure.js';
import type { SpillOptions } from './spill-file.js';
import { SpillFile } from './spill-file.js';
import type { PageGeometry, TextStyle, Theme } from '../theme.js';
import { millimetres } from '../theme.js';

/**
 * Standard structure types (ISO 32000-1, 14.8.4) of the tagged PDF that the renderer
 * writes. Blocks say what their content is; the painter turns it into the structure tree.
 */
export type StructureType =
  | 'Document'
  | 'Sect'
  | 'H1'
  | 'H2'
  | 'H3'
  | 'P'
  | 'L'
  | 'LI'
  | 'Lbl'
  | 'LBody'
  | 'Table'
  | 'THead'
  | 'TBody'
  | 'TR'
  | 'TH'
  | 'TD'
  | 'Figure'
  | 'Caption'
  | 'Link'
  | 'TOC'
  | 'TOCI'
  | 'Note'
  | 'Span';

/** A structure element to open: its type and the attributes PDF/UA asks for. */
export interface StructureTag {
  readonly type: StructureType;
  /** Alternate description (figures: required). */
  readonly alt?: string;
  /** Table header cells: what the header applies to. */
  readonly scope?: 'Row' | 'Column' | 'Both';
  /** Replacement text for extraction (e.g. a line-broken identifier). */
  readonly actualText?: string;
  /** Language of the element when it differs from the document's. */
  readonly lang?: string;
}

/** How a shape is painted: filled, outlined, or both (colours `#RRGGBB`). */
export interface ShapePaint {
  readonly fill?: string;
  readonly stroke?: string;
  /** Outline width (default 0.8). */
  readonly lineWidth?: number;
}

/** A point `[x, y]` in top-down page coordinates. */
export type Point = readonly [number, number];

/** What the drawing pass does with placed content; absent in the measuring pass. */
export interface Painter {
  /**
   * Open a structure element: what is drawn until the matching closeTag belongs to it
   * (elements nest; one may span pages). Seam between blocks (which know what their
   * content is) and the tagged-PDF writer (pdf-painter).
   */
  openTag(tag: StructureTag): void;
  /**
   * Reopen the `index`-th child element (0-based, closed) of the innermost open element:
   * what is drawn until the next closeTag belongs to it again (a table cell whose lines
   * continue on the next page).
   */
  reopenTag(index: number): void;
  /** Close the innermost open (or reopened) structure element. */
  closeTag(): void;
  /** What is drawn until endArtifact is not content (running header/footer, rules, fills). */
  beginArtifact(): void;
  endArtifact(): void;
  /** Start page `pageNumber` (1-based); draw the running header/footer when `furniture`. */
  beginPage(pageNumber: number, furniture: boolean): void;
  /** Draw one line whose line box starts at `y` (top). */
  text(line: Line, style: TextStyle, x: number, y: number): void;
  fillRect(x: number, y: number, width: number, height: number, color: string): void;
  strokeRect(
    x: number,
    y: number,
    width: number,
    height: number,
    color: string,
    lineWidth: number,
  ): void;
  line(
    x1: number,
    y1: number,
    x2: number,
    y2: number,
    color: string,
    lineWidth: number,
    dash?: number,
  ): void;
  /** A circle of centre (cx, cy) and radius r. */
  circle(cx: number, cy: number, r: number, paint: ShapePaint): void;
  /** A closed polygon through `points` (at least three). */
  polygon(points: readonly Point[], paint: ShapePaint): void;
  /**
   * A clickable area that jumps to a named destination; `description` (its /Contents, for
   * assistive technology) says where to, e.g. the heading's text.
   */
  link(
    x: number,
    y: number,
    width: number,
    height: number,
    anchor: string,
    description: string,
  ): void;
  /** A named destination at `y` on the current page. */
  anchor(name: string, y: number): void;
  /** A PDF outline entry (bookmark) at `y` on the current page. */
  bookmark(level: number, title: string, y: number): void;
}

/** What the measuring pass learns and the drawing pass uses. */
export interface Pagination {
  readonly pageCount: number;
  /** Page number (1-based) of every anchor (heading). */
  readonly anchors: ReadonlyMap<string, number>;
  /** What the layout could do but a reader would find poor (measuring pass; see Flow.note). */
  readonly notes: readonly LayoutNote[];
}

/**
 * A layout the template allows but that serves a reader poorly (a table header that
 * takes most of every page): `templates check` warns of it at the first of `keys` its
 * file writes (as for LayoutError).
 */
export interface LayoutNote {
  /** Notes of one kind (`table-header`) are given once: the first, with how many others there were. */
  readonly kind: string;
  readonly message: string;
  readonly keys: readonly (readonly string[])[];
  /** Notes of the same kind after the first (set by Flow). */
  readonly others?: number;
}

export interface Block {
  /**
   * Height this block needs at a page foot to start without leaving an orphan (a heading
   * with its first line, a table header with its first row). Used by keep-with-next.
   */
  minHeight(flow: Flow): number;
  /**
   * Place (and, in the drawing pass, draw) the block from the cursor on. `keep` is the
   * height that must fit after this block on the same page (keep-with-next), else 0.
   * A block of unbounded size (a table) returns a promise and awaits `flow.checkpoint`
   * between its parts, so that a long document can be interrupted.
   */
  place(flow: Flow, keep: number): void | Promise<void>;
  /**
   * The least height this block needs to start on a page at all (a table's header with its
   * first row, when that row is not split between pages; `minHeight` when absent):
   * keep-with-next never reserves less under a heading, whatever KEEP_LIMIT, since the
   * block would move on without it.
   */
  startHeight?(flow: Flow): number;
  /**
   * Height this block takes when it starts a fresh page: its space above dropped, and the
   * continuation caption the page gets once the block has closed the blocks it ends (a
   * heading closes its level's); `minHeight` and any open caption when absent.
   */
  freshPageHeight?(flow: Flow): number;
  /** Kept on the same page as the start of what follows (headings). */
  readonly keepWithNext?: boolean;
  /**
   * Text that reads without what follows it (a section's introduction, unlike a heading):
   * a keep-with-next chain that holds one may end before a group kept whole that the
   * chain cannot take along (see keepHeight).
   */
  readonly readsAlone?: boolean;
  /**
   * Height of the whole block placed without a page break inside it, when it is known and
   * bounded (a heading, a paragraph, a table of a few rows); undefined otherwise. Used by
   * KeepTogetherBlock.
   */
  wholeHeight?(flow: Flow): number | undefined;
  /**
   * A KeepTogetherBlock: when its minHeight is not 0 (it keeps its group whole), a chain
   * of keep-with-next blocks before it ends with it, whatever KEEP_LIMIT, so that a
   * heading above the group goes with it to the next page (see keepHeight).
   */
  readonly keepsTogether?: boolean;
}

/**
 * What the measuring pass keeps for the drawing pass (the wrapped lines of table rows),
 * under a budget counted in lines, so that memory and the rows' temporary file stay
 * bounded on any dossier: past the budget, the drawing pass lays the rest out again (same
 * code, same result).
 */
export class LayoutCache {
  private readonly entries = new Map<object, unknown>();
  /** Where the kept rows' records go: a temporary file past a threshold (see SpillFile). */
  readonly rows: SpillFile;

  constructor(
    /** Lines that may still be kept. */
    private budget = DEFAULT_CACHE_LINES,
    spill?: SpillOptions,
  ) {
    this.rows = new SpillFile(spill);
  }

  /** Reserve room for `lines` lines; false (and nothing reserved) when over budget. */
  reserve(lines: number): boolean {
    if (lines > this.budget) return false;
    this.budget -= lines;
    return true;
  }
  get<T>(owner: object): T | undefined {
    return this.entries.get(owner) as T | undefined;
  }
  set(owner: object, value: unknown): void {
    this.entries.set(owner, value);
  }
  delete(owner: object): void {
    this.entries.delete(owner);
  }
  /** The document is done (or failed): drop what is kept and remove the temporary file. */
  close(): void {
    this.entries.clear();
    this.rows.close();
  }
}

/**
 * In memory ~20 bytes a row (the rows' records go to a temporary file past 1 MiB, ~20
 * bytes a line plus its text); the budget also bounds that file.
 */
const DEFAULT_CACHE_LINES = 2_000_000;

const EPSILON = 0.01;
/** Where content must end on a page without the running footer: this far above its bottom edge. */
const BARE_PAGE_EDGE = 12;
/** How far past the foot of the body a page's content may end (rounding, a rule's width). */
const OVERFLOW_TOLERANCE = 0.5;
/** Pages measured between two emptyings of pdfkit's word caches (as when drawing). */
const PAGES_PER_SHAPING_RELEASE = 8;
/** Most of a page that keep-with-next may reserve. */
const KEEP_LIMIT = 0.45;
/** Most of a page a group kept whole may take with the headings above it (KeepTogetherBlock). */
export const KEEP_WHOLE_LIMIT = 0.5;
/** Space under a continuation caption. */
const CAPTION_GAP = 2;

/** What a page continues: shown at its top as a caption ("Charge 1 (continued)"). */
interface Continuation {
  /** Nesting level: a heading's level (1-3), or deeper for a table inside its section. */
  readonly level: number;
  /** The caption as drawn, "(continued)" included. */
  readonly text: string;
}

export class Flow {
  /** Pages started so far (the current page number, 1-based; 0 before the first). */
  page = 0;
  /** Cursor: top of the free space on the current page. */
  y = 0;
  /** Whether pages started from now on carry the running header and footer. */
  furniture = true;
  /** Layout notes of the measuring pass: the first of each kind, and how many others came. */
  private readonly notes = new Map<string, { note: LayoutNote; others: number }>();
  /** Whether the current page carries them (what `furniture` was when it started). */
  private pageFurniture = true;
  readonly anchors = new Map<string, number>();
  /**
   * Groups kept whole (KeepTogetherBlock) that flow instead, for this placement: the
   * heading chain above one would make the block moved to the next page, with the group,
   * more than KEEP_WHOLE_LIMIT of a page (see keepHeight).
   */
  readonly released = new Set<Block>();
  /**
   * Groups kept whole that a keep-with-next chain above them could not take along, but
   * that keep whole on their own (to the next page), since the chain holds text that reads
   * without them: the chain ends before them (see keepHeight).
   */
  private readonly alone = new Set<Block>();
  /**
   * Index of the block that ends a keep-with-next chain whose start a page could not hold
   * with its headings (see keepHeight): the headings of that chain below the first keep to
   * it too, rather than move away from the one above them.
   */
  private softChainEnd = -1;
  /**
   * Tables whose first row is split under the headings above them rather than moved on
   * whole, leaving them at a page foot: a fresh page cannot hold the headings and the row
   * together either (see keepHeight).
   */
  readonly splitFirstRow = new Set<Block>();
  readonly geometry: PageGeometry;
  /** Open blocks that a page break continues, outermost first (see continueWith). */
  private readonly continuations: Continuation[] = [];

  constructor(
    readonly theme: Theme,
    readonly measurer: Measurer,
    readonly painter: Painter | undefined,
    /** Result of the measuring pass (drawing pass only). */
    readonly pagination: Pagination | undefined,
    /** Shared by the two passes of a document: the measuring pass fills it, the drawing pass reads it. */
    readonly cache?: LayoutCache,
    /** Yields to the event loop now and then, and stops the pass when interrupted. */
    readonly checkpoint: Checkpoint = Checkpoint.none,
  ) {
    this.geometry = theme.geometry;
  }

  get left(): number {
    return this.geometry.left;
  }
  get width(): number {
    return this.geometry.right - this.geometry.left;
  }
  get bottom(): number {
    return this.geometry.bottom;
  }
  /** Height of the text area of a page. */
  get pageHeight(): number {
    return this.geometry.bottom - this.geometry.top;
  }
  get remaining(): number {
    return this.geometry.bottom - this.y;
  }

  /**
   * Start a page. When it continues a block (an exhibit entry, a charge, a table...), its
   * first line is the innermost open block's caption, e.g. "E01 — Export (suite)".
   */
  newPage(): void {
    this.assertWithinBody();
    this.page++;
    this.y = this.geometry.top;
    this.pageFurniture = this.furniture;
    this.painter?.beginPage(this.page, this.furniture);
    // The drawing pass's painter releases pdfkit's word caches as pages go; here, measuring.
    if (!this.painter && this.page % PAGES_PER_SHAPING_RELEASE === 0)
      this.measurer.releaseShaping();
    const open = this.continuations[this.continuations.length - 1];
    if (open) {
      const style = this.theme.styles.small_italic;
      const painter = this.painter;
      if (painter) {
        // A pagination artifact, like the running header: not part of the content.
        painter.beginArtifact();
        painter.text(this.measurer.fit(open.text, style, this.width), style, this.left, this.y);
        painter.endArtifact();
      }
      this.y += this.captionHeight();
    }
  }

  /** Height of the caption a page started now gets once the blocks of `level` and below are closed. */
  captionAbove(level: number): number {
    return this.continuations.some((c) => c.level < level) ? this.captionHeight() : 0;
  }

  /** Height of a continuation caption line. */
  captionHeight(): number {
    return this.measurer.lineHeight(this.theme.styles.small_italic) + CAPTION_GAP;
  }

  /**
   * Pages started from now on (until `endContinuations(level)`) continue a block: they
   * start with `caption`, which already says "(continued)". Blocks nest by level; the
   * innermost open one is named.
   */
  continueWith(level: number, caption: string): void {
    this.endContinuations(level);
    this.continuations.push({ level, text: caption });
  }

  /** Close the blocks open at `level` and below (0: all; a heading closes its level). */
  endContinuations(level: number): void {
    const c = this.continuations;
    while (c.length > 0 && (c[c.length - 1] as Continuation).level >= level) c.pop();
  }

  /** True at the top of a page (nothing placed yet), or before the first page. */
  atTop(): boolean {
    return this.page === 0 || this.y <= this.geometry.top + EPSILON;
  }

  fits(height: number): boolean {
    return this.page > 0 && this.y + height <= this.geometry.bottom + EPSILON;
  }

  /** Make sure `height` fits below the cursor, starting a page if it does not (and something is above). */
  ensure(height: number): void {
    if (this.page === 0 || (!this.fits(height) && !this.atTop())) this.newPage();
  }

  /** Note a poor layout (the first of its kind; the measuring pass only, which every render runs). */
  note(note: LayoutNote): void {
    if (this.painter) return;
    const known = this.notes.get(note.kind);
    if (known) known.others++;
    else this.notes.set(note.kind, { note, others: 0 });
  }

  /** Start a new page unless the current one is still empty. */
  breakPage(): void {
    if (this.page === 0 || !this.atTop()) this.newPage();
  }

  /** Vertical space, dropped at the top of a page. */
  space(height: number): void {
    // Before the cursor is brought back to the foot: what was drawn must end above it.
    this.assertWithinBody();
    if (!this.atTop()) this.y = Math.min(this.y + height, this.geometry.bottom);
  }

  /**
   * Height of the chain of keep-with-next blocks after `i` plus the start of the first
   * other block; at most KEEP_LIMIT of a page, but a chain ending in a group kept whole
   * (a heading right above an exhibit's entry or a charge) takes the group's whole height,
   * so that the heading is never left at a page foot when the group moves on.
   */
  private keepHeight(blocks: readonly Block[], i: number): number {
    let h = 0;
    // What the chain needs whatever KEEP_LIMIT: its headings and the start of the block
    // they introduce (a table whose first row is half a page: the heading goes with it).
    let start = 0;
    // Whether the chain so far holds text that reads without what follows (an intro).
    let content = false;
    let j = i + 1;
    for (; j < blocks.length; j++) {
      const b = blocks[j] as Block;
      const min = b.minHeight(this);
      if (b.keepsTogether) {
        if (min > 0 && this.alone.has(b)) break;
        // The heading goes with the group to the next page when both take at most
        // KEEP_WHOLE_LIMIT of a page (at most that much is left blank above them); else,
        // when the chain holds an introduction, the chain ends before the group, which
        // keeps whole on its own (the section's heading and introduction at a page foot,
        // the first exhibit whole overleaf: it was split, its heading and particulars at
        // the foot, its files overleaf); else the group flows, and the chain goes on into
        // it (its heading, its start), so that no heading is left alone at a page foot.
        // (Once released or alone by a chain that starts higher, so for those below.)
        if (min > 0 && !this.released.has(b) && h + min <= this.pageHeight * KEEP_WHOLE_LIMIT)
          return h + min;
        if (min > 0 && content && !this.released.has(b)) {
          this.alone.add(b);
          break;
        }
        if (min > 0) this.released.add(b);
        continue;
      }
      if (b.readsAlone) content = true;
      h += min;
      start += b.startHeight ? b.startHeight(this) : min;
      if (!b.keepWithNext) break;
    }
    const kept = Math.min(h, this.pageHeight * KEEP_LIMIT);
    if (i < this.softChainEnd) return kept;
    // What this heading and the chain's start take on a fresh page (with the caption of an
    // entry it leaves open, without its space above).
    const block = blocks[i] as Block;
    const top =
      block.freshPageHeight?.(this) ??
      block.minHeight(this) + (this.continuations.length > 0 ? this.captionHeight() : 0);
    if (top + start <= this.pageHeight) return Math.max(kept, start);
    // A start that a fresh page cannot hold with this heading either: moving does not help,
    // for this heading nor for those below it in the chain; the table they introduce
    // starts its first row under them, split, instead of leaving them alone.
    this.softChainEnd = j;
    const introduced = blocks[j];
    if (introduced?.startHeight) this.splitFirstRow.add(introduced);
    return kept;
  }

  /** Run `draw` inside structure element `tag` (drawing pass; in the measuring pass only `draw`). */
  tagged<T>(tag: StructureTag, draw: () => T): T {
    this.painter?.openTag(tag);
    try {
      return draw();
    } finally {
      this.painter?.closeTag();
    }
  }

  /** Draw (drawing pass only) lines of one style from the cursor, advancing it. */
  drawLines(
    lines: readonly Line[],
    style: TextStyle,
    x: number,
    width: number,
    align: Align,
  ): void {
    const lh = this.measurer.lineHeight(style);
    for (const line of lines) {
      this.painter?.text(line, style, alignX(line, x, width, align), this.y);
      this.y += lh;
      // Room under a line whose glyphs reach below its box (a Kannada or Telugu stack).
      const below = this.measurer.depthBelow(line, style);
      if (below > 0) this.y += below;
    }
  }

  /** Place every block; returns what the drawing pass needs. Rejects with InterruptedError when interrupted. */
  async run(blocks: readonly Block[]): Promise<Pagination> {
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i] as Block;
      const placing = block.place(this, block.keepWithNext ? this.keepHeight(blocks, i) : 0);
      if (placing) await placing;
      const pause = this.checkpoint.tickLarge();
      if (pause) await pause;
    }
    if (this.page === 0) this.newPage();
    this.assertWithinBody();
    const notes = [...this.notes.values()].map(({ note, others }) => ({ ...note, others }));
    return { pageCount: this.page, anchors: this.anchors, notes };
  }

  /**
   * What a page holds ends above the foot of its body: past it, text runs under the
   * running footer or off the page, and is lost to a reader. Only a block taller than a
   * page's body can get there (a heading of many lines at a large size, the chart of
   * fixed height on a small page, a line of the table of contents): refused, in the
   * measuring pass, before anything is drawn.
   */
  private assertWithinBody(): void {
    // A page without the running footer (the cover) may be used down to near its edge,
    // as a long case reference or marking there was before this check.
    const foot = this.pageFurniture ? this.geometry.bottom : this.geometry.height - BARE_PAGE_EDGE;
    const over = this.y - foot;
    if (this.page === 0 || over <= OVERFLOW_TOLERANCE) return;
    const open = this.continuations[this.continuations.length - 1];
    const shown =
      open && open.text.length > 80 ? `${open.text.slice(0, 79).trimEnd()}…` : open?.text;
    const where = shown === undefined ? '' : ` (in "${shown}")`;
    throw new LayoutError(
      `page ${this.page}${where} runs ${millimetres(over)} mm ${this.pageFurniture ? "past the foot of the page's body, under the running footer or off the page" : 'past the foot of the page'}: something on it is taller than the ${millimetres(this.pageHeight)} mm of a page's body (the chart, a heading or a line at the template's sizes, or a text of the dossier that no page holds, such as a case reference or marking of thousands of characters); make the template's type sizes (type.body, type.h1 to h3, type.title, the leadings) smaller or its page larger, or shorten that text`,
      [['type'], ['page']],
    );
  }
}

export type Align = 'left' | 'right' | 'center';

export function alignX(line: Line, x: number, width: number, align: Align): number {
  if (align === 'right') return x + width - line.width;
  if (align === 'center') return x + (width - line.width) / 2;
  return x;
}
