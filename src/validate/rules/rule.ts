import type { Anchor, Finding } from '../../diagnostics/diagnostic.js';
import type { Code, Severity } from '../../diagnostics/codes.js';
import type { MessageArgs } from '../../diagnostics/messages.js';
import { message } from '../../diagnostics/messages.js';
import type { Origin, PathSegment } from '../../model/dossier.js';
import type { Draft } from '../draft.js';

/** Report a problem at `origin.path` + `sub`. */
export type Report = (
  code: Code,
  origin: Origin,
  sub: readonly PathSegment[],
  args: MessageArgs,
  options?: { severity?: Severity; anchor?: Anchor },
) => void;

/** What a record rule sees besides the record: the case settings, and a reporter. */
export interface RecordContext {
  /** Case time zone and reporting currency (defaults when the case block is invalid). */
  readonly timezone: string;
  readonly currency: string;
  readonly report: Report;
}

/**
 * A rule about one record that passed its schema, needing nothing from other records:
 * it runs as the record is read.
 */
export type RecordRule<T> = (data: T, origin: Origin, ctx: RecordContext) => void;

/** What a cross-record rule sees: the records that passed their schema, and a reporter. */
export interface RuleContext {
  readonly draft: Draft;
  readonly report: Report;
}

/** A rule across records (references, rates, ...), run once every file is read. */
export type Rule = (ctx: RuleContext) => void;

/** A reporter that pushes findings to `findings`. */
export function reporter(findings: Finding[]): Report {
  return (code, origin, sub, args, options = {}) => {
    findings.push({
      code,
      severity: options.severity ?? 'error',
      file: origin.file,
      path: [...origin.path, ...sub],
      anchor: options.anchor ?? 'value',
      message: message(code, args),
    });
  };
}

export function makeContext(draft: Draft, findings: Finding[]): RuleContext {
  return { draft, report: reporter(findings) };
}
