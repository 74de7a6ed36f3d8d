/**
 * The template format (version 1), as written in `templates/*.yaml`. Every member is
 * optional here because a template that `extends` another writes only what it changes;
 * the merged result is checked for completeness in resolve-template.ts.
 *
 * Templates are data: an ordered list of sections from a fixed vocabulary with their
 * options, page and typography settings, and every label in every language. No code,
 * no expressions: free text may hold logic-less `{{path | formatter}}` placeholders.
 */
import { z } from 'zod';
import { BUNDLED_FONTS, FONT_ROLES } from '../render/fonts.js';

export const TEMPLATE_LANGUAGES = ['fr', 'en'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

/** A text for every language, or one text for all of them. May hold placeholders. */
const LocalizedText = z.union([
  z.string(),
  z.strictObject({ fr: z.string().optional(), en: z.string().optional() }),
]);
export type LocalizedText = z.infer<typeof LocalizedText>;

const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is written #RRGGBB');
const Millimetres = z.number().min(5).max(80);
const PositiveInt = z.number().int().min(1);

const Page = z.strictObject({
  size: z.enum(['A4', 'A3', 'A5', 'LETTER', 'LEGAL']).optional(),
  orientation: z.enum(['portrait', 'landscape']).optional(),
  margins_mm: z
    .strictObject({ top: Millimetres, right: Millimetres, bottom: Millimetres, left: Millimetres })
    .partial()
    .optional(),
});

const Fonts = z.strictObject(
  Object.fromEntries(FONT_ROLES.map((role) => [role, z.enum(BUNDLED_FONTS).optional()])) as Record<
    (typeof FONT_ROLES)[number],
    z.ZodOptional<z.ZodEnum<{ [K in (typeof BUNDLED_FONTS)[number]]: K }>>
  >,
);

const FontSize = z.number().min(5).max(40);
const TypeScale = z.strictObject({
  body: FontSize.optional(),
  small: FontSize.optional(),
  table: FontSize.optional(),
  h1: FontSize.optional(),
  h2: FontSize.optional(),
  h3: FontSize.optional(),
  title: FontSize.optional(),
  leading: z.number().min(1).max(2.5).optional(),
  table_leading: z.number().min(1).max(2.5).optional(),
});

export const COLOR_NAMES = [
  'text',
  'muted',
  'accent',
  'marking',
  'rule',
  'zebra',
  'header_fill',
  'chart_bar',
  'chart_grid',
  'link',
] as const;
const Colors = z.strictObject(
  Object.fromEntries(COLOR_NAMES.map((name) => [name, Color.optional()])) as Record<
    (typeof COLOR_NAMES)[number],
    z.ZodOptional<typeof Color>
  >,
);

/** Running header or footer: three slots, each a localized text with placeholders. */
const Furniture = z.strictObject({
  show: z.boolean().optional(),
  left: LocalizedText.optional(),
  center: LocalizedText.optional(),
  right: LocalizedText.optional(),
});

const Metadata = z.strictObject({
  title: LocalizedText.optional(),
  subject: LocalizedText.optional(),
  keywords: LocalizedText.optional(),
  author: LocalizedText.optional(),
});

export const PERSON_ROLES = ['suspect', 'victim', 'intermediary', 'witness', 'other'] as const;
export const TRANSFER_COLUMNS = [
  'id',
  'at',
  'sender',
  'beneficiary',
  'amount',
  'converted',
  'channel',
  'reference',
  'status',
  'evidence',
] as const;
export const EXCHANGE_COLUMNS = [
  'id',
  'at',
  'end',
  'kind',
  'platform',
  'from',
  'to',
  'summary',
  'evidence',
] as const;
export const BREAKDOWNS = [
  'sender',
  'beneficiary',
  'country',
  'channel',
  'provider',
  'currency',
  'month',
] as const;
export const COVER_FIELDS = [
  'court',
  'office',
  'unit',
  'reference',
  'title',
  'procedure',
  'referral',
  'opened',
  'period',
  'classification',
  'prepared_by',
  'generated',
  'fingerprint',
] as const;
export const CHRONOLOGY_KINDS = ['transfer', 'exchange', 'custody', 'charge'] as const;

/** Options a section may take whatever its type (each type takes those it honours). */
const common = {
  /** Heading text replacing the default label of the section. */
  title: LocalizedText.optional(),
  /** 1: chapter, 2: sub-section. */
  level: z.literal([1, 2]).optional(),
  page_break_before: z.boolean().optional(),
  /** Running header and footer on the pages this section starts. */
  furniture: z.boolean().optional(),
  /** Listed in the table of contents (and the PDF outline). */
  toc: z.boolean().optional(),
};
type CommonOption = keyof typeof common;
const ALL_COMMON = ['title', 'level', 'page_break_before', 'furniture', 'toc'] as const;
const maxRows = { max_rows: PositiveInt.optional() };
/** A list section: beyond `annex_over` rows (default 2,000), the whole list goes to an annex. */
const listRows = { ...maxRows, annex_over: PositiveInt.optional() };

function pick<K extends CommonOption>(keys: readonly K[]): Pick<typeof common, K> {
  return Object.fromEntries(keys.map((k) => [k, common[k]])) as Pick<typeof common, K>;
}

/**
 * A section type with the common options it honours and its own. An option a section
 * would ignore is not in its shape, so writing it is an error, never a silent no-op.
 */
const section = <T extends string, K extends CommonOption, S extends z.ZodRawShape>(
  type: T,
  commonKeys: readonly K[],
  shape: S,
) => z.strictObject({ type: z.literal(type), ...pick(commonKeys), ...shape });

export const SectionSchema = z.discriminatedUnion('type', [
  section('cover', ['page_break_before', 'furniture'], {
    fields: z.array(z.enum(COVER_FIELDS)).optional(),
    full_page: z.boolean().optional(),
  }),
  section('toc', ['title', 'page_break_before', 'furniture'], {
    depth: z.literal([1, 2]).optional(),
  }),
  section('case-summary', ALL_COMMON, {}),
  section('persons', ALL_COMMON, {
    roles: z.array(z.enum(PERSON_ROLES)).min(1).optional(),
    notes: z.boolean().optional(),
  }),
  section('charges', ALL_COMMON, {}),
  section('transfers', ALL_COMMON, {
    ...listRows,
    columns: z.array(z.enum(TRANSFER_COLUMNS)).min(1).optional(),
    breakdowns: z.array(z.enum(BREAKDOWNS)).optional(),
    chart: z.boolean().optional(),
    rates: z.boolean().optional(),
  }),
  section('transfer-breakdowns', ALL_COMMON, {
    ...maxRows,
    by: z.array(z.enum(BREAKDOWNS)).min(1).optional(),
  }),
  section('monthly-chart', ALL_COMMON, {}),
  section('exchanges', ALL_COMMON, {
    ...listRows,
    columns: z.array(z.enum(EXCHANGE_COLUMNS)).min(1).optional(),
    counts: z.boolean().optional(),
  }),
  section('correlations', ALL_COMMON, { ...listRows }),
  section('timeline', ALL_COMMON, {}),
  section('chronology', ALL_COMMON, {
    ...listRows,
    kinds: z.array(z.enum(CHRONOLOGY_KINDS)).min(1).optional(),
  }),
  section('exhibits', ALL_COMMON, {
    detail: z.enum(['summary', 'full']).optional(),
    custody: z.boolean().optional(),
  }),
  section('warnings-annex', ['title'], {}),
  section('text', ALL_COMMON, { body: LocalizedText }),
  section('annexes', [], {}),
  section('page-break', [], {}),
]);

/** A section as written; `type` picks which options apply. */
export type Section = z.infer<typeof SectionSchema>;
export type SectionType = Section['type'];
export type SectionOf<K extends SectionType> = Extract<Section, { type: K }>;

export const SECTION_TYPES: readonly SectionType[] = SectionSchema.options.map(
  (o) => o.shape.type.value,
);

/** The options a section type takes (besides `type`); none for an unknown type. */
export function sectionOptions(type: unknown): readonly string[] {
  const schema = SectionSchema.options.find((o) => o.shape.type.value === type);
  return schema ? Object.keys(schema.shape).filter((k) => k !== 'type') : [];
}

const Labels = z.record(z.string(), z.string());

export const TemplateSchema = z.strictObject({
  courtfile_template: z.literal(1),
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,63}$/, 'a template name is lower-case letters, digits and dashes'),
  extends: z.string().min(1).optional(),
  description: LocalizedText.optional(),
  languages: z.array(z.enum(TEMPLATE_LANGUAGES)).min(1).optional(),
  page: Page.optional(),
  fonts: Fonts.optional(),
  type: TypeScale.optional(),
  colors: Colors.optional(),
  classification: LocalizedText.optional(),
  numbering: z.boolean().optional(),
  header: Furniture.optional(),
  footer: Furniture.optional(),
  metadata: Metadata.optional(),
  sections: z.array(SectionSchema).min(1).optional(),
  labels: z.strictObject({ fr: Labels.optional(), en: Labels.optional() }).optional(),
});

/** A template file as written (after YAML parsing and schema check). */
export type WrittenTemplate = z.infer<typeof TemplateSchema>;

/** Every key the format defines anywhere, for "did you mean" suggestions. */
export const TEMPLATE_KEYS: readonly string[] = [
  ...new Set([
    ...Object.keys(TemplateSchema.shape),
    ...Object.keys(Page.shape),
    'top',
    'right',
    'bottom',
    'left',
    ...FONT_ROLES,
    ...Object.keys(TypeScale.shape),
    ...COLOR_NAMES,
    ...Object.keys(Furniture.shape),
    ...Object.keys(Metadata.shape),
    ...TEMPLATE_LANGUAGES,
  ]),
];
