import type { Anchor, Finding } from '../../diagnostics/diagnostic.js';
import type { Code, Severity } from '../../diagnostics/codes.js';
import type { MessageArgs } from '../../diagnostics/messages.js';
import { FRENCH_MESSAGES, message } from '../../diagnostics/messages.js';
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
 * A rule about one record, needing nothing from other records: it runs as the record is
 * read. It declares the top-level fields it reads (`needs`): on a record that failed its
 * schema, it still runs on the fields that passed theirs, when all of those are among
 * them (so that one run reports all of a record's problems, and a field that failed
 * gives no finding of its own here).
 */
export interface RecordRule<T> {
  readonly needs: readonly (keyof T & string)[];
  readonly check: (data: T, origin: Origin, ctx: RecordContext) => void;
}

/**
 * Make a rule about records of type T that reads only `needs` of them: `check` sees just
 * those fields (`Pick<T, ...>`), so that it cannot read one it did not declare.
 * `recordRule<WrittenCharge>()(['period'], (data, origin, ctx) => ...)`.
 */
export function recordRule<T>() {
  return <const K extends keyof T & string>(
    needs: readonly K[],
    check: (data: Pick<T, K>, origin: Origin, ctx: RecordContext) => void,
  ): RecordRule<T> => ({ needs, check });
}

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
      ...(code in FRENCH_MESSAGES && { args }),
    });
  };
}

export function makeContext(draft: Draft, findings: Finding[]): RuleContext {
  return { draft, report: reporter(findings) };
}
