/**
 * `templates check` as a library call: the static check of each template (file, folder
 * of templates, or built-in name; default every built-in one), then a trial render of
 * each template without errors against the sample dossier.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { countDiagnostics, sortDiagnostics } from '../diagnostics/diagnostic.js';
import { ToolError, UsageError } from '../errors.js';
import {
  builtinTemplateNames,
  checkTemplate,
  dedupeDiagnostics,
  displayPath,
  templateParticulars,
} from './load-template.js';
import { templateFilesIn } from './list-templates.js';
import type { TemplateLanguage } from './schema.js';
import { loadSample, trialRender } from './trial-render.js';
import { append } from '../append.js';

export interface CheckedTemplate {
  readonly file: string;
  /** Its own name, else its file's without `.yaml` (as `templates list` gives it). */
  readonly name: string;
  /** Empty when not known (a wrong value, or a parent that could not be read). */
  readonly languages: readonly TemplateLanguage[];
  readonly errors: number;
  readonly warnings: number;
}

export interface TemplatesReport {
  readonly diagnostics: readonly Diagnostic[];
  readonly checked: readonly CheckedTemplate[];
  /** Arguments that could not be checked at all (missing, unreadable, unknown name): one message each. */
  readonly failures: readonly string[];
  /** Why the trial render was skipped, when it was. */
  readonly skipped?: string;
}

export interface CheckTemplatesOptions {
  readonly cwd: string;
  /** Trial render against the sample dossier (default true). */
  readonly render?: boolean;
}

/** The templates an argument names: a folder gives its template files (at least one). */
async function expand(target: string, cwd: string): Promise<string[]> {
  const abs = path.resolve(cwd, target);
  const stat = await fs.stat(abs).catch(() => undefined);
  if (!stat?.isDirectory()) return [target];
  const files = await templateFilesIn(abs);
  // An empty folder is more likely a wrong path than a folder with nothing to check.
  if (files.length === 0)
    throw new ToolError(
      `no template in folder ${target} (a template is a *.yaml or *.yml file with courtfile_template: at its top)`,
    );
  return files.map((f) => displayPath(f, cwd));
}

export async function checkTemplates(
  targets: readonly string[],
  options: CheckTemplatesOptions,
): Promise<TemplatesReport> {
  const { cwd } = options;
  const names = targets.length > 0 ? targets : await builtinTemplateNames();
  const diagnostics: Diagnostic[] = [];
  const checked: CheckedTemplate[] = [];
  const failures: string[] = [];
  const sample = options.render === false ? undefined : await loadSample();
  for (const target of names) {
    let items: string[];
    try {
      items = await expand(target, cwd);
    } catch (err) {
      if (!(err instanceof ToolError)) throw err;
      failures.push(err.message);
      continue;
    }
    for (const item of items) {
      try {
        const check = await checkTemplate(item, { cwd });
        const found = [...check.diagnostics];
        if (check.template && sample)
          append(found, await trialRender(check.template, check.chain, sample));
        append(diagnostics, found);
        const counts = countDiagnostics(found);
        const file = check.chain[0]?.file ?? item;
        // Named as `templates list` names it (templateParticulars).
        const { name, languages } = templateParticulars(check);
        checked.push({ file, name, languages: languages ?? [], ...counts });
      } catch (err) {
        if (!(err instanceof ToolError || err instanceof UsageError)) throw err;
        failures.push(err.message);
      }
    }
  }
  const order = checked.map((c) => c.file);
  return {
    diagnostics: sortDiagnostics(dedupeDiagnostics(diagnostics), order),
    checked,
    failures,
    ...(options.render !== false && !sample
      ? { skipped: 'no sample dossier is installed: trial render skipped' }
      : {}),
  };
}
