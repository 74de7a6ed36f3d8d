import { promises as fs } from 'node:fs';
import path from 'node:path';
import { toolVersion } from '../assets.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { sortDiagnostics } from '../diagnostics/diagnostic.js';
import { message } from '../diagnostics/messages.js';
import { ToolError, UsageError, describeSystemError } from '../errors.js';
import { Checkpoint, throwIfInterrupted } from '../interrupt.js';
import { IMPORT_HEADER, LIMITS } from '../load/limits.js';
import { insideRoot } from '../load/load-dossier.js';
import { parseFast } from '../load/parse-fast.js';
import { readHead } from '../load/source-text.js';
import { keepFileMode, syncDir, temporarySibling } from '../output/atomic-write.js';
import {
  assertSameFolder,
  checkOutputTarget,
  dossierReads,
  exhibitFolders,
  resolveOutputPath,
  kernelPath,
} from '../output/output-target.js';
import { registerTemp, unregisterTemp } from '../output/temp-registry.js';
import {
  DIAGNOSTIC_MASK,
  Redactor,
  maskDiagnosticFiles,
  redactDiagnostics,
} from '../redact/index.js';
import { groupDigits } from '../locale/number.js';
import { checkDossier } from '../validate/check-dossier.js';
import { RecordBuilder } from './build-records.js';
import {
  EarlyThread,
  PartChecks,
  newlines,
  type BodyPart,
  type PartsCheck,
} from './check-parts.js';
import { DossierIds, fieldsOf, type TakenRecords } from './dossier-ids.js';
import { idsInFile } from './ids-in-file.js';
import { inCell } from './readers/finding.js';
import { loadMapping } from './mapping/load-mapping.js';
import { loadParticipants } from './load-participants.js';
import type { Mapping } from './mapping/schema.js';
import { readSourceItems, type ImportFormat } from './read-source.js';
import { checkSource } from './source-file.js';
import { SourcePlaces, relocateToSource } from './source-places.js';
import type { SourceItem } from './types.js';
import { yamlComment } from './write-yaml.js';
import { RECORD_LIST_NAMES } from '../schema/dossier.js';

export interface ImportOptions {
  /** SOURCE as given (display name), resolved against `cwd`. */
  readonly source: string;
  readonly dossier: string;
  readonly evidence: string;
  readonly output: string;
  readonly from?: ImportFormat;
  readonly map?: string;
  readonly zone?: string;
  readonly sheet?: string;
  readonly dateOrder?: 'dmy' | 'mdy' | 'ymd';
  readonly participants?: string;
  readonly skipInvalid?: boolean;
  /** Warnings count as errors: OUT is not written when there is one. */
  readonly strict?: boolean;
  readonly cwd: string;
  /** Told what is being done, for a progress line. */
  readonly onProgress?: (what: string) => void;
  /**
   * Aborted by SIGINT/SIGTERM (src/cli/signals.ts): the import then stops at its next
   * checkpoint (between steps, and about every 50 ms while the export is read, hashed or
   * OUT checked), writes nothing and rejects with the InterruptedError.
   */
  readonly signal?: AbortSignal;
  /** Size of the parts OUT is checked in (default PART_BYTES; tests make it small). */
  readonly partBytes?: number;
  /** Size of the blocks OUT's body is written in (default WRITE_BYTES; tests make it small). */
  readonly writeBytes?: number;
  /**
   * Check OUT's parts on a second thread while the export is read (default true); false:
   * on the main thread once it is read (the tests compare both).
   */
  readonly checkThread?: boolean;
  /** Size of the dossier's files from which it is large (default LARGE_BASE_BYTES; tests make it small). */
  readonly largeBaseBytes?: number;
  /**
   * With a large dossier, the size OUT's parts are merged up to (default: the larger of
   * LARGE_BASE_PART_BYTES and the dossier's files).
   */
  readonly largeBasePartBytes?: number;
  /**
   * Called once the dossier is known to be large (OUT is then checked on this thread, the
   * dossier loaded again per part): the CLI then keeps the heap close to its live size.
   */
  readonly onLargeDossier?: () => void;
  /**
   * Called once the source, the dossier and the options are accepted, before the source's
   * rows are read (after onLargeDossier, if called): the CLI then bounds the heap's growth.
   */
  readonly onReading?: () => void;
}

export interface ImportResult {
  readonly diagnostics: readonly Diagnostic[];
  /**
   * The options given that do not apply to SOURCE's format, left out (`--sheet is for
   * xlsx, not whatsapp (...)`): the CLI prints each as a note on standard error.
   */
  readonly ignoredOptions?: readonly string[];
  /**
   * In how many parts OUT was checked with the dossier (0 when it was not checked), over
   * both runs when --skip-invalid ran the import again without the records that failed
   * that check.
   */
  readonly checkedParts?: number;
  /** How many of those parts the second thread checked. */
  readonly checkedOnThread?: number;
  /** OUT was written. */
  readonly written: boolean;
  readonly records: number;
  readonly newAccounts: number;
  readonly skipped: number;
  /**
   * A file name as the output may show it: a victim's name in it masked, as in the
   * diagnostics' locations (the CLI's summary line and SARIF URIs). Identity when the
   * dossier could not be read.
   */
  readonly maskFile?: (file: string) => string;
}

/**
 * With --skip-invalid, the records whose only errors came from the check of OUT with the
 * dossier (a `missing-rate`): where they start in SOURCE (`line:column`), and those
 * errors, at SOURCE. The import is run again without them (see runImport).
 */
interface LeaveOut {
  readonly places: ReadonlySet<string>;
  readonly diagnostics: readonly Diagnostic[];
}

/** The format of SOURCE: `--from`, else its extension (`.txt` is csv with a mapping, WhatsApp without). */
export function formatOf(
  source: string,
  from: ImportFormat | undefined,
  hasMap: boolean,
): ImportFormat {
  if (from) return from;
  const ext = path.extname(source).toLowerCase();
  if (ext === '.csv' || ext === '.tsv') return 'csv';
  if (ext === '.txt') return hasMap ? 'csv' : 'whatsapp';
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.json') return 'skype';
  if (ext === '.mbox') return 'mbox';
  throw new UsageError(
    `cannot tell the format of ${source} from its extension: give --from csv|xlsx|skype|whatsapp|mbox`,
  );
}

/**
 * The formats each option of `courtfile import` applies to. `--map` for another format is
 * a usage error (exit 2): it says the user takes SOURCE for a table. Any other option for
 * another format is left out, with a note on standard error, and never recorded in OUT's
 * header: an audit found `--sheet` with a WhatsApp export and `--participants` with xlsx
 * written there as if they had been used, and `--date-order` with xlsx silently ignored.
 * (Skype's times are UTC instants: no `--zone`.)
 */
export const OPTION_FORMATS = {
  '--map': ['csv', 'xlsx'],
  '--sheet': ['xlsx'],
  '--zone': ['csv', 'xlsx', 'whatsapp', 'mbox'],
  '--date-order': ['whatsapp'],
  '--participants': ['whatsapp'],
} as const satisfies Record<string, readonly ImportFormat[]>;

/** `csv`, `csv and xlsx`, `csv, xlsx and whatsapp`. */
const listed = (items: readonly string[]): string =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/**
 * `o` without the options that do not apply to SOURCE's format, and a note for each
 * (`--sheet is for xlsx, not whatsapp`); throws a UsageError for `--map` with a format
 * that takes none.
 */
export function optionsForFormat(o: ImportOptions): {
  options: ImportOptions;
  ignored: string[];
} {
  const format = formatOf(o.source, o.from, o.map !== undefined);
  const how = (): string => {
    const txt = path.extname(o.source).toLowerCase() === '.txt';
    return o.from
      ? `${o.source} is read as ${format} by --from`
      : `${o.source} is read as ${format} from its extension${txt ? (format === 'csv' ? ' (.txt with --map)' : ' (.txt without --map)') : ''}: give --from if it is another format`;
  };
  const applies = (option: keyof typeof OPTION_FORMATS): boolean =>
    (OPTION_FORMATS[option] as readonly ImportFormat[]).includes(format);
  if (o.map !== undefined && !applies('--map'))
    throw new UsageError(
      `--map is for ${listed(OPTION_FORMATS['--map'])}, not ${format} (${how()}); leave it out`,
    );
  const ignored: string[] = [];
  const options: { -readonly [K in keyof ImportOptions]: ImportOptions[K] } = { ...o };
  const drop = (
    option: keyof typeof OPTION_FORMATS,
    key: 'sheet' | 'zone' | 'dateOrder' | 'participants',
  ): void => {
    if (o[key] === undefined || applies(option)) return;
    ignored.push(`${option} is for ${listed(OPTION_FORMATS[option])}, not ${format} (${how()})`);
    delete options[key];
  };
  drop('--sheet', 'sheet');
  drop('--zone', 'zone');
  drop('--date-order', 'dateOrder');
  drop('--participants', 'participants');
  return { options, ignored };
}

const diag = (
  file: string,
  code: Diagnostic['code'],
  detail: string,
  line = 1,
  column = 1,
): Diagnostic => ({
  code,
  severity: code === 'import-new-account' ? 'warning' : 'error',
  file,
  line,
  column,
  // Readers' findings are whole sentences already; the table gives the fallback wording.
  message: detail || message(code),
  path: [],
});

/**
 * `courtfile import`: read an exhibit's export into a dossier include file. Problems of
 * the inputs are diagnostics (exit 1); what stops the tool (usage, unreadable files, an
 * OUT that would overwrite a dossier or exhibit file) throws UsageError / ToolError.
 * OUT is written only when there is no error, after the dossier with OUT's new content
 * has passed the same checks as `courtfile validate`, by rename (atomic).
 */
export async function runImport(given: ImportOptions): Promise<ImportResult> {
  const { options: o, ignored } = optionsForFormat(given);
  const privacy = { redactor: Redactor.none() };
  const threads: { early?: EarlyThread } = {};
  try {
    let { leaveOut, ...result } = await importSteps(o, privacy, threads);
    if (leaveOut !== undefined) {
      // --skip-invalid: the records that failed only the check with the dossier are left
      // out too, as the rows in error are: the import is run again without them (the same
      // reading, so the same records, ids and accounts but theirs), their errors warnings.
      await threads.early?.end();
      const again: { early?: EarlyThread } = {};
      const first = result;
      try {
        ({ leaveOut, ...result } = await importSteps(o, privacy, again, leaveOut));
      } finally {
        await again.early?.end();
      }
      result = {
        ...result,
        checkedParts: (first.checkedParts ?? 0) + (result.checkedParts ?? 0),
        checkedOnThread: (first.checkedOnThread ?? 0) + (result.checkedOnThread ?? 0),
      };
      // Nothing written the second time either: the first run's errors (the rows' own) stay
      // errors, with the second run's (a hand-written record naming a left-out row's account).
      if (!result.written) {
        const known = new Set(first.diagnostics.map(diagnosticKey));
        const more = result.diagnostics.filter(
          (d) => d.severity === 'error' && !known.has(diagnosticKey(d)),
        );
        result = {
          ...first,
          diagnostics: sortDiagnostics([...first.diagnostics, ...more], [o.source]),
        };
      }
    }
    // Diagnostics quote values of the export (an address, a number): a victim's are masked,
    // as in every other command's diagnostics.
    return {
      ...result,
      // The export's own name too (an exhibit file, maybe named after a victim), as
      // OUT's header and the other commands show exhibit paths.
      diagnostics: maskDiagnosticFiles(
        redactDiagnostics(result.diagnostics, privacy.redactor),
        privacy.redactor,
      ),
      // They name SOURCE: masked as its name is in the diagnostics.
      ignoredOptions: ignored.map((note) => privacy.redactor.scrub(note)),
      maskFile: (file) => privacy.redactor.scrub(file),
    };
  } catch (err) {
    // What stops the tool may name SOURCE or OUT (`refusing to write ...`): masked too,
    // once the dossier is known (before, its victims are not).
    if (err instanceof UsageError || err instanceof ToolError)
      err.message = privacy.redactor.scrub(err.message);
    throw err;
  } finally {
    await threads.early?.end();
  }
}

async function importSteps(
  o: ImportOptions,
  privacy: { redactor: Redactor },
  threads: { early?: EarlyThread },
  /** Records to leave out (a second run, see LeaveOut). */
  leave?: LeaveOut,
): Promise<ImportResult & { leaveOut?: LeaveOut }> {
  const say = o.onProgress;
  const format = formatOf(o.source, o.from, o.map !== undefined);
  if ((format === 'csv' || format === 'xlsx') && o.map === undefined)
    throw new UsageError(
      `--map MAP.yaml is required for ${format} (see courtfile import --print-map-schema)`,
    );
  const checkpoint = new Checkpoint(o.signal);
  const sourceAbs = path.resolve(o.cwd, o.source);
  // OUT a symbolic link: the file it leads to is written (and judged), the link stays.
  const outGiven = await kernelPath(o.cwd, o.output);
  const outAbs = (await resolveOutputPath(outGiven, o.output, o.cwd)).path;
  const rootAbs = path.resolve(o.cwd, o.dossier);
  const rootDir = path.dirname(rootAbs);
  const realRoot = await fs.realpath(rootDir).catch(() => rootDir);
  const outDirReal = await fs.realpath(path.dirname(outAbs)).catch(() => {
    throw new ToolError(`cannot write ${o.output}: its folder does not exist`);
  });
  const outRel = insideRoot(realRoot, path.join(outDirReal, path.basename(outAbs)));
  if (outRel === undefined)
    throw new UsageError(
      `-o ${o.output} is outside the dossier root ${rootDir}: an include file must be inside it`,
    );
  const empty = { written: false, records: 0, newAccounts: 0, skipped: 0 };

  let mapping: Mapping | undefined;
  /** SHA-256 of the mapping file's bytes, for OUT's header. */
  let mappingSha256: string | undefined;
  if (o.map !== undefined) {
    say?.(`reading ${o.map}`);
    const loaded = await loadMapping(o.map, o.cwd);
    if (!loaded.mapping) return { ...empty, diagnostics: loaded.diagnostics };
    mapping = loaded.mapping;
    mappingSha256 = loaded.sha256;
  }
  let participants: ReadonlyMap<string, string> | undefined;
  /** SHA-256 of the participants file's bytes, for OUT's header. */
  let participantsSha256: string | undefined;
  if (o.participants !== undefined) {
    const loaded = await loadParticipants(o.participants, o.cwd);
    if (!loaded.participants) return { ...empty, diagnostics: loaded.diagnostics };
    participants = loaded.participants;
    participantsSha256 = loaded.sha256;
  }

  // An export large enough to be checked in parts: the checking thread starts now and
  // loads its code while this thread checks the dossier and hashes SOURCE.
  if (o.checkThread !== false && (await fileSize(sourceAbs)) >= EARLY_THREAD_SOURCE_BYTES)
    threads.early = EarlyThread.start();

  // The dossier as it is without OUT's old content (OUT may already be one of its includes).
  // Other files' references to the records OUT held (an account an earlier import made
  // and a later one reused) are then unknown: they do not stop the refresh, since OUT is
  // about to be written again, and the check of the dossier with OUT's new content (below,
  // before anything is written) reports those OUT no longer holds, in the referring file.
  // Any other unknown reference stops the import here, as every other error.
  throwIfInterrupted(o.signal);
  say?.(`checking ${o.dossier}`);
  const before = await checkDossier(o.dossier, {
    cwd: o.cwd,
    overlay: { target: outAbs, name: outRel },
    leftOutIds: (ids) => idsInFile(outAbs, ids),
  });
  if (!before.dossier) {
    // OUT written by hand and included: its records may be what the others miss without
    // it; the refusal says why better than their errors do. (Only a dossier file is read
    // for this here: an OUT that is not one is judged after the guard, which keeps
    // exhibits unopened.)
    if (before.files.slice(1).includes(outRel)) await refuseHandWritten(outAbs, o.output);
    // Its own findings are masked already; their files' names are masked with them.
    if (before.diagnosticRedactor) privacy.redactor = before.diagnosticRedactor;
    return { ...empty, diagnostics: before.diagnostics };
  }
  const dossier = before.dossier;
  privacy.redactor = Redactor.forDossier(dossier, { mask: DIAGNOSTIC_MASK });

  // The guard every output goes through: not a file this command reads (dossier files,
  // exhibits, SOURCE, MAP, participants; by any name), no FIFO, device or read-only
  // file, nothing among the exhibit folders. OUT's old content is not among the
  // dossier's sources here, so an include being refreshed is allowed.
  const outChecked = await checkOutputTarget({
    path: outGiven,
    shown: o.output,
    kind: 'file',
    reads: [
      ...dossierReads(dossier),
      { path: sourceAbs, what: 'SOURCE' },
      ...(o.map ? [{ path: path.resolve(o.cwd, o.map), what: 'the mapping file' }] : []),
      ...(o.participants
        ? [{ path: path.resolve(o.cwd, o.participants), what: 'the participants file' }]
        : []),
    ],
    protectedDirs: await exhibitFolders(dossier),
    cwd: o.cwd,
  });
  await refuseHandWritten(outAbs, o.output, {
    evidence: o.evidence,
    sourceAbs,
    rootDir: dossier.rootDir,
  });

  throwIfInterrupted(o.signal);
  say?.(`hashing ${o.source}`);
  const checked = await checkSource(
    dossier,
    o.evidence,
    sourceAbs,
    (done, total) => say?.(`hashing ${o.source}: ${pct(done, total)}`),
    checkpoint,
  );
  if (!checked.ok)
    return { ...empty, diagnostics: [diag(o.source, 'import-source', checked.message)] };

  // A large dossier: OUT is checked after the reading, in as few parts as memory allows,
  // on this thread (see mergeParts below); a thread started for parts is not needed.
  const baseBytes = (await Promise.all(dossier.sources.map((s) => fileSize(s.absPath)))).reduce(
    (a, b) => a + b,
    0,
  );
  const largeBase = baseBytes >= (o.largeBaseBytes ?? LARGE_BASE_BYTES);
  if (largeBase) {
    await threads.early?.end();
    o.onLargeDossier?.();
  }
  o.onReading?.();

  const diagnostics: Diagnostic[] = [];
  /**
   * xlsx: the sheet read, as the workbook spells it (`--sheet cachée` reads `Cachée`): OUT's
   * header records it. Told by the reader once it has chosen the sheet, before any record.
   */
  let sheetRead: string | undefined;
  /** xlsx: the rows read that the sheet hides, by locator, in order. */
  const hiddenRows: string[] = [];
  /** xlsx: the columns the mapping reads that the sheet hides (`C (Référence)`). */
  const hiddenColumns: string[] = [];
  /** The records left out (--skip-invalid), each once, in the order met. */
  const skipped = new SkippedRecords(format === 'csv' || format === 'xlsx');
  // The dossier's ids: one of a record read refuses the import (an earlier import of this
  // file in another include, or a record written by hand), but those of records imported
  // from another file of the same exhibit, which are stepped over (dossier-ids.ts).
  /**
   * OUT's header with the records --skip-invalid left out (none while the export is read),
   * and the sheet as it stands (known once the reader has chosen it).
   */
  const header = (left: readonly string[] = [], hidden: HiddenParts = NOTHING_HIDDEN): string =>
    headerOf(
      o,
      format,
      checked,
      mappingSha256,
      participantsSha256,
      left,
      privacy.redactor,
      sheetRead,
      hidden,
    );
  const dossierIds = await DossierIds.of(dossier, header());
  const builder = new RecordBuilder(
    dossier,
    o.evidence,
    format === 'csv' || format === 'xlsx',
    dossierIds.stepOver,
  );
  /** The first record whose id the dossier holds, and how many: one error at the end. */
  let firstTaken: Pick<TakenRecords, 'id' | 'locator' | 'line' | 'column'> | undefined;
  let takenCount = 0;
  const list = mapping ? mapping.records : 'exchanges';
  const bodyTmp = temporarySibling(outAbs);
  const finalTmp = temporarySibling(outAbs);
  registerTemp(bodyTmp);
  registerTemp(finalTmp);
  let records = 0;
  let errors = 0;
  /** Where OUT's records were read, for the final check's findings (relocateToSource). */
  const places = new SourcePlaces();
  let bytesRead = 0;
  /** OUT's records in parts of about PART_BYTES, for the check of OUT (checkInParts). */
  const parts: BodyPart[] = [];
  /**
   * The parts' check (check-parts.ts): started as soon as OUT has two parts; with a large
   * dossier, after the reading, when OUT needs more than one part.
   */
  let checks: PartChecks | undefined;
  // The lines before OUT's first record in a part checked while the export is read: OUT's
  // header as known then (without the records --skip-invalid leaves out, known at the end).
  const partHeader = (): string => header() + `${list}:\n`;
  let earlyHeader: string | undefined;
  /** How many parts were handed to `checks` (or, with a large dossier, closed). */
  let handed = 0;
  /** With a large dossier: the new accounts made while each part was filled, but the last. */
  const madeByPart: number[][] = [];
  const newChecks = (thread: boolean | undefined): PartChecks =>
    new PartChecks({
      dossier: o.dossier,
      cwd: o.cwd,
      target: outAbs,
      name: outRel,
      bodyPath: bodyTmp,
      thread,
      early: thread === false ? undefined : threads.early,
      accountsOf: (indexes) => builder.accountsYamlOf(indexes),
      accountIdsFrom: (from) => builder.accountIdsFrom(from),
      say: (done) =>
        say?.(
          `checking ${o.dossier} with ${o.output}: ${count(records)} record(s), ${count(done)} checked`,
        ),
    });
  /** Size of part `i` (the first is smaller: the thread starts on it sooner). */
  const partLimit = (i: number): number => o.partBytes ?? (i === 0 ? FIRST_PART_BYTES : PART_BYTES);
  try {
    // A failure to write OUT's records (a full disk) says so, as writeFinal does: it was
    // an internal error (a helper's sweep, session 37).
    const cannotWrite = (err: unknown): never => {
      throw new ToolError(`cannot write ${o.output}: ${describeSystemError(err)}`);
    };
    const body = await fs.open(bodyTmp, 'wx', 0o600).catch(cannotWrite);
    try {
      // The body's next bytes, encoded as each record is built: the record's text is
      // garbage at once (a string kept until a write was copied by every scavenge on the
      // way, then flattened to be written), and its length in bytes comes with it.
      const block = o.writeBytes ?? WRITE_BYTES;
      const pending = Buffer.allocUnsafe(block);
      let used = 0;
      let bodyBytes = 0;
      let bodyLines = 0;
      const writeAll = async (bytes: Buffer, length: number): Promise<void> => {
        for (let at = 0; at < length;)
          at += (await body.write(bytes, at, length - at).catch(cannotWrite)).bytesWritten;
      };
      const flush = async (): Promise<void> => {
        await writeAll(pending, used);
        used = 0;
      };
      /** Add a long record's text to the body (flushed before): its length in bytes. */
      const writeLong = async (yaml: string): Promise<number> => {
        const bytes = Buffer.from(yaml);
        await writeAll(bytes, bytes.length);
        return bytes.length;
      };
      const countError = (): void => {
        errors++;
        // No part is checked once the import itself stops (an id the dossier holds): a
        // thread started for them goes. Errors of rows do not stop the check of the other
        // records with the dossier, so that one run reports everything (OUT is not written).
        if (takenCount > 0 && checks === undefined) void threads.early?.end();
      };
      const addFinding = (item: Extract<SourceItem, { type: 'finding' }>): void => {
        const skip =
          o.skipInvalid === true && item.severity === 'error' && item.locator !== undefined;
        if (skip) skipped.add(item.locator!, item);
        const severity = skip ? 'warning' : item.severity;
        if (severity === 'error') countError();
        diagnostics.push({
          ...diag(o.source, item.code, item.message, item.line, item.column),
          severity,
        });
      };
      const batches = readSourceItems(format, sourceAbs, checked.sha256, {
        file: o.source,
        mapping,
        zone: o.zone,
        sheet: o.sheet,
        onSheet: (name) => (sheetRead = name),
        onHiddenRow: (locator) => hiddenRows.push(locator),
        onHiddenColumn: (column) => hiddenColumns.push(column),
        dateOrder: o.dateOrder,
        participants,
        onProgress: (n) => (bytesRead = n),
        checkpoint,
      });
      for await (const batch of batches) {
        for (const item of batch) {
          // Every reader's items come through here: the one place the reading stops at a
          // signal (and lets the event loop turn, for a reader that never awaits).
          const pause = checkpoint.tick();
          if (pause) await pause;
          if (item.type === 'finding') {
            addFinding(item);
            continue;
          }
          if ((item.type === 'transfer') !== (list === 'transfers')) continue;
          if (leave?.places.has(`${item.line}:${item.column}`)) {
            // Left out before it is built: no id, no new account of its own.
            skipped.add(item.locator, item);
            continue;
          }
          const last = parts[parts.length - 1];
          if (
            takenCount === 0 &&
            last !== undefined &&
            handed < parts.length &&
            last.bytes >= partLimit(parts.length - 1)
          ) {
            // The last part is complete. Once the body file holds it, it is checked (on
            // the second thread) while the export is read on, with the new accounts made
            // while it was filled; with a large dossier, only those accounts are noted,
            // for the check after the reading.
            if (largeBase) madeByPart.push(builder.takeMade());
            else {
              await flush();
              checks ??= newChecks(o.checkThread);
              checks.add(last, (earlyHeader ??= partHeader()), builder.takeMade());
            }
            handed = parts.length;
          }
          const yaml = item.type === 'transfer' ? builder.transfer(item) : builder.exchange(item);
          if (typeof yaml !== 'string' && 'taken' in yaml) {
            // Not a problem of the row (--skip-invalid does not leave it out): of the import.
            records++;
            if (takenCount++ === 0) {
              const { locator, line, column } = item;
              firstTaken = { id: yaml.taken, locator, line, column };
              countError();
            }
            continue;
          }
          if (typeof yaml !== 'string') {
            addFinding({
              type: 'finding',
              code: 'import-value',
              severity: 'error',
              line: item.line,
              column: item.column,
              message: yaml.problem,
              locator: item.locator,
            });
            continue;
          }
          records++;
          if (takenCount === 0) {
            places.add(item.line, item.column);
            // The record's place in the body, for checking OUT in parts (checkInParts).
            if (last === undefined || last.bytes >= partLimit(parts.length - 1))
              parts.push({
                start: bodyBytes,
                bytes: 0,
                line: bodyLines,
                lines: 0,
                index: records - 1,
                records: 0,
              });
            const part = parts[parts.length - 1]!;
            // A UTF-16 code unit is at most 3 bytes of UTF-8 (no promise per record).
            const most = 3 * yaml.length;
            if (used + most > block) await flush();
            let size: number;
            if (most > block) size = await writeLong(yaml);
            else used += size = pending.write(yaml, used);
            const lines = newlines(yaml);
            part.bytes += size;
            part.lines += lines;
            part.records++;
            bodyBytes += size;
            bodyLines += lines;
          }
        }
        say?.(
          `importing ${o.source}: ${pct(bytesRead, checked.size)}, ${count(records)} record(s)`,
        );
      }
      await flush();
    } finally {
      await body.close();
    }
    // OUT fits in one part (checked here, whole) or was not checked in parts: a thread
    // started for them is not kept through the rest.
    if (checks === undefined) await threads.early?.end();
    for (const d of leave?.diagnostics ?? []) diagnostics.push({ ...d, severity: 'warning' });
    for (const a of builder.newAccounts())
      diagnostics.push({
        ...diag(o.source, 'import-new-account', '', a.line, a.column),
        message: inCell(
          a.cell,
          message('import-new-account', { kind: a.kind, identifier: a.identifier, id: a.id }),
        ),
      });
    if (firstTaken !== undefined)
      diagnostics.push(await dossierIds.refusal({ ...firstTaken, count: takenCount, records }, o));
    const sorted = sortDiagnostics(diagnostics, [o.source]);
    // Rows with errors (and no id the dossier holds), or with --strict warnings: the other
    // records are still checked with the dossier below, so that this run reports what the
    // next one would (a `missing-rate` of a good row); OUT is not written.
    const failed = errors > 0 || (o.strict === true && sorted.length > 0);
    const rowErrorsOnly = failed && takenCount === 0 && records > 0;
    if (failed && !rowErrorsOnly)
      return {
        diagnostics: sorted,
        written: false,
        records,
        newAccounts: builder.newAccounts().length,
        skipped: skipped.size,
      };

    throwIfInterrupted(o.signal);
    say?.(`writing ${o.output}`);
    const left = skipped.list();
    // A hidden row left out (--skip-invalid) is listed as such, not as read.
    const leftOut = new Set(left);
    const finalHeader = header(left, {
      rows: hiddenRows.filter((locator) => !leftOut.has(locator)),
      columns: hiddenColumns,
    });
    const listKey = records === 0 ? `${list}: []\n` : `${list}:\n`;
    await writeFinal(finalTmp, bodyTmp, finalHeader, listKey, builder.accountsYaml(), o.output);

    const size = (await fs.stat(finalTmp)).size;
    if (size > LIMITS.maxImportFileBytes)
      return {
        diagnostics: [
          ...sorted,
          diag(
            o.output,
            'include',
            `${o.output} would have ${size} bytes (${records} records), more than the ${LIMITS.maxImportFileBytes / 2 ** 20} MiB an imported file may have: nothing is written; import the export in parts (one exhibit file each)`,
          ),
        ],
        written: false,
        records,
        newAccounts: builder.newAccounts().length,
        skipped: skipped.size,
      };
    const headLines = newlines(finalHeader) + 1; // the header comment and the list's key
    let checkParts = parts;
    let lastMade = builder.takeMade();
    if (largeBase && parts.length > 1) {
      // A large dossier is loaded again for every part checked: OUT is checked in as few
      // parts as memory allows (of about LARGE_BASE_PART_BYTES or the dossier's size,
      // about equal), one after the other on this thread; whole, as it will be written,
      // when it fits in one. The accounts made while each part was filled: the last part
      // may have been closed already (the records after it all failed), those made since
      // then joined with its own.
      const named = madeByPart.slice(0, parts.length);
      if (named.length === parts.length) named[named.length - 1] = [...named.at(-1)!, ...lastMade];
      else named.push(lastMade);
      const groups = mergeParts(
        parts,
        named,
        o.largeBasePartBytes ?? Math.max(LARGE_BASE_PART_BYTES, baseBytes),
      );
      checkParts = groups.map((g) => g.part);
      lastMade = groups[groups.length - 1]!.named;
      if (groups.length > 1) {
        checks = newChecks(false);
        for (const g of groups.slice(0, -1))
          checks.add(g.part, (earlyHeader ??= partHeader()), g.named);
      }
    }
    const after = await checkInParts({
      o,
      outAbs,
      outRel,
      finalTmp,
      checks,
      partHeader: earlyHeader ?? partHeader(),
      list,
      named: lastMade,
      accountLines: builder.accountLineStarts(),
      parts: checkParts,
      headLines,
      baseFiles: before.files,
      say,
    });
    // Interrupted while OUT was checked: nothing is put in place.
    throwIfInterrupted(o.signal);
    const checkedOnThread = 'onThread' in after ? after.onThread : 0;
    const checkedParts = Math.max(1, checkParts.length);
    // The final check's findings (OUT's records with the dossier) are the import's too,
    // those in OUT's records and new accounts at their place in SOURCE.
    const outName = after.files.find((f) => !before.files.includes(f));
    const final = relocateToSource(after.diagnostics, {
      out: outName,
      source: o.source,
      list,
      places,
      accounts: builder.newAccounts(),
      xlsx: format === 'xlsx',
    });
    const all = sortDiagnostics([...sorted, ...final], [o.source, ...after.files]);
    if (rowErrorsOnly || after.errors > 0 || (o.strict && after.warnings > 0))
      return {
        checkedParts,
        checkedOnThread,
        diagnostics: all,
        written: false,
        records,
        newAccounts: builder.newAccounts().length,
        skipped: skipped.size,
        ...(o.skipInvalid === true && !o.strict && leave === undefined && !rowErrorsOnly
          ? leaveOutOf(after.diagnostics, outName, list, places, final)
          : {}),
      };
    throwIfInterrupted(o.signal);
    // OUT's folder must still be the one checked: one swapped for a symbolic link while
    // SOURCE was read (an exhibit's folder) would take the rename (a helper's sweep,
    // session 37: an exhibit replaced, exit 0), as render, export and schema refuse.
    await assertSameFolder(outAbs, outChecked, o.output);
    // An OUT refreshed keeps the permissions the user gave it (as writeFileAtomic's files).
    await keepFileMode(finalTmp, outAbs);
    await fs.rename(finalTmp, outAbs).catch((err: unknown) => {
      throw new ToolError(`cannot write ${o.output}: ${describeSystemError(err)}`);
    });
    await syncDir(path.dirname(outAbs));
    return {
      checkedParts,
      checkedOnThread,
      diagnostics: all,
      written: true,
      records,
      newAccounts: builder.newAccounts().length,
      skipped: skipped.size,
    };
  } finally {
    await checks?.close();
    await fs.rm(bodyTmp, { force: true }).catch(() => undefined);
    await fs.rm(finalTmp, { force: true }).catch(() => undefined);
    unregisterTemp(bodyTmp);
    unregisterTemp(finalTmp);
  }
}

const diagnosticKey = (d: Diagnostic): string =>
  `${d.file}\u0000${d.line}\u0000${d.column}\u0000${d.code}\u0000${d.message}`;

/** Errors of the check with the dossier that are a record's own (see leaveOutOf). */
const RECORD_OWN_CODES: ReadonlySet<Diagnostic['code']> = new Set([
  'missing-rate',
  'amount-precision',
  'date-order',
  'invalid-value',
  'invalid-type',
  'required',
]);

/**
 * The records to leave out on a second run with --skip-invalid: when every error of the
 * check of OUT with the dossier is at one of OUT's records (a `missing-rate`), those
 * records' places in SOURCE and their errors there; else none (an error of the dossier
 * or of a new account is not a row's to skip).
 */
export function leaveOutOf(
  checked: readonly Diagnostic[],
  out: string | undefined,
  list: string,
  places: SourcePlaces,
  atSource: readonly Diagnostic[],
): { leaveOut?: LeaveOut } {
  const errors = checked.filter((d) => d.severity === 'error');
  const at = new Set<string>();
  for (const d of errors) {
    const [key, k] = d.path;
    // A record's own error (its rate, precision, dates, a value), not one between records
    // (a duplicate id is the import's, not the row's).
    if (!RECORD_OWN_CODES.has(d.code)) return {};
    const place =
      d.file === out && key === list && typeof k === 'number' ? places.at(k) : undefined;
    if (place === undefined) return {};
    at.add(`${place.line}:${place.column}`);
  }
  if (at.size === 0) return {};
  // A place two records share (an xlsx sheet repeating a row) would leave both out. Counted
  // in one pass over OUT's records (per error, a million rows without a rate took hours).
  for (const n of places.countsAt(at).values()) if (n !== 1) return {};
  const diagnostics = atSource.filter(
    (d) => d.severity === 'error' && d.file !== out && at.has(`${d.line}:${d.column}`),
  );
  return { leaveOut: { places: at, diagnostics } };
}

/** Size of a part of OUT checked at once (about 12,000 transfers). */
export const PART_BYTES = 4 << 20;

/** Size of OUT's first part: the checking thread starts on it while the rest is read. */
export const FIRST_PART_BYTES = 1 << 20;
/** OUT's body is written in blocks of at most this many bytes (a longer record alone). */
export const WRITE_BYTES = 1 << 20;

/**
 * Dossier files (root and includes) of this size or more make a large dossier, which
 * `import` checks OUT with after the reading, on the main thread, in parts of about
 * LARGE_BASE_PART_BYTES (or the dossier's size), instead of in parts of PART_BYTES on a
 * second thread during it: each part's check loads the dossier again, which for a
 * dossier of 100,000 records (25 MB) made 10 parts cost three times as much as one check
 * of the whole (docs/import.md, "Limits").
 */
export const LARGE_BASE_BYTES = 4 << 20;

/**
 * Size of the parts OUT is checked in with a large dossier (about: they are runs of
 * PART_BYTES parts, see mergeParts), unless the dossier's files are larger (the parts are
 * then about their size): the check's memory grows with the dossier and the part, so that
 * it stays within about twice what the dossier's own takes.
 */
export const LARGE_BASE_PART_BYTES = 16 << 20;

/**
 * `parts` (consecutive) merged into runs for checking: ceil(total / max) runs, about equal
 * (each closed at the part boundary nearest its share of the total), none larger than
 * `max` plus the parts' average size unless one part alone is (a run alone then; uneven
 * parts may so make a run or two more).
 * `named[i]`: the new accounts part i names; a run names their union, in order.
 */
export function mergeParts(
  parts: readonly BodyPart[],
  named: readonly (readonly number[])[],
  max: number,
): { part: BodyPart; named: number[] }[] {
  const total = parts.reduce((n, p) => n + p.bytes, 0);
  const runs = Math.max(1, Math.ceil(total / max));
  const share = total / runs;
  const limit = max + total / Math.max(1, parts.length);
  const groups: { part: BodyPart; named: number[] }[] = [];
  let group: { part: BodyPart; named: Set<number> } | undefined;
  let done = 0;
  const close = (): void => {
    if (group) groups.push({ part: group.part, named: [...group.named].sort((a, b) => a - b) });
    group = undefined;
  };
  parts.forEach((p, i) => {
    if (group && group.part.bytes + p.bytes > limit) close();
    if (!group) group = { part: { ...p }, named: new Set(named[i]) };
    else {
      const g = group.part;
      group.part = {
        ...g,
        bytes: g.bytes + p.bytes,
        lines: g.lines + p.lines,
        records: g.records + p.records,
      };
      for (const k of named[i] ?? []) group.named.add(k);
    }
    done += p.bytes;
    // Past the middle of the last part before this run's share is reached: close here
    // (not the last run: it takes whatever is left).
    if (groups.length + 1 < runs && done >= (groups.length + 1) * share - p.bytes / 2) close();
  });
  close();
  return groups;
}

/** SOURCE from this size on starts the checking thread before the dossier is checked. */
export const EARLY_THREAD_SOURCE_BYTES = 1 << 19;

/** Size of a file, 0 when it cannot be read (the steps that read it then say why). */
async function fileSize(file: string): Promise<number> {
  return (await fs.stat(file).catch(() => undefined))?.size ?? 0;
}

/** A line an import writes at the start of a line (not indented), other than comments. */
const IMPORTED_TOP_LINE = /^(?:transfers|exchanges|accounts):(?: \[\])?\r?$/;

/**
 * The number of the first line of the file `file` that an import would not have written
 * there: its first key (the first line neither blank nor a comment) not one of an
 * import's, or not at the first column (YAML lets a whole file be indented); then a line
 * at the first column that is neither a comment nor one of those keys. Undefined when
 * there is none. Read in chunks, whatever the file's size; past the first key only the
 * lines that start unindented are looked at (an import's records are indented).
 */
async function lineNotImported(file: string): Promise<number | undefined> {
  const handle = await fs.open(file, 'r');
  try {
    const chunk = Buffer.alloc(1 << 20);
    let lineNo = 1;
    /** The first key was seen, at the first column. */
    let rooted = false;
    /** At the first byte of a line. */
    let atStart = true;
    /** Within the line's leading spaces and tabs (read before the first key only). */
    let inLead = false;
    /** The line starts with a space or a tab. */
    let indented = false;
    /** The line's first bytes after its leading blanks, when it is to be judged. */
    let top: Buffer | undefined;
    const fits = (): boolean => {
      const text = (top as Buffer).toString('utf8');
      if (rooted) return IMPORTED_TOP_LINE.test(text);
      if (text === '' || text === '\r' || text.startsWith('#')) return true;
      rooted = !indented && IMPORTED_TOP_LINE.test(text);
      return rooted;
    };
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) return top !== undefined && !fits() ? lineNo : undefined;
      const data = chunk.subarray(0, bytesRead);
      let i = 0;
      while (i < data.length) {
        if (atStart) {
          atStart = false;
          indented = false;
          const first = data[i];
          if (!rooted) {
            top = Buffer.alloc(0);
            inLead = true;
          } else if (first !== 0x20 && first !== 0x23 && first !== 0x0a && first !== 0x0d)
            // Indented, a comment, or an empty line (LF, or CR LF): skipped to its end.
            top = Buffer.alloc(0);
        }
        if (inLead) {
          while (i < data.length && (data[i] === 0x20 || data[i] === 0x09)) {
            indented = true;
            i++;
          }
          if (i === data.length) break; // the blanks go on in the next chunk
          inLead = false;
        }
        const end = data.indexOf(10, i);
        const stop = end < 0 ? data.length : end;
        if (top !== undefined && top.length < 64)
          top = Buffer.concat([top, data.subarray(i, Math.min(stop, i + 64 - top.length))]);
        if (end < 0) break;
        if (top !== undefined && !fits()) return lineNo;
        top = undefined;
        atStart = true;
        lineNo++;
        i = end + 1;
      }
    }
  } finally {
    await handle.close();
  }
}

/** Bytes of an existing OUT read to tell whether an import wrote it or it holds nothing. */
const REPLACEABLE_PROBE_BYTES = 64 << 10;

/**
 * OUT may replace a file an import wrote (first line IMPORT_HEADER: the refresh of an
 * import) or a file that holds no data (empty, comments, empty lists: an include listed
 * before its first import). Any other file was written by hand, and the import would lose
 * what it holds (exit 2, nothing written). Not a regular file: left to
 * checkOutputTarget, which refuses it.
 */
async function refuseHandWritten(
  outAbs: string,
  shown: string,
  importing?: { readonly evidence: string; readonly sourceAbs: string; readonly rootDir: string },
): Promise<void> {
  const stat = await fs.stat(outAbs).catch(() => undefined);
  if (!stat?.isFile()) return;
  const text = await readHead(outAbs, Math.min(stat.size, REPLACEABLE_PROBE_BYTES));
  if (text === undefined) return; // unreadable: checkOutputTarget says why it cannot be written
  if (text.startsWith(IMPORT_HEADER)) {
    // Its header says an import wrote it; what follows must say so too. A key an import
    // never writes (`evidence`, `include`, `persons`...) was added by hand, and would be
    // lost: so would the exhibits it declares, unknown to the output guard above, which
    // judged OUT by the dossier without its old content (an audit saw an exhibit listed
    // there replaced by the import, exit 0).
    const line = await lineNotImported(outAbs);
    if (line !== undefined)
      throw new UsageError(
        `-o ${shown} was written by an import and then edited: line ${line} holds what an import never writes (its top-level keys are transfers or exchanges, and accounts), which the import would lose: give another file name, or move that file away first`,
      );
    if (importing) await refuseOtherImport(text, shown, importing);
    return;
  }
  if (stat.size <= REPLACEABLE_PROBE_BYTES && holdsNoData(text)) return;
  throw new UsageError(
    `-o ${shown} is a file courtfile import did not write (its first line is not "${IMPORT_HEADER}") and it holds data the import would replace: give another file name, or move that file away first`,
  );
}

/**
 * An OUT an import wrote is refreshed only by an import of the same file of the same
 * exhibit (its header says which): an import of another exhibit, or of another file,
 * into it would replace that import's records (an audit saw E9's transfers and accounts
 * go, exit 0, when E10's export was imported into E9's include). Fields masked in the
 * header (a name of a victim in a path or an id) are not compared.
 */
async function refuseOtherImport(
  text: string,
  shown: string,
  importing: { readonly evidence: string; readonly sourceAbs: string; readonly rootDir: string },
): Promise<void> {
  const from = fieldsOf(text);
  const known = (v: string | undefined): v is string =>
    v !== undefined && !v.includes(DIAGNOSTIC_MASK);
  const replaces = `give another file name, or remove ${shown} from the dossier's includes first`;
  if (known(from?.evidence) && from.evidence !== importing.evidence)
    throw new UsageError(
      `-o ${shown} holds the import of exhibit ${from.evidence}${known(from.source) ? ` (${from.source})` : ''}: importing exhibit ${importing.evidence} there would replace its records; ${replaces}`,
    );
  if (known(from?.source)) {
    const real = (p: string) => fs.realpath(p).catch(() => p);
    const was = await real(path.resolve(importing.rootDir, from.source));
    if (was !== (await real(importing.sourceAbs)))
      throw new UsageError(
        `-o ${shown} holds the import of ${from.source}, another file of exhibit ${importing.evidence}: importing this one there would replace its records; ${replaces}`,
      );
  }
}

/**
 * Whether a YAML text holds nothing: no document, or a mapping of an included file's
 * record lists (`transfers`, `persons`...), each empty. Read by the dossier's own parser
 * (a text it refuses holds something). Other keys are data too: notes written as keys
 * (`Ask the bank for statements:`) were replaced (a helper's sweep, session 33).
 */
function holdsNoData(text: string): boolean {
  const parsed = parseFast(text, 'OUT');
  if (!parsed.ok) return false;
  const value = parsed.value;
  if (value === null || value === undefined) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.entries(value).every(
    ([key, v]) => LIST_NAMES.has(key) && (v === null || (Array.isArray(v) && v.length === 0)),
  );
}

const LIST_NAMES: ReadonlySet<string> = new Set(RECORD_LIST_NAMES);

/** xlsx: the rows read and the columns the mapping reads that the sheet hides. */
interface HiddenParts {
  readonly rows: readonly string[];
  readonly columns: readonly string[];
}

const NOTHING_HIDDEN: HiddenParts = { rows: [], columns: [] };

/** OUT's header comment (each line through the diagnostics' redactor). */
function headerOf(
  o: ImportOptions,
  format: ImportFormat,
  checked: { relPath: string; sha256: string },
  /** SHA-256 of the mapping file's bytes (csv, xlsx). */
  mappingSha256: string | undefined,
  /** SHA-256 of the participants file's bytes (WhatsApp). */
  participantsSha256: string | undefined,
  skipped: readonly string[],
  redactor: Redactor,
  /** xlsx: the sheet read, as the workbook spells it (else `--sheet` as given). */
  sheetRead?: string,
  hidden: HiddenParts = NOTHING_HIDDEN,
): string {
  return yamlComment(
    [
      IMPORT_HEADER.slice(2),
      `source: ${checked.relPath}`,
      `sha256: ${checked.sha256}`,
      `evidence: ${o.evidence}`,
      `format: ${format}`,
      ...(mappingSha256 !== undefined ? [`mapping sha256: ${mappingSha256}`] : []),
      ...(o.zone ? [`zone: ${o.zone}`] : []),
      // The other options that change what is read, so that the header says how to
      // import the file again (a WhatsApp export read mdy or dmy gives other dates).
      // The sheet named with --sheet, as the workbook spells it (matched without regard
      // to case, `cachée` reads `Cachée`): the name that reads it again, whatever the case.
      ...(o.sheet !== undefined ? [`sheet: ${sheetRead ?? o.sheet}`] : []),
      ...(o.dateOrder ? [`date order: ${o.dateOrder}`] : []),
      ...(participantsSha256 !== undefined ? [`participants sha256: ${participantsSha256}`] : []),
      `courtfile ${toolVersion()}`,
      ...(skipped.length
        ? [`skipped (--skip-invalid): ${skipped.length} record(s) with errors:`, ...wrap(skipped)]
        : []),
      // Rows a spreadsheet does not show (filtered out, or hidden by hand) are part of the
      // file, and read as such: said here, since whoever reads the workbook does not see them.
      ...(hidden.rows.length
        ? [`read from rows the sheet hides: ${hidden.rows.length} row(s):`, ...wrap(hidden.rows)]
        : []),
      ...(hidden.columns.length
        ? [`read from columns the sheet hides: ${hidden.columns.join(', ')}`]
        : []),
    ].map((line) => redactor.scrub(line)),
  );
}

/**
 * The dossier with OUT, checked by `checkDossier` (the code of `courtfile validate`).
 * OUT in one part: checked as it will be written. In several (check-parts.ts): the
 * dossier is checked once per part, with, in OUT's place, a file holding OUT's header,
 * that part's records and the new accounts made while it was filled (RecordBuilder.takeMade:
 * an account is made with the record that first names it, so each is in one part, that
 * record's or the next), and the ids of the new accounts made before it (check-parts.ts,
 * `accountsElsewhere`), which its records may name. The diagnostics in that file are moved
 * to their line and record or account index in OUT, and those several parts repeat (other
 * files) kept once. This is the same check as one over the whole of OUT: every rule is
 * about one record, or about one record and the records it refers to or the dossier's
 * other records (references, rates, victims' identities), which every part has (a new
 * account by its id: only its kind matters to a reference); about one account, checked in
 * the part that holds it; the rules across imported records hold by construction: unique
 * ids (allocated once in the import, and one the dossier holds stops the import before this
 * check: DossierIds), and no two accounts of one kind with the same identifier (one account
 * is made per kind and identifier as matched, none for an identifier the dossier's accounts
 * hold).
 * The other files' references to OUT's records (an account of OUT that a later import
 * reused), found only in the parts holding the record, are unknown in OUT as a whole only
 * when every part says so (PartChecks.finish).
 */
async function checkInParts(a: {
  o: ImportOptions;
  outAbs: string;
  outRel: string;
  finalTmp: string;
  /** The parts' check, holding every part but the last (checked while the export was read, or with a large dossier queued after it), if any. */
  checks: PartChecks | undefined;
  /** The lines before the first record in a part's file. */
  partHeader: string;
  list: string;
  /** The new accounts made while the last part was filled (see RecordBuilder.takeMade). */
  named: number[];
  accountLines: readonly number[];
  parts: readonly BodyPart[];
  /** Lines before the first record in OUT. */
  headLines: number;
  baseFiles: readonly string[];
  say: ((what: string) => void) | undefined;
}): Promise<PartsCheck | Awaited<ReturnType<typeof checkDossier>>> {
  const { o, say } = a;
  const total = a.parts.reduce((n, p) => n + p.records, 0);
  if (a.parts.length <= 1 || a.checks === undefined) {
    say?.(`checking ${o.dossier} with ${o.output}: ${count(total)} record(s)`);
    return checkDossier(o.dossier, {
      cwd: o.cwd,
      model: false,
      overlay: { target: a.outAbs, name: a.outRel, readFrom: a.finalTmp },
    });
  }
  a.checks.add(a.parts[a.parts.length - 1]!, a.partHeader, a.named);
  return a.checks.finish({
    headLines: a.headLines,
    accountLines: a.accountLines,
    bodyLines: a.parts.reduce((n, p) => n + p.lines, 0),
    list: a.list,
    baseFiles: a.baseFiles,
  });
}

/** 1234567 -> "1,234,567" (a progress count, not data: the same in every locale). */
function count(n: number): string {
  return groupDigits(String(n), ',');
}

/** header + list key + body (copied in chunks) + accounts, fsynced. */
async function writeFinal(
  target: string,
  bodyPath: string,
  header: string,
  listKey: string,
  accounts: string,
  shown: string,
): Promise<void> {
  const out = await fs.open(target, 'wx', 0o644);
  try {
    await out.write(header + listKey);
    const body = await fs.open(bodyPath, 'r');
    try {
      const buf = Buffer.allocUnsafe(1 << 20);
      for (;;) {
        const { bytesRead } = await body.read(buf, 0, buf.length, null);
        if (bytesRead === 0) break;
        await out.write(buf.subarray(0, bytesRead));
      }
    } finally {
      await body.close();
    }
    if (accounts) await out.write(accounts);
    await out.sync();
  } catch (err) {
    throw new ToolError(`cannot write ${shown}: ${describeSystemError(err)}`);
  } finally {
    await out.close();
  }
}

function pct(done: number, total: number): string {
  return total > 0 ? `${Math.min(100, Math.floor((done / total) * 100))}%` : `${done} bytes`;
}

/**
 * The records --skip-invalid leaves out, each once, in the order met. A record may have
 * several findings: in csv and xlsx its locator (`row N`) names it alone; in the platform
 * formats a locator may name two records (Skype message ids repeat across conversations,
 * an mbox may hold a mail twice), whose findings all stand at the record (its line and
 * column), so the place tells them apart. The header lists a locator met more than once
 * with its line (and column, when two of its records share a line).
 */
class SkippedRecords {
  private readonly records = new Map<string, { locator: string; line: number; column: number }>();

  constructor(private readonly uniqueLocators: boolean) {}

  add(locator: string, at: { line: number; column: number }): void {
    const key = this.uniqueLocators ? locator : `${locator}\u0000${at.line}:${at.column}`;
    if (!this.records.has(key))
      this.records.set(key, { locator, line: at.line, column: at.column });
  }

  get size(): number {
    return this.records.size;
  }

  list(): string[] {
    // Per locator: how many records, and whether two of them share a line (a one-line
    // Skype export): then each is named by its line and column.
    const lines = new Map<string, Set<number>>();
    const times = new Map<string, number>();
    for (const { locator, line } of this.records.values()) {
      times.set(locator, (times.get(locator) ?? 0) + 1);
      let seen = lines.get(locator);
      if (!seen) lines.set(locator, (seen = new Set()));
      seen.add(line);
    }
    return [...this.records.values()].map(({ locator, line, column }) => {
      const n = times.get(locator) ?? 0;
      if (n < 2) return locator;
      return lines.get(locator)!.size < n
        ? `${locator} (line ${line}, column ${column})`
        : `${locator} (line ${line})`;
    });
  }
}

/** Locators on comment lines of at most ~100 characters. */
function wrap(items: readonly string[]): string[] {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    const next = line ? `${line}, ${item}` : `  ${item}`;
    if (next.length > 100 && line) {
      lines.push(`${line},`);
      line = `  ${item}`;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}
