import type { z } from 'zod';
import type { RecordContext, RecordRule } from './rules/rule.js';
import type { RecordOrigin } from './draft.js';

/**
 * What a record that failed its schema still gives: the top-level fields that pass their
 * own schema, each parsed alone (an optional field left out passes too, and is present
 * here as undefined; a field with a default gets it). A field is present (`key in data`)
 * exactly when it passed. The record enters neither the lists nor the tables.
 */
export interface PartialRecord<T> {
  readonly origin: RecordOrigin;
  readonly data: Partial<T>;
}

/**
 * The fields of `item` that pass their field schema (`schema.shape[key]`). Only records
 * that failed their schema come here: a record that passes never pays for it.
 */
export function passedFields(
  schema: z.ZodObject,
  item: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const parsed = field.safeParse(item[key]);
    if (parsed.success) data[key] = parsed.data;
  }
  return data;
}

/** Whether every field in `keys` passed (is present in `data`). */
export function hasFields(data: object, keys: readonly string[]): boolean {
  for (const key of keys) if (!(key in data)) return false;
  return true;
}

/**
 * Run on a record that failed its schema the record rules whose fields all passed: its
 * other problems are reported in the same run, and no rule reads a field that failed.
 */
export function checkPassedFields<T>(
  rules: readonly RecordRule<T>[],
  data: Partial<T>,
  origin: RecordOrigin,
  ctx: RecordContext,
): void {
  for (const rule of rules) if (hasFields(data, rule.needs)) rule.check(data as T, origin, ctx);
}
