/**
 * The terminal report of `courtfile summary`: key figures, breakdown tables and linked
 * payment/session pairs, 80 columns wide, in the conventions of one language. Victims
 * appear by pseudonym only unless `revealVictims` is set.
 */
import type { Dossier, Language } from '../model/dossier.js';
import { Redactor } from '../redact/index.js';
import type { DossierFacts, TransferLine } from '../facts/types.js';
import { formatDate, formatInstant } from './date.js';
import { PROCEDURE_LABELS, REFERRAL_LABELS, label } from './labels.js';
import { formatInteger, formatMoney } from './number.js';
import { SUMMARY_WORDS } from './summary-words.js';
import type { Context } from './summary-tables.js';
import {
  breakdowns,
  chargesAndExchanges,
  correlations,
  formatWindow,
  heading,
} from './summary-tables.js';
import { renderPairs, wrap } from './text-table.js';

export interface SummaryTextOptions {
  readonly lang: Language;
  /** Show victims' civil names (default: pseudonyms only). */
  readonly revealVictims?: boolean;
  /** Rows shown per breakdown table before the rest is folded into one line (default 20). */
  readonly maxRows?: number;
  /** Linked pairs listed before pointing to --json (default 100). */
  readonly maxPairs?: number;
}

function header(
  dossier: Dossier,
  facts: DossierFacts,
  fingerprint: string,
  ctx: Context,
): string[] {
  const c = dossier.case;
  const { lang, w, scrub } = ctx;
  return [
    ...wrap(`${w.title} · ${scrub(c.reference)}`),
    ...wrap(scrub(c.title)),
    ...wrap(
      `${scrub(c.court)} · ${label(PROCEDURE_LABELS, c.procedure, lang)} · ${label(REFERRAL_LABELS, c.referral, lang)}`,
    ),
    ...renderPairs(
      [
        [w.timesIn, facts.timezone],
        [w.currency, facts.currency],
        [w.window, formatWindow(facts.correlation.windowHours, lang)],
        [w.fingerprint, fingerprint],
      ],
      { indent: 0 },
    ),
  ];
}

function keyFigures(facts: DossierFacts, ctx: Context): string[] {
  const { lang, w } = ctx;
  const { totals, exchanges, correlation } = facts;
  const n = (x: number) => formatInteger(x, lang);
  const line = (l: TransferLine | undefined) =>
    l
      ? `${formatInstant(l.transfer.at, facts.timezone, lang, { offset: 'ambiguous', offsetStyle: 'compact' })}  ${l.transfer.id}  ${l.converted ? formatMoney(l.converted, lang) : ''}`
      : w.none;
  const period = facts.period
    ? `${formatDate(facts.period.from, lang)} – ${formatDate(facts.period.to, lang)}`
    : w.none;
  return [
    ...heading(w.keyFigures),
    ...renderPairs([
      [w.completed, `${n(totals.completed)}  ${formatMoney(totals.total, lang)}`],
      [w.attemptedReversed, `${n(totals.attempted)} / ${n(totals.reversed)}`],
      [w.first, line(totals.first)],
      [w.last, line(totals.last)],
      [
        w.exchanges,
        `${n(exchanges.count)} (${w.sessions} ${n(exchanges.sessions)}, ${w.liveSessions} ${n(exchanges.liveSessions)})`,
      ],
      [w.linked, `${n(correlation.linkedTransfers)} ${w.of} ${n(totals.completed)}`],
      [w.victims, n(facts.counts.victims)],
      [w.exhibits, n(facts.counts.exhibits)],
      [w.period, period],
    ]),
  ];
}

/**
 * The whole report, lines joined with `\n` and ending with one. Victims' identities are
 * masked in every free-text cell before layout, then once more in the whole text.
 */
export function summaryText(
  dossier: Dossier,
  facts: DossierFacts,
  fingerprint: string,
  options: SummaryTextOptions,
): string {
  const revealVictims = options.revealVictims ?? false;
  const redactor = Redactor.forDossier(dossier, {
    mask: SUMMARY_WORDS[options.lang].redacted,
    reveal: revealVictims,
  });
  const ctx: Context = {
    lang: options.lang,
    w: SUMMARY_WORDS[options.lang],
    persons: new Map(dossier.persons.map((p) => [p.id, p] as const)),
    revealVictims,
    maxRows: options.maxRows ?? 20,
    currency: facts.currency,
    scrub: (text) => redactor.scrub(text),
  };
  return redactor.scrub(
    [
      ...header(dossier, facts, fingerprint, ctx),
      ...keyFigures(facts, ctx),
      ...breakdowns(facts, ctx),
      ...chargesAndExchanges(facts, ctx),
      ...correlations(facts, ctx, options.maxPairs ?? 100),
    ].join('\n') + '\n',
  );
}
