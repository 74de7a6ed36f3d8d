/** Words of the terminal summary report, in French and English. */
import type { Language } from '../model/dossier.js';

export interface SummaryWords {
  readonly title: string;
  readonly timesIn: string;
  readonly currency: string;
  readonly window: string;
  readonly fingerprint: string;
  readonly keyFigures: string;
  readonly completed: string;
  readonly attemptedReversed: string;
  readonly first: string;
  readonly last: string;
  readonly exchanges: string;
  readonly liveSessions: string;
  readonly sessions: string;
  readonly linked: string;
  readonly of: string;
  readonly victims: string;
  readonly exhibits: string;
  readonly period: string;
  readonly bySender: string;
  readonly byBeneficiary: string;
  readonly byCountry: string;
  readonly byChannel: string;
  readonly byProvider: string;
  readonly byCurrency: string;
  readonly byMonth: string;
  readonly byCharge: string;
  readonly exchangesByKind: string;
  readonly exchangesByPlatform: string;
  readonly correlations: string;
  readonly count: string;
  readonly total: string;
  readonly original: string;
  readonly converted: string;
  readonly sender: string;
  readonly beneficiary: string;
  readonly country: string;
  readonly channel: string;
  readonly provider: string;
  readonly month: string;
  readonly charge: string;
  readonly chargedPeriod: string;
  readonly kind: string;
  readonly platform: string;
  readonly transfer: string;
  readonly paidAt: string;
  readonly session: string;
  readonly startedAt: string;
  readonly gap: string;
  readonly unknown: string;
  readonly notStated: string;
  /** What replaces a victim's identity in free text (as the documents' `redacted` label). */
  readonly redacted: string;
  readonly unattributed: string;
  readonly none: string;
  readonly noCorrelation: string;
  readonly others: (n: number) => string;
  readonly morePairs: (n: number) => string;
}

export const SUMMARY_WORDS: Readonly<Record<Language, SummaryWords>> = {
  fr: {
    title: 'Synthèse du dossier',
    timesIn: 'Heures',
    currency: 'Devise',
    window: 'Corrélation',
    fingerprint: 'Empreinte',
    keyFigures: 'Chiffres clés',
    completed: 'Transferts effectués',
    attemptedReversed: 'Tentés / annulés',
    first: 'Premier transfert',
    last: 'Dernier transfert',
    exchanges: 'Échanges',
    liveSessions: 'diffusions en direct',
    sessions: 'sessions',
    linked: 'Transferts liés à une session',
    of: 'sur',
    victims: 'Victimes',
    exhibits: 'Pièces',
    period: 'Période des faits',
    bySender: 'Par expéditeur',
    byBeneficiary: 'Par bénéficiaire',
    byCountry: 'Par pays de résidence du bénéficiaire',
    byChannel: 'Par canal',
    byProvider: 'Par opérateur',
    byCurrency: 'Par devise d’origine',
    byMonth: 'Par mois',
    byCharge: 'Par chef de prévention (transferts de ses mis en cause)',
    exchangesByKind: 'Échanges par type',
    exchangesByPlatform: 'Échanges par plateforme',
    correlations: 'Paiements et sessions liés',
    count: 'Nb',
    total: 'Total',
    original: 'Montant d’origine',
    converted: 'Converti',
    sender: 'Expéditeur',
    beneficiary: 'Bénéficiaire',
    country: 'Pays',
    channel: 'Canal',
    provider: 'Opérateur',
    month: 'Mois',
    charge: 'Chef',
    chargedPeriod: 'Période',
    kind: 'Type',
    platform: 'Plateforme',
    transfer: 'Transfert',
    paidAt: 'Payé le',
    session: 'Session',
    startedAt: 'Début',
    gap: 'Écart',
    unknown: 'inconnu',
    notStated: 'non précisé',
    redacted: '[masqué]',
    unattributed: 'compte non attribué',
    none: 'aucun',
    noCorrelation: 'Aucune session dans la fenêtre d’un paiement.',
    others: (n) => `… ${n} autre(s)`,
    morePairs: (n) => `… ${n} autre(s) paire(s) : voir --json`,
  },
  en: {
    title: 'Dossier summary',
    timesIn: 'Times',
    currency: 'Currency',
    window: 'Correlation',
    fingerprint: 'Fingerprint',
    keyFigures: 'Key figures',
    completed: 'Completed transfers',
    attemptedReversed: 'Attempted / reversed',
    first: 'First transfer',
    last: 'Last transfer',
    exchanges: 'Exchanges',
    liveSessions: 'live sessions',
    sessions: 'sessions',
    linked: 'Transfers linked to a session',
    of: 'of',
    victims: 'Victims',
    exhibits: 'Exhibits',
    period: 'Period of the facts',
    bySender: 'By sender',
    byBeneficiary: 'By beneficiary',
    byCountry: 'By beneficiary’s country of residence',
    byChannel: 'By channel',
    byProvider: 'By provider',
    byCurrency: 'By original currency',
    byMonth: 'By month',
    byCharge: "By charge (its suspects' transfers)",
    exchangesByKind: 'Exchanges by kind',
    exchangesByPlatform: 'Exchanges by platform',
    correlations: 'Linked payments and sessions',
    count: 'No.',
    total: 'Total',
    original: 'Original amount',
    converted: 'Converted',
    sender: 'Sender',
    beneficiary: 'Beneficiary',
    country: 'Country',
    channel: 'Channel',
    provider: 'Provider',
    month: 'Month',
    charge: 'Charge',
    chargedPeriod: 'Period',
    kind: 'Kind',
    platform: 'Platform',
    transfer: 'Transfer',
    paidAt: 'Paid',
    session: 'Session',
    startedAt: 'Started',
    gap: 'Gap',
    unknown: 'unknown',
    notStated: 'not stated',
    redacted: '[redacted]',
    unattributed: 'unattributed account',
    none: 'none',
    noCorrelation: 'No session within the window of a payment.',
    others: (n) => `… ${n} other(s)`,
    morePairs: (n) => `… ${n} more pair(s): see --json`,
  },
};
