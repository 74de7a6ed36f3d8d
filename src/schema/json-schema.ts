import { z } from 'zod';
import { DossierSchema, IncludedFileSchema, PersonSchema } from './dossier.js';
import { DECIMAL_PATTERN, MAX_DECIMAL_CHARS, decimal } from './scalars.js';

export const SCHEMA_ID = 'https://courtfile.invalid/schema/dossier-1.json';

/**
 * The JSON Schema (draft 2020-12) of a dossier root file, generated from the zod
 * schema (one source of truth). `io: 'input'`: what a person may write (defaults are
 * optional). Refinements (real dates, checksums, cross-record rules) are not in it:
 * only `courtfile validate` checks everything. Two refinements are stated by hand
 * (stateRefinements), being shapes an editor can check as one types: decimals (amounts,
 * rates) > 0, written with digits and an optional point; a victim's pseudonym, and
 * anyone else's name.
 */
export function dossierJsonSchema(kind: 'root' | 'include' = 'root'): Record<string, unknown> {
  const schema = z.toJSONSchema(kind === 'root' ? DossierSchema : IncludedFileSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    override: stateRefinements,
  }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: kind === 'root' ? SCHEMA_ID : SCHEMA_ID.replace('dossier-1', 'included-1'),
    ...schema,
  };
}

/**
 * What the zod refinements of `decimal` and the person-identity rule say, in JSON Schema:
 * a decimal is a number > 0 or a string of digits with an optional point and at least
 * one digit other than 0, of at most MAX_DECIMAL_CHARS characters (`"10,00"`, `0`, `-5`
 * are refused); a victim needs a `pseudonym`, anyone else a `name`.
 */
function stateRefinements(ctx: { zodSchema: unknown; jsonSchema: Record<string, unknown> }): void {
  const json = ctx.jsonSchema;
  if (ctx.zodSchema === decimal) {
    delete json.type;
    json.anyOf = [
      { type: 'number', exclusiveMinimum: 0 },
      {
        type: 'string',
        // The schema's own pattern, and a digit other than 0 somewhere (> 0).
        pattern: `^(?=[0-9.]*[1-9])${DECIMAL_PATTERN.source.slice(1)}`,
        maxLength: MAX_DECIMAL_CHARS,
      },
    ];
  } else if (ctx.zodSchema === PersonSchema) {
    json.if = { properties: { role: { const: 'victim' } }, required: ['role'] };
    // Each key named in its `properties` too: strict validators (ajv) refuse a `required`
    // key that no `properties` beside it defines.
    json.then = { properties: { pseudonym: {} }, required: ['pseudonym'] };
    json.else = { properties: { name: {} }, required: ['name'] };
  }
}
