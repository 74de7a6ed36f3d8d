import type { Rule } from './rule.js';

/** Warning: an exhibit that no charge, transfer, exchange (its `evidence` or `source`) or account attribution cites. */
export const unusedEvidence: Rule = (ctx) => {
  const { draft } = ctx;
  const cited = new Set<string>();
  for (const { data } of draft.charges) for (const id of data.evidence ?? []) cited.add(id);
  const { transfers, exchanges } = draft;
  for (let row = 0; row < transfers.length; row++) cited.add(transfers.evidence(row));
  for (let row = 0; row < exchanges.length; row++) cited.add(exchanges.evidence(row));
  // A record's `source` cites the exhibit it was read from (most often its `evidence` too).
  for (const table of [transfers, exchanges])
    if (table.hasSources)
      for (let row = 0; row < table.length; row++) {
        const from = table.sourceEvidence(row);
        if (from !== undefined) cited.add(from);
      }
  // The references of records that failed their schema cite too (ids of other kinds
  // cannot be evidence ids: ids are unique).
  for (const { id } of draft.looseReferences) cited.add(id);
  for (const { data } of draft.accounts)
    if (data.attribution !== undefined) cited.add(data.attribution);
  for (const { data, origin } of draft.evidence) {
    if (!cited.has(data.id)) {
      ctx.report('unused-evidence', origin, ['id'], { id: data.id }, { severity: 'warning' });
    }
  }
};
