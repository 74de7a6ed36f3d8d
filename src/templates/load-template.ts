/**
 * Finding, loading and checking templates: built-in ones live in the package's
 * `templates/` folder (one YAML file per template, named after it); any other is a
 * file path. `extends` chains are followed (at most 8 deep, no cycles) and merged.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { templatesDir } from '../assets.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { sortDiagnostics } from '../diagnostics/diagnostic.js';
import { UsageError } from '../errors.js';
import { checkPlaceholders } from './check-placeholders.js';
import { isKnownLabelKey, LABEL_KEYS } from './label-keys.js';
import type { ResolvedTemplate } from './resolve-template.js';
import { mergeWritten, resolveWritten } from './resolve-template.js';
import type { WrittenTemplate } from './schema.js';
import type { TemplateFile } from './template-file.js';
import { readTemplateFile } from './template-file.js';

/** The package's built-in templates (same relative place from src/ and dist/). */
export const BUILTIN_TEMPLATE_DIR = templatesDir();

const NAME = /^[a-z][a-z0-9-]{0,63}$/;
const MAX_EXTENDS_DEPTH = 8;

/** A template with problems (exit status 1, like an invalid dossier). */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(`invalid template: ${diagnostics[0]?.message ?? 'unknown problem'}`);
  }
}

export interface TemplateInfo {
  readonly name: string;
  readonly description: ResolvedTemplate['description'];
  /** Path of the template file. */
  readonly file: string;
}

export interface TemplateCheck {
  readonly template?: ResolvedTemplate;
  readonly diagnostics: readonly Diagnostic[];
}

/** The built-in templates, by name. */
export async function listTemplates(): Promise<TemplateInfo[]> {
  const entries = await fs.readdir(BUILTIN_TEMPLATE_DIR);
  const names = entries.filter((e) => e.endsWith('.yaml') && NAME.test(e.slice(0, -5))).sort();
  const out: TemplateInfo[] = [];
  for (const entry of names) {
    const file = path.join(BUILTIN_TEMPLATE_DIR, entry);
    const check = await checkTemplate(entry.slice(0, -5));
    if (check.template)
      out.push({ name: check.template.name, description: check.template.description, file });
  }
  return out;
}

/** Load a built-in template by name, or a template file by path; throws TemplateError when it has problems. */
export async function loadTemplate(
  nameOrPath: string,
  options: { cwd?: string } = {},
): Promise<ResolvedTemplate> {
  const check = await checkTemplate(nameOrPath, options);
  if (!check.template) throw new TemplateError(check.diagnostics);
  return check.template;
}

/** Load and check a template, collecting every problem (for `templates check`). */
export async function checkTemplate(
  nameOrPath: string,
  options: { cwd?: string } = {},
): Promise<TemplateCheck> {
  const root = await locate(nameOrPath, options.cwd ?? process.cwd(), undefined);
  const chain: TemplateFile[] = [];
  const diagnostics: Diagnostic[] = [];
  let current: { abs: string; display: string } | undefined = root;
  const seen = new Set<string>();
  while (current) {
    const file = await readTemplateFile(current.abs, current.display);
    chain.unshift(file);
    seen.add(current.abs);
    diagnostics.push(...file.diagnostics);
    const parent = file.written?.extends;
    current = undefined;
    if (parent === undefined) break;
    const next = await locate(parent, path.dirname(file.absPath), file).catch((err: unknown) => {
      diagnostics.push(
        file.at('template-extends', ['extends'], err instanceof Error ? err.message : String(err)),
      );
      return undefined;
    });
    if (next && (seen.has(next.abs) || chain.length >= MAX_EXTENDS_DEPTH)) {
      diagnostics.push(
        file.at(
          'template-extends',
          ['extends'],
          `"extends: ${parent}" makes a cycle or a chain deeper than ${MAX_EXTENDS_DEPTH}`,
        ),
      );
    } else current = next;
  }
  if (diagnostics.length > 0 || chain.some((f) => !f.written))
    return { diagnostics: sortDiagnostics(diagnostics) };
  for (const f of chain) diagnostics.push(...checkPlaceholders(f, f.written as WrittenTemplate));
  const merged = chain
    .map((f) => f.written as WrittenTemplate)
    .reduce((a, b) => mergeWritten(a, b));
  const leaf = chain[chain.length - 1] as TemplateFile;
  diagnostics.push(...checkCompleteness(leaf, chain, merged));
  if (diagnostics.length > 0) return { diagnostics: sortDiagnostics(diagnostics) };
  const source =
    path.dirname(leaf.absPath) === path.resolve(BUILTIN_TEMPLATE_DIR) ? 'built-in' : leaf.absPath;
  return { template: resolveWritten(merged, source), diagnostics: [] };
}

function checkCompleteness(
  leaf: TemplateFile,
  chain: readonly TemplateFile[],
  merged: WrittenTemplate,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!merged.sections)
    out.push(
      leaf.at(
        'template-schema',
        [],
        'a template needs "sections" (or "extends" a template that has them)',
      ),
    );
  for (const lang of merged.languages ?? ['fr', 'en']) {
    const labels = merged.labels?.[lang] ?? {};
    const missing = LABEL_KEYS.filter((k) => labels[k] === undefined);
    if (missing.length > 0) {
      const shown =
        missing.slice(0, 10).join(', ') +
        (missing.length > 10 ? `, and ${missing.length - 10} more` : '');
      out.push(leaf.at('template-label', ['labels', lang], `missing ${lang} label(s): ${shown}`));
    }
  }
  for (const f of chain) {
    for (const lang of ['fr', 'en'] as const) {
      for (const key of Object.keys(f.written?.labels?.[lang] ?? {})) {
        if (!isKnownLabelKey(key))
          out.push(f.at('template-label', ['labels', lang, key], `unknown label "${key}"`, 'key'));
      }
    }
  }
  return out;
}

/** Resolve a template name (built-in) or path (relative to `base`). */
async function locate(
  nameOrPath: string,
  base: string,
  from: TemplateFile | undefined,
): Promise<{ abs: string; display: string }> {
  if (NAME.test(nameOrPath)) {
    const abs = path.join(BUILTIN_TEMPLATE_DIR, `${nameOrPath}.yaml`);
    if (await exists(abs)) return { abs, display: `${nameOrPath} (built-in)` };
    if (!(await exists(path.resolve(base, nameOrPath)))) {
      const known = (await fs.readdir(BUILTIN_TEMPLATE_DIR))
        .filter((e) => e.endsWith('.yaml'))
        .map((e) => e.slice(0, -5));
      throw new UsageError(
        `no template named "${nameOrPath}" (built-in: ${known.sort().join(', ')}; or give a file path)`,
      );
    }
  }
  const abs = path.resolve(base, nameOrPath);
  const display = from ? path.relative(path.dirname(from.absPath), abs) || abs : nameOrPath;
  return { abs, display };
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}
