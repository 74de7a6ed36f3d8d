/**
 * The stable JSON document of `courtfile summary --json`: keys in a fixed order,
 * amounts as plain decimal strings in major units (`"1234.56"`), ids as written in the
 * dossier. No names: persons appear by id only. Free text taken from the dossier (case
 * reference, title and court, ids, providers, platforms) goes through the redactor: a
 * victim's identity written there is replaced by `[redacted]` unless `revealVictims`.
 */
import type { Dossier, Money } from '../model/dossier.js';
import { Redactor } from '../redact/index.js';
import { gapSecondsText, gapText } from './correlate.js';
import { moneyToDecimalString } from './money.js';
import type { BreakdownRow, DossierFacts, TransferLine } from './types.js';

/** Version of this document's shape; bumped only on incompatible changes. */
export const SUMMARY_JSON_VERSION = 1;

const amount = (money: Money): string => moneyToDecimalString(money);

function rows<K>(
  list: readonly BreakdownRow<K>[],
  keyName: string,
  keyOf: (key: K) => unknown = (k) => k,
) {
  return list.map((row) => ({
    [keyName]: keyOf(row.key),
    count: row.count,
    total: amount(row.total),
  }));
}

/**
 * The summary document. `transfers.count` is the number of COMPLETED transfers, the
 * ones `transfers.total` sums; `all`, `attempted` and `reversed` count the others.
 * Every breakdown's `total`s add up to `transfers.total`.
 */
export function summaryDocument(
  dossier: Dossier,
  facts: DossierFacts,
  fingerprint: string,
  options: { readonly revealVictims?: boolean } = {},
) {
  const { totals, breakdowns, correlation } = facts;
  const redactor = Redactor.forDossier(dossier, {
    mask: '[redacted]',
    reveal: options.revealVictims ?? false,
  });
  // Ids repeat (a transfer in many correlations): each distinct string is scrubbed once.
  const scrubbed = new Map<string, string>();
  const s = (text: string): string => {
    let out = scrubbed.get(text);
    if (out === undefined) scrubbed.set(text, (out = redactor.scrub(text)));
    return out;
  };
  const transferRef = (line: TransferLine | undefined) =>
    line ? { id: s(line.transfer.id), at: line.transfer.at.text, date: line.date } : null;
  return {
    version: SUMMARY_JSON_VERSION,
    case: {
      reference: s(dossier.case.reference),
      title: s(dossier.case.title),
      court: s(dossier.case.court),
      language: dossier.case.language,
      timezone: facts.timezone,
      currency: facts.currency,
    },
    fingerprint,
    window_hours: correlation.windowHours,
    transfers: {
      count: totals.completed,
      total: amount(totals.total),
      currency: facts.currency,
      all: totals.all,
      completed: totals.completed,
      attempted: totals.attempted,
      reversed: totals.reversed,
      first: transferRef(totals.first),
      last: transferRef(totals.last),
    },
    breakdowns: {
      by_sender: breakdowns.bySender.map((r) => ({
        id: s(r.key),
        kind: r.kind,
        count: r.count,
        total: amount(r.total),
      })),
      by_beneficiary: breakdowns.byBeneficiary.map((r) => ({
        id: s(r.key),
        kind: r.kind,
        count: r.count,
        total: amount(r.total),
      })),
      by_beneficiary_country: rows(
        breakdowns.byBeneficiaryCountry,
        'country',
        (k) => k ?? 'unknown',
      ),
      by_channel: rows(breakdowns.byChannel, 'channel'),
      by_provider: rows(breakdowns.byProvider, 'provider', (k) => (k === null ? k : s(k))),
      by_currency: breakdowns.byCurrency.map((r) => ({
        currency: r.key,
        count: r.count,
        amount: amount(r.original),
        total: amount(r.total),
      })),
      by_month: rows(breakdowns.byMonth, 'month'),
    },
    charges: facts.chargePeriods.map((p) => ({
      id: s(p.charge.id),
      from: p.from,
      to: p.to,
      count: p.count,
      total: amount(p.total),
    })),
    exchanges: {
      count: facts.exchanges.count,
      sessions: facts.exchanges.sessions,
      live_sessions: facts.exchanges.liveSessions,
      by_kind: facts.exchanges.byKind.map((r) => ({ kind: r.key, count: r.count })),
      by_platform: facts.exchanges.byPlatform.map((r) => ({
        platform: r.key === null ? null : s(r.key),
        count: r.count,
      })),
    },
    correlations: correlation.links.map((link) => ({
      transfer: s(link.transfer.id),
      exchange: s(link.exchange.id),
      person: s(link.person),
      // A JSON number: exact for millisecond gaps; with nanoseconds, the double nearest the
      // exact decimal (a float division would add errors of its own). The packet's
      // correlations.csv has the exact text.
      gap_seconds: link.gapNanos === undefined ? link.gapMs / 1000 : Number(gapSecondsText(link)),
      gap: gapText(link.gapMs),
    })),
    linked_transfers: {
      linked: correlation.linkedTransfers,
      unlinked: correlation.unlinkedTransfers,
    },
    counts: {
      persons: facts.counts.persons,
      suspects: facts.counts.suspects,
      victims: facts.counts.victims,
      accounts: facts.counts.accounts,
      charges: facts.counts.charges,
      exhibits: facts.counts.exhibits,
    },
    period: facts.period
      ? { from: facts.period.from, to: facts.period.to, basis: facts.period.basis }
      : null,
  };
}

/** The summary document's type. */
export type SummaryDocument = ReturnType<typeof summaryDocument>;
