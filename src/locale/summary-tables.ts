/**
 * Tables of the terminal summary: breakdowns with a total line, charged periods,
 * exchanges and linked payment/session pairs.
 */
import type { Instant, Language, Money, Person } from '../model/dossier.js';
import type { BreakdownRow, DossierFacts, PartyRow } from '../facts/types.js';
import { formatDate, formatGap, formatInstant, formatMonth } from './date.js';
import { EXCHANGE_KIND_LABELS, TRANSFER_CHANNEL_LABELS, label } from './labels.js';
import { formatInteger, formatMoney } from './number.js';
import type { SummaryWords } from './summary-words.js';
import type { Column } from './text-table.js';
import { renderTable } from './text-table.js';
import { append } from '../append.js';

/** What every table of the report needs. */
export interface Context {
  readonly lang: Language;
  readonly w: SummaryWords;
  readonly persons: ReadonlyMap<string, Person>;
  readonly revealVictims: boolean;
  readonly maxRows: number;
  readonly currency: string;
  /** Masks victims' identities in free text (names, identifiers), before columns are laid out. */
  readonly scrub: (text: string) => string;
}

/** How a person is shown: id and name; a victim by pseudonym unless revealed. */
function personName(person: Person, reveal: boolean): string {
  if (person.role === 'victim') {
    return reveal && person.name
      ? `${person.name} (${person.pseudonym ?? ''})`
      : (person.pseudonym ?? '');
  }
  return person.name ?? '';
}

function partyLabel(ctx: Context, row: PartyRow): string {
  if (row.kind === 'account') return ctx.scrub(`${row.key} (${ctx.w.unattributed})`);
  const person = ctx.persons.get(row.key);
  const name = person ? personName(person, ctx.revealVictims) : '';
  return ctx.scrub(name ? `${row.key} · ${name}` : row.key);
}

/** A blank line, then the title in capitals (and an untouched detail, e.g. `(±48 h)`). */
export function heading(text: string, detail = ''): string[] {
  return ['', `${text.toUpperCase()}${detail ? ` ${detail}` : ''}`];
}

/** A window in hours: `±48 h`, fr `±26,5 h`. */
export function formatWindow(hours: number, lang: Language): string {
  return `±${String(hours).replace('.', lang === 'fr' ? ',' : '.')} h`;
}

/** A breakdown table with a total line; rows beyond maxRows are folded into one line. */
function breakdownTable<K>(
  ctx: Context,
  title: string,
  keyHeader: string,
  list: readonly BreakdownRow<K>[],
  keyText: (row: BreakdownRow<K>) => string,
): string[] {
  const money = (m: Money) => formatMoney(m, ctx.lang);
  const shown = list.slice(0, ctx.maxRows);
  const rest = list.slice(ctx.maxRows);
  const body = shown.map((r) => [keyText(r), formatInteger(r.count, ctx.lang), money(r.total)]);
  if (rest.length > 0) {
    const minor = rest.reduce((a, r) => a + r.total.minor, 0n);
    const count = rest.reduce((a, r) => a + r.count, 0);
    body.push([
      ctx.w.others(rest.length),
      formatInteger(count, ctx.lang),
      money({ minor, currency: ctx.currency }),
    ]);
  }
  const count = list.reduce((a, r) => a + r.count, 0);
  const minor = list.reduce((a, r) => a + r.total.minor, 0n);
  body.push([
    ctx.w.total,
    formatInteger(count, ctx.lang),
    money({ minor, currency: ctx.currency }),
  ]);
  const columns: Column[] = [
    { header: keyHeader, align: 'left', shrink: true },
    { header: ctx.w.count, align: 'right' },
    { header: ctx.w.total, align: 'right' },
  ];
  return [...heading(title), ...renderTable(columns, body)];
}

export function breakdowns(facts: DossierFacts, ctx: Context): string[] {
  const { lang, w } = ctx;
  const b = facts.breakdowns;
  const orNot = (k: string | null, text: string) => k ?? text;
  return [
    ...breakdownTable(ctx, w.bySender, w.sender, b.bySender, (r) => partyLabel(ctx, r as PartyRow)),
    ...breakdownTable(ctx, w.byBeneficiary, w.beneficiary, b.byBeneficiary, (r) =>
      partyLabel(ctx, r as PartyRow),
    ),
    ...breakdownTable(ctx, w.byCountry, w.country, b.byBeneficiaryCountry, (r) =>
      orNot(r.key, w.unknown),
    ),
    ...breakdownTable(ctx, w.byChannel, w.channel, b.byChannel, (r) =>
      label(TRANSFER_CHANNEL_LABELS, r.key, lang),
    ),
    ...breakdownTable(ctx, w.byProvider, w.provider, b.byProvider, (r) =>
      ctx.scrub(orNot(r.key, w.notStated)),
    ),
    ...heading(w.byCurrency),
    ...renderTable(
      [
        { header: w.currency, align: 'left' },
        { header: w.count, align: 'right' },
        { header: w.original, align: 'right' },
        { header: w.converted, align: 'right' },
      ],
      [
        ...b.byCurrency.map((r) => [
          r.key,
          formatInteger(r.count, lang),
          formatMoney(r.original, lang),
          formatMoney(r.total, lang),
        ]),
        [
          w.total,
          formatInteger(facts.totals.completed, lang),
          '',
          formatMoney(facts.totals.total, lang),
        ],
      ],
    ),
    ...breakdownTable(ctx, w.byMonth, w.month, b.byMonth, (r) => formatMonth(r.key, lang, 'short')),
  ];
}

export function chargesAndExchanges(facts: DossierFacts, ctx: Context): string[] {
  const { lang, w } = ctx;
  const lines: string[] = [];
  if (facts.chargePeriods.length > 0) {
    append(lines, heading(w.byCharge));
    lines.push(
      ...renderTable(
        [
          { header: w.charge, align: 'left', shrink: true },
          { header: w.chargedPeriod, align: 'left' },
          { header: w.count, align: 'right' },
          { header: w.total, align: 'right' },
        ],
        facts.chargePeriods.map((p) => [
          ctx.scrub(p.charge.id),
          `${formatDate(p.from, lang, 'short')} – ${formatDate(p.to, lang, 'short')}`,
          formatInteger(p.count, lang),
          formatMoney(p.total, lang),
        ]),
      ),
    );
  }
  const count = (k: string, n: number) => [k, formatInteger(n, lang)];
  const countColumns = (h: string): Column[] => [
    { header: h, align: 'left', shrink: true },
    { header: w.count, align: 'right' },
  ];
  append(lines, heading(w.exchangesByKind));
  lines.push(
    ...renderTable(
      countColumns(w.kind),
      facts.exchanges.byKind.map((r) => count(label(EXCHANGE_KIND_LABELS, r.key, lang), r.count)),
    ),
  );
  append(lines, heading(w.exchangesByPlatform));
  lines.push(
    ...renderTable(
      countColumns(w.platform),
      facts.exchanges.byPlatform.map((r) => count(ctx.scrub(r.key ?? w.notStated), r.count)),
    ),
  );
  return lines;
}

export function correlations(facts: DossierFacts, ctx: Context, maxPairs: number): string[] {
  const { lang, w } = ctx;
  const { links } = facts.correlation;
  const tz = facts.timezone;
  const title = heading(w.correlations, `(${formatWindow(facts.correlation.windowHours, lang)})`);
  if (links.length === 0) return [...title, `  ${w.noCorrelation}`];
  // Times in the hour that happens twice (clocks going back) carry their offset.
  const when = (at: Instant) =>
    formatInstant(at, tz, lang, { offset: 'ambiguous', offsetStyle: 'compact' });
  const rows = links
    .slice(0, maxPairs)
    .map((link) => [
      ctx.scrub(link.transfer.id),
      when(link.transfer.at),
      ctx.scrub(link.exchange.id),
      when(link.exchange.at),
      formatGap(link.gapMs, lang),
    ]);
  const columns: Column[] = [
    { header: w.transfer, align: 'left', shrink: true },
    { header: w.paidAt, align: 'left' },
    { header: w.session, align: 'left', shrink: true },
    { header: w.startedAt, align: 'left' },
    { header: w.gap, align: 'right' },
  ];
  const more = links.length > maxPairs ? [`  ${w.morePairs(links.length - maxPairs)}`] : [];
  return [...title, ...renderTable(columns, rows), ...more];
}
