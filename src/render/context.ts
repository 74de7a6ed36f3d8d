/**
 * Everything a section needs to turn the dossier and its facts into blocks: labels in
 * the document's language, locale formatting, redaction-aware names, heading numbering
 * and deferred annexes.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DossierFacts, Party, ZonedTime } from '../facts/index.js';
import { utcMs } from '../facts/zone.js';
import type { InstantFormat } from '../locale/index.js';
import { typeset, typesetAll } from '../locale/typography.js';
import {
  formatDate,
  formatGap,
  formatInstant,
  formatInteger,
  formatMoney,
  formatMonth,
  takesSingular,
} from '../locale/index.js';
import type {
  Account,
  CalendarDate,
  Dossier,
  Instant,
  Language,
  Money,
  Person,
} from '../model/dossier.js';
import type { LabelKey } from '../templates/label-keys.js';
import { CURRENCY_COLUMN_LABELS } from '../templates/label-keys.js';
import type { Scope, ScopeValue, ValueFormatters } from '../templates/placeholders.js';
import { interpolate } from '../templates/placeholders.js';
import { baseScope, simpleLabels } from './scope.js';
import type { ResolvedTemplate } from '../templates/resolve-template.js';
import type { CellPart } from './blocks/table.js';
import { IDENTIFIER_MIN_SIZE } from './blocks/table-cells.js';
import { enumLabel } from './enum-labels.js';
import type { EnumTable, EnumValue } from './enum-labels.js';
import { Headings } from './headings.js';
import type { Block } from './layout/flow.js';
import { personLabel, showsIdentifier } from '../redact/index.js';

const CURRENCY_COLUMNS: ReadonlySet<string> = new Set(CURRENCY_COLUMN_LABELS);
/** A list moved out of a section because it exceeded the section's `max_rows`. */
export interface Annex {
  readonly letter: string;
  readonly title: string;
  readonly blocks: () => Block[];
}

export interface ContextInput {
  readonly dossier: Dossier;
  readonly facts: DossierFacts;
  readonly template: ResolvedTemplate;
  readonly lang: Language;
  readonly generated: CalendarDate;
  readonly reveal: boolean;
  readonly fingerprint: string;
  readonly warnings: readonly Diagnostic[];
}

export class RenderContext {
  readonly dossier: Dossier;
  readonly facts: DossierFacts;
  readonly template: ResolvedTemplate;
  readonly lang: Language;
  readonly reveal: boolean;
  readonly generated: CalendarDate;
  readonly fingerprint: string;
  readonly warnings: readonly Diagnostic[];
  readonly headings: Headings;
  readonly annexes: Annex[] = [];
  readonly classification: string;
  readonly documentTitle: string;
  readonly scope: Scope;
  readonly formatters: ValueFormatters;
  /**
   * What the document prints for a victim's identity: the `redacted` label, or
   * `[redacted]` when that label itself names a victim (the document's Redactor decides:
   * layoutAndDraw sets it from there before the sections are built).
   */
  mask: string;
  private readonly persons: ReadonlyMap<string, Person>;
  private readonly accounts: ReadonlyMap<string, Account>;
  private annexCount = 0;
  /** The template's labels of the document's language, typeset (typography.ts). */
  private readonly labels: Readonly<Record<string, string>>;

  constructor(input: ContextInput) {
    this.dossier = input.dossier;
    this.facts = input.facts;
    this.template = input.template;
    this.lang = input.lang;
    this.labels = typesetAll(input.template.labels[input.lang], input.lang);
    this.reveal = input.reveal;
    this.generated = input.generated;
    this.fingerprint = input.fingerprint;
    this.warnings = input.warnings;
    this.headings = new Headings(input.template.numbering);
    this.persons = new Map(input.dossier.persons.map((p) => [p.id, p] as const));
    this.accounts = new Map(input.dossier.accounts.map((a) => [a.id, a] as const));
    this.formatters = {
      // In prose: `01/05/2024`, `1 May 2024` (tables write English dates ISO: this.date).
      date: (d) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? this.longDate(d) : d),
      money: (m) => this.money(m),
      number: (n) => formatInteger(typeof n === 'number' ? Math.round(n) : n, this.lang),
    };
    const { procedure, referral } = input.dossier.case;
    const base = baseScope(input, {
      procedure: this.enumLabel('procedure', procedure),
      referral: this.enumLabel('referral', referral),
    });
    this.classification = interpolate(
      input.dossier.case.classification ??
        typeset(input.template.classification[input.lang], input.lang),
      base,
      this.formatters,
    );
    this.documentTitle = this.rawLabel('document_title');
    const withDocument = {
      ...base,
      document: {
        ...(base.document as object),
        title: this.documentTitle,
        classification: this.classification,
      },
    };
    this.scope = {
      ...withDocument,
      labels: simpleLabels(this.labels, withDocument, this.formatters),
    };
    this.mask = this.label('redacted');
  }

  /** A label of the document's language, placeholders filled from the scope and `params`. */
  label(key: LabelKey, params: Record<string, ScopeValue | undefined> = {}): string {
    return interpolate(this.rawLabel(key), { ...this.scope, ...params }, this.formatters);
  }

  /**
   * A column heading: the label, with `{{currency}}` for the headings that take it
   * (the same parameters wherever the heading is used, as LABEL_PARAMS says).
   */
  columnLabel(key: LabelKey): string {
    return CURRENCY_COLUMNS.has(key)
      ? this.label(key, { currency: this.facts.currency })
      : this.label(key);
  }

  /** Fill the placeholders of a template text (header, footer, text section, metadata). */
  fill(text: string, params: Record<string, ScopeValue | undefined> = {}): string {
    return interpolate(typeset(text, this.lang), { ...this.scope, ...params }, this.formatters);
  }

  enumLabel<T extends EnumTable>(table: T, value: EnumValue<T>): string {
    return enumLabel(this.labels, table, value, this.lang);
  }

  money(m: Money): string {
    return formatMoney(m, this.lang);
  }
  date(d: CalendarDate): string {
    return formatDate(d, this.lang, this.lang === 'en' ? 'short' : 'default');
  }
  longDate(d: CalendarDate): string {
    return formatDate(d, this.lang, 'default');
  }
  month(m: string): string {
    return formatMonth(m, this.lang, 'short');
  }
  /**
   * A wall-clock time in the case time zone. In the hour that happens twice when clocks
   * go back (Paris 2018-10-28 02:00-02:59) the wall time alone does not say which instant
   * is meant, so the offset is added there (`28/10/2018 02:15 UTC+2`), as in the terminal
   * summary; everywhere else the time is shown without it.
   */
  time(local: ZonedTime): string {
    return this.instant(epochOfZoned(local));
  }
  instant(i: Instant | number): string {
    return formatInstant(i, this.facts.timezone, this.lang, WALL_TIME);
  }
  gap(ms: number): string {
    return formatGap(ms, this.lang);
  }
  /** "Label : value" in French typography (narrow no-break space U+202F before the colon), "Label: value" in English. */
  labelled(label: string, value: string): string {
    return this.lang === 'fr' ? `${label}\u202f: ${value}` : `${label}: ${value}`;
  }
  int(n: number | bigint): string {
    return formatInteger(n, this.lang);
  }
  /**
   * A count with its unit: the label of the singular form (`one`) where the language's
   * grammar wants it (French 0 and 1, English 1: takesSingular), else `other`'s; the
   * count, formatted, is the label's parameter `param`.
   */
  quantity(n: number | bigint, one: LabelKey, other: LabelKey, param: string): string {
    return this.label(takesSingular(n, this.lang) ? one : other, { [param]: this.int(n) });
  }
  /** `from … to …`; `long` with long dates, as the cover writes its other dates. */
  period(from: CalendarDate, to: CalendarDate, long = false): string {
    const date = (d: CalendarDate) => (long ? this.longDate(d) : this.date(d));
    return this.label('period_range', { from: date(from), to: date(to) });
  }
  country(code: string | undefined): string {
    if (!code) return '';
    try {
      const name = new Intl.DisplayNames([this.lang], { type: 'region', fallback: 'code' }).of(
        code,
      );
      return name && name !== code ? `${name} (${code})` : code;
    } catch {
      return code;
    }
  }

  person(id: string): Person | undefined {
    return this.persons.get(id);
  }
  account(id: string): Account | undefined {
    return this.accounts.get(id);
  }
  /** A person's display name (pseudonym for victims unless revealed); the id for an unknown person. */
  personName(id: string): string {
    const p = this.persons.get(id);
    return p ? personLabel(p, this.reveal) : id;
  }
  /** An account's platform (or kind) and its identifier, unless its holder is a victim. */
  accountInfo(id: string): { readonly what: string; readonly identifier?: string } {
    const a = this.accounts.get(id);
    if (!a) return { what: id };
    const what = a.platform ?? this.enumLabel('account_kind', a.kind);
    const holder = a.holder ? this.persons.get(a.holder) : undefined;
    return showsIdentifier(a, holder, this.reveal) ? { what, identifier: a.identifier } : { what };
  }
  /** The holder of account `id`, if it has one (an account reference names it in a cell). */
  holderOf(id: string): string | undefined {
    return this.accounts.get(id)?.holder;
  }
  /** An account as one line: platform or kind, and the identifier when it may be shown. */
  accountText(id: string): string {
    const { what, identifier } = this.accountInfo(id);
    return identifier ? `${what} ${identifier}` : what;
  }
  /** A sender or beneficiary as one line of text. */
  partyText(party: Party): string {
    return party.kind === 'account' ? this.accountText(party.id) : this.personName(party.id);
  }
  /** A person or account reference (from/to of a transfer or exchange) as a cell. */
  partyCell(party: Party): CellPart[] {
    if (party.kind === 'account') return this.accountParts(party.id);
    const parts: CellPart[] = [{ text: this.personName(party.id) }];
    if (party.account) parts.push(...this.accountParts(party.account, 'cell_muted'));
    return parts;
  }
  /** An account in a cell: platform or kind, then the identifier (kept whole) on its own line. */
  private accountParts(id: string, style?: 'cell_muted'): CellPart[] {
    const { what, identifier } = this.accountInfo(id);
    const s = style ? { style } : {};
    return identifier
      ? [
          { text: what, ...s },
          { text: identifier, atom: true, minSize: IDENTIFIER_MIN_SIZE, ...s },
        ]
      : [{ text: what, ...s }];
  }
  /** An account reference: its holder (if known) and the account. */
  accountCell(id: string): CellPart[] {
    const holder = this.accounts.get(id)?.holder;
    return holder
      ? this.partyCell({ kind: 'person', id: holder, account: id })
      : this.partyCell({ kind: 'account', id, account: id });
  }

  /** Register an annex; returns its letter (A, B, ...). */
  addAnnex(title: string, blocks: () => Block[]): string {
    const letter = annexLetter(this.annexCount++);
    this.annexes.push({ letter, title, blocks });
    return letter;
  }
  /** The letter the next annex will get (for annexes placed directly, like the warnings). */
  takeAnnexLetter(): string {
    return annexLetter(this.annexCount++);
  }

  private rawLabel(key: string): string {
    return this.labels[key] ?? key;
  }
}

/** How instants are shown: offset only where the wall time is ambiguous, compact (`UTC+2`). */
const WALL_TIME: InstantFormat = { offset: 'ambiguous', offsetStyle: 'compact' };

/** The instant a zoned wall-clock reading stands for (it carries its own offset). */
function epochOfZoned(local: ZonedTime): number {
  const d = local.date;
  const wall = utcMs(
    Number(d.slice(0, 4)),
    Number(d.slice(5, 7)),
    Number(d.slice(8, 10)),
    local.hour,
    local.minute,
    local.second,
    local.millisecond,
  );
  return wall - local.offsetSeconds * 1000;
}

function annexLetter(index: number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return index < 26
    ? (letters[index] ?? 'Z')
    : `${letters[Math.floor(index / 26) - 1] ?? 'Z'}${letters[index % 26] ?? 'Z'}`;
}
