/**
 * The normalized dossier model: what the rest of courtfile works on once a dossier
 * has been loaded and validated. The *written* form (what YAML holds) is described by
 * the zod schemas in src/schema/; this is the checked, exact form.
 *
 * - money is exact: integer minor units (bigint), never a binary float;
 * - instants keep their source text and offset, and carry the true instant in epoch ms
 *   (and the nanoseconds beyond it, when written);
 * - every record remembers where it was written (`origin`), so later stages
 *   (verify, facts) can point diagnostics at the right file, line and column.
 */

/** One step of a path into a YAML document: a mapping key or a sequence index. */
export type PathSegment = string | number;

/** Where a record (or a value) was written: the file's display name and the path in it. */
export interface Origin {
  /** File name as shown in diagnostics (as given on the command line, or relative to the dossier root). */
  readonly file: string;
  /** Keys and indices from the document root to the node, e.g. `["transfers", 3]`. */
  readonly path: readonly PathSegment[];
}

/** A calendar date, `YYYY-MM-DD` (checked to be a real date). */
export type CalendarDate = string;

/** An ISO 8601 date-time with an explicit offset. */
export interface Instant {
  /** The text as written, e.g. `2018-02-03T14:22:00+01:00`. */
  readonly text: string;
  /** The true instant, whole milliseconds since the Unix epoch (UTC). Integer. */
  readonly epochMs: number;
  /** The offset written in the text, in minutes east of UTC (`Z` is 0). */
  readonly offsetMinutes: number;
  /**
   * Nanoseconds after `epochMs` (1 to 999,999) when the text's fraction has digits
   * beyond the millisecond that are not all zero; absent otherwise. Instants are
   * ordered by `epochMs`, then this (absent is 0): see compareInstants.
   */
  readonly subMsNanos?: number;
}

/** An exact decimal number: `units / 10^scale`. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

/** An exact amount of money in integer minor units of `currency` (ISO 4217). */
export interface Money {
  readonly minor: bigint;
  readonly currency: string;
}

export type Language = 'fr' | 'en';
export type Procedure = 'preliminary' | 'judicial';
export type Referral = 'tribunal_correctionnel' | 'cour_criminelle' | 'cour_assises';
export type PersonRole = 'suspect' | 'victim' | 'intermediary' | 'witness' | 'other';
export type AccountKind =
  | 'email'
  | 'phone'
  | 'messaging'
  | 'video'
  | 'forum'
  | 'bank'
  | 'money_transfer'
  | 'payment'
  | 'crypto'
  | 'other';
export type ChargeNature = 'crime' | 'delit';
export type ExhibitKind =
  | 'financial_record'
  | 'communication_log'
  | 'device_extraction'
  | 'foreign_report'
  | 'police_report'
  | 'document'
  | 'media'
  | 'other';
export type CustodyAction =
  'received' | 'sealed' | 'opened' | 'copied' | 'analysed' | 'transferred' | 'returned';
export type TransferChannel =
  'money_transfer' | 'bank_transfer' | 'card' | 'online_payment' | 'crypto' | 'cash' | 'other';
export type TransferStatus = 'completed' | 'attempted' | 'reversed';
export type ExchangeKind =
  'message' | 'email' | 'call' | 'video_call' | 'live_session' | 'file_transfer' | 'other';

export interface CaseInfo {
  readonly reference: string;
  readonly title: string;
  readonly court: string;
  readonly office?: string;
  readonly unit?: string;
  readonly procedure: Procedure;
  readonly referral: Referral;
  readonly opened: CalendarDate;
  readonly preparedBy: string;
  readonly language: Language;
  /** IANA zone used to display instants (default Europe/Paris). */
  readonly timezone: string;
  /** Reporting currency (ISO 4217, default EUR). */
  readonly currency: string;
  readonly classification?: string;
}

export interface Person {
  readonly id: string;
  readonly role: PersonRole;
  /** Civil name. For victims this is protected: never shown unless the user asks. */
  readonly name?: string;
  readonly pseudonym?: string;
  /** `YYYY-MM-DD` or `YYYY`. Protected for victims. */
  readonly born?: string;
  readonly ageAtFacts?: number;
  readonly nationality?: string;
  readonly residence?: string;
  /** Protected for victims. */
  readonly aliases: readonly string[];
  readonly notes?: string;
  readonly origin: Origin;
}

export interface Account {
  readonly id: string;
  readonly kind: AccountKind;
  readonly platform?: string;
  readonly identifier: string;
  /** Person id. */
  readonly holder?: string;
  /** Evidence id. */
  readonly attribution?: string;
  readonly origin: Origin;
}

export interface Charge {
  readonly id: string;
  readonly qualification: string;
  readonly articles: readonly string[];
  readonly nature: ChargeNature;
  readonly suspects: readonly string[];
  readonly victims: readonly string[];
  readonly period: { readonly from: CalendarDate; readonly to: CalendarDate };
  readonly place?: string;
  readonly evidence: readonly string[];
  readonly origin: Origin;
}

export interface ExhibitFile {
  /** Relative to the dossier root, as written (forward slashes). */
  readonly path: string;
  /** Lower-case hex. */
  readonly sha256: string;
  readonly size?: number;
  readonly origin: Origin;
}

export interface CustodyEvent {
  readonly at: Instant;
  readonly action: CustodyAction;
  readonly by: string;
  readonly note?: string;
  readonly origin: Origin;
}

export interface Exhibit {
  readonly id: string;
  readonly title: string;
  readonly kind: ExhibitKind;
  readonly source: string;
  readonly obtained: CalendarDate;
  readonly seal?: string;
  readonly files: readonly ExhibitFile[];
  readonly custody: readonly CustodyEvent[];
  readonly origin: Origin;
}

/** Where in an exhibit's file a record was read (`courtfile import`). */
export interface SourceLocator {
  /** Evidence id. */
  readonly evidence: string;
  /** `row 8`, `Feuil1 row 8`, `line 12`, `message 1234`. */
  readonly locator: string;
}

export interface Transfer {
  readonly id: string;
  readonly at: Instant;
  /** Person or account id. */
  readonly from: string;
  /** Person or account id. */
  readonly to: string;
  /** Exact amount in the transfer's own currency. */
  readonly amount: Money;
  /** The amount as written in the source, e.g. `"1250.50"`. */
  readonly amountText: string;
  readonly channel: TransferChannel;
  readonly provider?: string;
  readonly reference?: string;
  readonly status: TransferStatus;
  /** Evidence id. */
  readonly evidence: string;
  readonly source?: SourceLocator;
  readonly notes?: string;
  readonly origin: Origin;
}

export interface Exchange {
  readonly id: string;
  readonly at: Instant;
  readonly end?: Instant;
  readonly kind: ExchangeKind;
  readonly platform?: string;
  /** Account id. */
  readonly from: string;
  /** Account ids. */
  readonly to: readonly string[];
  readonly summary?: string;
  /** Evidence id. */
  readonly evidence: string;
  readonly source?: SourceLocator;
  readonly origin: Origin;
}

export interface Rate {
  readonly currency: string;
  /** Valid from this date (inclusive). */
  readonly date: CalendarDate;
  /** 1 unit of `currency` = `rate` units of the reporting currency. */
  readonly rate: Decimal;
  readonly rateText: string;
  readonly source?: string;
  readonly origin: Origin;
}

/** One YAML file that makes up the dossier. */
export interface SourceFile {
  /** Display name: as given on the command line for the root, relative to the root folder for includes. */
  readonly name: string;
  /** Absolute path on disk. */
  readonly absPath: string;
  /** SHA-256 (hex) of the file's bytes. */
  readonly sha256: string;
}

export interface Dossier {
  /** Absolute path of the folder that holds the root file (the dossier root). */
  readonly rootDir: string;
  /** The root file first, then includes in include order. */
  readonly sources: readonly SourceFile[];
  readonly case: CaseInfo;
  readonly persons: readonly Person[];
  readonly accounts: readonly Account[];
  readonly charges: readonly Charge[];
  readonly evidence: readonly Exhibit[];
  /**
   * In dossier order. A dossier loaded by `checkDossier` keeps transfers and exchanges in
   * compact tables (src/model/record-table.ts) and these lists hold views of them: each
   * field is read from the columns (the same values as plain objects, and the same
   * object for a record every time it is read from the list), but a view's fields are
   * getters, so spreading one (`{ ...t }`) or listing its keys does not give its fields:
   * copy it with `plainTransfer` / `plainExchange` first. Plain objects are accepted
   * everywhere a dossier is read (facts, render, export).
   */
  readonly transfers: readonly Transfer[];
  readonly exchanges: readonly Exchange[];
  readonly rates: readonly Rate[];
}
