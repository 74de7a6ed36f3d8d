import type { Origin, PathSegment } from '../../model/dossier.js';
import type { ExchangeTable, TransferTable } from '../../model/record-table.js';
import type { IdentityKind, IdentityMention } from '../../redact/index.js';
import { Redactor } from '../../redact/index.js';
import { quoteFr, shorten } from '../../diagnostics/messages.js';
import type {
  WrittenAccount,
  WrittenCharge,
  WrittenExhibit,
  WrittenPerson,
  WrittenRate,
} from '../../schema/dossier.js';
import type { Rule } from './rule.js';

const KIND_ORDER: readonly IdentityKind[] = ['name', 'alias', 'birth date', 'account identifier'];
/** Paths under a transfer or exchange, shared by all rows (one array each, not one per row). */
const PROVIDER: readonly PathSegment[] = ['provider'];
const REFERENCE: readonly PathSegment[] = ['reference'];
const NOTES: readonly PathSegment[] = ['notes'];
const PLATFORM: readonly PathSegment[] = ['platform'];
const SUMMARY: readonly PathSegment[] = ['summary'];

/**
 * Free text that names a victim (`victim-identity`, warning): the documents mask it, but
 * the dossier itself should be cleaned, since it travels too. Checked: the case's texts,
 * victims' pseudonyms, persons' notes, account platforms, charge qualifications,
 * articles and places, exhibit titles, sources, seals and custody entries, transfer providers,
 * references and notes, exchange platforms and summaries, rate sources. Not checked: the
 * victim's own name, aliases, birth date and accounts (where the identity belongs), ids
 * and file paths. The message says which victim (by pseudonym) and which kind of
 * identity, never the identity itself.
 */
export const victimIdentity: Rule = ({ draft, report }) => {
  // Victims and accounts that failed their schema count by the fields that passed: a
  // victim with a bad birth date still has a name the texts must not show.
  const { partial } = draft;
  const redactor = Redactor.forDossier(
    {
      persons: [...draft.persons, ...partial.persons].map((p) => p.data),
      accounts: [...draft.accounts, ...partial.accounts].map((a) => a.data),
      case: (draft.case ?? draft.partialCase)?.data,
    },
    { mask: '' },
  );
  if (!redactor.active) return;
  // Providers and platforms repeat, and so do the short descriptions of a large log
  // ("Appel vidéo (métadonnées de la plateforme)." on thousands of exchanges): each
  // distinct short one is searched once.
  const seen = new Map<string, Mentions>();
  const describe = (text: string, repeats: boolean): Mentions => {
    const cached = repeats && text.length <= 200;
    let mentions = cached ? seen.get(text) : undefined;
    if (mentions === undefined) {
      mentions = describeMentions(redactor.mentions(text));
      if (cached && seen.size < 10_000) seen.set(text, mentions);
    }
    return mentions;
  };
  const mentionsIn = (text: string | undefined, repeats: boolean): Mentions =>
    text === undefined ? NONE : describe(text, repeats);
  const warn = (origin: Origin, sub: readonly PathSegment[], mentions: Mentions) =>
    report(
      'victim-identity',
      origin,
      sub,
      { mentions: mentions.en, mentionsFr: mentions.fr },
      { severity: 'warning' },
    );
  const check = (
    origin: Origin,
    sub: readonly PathSegment[],
    text: string | undefined,
    repeats = false,
  ) => {
    const mentions = mentionsIn(text, repeats);
    if (mentions !== NONE) warn(origin, sub, mentions);
  };
  // A case block that failed its schema: its texts that passed theirs.
  const c = draft.case ?? draft.partialCase;
  if (c) {
    for (const key of [
      'reference',
      'title',
      'court',
      'office',
      'unit',
      'prepared_by',
      'classification',
    ] as const)
      check(c.origin, [key], c.data[key]);
  }
  // Each record's texts; also of the records that failed their schema (draft.partial),
  // where a text that failed its own is absent.
  const person = ({ data, origin }: { data: Partial<WrittenPerson>; origin: Origin }) => {
    if (data.role === 'victim' && data.pseudonym !== undefined) {
      const mentions = describeMentions(redactor.mentions(data.pseudonym, true));
      if (mentions !== NONE) warn(origin, ['pseudonym'], mentions);
    }
    check(origin, ['notes'], data.notes);
  };
  const account = ({ data, origin }: { data: Partial<WrittenAccount>; origin: Origin }) =>
    check(origin, ['platform'], data.platform, true);
  const charge = ({ data, origin }: { data: Partial<WrittenCharge>; origin: Origin }) => {
    check(origin, ['qualification'], data.qualification);
    for (const [i, article] of (data.articles ?? []).entries())
      check(origin, ['articles', i], article);
    check(origin, ['place'], data.place);
  };
  const exhibit = ({ data, origin }: { data: Partial<WrittenExhibit>; origin: Origin }) => {
    check(origin, ['title'], data.title);
    check(origin, ['source'], data.source, true);
    check(origin, ['seal'], data.seal);
    for (const [i, event] of (data.custody ?? []).entries()) {
      check(origin, ['custody', i, 'by'], event.by);
      check(origin, ['custody', i, 'note'], event.note);
    }
  };
  const rate = ({ data, origin }: { data: Partial<WrittenRate>; origin: Origin }) =>
    check(origin, ['source'], data.source);
  draft.persons.forEach(person);
  partial.persons.forEach(person);
  draft.accounts.forEach(account);
  partial.accounts.forEach(account);
  draft.charges.forEach(charge);
  partial.charges.forEach(charge);
  draft.evidence.forEach(exhibit);
  partial.evidence.forEach(exhibit);
  draft.rates.forEach(rate);
  partial.rates.forEach(rate);
  for (const { data, origin } of partial.transfers) {
    check(origin, PROVIDER, data.provider, true);
    check(origin, REFERENCE, data.reference);
    check(origin, NOTES, data.notes, true);
  }
  for (const { data, origin } of partial.exchanges) {
    check(origin, PLATFORM, data.platform, true);
    check(origin, SUMMARY, data.summary, true);
  }
  // Transfers and exchanges from their tables: a record's origin is made only for a finding.
  const { transfers, exchanges } = draft;
  const checkRow = (
    table: TransferTable | ExchangeTable,
    row: number,
    sub: readonly PathSegment[],
    text: string | undefined,
    repeats = false,
  ) => {
    const mentions = mentionsIn(text, repeats);
    if (mentions !== NONE) warn(table.origin(row), sub, mentions);
  };
  for (let row = 0; row < transfers.length; row++) {
    checkRow(transfers, row, PROVIDER, transfers.provider(row), true);
    checkRow(transfers, row, REFERENCE, transfers.reference(row));
    checkRow(transfers, row, NOTES, transfers.notes(row), true);
  }
  for (let row = 0; row < exchanges.length; row++) {
    checkRow(exchanges, row, PLATFORM, exchanges.platform(row), true);
    checkRow(exchanges, row, SUMMARY, exchanges.summary(row), true);
  }
};

/** What a text mentions, in English and in French (the warnings annex of a French document). */
interface Mentions {
  readonly en: string;
  readonly fr: string;
}
const NONE: Mentions = { en: '', fr: '' };

/** The French name of each kind of identity, with its article. */
const KIND_FR: Readonly<Record<IdentityKind, string>> = {
  name: 'le nom',
  alias: 'l’alias',
  'birth date': 'la date de naissance',
  'account identifier': 'l’identifiant de compte',
};

/**
 * `the name, birth date of victim "Victime A" and the alias of victim "Victime B"`;
 * `le nom, la date de naissance de la victime « Victime A » et l’alias de la victime
 * « Victime B »`; NONE for none.
 */
function describeMentions(found: readonly IdentityMention[]): Mentions {
  if (found.length === 0) return NONE;
  const byVictim = new Map<string, Set<IdentityKind>>();
  for (const m of found) byVictim.set(m.victim, (byVictim.get(m.victim) ?? new Set()).add(m.kind));
  const victims = [...byVictim].map(([victim, kinds]) => ({
    victim: shorten(victim),
    kinds: KIND_ORDER.filter((k) => kinds.has(k)),
  }));
  return {
    en: victims
      .map(({ victim, kinds }) => `the ${kinds.join(', ')} of victim "${victim}"`)
      .join(' and '),
    fr: andFr(
      victims.map(
        ({ victim, kinds }) =>
          `${andFr(kinds.map((k) => KIND_FR[k]))} de la victime ${quoteFr(victim)}`,
      ),
    ),
  };
}

/** `a`, `a et b`, `a, b et c`. */
function andFr(items: readonly string[]): string {
  return items.length < 2
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} et ${items.at(-1)}`;
}
