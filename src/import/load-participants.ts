import path from 'node:path';
import { z } from 'zod';
import type { Diagnostic, Finding } from '../diagnostics/diagnostic.js';
import { message } from '../diagnostics/messages.js';
import { locateFindings } from '../load/locate.js';
import { parseFast } from '../load/parse-fast.js';
import { readSource } from '../load/source-text.js';
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
}

/** Read and check a participants file; its diagnostics are located in it like a dossier's. */
export async function loadParticipants(file: string, cwd: string): Promise<LoadedParticipants> {
  const abs = path.resolve(cwd, file);
  const text = await readSource(abs, file);
  const findings: Finding[] = [];
  const syntax = (detail: string, offset: number): Finding => ({
    code: 'yaml-syntax',
    severity: 'error',
    file,
    path: [],
    anchor: 'value',
    message: message('yaml-syntax', { detail }),
    offset,
  });
  let participants: Map<string, string> | undefined;
  if (text.problem) findings.push(syntax(text.problem.message, text.problem.offset));
  else {
    const parsed = parseFast(text.text, file);
    if (!parsed.ok) {
      const { parseExact } = await import('../load/parse-exact.js');
      const exact = parseExact(text.text).problems;
      for (const p of (exact.length ? exact : [parsed.problem]).slice(0, 100))
        findings.push(syntax(p.message, p.offset));
    } else {
      const result = ParticipantsSchema.safeParse(parsed.value);
      if (result.success) participants = new Map(Object.entries(result.data));
      else findings.push(...schemaFindings(result.error.issues, parsed.value, file, []));
    }
  }
  const diagnostics = await locateFindings(
    findings,
    [{ name: file, absPath: abs, sha256: text.sha256 }],
    new Map([[file, text.text]]),
  );
  return {
    participants: diagnostics.some((d) => d.severity === 'error') ? undefined : participants,
    diagnostics,
  };
}
