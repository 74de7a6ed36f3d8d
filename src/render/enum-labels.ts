/**
 * Labels of enumeration values: the template's `enum.<table>.<value>` label when it
 * defines one, else the shared French/English tables of src/locale. ENUM_TABLES is the
 * one list of these enumerations: src/templates/label-keys.ts derives from it the
 * `enum.*` keys a template may define.
 */
import {
  ACCOUNT_KIND_LABELS,
  CHARGE_NATURE_LABELS,
  CHRONOLOGY_KIND_LABELS,
  CUSTODY_ACTION_LABELS,
  EXCHANGE_KIND_LABELS,
  EXHIBIT_KIND_LABELS,
  PERSON_ROLE_LABELS,
  PROCEDURE_LABELS,
  REFERRAL_LABELS,
  TRANSFER_CHANNEL_LABELS,
  TRANSFER_STATUS_LABELS,
} from '../locale/labels.js';
import type { Language } from '../model/dossier.js';

/** Enumerations whose value labels a template may override, with their default labels. */
export const ENUM_TABLES = {
  role: PERSON_ROLE_LABELS,
  account_kind: ACCOUNT_KIND_LABELS,
  nature: CHARGE_NATURE_LABELS,
  exhibit_kind: EXHIBIT_KIND_LABELS,
  custody_action: CUSTODY_ACTION_LABELS,
  channel: TRANSFER_CHANNEL_LABELS,
  status: TRANSFER_STATUS_LABELS,
  exchange_kind: EXCHANGE_KIND_LABELS,
  procedure: PROCEDURE_LABELS,
  referral: REFERRAL_LABELS,
  chronology: CHRONOLOGY_KIND_LABELS,
} as const;

export type EnumTable = keyof typeof ENUM_TABLES;
export type EnumValue<T extends EnumTable> = keyof (typeof ENUM_TABLES)[T] & string;

export function enumLabel<T extends EnumTable>(
  labels: Readonly<Record<string, string>>,
  table: T,
  value: EnumValue<T>,
  lang: Language,
): string {
  const override = labels[`enum.${table}.${value}`];
  if (override !== undefined) return override;
  const entry = (ENUM_TABLES[table] as Record<string, Record<Language, string> | undefined>)[value];
  return entry?.[lang] ?? value;
}
