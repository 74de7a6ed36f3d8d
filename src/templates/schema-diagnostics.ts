/**
 * Template schema issues (zod) to diagnostics in plain words: unknown keys and section
 * options with a suggestion, unknown section types, texts that are neither a string nor
 * a `{fr, en}` map.
 */
import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Code } from '../diagnostics/codes.js';
import type { PathSegment } from '../model/dossier.js';
import { EXPECTED, notAllowed, suggestKey, yamlTypeName } from '../validate/schema-findings.js';
import { dig } from './check-completeness.js';
import { SECTION_TYPES, sectionOptions, TEMPLATE_KEYS } from './schema.js';
import { append } from '../append.js';

/** Locates a diagnostic at the node of `path` (or of its key). */
export type Locate = (
  code: Code,
  path: readonly PathSegment[],
  message: string,
  anchor?: 'key' | 'value',
) => Diagnostic;

const didYouMean = (s: string | undefined): string => (s ? ` (did you mean "${s}"?)` : '');

function isSectionPath(path: readonly PathSegment[]): path is ['sections', number] {
  return path.length === 2 && path[0] === 'sections' && typeof path[1] === 'number';
}

function sectionTypeAt(raw: unknown, index: number): unknown {
  const sections = (raw as { sections?: unknown } | null)?.sections;
  const section: unknown = Array.isArray(sections) ? sections[index] : undefined;
  return section && typeof section === 'object' && Object.hasOwn(section, 'type')
    ? (section as { type: unknown }).type
    : undefined;
}

function unknownKeys(
  path: readonly PathSegment[],
  keys: readonly string[],
  raw: unknown,
  locate: Locate,
): Diagnostic[] {
  if (isSectionPath(path)) {
    const type = sectionTypeAt(raw, path[1]);
    const options = sectionOptions(type);
    return keys.map((key) =>
      locate(
        'template-schema',
        [...path, key],
        `unknown option "${key}" for a "${String(type)}" section${didYouMean(suggestKey(key, options))}; it takes: ${options.join(', ') || 'no option'}`,
        'key',
      ),
    );
  }
  return keys.map((key) =>
    locate(
      'template-schema',
      [...path, key],
      `unknown key "${key}"${path.length ? ` in ${path.join('.')}` : ''}${didYouMean(suggestKey(key, TEMPLATE_KEYS))}`,
      'key',
    ),
  );
}

function sectionType(value: unknown, path: readonly PathSegment[], locate: Locate): Diagnostic {
  if (value === undefined)
    return locate('template-section', path.slice(0, 2), 'a section needs a "type"');
  const suggestion = typeof value === 'string' ? suggestKey(value, SECTION_TYPES) : undefined;
  return locate(
    'template-section',
    path,
    `unknown section type "${String(value)}"${didYouMean(suggestion)} (known: ${SECTION_TYPES.join(', ')})`,
  );
}

/** Diagnostics for the issues of `raw` against the template schema. */
export function schemaDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  raw: unknown,
  locate: Locate,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const valueAt = (path: readonly PathSegment[]): unknown => dig(raw, path);
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const where = path.length > 0 ? `${path.join('.')}: ` : '';
    if (issue.code === 'unrecognized_keys') append(out, unknownKeys(path, issue.keys, raw, locate));
    else if (path.length === 3 && path[0] === 'sections' && path[2] === 'type')
      out.push(sectionType(valueAt(path), path, locate));
    else if (issue.code === 'invalid_union')
      out.push(
        locate(
          'template-schema',
          path,
          `${where}expected a text, or a map {fr: ..., en: ...} of texts`,
        ),
      );
    else out.push(locate('template-schema', path, plainMessage(issue, path, where, valueAt)));
  }
  return out;
}

/**
 * A schema issue in plain words, as the dossier's are (zod's own wording, `Invalid
 * input: expected string, received undefined`, named no key and spoke JavaScript).
 */
function plainMessage(
  issue: z.core.$ZodIssue,
  path: readonly PathSegment[],
  where: string,
  valueAt: (path: readonly PathSegment[]) => unknown,
): string {
  const value = valueAt(path);
  const key = path.at(-1);
  const missing = `missing required key "${String(key)}"${path.length > 1 ? ` in ${path.slice(0, -1).join('.')}` : ''}`;
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return missing;
      return `${where}expected ${EXPECTED[issue.expected] ?? issue.expected}, found ${yamlTypeName(value)}`;
    case 'invalid_value':
      // (A key not written at all, as `courtfile_template`, is missing, not a wrong value.)
      if (value === undefined) return missing;
      return `${where}${notAllowed(value, issue.values)}`;
    case 'too_small':
      return `${where}${issue.origin === 'array' ? `needs at least ${String(issue.minimum)} item(s)` : issue.origin === 'string' ? 'must not be empty' : `must be at least ${String(issue.minimum)}`}`;
    case 'too_big':
      return `${where}${issue.origin === 'array' ? `holds at most ${String(issue.maximum)} item(s)` : `must be at most ${String(issue.maximum)}`}`;
    default:
      return `${where}${issue.message}`;
  }
}
