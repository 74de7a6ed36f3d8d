import { maskDiagnosticFiles } from '../../redact/index.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { countDiagnostics, sortDiagnostics, underStrict } from '../../diagnostics/diagnostic.js';
import { formatText, sayLine } from '../../diagnostics/format.js';
import { EXIT, UsageError } from '../../errors.js';
import { computeFacts } from '../../facts/index.js';
import type { Dossier } from '../../model/dossier.js';
import { throwIfInterrupted, yieldToEventLoop } from '../../interrupt.js';
import { writeFileAtomic } from '../../output/atomic-write.js';
import type { CheckedTarget } from '../../output/output-target.js';
import {
  assertSameFolder,
  checkOutputTarget,
  checkStandardOutput,
  dossierReads,
  exhibitFolders,
  templateReads,
  kernelPath,
} from '../../output/output-target.js';
import type { ChunkBatcher } from '../../output/chunk-batcher.js';
import { fileBatcher, streamBatcher } from '../../output/chunk-batcher.js';
import type { RenderOptions, RenderSummary } from '../../render/index.js';
import { missingGlyphDiagnostics, templateGlyphsLine } from '../../render/missing-glyphs.js';
import {
  documentDiagnostics,
  renderDocumentTo,
  resolveGenerationDate,
} from '../../render/index.js';
import { loadTemplateChain, TemplateError } from '../../templates/load-template.js';
import type { TemplateFile } from '../../templates/template-file.js';
import { characterPlaces } from '../../templates/trial-render.js';
import { checkDossier } from '../../validate/check-dossier.js';
import { flushed, useColor, type CliIO } from '../io.js';
import { drawingWatch } from '../heap-growth.js';
import { progressFor } from '../progress.js';

export interface RenderCommandOptions {
  readonly output: string;
  readonly template?: string;
  readonly lang?: 'fr' | 'en';
  readonly date?: string;
  readonly revealVictims?: boolean;
  readonly window?: number;
  readonly strict?: boolean;
}

/**
 * `courtfile render FILE -o OUT.pdf`: validate, compute the facts, render the document
 * into a temporary file beside OUT as pages are drawn, then replace OUT atomically. Nothing is written when the dossier or the
 * template has errors (exit 1); an existing OUT is left untouched on any failure. OUT is
 * refused (exit 2, before rendering) when it is a file the command reads, lies in an
 * exhibit folder, is not a regular file or is read-only (see output/output-target.ts).
 * `-o -` writes the PDF to stdout, which must not be a terminal.
 */
export async function runRender(
  file: string,
  opts: RenderCommandOptions,
  io: CliIO,
): Promise<number> {
  const toStdout = opts.output === '-';
  if (toStdout && io.stdout.isTTY === true) {
    throw new UsageError(
      'refusing to write a PDF to a terminal: redirect standard output (-o - > FILE) or give -o FILE',
    );
  }
  const date = resolveGenerationDate(opts.date, io.env);
  const color = useColor(io.stderr, io.env);
  let template;
  let chain: readonly TemplateFile[];
  try {
    ({ template, chain } = await loadTemplateChain(opts.template ?? 'referral', { cwd: io.cwd }));
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    io.stderr.write(formatText(underStrict(err.diagnostics, opts.strict), { color }));
    return EXIT.invalid;
  }
  const check = await checkForRender(file, opts, io, color);
  if (check === undefined) return EXIT.invalid;
  const { dossier, diagnostics, glyphs } = check;
  let checked: CheckedTarget | undefined;
  if (toStdout)
    await checkStandardOutput(io.stdout.fd, {
      reads: [...dossierReads(dossier), ...templateReads(template)],
      protectedDirs: await exhibitFolders(dossier),
      cwd: io.cwd,
    });
  else {
    checked = await checkOutputTarget({
      path: await kernelPath(io.cwd, opts.output),
      shown: opts.output,
      kind: 'file',
      writes: 'pdf',
      reads: [...dossierReads(dossier), ...templateReads(template)],
      protectedDirs: await exhibitFolders(dossier),
      cwd: io.cwd,
    });
  }

  throwIfInterrupted(io.signal);
  const facts = computeFacts(
    dossier,
    opts.window === undefined ? {} : { windowHours: opts.window },
  );
  // Layout runs first (nothing to count), then pages are drawn one by one and their bytes
  // go to the temporary file (or stdout) as each is finished.
  const progress = progressFor(io);
  const renderOptions: RenderOptions = {
    template,
    date,
    diagnostics,
    revealVictims: opts.revealVictims ?? false,
    ...(opts.lang ? { lang: opts.lang } : {}),
    onPage: (page) => progress.update(`rendering: page ${page}`),
    ...(io.signal ? { signal: io.signal } : {}),
  };
  const renderInto = async (batcher: ChunkBatcher): Promise<RenderSummary> => {
    try {
      progress.update('rendering');
      const summary = await renderDocumentTo(dossier, facts, renderOptions, batcher);
      batcher.flush();
      return summary;
    } finally {
      progress.clear();
    }
  };
  // With --strict a character the fonts lack in the template's own texts is an error, as
  // in the dossier's (which are found before rendering): they are known once drawn, so the
  // finished file is not put in place (nothing of OUT changes; stdout has had it all).
  const templateGlyphs = (summary: RenderSummary): readonly string[] =>
    glyphs === 0 ? summary.missingGlyphs : [];
  // Thrown inside the atomic write (which then removes its temporary file), caught below.
  const strictGlyphs = new Error('characters without a glyph in the template (--strict)');
  let rendered: RenderSummary | undefined;
  if (toStdout) {
    rendered = await renderInto(streamBatcher(io.stdout));
    // A failed write (EPIPE, ENOSPC) ends the process before "wrote", however late it fails.
    await flushed(io.stdout);
    await yieldToEventLoop();
  } else if (checked) {
    // At the file a symbolic link leads to: the link stays a link.
    const seen = checked;
    try {
      await writeFileAtomic(
        seen.path,
        async (handle) => {
          rendered = await renderInto(fileBatcher(handle.fd));
          if (opts.strict && templateGlyphs(rendered).length > 0) throw strictGlyphs;
        },
        {
          ...(io.signal ? { signal: io.signal } : {}),
          beforeRename: () => assertSameFolder(seen.path, seen, opts.output),
        },
      );
    } catch (err) {
      if (err !== strictGlyphs || rendered === undefined) throw err;
    }
  }
  if (rendered === undefined) throw new Error('internal: the render gave no result');
  const inTemplate = templateGlyphs(rendered);
  if (inTemplate.length > 0) {
    // Only in template texts (the dossier's are reported above, located): each where the
    // template writes it (as `templates check` gives them).
    const where = toStdout || !opts.strict ? '' : `; ${opts.output} is not written (--strict)`;
    // Every declared language: a text missing in the document's is drawn from another.
    const found = characterPlaces(chain, template.languages, new Set(inTemplate));
    const everyOne = inTemplate.every((c) => found.some((p) => p.char === c));
    const places = underStrict(
      found.map((p) => p.diagnostic),
      opts.strict,
    );
    const severity = opts.strict ? 'error' : 'warning';
    io.stderr.write(templateGlyphsLine(severity, inTemplate, where, everyOne));
    // Without the count line: the render's own line ends the output.
    io.stderr.write(formatText(places, { color, countLine: false }));
    if (opts.strict) return EXIT.invalid;
  }
  const kib = Math.max(1, Math.round(rendered.size / 1024));
  io.stderr.write(
    sayLine(
      `wrote ${toStdout ? 'the PDF to standard output' : opts.output} (${rendered.pages} page${rendered.pages === 1 ? '' : 's'}, ${kib} KiB)`,
    ),
  );
  return EXIT.ok;
}

/**
 * Validate the dossier for a render and report its diagnostics and missing glyphs; no
 * dossier when it has errors (under --strict every warning is one, and is printed as
 * one). Apart so that the validation's
 * result, with its redactor of diagnostics, is not held by the command through the render.
 */
async function checkForRender(
  file: string,
  opts: RenderCommandOptions,
  io: CliIO,
  color: boolean,
): Promise<{ dossier: Dossier; diagnostics: readonly Diagnostic[]; glyphs: number } | undefined> {
  // The diagnostics' redactor even without findings: the missing-glyph warnings' files.
  const check = await checkDossier(file, { cwd: io.cwd, redactLater: true, ...drawingWatch() });
  // Characters no embedded font draws (missing-glyph warnings), as the documents will show them.
  const glyphs = check.dossier
    ? await missingGlyphDiagnostics(check.dossier, { reveal: opts.revealVictims ?? false })
    : [];
  // Files named after a victim are masked in the locations, once sorted by their names.
  const sorted = underStrict(
    sortDiagnostics([...check.diagnostics, ...glyphs], check.files),
    opts.strict,
  );
  const diagnostics = maskDiagnosticFiles(sorted, check.diagnosticRedactor);
  if (diagnostics.length > 0) io.stderr.write(formatText(diagnostics, { color }));
  if (!check.dossier || countDiagnostics(diagnostics).errors > 0) return undefined;
  // The document names the files from the dossier's folder, whatever the command line.
  const listed = documentDiagnostics(sorted, check.dossier, io.cwd, check.diagnosticRedactor);
  return { dossier: check.dossier, diagnostics: listed, glyphs: glyphs.length };
}
