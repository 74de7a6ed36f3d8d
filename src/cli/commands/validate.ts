import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { countDiagnostics, countsUnderStrict, underStrict } from '../../diagnostics/diagnostic.js';
import type { DiagnosticFormat } from '../../diagnostics/format.js';
import { formatDiagnostics, sayLine } from '../../diagnostics/format.js';
import { cwdRelative, dossierFilePaths } from '../../diagnostics/sarif.js';
import { EXIT, ToolError } from '../../errors.js';
import { maskDiagnosticFiles } from '../../redact/index.js';
import { checkDossier } from '../../validate/check-dossier.js';
import type { CliIO } from '../io.js';
import { useColor } from '../io.js';
import { progressFor } from '../progress.js';
import { append } from '../../append.js';
import { loadingWatch } from '../heap-growth.js';

export interface ValidateOptions {
  readonly format: DiagnosticFormat;
  readonly strict?: boolean;
}

/**
 * `courtfile validate FILE...`: every dossier with its includes. Files that cannot be
 * read are reported on stderr and make the exit status 2; the others are still checked.
 */
export async function runValidate(
  files: readonly string[],
  opts: ValidateOptions,
  io: CliIO,
): Promise<number> {
  const diagnostics: Diagnostic[] = [];
  const checked: { file: string; errors: number; warnings: number; files: readonly string[] }[] =
    [];
  /** Why each file that could not be read was not checked (also in a SARIF log). */
  const failures: string[] = [];
  // On a terminal, after a second: which dossier (of several), and which of its files.
  const progress = progressFor(io);
  try {
    for (const [i, file] of files.entries()) {
      const which =
        files.length > 1
          ? `validating dossier ${i + 1}/${files.length}: ${file}`
          : `validating ${file}`;
      progress.update(which);
      try {
        const result = await checkDossier(file, {
          cwd: io.cwd,
          model: false,
          // JSON lists the dossier's files: their names are masked as the diagnostics' are.
          redactLater: opts.format === 'json',
          onProgress: loadingWatch((what) => progress.update(`${which}: ${what}`)),
        });
        // With --strict every warning is an error, in the diagnostics and in the counts.
        // A file named after a victim is masked in the locations, as in messages.
        const mask = result.diagnosticRedactor;
        const scrub = (text: string): string => (mask ? mask.scrub(text) : text);
        const found = maskDiagnosticFiles(underStrict(result.diagnostics, opts.strict), mask);
        // SARIF names files relative to the working folder (includes are named relative to
        // their dossier's root folder elsewhere), so that several dossiers' files stay apart;
        // masked whole, the folders the dossier was named with included.
        const pathOf = dossierFilePaths(file, scrub);
        append(
          diagnostics,
          opts.format === 'sarif'
            ? found.map((d) => ({ ...d, file: scrub(cwdRelative(pathOf(d.file), io.cwd)) }))
            : found,
        );
        checked.push({
          file: scrub(file),
          ...countsUnderStrict({ errors: result.errors, warnings: result.warnings }, opts.strict),
          files: result.files.map(scrub),
        });
      } catch (err) {
        if (!(err instanceof ToolError)) throw err;
        progress.clear();
        io.stderr.write(sayLine(`courtfile: ${err.message}`));
        failures.push(err.message);
      }
    }
  } finally {
    progress.clear();
  }
  const unreadable = failures.length;
  // JSON and SARIF print their document even when no dossier could be read: SARIF's then
  // says, in an invocation that did not succeed, why (cli.md: one log on stdout).
  if (checked.length > 0 || opts.format === 'json' || opts.format === 'sarif')
    io.stdout.write(
      formatDiagnostics(opts.format, diagnostics, {
        color: useColor(io.stdout, io.env),
        cwd: io.cwd,
        extra: opts.format === 'json' ? { dossiers: checked } : undefined,
        failures,
        trailer:
          files.length > 1
            ? [
                `${checked.length} dossier(s) checked${unreadable ? `, ${unreadable} unreadable` : ''}`,
              ]
            : [],
      }),
    );
  if (unreadable > 0) return EXIT.failure;
  // Under --strict the warnings are errors already (underStrict above).
  return countDiagnostics(diagnostics).errors > 0 ? EXIT.invalid : EXIT.ok;
}
