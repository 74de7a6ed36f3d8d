import { z } from 'zod';
import { EXCHANGE_KINDS, AccountSchema, TransferSchema } from '../../schema/dossier.js';
import { inexactAsText, timeZone } from '../../schema/scalars.js';
import { CSV_ENCODINGS } from '../csv/decode-chunks.js';

/**
 * The mapping file of a csv or xlsx import (`courtfile-map: 1`): which column gives
 * which dossier key. Strict objects: an unknown key is an error, as in a dossier.
 * `courtfile import --print-map-schema` prints the JSON Schema generated from this.
 */

const name = (description: string) =>
  z.string().min(1, { error: 'must not be empty' }).meta({ description });

const columnName = name('A column name, as written in the header row.');

const valueMap = z
  .record(z.string(), z.string())
  .meta({ description: 'Cell text -> dossier value; a cell not listed is an error.' });

/**
 * A column, a column with a value map, or a constant. A constant is text, as in a
 * dossier: an unquoted `007` would be the number 7 (`invalid-type`, write it in quotes).
 */
const field = z.union([
  columnName,
  z.strictObject({ column: columnName, map: valueMap.optional() }),
  z.strictObject({ value: z.string().meta({ description: 'A constant (text: quote numbers).' }) }),
]);

/** An amount: a field, or a constant that may be a number (read as the dossier reads amounts). */
const amountField = z.union([
  columnName,
  z.strictObject({ column: columnName, map: valueMap.optional() }),
  z.strictObject({
    // A long decimal written without quotes is read exactly, as the dossier reads amounts.
    value: z
      .preprocess(inexactAsText, z.union([z.string(), z.number()]))
      .meta({ description: 'A constant.' }),
  }),
]);

const dateFormat = name(
  'Unicode (LDML) pattern: yyyy yy MM M dd d HH H hh h mm ss S to SSSSSSSSS (fraction digits) a XXX, text in single quotes.',
);

/** A date-time: one column, or several joined with one space, with its format. */
const dateField = z.union([
  columnName,
  z.strictObject({ column: columnName, format: dateFormat.optional() }),
  z.strictObject({
    columns: z.array(columnName).min(1, { error: 'list at least one column' }),
    format: dateFormat,
  }),
]);

const accountKind = AccountSchema.shape.kind;

/** An identifier read from a column (or a constant), matched to an account of that kind. */
const partyField = z.union([
  z.strictObject({
    column: columnName,
    account: accountKind,
    platform: name('Platform of new accounts, e.g. Western Union.').optional(),
  }),
  z.strictObject({
    value: name('A constant identifier (e.g. the statement holder IBAN).'),
    account: accountKind,
    platform: name('Platform of new accounts.').optional(),
  }),
]);

const common = {
  'courtfile-map': z.literal(1).meta({ description: 'Mapping format version: 1.' }),
  'header-row': z
    .int()
    .min(1)
    .max(1000)
    .optional()
    .meta({ description: 'Row of the column names (default 1); rows above it are skipped.' }),
  delimiter: z
    .enum([',', ';', '\t', '|'])
    .optional()
    .meta({ description: 'csv: field separator (default: detected in the header row).' }),
  encoding: z
    .enum(CSV_ENCODINGS)
    .optional()
    .meta({ description: 'csv: text encoding (default utf-8; a byte order mark is honoured).' }),
  decimal: z
    .enum(['.', ','])
    .optional()
    .meta({ description: 'Decimal separator of amounts (default ".").' }),
  zone: timeZone
    .optional()
    .meta({ description: 'IANA zone of date-times written without an offset.' }),
  sheet: name(
    'xlsx: the sheet to read, its name compared without regard to case when no sheet has it exactly (default: the first one not hidden).',
  ).optional(),
  only: z
    .strictObject({
      column: columnName,
      values: z.array(z.string()).min(1, { error: 'list at least one value' }),
    })
    .optional()
    .meta({
      description:
        'Import only the rows whose column holds one of these values; the others are passed over.',
    }),
};

export const TransfersMapSchema = z.strictObject({
  ...common,
  records: z.literal('transfers'),
  fields: z.strictObject({
    at: dateField,
    amount: amountField,
    currency: field,
    from: partyField,
    to: partyField,
    channel: field,
    provider: field.optional(),
    reference: field.optional(),
    status: field.optional(),
    notes: field.optional(),
  }),
});

export const ExchangesMapSchema = z.strictObject({
  ...common,
  records: z.literal('exchanges'),
  fields: z.strictObject({
    at: dateField,
    end: dateField.optional(),
    kind: field,
    platform: field.optional(),
    from: partyField,
    to: partyField,
  }),
});

export const MappingSchema = z
  .discriminatedUnion('records', [TransfersMapSchema, ExchangesMapSchema])
  .meta({
    title: 'courtfile import mapping (version 1)',
    description: 'Which column of a csv or xlsx export gives which dossier key.',
  });

export type Mapping = z.output<typeof MappingSchema>;
export type FieldSpec = z.output<typeof field> | z.output<typeof amountField>;
export type DateFieldSpec = z.output<typeof dateField>;
export type PartyFieldSpec = z.output<typeof partyField>;

/** Transfer channels and statuses, exchange kinds: what a mapped value must end up as. */
export const CHANNELS: readonly string[] = TransferSchema.shape.channel.options;
export const STATUSES: readonly string[] = TransferSchema.shape.status.unwrap().options;
export const KINDS: readonly string[] = EXCHANGE_KINDS;

/** The JSON Schema (draft 2020-12) of a mapping file, from the zod schema. */
export function mappingJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(MappingSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: 'https://courtfile.invalid/schema/import-map-1.json',
    ...schema,
  };
}
