import { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { append } from '../append.js';
import { readYamlFile } from '../load/load-dossier.js';
import { schemaFindings } from '../validate/schema-findings.js';

/**
 * `--participants FILE`: YAML `shown name: identifier`. Identifiers are text, as in a
 * dossier: an unquoted `0612345678` is the number 612345678 to YAML, which would silently
 * lose its leading zero, so it is `invalid-type` there (write it in quotes).
 */
const ParticipantsSchema = z.record(z.string(), z.string().min(1, { error: 'must not be empty' }));

export interface LoadedParticipants {
  readonly participants?: ReadonlyMap<string, string>;
  readonly diagnostics: readonly Diagnostic[];
  /** SHA-256 of the file's bytes (OUT's header names it: `sha256sum` checks it). */
  readonly sha256: string;
}

/** Read and check a participants file; its diagnostics are located in it like a dossier's. */
export async function loadParticipants(file: string, cwd: string): Promise<LoadedParticipants> {
  const { value, findings, locate, sha256 } = await readYamlFile(file, cwd);
  let participants: Map<string, string> | undefined;
  if (findings.length === 0) {
    const result = ParticipantsSchema.safeParse(value);
    if (result.success) participants = new Map(Object.entries(result.data));
    else append(findings, schemaFindings(result.error.issues, value, file, []));
  }
  const diagnostics = await locate(findings);
  return {
    participants: diagnostics.some((d) => d.severity === 'error') ? undefined : participants,
    diagnostics,
    sha256,
  };
}
