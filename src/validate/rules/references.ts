import type { PathSegment } from '../../model/dossier.js';
import type { RecordKind } from '../draft.js';
import type { Rule, RuleContext } from './rule.js';
import type { Origin } from '../../model/dossier.js';

type Expect = { kinds: readonly RecordKind[]; role?: string; label: string };

const PERSON_OR_ACCOUNT: Expect = { kinds: ['person', 'account'], label: 'a person or an account' };
const ACCOUNT: Expect = { kinds: ['account'], label: 'an account' };
const EVIDENCE: Expect = { kinds: ['evidence'], label: 'an exhibit (evidence record)' };
const PERSON: Expect = { kinds: ['person'], label: 'a person' };
const SUSPECT: Expect = { kinds: ['person'], role: 'suspect', label: 'a person with role suspect' };
const VICTIM: Expect = { kinds: ['person'], role: 'victim', label: 'a person with role victim' };

const KIND_LABEL: Record<RecordKind, string> = {
  person: 'a person',
  account: 'an account',
  charge: 'a charge',
  evidence: 'an exhibit',
  transfer: 'a transfer',
  exchange: 'an exchange',
};

function check(
  ctx: RuleContext,
  id: string,
  expect: Expect,
  origin: Origin,
  sub: PathSegment[],
): void {
  const entry = ctx.draft.ids.get(id);
  // A person whose role is itself invalid is reported once, at the role: no cascade here.
  if (!entry) {
    ctx.report('unknown-reference', origin, sub, {
      id,
      expected: expect.label.replace(/^an? /, ''),
    });
    return;
  }
  if (!expect.kinds.includes(entry.kind)) {
    ctx.report('reference-kind', origin, sub, {
      id,
      actual: KIND_LABEL[entry.kind],
      expected: expect.label,
    });
  } else if (expect.role && entry.role !== undefined && entry.role !== expect.role) {
    ctx.report('reference-kind', origin, sub, {
      id,
      actual: `a person with role ${entry.role ?? 'unknown'}`,
      expected: expect.label,
    });
  }
}

/** Every reference names an existing record of the allowed kind (and role). */
export const references: Rule = (ctx) => {
  const { draft } = ctx;
  for (const { data, origin } of draft.accounts) {
    if (data.holder !== undefined) check(ctx, data.holder, PERSON, origin, ['holder']);
    if (data.attribution !== undefined)
      check(ctx, data.attribution, EVIDENCE, origin, ['attribution']);
  }
  for (const { data, origin } of draft.charges) {
    data.suspects.forEach((id, i) => check(ctx, id, SUSPECT, origin, ['suspects', i]));
    data.victims?.forEach((id, i) => check(ctx, id, VICTIM, origin, ['victims', i]));
    data.evidence?.forEach((id, i) => check(ctx, id, EVIDENCE, origin, ['evidence', i]));
  }
  for (const { data, origin } of draft.transfers) {
    check(ctx, data.from, PERSON_OR_ACCOUNT, origin, ['from']);
    check(ctx, data.to, PERSON_OR_ACCOUNT, origin, ['to']);
    check(ctx, data.evidence, EVIDENCE, origin, ['evidence']);
  }
  for (const { data, origin } of draft.exchanges) {
    check(ctx, data.from, ACCOUNT, origin, ['from']);
    data.to.forEach((id, i) => check(ctx, id, ACCOUNT, origin, ['to', i]));
    check(ctx, data.evidence, EVIDENCE, origin, ['evidence']);
  }
};
