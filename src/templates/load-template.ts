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
import { ToolError, UsageError } from '../errors.js';
import { suggestKey } from '../validate/schema-findings.js';
import { checkCompleteness, straightApostrophes, unknownLabels } from './check-completeness.js';
import { checkPlaceholders } from './check-placeholders.js';
import type { ResolvedTemplate } from './resolve-template.js';
import { localize, mergeWritten, resolveWritten } from './resolve-template.js';
import { TEMPLATE_LANGUAGES, TemplateSchema } from './schema.js';
import type { TemplateLanguage, WrittenTemplate } from './schema.js';
import type { TemplateFile } from './template-file.js';
import { readTemplateFile } from './template-file.js';
import { append } from '../append.js';

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

export interface TemplateCheck {
  /** The resolved template, when it has no errors (warnings allowed). */
  readonly template?: ResolvedTemplate;
  readonly diagnostics: readonly Diagnostic[];
  /** The files of the `extends` chain read so far, the checked one first. */
  readonly chain: readonly TemplateFile[];
  /** Absolute path of the checked file. */
  readonly absPath: string;
}

interface Located {
  readonly abs: string;
  readonly display: string;
}

/** `abs` relative to `cwd` when inside it (what editors and CI annotations open), else absolute. */
export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}

/** Names of the built-in templates, sorted. */
export async function builtinTemplateNames(): Promise<string[]> {
  const entries = await fs.readdir(BUILTIN_TEMPLATE_DIR);
  return entries
    .filter((e) => e.endsWith('.yaml') && NAME.test(e.slice(0, -5)))
    .map((e) => e.slice(0, -5))
    .sort();
}

/** Load a built-in template by name, or a template file by path; throws TemplateError when it has errors. */
export async function loadTemplate(
  nameOrPath: string,
  options: { cwd?: string } = {},
): Promise<ResolvedTemplate> {
  return (await loadTemplateChain(nameOrPath, options)).template;
}

/** loadTemplate, with the files of its `extends` chain (the loaded one first): where its texts are written. */
export async function loadTemplateChain(
  nameOrPath: string,
  options: { cwd?: string } = {},
): Promise<{ template: ResolvedTemplate; chain: readonly TemplateFile[] }> {
  const check = await checkTemplate(nameOrPath, options);
  if (!check.template) throw new TemplateError(check.diagnostics);
  return { template: check.template, chain: check.chain };
}

/**
 * Load and statically check a template, collecting every problem: YAML, schema,
 * placeholders of each file of the chain, `extends`, labels. Throws UsageError for an
 * unknown built-in name and ToolError when the template itself cannot be read.
 */
export async function checkTemplate(
  nameOrPath: string,
  options: { cwd?: string } = {},
): Promise<TemplateCheck> {
  const cwd = options.cwd ?? process.cwd();
  const root = await locateRoot(nameOrPath, cwd);
  const { chain, diagnostics } = await readChain(root, cwd);
  const result = (template?: ResolvedTemplate): TemplateCheck => ({
    diagnostics: sortDiagnostics(dedupeDiagnostics(diagnostics)),
    chain: [...chain].reverse(),
    absPath: root.abs,
    ...(template ? { template } : {}),
  });
  // Placeholders are checked in every file that parsed; the merged checks need a whole
  // chain, each file without what its schema refused (when the rest can do without it).
  const sound =
    chain.every((f) => f.checkable) &&
    !diagnostics.some((d) => d.code === 'template-extends' && d.severity === 'error');
  for (const f of chain)
    if (f.raw !== undefined) {
      append(diagnostics, checkPlaceholders(f));
      append(diagnostics, unknownLabels(f));
      append(diagnostics, straightApostrophes(f));
    }
  if (!sound) return result();
  const merged = chain
    .map((f) => f.checkable as WrittenTemplate)
    .reduce((a, b) => mergeWritten(a, b));
  append(diagnostics, checkCompleteness(chain, merged));
  if (diagnostics.some((d) => d.severity === 'error')) return result();
  const leaf = chain[chain.length - 1] as TemplateFile;
  const source =
    path.dirname(leaf.absPath) === path.resolve(BUILTIN_TEMPLATE_DIR) ? 'built-in' : leaf.absPath;
  return result({ ...resolveWritten(merged, source), files: chain.map((f) => f.absPath) });
}

/** What `templates list` and `templates check --format json` show of a template. */
export interface TemplateParticulars {
  /** The checked file's name, else the file's own name without `.yaml`. */
  readonly name: string;
  /** Undefined when not known (a wrong value, or a chain that stops before it is found). */
  readonly languages?: readonly TemplateLanguage[];
  readonly description: ResolvedTemplate['description'];
}

/** A template's name when its file gives none (validly): the file's name without `.yaml`. */
export function templateNameOfFile(file: string): string {
  return path.basename(file).replace(/\.ya?ml$/, '');
}

/**
 * Name, languages and description of a checked template, errors or not: the resolved
 * template's, else what its files give where they give it validly (the checked file's
 * name, else its file's; the languages and description of the nearest file of the chain that has them,
 * or the defaults when the whole chain was read and none has them).
 */
export function templateParticulars(check: TemplateCheck): TemplateParticulars {
  const t = check.template;
  if (t) return { name: t.name, languages: t.languages, description: t.description };
  const member = (f: TemplateFile, key: string): unknown =>
    f.raw && typeof f.raw === 'object' && Object.hasOwn(f.raw, key)
      ? (f.raw as Record<string, unknown>)[key]
      : undefined;
  const name = check.chain[0] && member(check.chain[0], 'name');
  // The chain (checked file first) as far as it was read, and whether it reached a template that extends nothing.
  const read = check.chain.filter((f) => f.raw !== undefined);
  const base = check.chain.at(-1);
  const whole =
    read.length === check.chain.length &&
    base !== undefined &&
    member(base, 'extends') === undefined;
  const nearest = <T>(
    key: string,
    parse: (v: unknown) => T | undefined,
    fallback: T,
  ): T | undefined => {
    const giver = read.find((f) => member(f, key) !== undefined);
    if (giver) return parse(member(giver, key));
    return whole ? fallback : undefined;
  };
  const languages = nearest(
    'languages',
    (v) => TemplateSchema.shape.languages.safeParse(v).data,
    TEMPLATE_LANGUAGES as readonly TemplateLanguage[],
  );
  const description = nearest(
    'description',
    (v) => {
      const parsed = TemplateSchema.shape.description.safeParse(v);
      return parsed.success ? localize(parsed.data) : undefined;
    },
    localize(undefined),
  );
  return {
    name: typeof name === 'string' && NAME.test(name) ? name : templateNameOfFile(check.absPath),
    ...(languages ? { languages } : {}),
    description: description ?? localize(undefined),
  };
}

/** Read the file and its parents; the chain is base first. */
async function readChain(
  root: Located,
  cwd: string,
): Promise<{ chain: TemplateFile[]; diagnostics: Diagnostic[] }> {
  const chain: TemplateFile[] = [];
  const diagnostics: Diagnostic[] = [];
  let file: TemplateFile = await readTemplateFile(root.abs, root.display);
  for (;;) {
    chain.unshift(file);
    append(diagnostics, file.diagnostics);
    // Read even when the merged checks wait on this file: the parent's problems are reported too.
    const parent = file.checkable?.extends ?? validExtends(file.raw);
    if (parent === undefined) break;
    const child = file;
    const problem = (message: string) =>
      diagnostics.push(child.at('template-extends', ['extends'], message));
    const next = await locateParent(parent, file, cwd);
    if (typeof next === 'string') problem(next);
    else if (chain.some((f) => f.absPath === next.abs))
      problem(
        `"extends: ${parent}" makes a cycle: ${[...chain.map((f) => f.file).reverse(), next.display].join(' → ')}`,
      );
    else if (chain.length >= MAX_EXTENDS_DEPTH)
      problem(`"extends: ${parent}" makes a chain deeper than ${MAX_EXTENDS_DEPTH} templates`);
    else {
      // A parent that cannot be read is a problem of the extending file, at its `extends`.
      let read: TemplateFile | string;
      try {
        read = await readTemplateFile(next.abs, next.display);
      } catch (err) {
        if (!(err instanceof ToolError)) throw err;
        read = err.message;
      }
      if (typeof read === 'string') problem(`"extends: ${parent}": ${read}`);
      else {
        if (read.unreadable !== undefined)
          problem(
            `"extends: ${parent}": template ${next.display} cannot be read: ${read.unreadable}`,
          );
        file = read;
        continue;
      }
    }
    break;
  }
  return { chain, diagnostics };
}

/** The `extends` of a file's plain data, when it is a valid one. */
function validExtends(raw: unknown): string | undefined {
  if (!raw || typeof raw !== 'object' || !Object.hasOwn(raw, 'extends')) return undefined;
  return TemplateSchema.shape.extends.safeParse((raw as { extends: unknown }).extends).data;
}

/** The template a command line names: a built-in name, else a path relative to `cwd`. */
async function locateRoot(nameOrPath: string, cwd: string): Promise<Located> {
  const relative = path.resolve(cwd, nameOrPath);
  if (NAME.test(nameOrPath)) {
    const abs = path.join(BUILTIN_TEMPLATE_DIR, `${nameOrPath}.yaml`);
    if (await isFile(abs)) return { abs, display: displayPath(abs, cwd) };
    if (!(await isFile(relative))) {
      const known = await builtinTemplateNames();
      throw new UsageError(
        `no template named "${nameOrPath}" (built-in: ${known.join(', ')}; or give a file path)`,
      );
    }
  }
  return { abs: relative, display: nameOrPath };
}

/** The parent a template `extends`: a built-in name, else a path relative to the template; a message when missing. */
async function locateParent(
  parent: string,
  child: TemplateFile,
  cwd: string,
): Promise<Located | string> {
  if (path.isAbsolute(parent))
    return `"extends: ${parent}": an absolute path; the parent is named by a path relative to this file (or a built-in name)`;
  if (NAME.test(parent)) {
    const abs = path.join(BUILTIN_TEMPLATE_DIR, `${parent}.yaml`);
    if (await isFile(abs)) return { abs, display: displayPath(abs, cwd) };
  }
  const abs = path.resolve(path.dirname(child.absPath), parent);
  if (await isFile(abs)) return { abs, display: displayPath(abs, cwd) };
  // A bare name also names a template file of that name next to this one (`base.yaml`):
  // the file's name, not its `name:` (which `templates list --dir` shows).
  if (NAME.test(parent)) {
    for (const ext of ['.yaml', '.yml']) {
      if (await isFile(abs + ext)) return { abs: abs + ext, display: displayPath(abs + ext, cwd) };
    }
  }
  const known = await builtinTemplateNames();
  const suggestion = suggestKey(parent, known);
  return NAME.test(parent)
    ? `"extends: ${parent}": no built-in template has this name${suggestion ? ` (did you mean "${suggestion}"?)` : ''} and no file ${parent}, ${parent}.yaml or ${parent}.yml is next to this one; built-in: ${known.join(', ')}`
    : `"extends: ${parent}": no template file ${displayPath(abs, cwd)}`;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Diagnostics without repeats (a parent shared by several templates is checked once per child). */
export function dedupeDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = [d.file, d.line, d.column, d.code, d.message].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export { listTemplates } from './list-templates.js';
export type { TemplateInfo } from './list-templates.js';
