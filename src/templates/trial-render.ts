/**
 * The last step of `templates check`: render a template in memory against the bundled
 * example dossier, once per language it declares, so that what the static checks cannot
 * see (a failure while laying out, a character no bundled font can draw) is caught too.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../assets.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { computeFacts } from '../facts/index.js';
import type { DossierFacts } from '../facts/index.js';
import type { Dossier } from '../model/dossier.js';
import { renderDocumentWithInfo } from '../render/index.js';
import { checkDossier } from '../validate/check-dossier.js';
import type { ResolvedTemplate } from './resolve-template.js';
import type { TemplateFile } from './template-file.js';

/** The sample: the example dossier of the repository, else the one `init` writes (shipped in the package). */
const SAMPLES = ['examples/dossier/dossier.yaml', 'templates/init/dossier.yaml'];
/** A fixed date keeps the trial independent of the day it runs. */
const TRIAL_DATE = '2024-01-01';

export interface Sample {
  readonly file: string;
  readonly dossier: Dossier;
  readonly facts: DossierFacts;
  readonly warnings: readonly Diagnostic[];
}

let sample: Promise<Sample | undefined> | undefined;

/** The sample dossier, validated and with its facts (once per process); undefined when none is installed. */
export function loadSample(): Promise<Sample | undefined> {
  return (sample ??= (async () => {
    const root = packageRoot();
    const file = SAMPLES.find((f) => existsSync(path.join(root, f)));
    if (file === undefined) return undefined;
    const check = await checkDossier(file, { cwd: root });
    if (!check.dossier) throw new Error(`the sample dossier ${file} does not validate`);
    // One warning, so that the warnings annex and its labels are exercised too.
    const warning: Diagnostic = {
      code: 'unused-evidence',
      severity: 'warning',
      file,
      line: 1,
      column: 1,
      message: 'trial render: a sample warning',
      path: [],
    };
    return {
      file,
      dossier: check.dossier,
      facts: computeFacts(check.dossier, {}),
      warnings: [...check.diagnostics, warning],
    };
  })());
}

/** A warning where a character first appears in the template's files (the checked one first). */
function locateCharacter(chain: readonly TemplateFile[], char: string): Diagnostic | undefined {
  for (const f of chain) {
    const at = f.text.indexOf(char);
    if (at >= 0)
      return f.atOffset(
        'template-render',
        at,
        `no bundled font can draw "${char}" (U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}): it prints as "\ufffd"`,
        'warning',
      );
  }
  return undefined;
}

/**
 * Render `template` in each of its languages; failures become `template-render` errors
 * at the top of the checked file (`chain[0]`), characters of the template that no
 * bundled font can draw warnings where they are written.
 */
export async function trialRender(
  template: ResolvedTemplate,
  chain: readonly TemplateFile[],
  sampleDossier: Sample,
): Promise<Diagnostic[]> {
  const leaf = chain[0];
  if (!leaf) return [];
  const out: Diagnostic[] = [];
  const missing = new Set<string>();
  for (const lang of template.languages) {
    try {
      const rendered = await renderDocumentWithInfo(sampleDossier.dossier, sampleDossier.facts, {
        template,
        lang,
        date: TRIAL_DATE,
        diagnostics: sampleDossier.warnings,
      });
      for (const c of rendered.missingGlyphs) missing.add(c);
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      out.push(
        leaf.at(
          'template-render',
          [],
          `trial render (${lang}, ${sampleDossier.file}) failed: ${detail}`,
        ),
      );
    }
  }
  // A character that is not in the template came from the sample dossier: not the template's doing.
  for (const c of missing) {
    const d = locateCharacter(chain, c);
    if (d) out.push(d);
  }
  return out;
}
