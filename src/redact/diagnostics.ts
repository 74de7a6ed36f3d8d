/**
 * Diagnostics never show a victim's identity, whatever the format (text, JSON, GitHub
 * annotations) and even with `--reveal-victims`: they go to terminals, logs and pull
 * requests. A message that would quote a victim's invalid e-mail address, phone number,
 * IBAN or birth date, or a victim's name written where an id was expected, says
 * `[redacted]` instead; so do the keys of the diagnostic's path.
 */
import type { PathSegment } from '../model/dossier.js';
import type { Redactor } from './redactor.js';

/** What replaces a victim's identity in diagnostics. */
export const DIAGNOSTIC_MASK = '[redacted]';

/** The diagnostics, with victims' identities masked in messages and path keys. */
export function redactDiagnostics<
  T extends { readonly message: string; readonly path: readonly PathSegment[] },
>(diagnostics: readonly T[], redactor: Redactor): T[] {
  if (!redactor.active) return [...diagnostics];
  return diagnostics.map((d) => {
    // Printed on one line, line breaks and tabs escaped: they join words (Redactor.scrub).
    const message = redactor.scrub(d.message, true);
    let path = d.path;
    for (const [i, seg] of d.path.entries()) {
      if (typeof seg !== 'string') continue;
      const scrubbed = redactor.scrub(seg, true);
      if (scrubbed === seg) continue;
      if (path === d.path) path = [...d.path];
      (path as PathSegment[])[i] = scrubbed;
    }
    return message === d.message && path === d.path ? d : { ...d, message, path };
  });
}

/**
 * The diagnostics, with victims' identities masked in the names of their files too: an
 * exhibit file or an included file may be named after a victim
 * (`exhibits/E10/valtrexa-chat.txt`). Applied as they are printed, once sorted (their
 * order follows the files' real names).
 */
export function maskDiagnosticFiles<T extends { readonly file: string }>(
  diagnostics: readonly T[],
  redactor: Redactor | undefined,
): readonly T[] {
  if (redactor === undefined || !redactor.active) return diagnostics;
  return diagnostics.map((d) => {
    // (As the other places that mask the dossier's file names: the same masked name in
    // every field and every format, SARIF URIs included.)
    const file = redactor.scrub(d.file);
    return file === d.file ? d : { ...d, file };
  });
}
