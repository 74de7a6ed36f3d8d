/**
 * French and English labels for the format's enumerations, shared by the terminal
 * summary and the PDF renderer. Each table is exhaustive over its union: a new enum
 * value without labels fails the type check.
 */
import type {
  AccountKind,
  ChargeNature,
  CustodyAction,
  ExchangeKind,
  ExhibitKind,
  Language,
  PersonRole,
  Procedure,
  Referral,
  TransferChannel,
  TransferStatus,
} from '../model/dossier.js';
import type { ChronologyKind } from '../facts/types.js';

/** A label in each language. */
export type Label = Readonly<Record<Language, string>>;
/** Labels of every value of an enumeration. */
export type LabelTable<K extends string> = Readonly<Record<K, Label>>;

export const PERSON_ROLE_LABELS = {
  suspect: { fr: 'mis en cause', en: 'suspect' },
  victim: { fr: 'victime', en: 'victim' },
  intermediary: { fr: 'intermédiaire', en: 'intermediary' },
  witness: { fr: 'témoin', en: 'witness' },
  other: { fr: 'autre', en: 'other' },
} as const satisfies LabelTable<PersonRole>;

export const ACCOUNT_KIND_LABELS = {
  email: { fr: 'adresse électronique', en: 'email address' },
  phone: { fr: 'téléphone', en: 'phone' },
  messaging: { fr: 'messagerie', en: 'messaging' },
  video: { fr: 'vidéo', en: 'video' },
  forum: { fr: 'forum', en: 'forum' },
  bank: { fr: 'compte bancaire', en: 'bank account' },
  money_transfer: { fr: 'transfert d’argent', en: 'money transfer' },
  payment: { fr: 'moyen de paiement', en: 'payment' },
  crypto: { fr: 'crypto-actifs', en: 'crypto-assets' },
  other: { fr: 'autre', en: 'other' },
} as const satisfies LabelTable<AccountKind>;

export const CHARGE_NATURE_LABELS = {
  crime: { fr: 'crime', en: 'felony (crime)' },
  delit: { fr: 'délit', en: 'misdemeanour (délit)' },
} as const satisfies LabelTable<ChargeNature>;

export const EXHIBIT_KIND_LABELS = {
  financial_record: { fr: 'relevé financier', en: 'financial record' },
  communication_log: { fr: 'journal de communications', en: 'communication log' },
  device_extraction: { fr: 'extraction de support', en: 'device extraction' },
  foreign_report: { fr: 'rapport d’une autorité étrangère', en: 'foreign report' },
  police_report: { fr: 'procès-verbal', en: 'police report' },
  document: { fr: 'document', en: 'document' },
  media: { fr: 'média', en: 'media' },
  other: { fr: 'autre', en: 'other' },
} as const satisfies LabelTable<ExhibitKind>;

export const CUSTODY_ACTION_LABELS = {
  received: { fr: 'reçu', en: 'received' },
  sealed: { fr: 'placé sous scellé', en: 'sealed' },
  opened: { fr: 'ouvert', en: 'opened' },
  copied: { fr: 'copié', en: 'copied' },
  analysed: { fr: 'analysé', en: 'analysed' },
  transferred: { fr: 'transmis', en: 'transferred' },
  returned: { fr: 'restitué', en: 'returned' },
} as const satisfies LabelTable<CustodyAction>;

export const TRANSFER_CHANNEL_LABELS = {
  money_transfer: { fr: 'transfert d’argent', en: 'money transfer' },
  bank_transfer: { fr: 'virement bancaire', en: 'bank transfer' },
  card: { fr: 'carte bancaire', en: 'card' },
  online_payment: { fr: 'paiement en ligne', en: 'online payment' },
  crypto: { fr: 'crypto-actifs', en: 'crypto-assets' },
  cash: { fr: 'espèces', en: 'cash' },
  other: { fr: 'autre', en: 'other' },
} as const satisfies LabelTable<TransferChannel>;

export const TRANSFER_STATUS_LABELS = {
  completed: { fr: 'effectué', en: 'completed' },
  attempted: { fr: 'tenté', en: 'attempted' },
  reversed: { fr: 'annulé', en: 'reversed' },
} as const satisfies LabelTable<TransferStatus>;

export const EXCHANGE_KIND_LABELS = {
  message: { fr: 'message', en: 'message' },
  email: { fr: 'courriel', en: 'email' },
  call: { fr: 'appel', en: 'call' },
  video_call: { fr: 'appel vidéo', en: 'video call' },
  live_session: { fr: 'diffusion en direct', en: 'live session' },
  file_transfer: { fr: 'transfert de fichier', en: 'file transfer' },
  other: { fr: 'autre', en: 'other' },
} as const satisfies LabelTable<ExchangeKind>;

export const PROCEDURE_LABELS = {
  preliminary: { fr: 'enquête préliminaire', en: 'preliminary investigation' },
  judicial: { fr: 'information judiciaire', en: 'judicial investigation' },
} as const satisfies LabelTable<Procedure>;

export const REFERRAL_LABELS = {
  tribunal_correctionnel: {
    fr: 'tribunal correctionnel',
    en: 'tribunal correctionnel (criminal court)',
  },
  cour_criminelle: {
    fr: 'cour criminelle départementale',
    en: 'cour criminelle départementale (departmental criminal court)',
  },
  cour_assises: { fr: 'cour d’assises', en: 'cour d’assises (assize court)' },
} as const satisfies LabelTable<Referral>;

export const CHRONOLOGY_KIND_LABELS = {
  'charge-start': { fr: 'début de la période de prévention', en: 'start of the charged period' },
  transfer: { fr: 'transfert', en: 'transfer' },
  'exchange-start': { fr: 'début de l’échange', en: 'exchange starts' },
  'exchange-end': { fr: 'fin de l’échange', en: 'exchange ends' },
  custody: { fr: 'traçabilité du scellé', en: 'chain of custody' },
  'charge-end': { fr: 'fin de la période de prévention', en: 'end of the charged period' },
} as const satisfies LabelTable<ChronologyKind>;

/** The label of `key` in `table` for `lang`. */
export function label<K extends string>(table: LabelTable<K>, key: K, lang: Language): string {
  return table[key][lang];
}
