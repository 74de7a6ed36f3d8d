/**
 * Logic-less placeholders in template text: `{{path}}` or `{{path | formatter}}`, where
 * path is a dotted name into the values the renderer exposes (`case.reference`,
 * `facts.transfers.total`, `document.generated`...) or a parameter of the label
 * (`{{count}}`). No expressions, no conditionals, no loops.
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

export interface PlaceholderProblem {
  readonly message: string;
  readonly offset: number;
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const PATH = /^[a-z_][a-z0-9_]*(\.[a-z0-9_]+)*$/;

/** Parse every placeholder of `text`; malformed ones become problems. */
export function parsePlaceholders(text: string): {
  placeholders: Placeholder[];
  problems: PlaceholderProblem[];
} {
  const placeholders: Placeholder[] = [];
  const problems: PlaceholderProblem[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const start = match.index;
    const [pathText = '', formatter, ...extra] = (match[1] ?? '').split('|').map((s) => s.trim());
    if (!PATH.test(pathText)) {
      problems.push({
        message: `"{{${match[1]}}}" is not a dotted name like case.reference`,
        offset: start,
      });
      continue;
    }
    if (
      extra.length > 0 ||
      (formatter !== undefined && !(FORMATTERS as readonly string[]).includes(formatter))
    ) {
      problems.push({
        message: `unknown formatter "${formatter ?? ''}" (known: ${FORMATTERS.join(', ')})`,
        offset: start,
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
  const stray = text.replace(PLACEHOLDER, '').search(/\{\{|\}\}/);
  if (stray >= 0) problems.push({ message: 'unbalanced "{{" or "}}"', offset: stray });
  return { placeholders, problems };
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

function lookup(scope: Scope, path: readonly string[]): ScopeValue | undefined {
  let value: ScopeValue | undefined = scope;
  for (const key of path) {
    if (value === undefined || typeof value !== 'object' || 'minor' in value) return undefined;
    value = (value as Scope)[key];
  }
  return value;
}

function isMoney(value: ScopeValue): value is { minor: bigint; currency: string } {
  return typeof value === 'object' && 'minor' in value && typeof value.minor === 'bigint';
}

function render(
  value: ScopeValue | undefined,
  formatter: Formatter | undefined,
  f: ValueFormatters,
): string {
  if (value === undefined) return '';
  if (formatter === 'upper') return render(value, undefined, f).toLocaleUpperCase('fr');
  if (isMoney(value)) return f.money(value);
  if (typeof value === 'object') return '';
  if (formatter === 'date' && typeof value === 'string') return f.date(value);
  if (formatter === 'money' && typeof value !== 'string') return f.number(value);
  if (formatter === 'number' || typeof value !== 'string')
    return typeof value === 'string' ? value : f.number(value);
  return value;
}

/** Replace every placeholder of `text` by its value in `scope` (unknown paths give ""). */
export function interpolate(text: string, scope: Scope, formatters: ValueFormatters): string {
  if (!text.includes('{{')) return text;
  return text.replace(PLACEHOLDER, (whole, inner: string) => {
    const [pathText = '', formatter] = inner.split('|').map((s) => s.trim());
    if (!PATH.test(pathText)) return whole;
    return render(
      lookup(scope, pathText.split('.')),
      formatter as Formatter | undefined,
      formatters,
    );
  });
}

/** Whether `path` names a value of `scope` (for checking templates against a sample scope). */
export function hasPath(scope: Scope, path: readonly string[]): boolean {
  return lookup(scope, path) !== undefined;
}
