/**
 * One template file: read, parse as YAML (safe settings), check against the template
 * schema, and locate problems (line, column) in the file.
 */
import { constants, promises as fs } from 'node:fs';
import { Composer, YAMLParseError } from 'yaml';
import type { Document, YAMLError } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Code, Severity } from '../diagnostics/codes.js';
import { ToolError, describeSystemError } from '../errors.js';
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
  return { ...empty, text: source.text, unreadable: source.problem.message, diagnostics: [d] };
}

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
  if (diagnostics.length > 0) return { ...base, diagnostics };
  const raw: unknown = doc.toJS({ maxAliasCount: 50 });
  const parsed = TemplateSchema.safeParse(raw);
  if (parsed.success) return { ...base, raw, written: parsed.data, diagnostics };
  const valueAt = (path: readonly PathSegment[]): unknown => (doc as Document).getIn(path);
  append(diagnostics, schemaDiagnostics(parsed.error.issues, raw, valueAt, at));
  return { ...base, raw, diagnostics };
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
