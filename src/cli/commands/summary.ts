import { maskDiagnosticFiles } from '../../redact/index.js';
import { underStrict } from '../../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../../diagnostics/format.js';
import { EXIT, UsageError } from '../../errors.js';
import { DEFAULT_WINDOW_HOURS, computeFacts, fingerprintDossier } from '../../facts/index.js';
import { summaryDocument } from '../../facts/summary-json.js';
import { summaryText } from '../../locale/summary-report.js';
import type { Language } from '../../model/dossier.js';
import { checkDossier } from '../../validate/check-dossier.js';
import type { CliIO } from '../io.js';
import { useColor } from '../io.js';
import { loadingWatch } from '../heap-growth.js';

/** Options of `courtfile summary FILE`. */
export interface SummaryOptions {
  /** Print one JSON document (see summaryDocument) instead of the terminal report. */
  readonly json?: boolean;
  /** Language of the terminal report (default: the case's language). */
  readonly lang?: Language;
  /** Correlation window either side of a payment, in hours (default 48; > 0, may be fractional). */
  readonly window?: number;
  /**
   * Show victims' civil names in the terminal report, and leave victims' identities
   * unmasked in free text of the report and the JSON document (default: pseudonyms only,
   * identities masked). Diagnostics are masked either way.
   */
  readonly revealVictims?: boolean;
  /** Warnings count as errors: with any, the diagnostics go to stderr, nothing to stdout, exit 1. */
  readonly strict?: boolean;
}

/**
 * `courtfile summary FILE`: key figures, totals, breakdowns and payment/session
 * correlations of a valid dossier on stdout; with `--json`, one stable JSON document in
 * which `transfers.count` is the number of completed transfers (those `transfers.total`
 * sums, as a decimal string in the reporting currency) and `all`/`attempted`/`reversed`
 * count the rest. A dossier with errors (or, with `strict`, warnings) gets its
 * diagnostics on stderr and exit 1.
 */
export async function runSummary(file: string, opts: SummaryOptions, io: CliIO): Promise<number> {
  const windowHours = opts.window ?? DEFAULT_WINDOW_HOURS;
  if (!Number.isFinite(windowHours) || windowHours <= 0) {
    throw new UsageError(
      `--window expects a number of hours greater than 0, not ${String(opts.window)}`,
    );
  }
  const check = await checkDossier(file, { cwd: io.cwd, onProgress: loadingWatch() });
  const color = useColor(io.stderr, io.env);
  if (check.errors > 0 || !check.dossier || (opts.strict && check.warnings > 0)) {
    if (check.errors === 0 && !check.dossier)
      throw new Error('the dossier has no errors but no model was built');
    // With --strict the warnings are printed as the errors they count as.
    io.stderr.write(
      formatDiagnostics(
        'text',
        maskDiagnosticFiles(underStrict(check.diagnostics, opts.strict), check.diagnosticRedactor),
        { color },
      ),
    );
    return EXIT.invalid;
  }
  if (check.warnings > 0)
    io.stderr.write(
      formatDiagnostics('text', maskDiagnosticFiles(check.diagnostics, check.diagnosticRedactor), {
        color,
      }),
    );
  const dossier = check.dossier;
  const facts = computeFacts(dossier, { windowHours });
  const fingerprint = fingerprintDossier(dossier);
  if (opts.json) {
    const doc = summaryDocument(dossier, facts, fingerprint, {
      revealVictims: opts.revealVictims ?? false,
    });
    io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    const lang = opts.lang ?? dossier.case.language;
    io.stdout.write(
      summaryText(dossier, facts, fingerprint, {
        lang,
        revealVictims: opts.revealVictims ?? false,
      }),
    );
  }
  return EXIT.ok;
}
