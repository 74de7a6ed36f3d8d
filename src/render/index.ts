/**
 * Court-ready PDF documents from a validated dossier and its facts: the only part of
 * courtfile that imports pdfkit. Public API: renderDocument (bytes),
 * renderDocumentWithInfo (bytes, page count, glyph report) and renderDocumentTo (bytes
 * streamed to a sink as pages are finished: the CLI's path, memory bounded).
 */
import path from 'node:path';
import { toolVersion } from '../assets.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { UsageError } from '../errors.js';
import { insideRoot } from '../load/load-dossier.js';
import { maskDiagnosticFiles, type Redactor } from '../redact/index.js';
import type { DossierFacts } from '../facts/index.js';
import { fingerprintDossier } from '../facts/index.js';
import type { CalendarDate, Dossier, Language } from '../model/dossier.js';
import { loadTemplate } from '../templates/load-template.js';
import type { ResolvedTemplate } from '../templates/resolve-template.js';
import type { LayoutInput, PdfSink, RenderedDocument, RenderSummary } from './document.js';
import { layoutAndDraw, layoutAndDrawToBytes } from './document.js';

export type { PdfSink, RenderedDocument, RenderSummary } from './document.js';
export { personLabel } from '../redact/index.js';
export { resolveGenerationDate } from './generation-date.js';

export interface RenderOptions {
  /** Built-in template name, template file path, or an already loaded template. Default `referral`. */
  readonly template?: string | ResolvedTemplate;
  /** Document language; default: the case's language. */
  readonly lang?: Language;
  /** Generation date `YYYY-MM-DD`: printed in the document and used as the PDF creation/modification date. */
  readonly date: CalendarDate;
  /** Show victims' names, birth dates and aliases (default: pseudonyms only). */
  readonly revealVictims?: boolean;
  /** Diagnostics of the validation; warnings are listed in the warnings annex. */
  readonly diagnostics?: readonly Diagnostic[];
  /** Folder that a template path is relative to (default: the process's). */
  readonly cwd?: string;
  /** Dossier fingerprint, if already computed (default: computed here). */
  readonly fingerprint?: string;
  /**
   * Called with the page number (from 1) as each page of the drawing pass is started,
   * after layout: for progress reporting (the CLI's `rendering: page N` line). An error
   * it throws stops the rendering and is thrown by the render call.
   */
  readonly onPage?: (page: number) => void;
  /**
   * Aborting it stops the rendering: the call rejects with the abort reason if it is an
   * InterruptedError (else a SIGINT one), within about 50 ms (checked between rows and pages).
   */
  readonly signal?: AbortSignal;
}

/** Render one document; the result also tells the page count. */
export async function renderDocumentWithInfo(
  dossier: Dossier,
  facts: DossierFacts,
  options: RenderOptions,
): Promise<RenderedDocument> {
  return layoutAndDrawToBytes(await layoutInput(dossier, facts, options));
}

/**
 * Render one document, handing its bytes to `sink` as they are produced (same bytes as
 * renderDocument). Nothing of a finished page is kept, so memory does not grow with the
 * page count. On a failure the sink has received part of a PDF: write into a temporary file.
 */
export async function renderDocumentTo(
  dossier: Dossier,
  facts: DossierFacts,
  options: RenderOptions,
  sink: PdfSink,
): Promise<RenderSummary> {
  return layoutAndDraw(await layoutInput(dossier, facts, options), sink);
}

async function layoutInput(
  dossier: Dossier,
  facts: DossierFacts,
  options: RenderOptions,
): Promise<LayoutInput> {
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(options.date) ||
    Number.isNaN(Date.parse(`${options.date}T00:00:00Z`))
  ) {
    throw new UsageError(`invalid generation date "${options.date}" (expected YYYY-MM-DD)`);
  }
  const template =
    typeof options.template === 'object'
      ? options.template
      : await loadTemplate(
          options.template ?? 'referral',
          options.cwd === undefined ? {} : { cwd: options.cwd },
        );
  const lang = options.lang ?? dossier.case.language;
  if (!template.languages.includes(lang)) {
    throw new UsageError(
      `template "${template.name}" has no "${lang}" labels (it has: ${template.languages.join(', ')})`,
    );
  }
  return {
    dossier,
    facts,
    template,
    lang,
    generated: options.date,
    reveal: options.revealVictims ?? false,
    fingerprint: options.fingerprint ?? fingerprintDossier(dossier),
    warnings: options.diagnostics ?? [],
    version: toolVersion(),
    ...(options.onPage ? { onPage: options.onPage } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
}

/** Render one document (e.g. `referral`, `evidence-index`) to PDF bytes. */
export async function renderDocument(
  dossier: Dossier,
  facts: DossierFacts,
  options: RenderOptions,
): Promise<Uint8Array> {
  return (await renderDocumentWithInfo(dossier, facts, options)).bytes;
}

/**
 * The diagnostics as a document lists them (its warnings annex): each file named from
 * the dossier's folder, `/`-separated (`transfers.yaml:12:5`), not as the command line
 * named it, which depends on where the command ran and how the path was typed (an
 * absolute temporary path printed in a court document, and two renders of one dossier
 * that differ); then masked by `redactor` as every diagnostic's file is
 * (maskDiagnosticFiles). `cwd` is the folder the names are relative to; a file outside
 * the dossier's folder keeps its name.
 */
export function documentDiagnostics<T extends { readonly file: string }>(
  diagnostics: readonly T[],
  dossier: Pick<Dossier, 'rootDir'>,
  cwd: string,
  redactor: Redactor | undefined,
): readonly T[] {
  const named = diagnostics.map((d) => {
    const file = insideRoot(dossier.rootDir, path.resolve(cwd, d.file)) ?? d.file;
    return file === d.file ? d : { ...d, file };
  });
  return maskDiagnosticFiles(named, redactor);
}
