/**
 * Static check of every placeholder a written template holds: syntax, formatter, and
 * that the dotted path names a value the renderer provides (see KNOWN_PATHS).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PathSegment } from '../model/dossier.js';
import { LABEL_KEYS } from './label-keys.js';
import { parsePlaceholders } from './placeholders.js';
import type { WrittenTemplate } from './schema.js';
import type { TemplateFile } from './template-file.js';

/** Every dotted path a template may use outside label parameters. */
export const KNOWN_PATHS: ReadonlySet<string> = new Set([
  ...[
    'reference',
    'title',
    'court',
    'office',
    'unit',
    'procedure',
    'referral',
    'opened',
    'prepared_by',
    'language',
    'timezone',
    'currency',
    'classification',
  ].map((k) => `case.${k}`),
  ...['title', 'generated', 'classification', 'fingerprint', 'template', 'language'].map(
    (k) => `document.${k}`,
  ),
  ...[
    'period.from',
    'period.to',
    'transfers.count',
    'transfers.completed',
    'transfers.total',
    'exchanges.count',
    'exchanges.live_sessions',
    'correlations.count',
    'correlations.window_hours',
    'persons',
    'suspects',
    'victims',
    'exhibits',
    'charges',
  ].map((k) => `facts.${k}`),
  ...LABEL_KEYS.filter((k) => !k.includes('.')).map((k) => `labels.${k}`),
]);

/** Where single names (parameters) are allowed: in labels any, in header/footer the page numbers. */
type Context = 'label' | 'furniture' | 'text';

interface TextAt {
  readonly path: readonly PathSegment[];
  readonly text: string;
  readonly context: Context;
}

function localizedTexts(value: unknown, path: readonly PathSegment[], context: Context): TextAt[] {
  if (typeof value === 'string') return [{ path, text: value, context }];
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      typeof v === 'string' ? [{ path: [...path, k], text: v, context }] : [],
    );
  }
  return [];
}

function textsOf(t: WrittenTemplate): TextAt[] {
  const out: TextAt[] = [];
  out.push(...localizedTexts(t.classification, ['classification'], 'text'));
  for (const part of ['header', 'footer'] as const) {
    for (const slot of ['left', 'center', 'right'] as const) {
      out.push(...localizedTexts(t[part]?.[slot], [part, slot], 'furniture'));
    }
  }
  for (const [k, v] of Object.entries(t.metadata ?? {}))
    out.push(...localizedTexts(v, ['metadata', k], 'text'));
  t.sections?.forEach((s, i) => {
    if ('title' in s) out.push(...localizedTexts(s.title, ['sections', i, 'title'], 'text'));
    if (s.type === 'text') out.push(...localizedTexts(s.body, ['sections', i, 'body'], 'text'));
  });
  for (const lang of ['fr', 'en'] as const) {
    for (const [k, v] of Object.entries(t.labels?.[lang] ?? {}))
      out.push({ path: ['labels', lang, k], text: v, context: 'label' });
  }
  return out;
}

export function checkPlaceholders(file: TemplateFile, written: WrittenTemplate): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { path, text, context } of textsOf(written)) {
    const { placeholders, problems } = parsePlaceholders(text);
    for (const p of problems) out.push(file.at('template-placeholder', path, p.message));
    for (const p of placeholders) {
      const name = p.path.join('.');
      const single = p.path.length === 1;
      const ok = single
        ? context === 'label' || (context === 'furniture' && (name === 'page' || name === 'pages'))
        : KNOWN_PATHS.has(name);
      if (!ok)
        out.push(
          file.at('template-placeholder', path, `"{{${name}}}" names no value a template can use`),
        );
    }
  }
  return out;
}
