/// <reference types="pdfkit" />
/**
 * The output side of a pdfkit 0.20.2 document, arranged so that a streamed document's
 * memory does not grow with its page count:
 * - pdfkit pushes the bytes of every object into its Readable stream's buffer, where they
 *   wait for the event loop as tiny arrays (one per line of PDF syntax: ~5x their size in
 *   memory, ~100 MB at 8,000 pages). `streamOutput` hands them to the sink synchronously.
 * - every embedded font keeps a `layoutCache`, an unbounded map from each distinct word
 *   ever drawn to its glyph run (ids, amounts and IBANs are mostly distinct).
 *   `releaseFinishedPages` empties it between pages, where no text is half-drawn; words
 *   are shaped again when next drawn (same glyphs, same bytes).
 * - the page tree's /Kids holds every page's dictionary object, and with it the page's
 *   resources and content stream objects (~1 KB a page), until the document ends.
 *   `releaseFinishedPages` puts in their place bare references to the same object numbers
 *   (written "N 0 R" alike), once pdfkit has written the pages.
 */
import type { PdfSink } from './document.js';

interface FontInternals {
  layoutCache?: Record<string, unknown>;
}

interface PageTreeInternals {
  _root: { data: { Pages: { data: { Kids: { id: number; gen: number }[] } } } };
  /** Pages started but not yet written (without bufferPages: the current one). */
  _pageBuffer: unknown[];
}

interface OutputInternals {
  push(chunk: Uint8Array | null): boolean;
}

/**
 * Send the document's bytes to `sink` as pdfkit produces them. The promise resolves once
 * the last byte (after `doc.end()`) is handed over, and rejects on a stream error.
 */
export function streamOutput(doc: PDFKit.PDFDocument, sink: PdfSink): Promise<void> {
  const output = doc as unknown as OutputInternals;
  if (typeof output.push !== 'function') {
    throw new Error('internal: this pdfkit version is not a Readable stream');
  }
  // What the constructor wrote (the header) is already in the stream's buffer.
  for (
    let head = doc.read() as Uint8Array | null;
    head !== null;
    head = doc.read() as Uint8Array | null
  ) {
    sink.write(head);
  }
  return new Promise<void>((resolve, reject) => {
    output.push = (chunk) => {
      if (chunk === null) resolve();
      else sink.write(chunk);
      return true;
    };
    doc.on('error', reject);
  });
}

/** Pages between two releases: common words stay cached for a while, memory stays bounded. */
const PAGES_PER_RELEASE = 8;

/** Kids entries already replaced by bare references, per document. */
const compacted = new WeakMap<PDFKit.PDFDocument, number>();

/** Call as each page starts (the previous one is written). */
export function releaseFinishedPages(doc: PDFKit.PDFDocument, pageNumber: number): void {
  if (pageNumber % PAGES_PER_RELEASE !== 0) return;
  compactPageTree(doc);
  releaseFontCaches(doc);
}

/** Empty every font's layoutCache (between pages, or between the layout passes). */
export function releaseFontCaches(doc: PDFKit.PDFDocument): void {
  const families = (doc as unknown as { _fontFamilies?: Record<string, FontInternals> })
    ._fontFamilies;
  for (const font of Object.values(families ?? {})) {
    if (font.layoutCache !== undefined) {
      font.layoutCache = Object.create(null) as Record<string, unknown>;
    }
  }
}

/**
 * Replace the written pages' dictionaries in the page tree's /Kids by bare references to
 * their object numbers: the outline, links and destinations that cite a page keep its
 * dictionary object alive themselves, the others are dropped.
 */
function compactPageTree(doc: PDFKit.PDFDocument): void {
  const internals = doc as unknown as PageTreeInternals;
  const kids = internals._root.data.Pages.data.Kids;
  const written = kids.length - internals._pageBuffer.length;
  const first = compacted.get(doc) ?? 0;
  if (written <= first) return;
  // pdfkit's PDFReference prototype: written as "N 0 R" (PDFObject.convert, toString).
  const proto = Object.getPrototypeOf(internals._root) as object;
  for (let i = first; i < written; i++) {
    const kid = kids[i] as { id: number; gen: number };
    const bare = Object.create(proto) as { id: number; gen: number };
    bare.id = kid.id;
    bare.gen = kid.gen;
    kids[i] = bare;
  }
  compacted.set(doc, written);
}
