import type { Diagnostic, Finding } from '../diagnostics/diagnostic.js';
import { countDiagnostics, sortDiagnostics } from '../diagnostics/diagnostic.js';
import type { IncludeOverlay } from '../load/load-dossier.js';
import { loadDossier } from '../load/load-dossier.js';
import { locateFindings } from '../load/locate.js';
import type { Dossier } from '../model/dossier.js';
import { buildModel } from './build-model.js';
import { buildDraft } from './draft.js';
import { makeContext } from './rules/rule.js';
import { RULES } from './rules/index.js';

export interface DossierCheck {
  /** Present only when the dossier has no errors (warnings allowed). */
  readonly dossier?: Dossier;
  /** Located, sorted diagnostics of every file of the dossier. */
  readonly diagnostics: readonly Diagnostic[];
  readonly errors: number;
  readonly warnings: number;
  /** Display names of the files read, root first. */
  readonly files: readonly string[];
}

export interface CheckOptions {
  /** Folder that relative command-line paths are resolved against. */
  readonly cwd?: string;
  /** Build the normalized model (default true); `validate` needs only the diagnostics. */
  readonly model?: boolean;
  /** Told what is being done, for a progress line: "reading x.yaml (2/6)", "checking records"... */
  readonly onProgress?: (what: string) => void;
  /** `courtfile import`: check the dossier with OUT's new content, or without its old one. */
  readonly overlay?: IncludeOverlay;
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
  const loaded = await loadDossier(
    file,
    options.cwd ?? process.cwd(),
    say && ((name, k, n) => say(k === 1 ? `reading ${name}` : `reading ${name} (${k}/${n})`)),
    options.overlay,
  );
  const findings: Finding[] = [...loaded.findings];
  say?.('checking records');
  const draft = buildDraft(loaded.files, findings);
  const ctx = makeContext(draft, findings);
  for (const rule of RULES) rule(ctx);
  const files = loaded.files.map((f) => f.source.name);
  if (findings.length > 0) say?.(`placing ${findings.length} finding(s)`);
  const texts = new Map(loaded.files.map((f) => [f.source.name, f.text.text] as const));
  const diagnostics = sortDiagnostics(
    await locateFindings(
      findings,
      loaded.files.map((f) => f.source),
      texts,
    ),
    files,
  );
  const { errors, warnings } = countDiagnostics(diagnostics);
  const dossier =
    errors === 0 && options.model !== false
      ? buildModel(draft, loaded.rootDir, loaded.files)
      : undefined;
  return { dossier, diagnostics, errors, warnings, files };
}
