/** Types of case-validate.mjs (a plain JavaScript module, vendored: see its header). */

export interface CaseResult {
  readonly severity: 'Violation' | 'Warning' | 'Info';
  readonly message: string;
  /** The focus node as printed (compact IRI, or blank node with its type). */
  readonly focus: string;
  /** The focus node's full IRI when it is an IRI. */
  readonly focusIri?: string;
  readonly focusIsBlank?: boolean;
  /** The property path as printed (compact), `-` when none. */
  readonly path: string;
  readonly value?: string;
  /** Constraint component (compact IRI), or `jsonld` / `undefined-concept`. */
  readonly component: string;
  readonly shape?: string;
  readonly results: readonly CaseResult[];
}

export interface CaseReport {
  readonly conforms: boolean;
  readonly violations: number;
  readonly warnings: number;
  readonly infos: number;
  readonly results: readonly CaseResult[];
  /** What the command line prints. */
  readonly text: string;
}

export interface CaseInput {
  /** A file name: its file URL is the base IRI; it names the input in messages. */
  readonly name: string;
  /** The parsed JSON-LD document. */
  readonly doc: unknown;
}

export function validateCase(
  inputs: readonly CaseInput[],
  options?: { ontologyDir?: string; supplements?: string[]; each?: boolean; info?: boolean },
): Promise<CaseReport>;

export class UsageError extends Error {}
