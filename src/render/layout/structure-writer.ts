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
 * Memory: an element's object is written when its parent closes (so a closed child can be
 * reopened, e.g. a table cell continued on the next page); a page's ParentTree array is
 * written at the end of the page, leaving one reference per page in the number tree.
 */
import type { StructureTag, StructureType } from './flow.js';

/** pdfkit's indirect object (PDFReference): written by end(), cited by its number. */
interface Ref {
  data: Record<string, unknown>;
  end(): void;
}

interface Internals {
  ref(data?: unknown): Ref;
  getStructTreeRoot(): Ref;
  page: { dictionary: Ref; annotations: Ref[] };
}

interface NumberTree {
  add(key: number, value: unknown): void;
}

/** A child of a structure element: an element, a marked-content reference, or an annotation. */
type Kid =
  | { readonly el: Element }
  | { readonly page: Ref; readonly mcid: number }
  | { readonly annot: Ref; readonly page: Ref };

interface Element {
  readonly type: StructureType;
  readonly ref: Ref;
  readonly kids: Kid[];
  written: boolean;
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

export class StructureWriter {
  private readonly stack: Element[] = [];
  private readonly root: Ref;
  private readonly parentTree: NumberTree;
  private nextKey = 0;
  /** Open explicit artifacts (beginArtifact). */
  private artifacts = 0;
  /** The marked-content sequence open in the content stream, if any. */
  private open: Target | undefined;
  /** The current page's dictionary and its MCID → element table. */
  private page: Ref | undefined;
  private parents: Ref[] = [];

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    /** Writes a marked-content operator into the content stream (outside any text object). */
    private readonly mark: (operator: string) => void,
  ) {
    const internals = doc as unknown as Internals;
    if (typeof internals.getStructTreeRoot !== 'function') {
      throw new Error('internal: this pdfkit version has no structure tree support');
    }
    this.root = internals.getStructTreeRoot();
    this.parentTree = this.root.data.ParentTree as NumberTree;
    this.openTag({ type: 'Document' });
  }

  private get internals(): Internals {
    return this.doc as unknown as Internals;
  }

  openTag(tag: StructureTag): void {
    this.endSequence();
    const parent = this.stack[this.stack.length - 1];
    const data: Record<string, unknown> = { S: tag.type, P: parent ? parent.ref : this.root };
    if (tag.alt !== undefined) data.Alt = new String(tag.alt);
    if (tag.actualText !== undefined) data.ActualText = new String(tag.actualText);
    if (tag.lang !== undefined) data.Lang = new String(tag.lang);
    if (tag.scope !== undefined) data.A = { O: 'Table', Scope: tag.scope };
    const el: Element = { type: tag.type, ref: this.internals.ref(data), kids: [], written: false };
    parent?.kids.push({ el });
    this.stack.push(el);
  }

  /**
   * Reopen the `index`-th child element of the current element (closed, not yet written):
   * what is drawn next belongs to it again (a table cell continued on the next page).
   */
  reopenTag(index: number): void {
    const parent = this.stack[this.stack.length - 1];
    const kid = parent?.kids.filter((k): k is { el: Element } => 'el' in k)[index];
    if (!kid || kid.el.written)
      throw new Error(`internal: no structure element ${index} to reopen`);
    this.endSequence();
    this.stack.push(kid.el);
  }

  closeTag(): void {
    if (this.stack.length <= 1) throw new Error('internal: closeTag without openTag');
    this.endSequence();
    const el = this.stack.pop() as Element;
    this.writeChildren(el);
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
    if (target === 'pagination') this.mark('/Artifact <</Type /Pagination>> BDC');
    else if (target === 'layout') this.mark('/Artifact <</Type /Layout>> BDC');
    else {
      const page = this.currentPage();
      if (GROUPING.has(target.type)) {
        throw new Error(`internal: content drawn directly in a ${target.type} element`);
      }
      const mcid = this.parents.length;
      this.parents.push(target.ref);
      target.kids.push({ page, mcid });
      this.mark(`/${target.type} <</MCID ${mcid}>> BDC`);
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
    this.parentTree.add(key, el.ref);
    el.kids.push({ annot, page: this.currentPage() });
    if (implicit) this.closeTag();
  }

  /** The page has started (after pdfkit's addPage). */
  startPage(): void {
    this.page = this.internals.page.dictionary;
    this.parents = [];
  }

  /** The page ends (before the content stream is handed over): close the sequence, write its ParentTree array. */
  endPage(): void {
    this.endSequence();
    if (this.page && this.parents.length > 0) {
      const key = this.nextKey++;
      this.page.data.StructParents = key;
      const array = this.internals.ref(this.parents);
      array.end();
      this.parentTree.add(key, array);
    }
    this.page = undefined;
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
    this.root.data.K = [documentEl.ref];
    this.root.data.ParentTreeNextKey = this.nextKey;
  }

  private currentPage(): Ref {
    if (!this.page) throw new Error('internal: content drawn before the first page');
    return this.page;
  }

  private endSequence(): void {
    if (this.open === undefined) return;
    this.mark('EMC');
    this.open = undefined;
  }

  /** Write the children of a closed element (they cannot be reopened after this). */
  private writeChildren(el: Element): void {
    for (const kid of el.kids) if ('el' in kid) this.write(kid.el);
  }

  private write(el: Element): void {
    if (el.written) return;
    const data = el.ref.data;
    let pg: Ref | undefined;
    data.K = el.kids.map((kid) => {
      if ('el' in kid) return kid.el.ref;
      if ('annot' in kid) return { Type: 'OBJR', Obj: kid.annot, Pg: kid.page };
      pg ??= kid.page;
      return kid.page === pg ? kid.mcid : { Type: 'MCR', Pg: kid.page, MCID: kid.mcid };
    });
    if (pg) data.Pg = pg;
    el.ref.end();
    el.written = true;
    // Only the reference (its number) is needed from now on.
    el.ref.data = {};
    el.kids.length = 0;
  }
}
