import { promises as fs } from 'node:fs';
import path from 'node:path';
import { toolVersion } from '../../assets.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { countDiagnostics, sortDiagnostics, underStrict } from '../../diagnostics/diagnostic.js';
import { dossierFileUris } from '../../diagnostics/sarif.js';
import type { DiagnosticFormat } from '../../diagnostics/format.js';
import { formatDiagnostics, formatText, sayLine } from '../../diagnostics/format.js';
import { EXIT, ToolError, UsageError, describeSystemError } from '../../errors.js';
import { writeDataFiles } from '../../export/csv/write-data.js';
import { computeFacts, fingerprintDossier } from '../../facts/index.js';
import { throwIfInterrupted } from '../../interrupt.js';
import { locateFindings } from '../../load/locate.js';
import {
  fittedName,
  renameFolderIntoPlace,
  replacedCurrentFolderNote,
  tempTag,
  writeFileAtomic,
} from '../../output/atomic-write.js';
import { fileBatcher } from '../../output/chunk-batcher.js';
import { checkPacket } from '../../output/check-packet.js';
import type { SignatureReport } from '../../output/check-signature.js';
import type { PacketManifest } from '../../output/manifest.js';
import { MANIFEST_NAME, describePacketFiles } from '../../output/manifest.js';
import {
  checkOutputTarget,
  dossierReads,
  exhibitFolders,
  templateReads,
  kernelPath,
} from '../../output/output-target.js';
import type { SigningKey } from '../../output/ssh-key.js';
import { readSigningKey } from '../../output/ssh-key.js';
import { PACKET_NAMESPACE, SIGNATURE_NAME, signSshsig } from '../../output/sshsig.js';
import { registerTemp, unregisterTemp } from '../../output/temp-registry.js';
import {
  DIAGNOSTIC_MASK,
  Redactor,
  maskDiagnosticFiles,
  redactDiagnostics,
} from '../../redact/index.js';
import {
  documentDiagnostics,
  renderDocumentTo,
  resolveGenerationDate,
} from '../../render/index.js';
import { missingGlyphDiagnostics, templateGlyphsLine } from '../../render/missing-glyphs.js';
import { TemplateError, loadTemplate } from '../../templates/load-template.js';
import { checkDossier } from '../../validate/check-dossier.js';
import { verifyExhibits } from '../../verify/verify-exhibits.js';
import type { CliIO } from '../io.js';
import { useColor } from '../io.js';
import { drawingWatch } from '../heap-growth.js';

export interface PacketOptions {
  readonly output?: string;
  readonly check?: string;
  readonly template?: string;
  readonly indexTemplate?: string;
  readonly lang?: 'fr' | 'en';
  readonly date?: string;
  readonly revealVictims?: boolean;
  readonly window?: number;
  readonly strict?: boolean;
  readonly format?: DiagnosticFormat;
  /** `--sign-key KEY`: an OpenSSH Ed25519 private key (unencrypted); writes manifest.json.sig. */
  readonly signKey?: string;
  /** `--check DIR --allowed-signers FILE`: the signature must be good and allowed. */
  readonly allowedSigners?: string;
  /**
   * @internal Test hook: runs after each document is written into the staging folder,
   * and once more (name `data`) after the CSV data files.
   */
  readonly afterDocument?: (name: string) => Promise<void>;
}

/** The documents of a referral packet: file name → template (the referral one may be replaced). */
function packetDocuments(opts: PacketOptions): [string, string][] {
  return [
    ['referral.pdf', opts.template ?? 'referral'],
    ['evidence-index.pdf', opts.indexTemplate ?? 'evidence-index'],
  ];
}

/** DIR must not exist, or be an empty folder; returns whether it exists. */
async function checkTarget(dir: string, shown: string): Promise<boolean> {
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    throw new ToolError(`cannot use ${shown}: ${describeSystemError(err)}`);
  }
  if (entries.length > 0)
    throw new ToolError(
      `${shown} is not empty: a packet is written only into a new or empty folder`,
    );
  return true;
}

/**
 * `-o DIR` without the slashes it ends with (`/` and `//` are `/`). The character kept
 * before them is a slash only when it starts its run (the lookbehind): the pattern
 * tried each slash of a run inside the name (`a//...//b`) and read the run to its end
 * from it, in time quadratic in its length.
 */
export const shownFolder = (output: string): string => output.replace(/(.)(?<!\/\/)\/+$/, '$1');

/**
 * `path` as one word of a POSIX shell command, to paste as is: unchanged when it holds
 * only characters no shell treats specially, else in single quotes (a `'` in it written
 * `'\''`). A folder named `pa ck€t` was shown bare: pasted, `--check` got two arguments.
 */
export const shellWord = (path: string): string =>
  /^[\w./:@%+,=-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`;

/**
 * `courtfile packet FILE -o DIR`: validate, verify, render every document, write the
 * manifest; all in a staging folder beside DIR, renamed into place at the end. On any
 * failure DIR is not created (or, if it existed empty, stays empty).
 * `courtfile packet --check DIR`: check a received packet against its manifest.
 */
export async function runPacket(
  file: string | undefined,
  opts: PacketOptions,
  io: CliIO,
): Promise<number> {
  if (opts.check !== undefined) return runCheck(opts.check, opts, io);
  if (file === undefined || opts.output === undefined) {
    throw new ToolError('packet needs a dossier and -o DIR (or --check DIR)');
  }
  if (opts.output === '-') {
    throw new UsageError(
      'packet writes a folder, not a stream: -o - (standard output) is not possible; give -o DIR',
    );
  }
  const { signal } = io;
  const withSignal = signal ? { signal } : {};
  const color = useColor(io.stderr, io.env);
  // Diagnostics: as text on stderr (the default), or one json / github / sarif document on
  // stdout, which this command leaves free otherwise (SARIF names the dossier's files
  // relative to the working folder, as verify does). With --strict every warning is
  // printed and counted as the error it is (the callers pass underStrict's diagnostics).
  const format = opts.format ?? 'text';
  /** `uriOf`: the dossier's files' URIs, once its victims are known (dossierUri below). */
  const report = (
    diagnostics: readonly Diagnostic[],
    uriOf: ((name: string) => string) | undefined,
    failures: readonly string[] = [],
  ): void => {
    if (format === 'text') {
      if (diagnostics.length > 0) io.stderr.write(formatText(diagnostics, { color }));
      return;
    }
    io.stdout.write(
      formatDiagnostics(format, diagnostics, {
        color: false,
        cwd: io.cwd,
        ...(uriOf ? { uriOf } : {}),
        failures,
      }),
    );
  };
  const date = resolveGenerationDate(opts.date, io.env);
  const given = await kernelPath(io.cwd, opts.output);
  // DIR a symbolic link: the packet is made where it leads (the link stays a link).
  const { path: target } = await checkOutputTarget({
    path: given,
    shown: opts.output,
    kind: 'folder',
    cwd: io.cwd,
  });
  const existed = await checkTarget(target, opts.output);
  /** DIR is the folder the command runs in: said after the packet replaced it. */
  let replacesCwd = false;
  // The key is read first: a key that cannot sign stops the run before any work.
  const signingKey: SigningKey | undefined =
    opts.signKey === undefined ? undefined : await readSigningKey(opts.signKey, io.cwd);
  if (signingKey && 'openToOthers' in signingKey) {
    io.stderr.write(
      sayLine(
        `courtfile: warning: the signing key ${opts.signKey} is open to other users (mode ${String(signingKey.openToOthers)}); keep it readable by its owner only: chmod 600 ${opts.signKey}`,
      ),
    );
  }

  const templates = [];
  for (const [name, template] of packetDocuments(opts)) {
    try {
      templates.push({ name, template: await loadTemplate(template, { cwd: io.cwd }) });
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      report(underStrict(err.diagnostics, opts.strict), undefined);
      return EXIT.invalid;
    }
  }
  const check = await checkDossier(file, { cwd: io.cwd, redactLater: true, ...drawingWatch() });
  // SARIF's URIs are masked whole (the folders the dossier was named with too).
  const redactor = check.diagnosticRedactor ?? Redactor.none();
  const dossierUri = dossierFileUris(file, io.cwd, (text) => redactor.scrub(text));
  if (!check.dossier || check.errors > 0 || (opts.strict && check.warnings > 0)) {
    report(
      maskDiagnosticFiles(underStrict(check.diagnostics, opts.strict), check.diagnosticRedactor),
      dossierUri,
    );
    return EXIT.invalid;
  }
  const dossier = check.dossier;
  // Refused before any work: the folder is neither read by this command nor among exhibits.
  await checkOutputTarget({
    path: given,
    shown: opts.output,
    kind: 'folder',
    reads: [...dossierReads(dossier), ...templates.flatMap((t) => templateReads(t.template))],
    protectedDirs: await exhibitFolders(dossier),
    cwd: io.cwd,
  });
  const verified = await verifyExhibits(dossier, withSignal);
  const verifyDiagnostics = redactDiagnostics(
    await locateFindings(verified.findings, dossier.sources),
    check.diagnosticRedactor ?? Redactor.none(),
  );
  const glyphs = await missingGlyphDiagnostics(dossier, { reveal: opts.revealVictims ?? false });
  // Files named after a victim are masked in the locations, once sorted by their names.
  const sorted = underStrict(
    sortDiagnostics([...check.diagnostics, ...verifyDiagnostics, ...glyphs], check.files),
    opts.strict,
  );
  const all = maskDiagnosticFiles(sorted, check.diagnosticRedactor);
  // The documents name the files from the dossier's folder, whatever the command line.
  const listed = documentDiagnostics(sorted, dossier, io.cwd, check.diagnosticRedactor);
  const counts = countDiagnostics(all);
  // One json / github / sarif document: printed once the packet is written, or with why
  // it could not be (a run that fails later must not leave a clean report on stdout).
  if (format === 'text' || counts.errors > 0) report(all, dossierUri);
  if (counts.errors > 0) return EXIT.invalid;

  const facts = computeFacts(
    dossier,
    opts.window === undefined ? {} : { windowHours: opts.window },
  );
  const fingerprint = fingerprintDossier(dossier);
  const lang = opts.lang ?? dossier.case.language;
  // Its own staging folder (tempTag: never another run's).
  const staging = path.join(
    path.dirname(target),
    fittedName('.', path.basename(target), `.${tempTag()}`),
  );
  let created = false;
  let dataFiles: string[] = [];
  // Characters without a glyph in the templates' own texts (the dossier's are `glyphs`,
  // found before): known once drawn; with --strict they stop the packet, as in render.
  const templateGlyphs = new Set<string>();
  const strictGlyphs = new Error('characters without a glyph in a template (--strict)');
  registerTemp(staging);
  try {
    await fs.mkdir(staging);
    created = true;
    for (const { name, template } of templates) {
      // Streamed into the staging folder as pages are drawn (memory bounded).
      await writeFileAtomic(
        path.join(staging, name),
        async (handle) => {
          const batcher = fileBatcher(handle.fd);
          const summary = await renderDocumentTo(
            dossier,
            facts,
            {
              template,
              date,
              lang,
              fingerprint,
              diagnostics: listed,
              revealVictims: opts.revealVictims ?? false,
              ...withSignal,
            },
            batcher,
          );
          batcher.flush();
          if (glyphs.length === 0) for (const c of summary.missingGlyphs) templateGlyphs.add(c);
        },
        withSignal,
      );
      await opts.afterDocument?.(name);
    }
    if (opts.strict && templateGlyphs.size > 0) throw strictGlyphs;
    // The full lists for the court's analysts, masked as the documents are.
    dataFiles = await writeDataFiles(staging, dossier, facts, {
      reveal: opts.revealVictims ?? false,
      ...withSignal,
    });
    await opts.afterDocument?.('data');
    const manifest: PacketManifest = {
      format: 'courtfile-packet/1',
      tool: { name: 'courtfile', version: toolVersion() },
      generated: date,
      // The manifest is read by machines and people outside the court: same masking as the PDFs.
      case: {
        reference: Redactor.forDossier(dossier, {
          mask: DIAGNOSTIC_MASK,
          reveal: opts.revealVictims ?? false,
        }).scrub(dossier.case.reference),
        fingerprint,
      },
      language: lang,
      templates: Object.fromEntries(templates.map(({ name, template }) => [name, template.name])),
      verification: { files: verified.files, bytes: verified.bytes, ok: verified.ok, ...counts },
      files: await describePacketFiles(staging, signal),
    };
    const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8');
    await writeFileAtomic(path.join(staging, MANIFEST_NAME), manifestBytes, withSignal);
    throwIfInterrupted(signal);
    // Not listed in the manifest: it is made from the manifest, after it.
    if (signingKey) {
      const signature = signSshsig(manifestBytes, signingKey, PACKET_NAMESPACE);
      await writeFileAtomic(path.join(staging, SIGNATURE_NAME), signature, withSignal);
      throwIfInterrupted(signal);
    }
    replacesCwd = await renameFolderIntoPlace(staging, target, existed, io.cwd);
  } catch (err) {
    if (created) await fs.rm(staging, { recursive: true, force: true }).catch(() => undefined);
    if (err === strictGlyphs) {
      if (format !== 'text') report(all, dossierUri, [strictGlyphs.message]);
      io.stderr.write(
        templateGlyphsLine('error', templateGlyphs, `; ${opts.output} is not written (--strict)`),
      );
      return EXIT.invalid;
    }
    const failure =
      err instanceof ToolError || !(err && typeof err === 'object' && 'code' in err)
        ? err
        : new ToolError(`cannot write the packet ${opts.output}: ${describeSystemError(err)}`);
    if (format !== 'text')
      report(all, dossierUri, [failure instanceof Error ? failure.message : String(failure)]);
    throw failure;
  } finally {
    unregisterTemp(staging);
  }
  if (format !== 'text') report(all, dossierUri);
  if (templateGlyphs.size > 0) io.stderr.write(templateGlyphsLine('warning', templateGlyphs, ''));
  // `-o DIR/` (a folder's name as the shell completes it): named once with its slash.
  const shownDir = shownFolder(opts.output);
  const written = [...templates.map((t) => t.name), ...dataFiles, MANIFEST_NAME];
  if (signingKey) written.push(SIGNATURE_NAME);
  io.stderr.write(
    sayLine(
      `wrote ${shownDir}/ (${written.join(', ')}); check it with: courtfile packet --check ${shellWord(shownDir)}`,
    ),
  );
  if (signingKey) {
    io.stderr.write(
      `signed ${MANIFEST_NAME} with the Ed25519 key ${signingKey.fingerprint} (namespace ${PACKET_NAMESPACE})\n`,
    );
  }
  if (replacesCwd) io.stderr.write(sayLine(replacedCurrentFolderNote(shownDir)));
  return EXIT.ok;
}

async function runCheck(dir: string, opts: PacketOptions, io: CliIO): Promise<number> {
  const result = await checkPacket(dir, io.cwd, {
    ...(opts.allowedSigners === undefined ? {} : { allowedSigners: opts.allowedSigners }),
  });
  const format = opts.format ?? 'text';
  // Lines of the allowed-signers file skipped as unreadable, as ssh-keygen skips them:
  // notes (not diagnostics, so --strict leaves them be), the first few named one by one.
  const skipped = result.skippedSigners;
  const skippedLines = skipped
    .slice(0, MAX_SKIPPED_NAMED)
    .map(
      (line) =>
        `${line}: line skipped, as ssh-keygen -Y verify skips it (the other lines are used)`,
    );
  if (skipped.length > MAX_SKIPPED_NAMED)
    skippedLines.push(
      `${skipped.length - MAX_SKIPPED_NAMED} more line(s) of ${opts.allowedSigners ?? ''} skipped (--format json lists them all)`,
    );
  for (const line of skippedLines) io.stderr.write(sayLine(`courtfile: note: ${line}`));
  io.stdout.write(
    formatDiagnostics(format, underStrict(result.diagnostics, opts.strict), {
      color: useColor(io.stdout, io.env),
      cwd: io.cwd,
      // SARIF and github have no trailer: what the signature is (who signed, or none) is
      // one of their notes, as the text's trailer line says it (json: packet.signature).
      notices:
        format === 'text' ? skippedLines : [...skippedLines, describeSignature(result.signature)],
      trailer:
        format === 'text'
          ? [
              `${result.files} file(s) listed in the manifest, ${result.bytes} bytes checked`,
              describeSignature(result.signature),
            ]
          : [],
      extra: {
        packet: {
          files: result.files,
          bytes: result.bytes,
          signature: result.signature,
          ...(skipped.length > 0 ? { allowedSignersSkipped: skipped } : {}),
        },
      },
    }),
  );
  return result.diagnostics.length > 0 ? EXIT.invalid : EXIT.ok;
}

/** Skipped allowed-signers lines named one by one; the others are counted. */
const MAX_SKIPPED_NAMED = 10;

/** The trailer line about manifest.json.sig. */
function describeSignature(signature: SignatureReport): string {
  switch (signature.state) {
    case 'absent':
      return `${SIGNATURE_NAME}: none, the packet is not signed`;
    case 'unchecked':
      return `${SIGNATURE_NAME}: present, not checked (give --allowed-signers FILE to check it)`;
    case 'good':
      return `${SIGNATURE_NAME}: good "${PACKET_NAMESPACE}" signature for ${signature.principals} with ${signature.keyType} key ${signature.key} (${signature.allowedBy})`;
    default:
      return `${SIGNATURE_NAME}: not accepted (see above)`;
  }
}
