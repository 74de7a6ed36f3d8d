import PDFDocument from 'pdfkit';
import { Checkpoint } from '../interrupt.js';
import { ChunkBatcher } from '../output/chunk-batcher.js';
import type { Dossier, Language } from '../model/dossier.js';
import { Redactor } from '../redact/index.js';
import type { DossierFacts } from '../facts/index.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ResolvedTemplate } from '../templates/resolve-template.js';
import { RenderContext } from './context.js';
import { installStreamFixes, markTagged, setOutlineCounts } from './conformance.js';
import { furnitureDrawer, planHeader, withHeaderRoom } from './furniture.js';
import { documentId } from './identity.js';
import { Flow, LayoutCache, type LayoutNote } from './layout/flow.js';
import type { SpillOptions } from './layout/spill-file.js';
import { PdfPainter } from './layout/pdf-painter.js';
import type { DocumentInfo } from './metadata.js';
import { installXmp, pdfInfo } from './metadata.js';
import { releaseFinishedPages, releaseFontCaches, streamOutput } from './pdf-output.js';
import { buildBlocks } from './sections/index.js';
import { FontSelector } from './text/font-selector.js';
import { Measurer } from './text/measure.js';
import { buildTheme } from './theme.js';

export interface LayoutInput {
  readonly dossier: Dossier;
  readonly facts: DossierFacts;
  readonly template: ResolvedTemplate;
  readonly lang: Language;
  readonly generated: string;
  readonly reveal: boolean;
  readonly fingerprint: string;
  readonly warnings: readonly Diagnostic[];
  readonly version: string;
  /** Called as each page is started in the drawing pass: progress (see RenderOptions.onPage). */
  readonly onPage?: (page: number) => void;
  /** Aborting it stops the rendering (InterruptedError) within about 50 ms. */
  readonly signal?: AbortSignal;
  /** Where the table rows kept between the passes go past 1 MiB (default: TMPDIR). */
  readonly rowSpill?: SpillOptions;
}

/** What a render tells besides its bytes. */
export interface RenderSummary {
  readonly pages: number;
  /** Size of the PDF in bytes. */
  readonly size: number;
  /** Characters no embedded font could draw (shown as U+FFFD). */
  readonly missingGlyphs: readonly string[];
  /** Layouts the template allows but that serve a reader poorly (`templates check` warns). */
  readonly layoutNotes: readonly LayoutNote[];
}

export interface RenderedDocument extends RenderSummary {
  readonly bytes: Uint8Array;
}

/** Where the bytes of a PDF go, chunk by chunk, as pages are finished (in order). */
export interface PdfSink {
  /** Called synchronously by the PDF writer; the chunk is not reused, but may be small. */
  write(chunk: Uint8Array): void;
}

/** Render into memory: the bytes and the summary (tests and library users). */
export async function layoutAndDrawToBytes(input: LayoutInput): Promise<RenderedDocument> {
  const chunks: Uint8Array[] = [];
  const batcher = new ChunkBatcher((batch) => chunks.push(Buffer.from(batch)));
  const summary = await layoutAndDraw(input, batcher);
  batcher.flush();
  return { ...summary, bytes: Buffer.concat(chunks) };
}

/**
 * Build the blocks, measure and paginate them (pass 1, nothing drawn), then draw them
 * (pass 2) into a PDF/A-2b document whose bytes go to `sink` as each page is finished
 * (no bufferPages): nothing of a drawn page is kept but what the page tree, outline,
 * links and destinations refer to (see compactPageTree).
 * The trailer /ID comes from the document's inputs (identity.ts); conformance.ts fills
 * what pdfkit leaves out (/Length1, outline /Count) or gets wrong (metadata /length).
 */
export async function layoutAndDraw(input: LayoutInput, sink: PdfSink): Promise<RenderSummary> {
  const ctx = new RenderContext(input);
  const baseTheme = buildTheme(input.template);
  const redactor = Redactor.forDossier(input.dossier, { mask: ctx.mask, reveal: input.reveal });
  // The mask the document prints, which the warnings annex puts in place of the
  // diagnostics' own (with --reveal-victims nothing is masked but the diagnostics: the label).
  if (!input.reveal) ctx.mask = redactor.mask;
  const blocks = buildBlocks(ctx, input.template.sections);
  const scrub = (s: string) => redactor.scrub(s);
  const meta = input.template.metadata;
  const info: DocumentInfo = {
    title: scrub(ctx.fill(meta.title[input.lang]) || ctx.documentTitle),
    subject: scrub(ctx.fill(meta.subject[input.lang])),
    author: scrub(ctx.fill(meta.author[input.lang])),
    keywords: scrub(ctx.fill(meta.keywords[input.lang])),
    producer: `courtfile ${input.version}`,
    creator: `courtfile ${input.version} (${input.template.name})`,
    language: input.lang,
    date: new Date(`${input.generated}T00:00:00Z`),
  };
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: [baseTheme.geometry.width, baseTheme.geometry.height],
    margin: 0,
    font: baseTheme.fontFiles.body,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    lang: input.lang,
    displayTitle: true,
    info: pdfInfo(info),
  });
  // pdfkit derives /ID from the Info values only; ours is derived from the content's inputs.
  (doc as unknown as { _id: Buffer })._id = documentId({
    fingerprint: input.fingerprint,
    template: input.template,
    lang: input.lang,
    windowHours: input.facts.correlation.windowHours,
    revealVictims: input.reveal,
    generated: input.generated,
    version: input.version,
  });
  installStreamFixes(doc);
  markTagged(doc);
  let size = 0;
  const ended = streamOutput(doc, {
    write: (chunk) => {
      size += chunk.length;
      sink.write(chunk);
    },
  });
  const fonts = new FontSelector(doc);
  const measurer = new Measurer(fonts, baseTheme, scrub);
  // A running header too wide for one line wraps: the body of every page starts lower.
  // Planned with the fonts of a scratch document (same files, same widths): pdfkit names
  // a document's fonts in the order of their first use, which measuring the header first
  // would change in every PDF.
  const scratch = new PDFDocument({ autoFirstPage: false, margin: 0 });
  const header = planHeader(
    ctx,
    baseTheme,
    new Measurer(new FontSelector(scratch), baseTheme, scrub),
  );
  const theme = withHeaderRoom(baseTheme, header, input.template.footer.show);
  // Rows laid out by the measuring pass are kept for the drawing pass (within a budget),
  // in a temporary file past a threshold; closed (and the file removed) however this ends.
  const cache = new LayoutCache(undefined, input.rowSpill);
  const checkpoint = new Checkpoint(input.signal);
  try {
    const pagination = await new Flow(theme, measurer, undefined, undefined, cache, checkpoint).run(
      blocks,
    );
    // What the measuring pass memoised for itself (widths, prepared texts, pdfkit's glyph
    // runs per word) is not needed to draw the kept rows: let it go before drawing.
    measurer.releaseMemos();
    releaseFontCaches(doc);
    const drawer = furnitureDrawer(ctx, theme, measurer, pagination.pageCount, header);
    const painter = new PdfPainter(doc, fonts, measurer, theme, drawer, (page) => {
      releaseFinishedPages(doc, page);
      input.onPage?.(page);
    });
    const drawn = await new Flow(theme, measurer, painter, pagination, cache, checkpoint).run(
      blocks,
    );
    if (drawn.pageCount !== pagination.pageCount) {
      throw new Error(
        `internal: layout gave ${pagination.pageCount} pages but drawing gave ${drawn.pageCount}`,
      );
    }
    painter.finish();
    setOutlineCounts(doc);
    installXmp(doc, info);
    doc.end();
    await ended;
    return {
      pages: drawn.pageCount,
      size,
      missingGlyphs: [...measurer.missing],
      layoutNotes: pagination.notes,
    };
  } finally {
    cache.close();
  }
}
