/**
 * The templates on offer: the built-in ones and, from a folder, every `*.yaml` or `*.yml` file that
 * is a template (its top level has `courtfile_template:`). Each with its name,
 * languages, description and file; a user template with errors is listed as such.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { countDiagnostics } from '../diagnostics/diagnostic.js';
import { ToolError, describeSystemError } from '../errors.js';
import {
  BUILTIN_TEMPLATE_DIR,
  builtinTemplateNames,
  checkTemplate,
  templateNameOfFile,
  templateParticulars,
} from './load-template.js';
import { readFileHead } from './template-file.js';
import type { ResolvedTemplate } from './resolve-template.js';
import type { TemplateLanguage } from './schema.js';

export interface TemplateInfo {
  readonly name: string;
  readonly description: ResolvedTemplate['description'];
  /** Known even when the template has errors, where its files give them validly; else empty. */
  readonly languages: readonly TemplateLanguage[];
  /** Absolute path of the template file (`templates list` shows it relative to the current folder when inside it). */
  readonly file: string;
  readonly builtin: boolean;
  /** Errors found by the static check (0 for a usable template). */
  readonly errors: number;
}

/** Whether a file's text is a template (not any YAML file that happens to sit in the folder). */
export function looksLikeTemplate(text: string): boolean {
  return /^courtfile_template[ \t]*:/m.test(text);
}

/** The template files of a folder (not recursive), sorted; throws ToolError when it cannot be read. */
export async function templateFilesIn(dir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch (err) {
    throw new ToolError(`cannot read folder ${dir}: ${describeSystemError(err)}`);
  }
  const files: string[] = [];
  for (const entry of entries.filter((e) => /\.ya?ml$/.test(e)).sort()) {
    const file = path.join(dir, entry);
    // (A FIFO or device named *.yaml is not read: it is no template. One over 1 MiB is
    // listed, by its head, so that its check says it is too large.)
    const text = await readFileHead(file);
    if (text !== undefined && looksLikeTemplate(text)) files.push(file);
  }
  return files;
}

async function describe(nameOrPath: string, builtin: boolean, cwd: string): Promise<TemplateInfo> {
  let check: Awaited<ReturnType<typeof checkTemplate>>;
  try {
    check = await checkTemplate(nameOrPath, { cwd });
  } catch (err) {
    // A file that went away or cannot be opened since the folder was read: listed, with
    // its error (`templates check` says which), never the end of the whole listing.
    if (!(err instanceof ToolError)) throw err;
    const abs = path.resolve(cwd, nameOrPath);
    return {
      name: templateNameOfFile(abs),
      description: { fr: '', en: '' },
      languages: [],
      file: abs,
      builtin,
      errors: 1,
    };
  }
  const known = templateParticulars(check);
  return {
    name: known.name,
    description: known.description,
    languages: known.languages ?? [],
    file: check.absPath,
    builtin,
    errors: countDiagnostics(check.diagnostics).errors,
  };
}

/** The built-in templates by name, then with `dir` the templates of that folder by file name. */
export async function listTemplates(
  options: { dir?: string; cwd?: string } = {},
): Promise<TemplateInfo[]> {
  const cwd = options.cwd ?? process.cwd();
  const out: TemplateInfo[] = [];
  for (const name of await builtinTemplateNames()) out.push(await describe(name, true, cwd));
  if (options.dir !== undefined) {
    const dir = path.resolve(cwd, options.dir);
    for (const file of await templateFilesIn(dir)) {
      if (path.dirname(file) === path.resolve(BUILTIN_TEMPLATE_DIR)) continue;
      out.push(await describe(file, false, cwd));
    }
  }
  return out;
}
