/**
 * Static check of every placeholder a template file holds: syntax, formatter, and that
 * the dotted path names a value of the placeholder model (placeholder-model.ts) in the
 * place where the text sits, or a parameter of the label that holds it. Works on the
 * file's plain data, so placeholders are checked even when other keys are wrong.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PathSegment } from '../model/dossier.js';
import { suggestKey } from '../validate/schema-findings.js';
import { labelParams } from './label-keys.js';
import { candidatesIn, paramsOf, resolvePath } from './placeholder-model.js';
import type { Resolution, TextContext, ValueKind } from './placeholder-model.js';
import type { Formatter, Placeholder } from './placeholders.js';
import { FORMATTERS, parsePlaceholders } from './placeholders.js';
import type { TemplateFile } from './template-file.js';
import { append } from '../append.js';

interface TextAt {
  readonly path: readonly PathSegment[];
  readonly text: string;
  readonly context: TextContext | 'raw';
}

type Entries = readonly (readonly [string, unknown])[];

function entries(value: unknown): Entries {
  return value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : [];
}

/** A localized text: one string, or a string per language. */
function localized(value: unknown, path: readonly PathSegment[], context: TextContext): TextAt[] {
  if (typeof value === 'string') return [{ path, text: value, context }];
  return entries(value).flatMap(([k, v]) =>
    typeof v === 'string' ? [{ path: [...path, k], text: v, context }] : [],
  );
}

/** Every text of a template that the renderer fills, with the context it is filled in. */
function textsOf(raw: unknown): TextAt[] {
  const root = Object.fromEntries(entries(raw));
  const out = localized(root.classification, ['classification'], { kind: 'classification' });
  for (const part of ['header', 'footer'] as const) {
    for (const [slot, v] of entries(root[part]))
      if (slot !== 'show') append(out, localized(v, [part, slot], { kind: 'furniture' }));
  }
  for (const [k, v] of entries(root.metadata))
    append(out, localized(v, ['metadata', k], { kind: 'text' }));
  const sections: unknown = root.sections;
  if (Array.isArray(sections)) {
    sections.forEach((s: unknown, i) => {
      for (const [k, v] of entries(s))
        if (k === 'title' || k === 'body')
          append(out, localized(v, ['sections', i, k], { kind: 'text' }));
    });
  }
  for (const [lang, labels] of entries(root.labels)) {
    for (const [key, v] of entries(labels)) {
      if (typeof v !== 'string') continue;
      // The document title is printed as written, and is the value of {{document.title}};
      // the labels of enumeration values (`enum.procedure.judicial`) are printed as
      // written too (a placeholder there showed its braces in the PDF).
      const raw = key === 'document_title' || key.startsWith('enum.');
      const context = raw ? 'raw' : ({ kind: 'label', key } as const);
      out.push({ path: ['labels', lang, key], text: v, context });
    }
  }
  return out;
}

type Unresolved = Extract<Resolution, { ok: false }>;

const KIND_WORDS: Readonly<Record<ValueKind, string>> = {
  text: 'a text',
  date: 'a date',
  money: 'an amount',
  count: 'a count',
  number: 'a number',
};
const FORMATTER_KINDS: Readonly<Record<Formatter, readonly ValueKind[]>> = {
  date: ['date'],
  money: ['money'],
  number: ['count', 'number'],
  upper: ['text', 'date', 'money', 'count', 'number'],
};

/** Why a placeholder does not resolve, with the nearest valid name. */
function unresolvedMessage(p: Placeholder, context: TextContext, failure: Unresolved): string {
  const name = p.path.join('.');
  if (failure.reason === 'group')
    return `"${name}" is a group of values, not a value: use ${(failure.leaves ?? []).join(', ')}`;
  if (failure.reason === 'needs-params') {
    const key = p.path[1] ?? '';
    const where =
      context.kind === 'furniture'
        ? 'a header or footer slot does not give them (only labels.page_x_of_y gets its page numbers there)'
        : context.kind === 'label'
          ? 'a label filled inside another label gets no parameter'
          : 'this text does not give them';
    return `"${name}" would print with its parameters empty: label "${key}" takes ${labelParams(key).join(', ')}, and ${where}`;
  }
  if (failure.reason === 'unavailable')
    return `"${name}" is not available in the classification, which is filled before labels and the document title`;
  const suggestion = suggestKey(name, candidatesIn(context));
  const hint = suggestion ? `; did you mean ${suggestion}?` : '';
  if (p.path.length === 1) {
    const params = paramsOf(context);
    const where =
      context.kind === 'label'
        ? `label "${context.key}" takes ${params.length ? `the parameters ${params.join(', ')}` : 'no parameter'}`
        : context.kind === 'furniture'
          ? 'header and footer slots take the parameters page and pages'
          : 'this text takes no parameter';
    return `"{{${name}}}" is not a dotted path like case.reference, and ${where}${hint}`;
  }
  return `"${name}" names no value a template can use${hint}`;
}

/** Diagnostics for the placeholders of one text. */
function checkText(file: TemplateFile, { path, text, context }: TextAt): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { placeholders, problems } = parsePlaceholders(text);
  if (context === 'raw') {
    const first = placeholders[0]?.start ?? problems[0]?.offset;
    if (first !== undefined)
      out.push(
        file.atText(
          'template-placeholder',
          path,
          first,
          `${String(path[path.length - 1])} is printed as written: it cannot hold placeholders`,
        ),
      );
    return out;
  }
  for (const p of problems) {
    const hint = p.formatter ? suggestKey(p.formatter, FORMATTERS) : undefined;
    const message = hint ? `${p.message}; did you mean ${hint}?` : p.message;
    out.push(file.atText('template-placeholder', path, p.offset, message));
  }
  for (const p of placeholders) {
    const resolution = resolvePath(p.path, context);
    if (!resolution.ok) {
      out.push(
        file.atText(
          'template-placeholder',
          path,
          p.start,
          unresolvedMessage(p, context, resolution),
        ),
      );
    } else if (
      p.formatter &&
      resolution.kind &&
      !FORMATTER_KINDS[p.formatter].includes(resolution.kind)
    ) {
      out.push(
        file.atText(
          'template-placeholder',
          path,
          p.start,
          `"| ${p.formatter}" does not apply to ${p.path.join('.')}, which is ${KIND_WORDS[resolution.kind]}`,
          'warning',
        ),
      );
    }
  }
  return out;
}

/** Diagnostics for every placeholder of a template file (well-formed YAML). */
export function checkPlaceholders(file: TemplateFile): Diagnostic[] {
  return textsOf(file.raw).flatMap((t) => checkText(file, t));
}
