import { Redactor, maskDiagnosticFiles, redactDiagnostics } from '../../redact/index.js';
import type { Code } from '../../diagnostics/codes.js';
import type { Diagnostic, Finding } from '../../diagnostics/diagnostic.js';
import { countDiagnostics, sortDiagnostics, underStrict } from '../../diagnostics/diagnostic.js';
import type { DiagnosticFormat } from '../../diagnostics/format.js';
import { formatDiagnostics } from '../../diagnostics/format.js';
import { dossierFileUris } from '../../diagnostics/sarif.js';
import { EXIT, InterruptedError, UsageError, exitStatusFor, stoppedBy } from '../../errors.js';
import { interruption } from '../../interrupt.js';
import { locateFindings } from '../../load/locate.js';
import type { PathSegment } from '../../model/dossier.js';
import { checkDossier } from '../../validate/check-dossier.js';
import type { VerifyResult } from '../../verify/verify-exhibits.js';
import { MAX_CONCURRENCY } from '../../verify/limits.js';
import { verifyExhibits } from '../../verify/verify-exhibits.js';
import type { CliIO } from '../io.js';
import { useColor } from '../io.js';
import { progressFor, silentProgress } from '../progress.js';
import { loadingWatch } from '../heap-growth.js';

export interface VerifyCommandOptions {
  readonly format: DiagnosticFormat;
  /** Warnings count as errors. */
  readonly strict?: boolean;
  /** Also warn about files in exhibit folders that no exhibit lists. */
  readonly unlisted?: boolean;
  /** Files checked and hashed at once, 1 to MAX_CONCURRENCY (see VerifyOptions.concurrency). */
  readonly concurrency?: number;
  /** Stops the run like Ctrl-C does (for embedding and tests). */
  readonly signal?: AbortSignal;
}

const MIB = 1024 * 1024;

/**
 * Errors of the dossier that do not stop verify from checking the exhibit files: an exhibit
 * path that leaves the dossier root is one of the things verify checks, entry by entry.
 */
const CHECKED_HERE: ReadonlySet<Code> = new Set<Code>(['path-outside']);

/**
 * `courtfile verify FILE`: validate the dossier, then check every exhibit file on disk.
 * Exit 1 on any error (with --strict every warning is one); 130 when interrupted. The exhibit files
 * are not looked at when the dossier itself has errors, other than exhibit paths that leave
 * the root (`path-outside`): then every other entry is checked, and those paths are never
 * opened.
 */
export async function runVerify(
  file: string,
  opts: VerifyCommandOptions,
  io: CliIO,
): Promise<number> {
  const { concurrency } = opts;
  if (
    concurrency !== undefined &&
    !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= MAX_CONCURRENCY)
  ) {
    throw new UsageError(`--concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}`);
  }
  const color = useColor(io.stdout, io.env);
  const check = await checkDossier(file, {
    cwd: io.cwd,
    onProgress: loadingWatch(),
    modelDespite: CHECKED_HERE,
    redactLater: true,
  });
  // SARIF's URIs: masked whole, as the file names the diagnostics give.
  const redactor = check.diagnosticRedactor ?? Redactor.none();
  const uriOf = dossierFileUris(file, io.cwd, (text) => redactor.scrub(text));
  if (check.dossier === undefined) {
    const note = 'exhibit files not checked: the dossier has errors';
    io.stdout.write(
      formatDiagnostics(
        opts.format,
        maskDiagnosticFiles(underStrict(check.diagnostics, opts.strict), check.diagnosticRedactor),
        {
          color,
          uriOf,
          trailer: [note],
          extra: { verify: null },
        },
      ),
    );
    if (opts.format !== 'text') io.stderr.write(`courtfile: ${note}\n`);
    return EXIT.invalid;
  }
  const dossier = check.dossier;

  const result = await verifyWithInterrupt(io, opts, (signal, onProgress) =>
    verifyExhibits(dossier, {
      signal,
      ...(onProgress ? { onProgress } : {}),
      ...(concurrency !== undefined ? { concurrency } : {}),
      ...(opts.unlisted ? { unlisted: true } : {}),
    }),
  );
  if (result instanceof InterruptedError) {
    io.stderr.write(`courtfile: verify ${stoppedBy(result.signal)}\n`);
    return exitStatusFor(result.signal);
  }

  const located = redactDiagnostics(
    await locateFindings(notReportedYet(result.findings, check.diagnostics), dossier.sources),
    check.diagnosticRedactor ?? Redactor.none(),
  );
  // With --strict every warning is an error, in every format and in the counts.
  // Files named after a victim are masked in the locations, once sorted by their names.
  const diagnostics: readonly Diagnostic[] = maskDiagnosticFiles(
    underStrict(sortDiagnostics([...check.diagnostics, ...located], check.files), opts.strict),
    check.diagnosticRedactor,
  );
  const seconds = result.elapsedMs / 1000;
  io.stdout.write(
    formatDiagnostics(opts.format, diagnostics, {
      color,
      uriOf,
      trailer: [summaryLine(result)],
      extra: {
        verify: {
          files: result.files,
          bytes: result.bytes,
          seconds: Number(seconds.toFixed(3)),
          ok: result.ok,
        },
      },
    }),
  );
  return countDiagnostics(diagnostics).errors > 0 ? EXIT.invalid : EXIT.ok;
}

/**
 * The findings of verify without the `path-outside` of an entry that validation already
 * reported (at the entry's `path`, as `validate` does): the same problem, found twice.
 */
function notReportedYet(
  findings: readonly Finding[],
  checked: readonly Diagnostic[],
): readonly Finding[] {
  const key = (file: string, at: readonly PathSegment[]): string => JSON.stringify([file, at]);
  const outside = new Set(
    checked.filter((d) => d.code === 'path-outside').map((d) => key(d.file, d.path)),
  );
  if (outside.size === 0) return findings;
  return findings.filter(
    (f) => f.code !== 'path-outside' || !outside.has(key(f.file, [...f.path, 'path'])),
  );
}

/** `N files checked, X MiB in T s (Y MiB/s)`. */
export function summaryLine(result: Pick<VerifyResult, 'files' | 'bytes' | 'elapsedMs'>): string {
  const seconds = result.elapsedMs / 1000;
  const mib = result.bytes / MIB;
  const rate = seconds > 0 ? mib / seconds : 0;
  const files = `${result.files} file${result.files === 1 ? '' : 's'}`;
  return `${files} checked, ${mib.toFixed(1)} MiB in ${seconds.toFixed(2)} s (${rate.toFixed(1)} MiB/s)`;
}

/** The progress line: `verifying exhibit files: 50/100 MiB (50%), 50 MiB/s`. */
export function verifyProgressText(
  doneBytes: number,
  totalBytes: number,
  elapsedMs: number,
): string {
  const percent = totalBytes > 0 ? Math.min(100, Math.floor((doneBytes / totalBytes) * 100)) : 100;
  const rate = elapsedMs > 0 ? doneBytes / MIB / (elapsedMs / 1000) : 0;
  return (
    `verifying exhibit files: ${(doneBytes / MIB).toFixed(0)}/${(totalBytes / MIB).toFixed(0)} MiB` +
    ` (${percent}%), ${rate.toFixed(0)} MiB/s`
  );
}

/**
 * Run `work` with an AbortSignal that SIGINT/SIGTERM (`io.signal`) or `opts.signal` aborts,
 * and a progress line on stderr when it is a terminal. Resolves to the InterruptedError
 * when interrupted.
 */
async function verifyWithInterrupt<T>(
  io: CliIO,
  opts: VerifyCommandOptions,
  work: (signal: AbortSignal, onProgress?: (done: number, total: number) => void) => Promise<T>,
): Promise<T | InterruptedError> {
  const signals = [opts.signal, io.signal].filter((s): s is AbortSignal => s !== undefined);
  const signal = signals.length > 0 ? AbortSignal.any(signals) : new AbortController().signal;
  const progress = progressFor(io);
  try {
    return await work(
      signal,
      progress === silentProgress
        ? undefined
        : (done, total) => progress.update((ms) => verifyProgressText(done, total, ms)),
    );
  } catch (err) {
    if (err instanceof InterruptedError) return signal.aborted ? interruption(signal) : err;
    throw err;
  } finally {
    progress.clear();
  }
}
