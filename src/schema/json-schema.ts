import { z } from 'zod';
import { DossierSchema, IncludedFileSchema } from './dossier.js';

export const SCHEMA_ID = 'https://courtfile.invalid/schema/dossier-1.json';

/**
 * The JSON Schema (draft 2020-12) of a dossier root file, generated from the zod
 * schema (one source of truth). `io: 'input'`: what a person may write (defaults are
 * optional). Refinements (real dates, checksums, cross-record rules) are not in it:
 * only `courtfile validate` checks everything.
 */
export function dossierJsonSchema(kind: 'root' | 'include' = 'root'): Record<string, unknown> {
  const schema = z.toJSONSchema(kind === 'root' ? DossierSchema : IncludedFileSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: kind === 'root' ? SCHEMA_ID : SCHEMA_ID.replace('dossier-1', 'included-1'),
    ...schema,
  };
}
