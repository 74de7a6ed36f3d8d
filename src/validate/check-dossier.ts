import type { Code } from '../diagnostics/codes.js';
import type { Diagnostic, Finding } from '../diagnostics/diagnostic.js';
import { countDiagnostics, sortDiagnostics } from '../diagnostics/diagnostic.js';
import { escapeForTerminal } from '../diagnostics/format.js';
import type { IncludeOverlay, LoadedFile } from '../load/load-dossier.js';
import { loadDossier } from '../load/load-dossier.js';
import { locateFindings } from '../load/locate.js';
import type { Dossier } from '../model/dossier.js';
import {
  DIAGNOSTIC_MASK,
  Redactor,
  identitySourceOfValues,
  redactDiagnostics,
} from '../redact/index.js';
import { buildModel } from './build-model.js';
import { DraftReader, type Draft } from './draft.js';
import { exhibitLinkFindings } from './exhibit-links.js';
import { makeContext, type Report } from './rules/rule.js';
import { RULES } from './rules/index.js';
import { append } from '../append.js';

/** Texts of files up to this many characters are kept for placing findings; larger ones are read again. */
const KEEP_TEXT_CHARS = 1 << 20;

/** The persons and accounts of a parsed file (all the diagnostic redactor needs of it). */
function identityPart(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { persons, accounts } = value as Record<string, unknown>;
  return { persons, accounts };
}

export interface DossierCheck {
  /**
   * Present only when the dossier has no errors (warnings allowed), or when every error
   * has a code of `CheckOptions.modelDespite`.
   */
  readonly dossier?: Dossier;
  /** Located, sorted diagnostics of every file of the dossier. */
  readonly diagnostics: readonly Diagnostic[];
  readonly errors: number;
  readonly warnings: number;
  /** Display names of the files read, root first. */
  readonly files: readonly string[];
  /**
   * Masks victims' identities (as written, also in records with errors) in diagnostics:
   * `diagnostics` have been through it; apply it to any diagnostics made later (verify).
   * Present when there were diagnostics, or when asked for (`redactLater`).
   */
  readonly diagnosticRedactor?: Redactor;
}

export interface CheckOptions {
  /** Folder that relative command-line paths are resolved against. */
  readonly cwd?: string;
  /** Build the normalized model (default true); `validate` needs only the diagnostics. */
  readonly model?: boolean;
  /**
   * Build the model also when the dossier has errors, provided every one of them has one
   * of these codes. `verify` passes `path-outside`: an exhibit path that leaves the root is
   * one of the problems it checks and reports entry by entry, not a reason to check none.
   */
  readonly modelDespite?: ReadonlySet<Code>;
  /** Told what is being done, for a progress line: "reading x.yaml (2/6)", "checking records"... */
  readonly onProgress?: (what: string) => void;
  /**
   * Called after each file is read with the transfers and exchanges read so far (the CLI's
   * drawing commands keep the heap tight from the moment a dossier is known to be large).
   */
  readonly onRecords?: (records: number) => void;
  /** `courtfile import`: check the dossier with OUT's new content, or without its old one. */
  readonly overlay?: IncludeOverlay;
  /**
   * `courtfile import` checking OUT in parts (an overlay's `readFrom` holding one part):
   * ids of accounts OUT holds in its other parts. A reference to one of them is to an
   * account, as it is in OUT whole (see Draft.accountsElsewhere).
   */
  readonly accountsElsewhere?: ReadonlySet<string>;
  /**
   * `courtfile import` refreshing an include (an overlay without `readFrom` whose target the
   * root includes): told the ids that `unknown-reference` errors name, gives those of them
   * that the left-out file's old content may hold. Those errors are not reported: the
   * references are to records the import is about to write again, and the check of the
   * dossier with OUT's new content reports any it no longer holds.
   */
  readonly leftOutIds?: (ids: ReadonlySet<string>) => Promise<ReadonlySet<string>>;
  /**
   * The caller will mask diagnostics of its own with `diagnosticRedactor` (verify, packet):
   * make it even when the dossier has none (else it is made only when it has some).
   */
  readonly redactLater?: boolean;
}

/**
 * Load, parse and validate a dossier (root file + includes). Never throws for problems
 * of the dossier (those are diagnostics); throws ToolError when the root file cannot be read.
 */
export async function checkDossier(
  file: string,
  options: CheckOptions = {},
): Promise<DossierCheck> {
  const say = options.onProgress;
  // Each file's records are checked as soon as it is loaded (an included file's transfers
  // and exchanges even as they are read: DraftReader.streamFor), and its parsed value is then
  // dropped (only its persons and accounts are kept, for the redactor), as is the text of
  // a large file (read again only if a finding must be placed in it): a large dossier is
  // never held twice over.
  const draftFindings: Finding[] = [];
  const reader = new DraftReader(draftFindings);
  const identityValues: unknown[] = [];
  const texts = new Map<string, string>();
  const digest = (file: LoadedFile): LoadedFile => {
    reader.read(file);
    options.onRecords?.(reader.records);
    identityValues.push(identityPart(file.value));
    if (file.text.text.length <= KEEP_TEXT_CHARS) texts.set(file.source.name, file.text.text);
    return { ...file, value: undefined, text: { ...file.text, text: '' } };
  };
  const loaded = await loadDossier(
    file,
    options.cwd ?? process.cwd(),
    // File names come from the dossier (includes): escaped like diagnostics for the terminal.
    say &&
      ((name, k, n) => {
        const shown = escapeForTerminal(name);
        say(k === 1 ? `reading ${shown}` : `reading ${shown} (${k}/${n})`);
      }),
    options.overlay,
    digest,
    // An included file's transfers and exchanges are checked as they are read.
    (name) => reader.streamFor(name),
  );
  const findings: Finding[] = [...loaded.findings];
  append(findings, draftFindings);
  say?.('checking records');
  const finished = reader.finish();
  const elsewhere = options.accountsElsewhere;
  const draft: Draft =
    elsewhere && elsewhere.size > 0 ? { ...finished, accountsElsewhere: elsewhere } : finished;
  const ctx = makeContext(draft, findings);
  // The unknown references (their finding's index and id), for leftOutIds.
  const unknown: { at: number; id: string }[] = [];
  const leftOutIds = loaded.targetIncluded === true ? options.leftOutIds : undefined;
  const report: Report = (code, origin, sub, args, more) => {
    if (code === 'unknown-reference' && typeof args.id === 'string')
      unknown.push({ at: findings.length, id: args.id });
    ctx.report(code, origin, sub, args, more);
  };
  for (const rule of RULES) rule(leftOutIds === undefined ? ctx : { draft, report });
  if (leftOutIds !== undefined && unknown.length > 0) {
    const held = await leftOutIds(new Set(unknown.map((u) => u.id)));
    const drop = new Set(unknown.filter((u) => held.has(u.id)).map((u) => u.at));
    if (drop.size > 0) {
      let kept = 0;
      for (let i = 0; i < findings.length; i++) if (!drop.has(i)) findings[kept++] = findings[i]!;
      findings.length = kept;
    }
  }
  await exhibitLinkFindings(draft, loaded.rootDir, ctx.report);
  const files = loaded.files.map((f) => f.source.name);
  if (findings.length > 0) say?.(`placing ${findings.length} finding(s)`);
  // Built from the files as parsed, not the draft: a victim's account whose identifier is
  // invalid did not pass its schema, and is just what a message would quote.
  const located = await locateFindings(
    findings,
    loaded.files.map((f) => f.source),
    texts,
  );
  // Built only when there is something to mask, now or later (its automaton costs about
  // 1% of a 100,000-record validate).
  const diagnosticRedactor =
    located.length > 0 || options.redactLater === true
      ? Redactor.forDossier(identitySourceOfValues(identityValues), { mask: DIAGNOSTIC_MASK })
      : undefined;
  const diagnostics = sortDiagnostics(
    diagnosticRedactor ? redactDiagnostics(located, diagnosticRedactor) : located,
    files,
  );
  const { errors, warnings } = countDiagnostics(diagnostics);
  const despite = options.modelDespite;
  const modelled =
    errors === 0 ||
    (despite !== undefined &&
      diagnostics.every((d) => d.severity !== 'error' || despite.has(d.code)));
  const dossier =
    modelled && options.model !== false
      ? buildModel(draft, loaded.rootDir, loaded.files)
      : undefined;
  return { dossier, diagnostics, errors, warnings, files, diagnosticRedactor };
}
