/**
 * The static model of what placeholders can reach: the shape of the scope the renderer
 * builds (src/render/scope.ts), as a tree of value kinds. `case.*` follows the dossier
 * schema (one entry per key of the case); `facts.*` is a curated view of the computed
 * facts (src/facts/types.ts); persons are deliberately absent. Checking a placeholder is
 * a walk over own properties of this tree, never over live objects.
 */
import { CaseSchema } from '../schema/dossier.js';
import { LABEL_KEYS, labelParams } from './label-keys.js';

/** What a leaf holds, for formatter checks. */
export type ValueKind = 'text' | 'date' | 'money' | 'count' | 'number';

export interface ModelNode {
  readonly [key: string]: ValueKind | ModelNode;
}

/** Case particulars that are not plain text (the rest are). */
const CASE_KINDS: Readonly<Record<string, ValueKind>> = { opened: 'date' };

export const PLACEHOLDER_MODEL: ModelNode = {
  case: Object.fromEntries(
    Object.keys(CaseSchema.shape).map((k) => [
      k,
      Object.hasOwn(CASE_KINDS, k) ? (CASE_KINDS[k] as ValueKind) : 'text',
    ]),
  ),
  document: {
    title: 'text',
    generated: 'date',
    classification: 'text',
    fingerprint: 'text',
    short_fingerprint: 'text',
    template: 'text',
    language: 'text',
  },
  facts: {
    period: { from: 'date', to: 'date' },
    transfers: { count: 'count', completed: 'count', total: 'money' },
    exchanges: { count: 'count', live_sessions: 'count' },
    correlations: { count: 'count', window_hours: 'number' },
    persons: 'count',
    suspects: 'count',
    victims: 'count',
    exhibits: 'count',
    charges: 'count',
  },
  labels: Object.fromEntries(LABEL_KEYS.filter((k) => !k.includes('.')).map((k) => [k, 'text'])),
};

/** Where a text sits in a template: which values and parameters its placeholders may use. */
export type TextContext =
  | { readonly kind: 'text' }
  | { readonly kind: 'furniture' }
  | { readonly kind: 'classification' }
  | { readonly kind: 'label'; readonly key: string };

/** The marking is filled first: no labels, no document title or marking yet. */
function unavailableIn(context: TextContext, path: string): boolean {
  return (
    context.kind === 'classification' &&
    (path.startsWith('labels.') || path === 'document.title' || path === 'document.classification')
  );
}

/** Every dotted path to a leaf of the model. */
export function modelPaths(node: ModelNode = PLACEHOLDER_MODEL, prefix = ''): string[] {
  return Object.entries(node).flatMap(([key, child]) =>
    typeof child === 'string' ? [`${prefix}${key}`] : modelPaths(child, `${prefix}${key}.`),
  );
}

const ALL_PATHS = modelPaths();

/** Single names (parameters) a text may use in `context`. */
export function paramsOf(context: TextContext): readonly string[] {
  if (context.kind === 'label') return labelParams(context.key);
  if (context.kind === 'furniture') return ['page', 'pages'];
  return [];
}

/** Dotted paths and parameters valid in `context`, for suggestions. */
export function candidatesIn(context: TextContext): string[] {
  return [
    ...ALL_PATHS.filter(
      (p) => !unavailableIn(context, p) && !labelFilledWithoutParams(p.split('.'), context),
    ),
    ...paramsOf(context),
  ];
}

export type Resolution =
  | { readonly ok: true; readonly kind?: ValueKind }
  | {
      readonly ok: false;
      readonly reason: 'unknown' | 'group' | 'unavailable' | 'needs-params';
      readonly leaves?: readonly string[];
    };

/**
 * `labels.<key>` is a label filled once per document, with no parameter; the one
 * exception is `labels.page_x_of_y` in a header or footer slot, filled on each page with
 * its page numbers (src/render/furniture.ts). Anywhere else a label that takes parameters
 * would print with them empty.
 */
export function labelFilledWithoutParams(path: readonly string[], context: TextContext): boolean {
  if (path.length !== 2 || path[0] !== 'labels') return false;
  const key = path[1] ?? '';
  if (context.kind === 'furniture' && key === 'page_x_of_y') return false;
  return labelParams(key).length > 0;
}

/** Resolve a placeholder path statically: own properties of the model only. */
export function resolvePath(path: readonly string[], context: TextContext): Resolution {
  if (path.length === 1 && paramsOf(context).includes(path[0] ?? '')) return { ok: true };
  let node: ValueKind | ModelNode = PLACEHOLDER_MODEL;
  for (const key of path) {
    if (typeof node === 'string' || !Object.hasOwn(node, key))
      return { ok: false, reason: 'unknown' };
    node = node[key] as ValueKind | ModelNode;
  }
  const dotted = path.join('.');
  if (typeof node !== 'string')
    return { ok: false, reason: 'group', leaves: modelPaths(node, `${dotted}.`) };
  if (unavailableIn(context, dotted)) return { ok: false, reason: 'unavailable' };
  if (labelFilledWithoutParams(path, context)) return { ok: false, reason: 'needs-params' };
  return { ok: true, kind: node };
}
