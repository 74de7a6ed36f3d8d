import type { PathSegment } from '../model/dossier.js';
import type { Code, Severity } from './codes.js';
import type { MessageArgs } from './messages.js';

/**
 * Which node of the path a finding points at:
 * - `value`: the node at `path` (a wrong value, a bad reference);
 * - `key`: the mapping key whose name is the last segment of `path` (unknown keys);
 * - `parent`: the mapping that holds the last segment of `path` (a missing key).
 */
export type Anchor = 'value' | 'key' | 'parent';

/**
 * A problem as detected: file + path in the YAML, no line/column yet. Positions are
 * resolved at the edge (see src/load/locate.ts), only for files that have findings.
 */
export interface Finding {
  readonly code: Code;
  readonly severity: Severity;
  /** Display name of the file. */
  readonly file: string;
  readonly path: readonly PathSegment[];
  readonly anchor: Anchor;
  readonly message: string;
  /** When known at detection time (syntax errors), the offset in the file's text. */
  readonly offset?: number;
  /**
   * A part of `message` that shows a scalar by its parsed value (`"0"` for `-0.0`, "an
   * integer", the key "null" for `~`): once placed, it is replaced by what the file has
   * at that place, when that is a plain scalar of the same kind (see locate.ts).
   */
  readonly asWritten?: { readonly shown: string; readonly as: 'quote' | 'type' };
  /**
   * The arguments `message` was made of, kept for the codes a document lists in its
   * warnings annex (FRENCH_MESSAGES), which says them in the document's language.
   */
  readonly args?: MessageArgs;
}

/** A located diagnostic, ready to print. Line and column are 1-based. */
export interface Diagnostic {
  readonly code: Code;
  readonly severity: Severity;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly path: readonly PathSegment[];
  /** As Finding's: the message's arguments, for a document in another language. */
  readonly args?: MessageArgs;
}

export interface DiagnosticCounts {
  readonly errors: number;
  readonly warnings: number;
}

export function countDiagnostics(diagnostics: readonly { severity: Severity }[]): DiagnosticCounts {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}

/**
 * The diagnostics as `--strict` has them: every warning an error, with the same code,
 * place and message; errors as they are. Applied by each command where it gathers its
 * diagnostics, before counting and printing, so that every format (text, JSON, GitHub,
 * SARIF) and every count says the same. Without `strict`, `diagnostics` itself: the
 * library's functions keep warnings as warnings unless a caller asks for this.
 */
export function underStrict<D extends { readonly severity: Severity }>(
  diagnostics: readonly D[],
  strict: boolean | undefined,
): readonly D[] {
  if (!strict || !diagnostics.some((d) => d.severity !== 'error')) return diagnostics;
  return diagnostics.map((d) => (d.severity === 'error' ? d : { ...d, severity: 'error' }));
}

/** Counts as `--strict` has them: the warnings among the errors, none left apart. */
export function countsUnderStrict<C extends DiagnosticCounts>(
  counts: C,
  strict: boolean | undefined,
): C {
  return strict && counts.warnings > 0
    ? { ...counts, errors: counts.errors + counts.warnings, warnings: 0 }
    : counts;
}

/** Stable order: by file (in the given file order), then line, column, code. */
export function sortDiagnostics(
  diagnostics: readonly Diagnostic[],
  fileOrder: readonly string[] = [],
): Diagnostic[] {
  const rank = new Map(fileOrder.map((f, i) => [f, i] as const));
  return [...diagnostics].sort((a, b) => {
    const fa = rank.get(a.file) ?? Number.MAX_SAFE_INTEGER;
    const fb = rank.get(b.file) ?? Number.MAX_SAFE_INTEGER;
    if (fa !== fb) return fa - fb;
    if (a.file !== b.file) return a.file < b.file ? -1 : 1;
    if (a.line !== b.line) return a.line - b.line;
    if (a.column !== b.column) return a.column - b.column;
    if (a.code !== b.code) return a.code < b.code ? -1 : 1;
    // Last, the message: the order is total, whatever order the findings were made in
    // (included files may be checked on several threads).
    return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
  });
}
