/**
 * Logic-less placeholders in template text: `{{path}}` or `{{path | formatter}}`, where
 * path is a dotted name into the values the renderer exposes (`case.reference`,
 * `facts.transfers.total`, `document.generated`...) or a parameter of the label
 * (`{{count}}`). No expressions, no conditionals, no loops. Resolution walks own
 * properties of plain data only: no prototype, no getter, no function is ever reached.
 */

export const FORMATTERS = ['date', 'money', 'upper', 'number'] as const;
export type Formatter = (typeof FORMATTERS)[number];

export interface Placeholder {
  readonly path: readonly string[];
  readonly formatter?: Formatter;
  /** Offsets of `{{` and after `}}` in the text. */
  readonly start: number;
  readonly end: number;
}

export type PlaceholderProblemKind = 'syntax' | 'formatter' | 'unbalanced';

export interface PlaceholderProblem {
  readonly kind: PlaceholderProblemKind;
  readonly message: string;
  /** Offset in the text of the `{{` (or stray `}}`) the problem is about. */
  readonly offset: number;
  /** For `formatter`: the name written. */
  readonly formatter?: string;
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const PATH = /^[a-z_][a-z0-9_]*(\.[a-z0-9_]+)*$/;
const STRAY = /\{\{|\}\}/g;

/**
 * Offsets of every brace token of `text`, in order: each `{{…}}` placeholder (well-formed
 * or not) and each stray `{{` or `}}`. Used to find a placeholder of a YAML value in
 * the file's source, where escapes and line folding moved it.
 */
export function braceTokens(text: string): number[] {
  const tokens: number[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    for (const stray of text.slice(last, match.index).matchAll(STRAY))
      tokens.push(last + stray.index);
    tokens.push(match.index);
    last = match.index + match[0].length;
  }
  for (const stray of text.slice(last).matchAll(STRAY)) tokens.push(last + stray.index);
  return tokens;
}

/** Parse every placeholder of `text`; malformed ones become problems. */
export function parsePlaceholders(text: string): {
  placeholders: Placeholder[];
  problems: PlaceholderProblem[];
} {
  const placeholders: Placeholder[] = [];
  const problems: PlaceholderProblem[] = [];
  const matched = new Set<number>();
  for (const match of text.matchAll(PLACEHOLDER)) {
    const start = match.index;
    matched.add(start);
    const inner = match[1] ?? '';
    const [pathText = '', formatter, ...extra] = inner.split('|').map((s) => s.trim());
    if (!PATH.test(pathText)) {
      problems.push({
        kind: 'syntax',
        message: `"{{${inner}}}" is not a dotted name like case.reference`,
        offset: start,
      });
      continue;
    }
    if (
      extra.length > 0 ||
      (formatter !== undefined && !(FORMATTERS as readonly string[]).includes(formatter))
    ) {
      problems.push({
        kind: 'formatter',
        message:
          extra.length > 0
            ? `"{{${inner.trim()}}}" has more than one formatter`
            : `unknown formatter "${formatter ?? ''}" (known: ${FORMATTERS.join(', ')})`,
        offset: start,
        ...(extra.length === 0 && formatter !== undefined ? { formatter } : {}),
      });
      continue;
    }
    placeholders.push({
      path: pathText.split('.'),
      ...(formatter ? { formatter: formatter as Formatter } : {}),
      start,
      end: start + match[0].length,
    });
  }
  for (const offset of braceTokens(text)) {
    if (!matched.has(offset))
      problems.push({ kind: 'unbalanced', message: 'unbalanced "{{" or "}}"', offset });
  }
  return { placeholders, problems };
}

/** The keys of the `{{labels.<key>}}` placeholders of a text. */
export function labelsUsedBy(text: string): string[] {
  return labelPlaceholders(text).map((p) => p.path[1] as string);
}

/** The `{{labels.<key>}}` placeholders of a text. */
export function labelPlaceholders(text: string): Placeholder[] {
  if (!text.includes('{{')) return [];
  return parsePlaceholders(text).placeholders.filter(
    (p) => p.path.length === 2 && p.path[0] === 'labels',
  );
}

/** A value placeholders may reach. Objects are namespaces; Money is `{minor, currency}`. */
export type ScopeValue =
  | string
  | number
  | bigint
  | { readonly minor: bigint; readonly currency: string }
  | { readonly [key: string]: ScopeValue | undefined };

export type Scope = { readonly [key: string]: ScopeValue | undefined };

export interface ValueFormatters {
  date(value: string): string;
  money(value: { minor: bigint; currency: string }): string;
  number(value: number | bigint): string;
}

function isMoney(value: unknown): value is { minor: bigint; currency: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.hasOwn(value, 'minor') &&
    typeof (value as { minor: unknown }).minor === 'bigint'
  );
}

/** The value at `path`, following own properties of plain objects only. */
function lookup(scope: Scope, path: readonly string[]): unknown {
  let value: unknown = scope;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || isMoney(value)) return undefined;
    if (!Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function render(value: unknown, formatter: Formatter | undefined, f: ValueFormatters): string {
  if (formatter === 'upper') return render(value, undefined, f).toLocaleUpperCase('fr');
  if (isMoney(value)) return f.money(value);
  if (typeof value === 'string') return formatter === 'date' ? f.date(value) : value;
  if (typeof value === 'number' || typeof value === 'bigint') return f.number(value);
  // Namespaces, undefined, and anything that is not data print nothing.
  return '';
}

/** Replace every placeholder of `text` by its value in `scope` (unknown paths give ""). */
export function interpolate(text: string, scope: Scope, formatters: ValueFormatters): string {
  if (!text.includes('{{')) return text;
  return text.replace(PLACEHOLDER, (whole, inner: string) => {
    const [pathText = '', formatter] = inner.split('|').map((s) => s.trim());
    if (!PATH.test(pathText)) return whole;
    const known = (FORMATTERS as readonly string[]).includes(formatter ?? '');
    return render(
      lookup(scope, pathText.split('.')),
      known ? (formatter as Formatter) : undefined,
      formatters,
    );
  });
}
