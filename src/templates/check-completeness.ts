/**
 * Checks of a template once its `extends` chain is merged: it has sections, every label
 * of every language it declares, and a text in every declared language wherever it
 * gives localized texts. Unknown label keys are checked file by file.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PathSegment } from '../model/dossier.js';
import { suggestKey } from '../validate/schema-findings.js';
import { ENUM_LABEL_KEYS, isKnownLabelKey, LABEL_KEYS } from './label-keys.js';
import { labelPlaceholders, labelsUsedBy } from './placeholders.js';
import { DEFAULTS } from './resolve-template.js';
import type { TemplateLanguage, WrittenTemplate } from './schema.js';
import type { TemplateFile } from './template-file.js';
import { append } from '../append.js';

const MAX_LISTED = 10;

/** The file's template for the checks of the merged chain (without what its schema refused). */
function usable(file: TemplateFile): WrittenTemplate | undefined {
  return file.checkable;
}

/** Where to point at for a language's missing labels: its labels, else the language list, else the top. */
function missingLabelsPath(leaf: WrittenTemplate, lang: TemplateLanguage): PathSegment[] {
  if (leaf.labels?.[lang]) return ['labels', lang];
  if (leaf.labels) return ['labels'];
  if (leaf.languages) return ['languages'];
  return [];
}

function missingLabels(leaf: TemplateFile, merged: WrittenTemplate): Diagnostic[] {
  const out: Diagnostic[] = [];
  const written = usable(leaf) as WrittenTemplate;
  for (const lang of merged.languages ?? ['fr', 'en']) {
    const labels = merged.labels?.[lang] ?? {};
    const missing = LABEL_KEYS.filter((k) => !Object.hasOwn(labels, k));
    if (missing.length === 0) continue;
    const shown =
      missing.slice(0, MAX_LISTED).join(', ') +
      (missing.length > MAX_LISTED ? `, and ${missing.length - MAX_LISTED} more` : '');
    const path = missingLabelsPath(written, lang);
    out.push(
      leaf.at(
        'template-label',
        path,
        `missing ${lang} label(s): ${shown}`,
        path.length === 2 ? 'key' : 'value',
      ),
    );
  }
  return out;
}

function ownKeys(value: unknown): string[] {
  return value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
}

/** Label keys the renderer does not know, in one file (checked on its plain data, whatever else is wrong). */
export function unknownLabels(file: TemplateFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const labels: unknown = (file.raw as { labels?: unknown } | null | undefined)?.labels;
  for (const lang of ['fr', 'en'] as const) {
    const forLang: unknown = ownKeys(labels).includes(lang)
      ? (labels as Record<string, unknown>)[lang]
      : undefined;
    for (const key of ownKeys(forLang)) {
      if (isKnownLabelKey(key)) continue;
      const suggestion = suggestKey(key, [...LABEL_KEYS, ...ENUM_LABEL_KEYS]);
      out.push(
        file.at(
          'template-label',
          ['labels', lang, key],
          `unknown label "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
          'key',
        ),
      );
    }
  }
  return out;
}

/**
 * French texts of one file written with a straight apostrophe `'` (a `labels.fr` value or
 * any `fr:` text): a warning, since French typography uses one apostrophe, `’` (U+2019).
 * The renderer writes `’` anyway (src/locale/typography.ts); the warning keeps the
 * template's source, and what a reader of it sees, the same as the document.
 */
export function straightApostrophes(file: TemplateFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const walk = (value: unknown, path: PathSegment[], french: boolean) => {
    if (typeof value === 'string') {
      const at = value.indexOf("'");
      if (french && at >= 0)
        out.push(
          file.atText(
            'template-label',
            path,
            at,
            'straight apostrophe in a French text: write ’ (U+2019), as French typography does',
            'warning',
          ),
        );
      return;
    }
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i], french));
    else
      for (const key of ownKeys(value))
        walk((value as Record<string, unknown>)[key], [...path, key], french || key === 'fr');
  };
  walk(file.raw, [], false);
  return out;
}

/** The value at `path` inside `value` (own keys only), or undefined. */
export function dig(value: unknown, path: readonly PathSegment[]): unknown {
  let node = value;
  for (const key of path) {
    if (!node || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<PathSegment, unknown>)[key];
  }
  return node;
}

/** Localized texts `{fr: ..., en: ...}` of `file` still in the merged template that lack a declared language. */
function missingTranslations(file: TemplateFile, merged: WrittenTemplate): Diagnostic[] {
  const out: Diagnostic[] = [];
  const t = usable(file) as WrittenTemplate;
  const languages = merged.languages ?? ['fr', 'en'];
  const check = (value: unknown, path: PathSegment[], empty: boolean) => {
    if (!value || typeof value !== 'object' || dig(merged, path) !== value) return;
    for (const lang of languages) {
      if (Object.hasOwn(value, lang)) continue;
      const other = languages.find((l) => Object.hasOwn(value, l));
      out.push(
        empty
          ? file.at(
              'template-label',
              path,
              `no ${lang} text: this section would be empty in ${lang}`,
            )
          : file.at(
              'template-label',
              path,
              `no ${lang} text: the ${other ?? 'other'} one is used in ${lang}`,
              'value',
              'warning',
            ),
      );
    }
  };
  check(t.description, ['description'], false);
  check(t.classification, ['classification'], false);
  for (const part of ['header', 'footer'] as const)
    for (const slot of ['left', 'center', 'right'] as const)
      check(t[part]?.[slot], [part, slot], false);
  for (const key of ['title', 'subject', 'keywords', 'author'] as const)
    check(t.metadata?.[key], ['metadata', key], false);
  t.sections?.forEach((s, i) => {
    if ('title' in s) check(s.title, ['sections', i, 'title'], false);
    if (s.type === 'text') check(s.body, ['sections', i, 'body'], true);
  });
  return out;
}

/** Paper sizes in millimetres (portrait). */
const PAPER_MM: Readonly<Record<string, readonly [number, number]>> = {
  A3: [297, 420],
  A4: [210, 297],
  A5: [148, 210],
  LETTER: [215.9, 279.4],
  LEGAL: [215.9, 355.6],
};
/** The least room the tables and the cover need. */
const MIN_TEXT_MM = { width: 80, height: 100 };

/** The margins must leave room for the text on the page. */
function pageRoom(leaf: TemplateFile, merged: WrittenTemplate): Diagnostic[] {
  const m = { ...DEFAULTS.page.margins_mm, ...merged.page?.margins_mm };
  const [w, h] = PAPER_MM[merged.page?.size ?? DEFAULTS.page.size] ?? [210, 297];
  const landscape = (merged.page?.orientation ?? DEFAULTS.page.orientation) === 'landscape';
  const width = (landscape ? h : w) - m.left - m.right;
  const height = (landscape ? w : h) - m.top - m.bottom;
  if (width >= MIN_TEXT_MM.width && height >= MIN_TEXT_MM.height) return [];
  const path = usable(leaf)?.page?.margins_mm
    ? ['page', 'margins_mm']
    : usable(leaf)?.page
      ? ['page']
      : [];
  return [
    leaf.at(
      'template-schema',
      path,
      `the page and its margins leave ${Math.round(width)} × ${Math.round(height)} mm for the text; at least ${MIN_TEXT_MM.width} × ${MIN_TEXT_MM.height} mm are needed`,
    ),
  ];
}

/** The shortest way from label `from` to label `to` through `uses`, both included; undefined when there is none. */
function route(uses: ReadonlyMap<string, readonly string[]>, from: string, to: string) {
  const previous = new Map<string, string | undefined>([[from, undefined]]);
  const queue = [from];
  for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
    if (at === to) {
      const way: string[] = [];
      for (let k: string | undefined = at; k !== undefined; k = previous.get(k)) way.unshift(k);
      return way;
    }
    for (const next of uses.get(at) ?? [])
      if (!previous.has(next)) {
        previous.set(next, at);
        queue.push(next);
      }
  }
  return undefined;
}

/**
 * Labels (keys without a dot) that use one another through `{{labels.<key>}}` in a loop:
 * each placeholder on the loop is an error, at the file that gives the label's text.
 */
function labelLoops(chain: readonly TemplateFile[], merged: WrittenTemplate): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const lang of merged.languages ?? ['fr', 'en']) {
    const labels = merged.labels?.[lang] ?? {};
    const simple = (k: string) => !k.includes('.') && Object.hasOwn(labels, k);
    const uses = new Map<string, string[]>();
    for (const [key, text] of Object.entries(labels))
      if (simple(key)) uses.set(key, labelsUsedBy(text).filter(simple));
    for (const [key, text] of Object.entries(labels)) {
      if (!simple(key)) continue;
      for (const p of labelPlaceholders(text)) {
        const used = p.path[1] as string;
        const loop = simple(used) ? route(uses, used, key) : undefined;
        if (!loop) continue;
        const file = [...chain].reverse().find((f) => usable(f)?.labels?.[lang]?.[key] === text);
        out.push(
          (file ?? (chain[chain.length - 1] as TemplateFile)).atText(
            'template-placeholder',
            ['labels', lang, key],
            p.start,
            `"labels.${used}" in the ${lang} label "${key}" makes a loop of labels (${[key, ...loop].join(' → ')}): it would print empty`,
          ),
        );
      }
    }
  }
  return out;
}

/**
 * Most characters a label may have once the labels it uses are filled in. The longest
 * built-in label has about 400; labels using labels that use labels ten times each (a
 * "billion laughs") made one of ten million, and `templates check` ran for minutes.
 */
export const MAX_FILLED_LABEL_CHARS = 10_000;

/**
 * Labels that would be longer than MAX_FILLED_LABEL_CHARS once the labels they use are
 * filled in (counted without filling them: each label's length once, from its own text
 * and the lengths of those it uses): an error at the label, in the file that gives it.
 */
function labelSizes(chain: readonly TemplateFile[], merged: WrittenTemplate): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const lang of merged.languages ?? ['fr', 'en']) {
    const labels = merged.labels?.[lang] ?? {};
    const simple = (k: string) => !k.includes('.') && Object.hasOwn(labels, k);
    const sizes = new Map<string, number>();
    const sizeOf = (key: string, open: Set<string>): number => {
      const known = sizes.get(key);
      if (known !== undefined) return known;
      if (open.has(key)) return 0; // a loop: reported by labelLoops
      open.add(key);
      const text = labels[key] ?? '';
      let size = text.length;
      for (const p of labelPlaceholders(text)) {
        const used = p.path[1] as string;
        size -= p.end - p.start;
        if (simple(used)) size += sizeOf(used, open);
      }
      open.delete(key);
      sizes.set(key, size);
      return size;
    };
    for (const [key, text] of Object.entries(labels)) {
      if (!simple(key)) continue;
      const size = sizeOf(key, new Set());
      if (size <= MAX_FILLED_LABEL_CHARS) continue;
      const file = [...chain].reverse().find((f) => usable(f)?.labels?.[lang]?.[key] === text);
      out.push(
        (file ?? (chain[chain.length - 1] as TemplateFile)).at(
          'template-placeholder',
          ['labels', lang, key],
          `the ${lang} label "${key}" would have ${size.toLocaleString('en-US')} characters once the labels it uses are filled in, more than ${MAX_FILLED_LABEL_CHARS.toLocaleString('en-US')}: a label is a short text`,
        ),
      );
    }
  }
  return out;
}

/** Diagnostics of a merged chain (files base first, each with a `checkable` template). */
export function checkCompleteness(
  chain: readonly TemplateFile[],
  merged: WrittenTemplate,
): Diagnostic[] {
  const leaf = chain[chain.length - 1] as TemplateFile;
  const out: Diagnostic[] = [];
  if (!merged.sections)
    out.push(
      leaf.at(
        'template-schema',
        [],
        'a template needs "sections" (or "extends" a template that has them)',
      ),
    );
  append(out, pageRoom(leaf, merged));
  append(out, missingLabels(leaf, merged));
  append(out, labelLoops(chain, merged));
  append(out, labelSizes(chain, merged));
  for (const f of chain) append(out, missingTranslations(f, merged));
  return out;
}
