import { z } from 'zod';
import { sortDiagnostics, type Diagnostic, type Finding } from '../../diagnostics/diagnostic.js';
import { message } from '../../diagnostics/messages.js';
import { append } from '../../append.js';
import { readYamlFile } from '../../load/load-dossier.js';
import { groupDigits } from '../../locale/number.js';
import type { PathSegment } from '../../model/dossier.js';
import { schemaFindings } from '../../validate/schema-findings.js';
import { currencyProblem, isCurrency } from '../../facts/currencies.js';
import { DECIMAL_PATTERN } from '../../schema/scalars.js';
import type { FieldSpec, Mapping } from './schema.js';
import {
  CHANNELS,
  ExchangesMapSchema,
  KINDS,
  MappingSchema,
  STATUSES,
  TransfersMapSchema,
} from './schema.js';
import { compileDatePattern } from '../values/date-pattern.js';

export interface LoadedMapping {
  readonly mapping?: Mapping;
  readonly diagnostics: readonly Diagnostic[];
  /** SHA-256 of the mapping file's bytes (OUT's header names it: `sha256sum` checks it). */
  readonly sha256: string;
}

/**
 * A union that failed: report the problems of the branch that came closest (the fewest
 * issues, a wrong type of the whole value counting as the worst), so that a misspelt key
 * in `{column: X, mapp: ...}` is an `unknown-key` at that key, as in a dossier.
 */
function closestBranch(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const out: z.core.$ZodIssue[] = [];
  for (const issue of issues) {
    if (issue.code !== 'invalid_union' || issue.errors.length === 0) {
      out.push(issue);
      continue;
    }
    const score = (branch: readonly z.core.$ZodIssue[]): number =>
      branch.some((i) => i.code === 'invalid_type' && i.path.length === 0) ? 1e6 : branch.length;
    const best = [...issue.errors].sort((a, b) => score(a) - score(b))[0]!;
    if (score(best) >= 1e6) {
      out.push(issue);
      continue;
    }
    for (const inner of closestBranch(best))
      out.push({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue);
  }
  return out;
}

/**
 * Entries a list or mapping of a mapping file may hold. A mapping is a few dozen lines;
 * a list of 200,000 values (an audit: `only: {values: [...]}`) made zod hand its problems
 * on as the arguments of one call, which overflowed the stack (an internal error).
 */
const MAX_ENTRIES = 10_000;

/** The first list or mapping in `value` (depth first) with more than MAX_ENTRIES entries. */
function oversized(
  value: unknown,
  path: PathSegment[],
): { path: PathSegment[]; what: string; size: number } | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const entries: [PathSegment, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  if (entries.length > MAX_ENTRIES)
    return { path, what: Array.isArray(value) ? 'list' : 'mapping', size: entries.length };
  for (const [key, v] of entries) {
    const found = oversized(v, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/** The fields of a mapping, by dossier key: all of them, or those that passed their own check. */
type MappedFields = Readonly<Record<string, unknown>>;

/**
 * Read and check a mapping file; its diagnostics are located in it like a dossier's, all
 * of them in one run (a misspelt key does not hide a bad date format or constant), in the
 * order of their places.
 */
export async function loadMapping(file: string, cwd: string): Promise<LoadedMapping> {
  const { value, findings, locate, sha256 } = await readYamlFile(file, cwd);
  let mapping: Mapping | undefined;
  const huge = oversized(value, []);
  if (findings.length === 0 && huge !== undefined)
    findings.push({
      code: 'invalid-value',
      severity: 'error',
      file,
      path: huge.path,
      anchor: 'key',
      message: message('invalid-value', {
        detail: `this ${huge.what} has ${groupDigits(String(huge.size), ',')} entries: a mapping file's lists and mappings hold at most ${groupDigits(String(MAX_ENTRIES), ',')}`,
      }),
    });
  else if (findings.length === 0) {
    const result = MappingSchema.safeParse(value);
    if (result.success) {
      mapping = result.data;
      append(findings, valueFindings(mapping.fields, file));
    } else {
      append(findings, schemaFindings(closestBranch(result.error.issues), value, file, []));
      // A `records` that is neither kind chose no branch: the keys both kinds have are
      // checked on their own (an unknown key, a missing `fields`), as they are otherwise.
      if (isRecord(value) && value.records !== 'transfers' && value.records !== 'exchanges') {
        const common = CommonMapSchema.safeParse(value);
        if (!common.success) append(findings, schemaFindings(common.error.issues, value, file, []));
      }
      append(findings, valueFindings(fieldsThatPass(value), file));
    }
  }
  const diagnostics = sortDiagnostics(await locate(findings));
  return {
    mapping: diagnostics.some((d) => d.severity === 'error') ? undefined : mapping,
    diagnostics,
    sha256,
  };
}

/**
 * What every mapping has whatever its `records`: its other keys as the schemas say, any
 * `records` (reported by the union), `fields` a mapping of any keys (the kind says which).
 */
const CommonMapSchema = TransfersMapSchema.omit({ records: true, fields: true }).extend({
  records: z.unknown().optional(),
  fields: z.record(z.string(), z.unknown()),
});

/**
 * The fields of a mapping that failed its schema which pass their own (by the schema of
 * its `records`; none when `records` is neither), so that their values are checked too.
 */
function fieldsThatPass(value: unknown): MappedFields {
  if (!isRecord(value) || !isRecord(value.fields)) return {};
  const shape: Readonly<Record<string, z.ZodType>> | undefined =
    value.records === 'transfers'
      ? TransfersMapSchema.shape.fields.shape
      : value.records === 'exchanges'
        ? ExchangesMapSchema.shape.fields.shape
        : undefined;
  if (!shape) return {};
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(value.fields)) {
    const schema = Object.hasOwn(shape, key) ? shape[key] : undefined;
    const parsed = schema?.safeParse(spec);
    if (parsed?.success) out[key] = parsed.data;
  }
  return out;
}

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The checks of the fields' values (date formats, constants, map values). */
function valueFindings(fields: MappedFields, file: string): Finding[] {
  return [...formatFindings(fields, file), ...constantFindings(fields, file)];
}

/** Date formats are checked when the mapping is read, not at the first row. */
function formatFindings(fields: MappedFields, file: string): Finding[] {
  const out: Finding[] = [];
  for (const [key, spec] of Object.entries(fields)) {
    if (!isRecord(spec) || typeof spec.format !== 'string') continue;
    const compiled = compileDatePattern(spec.format);
    if (typeof compiled === 'string')
      out.push({
        code: 'invalid-value',
        severity: 'error',
        file,
        path: ['fields', key, 'format'],
        anchor: 'value',
        message: message('invalid-value', { detail: `date format "${spec.format}": ${compiled}` }),
      });
  }
  return out;
}

/** The values an enumerated field must end up as, by field. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  channel: CHANNELS,
  status: STATUSES,
  kind: KINDS,
};

/**
 * A constant (`{value}`) and a map's values are checked when the mapping is read, once, at
 * their place in MAP: not at every row of the export, where --skip-invalid would leave
 * every row out.
 */
function constantFindings(fields: MappedFields, file: string): Finding[] {
  const out: Finding[] = [];
  const invalid = (p: readonly (string | number)[], detail: string): Finding => ({
    code: 'invalid-value',
    severity: 'error',
    file,
    path: ['fields', ...p],
    anchor: 'value',
    message: message('invalid-value', { detail }),
  });
  const specs = fields as Readonly<Record<string, FieldSpec | undefined>>;
  for (const [key, allowed] of Object.entries(ALLOWED)) {
    const spec = specs[key];
    if (spec === undefined || typeof spec === 'string') continue;
    // A map's value must be one of them too: "" (an empty cell, as a key) is not a value
    // (a status mapped to "" counted a pending payment as completed).
    const check = (v: string, p: readonly string[]) => {
      if (!allowed.includes(v.trim()))
        out.push(invalid([key, ...p], `${key} "${v}" is not one of ${allowed.join(', ')}`));
    };
    if ('value' in spec) check(String(spec.value), ['value']);
    else for (const [cell, v] of Object.entries(spec.map ?? {})) check(v, ['map', cell]);
  }
  // An amount constant is written as in a dossier, a point before its decimals, whatever
  // `decimal` says of the export's cells: `{value: 12.345}` under `decimal: ","` was read
  // as 12345, a thousands separator, with no message.
  const amount = specs.amount;
  if (amount !== undefined && typeof amount !== 'string' && 'value' in amount) {
    const v = String(amount.value);
    if (!DECIMAL_PATTERN.test(v.trim()))
      out.push(
        invalid(
          ['amount', 'value'],
          `amount "${v}": a constant amount is written as in a dossier, digits with a point before its decimals (12.34), whatever decimal says of the export's cells`,
        ),
      );
  }
  const currency = specs.currency;
  if (currency !== undefined && typeof currency !== 'string') {
    const check = (v: string, p: readonly string[]) => {
      const code = v.trim().toUpperCase();
      if (!isCurrency(code))
        out.push(invalid(['currency', ...p], `currency "${v}": ${currencyProblem(code)}`));
    };
    if ('value' in currency) check(String(currency.value), ['value']);
    else for (const [cell, v] of Object.entries(currency.map ?? {})) check(v, ['map', cell]);
  }
  return out;
}
