import type { DiagnosticFormat } from '../../diagnostics/format.js';
import { escapeForTerminal, formatDiagnostics, sayLine } from '../../diagnostics/format.js';
import { countDiagnostics, countsUnderStrict, underStrict } from '../../diagnostics/diagnostic.js';
import { EXIT } from '../../errors.js';
import { renderTable } from '../../locale/text-table.js';
import { checkTemplates } from '../../templates/check-templates.js';
import { displayPath } from '../../templates/load-template.js';
import { listTemplates } from '../../templates/list-templates.js';
import type { CliIO } from '../io.js';
import { useColor } from '../io.js';

export interface TemplatesListOptions {
  /** Also list the templates of this folder. */
  readonly dir?: string;
  readonly json?: boolean;
  /** Language of the descriptions in the text table (default en). */
  readonly lang?: 'fr' | 'en';
}

/** `courtfile templates list [--dir DIR] [--json]`: name, languages, description and file of each template. */
export async function runTemplatesList(opts: TemplatesListOptions, io: CliIO): Promise<number> {
  const list = await listTemplates({ cwd: io.cwd, ...(opts.dir ? { dir: opts.dir } : {}) });
  if (opts.json) {
    // Files as the text listing shows them: relative to the current folder when inside it.
    const templates = list.map((t) => ({ ...t, file: displayPath(t.file, io.cwd) }));
    io.stdout.write(`${JSON.stringify({ templates }, null, 2)}\n`);
    return EXIT.ok;
  }
  const lang = opts.lang ?? 'en';
  // A template's own texts (name, description) are shown as diagnostics show text: control
  // and bidi characters escaped, so that a hostile template cannot recolour, clear or
  // reorder the terminal (an audit: ESC sequences and U+202E reached it raw).
  const rows = list.map((t) => [
    escapeForTerminal(t.name),
    t.languages.length > 0 ? t.languages.join(', ') : '-',
    t.errors > 0
      ? `(${t.errors} error(s): see courtfile templates check)`
      : escapeForTerminal(t.description[lang] ?? ''),
    escapeForTerminal(`${displayPath(t.file, io.cwd)}${t.builtin ? ' (built-in)' : ''}`),
  ]);
  const table = renderTable(
    [
      { header: 'NAME', align: 'left' },
      { header: 'LANGUAGES', align: 'left' },
      { header: 'DESCRIPTION', align: 'left', shrink: true },
      { header: 'FILE', align: 'left' },
    ],
    rows,
    { width: 160, indent: 0 },
  );
  io.stdout.write(`${table.join('\n')}\n`);
  return EXIT.ok;
}

export interface TemplatesCheckOptions {
  readonly format: DiagnosticFormat;
  readonly strict?: boolean;
  /** Trial render against the sample dossier (commander's `--no-render` sets it false). */
  readonly render?: boolean;
}

/**
 * `courtfile templates check [FILE...]`: every template given (files, folders of
 * templates, built-in names; default every built-in one). Exit 1 when a template has
 * errors (with --strict every warning is one), 2 when an argument cannot be checked at all.
 */
export async function runTemplatesCheck(
  targets: readonly string[],
  opts: TemplatesCheckOptions,
  io: CliIO,
): Promise<number> {
  const report = await checkTemplates(targets, {
    cwd: io.cwd,
    ...(opts.render === false ? { render: false } : {}),
  });
  for (const message of report.failures) io.stderr.write(sayLine(`courtfile: ${message}`));
  if (report.skipped) io.stderr.write(sayLine(`courtfile: ${report.skipped}`));
  const n = report.checked.length;
  // With --strict every warning is an error, in the diagnostics and in each template's counts.
  const diagnostics = underStrict(report.diagnostics, opts.strict);
  const checked = report.checked.map((t) => countsUnderStrict(t, opts.strict));
  io.stdout.write(
    formatDiagnostics(opts.format, diagnostics, {
      color: useColor(io.stdout, io.env),
      cwd: io.cwd,
      extra: opts.format === 'json' ? { templates: checked } : undefined,
      failures: report.failures,
      trailer: [
        `${n} template${n === 1 ? '' : 's'} checked${report.failures.length ? `, ${report.failures.length} could not be read` : ''}`,
      ],
    }),
  );
  if (report.failures.length > 0) return EXIT.failure;
  return countDiagnostics(diagnostics).errors > 0 ? EXIT.invalid : EXIT.ok;
}
