import { maskDiagnosticFiles } from '../../redact/index.js';
import { countDiagnostics, underStrict } from '../../diagnostics/diagnostic.js';
import { formatText, sayLine } from '../../diagnostics/format.js';
import { EXIT } from '../../errors.js';
import { throwIfInterrupted, yieldToEventLoop } from '../../interrupt.js';
import { caseDocumentChunks } from '../../export/case/export-case.js';
import { writeFileAtomic } from '../../output/atomic-write.js';
import {
  assertSameFolder,
  checkOutputTarget,
  checkStandardOutput,
  dossierReads,
  exhibitFolders,
  kernelPath,
} from '../../output/output-target.js';
import { checkDossier } from '../../validate/check-dossier.js';
import { flushed, useColor, type CliIO } from '../io.js';
import { loadingWatch } from '../heap-growth.js';

/** Formats `courtfile export --to` knows. */
export const EXPORT_FORMATS = ['case'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Options of `courtfile export FILE --to case -o OUT.jsonld`. */
export interface ExportOptions {
  readonly to: ExportFormat;
  /** File to write (atomically); `-` is standard output. */
  readonly output: string;
  /** Write victims' names, birth dates, aliases and account identifiers. */
  readonly revealVictims?: boolean;
  /** Warnings count as errors. */
  readonly strict?: boolean;
}

/**
 * `courtfile export FILE --to case -o OUT.jsonld`: validate, then write the dossier as a
 * CASE/UCO 1.4 JSON-LD graph (see docs/export.md). Nothing is written when the dossier
 * has errors (exit 1); OUT is replaced atomically, an existing OUT is left untouched on
 * any failure. `-o -` writes the graph to standard output (never a file named `-`).
 */
export async function runExport(file: string, opts: ExportOptions, io: CliIO): Promise<number> {
  const color = useColor(io.stderr, io.env);
  const check = await checkDossier(file, { cwd: io.cwd, onProgress: loadingWatch() });
  // With --strict every warning is an error: printed as one, and nothing is written.
  // Files named after a victim are masked in the locations, as in messages.
  const diagnostics = maskDiagnosticFiles(
    underStrict(check.diagnostics, opts.strict),
    check.diagnosticRedactor,
  );
  if (diagnostics.length > 0) io.stderr.write(formatText(diagnostics, { color }));
  if (!check.dossier || countDiagnostics(diagnostics).errors > 0) return EXIT.invalid;
  const dossier = check.dossier;
  const chunks = (): Iterable<string> =>
    caseDocumentChunks(dossier, { revealVictims: opts.revealVictims ?? false });
  let bytes = 0;
  if (opts.output === '-') {
    await checkStandardOutput(io.stdout.fd, {
      reads: dossierReads(dossier),
      protectedDirs: await exhibitFolders(dossier),
      cwd: io.cwd,
    });
    for (const chunk of chunks()) {
      bytes += Buffer.byteLength(chunk, 'utf8');
      io.stdout.write(chunk);
    }
    // A failed write (EPIPE, ENOSPC) ends the process before "wrote", however late it fails.
    await flushed(io.stdout);
    await yieldToEventLoop();
    const kib = Math.max(1, Math.round(bytes / 1024));
    io.stderr.write(`wrote the graph to standard output (CASE/UCO 1.4 JSON-LD, ${kib} KiB)\n`);
    return EXIT.ok;
  }
  const checked = await checkOutputTarget({
    path: await kernelPath(io.cwd, opts.output),
    shown: opts.output,
    kind: 'file',
    writes: 'json',
    reads: dossierReads(dossier),
    protectedDirs: await exhibitFolders(dossier),
    cwd: io.cwd,
  });
  // The stop signal (SIGINT, SIGTERM) is checked between chunks and before the rename:
  // a stopped export leaves no file and no temporary, and exits 130 / 143.
  const { signal } = io;
  await writeFileAtomic(
    checked.path,
    async (handle) => {
      for (const chunk of chunks()) {
        throwIfInterrupted(signal);
        const data = Buffer.from(chunk, 'utf8');
        bytes += data.length;
        await handle.writeFile(data);
      }
    },
    {
      ...(signal ? { signal } : {}),
      beforeRename: () => assertSameFolder(checked.path, checked, opts.output),
    },
  );
  const kib = Math.max(1, Math.round(bytes / 1024));
  io.stderr.write(sayLine(`wrote ${opts.output} (CASE/UCO 1.4 JSON-LD, ${kib} KiB)`));
  return EXIT.ok;
}
