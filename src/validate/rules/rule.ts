import type { Anchor, Finding } from '../../diagnostics/diagnostic.js';
import type { Code, Severity } from '../../diagnostics/codes.js';
import type { MessageArgs } from '../../diagnostics/messages.js';
import { message } from '../../diagnostics/messages.js';
import type { Origin, PathSegment } from '../../model/dossier.js';
import type { Draft } from '../draft.js';

/** What a cross-record rule sees: the records that passed their schema, and a reporter. */
export interface RuleContext {
  readonly draft: Draft;
  /** Report a problem at `origin.path` + `sub`. */
  report(
    code: Code,
    origin: Origin,
    sub: readonly PathSegment[],
    args: MessageArgs,
    options?: { severity?: Severity; anchor?: Anchor },
  ): void;
}

export type Rule = (ctx: RuleContext) => void;

export function makeContext(draft: Draft, findings: Finding[]): RuleContext {
  return {
    draft,
    report(code, origin, sub, args, options = {}) {
      findings.push({
        code,
        severity: options.severity ?? 'error',
        file: origin.file,
        path: [...origin.path, ...sub],
        anchor: options.anchor ?? 'value',
        message: message(code, args),
      });
    },
  };
}
