/**
 * One template file: read, parse as YAML (safe settings), check against the template
 * schema, and locate problems (line, column) in the file.
 */
import { constants, promises as fs } from 'node:fs';
import { Composer, YAMLParseError, isAlias, isMap, isPair, isSeq } from 'yaml';
import type { Document, YAMLError } from 'yaml';
import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Code, Severity } from '../diagnostics/codes.js';
import { ToolError, describeSystemError } from '../errors.js';
import { AliasTally } from '../load/alias-tally.js';
import { LineIndex } from '../load/line-index.js';
import { parseCst } from '../load/parse-cst.js';
import type { SyntaxProblem } from '../load/prescan.js';
import { decodeSource, readHead } from '../load/source-text.js';
import { message } from '../diagnostics/messages.js';
import type { PathSegment } from '../model/dossier.js';
import { TemplateSchema } from './schema.js';
import type { WrittenTemplate } from './schema.js';
import { schemaDiagnostics } from './schema-diagnostics.js';
import { offsetOf, textOffset } from './yaml-positions.js';
import { append } from '../append.js';

/** Templates are small; anything bigger is a mistake. */
const MAX_TEMPLATE_BYTES = 1 << 20;

export interface TemplateFile {
  /** Display name used in diagnostics. */
  readonly file: string;
  readonly absPath: string;
  /** The file's text (UTF-8 decoded, without a BOM). */
  readonly text: string;
  /** The YAML as plain data, when it is well-formed (even if it breaks the schema). */
  readonly raw?: unknown;
  /** Why the file is no template at all (over 1 MiB, not UTF-8): then it has no `raw`. */
  readonly unreadable?: string;
  /** The template as written, when it matches the schema. */
  readonly written?: WrittenTemplate;
  /**
   * What the checks of the merged `extends` chain work on: `written`, or, when the schema
   * found problems the other checks can do without (unknown keys, wrong values of
   * optional members), the template without them; absent when they cannot.
   */
  readonly checkable?: WrittenTemplate;
  readonly diagnostics: Diagnostic[];
  /** Diagnostic at the node of `path` (or of its key), for later checks. */
  at(
    code: Code,
    path: readonly PathSegment[],
    message: string,
    anchor?: 'key' | 'value',
    severity?: Severity,
  ): Diagnostic;
  /** Diagnostic at `offset` in the text of the string at `path` (a placeholder), wherever its scalar style puts it. */
  atText(
    code: Code,
    path: readonly PathSegment[],
    offset: number,
    message: string,
    severity?: Severity,
  ): Diagnostic;
  /** Diagnostic at an offset of the file's text. */
  atOffset(code: Code, offset: number, message: string, severity?: Severity): Diagnostic;
}

/** The file's text, or why it is no template: too large, or not UTF-8 (at the first bad byte). */
interface TemplateSource {
  readonly text: string;
  readonly problem?: { readonly message: string; readonly offset: number };
}

const tooLarge = (size: number): TemplateSource['problem'] => ({
  message: `the file has ${size} bytes, more than the limit of ${MAX_TEMPLATE_BYTES} bytes (1 MiB) for a template`,
  offset: 0,
});

/**
 * The text of template file `absPath`, read only if it is a regular file of at most
 * MAX_TEMPLATE_BYTES: a FIFO is opened without waiting for a writer (O_NONBLOCK) and
 * refused, a device (`/dev/zero`) refused before anything is read. A larger file is not
 * read, and one that is not UTF-8 is decoded as the dossier loader does it
 * (src/load/source-text.ts): both are a problem located in the file, as a dossier's are.
 * Throws ToolError only when the file cannot be read at all.
 */
async function readTemplateSource(absPath: string, file: string): Promise<TemplateSource> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(absPath, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = await handle.stat();
    if (st.isDirectory()) throw new ToolError(`cannot read template ${file}: it is a folder`);
    if (!st.isFile()) throw new ToolError(`cannot read template ${file}: not a regular file`);
    if (st.size > MAX_TEMPLATE_BYTES) return { text: '', problem: tooLarge(st.size) };
    const bytes = await handle.readFile();
    // (Grown since its size was read.)
    if (bytes.length > MAX_TEMPLATE_BYTES) return { text: '', problem: tooLarge(bytes.length) };
    const { text, problem } = decodeSource(absPath, bytes);
    return problem ? { text, problem } : { text };
  } catch (err) {
    if (err instanceof ToolError) throw err;
    throw new ToolError(`cannot read template ${file}: ${describeSystemError(err)}`);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * The first MAX_TEMPLATE_BYTES of a file, as text, to tell whether it is a template (a
 * larger one is still a template, which its check then refuses); undefined when it cannot
 * be read. A FIFO is not waited on (readHead opens without blocking: it reads as empty).
 */
export function readFileHead(absPath: string): Promise<string | undefined> {
  return readHead(absPath, MAX_TEMPLATE_BYTES);
}

/**
 * Read and parse a template file. A file over 1 MiB or not UTF-8 is a `yaml-syntax`
 * error located in it (its `unreadable` says why). Throws ToolError only when it cannot
 * be read at all.
 */
export async function readTemplateFile(absPath: string, file: string): Promise<TemplateFile> {
  const source = await readTemplateSource(absPath, file);
  if (!source.problem) return parseTemplateText(source.text, absPath, file);
  const empty = parseTemplateText('', absPath, file);
  const lines = new LineIndex(source.text);
  const { line, column } = lines.position(source.problem.offset);
  const d: Diagnostic = {
    code: 'yaml-syntax',
    severity: 'error',
    file,
    line,
    column,
    message: message('yaml-syntax', { detail: source.problem.message }),
    path: [],
  };
  // Nothing of it is parsed: no `raw`, nothing known of it but this problem.
  const { at, atText, atOffset } = empty;
  return {
    file,
    absPath,
    text: source.text,
    unreadable: source.problem.message,
    diagnostics: [d],
    at,
    atText,
    atOffset,
  };
}

/** A line that starts a template's top-level `courtfile_template` key (as templates list reads it). */
const MARKER = /^courtfile_template[ \t]*:/m;
const NOT_A_TEMPLATE =
  'not a courtfile template: its top level is not a mapping with courtfile_template: 1 (nothing of it is read)';

/** Parse a template's text (for tests and for files already read). */
export function parseTemplateText(text: string, absPath: string, file: string): TemplateFile {
  const { doc, deep } = composeTemplate(text);
  const lines = new LineIndex(text);
  const atOffset = (code: Code, offset: number, message: string, severity: Severity = 'error') => {
    const { line, column } = lines.position(offset);
    return { code, severity, file, line, column, message, path: [] } satisfies Diagnostic;
  };
  const located = (
    code: Code,
    offset: number,
    message: string,
    path: readonly PathSegment[],
    severity: Severity = 'error',
  ): Diagnostic => ({ ...atOffset(code, offset, message, severity), path });
  const at: TemplateFile['at'] = (code, path, message, anchor = 'value', severity) =>
    located(code, offsetOf(doc, path, anchor), message, path, severity);
  const atText: TemplateFile['atText'] = (code, path, offset, message, severity) =>
    located(code, textOffset(doc, text, path, offset), message, path, severity);
  const base = { file, absPath, text, at, atText, atOffset };

  const diagnostics = deep
    ? [atOffset('yaml-syntax', deep.offset, `not well-formed YAML: ${deep.message}`)]
    : doc.errors.map((e) => syntaxDiagnostic(e, text, atOffset));
  if (!deep && diagnostics.length === 0)
    for (const p of aliasProblems(doc, text.length))
      diagnostics.push(atOffset('yaml-syntax', p.offset, `not well-formed YAML: ${p.message}`));
  // A file that is not YAML and not a template (no `courtfile_template:` line): its problems
  // are not told, since they may quote it (an alias's name); one error says what it is.
  /** One error at its first line, nothing of the file quoted. */
  const notATemplate = (): TemplateFile => ({
    ...base,
    diagnostics: [atOffset('template-schema', 0, NOT_A_TEMPLATE)],
  });
  if (diagnostics.length > 0 && !MARKER.test(text)) return notATemplate();
  if (diagnostics.length > 0) return { ...base, diagnostics };
  // Aliases were counted above (aliasProblems): yaml's own count is not needed.
  const raw: unknown = doc.toJS({ maxAliasCount: -1 });
  // Not a template (no `courtfile_template` at its top): said once, nothing of its content
  // quoted. An `extends` may name any readable file (`../../etc/shadow`): a message per
  // unknown key printed that file's lines into the diagnostics (an audit, session 27).
  const mapping = raw !== null && typeof raw === 'object' && !Array.isArray(raw);
  if (!mapping) return notATemplate();
  const parsed = TemplateSchema.safeParse(raw);
  if (!parsed.success && !('courtfile_template' in raw)) {
    // Only that the key is missing (at the first key, as the schema says it): no other key.
    const missing = schemaDiagnostics(parsed.error.issues, raw, at).filter((d) =>
      d.message.includes('"courtfile_template"'),
    );
    return {
      ...base,
      diagnostics: missing.length
        ? missing
        : [atOffset('template-schema', 0, 'missing required key "courtfile_template"')],
    };
  }
  if (parsed.success)
    return { ...base, raw, written: parsed.data, checkable: parsed.data, diagnostics };
  append(diagnostics, schemaDiagnostics(parsed.error.issues, raw, at));
  const checkable = withoutSchemaProblems(raw, parsed.error.issues);
  return { ...base, raw, ...(checkable ? { checkable } : {}), diagnostics };
}

/**
 * Members whose wrong value the merged checks cannot do without: the format version,
 * the parent, the languages (which labels are needed), the labels and the list of
 * sections (with each section's type). An unknown key is dropped wherever it is.
 */
const VITAL = new Set(['courtfile_template', 'extends', 'languages', 'labels', 'sections']);
/** What stands for a missing or wrong `name` (the merged checks do not use it). */
const SOME_NAME = 'template';
const MAX_PRUNING_ROUNDS = 4;

/**
 * The template as if the members the schema refused were not written (so the parent's
 * value or the default applies), when that leaves a template the schema accepts and no
 * vital member was refused; undefined otherwise. Unknown keys are dropped; a wrong value
 * of an optional member is dropped with the member (the nearest mapping member above a
 * list item: a wrong column drops the section's `columns`); a wrong `name` is replaced.
 */
function withoutSchemaProblems(
  raw: unknown,
  firstIssues: readonly z.core.$ZodIssue[],
): WrittenTemplate | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const value = structuredClone(raw) as Record<string, unknown>;
  let issues = firstIssues;
  for (let round = 0; round < MAX_PRUNING_ROUNDS; round++) {
    for (const issue of issues) {
      const at = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const unknown = issue.code === 'unrecognized_keys';
      const targets = unknown ? issue.keys.map((k) => [...at, k]) : [at];
      for (const target of targets) {
        let cut = target;
        while (typeof cut.at(-1) === 'number') cut = cut.slice(0, -1);
        const [top, index, member] = cut;
        if (top === 'name' && cut.length === 1) {
          value.name = SOME_NAME;
          continue;
        }
        if (cut.length === 0) return undefined;
        const sectionOption = top === 'sections' && typeof index === 'number' && member !== 'type';
        const vital = VITAL.has(String(top)) && !(sectionOption && cut.length >= 3);
        if (vital && !unknown) return undefined;
        // A member already dropped that is still refused (a required one): no way on.
        if (!removeAt(value, cut)) return undefined;
      }
    }
    const again = TemplateSchema.safeParse(value);
    if (again.success) return again.data;
    issues = again.error.issues;
  }
  return undefined;
}

/** Delete the mapping member at `path`; false when there is none. */
function removeAt(root: Record<string, unknown>, path: readonly (string | number)[]): boolean {
  let node: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (!node || typeof node !== 'object' || !Object.hasOwn(node, key)) return false;
    node = (node as Record<string | number, unknown>)[key];
  }
  const last = path.at(-1);
  if (last === undefined || !node || typeof node !== 'object' || Array.isArray(node)) return false;
  if (!Object.hasOwn(node, last)) return false;
  delete (node as Record<string | number, unknown>)[last];
  return true;
}

const COMPOSE_OPTIONS = {
  uniqueKeys: true,
  stringKeys: true,
  resolveKnownTags: false,
  merge: false,
  schema: 'core',
} as const;

/**
 * The template's document, as yaml's parseDocument makes it (one document; a second is
 * an error), from tokens read through the loader's depth check: nesting beyond the limit
 * is `deep`, with an empty document, and nothing recursive has run on it.
 */
function composeTemplate(text: string): { doc: Document.Parsed; deep?: SyntaxProblem } {
  const cst = parseCst(text);
  let doc: Document.Parsed | undefined;
  for (const d of new Composer(COMPOSE_OPTIONS).compose(cst.tokens ?? [], true, text.length)) {
    if (!doc) doc = d;
    else {
      doc.errors.push(
        new YAMLParseError(
          [d.range[0], d.range[1]],
          'MULTIPLE_DOCS',
          'Source contains multiple documents; please use YAML.parseAllDocuments()',
        ),
      );
      break;
    }
  }
  // compose(…, true) ends with a document, an empty one for no tokens.
  return { doc: doc!, ...(cst.problem && { deep: cst.problem }) };
}

/**
 * Aliases naming no anchor defined before them, as the dossier loader refuses them (an
 * alias inside its own anchored node, `foo: &a` / `  x: *a`, made a cycle that the checks
 * followed until the stack overflowed: "internal error", exit 2, and `templates list`
 * listed nothing); and the alias at which aliases come to expand to more than
 * LIMITS.maxAliasExpansion nodes, counted as the dossier's exact parser counts them (yaml's
 * own guard, `maxAliasCount`, stopped a template that reused one anchor 60 times with an
 * unlocated internal error).
 */
function aliasProblems(doc: Document.Parsed, textLength: number): SyntaxProblem[] {
  const out: SyntaxProblem[] = [];
  const aliases = new AliasTally(textLength);
  const walk = (node: unknown, depth: number, key = false): number => {
    // The text passed the loader's depth check (parseCst): this bound is a safety net.
    if (depth > 4096 || !node || typeof node !== 'object') return 1;
    if (isPair(node)) {
      walk(node.key, depth + 1, true);
      return walk(node.value, depth + 1);
    }
    if (isAlias(node)) return aliases.alias(node.source, node.range?.[0] ?? 0, out, key);
    const collection = isMap(node) || isSeq(node);
    const entered = aliases.enter(node, key);
    let size = 1;
    if (collection)
      for (const item of node.items) size = AliasTally.grow(size, walk(item, depth + 1));
    aliases.anchor((node as { anchor?: string }).anchor, size, collection, entered);
    return size;
  };
  walk(doc.contents, 0);
  return out;
}

/** A YAML error, with a hint for the commonest one in templates: an unquoted `{{`. */
function syntaxDiagnostic(
  error: YAMLError,
  text: string,
  atOffset: TemplateFile['atOffset'],
): Diagnostic {
  const offset = error.pos[0];
  const brace = text.lastIndexOf('{{', offset);
  if (
    error.code === 'NON_STRING_KEY' &&
    brace >= 0 &&
    brace >= offset - 1 &&
    /^[ \t]*$/.test(text.slice(text.lastIndexOf(':', brace) + 1, brace))
  ) {
    return atOffset(
      'yaml-syntax',
      brace,
      'a text that starts with "{{" must be quoted in YAML, e.g. \'{{case.reference}}\'',
    );
  }
  return atOffset('yaml-syntax', offset, `not well-formed YAML: ${error.message}`);
}
