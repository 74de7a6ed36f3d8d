/**
 * One template file: read, parse as YAML (safe settings), check against the template
 * schema, and locate problems (line, column) in the file.
 */
import { promises as fs } from 'node:fs';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Code } from '../diagnostics/codes.js';
import { ToolError, describeSystemError } from '../errors.js';
import type { PathSegment } from '../model/dossier.js';
import { SECTION_TYPES, TemplateSchema } from './schema.js';
import type { WrittenTemplate } from './schema.js';

/** Templates are small; anything bigger is a mistake. */
const MAX_TEMPLATE_BYTES = 1 << 20;

export interface TemplateFile {
  /** Display name used in diagnostics. */
  readonly file: string;
  readonly absPath: string;
  readonly written?: WrittenTemplate;
  readonly diagnostics: Diagnostic[];
  /** Diagnostic at the node of `path` (or of its key), for later checks. */
  at(
    code: Code,
    path: readonly PathSegment[],
    message: string,
    anchor?: 'key' | 'value',
  ): Diagnostic;
}

export async function readTemplateFile(absPath: string, file: string): Promise<TemplateFile> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(absPath);
  } catch (err) {
    throw new ToolError(`cannot read template ${file}: ${describeSystemError(err)}`);
  }
  if (bytes.length > MAX_TEMPLATE_BYTES)
    throw new ToolError(`template ${file} is larger than 1 MiB`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ToolError(`template ${file} is not UTF-8 text`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    uniqueKeys: true,
    stringKeys: true,
    resolveKnownTags: false,
    merge: false,
    schema: 'core',
    prettyErrors: false,
  });
  const diag = (
    code: Code,
    offset: number,
    message: string,
    path: readonly PathSegment[],
  ): Diagnostic => {
    const pos = lines.linePos(offset);
    return { code, severity: 'error', file, line: pos.line, column: pos.col, message, path };
  };
  const at = (
    code: Code,
    path: readonly PathSegment[],
    message: string,
    anchor: 'key' | 'value' = 'value',
  ) => diag(code, offsetOf(doc, path, anchor), message, path);
  const diagnostics: Diagnostic[] = doc.errors.map((e) =>
    diag('yaml-syntax', e.pos[0], e.message, []),
  );
  if (diagnostics.length > 0) return { file, absPath, diagnostics, at };
  const parsed = TemplateSchema.safeParse(doc.toJS({ maxAliasCount: 50 }));
  if (parsed.success) return { file, absPath, written: parsed.data, diagnostics, at };
  for (const issue of parsed.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        diagnostics.push(at('template-schema', [...path, key], `unknown key "${key}"`, 'key'));
    } else if (isSectionTypePath(path)) {
      const value = doc.getIn(path);
      diagnostics.push(
        at(
          'template-section',
          path,
          `unknown section type "${String(value)}" (known: ${SECTION_TYPES.join(', ')})`,
        ),
      );
    } else {
      diagnostics.push(at('template-schema', path, describeIssue(path, issue.message)));
    }
  }
  return { file, absPath, diagnostics, at };
}

function isSectionTypePath(path: readonly PathSegment[]): boolean {
  return path.length === 3 && path[0] === 'sections' && path[2] === 'type';
}

function describeIssue(path: readonly PathSegment[], message: string): string {
  return path.length > 0 ? `${path.join('.')}: ${message}` : message;
}

/** Offset of the node at `path` (or of the key naming its last segment); the deepest existing node otherwise. */
function offsetOf(doc: Document, path: readonly PathSegment[], anchor: 'key' | 'value'): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (const [i, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === segment);
      if (!pair) break;
      if (anchor === 'key' && i === path.length - 1) return rangeStart(pair.key) ?? offset ?? 0;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
    } else break;
    offset = rangeStart(node) ?? offset;
  }
  return offset ?? 0;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range?.[0];
}
