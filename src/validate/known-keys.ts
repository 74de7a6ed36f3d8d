import { z } from 'zod';
import {
  CaseSchema,
  CustodyEventSchema,
  DossierSchema,
  ExhibitFileSchema,
  RECORD_LISTS,
  SourceLocatorSchema,
} from '../schema/dossier.js';

/** Every key the format defines anywhere, for "did you mean" suggestions. */
function keysOf(schema: z.ZodType): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

export const ALL_KEYS: ReadonlySet<string> = new Set([
  ...keysOf(DossierSchema),
  ...keysOf(CaseSchema),
  ...keysOf(ExhibitFileSchema),
  ...keysOf(CustodyEventSchema),
  ...keysOf(SourceLocatorSchema),
  'from',
  'to',
  ...Object.values(RECORD_LISTS).flatMap((s) => keysOf(s)),
]);
