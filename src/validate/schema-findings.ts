import type { z } from 'zod';
import type { Finding } from '../diagnostics/diagnostic.js';
import { message } from '../diagnostics/messages.js';
import type { PathSegment } from '../model/dossier.js';
import { ALL_KEYS } from './known-keys.js';

/** The YAML-level type name of a value, for messages. */
export function yamlTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'nothing (null)';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'string':
      return 'a string';
    case 'number':
      return Number.isInteger(v) ? 'an integer' : 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'a mapping';
    default:
      return typeof v;
  }
}

const EXPECTED: Record<string, string> = {
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

export function suggestKey(
  key: string,
  candidates: Iterable<string> = ALL_KEYS,
): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(key.toLowerCase(), c);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return bestD <= Math.max(1, Math.floor(key.length / 3)) ? best : undefined;
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
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        push({
          ...base,
          code: 'unknown-key',
          path: [...path, key],
          anchor: 'key',
          message: message('unknown-key', { key, suggestion: suggestKey(key) }),
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
      });
      continue;
    }
    let detail = issue.message;
    if (issue.code === 'invalid_value') {
      detail =
        issue.values.length === 1
          ? `must be ${JSON.stringify(issue.values[0])}`
          : `must be one of: ${issue.values.map((v) => String(v)).join(', ')}`;
      if (typeof found.value === 'string')
        detail = `"${found.value}" is not allowed here; ${detail}`;
    } else if (issue.code === 'too_small' || issue.code === 'too_big') {
      detail = issue.message.startsWith('Too') ? describeRange(issue) : issue.message;
    }
    if (
      (typeof found.value === 'string' || typeof found.value === 'number') &&
      issue.code !== 'invalid_value'
    ) {
      detail = `${quote(found.value)}: ${detail}`;
    }
    push({
      ...base,
      code: 'invalid-value',
      path,
      anchor: 'value',
      message: message('invalid-value', { detail }),
    });
  }
  return out;
}

function describeRange(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
  const word = issue.code === 'too_small' ? 'at least' : 'at most';
  if (issue.origin === 'array') return `must have ${word} ${bound} item(s)`;
  if (issue.origin === 'string') return `must have ${word} ${bound} character(s)`;
  return `must be ${word} ${bound}`;
}

function quote(v: string | number): string {
  const s = String(v);
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);
}
