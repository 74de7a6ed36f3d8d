/// <reference types="pdfkit" />
/**
 * The structure tree of a tagged PDF (ISO 32000-1 §14.7-14.8, PDF/UA-1), written as the
 * pages are drawn. pdfkit 0.20 has structure support (doc.struct, markContent) but it
 * marks content through its own text() calls, while our content streams are written by
 * TextWriter; so the marked-content operators (`BDC`/`EMC` with an MCID) are written here
 * into the TextWriter's stream, and the structure elements, the per-page ParentTree
 * arrays and the link annotations' OBJR entries are built here too. Only pdfkit's
 * StructTreeRoot and MarkInfo (its `tagged` option) are used.
 *
 * Marked-content sequences open lazily: when content is drawn and it does not belong to the
 * sequence already open (another element, or an artifact), the open one is closed and a new
 * one starts, with the next MCID of the page. A page break closes the open sequence; an
 * element spanning pages (a table, a paragraph) gets MCIDs on each page.
 *
 * Memory and size: an element's object is written when it closes, a table cell's when its
 * row closes (so that it can be reopened, continued on the next page), into a compressed
 * object stream (object-streams.ts); a page's ParentTree array is written at the end of
 * the page, leaving one reference per page in the number tree.
 */
import type { ObjectRef } from '../object-streams.js';
import { ObjectStreams, pdfText } from '../object-streams.js';
import type { StructureTag, StructureType } from './flow.js';

/** pdfkit's indirect object (PDFReference). */
interface Ref extends ObjectRef {
  data: Record<string, unknown>;
}

interface Internals {
  getStructTreeRoot(): Ref;
  page: { dictionary: Ref; annotations: Ref[] };
}

interface NumberTree {
  add(key: number, value: unknown): void;
  limits: boolean;
}

/**
 * A child of a structure element: an element (by its object number once written: a long
 * table keeps a number per row, not the row's element), a marked-content reference, or an
 * annotation.
 */
type Kid =
  | Element
  | number
  | { readonly page: number; readonly mcid: number }
  | { readonly annot: number; readonly page: number };

interface Element {
  readonly type: StructureType;
  /** Object number. */
  readonly id: number;
  /** The element's entries other than K and Pg, as PDF source ('' once written). */
  entries: string;
  readonly kids: Kid[];
  written: boolean;
}

/** Writes marked-content operators into the content stream (TextWriter). */
export interface MarkSink {
  /** `inline`: the sequence holds text only (it may sit inside a text object). */
  beginMark(operator: string, inline: boolean): void;
  endMark(): void;
}

/** What a content item drawn now belongs to. */
type Target = Element | 'pagination' | 'layout';

/** Where content must not be marked as a structure element's (it would be mute or wrong). */
const GROUPING: ReadonlySet<StructureType> = new Set([
  'Document',
  'Sect',
  'L',
  'LI',
  'Table',
  'THead',
  'TBody',
  'TR',
  'TOC',
]);

const HEADING_LEVEL: Partial<Record<StructureType, number>> = { H1: 1, H2: 2, H3: 3 };
const HEADING_TYPE: Record<number, StructureType> = { 1: 'H1', 2: 'H2', 3: 'H3' };

export class StructureWriter {
  private readonly stack: Element[] = [];
  private readonly root: Ref;
  private readonly parentTree: NumberTree;
  private readonly objects: ObjectStreams;
  private nextKey = 0;
  /** Level of the last heading tagged (0 before the first). */
  private lastHeading = 0;
  /** Open explicit artifacts (beginArtifact). */
  private artifacts = 0;
  /** The marked-content sequence open in the content stream, if any. */
  private open: Target | undefined;
  /** The current page's object number and its MCID → element table. */
  private page = 0;
  /** Object numbers of the elements holding the page's MCIDs, by MCID. */
  private parents: number[] = [];

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    /** Where the marked-content operators go (the page's content stream). */
    private readonly marks: MarkSink,
  ) {
    const internals = doc as unknown as Internals;
    if (typeof internals.getStructTreeRoot !== 'function') {
      throw new Error('internal: this pdfkit version has no structure tree support');
    }
    this.root = internals.getStructTreeRoot();
    this.parentTree = this.root.data.ParentTree as NumberTree;
    // A single-node tree: /Limits belongs on intermediate and leaf nodes only (§7.9.7).
    this.parentTree.limits = false;
    this.objects = new ObjectStreams(doc);
    this.openTag({ type: 'Document' });
  }

  private get internals(): Internals {
    return this.doc as unknown as Internals;
  }

  openTag(requested: StructureTag): void {
    this.endSequence();
    const tag = this.headingLevel(requested);
    const parent = this.stack[this.stack.length - 1];
    let entries = `/S/${tag.type}/P ${parent ? parent.id : this.root.id} 0 R`;
    if (tag.alt !== undefined) entries += `/Alt${pdfText(tag.alt)}`;
    if (tag.actualText !== undefined) entries += `/ActualText${pdfText(tag.actualText)}`;
    if (tag.lang !== undefined) entries += `/Lang${pdfText(tag.lang)}`;
    if (tag.scope !== undefined) entries += `/A<</O/Table/Scope/${tag.scope}>>`;
    const el: Element = {
      type: tag.type,
      id: this.objects.reserve(),
      entries,
      kids: [],
      written: false,
    };
    parent?.kids.push(el);
    this.stack.push(el);
  }

  /**
   * A heading one level below the last at most (PDF/UA: no skipped level, Matterhorn
   * 14-003): a sub-heading drawn at level 3 straight under a chapter is tagged H2.
   */
  private headingLevel(tag: StructureTag): StructureTag {
    const level = HEADING_LEVEL[tag.type];
    if (level === undefined) return tag;
    const type = HEADING_TYPE[Math.min(level, this.lastHeading + 1)] ?? tag.type;
    this.lastHeading = HEADING_LEVEL[type] ?? level;
    return type === tag.type ? tag : { ...tag, type };
  }

  /**
   * Reopen the `index`-th child element of the current element (closed, not yet written):
   * what is drawn next belongs to it again (a table cell continued on the next page).
   */
  reopenTag(index: number): void {
    const parent = this.stack[this.stack.length - 1];
    const kid = parent?.kids.filter((k) => typeof k === 'number' || 'type' in k)[index];
    if (kid === undefined || typeof kid === 'number' || !('type' in kid) || kid.written)
      throw new Error(`internal: no structure element ${index} to reopen`);
    this.endSequence();
    this.stack.push(kid);
  }

  closeTag(): void {
    if (this.stack.length <= 1) throw new Error('internal: closeTag without openTag');
    this.endSequence();
    const el = this.stack.pop() as Element;
    this.writeChildren(el);
    // A table cell may be reopened while its row is open: it waits for the row's end.
    const parent = this.stack[this.stack.length - 1] as Element;
    if (parent.type === 'TR') return;
    this.write(el);
    // The parent keeps its number only (it was its last child: nothing is added to a parent
    // while a child is open).
    const last = parent.kids.length - 1;
    if (parent.kids[last] === el) parent.kids[last] = el.id;
  }

  beginArtifact(): void {
    this.artifacts++;
  }

  endArtifact(): void {
    if (this.artifacts === 0) throw new Error('internal: endArtifact without beginArtifact');
    this.artifacts--;
  }

  /**
   * Call before drawing a content item: opens the marked-content sequence it belongs to.
   * Rules and fills are decorative (layout artifacts) except inside a figure; text inside
   * an explicit artifact (running header, repeated table header) is a pagination artifact.
   */
  content(kind: 'text' | 'graphic'): void {
    const el = this.stack[this.stack.length - 1] as Element;
    const target: Target =
      this.artifacts > 0
        ? 'pagination'
        : kind === 'graphic' && el.type !== 'Figure'
          ? 'layout'
          : el;
    if (target === this.open) return;
    this.endSequence();
    if (target === 'pagination') this.marks.beginMark('/Artifact <</Type /Pagination>> BDC', false);
    else if (target === 'layout') this.marks.beginMark('/Artifact <</Type /Layout>> BDC', false);
    else {
      const page = this.currentPage();
      if (GROUPING.has(target.type)) {
        throw new Error(`internal: content drawn directly in a ${target.type} element`);
      }
      const mcid = this.parents.length;
      this.parents.push(target.id);
      target.kids.push({ page, mcid });
      // Only a figure holds both text and graphics.
      this.marks.beginMark(`/${target.type}<</MCID ${mcid}>>BDC`, target.type !== 'Figure');
    }
    this.open = target;
  }

  /**
   * A link annotation's options (a /StructParent key, /Contents) and, once pdfkit has made
   * it, its OBJR entry in the current Link element (pdfkit gap #1591: its links are not
   * nested in Link elements). Outside a Link element, one is made around the annotation.
   */
  link(description: string, make: (options: Record<string, unknown>) => void): void {
    const implicit = this.stack[this.stack.length - 1]?.type !== 'Link';
    if (implicit) this.openTag({ type: 'Link' });
    const el = this.stack[this.stack.length - 1] as Element;
    const key = this.nextKey++;
    make({ StructParent: key, Contents: new String(description) });
    const annotations = this.internals.page.annotations;
    const annot = annotations[annotations.length - 1] as Ref;
    this.parentTree.add(key, this.objects.cite(el.id));
    el.kids.push({ annot: annot.id, page: this.currentPage() });
    if (implicit) this.closeTag();
  }

  /** The page has started (after pdfkit's addPage). */
  startPage(): void {
    this.page = this.internals.page.dictionary.id;
    this.parents = [];
  }

  /** The page ends (before the content stream is handed over): close the sequence, write its ParentTree array. */
  endPage(): void {
    this.endSequence();
    if (this.page !== 0 && this.parents.length > 0) {
      const key = this.nextKey++;
      this.internals.page.dictionary.data.StructParents = key;
      const array = this.objects.reserve();
      this.objects.put(array, `[${this.parents.join(' 0 R ')} 0 R]`);
      this.parentTree.add(key, this.objects.cite(array));
    }
    this.page = 0;
    this.parents = [];
  }

  /** Close the document element and hook the tree into the StructTreeRoot (before doc.end()). */
  finish(): void {
    if (this.stack.length !== 1 || this.artifacts !== 0) {
      throw new Error('internal: structure elements or artifacts left open');
    }
    this.endPage();
    const documentEl = this.stack.pop() as Element;
    this.writeChildren(documentEl);
    this.write(documentEl);
    this.objects.flush();
    this.root.data.K = [this.objects.cite(documentEl.id)];
    this.root.data.ParentTreeNextKey = this.nextKey;
  }

  private currentPage(): number {
    if (this.page === 0) throw new Error('internal: content drawn before the first page');
    return this.page;
  }

  private endSequence(): void {
    if (this.open === undefined) return;
    this.marks.endMark();
    this.open = undefined;
  }

  /** Write the children of a closed element (they cannot be reopened after this). */
  private writeChildren(el: Element): void {
    const kids = el.kids;
    for (let i = 0; i < kids.length; i++) {
      const kid = kids[i] as Kid;
      if (typeof kid !== 'number' && 'type' in kid) {
        this.write(kid);
        kids[i] = kid.id;
      }
    }
  }

  private write(el: Element): void {
    if (el.written) return;
    let pg = 0;
    const kids = el.kids.map((kid) => {
      if (typeof kid === 'number') return `${kid} 0 R`;
      if ('type' in kid) return `${kid.id} 0 R`;
      if ('annot' in kid) return `<</Type/OBJR/Obj ${kid.annot} 0 R/Pg ${kid.page} 0 R>>`;
      if (pg === 0) pg = kid.page;
      return kid.page === pg
        ? String(kid.mcid)
        : `<</Type/MCR/Pg ${kid.page} 0 R/MCID ${kid.mcid}>>`;
    });
    const page = pg === 0 ? '' : `/Pg ${pg} 0 R`;
    this.objects.put(el.id, `<<${el.entries}/K[${kids.join(' ')}]${page}>>`);
    el.written = true;
    el.kids.length = 0;
    el.entries = '';
  }
}
