import { countDiagnostics, underStrict } from '../../diagnostics/diagnostic.js';
import type { DiagnosticFormat } from '../../diagnostics/format.js';
import { formatDiagnostics, sayLine } from '../../diagnostics/format.js';
import { dossierFileUris, fileUri } from '../../diagnostics/sarif.js';
import { EXIT, UsageError } from '../../errors.js';
import { isTimeZone } from '../../facts/time.js';
import { mappingJsonSchema } from '../../import/mapping/schema.js';
import type { ImportFormat } from '../../import/read-source.js';
import { runImport } from '../../import/run-import.js';
import { tightenHeapGrowthForImport, tightenHeapGrowthNow } from '../heap-growth.js';
import type { CliIO } from '../io.js';
import { useColor } from '../io.js';
import { progressFor } from '../progress.js';

export interface ImportCommandOptions {
  readonly dossier?: string;
  readonly evidence?: string;
  readonly output?: string;
  readonly from?: ImportFormat;
  readonly map?: string;
  readonly zone?: string;
  readonly sheet?: string;
  readonly dateOrder?: 'dmy' | 'mdy' | 'ymd';
  readonly participants?: string;
  readonly skipInvalid?: boolean;
  readonly format: DiagnosticFormat;
  readonly strict?: boolean;
  readonly printMapSchema?: boolean;
}

/**
 * `courtfile import SOURCE --dossier ROOT --evidence ID -o OUT`: an exhibit's export as
 * a dossier include file (see docs/import.md). `--print-map-schema` prints the JSON
 * Schema of mapping files instead.
 */
export async function runImportCommand(
  source: string | undefined,
  opts: ImportCommandOptions,
  io: CliIO,
): Promise<number> {
  if (opts.printMapSchema) {
    io.stdout.write(JSON.stringify(mappingJsonSchema(), null, 2) + '\n');
    return EXIT.ok;
  }
  const missing = [
    source === undefined ? 'SOURCE' : undefined,
    opts.dossier === undefined ? '--dossier ROOT.yaml' : undefined,
    opts.evidence === undefined ? '--evidence ID' : undefined,
    opts.output === undefined ? '-o OUT.yaml' : undefined,
  ].filter((x) => x !== undefined);
  if (missing.length > 0) throw new UsageError(`import needs ${missing.join(', ')}`);
  // Never a file named `-` (README, Outputs): OUT is a file the dossier includes, checked
  // with it before it is put in place, and stdout carries the diagnostics.
  if (opts.output === '-')
    throw new UsageError(
      'import writes an include file, not a stream: -o - (standard output) is not possible; give -o OUT.yaml',
    );
  if (opts.zone !== undefined && !isTimeZone(opts.zone))
    throw new UsageError(`--zone ${opts.zone} is not an IANA time zone (e.g. Europe/Paris)`);
  const progress = progressFor(io);
  let result;
  try {
    result = await runImport({
      source: source!,
      dossier: opts.dossier!,
      evidence: opts.evidence!,
      output: opts.output!,
      from: opts.from,
      map: opts.map,
      zone: opts.zone,
      sheet: opts.sheet,
      dateOrder: opts.dateOrder,
      participants: opts.participants,
      skipInvalid: opts.skipInvalid,
      strict: opts.strict,
      cwd: io.cwd,
      onProgress: (what) => progress.update(what),
      onLargeDossier: tightenHeapGrowthNow,
      onReading: tightenHeapGrowthForImport,
      ...(io.signal ? { signal: io.signal } : {}),
    });
  } finally {
    progress.clear();
  }
  // An option for another format than SOURCE's was left out: said, not silently dropped.
  for (const note of result.ignoredOptions ?? [])
    io.stderr.write(sayLine(`courtfile: ${note}: ignored`));
  // A victim's name in a file's name is masked, as in the diagnostics' locations.
  const mask = result.maskFile ?? ((file: string) => file);
  const output = mask(opts.output!);
  const inputs = new Set(
    [source, opts.map, opts.output].map((f) => (f === undefined ? f : mask(f))),
  );
  const dossierUri = dossierFileUris(opts.dossier!, io.cwd, mask);
  const summary = result.written
    ? `wrote ${output}: ${result.records} record(s), ${result.newAccounts} new account(s)${result.skipped ? `, ${result.skipped} skipped` : ''}`
    : `nothing written to ${output}`;
  // With --strict every warning is an error (runImport then wrote nothing): printed and
  // counted as one.
  const diagnostics = underStrict(result.diagnostics, opts.strict);
  io.stdout.write(
    formatDiagnostics(opts.format, diagnostics, {
      color: useColor(io.stdout, io.env),
      uriOf: (file) => (inputs.has(file) ? fileUri(file, io.cwd, mask) : dossierUri(file)),
      trailer: [summary],
      extra: {
        import: {
          written: result.written,
          output,
          records: result.records,
          newAccounts: result.newAccounts,
          skipped: result.skipped,
        },
      },
    }),
  );
  if (opts.format !== 'text') io.stderr.write(sayLine(`courtfile: ${summary}`));
  if (!result.written || countDiagnostics(diagnostics).errors > 0) return EXIT.invalid;
  return EXIT.ok;
}
