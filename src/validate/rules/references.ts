import type { PathSegment } from '../../model/dossier.js';
import type { IdEntry, RecordKind } from '../draft.js';
import type { Rule, RuleContext } from './rule.js';
import type { Origin } from '../../model/dossier.js';
import type { ExchangeTable, TransferTable } from '../../model/record-table.js';

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

/** An account held outside the files read (Draft.accountsElsewhere): only its kind is known. */
const ELSEWHERE: IdEntry = { kind: 'account', file: '', list: 'accounts', index: -1 };

function checkOne(
  ctx: RuleContext,
  targets: ReadonlyMap<string, IdEntry>,
  id: string,
  expect: Expect,
  origin: Origin,
  sub: readonly PathSegment[],
): void {
  const entry =
    targets.get(id) ??
    ctx.draft.ids.get(id) ??
    (ctx.draft.accountsElsewhere?.has(id) === true ? ELSEWHERE : undefined);
  // A person whose role is itself invalid is reported once, at the role: no cascade here.
  if (!entry) {
    ctx.report('unknown-reference', origin, sub, {
      id,
      // "names no person or account" (each article dropped, not only the first).
      expected: expect.label.replace(/\ban? /g, ''),
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

const AT_HOLDER = ['holder'] as const;
const AT_ATTRIBUTION = ['attribution'] as const;
const AT_FROM = ['from'] as const;
const AT_TO = ['to'] as const;
const AT_EVIDENCE = ['evidence'] as const;
const AT_SOURCE_EVIDENCE = ['source', 'evidence'] as const;

/**
 * The keys of each list's records that hold references, and what they must name: read
 * from a record that failed its schema (draft.ts looseReferences) and checked below.
 */
export const LOOSE: Readonly<Partial<Record<string, Readonly<Record<string, Expect>>>>> = {
  accounts: { holder: PERSON, attribution: EVIDENCE },
  charges: { suspects: SUSPECT, victims: VICTIM, evidence: EVIDENCE },
  transfers: {
    from: PERSON_OR_ACCOUNT,
    to: PERSON_OR_ACCOUNT,
    evidence: EVIDENCE,
    source: EVIDENCE,
  },
  exchanges: { from: ACCOUNT, to: ACCOUNT, evidence: EVIDENCE, source: EVIDENCE },
};

/** Every reference names an existing record of the allowed kind (and role). */
export const references: Rule = (ctx) => {
  const { draft } = ctx;
  const targets = draft.ids.targets;
  const check = (id: string, expect: Expect, origin: Origin, sub: readonly PathSegment[]): void =>
    checkOne(ctx, targets, id, expect, origin, sub);
  for (const { data, origin } of draft.accounts) {
    if (data.holder !== undefined) check(data.holder, PERSON, origin, AT_HOLDER);
    if (data.attribution !== undefined) check(data.attribution, EVIDENCE, origin, AT_ATTRIBUTION);
  }
  for (const { data, origin } of draft.charges) {
    data.suspects.forEach((id, i) => check(id, SUSPECT, origin, ['suspects', i]));
    data.victims?.forEach((id, i) => check(id, VICTIM, origin, ['victims', i]));
    data.evidence?.forEach((id, i) => check(id, EVIDENCE, origin, ['evidence', i]));
  }
  // Transfers and exchanges: read from their tables' columns; a record's origin is made
  // only for a finding.
  const { transfers, exchanges } = draft;
  const checkRow = (
    table: TransferTable | ExchangeTable,
    row: number,
    id: string,
    expect: Expect,
    sub: readonly PathSegment[],
  ): void => {
    const entry = targets.get(id);
    if (entry && expect.kinds.includes(entry.kind) && expect.role === undefined) return;
    checkOne(ctx, targets, id, expect, table.origin(row), sub);
  };
  for (let row = 0; row < transfers.length; row++) {
    checkRow(transfers, row, transfers.from(row), PERSON_OR_ACCOUNT, AT_FROM);
    checkRow(transfers, row, transfers.to(row), PERSON_OR_ACCOUNT, AT_TO);
    checkRow(transfers, row, transfers.evidence(row), EVIDENCE, AT_EVIDENCE);
    const source = transfers.sourceEvidence(row);
    if (source !== undefined) checkRow(transfers, row, source, EVIDENCE, AT_SOURCE_EVIDENCE);
  }
  for (let row = 0; row < exchanges.length; row++) {
    checkRow(exchanges, row, exchanges.from(row), ACCOUNT, AT_FROM);
    const to = exchanges.to(row);
    for (let i = 0; i < to.length; i++) checkRow(exchanges, row, to[i]!, ACCOUNT, ['to', i]);
    checkRow(exchanges, row, exchanges.evidence(row), EVIDENCE, AT_EVIDENCE);
    const source = exchanges.sourceEvidence(row);
    if (source !== undefined) checkRow(exchanges, row, source, EVIDENCE, AT_SOURCE_EVIDENCE);
  }
  // The references of records that failed their schema: reported in the same run.
  for (const { origin, path, id } of draft.looseReferences) {
    const expect = LOOSE[origin.list]?.[String(path[0])];
    if (expect) check(id, expect, origin, path);
  }
};
