import { z } from 'zod';
import {
  birth,
  calendarDate,
  country,
  currency,
  decimal,
  id,
  instant,
  reference,
  relativePath,
  sha256,
  text,
  timeZone,
} from './scalars.js';

/**
 * The written form of a dossier (format version 1), one zod schema per record type.
 * Strict objects: an unknown key is an error. Types of the written form come from
 * z.input/z.infer; the normalized model is in src/model/dossier.ts.
 */

const optionalText = (description: string) => text(description).optional();

export const CaseSchema = z
  .strictObject({
    reference: text('Prosecutor\'s case number, e.g. "19-123-000456".'),
    title: text('Title of the case.'),
    court: text('Court, e.g. "Tribunal judiciaire de Paris".'),
    office: optionalText('Prosecutor\'s office, e.g. "Parquet de Paris, section des mineurs".'),
    unit: optionalText('Investigating unit.'),
    procedure: z.enum(['preliminary', 'judicial']).meta({
      description: 'preliminary (enquête préliminaire) or judicial (information judiciaire).',
    }),
    referral: z
      .enum(['tribunal_correctionnel', 'cour_criminelle', 'cour_assises'])
      .meta({ description: 'Court the case is referred to.' }),
    opened: calendarDate,
    prepared_by: text('Who prepared the file.'),
    language: z
      .enum(['fr', 'en'])
      .default('fr')
      .meta({ description: 'Language of rendered documents.' }),
    timezone: timeZone.default('Europe/Paris'),
    currency: currency.default('EUR'),
    classification: optionalText('Marking printed on every page.'),
  })
  .meta({ description: 'The case.' });

export const PersonSchema = z
  .strictObject({
    id,
    role: z.enum(['suspect', 'victim', 'intermediary', 'witness', 'other']),
    name: optionalText('Civil name. Required unless the role is victim. Protected for victims.'),
    pseudonym: optionalText('Pseudonym. Required for victims; documents show victims by it.'),
    born: birth.optional(),
    age_at_facts: z
      .int()
      .min(0)
      .max(120)
      .optional()
      .meta({ description: 'Age at the time of the facts.' }),
    nationality: country.optional(),
    residence: country.optional(),
    aliases: z.array(text('Alias.')).optional(),
    notes: optionalText('Notes.'),
  })
  .meta({ description: 'A person: suspect, victim, intermediary, witness or other.' });

export const AccountSchema = z
  .strictObject({
    id,
    kind: z.enum([
      'email',
      'phone',
      'messaging',
      'video',
      'forum',
      'bank',
      'money_transfer',
      'payment',
      'crypto',
      'other',
    ]),
    platform: optionalText('Platform, e.g. Skype, Western Union.'),
    identifier: text('Identifier: e-mail address, E.164 phone number, IBAN, user name...'),
    holder: reference('the person who holds the account').optional(),
    attribution: reference('the evidence that proves the attribution').optional(),
  })
  .meta({ description: 'An identifier seen in transfers and exchanges.' });

export const ChargeSchema = z
  .strictObject({
    id,
    qualification: text('Legal qualification.'),
    articles: z
      .array(text('Article, e.g. "222-29-1 CP".'))
      .min(1, { error: 'list at least one article' }),
    nature: z.enum(['crime', 'delit']),
    suspects: z
      .array(reference('a person with role suspect'))
      .min(1, { error: 'list at least one suspect' }),
    victims: z.array(reference('a person with role victim')).optional(),
    period: z.strictObject({ from: calendarDate, to: calendarDate }),
    place: optionalText('Place of the facts.'),
    evidence: z.array(reference('an exhibit')).optional(),
  })
  .meta({ description: 'A charge.' });

export const ExhibitFileSchema = z.strictObject({
  path: relativePath('Path relative to the dossier root, inside it.'),
  sha256,
  size: z.int().min(0).optional().meta({ description: 'Size in bytes.' }),
});

export const CustodyEventSchema = z.strictObject({
  at: instant,
  action: z.enum(['received', 'sealed', 'opened', 'copied', 'analysed', 'transferred', 'returned']),
  by: text('Who acted.'),
  note: optionalText('Note.'),
});

export const ExhibitSchema = z
  .strictObject({
    id,
    title: text('Title of the exhibit.'),
    kind: z.enum([
      'financial_record',
      'communication_log',
      'device_extraction',
      'foreign_report',
      'police_report',
      'document',
      'media',
      'other',
    ]),
    source: text('Originating agency or company.'),
    obtained: calendarDate,
    seal: optionalText('Seal (scellé) number.'),
    files: z.array(ExhibitFileSchema).optional(),
    custody: z.array(CustodyEventSchema).optional(),
  })
  .meta({ description: 'An exhibit of the evidence index.' });

/** Where in an exhibit's file a record was read (written by `courtfile import`). */
export const SourceLocatorSchema = z
  .strictObject({
    evidence: reference('the exhibit whose file the record was read from'),
    locator: text('Where in the file: "row 8", "Feuil1 row 8", "line 12", "message 1234".'),
  })
  .meta({ description: "Where in an exhibit's file the record was read." });

export const TransferSchema = z
  .strictObject({
    id,
    at: instant,
    from: reference('the sender: a person or an account'),
    to: reference('the beneficiary: a person or an account'),
    amount: decimal,
    currency,
    channel: z.enum([
      'money_transfer',
      'bank_transfer',
      'card',
      'online_payment',
      'crypto',
      'cash',
      'other',
    ]),
    provider: optionalText('Provider, e.g. Western Union.'),
    reference: optionalText('Reference, e.g. an MTCN.'),
    status: z.enum(['completed', 'attempted', 'reversed']).default('completed'),
    evidence: reference('the exhibit the transfer comes from'),
    source: SourceLocatorSchema.optional(),
    notes: optionalText('Notes.'),
  })
  .meta({ description: 'A money transfer.' });

/** Kinds of exchange, in the order summaries list them. */
export const EXCHANGE_KINDS = [
  'message',
  'email',
  'call',
  'video_call',
  'live_session',
  'file_transfer',
  'other',
] as const;

export const ExchangeSchema = z
  .strictObject({
    id,
    at: instant,
    end: instant.optional(),
    kind: z.enum(EXCHANGE_KINDS),
    platform: optionalText('Platform.'),
    from: reference('an account'),
    to: z.array(reference('an account')).min(1, { error: 'list at least one recipient account' }),
    summary: optionalText('A neutral description of the exchange, never its content.'),
    evidence: reference('the exhibit the exchange comes from'),
    source: SourceLocatorSchema.optional(),
  })
  .meta({ description: 'An electronic exchange.' });

export const RateSchema = z
  .strictObject({
    currency,
    date: calendarDate,
    rate: decimal,
    source: optionalText('Source of the rate, e.g. BCE.'),
  })
  .meta({
    description: '1 unit of currency = rate units of the reporting currency, from date on.',
  });

/** The lists a root file or an included file may hold, with each item's schema. */
export const RECORD_LISTS = {
  persons: PersonSchema,
  accounts: AccountSchema,
  charges: ChargeSchema,
  evidence: ExhibitSchema,
  transfers: TransferSchema,
  exchanges: ExchangeSchema,
  rates: RateSchema,
} as const;

export type RecordListName = keyof typeof RECORD_LISTS;
export const RECORD_LIST_NAMES = Object.keys(RECORD_LISTS) as RecordListName[];

const lists = {
  persons: z.array(PersonSchema).optional(),
  accounts: z.array(AccountSchema).optional(),
  charges: z.array(ChargeSchema).optional(),
  evidence: z.array(ExhibitSchema).optional(),
  transfers: z.array(TransferSchema).optional(),
  exchanges: z.array(ExchangeSchema).optional(),
  rates: z.array(RateSchema).optional(),
};

/** The root file of a dossier. */
export const DossierSchema = z
  .strictObject({
    courtfile: z.literal(1).meta({ description: 'Format version: 1.' }),
    case: CaseSchema,
    include: z
      .array(relativePath('Path of a YAML file, relative to the dossier root.'))
      .optional()
      .meta({ description: 'Files whose records are appended to these lists, in order.' }),
    ...lists,
  })
  .meta({
    title: 'courtfile dossier (format version 1)',
    description: 'Root file of a courtfile dossier.',
  });

/** A file listed under `include`. */
export const IncludedFileSchema = z.strictObject(lists).meta({
  title: 'courtfile included file',
  description: 'A file included by a dossier root: lists of records only.',
});

/** The top-level keys of a root file, in the order the format lists them (for messages). */
export const ROOT_KEYS = ['courtfile', 'case', 'include', ...RECORD_LIST_NAMES] as const;

export type WrittenCase = z.output<typeof CaseSchema>;
export type WrittenPerson = z.output<typeof PersonSchema>;
export type WrittenAccount = z.output<typeof AccountSchema>;
export type WrittenCharge = z.output<typeof ChargeSchema>;
export type WrittenExhibit = z.output<typeof ExhibitSchema>;
export type WrittenTransfer = z.output<typeof TransferSchema>;
export type WrittenExchange = z.output<typeof ExchangeSchema>;
export type WrittenSourceLocator = z.output<typeof SourceLocatorSchema>;
export type WrittenRate = z.output<typeof RateSchema>;
