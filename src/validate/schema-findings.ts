import type { z } from 'zod';
import type { Finding } from '../diagnostics/diagnostic.js';
import { message, shorten } from '../diagnostics/messages.js';
import { NumberLiteral } from '../load/core-scalars.js';
import { LONE_SURROGATE } from '../load/parse-fast.js';
import type { PathSegment } from '../model/dossier.js';

/** Whether the schema that raised `issue` takes a number there (alone or in a union). */
function acceptsNumbers(issue: z.core.$ZodIssue): boolean {
  if (issue.code === 'invalid_type') return issue.expected === 'number';
  if (issue.code === 'invalid_union')
    return issue.errors.some((branch) => branch.some((e) => acceptsNumbers(e)));
  return false;
}

/** The YAML-level type name of a value, for messages. */
export function yamlTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'nothing (null)';
  if (Array.isArray(v)) return 'a list';
  if (v instanceof NumberLiteral) return `${v.describe()} ${shorten(v.text)}`;
  switch (typeof v) {
    case 'string':
      return 'a string';
    case 'number':
      // `.inf` and `.nan` are numbers to YAML, not the finite ones a value must be.
      if (Number.isNaN(v)) return 'not-a-number (.nan)';
      if (!Number.isFinite(v)) return 'an infinite number (.inf)';
      return Number.isInteger(v) ? 'an integer' : 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'a mapping';
    default:
      return typeof v;
  }
}

/** What a zod type name is called in a message (YAML's words). */
export const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean',
  array: 'a list',
  object: 'a mapping',
};

/** Value at `path` inside `root`, and whether the last key exists. */
function lookup(root: unknown, path: readonly PropertyKey[]): { value: unknown; exists: boolean } {
  let cur: unknown = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return { value: undefined, exists: false };
    if (!Object.prototype.hasOwnProperty.call(cur, seg)) return { value: undefined, exists: false };
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return { value: cur, exists: true };
}

/** The first NumberLiteral on `path` inside `root` (and after how many segments), if any. */
function literalOnPath(
  root: unknown,
  path: readonly PropertyKey[],
): { value: NumberLiteral; depth: number } | undefined {
  let cur: unknown = root;
  for (let depth = 0; ; depth++) {
    if (cur instanceof NumberLiteral) return { value: cur, depth };
    const seg = path[depth];
    if (seg === undefined || cur === null || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
}

/**
 * Edit distance where swapping two adjacent letters counts as one edit (optimal string
 * alignment), so that the commonest typo (`nmae`) is one edit from its key.
 */
function distance(a: string, b: string): number {
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(
        prev[j]! + 1,
        row[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
    }
    [before, prev] = [prev, row];
  }
  return prev[b.length]!;
}

/** Keys longer than this get no suggestion (and cost nothing: no edit distance is computed). */
const MAX_SUGGESTED_LENGTH = 64;
/**
 * Unknown keys reported per mapping: past them, one finding at the mapping counts the
 * rest. A file of millions of unknown keys (within the 64 MiB limit) made as many
 * findings, each with a "did you mean" search: 300,000 took 6 s and 760 MB, 2.5 million
 * ran out of memory.
 */
const MAX_UNKNOWN_KEYS = 1000;

/**
 * The candidate closest to `key` (a typo of it), or undefined. Never `key` itself:
 * a suggestion names another key valid at the same place.
 */
export function suggestKey(key: string, candidates: Iterable<string>): string | undefined {
  if (key.length > MAX_SUGGESTED_LENGTH) return undefined;
  const lower = key.toLowerCase();
  const allowed = Math.max(1, Math.floor(key.length / 3));
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    if (c === key || Math.abs(c.length - key.length) > allowed) continue;
    const d = distance(lower, c);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return bestD <= allowed ? best : undefined;
}

/** The schema inside optional, default, pipe and the like. */
function unwrapSchema(schema: z.core.$ZodType): z.core.$ZodType {
  let s = schema;
  for (let guard = 0; guard < 32; guard++) {
    const def = s._zod.def as unknown as Record<string, unknown>;
    const inner = (def.innerType ?? (def.type === 'pipe' ? def.in : undefined)) as
      z.core.$ZodType | undefined;
    if (!inner) return s;
    s = inner;
  }
  return s;
}

/** The schemas (each branch of a union) at `path` inside `schema`, unwrapped. */
function schemasAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): z.core.$ZodType[] {
  let level: z.core.$ZodType[] = [unwrapSchema(schema)];
  for (const seg of path) {
    const next: z.core.$ZodType[] = [];
    for (const s of level) {
      const def = s._zod.def as unknown as Record<string, unknown>;
      if (def.type === 'object') {
        const child = (def.shape as Record<PropertyKey, z.core.$ZodType>)[seg];
        if (child) next.push(unwrapSchema(child));
      } else if (def.type === 'array' && typeof seg === 'number') {
        next.push(unwrapSchema(def.element as z.core.$ZodType));
      }
    }
    level = next.flatMap((s) => {
      const def = s._zod.def as unknown as Record<string, unknown>;
      return def.type === 'union' ? (def.options as z.core.$ZodType[]).map(unwrapSchema) : [s];
    });
  }
  return level;
}

/** The keys an object schema defines at `path` inside `schema` (none when it is not an object). */
export function keysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  const keys = new Set<string>();
  for (const s of schemasAt(schema, path)) {
    const def = s._zod.def as unknown as Record<string, unknown>;
    if (def.type === 'object') for (const k of Object.keys(def.shape as object)) keys.add(k);
  }
  return [...keys];
}

/**
 * Turn zod issues for `value` (written at `basePath` of `file`) into findings with the
 * format's codes. At most one finding per path and code.
 */
export function schemaFindings(
  issues: readonly z.core.$ZodIssue[],
  value: unknown,
  file: string,
  basePath: readonly PathSegment[],
  /** The schema `value` was checked against: "did you mean" suggests only its keys. */
  schema?: z.core.$ZodType,
): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const push = (f: Finding): void => {
    const k = `${f.code}\u0000${f.path.join('\u0000')}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push(f);
  };
  for (const issue of issues) {
    const rel = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const path = [...basePath, ...rel];
    const base = { severity: 'error' as const, file };
    // zod takes the NumberLiteral object for a mapping: one finding at the literal.
    const literal = literalOnPath(value, rel);
    if (literal) {
      const at = { ...base, path: [...basePath, ...rel.slice(0, literal.depth)] };
      const about = literal.depth < rel.length ? undefined : issue;
      const bounds =
        about && literal.value.form === 'inexact' && schema
          ? integerBounds(schemasAt(schema, rel))
          : undefined;
      push(numberLiteralFinding(literal.value, about, at, bounds));
      continue;
    }
    if (issue.code === 'unrecognized_keys') {
      const candidates = schema ? keysAt(schema, issue.path) : [];
      const more = issue.keys.length - MAX_UNKNOWN_KEYS;
      if (more > 0)
        push({
          ...base,
          code: 'unknown-key',
          path,
          // At the mapping's key (`case:`), or at a list item mapping itself.
          anchor: typeof path[path.length - 1] === 'string' ? 'key' : 'value',
          message: `this mapping has ${issue.keys.length} unknown keys: the first ${MAX_UNKNOWN_KEYS} are reported, ${more} more are not`,
        });
      for (const key of more > 0 ? issue.keys.slice(0, MAX_UNKNOWN_KEYS) : issue.keys) {
        push({
          ...base,
          code: 'unknown-key',
          path: [...path, key],
          anchor: 'key',
          message:
            key === '<<'
              ? 'unknown key "<<": merge keys ("<<: *anchor") are not part of YAML 1.2, which courtfile reads; write the keys out'
              : message('unknown-key', { key, suggestion: suggestKey(key, candidates) }),
          // A key written `~`, `True` or `1.50` is named as written once placed.
          ...(RESOLVED_KEY.test(key)
            ? { asWritten: { shown: `"${key}"`, as: 'quote' as const } }
            : {}),
        });
      }
      continue;
    }
    const found = lookup(value, rel);
    const last = rel[rel.length - 1];
    if (!found.exists && last !== undefined && typeof last === 'string') {
      push({
        ...base,
        code: 'required',
        path,
        anchor: 'parent',
        message: message('required', { key: last }),
      });
      continue;
    }
    if (typeof found.value === 'number' && !Number.isFinite(found.value) && acceptsNumbers(issue)) {
      // `.inf`, `.nan`: the YAML type is right (a number), its value is not (zod's number
      // refuses non-finite values with a type issue).
      push({
        ...base,
        code: 'invalid-value',
        path,
        anchor: 'value',
        message: message('invalid-value', {
          detail: 'not a finite number: .inf and .nan are refused',
        }),
      });
      continue;
    }
    if (
      issue.code === 'invalid_type' ||
      (issue.code === 'invalid_union' && issue.errors.length > 0)
    ) {
      const expected =
        issue.code === 'invalid_type' ? (EXPECTED[issue.expected] ?? issue.expected) : undefined;
      const hint =
        typeof found.value === 'number' &&
        issue.code === 'invalid_type' &&
        issue.expected === 'string'
          ? ' (YAML read it as a number: write it in quotes)'
          : '';
      const detail =
        issue.code === 'invalid_type'
          ? `expected ${expected}, found ${yamlTypeName(found.value)}${hint}`
          : `${issue.message}, found ${yamlTypeName(found.value)}`;
      push({
        ...base,
        code: 'invalid-type',
        path,
        anchor: 'value',
        message: message('invalid-type', { detail }),
        ...typeAsWritten(found.value),
      });
      continue;
    }
    if (issue.code === 'invalid_value' && typeof found.value !== 'string' && isWordChoice(issue)) {
      // A fixed choice of words: a value that is not a string has the wrong YAML type.
      push({
        ...base,
        code: 'invalid-type',
        path,
        anchor: 'value',
        message: message('invalid-type', {
          detail: `expected ${choiceText(issue)}, found ${yamlTypeName(found.value)}`,
        }),
        ...typeAsWritten(found.value),
      });
      continue;
    }
    let detail = issue.message;
    // A discriminated union (a mapping's `records`) given a word it does not know: zod's
    // own wording (`Invalid discriminator value. Expected 'transfers' | ...`) spoke code.
    const discriminator =
      issue.code === 'invalid_union' && issue.errors.length === 0 && 'options' in issue;
    if (discriminator)
      detail = notAllowed(found.value, (issue as { options: readonly unknown[] }).options);
    else if (issue.code === 'invalid_value') {
      detail = allowedValues(issue);
      if (typeof found.value === 'string')
        detail = `"${shorten(found.value)}" is not allowed here; ${detail}`;
    } else if (issue.code === 'too_small' || issue.code === 'too_big') {
      detail = issue.message.startsWith('Too') ? describeRange(issue) : issue.message;
    }
    if (found.value === '' && issue.code === 'too_small') {
      // Nothing to quote: the key is named instead (`"": must not be empty` named nothing).
      const [list, key] = path.slice(-2);
      const name =
        typeof key === 'string'
          ? `"${key}"`
          : typeof list === 'string' && typeof key === 'number'
            ? `item ${key + 1} of "${list}"`
            : 'this value';
      detail = `${name} ${detail}`;
    } else if (
      (typeof found.value === 'string' || typeof found.value === 'number') &&
      issue.code !== 'invalid_value' &&
      !discriminator
    ) {
      detail = `${quote(found.value)}: ${detail}`;
    }
    push({
      ...base,
      code: 'invalid-value',
      path,
      anchor: 'value',
      message: message('invalid-value', { detail }),
      // A number's text is not kept: `-0.0` is quoted as written once placed.
      ...(typeof found.value === 'number' && !discriminator
        ? { asWritten: { shown: quote(found.value), as: 'quote' as const } }
        : {}),
    });
  }
  return out;
}

/** Keys that may have been written otherwise: null, booleans, numbers. */
const RESOLVED_KEY = /^(?:null|true|false|[-+.0-9].*)$/;

/** For a number's type in a message ("an integer" for `-0.0`): fixed once placed. */
function typeAsWritten(v: unknown): Pick<Finding, 'asWritten'> {
  return typeof v === 'number' && Number.isFinite(v)
    ? { asWritten: { shown: `found ${yamlTypeName(v)}`, as: 'type' } }
    : {};
}

/** `must be 1`, `must be one of: a, b`: the values an invalid_value issue allows. */
function allowedValues(issue: z.core.$ZodIssueInvalidValue): string {
  return issue.values.length === 1
    ? `must be ${JSON.stringify(issue.values[0])}`
    : `must be one of: ${issue.values.map((v) => String(v)).join(', ')}`;
}

/** `"B9" is not allowed here; must be one of: A4, A3` (`5` for a number; another value: its YAML type). */
export function notAllowed(value: unknown, options: readonly unknown[]): string {
  const shown =
    typeof value === 'string'
      ? `"${shorten(value)}"`
      : typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : yamlTypeName(value);
  return `${shown} is not allowed here; must be one of: ${options.map(String).join(', ')}`;
}

/** Whether `issue` is about a fixed choice whose allowed values are all strings. */
function isWordChoice(issue: z.core.$ZodIssue): issue is z.core.$ZodIssueInvalidValue {
  return (
    issue.code === 'invalid_value' &&
    issue.values.length > 0 &&
    issue.values.every((v) => typeof v === 'string')
  );
}

/** `one of: a, b, c (a string)` or `"a" (a string)`: the allowed words, for invalid-type. */
function choiceText(issue: z.core.$ZodIssueInvalidValue): string {
  const words =
    issue.values.length === 1
      ? JSON.stringify(issue.values[0])
      : `one of: ${issue.values.map((v) => String(v)).join(', ')}`;
  return `${words} (a string)`;
}

function describeRange(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
  const word = issue.code === 'too_small' ? 'at least' : 'at most';
  if (issue.origin === 'array') return `must have ${word} ${bound} item(s)`;
  if (issue.origin === 'string') return `must have ${word} ${bound} character(s)`;
  return `must be ${word} ${bound}`;
}

/**
 * A value quoted in a message: in double quotes, with `"` and `\` escaped and a lone
 * surrogate written `\uXXXX`. Control and line-break characters stay as they are: the
 * output formats escape them (escapeForTerminal, JSON) once victims' identities are
 * masked in the message. Escaped here (`JSON.stringify`), `Quilla\u000bbast` was no
 * longer a victim's name to the redactor, and was printed whole (an audit).
 */
function quote(v: string | number): string {
  const text = shorten(String(v))
    .replace(/["\\]/g, '\\$&')
    .replace(LONE_SURROGATES, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  return `"${text}"`;
}
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** The range of whole numbers an integer schema among `schemas` takes, if there is one. */
function integerBounds(
  schemas: readonly z.core.$ZodType[],
): { min: number; max: number } | undefined {
  for (const s of schemas) {
    const def = s._zod.def as unknown as Record<string, unknown>;
    if (def.type !== 'number' || def.format !== 'safeint') continue;
    let min = Number.MIN_SAFE_INTEGER;
    let max = Number.MAX_SAFE_INTEGER;
    for (const check of (def.checks ?? []) as z.core.$ZodCheck[]) {
      const c = check._zod.def as unknown as {
        check: string;
        value?: unknown;
        inclusive?: boolean;
      };
      if (typeof c.value !== 'number') continue;
      if (c.check === 'greater_than') min = Math.max(min, c.inclusive ? c.value : c.value + 1);
      if (c.check === 'less_than') max = Math.min(max, c.inclusive ? c.value : c.value - 1);
    }
    return { min, max };
  }
  return undefined;
}

const boundText = (n: number): string =>
  n === Number.MAX_SAFE_INTEGER
    ? `${n} (2^53 - 1)`
    : n === Number.MIN_SAFE_INTEGER
      ? `${n} (-(2^53 - 1))`
      : String(n);

/**
 * A number kept as its text (see NumberLiteral). Written in another form than a decimal
 * (hexadecimal, octal, with an exponent, or with a !!int / !!float tag): where text is
 * expected, the usual invalid-type; where a number is, invalid-value (a number must be
 * written as a decimal). A decimal with more digits than a double holds ('inexact'):
 * where text is expected, invalid-type as any unquoted number; in an integer field,
 * invalid-value naming the range (amounts and rates take it: it never comes here valid).
 */
function numberLiteralFinding(
  literal: NumberLiteral,
  /** The issue about the literal itself; undefined when zod looked inside it (a mapping expected). */
  issue: z.core.$ZodIssue | undefined,
  at: Pick<Finding, 'severity' | 'file' | 'path'>,
  /** The range of an integer field, when the literal is an inexact decimal written in one. */
  bounds?: { min: number; max: number },
): Finding {
  // A field of fixed values (the format's version, `courtfile: 1`): what it allows.
  const allowed =
    issue?.code === 'invalid_value' && issue.values.length > 0 ? allowedValues(issue) : undefined;
  if (issue !== undefined && isWordChoice(issue)) {
    return {
      ...at,
      code: 'invalid-type',
      anchor: 'value',
      message: message('invalid-type', {
        detail: `expected ${choiceText(issue)}, found ${yamlTypeName(literal)}`,
      }),
    };
  }
  const expected =
    issue === undefined ? 'object' : issue.code === 'invalid_type' ? issue.expected : undefined;
  const inexact = literal.form === 'inexact';
  if (expected === 'string' || expected === 'object' || expected === 'array') {
    const hint = inexact
      ? ' (YAML read it as a number: write it in quotes)'
      : ' (write it in quotes)';
    return {
      ...at,
      code: 'invalid-type',
      anchor: 'value',
      message: message('invalid-type', {
        detail: `expected ${EXPECTED[expected] ?? expected}, found ${yamlTypeName(literal)}${expected === 'string' ? hint : ''}`,
      }),
    };
  }
  if (inexact) {
    const written = `${literal.describe()} ${shorten(literal.text)}`;
    let detail: string;
    if (bounds) {
      const whole = !literal.text.includes('.');
      detail = `${written} ${whole ? 'is out of range' : 'is not a whole number'}: must be a whole number from ${boundText(bounds.min)} to ${boundText(bounds.max)}`;
    } else if (literal.text.startsWith('-') && issue?.code === 'custom') {
      // A decimal field (amount, rate) refusing a negative number.
      detail = `${written}: must be greater than 0`;
    } else if (allowed !== undefined) {
      detail = `${written}: ${allowed}`;
    } else if (issue?.code === 'invalid_type' && issue.message.startsWith('Invalid')) {
      // A number field whose bounds are not known here (a mapping's `header-row`).
      detail = `${written} ${literal.text.includes('.') ? 'is not a whole number' : 'is out of range'}: it has more digits than a number holds exactly`;
    } else
      // Our schemas' own messages; never zod's English defaults ("Invalid input: expected
      // number, received NumberLiteral").
      detail = `${written}: ${issue?.message && !issue.message.startsWith('Invalid') ? issue.message : 'not accepted here'}`;
    return {
      ...at,
      code: 'invalid-value',
      anchor: 'value',
      message: message('invalid-value', { detail }),
    };
  }
  return {
    ...at,
    code: 'invalid-value',
    anchor: 'value',
    message: message('invalid-value', {
      detail: `${literal.describe()} ${shorten(literal.text)} is not accepted: write a number as a decimal, digits with an optional "." (such as 16 or 45.00)`,
    }),
  };
}
