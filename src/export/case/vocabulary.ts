/**
 * The JSON-LD context of a CASE export and courtfile's extension vocabulary: the
 * classes and properties CASE/UCO 1.4 lacks (money transfers; court, charge-side and
 * exhibit details). Every extension class is declared `rdfs:subClassOf` a UCO class,
 * in the exported graph itself, so the UCO shapes apply to its instances.
 * docs/export.md documents the namespace.
 */

/** The extension namespace (a URN: it names terms, it is not meant to be fetched). */
export const COURTFILE_NS = 'urn:courtfile:ontology:1:';

/** Namespaces of the CASE/UCO 1.4 ontology and of RDF itself used by the export. */
export const PREFIXES = {
  'case-investigation': 'https://ontology.caseontology.org/case/investigation/',
  courtfile: COURTFILE_NS,
  owl: 'http://www.w3.org/2002/07/owl#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  'uco-action': 'https://ontology.unifiedcyberontology.org/uco/action/',
  'uco-core': 'https://ontology.unifiedcyberontology.org/uco/core/',
  'uco-identity': 'https://ontology.unifiedcyberontology.org/uco/identity/',
  'uco-observable': 'https://ontology.unifiedcyberontology.org/uco/observable/',
  'uco-types': 'https://ontology.unifiedcyberontology.org/uco/types/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

/** The `@context` of an export: the prefixes above plus `kb`, the case's own namespace. */
export function caseContext(base: string): Record<string, string> {
  return { ...PREFIXES, kb: base };
}

/** `literal`: a literal of more than one datatype; `object`: a node. */
type Range = 'xsd:string' | 'xsd:decimal' | 'xsd:date' | 'xsd:integer' | 'literal' | 'object';

export interface PropertyTerm {
  readonly range: Range;
  readonly comment: string;
}

/** Extension classes: name, UCO superclass, meaning. */
export const EXTENSION_CLASSES = [
  {
    name: 'MoneyTransfer',
    superClass: 'uco-action:Action',
    comment:
      'A transfer of money from a sender (person or account) to a beneficiary, as recorded by a provider or bank. Its uco-action:startTime is the instant of the transfer; uco-action:performer is the sender person when known.',
  },
] as const;

/** Extension properties, by local name. */
export const EXTENSION_PROPERTIES = {
  accountKind: {
    range: 'xsd:string',
    comment: 'Kind of account as the dossier states it (email, phone, bank, ...).',
  },
  ageAtFacts: {
    range: 'xsd:integer',
    comment: 'Age of the person at the time of the facts, in years.',
  },
  alias: { range: 'xsd:string', comment: 'Another name the person is known by.' },
  amount: {
    range: 'xsd:decimal',
    comment: 'Amount of a transfer in its own currency, with the exact decimals of that currency.',
  },
  attributionEvidence: {
    range: 'object',
    comment: 'The provenance record (exhibit) that attributes the account to its holder.',
  },
  beneficiary: {
    range: 'object',
    comment: 'Who received a transfer: the person or account the dossier names.',
  },
  birth: { range: 'literal', comment: 'Date of birth (xsd:date), or year of birth (xsd:gYear).' },
  channel: {
    range: 'xsd:string',
    comment:
      'How the money moved: money_transfer, bank_transfer, card, online_payment, crypto, cash, other.',
  },
  classification: { range: 'xsd:string', comment: 'Protective marking of the case file.' },
  convertedAmount: {
    range: 'xsd:decimal',
    comment:
      'The amount converted to the reporting currency (rounded half to even), when a rate applies.',
  },
  court: { range: 'xsd:string', comment: 'The court seized of the case.' },
  currency: { range: 'xsd:string', comment: 'ISO 4217 code of the amount.' },
  evidence: {
    range: 'object',
    comment: 'The provenance record (exhibit) a transfer or exchange comes from.',
  },
  exchangeKind: {
    range: 'xsd:string',
    comment:
      'Kind of exchange as the dossier states it: message, email, call, video_call, live_session, file_transfer, other.',
  },
  exchangeRate: {
    range: 'xsd:decimal',
    comment:
      'The declared rate used for the conversion: 1 unit of the currency = this many units of the reporting currency.',
  },
  exchangeRateDate: {
    range: 'xsd:date',
    comment: 'The date from which that declared rate is valid.',
  },
  exhibitKind: {
    range: 'xsd:string',
    comment:
      'Kind of exhibit: financial_record, communication_log, device_extraction, foreign_report, police_report, document, media, other.',
  },
  nationality: { range: 'xsd:string', comment: 'ISO 3166-1 alpha-2 code.' },
  obtained: { range: 'xsd:date', comment: 'Date the exhibit was obtained.' },
  office: { range: 'xsd:string', comment: "The prosecutor's office." },
  opened: { range: 'xsd:date', comment: 'Date the case was opened.' },
  performedBy: {
    range: 'xsd:string',
    comment: 'Who performed a custody action, as written in the dossier.',
  },
  platform: { range: 'xsd:string', comment: 'Platform or provider of an account or exchange.' },
  preparedBy: { range: 'xsd:string', comment: 'Who prepared the case file.' },
  procedure: { range: 'xsd:string', comment: 'preliminary or judicial.' },
  provider: { range: 'xsd:string', comment: 'The provider or bank that carried a transfer.' },
  pseudonym: {
    range: 'xsd:string',
    comment: 'The name under which a protected person appears in documents.',
  },
  reference: {
    range: 'xsd:string',
    comment: "The provider's reference of a transfer (e.g. an MTCN).",
  },
  referral: { range: 'xsd:string', comment: 'The trial court the case is referred to.' },
  reportingCurrency: {
    range: 'xsd:string',
    comment: 'ISO 4217 code of converted amounts and totals.',
  },
  residence: { range: 'xsd:string', comment: 'Country of residence, ISO 3166-1 alpha-2 code.' },
  role: {
    range: 'xsd:string',
    comment: "The person's role in the case: suspect, victim, intermediary, witness, other.",
  },
  seal: { range: 'xsd:string', comment: 'Seal number of the exhibit.' },
  sender: {
    range: 'object',
    comment: 'Who sent a transfer: the person or account the dossier names.',
  },
  source: { range: 'xsd:string', comment: 'Where the exhibit comes from.' },
  sourceEvidence: {
    range: 'object',
    comment:
      'The provenance record (exhibit) whose file a transfer or exchange was read from, row by row (an import).',
  },
  sourceLocator: {
    range: 'xsd:string',
    comment:
      'Where in that exhibit file the transfer or exchange was read: row N (csv), SHEET row N (xlsx), line N (WhatsApp), message ID (Skype, mbox).',
  },
  timeZone: {
    range: 'xsd:string',
    comment: 'IANA time zone in which the case file shows instants.',
  },
  transferStatus: { range: 'xsd:string', comment: 'completed, attempted or reversed.' },
  unit: { range: 'xsd:string', comment: 'The investigating unit.' },
} as const satisfies Readonly<Record<string, PropertyTerm>>;

export type ExtensionProperty = keyof typeof EXTENSION_PROPERTIES;

/** The compact IRI of an extension property: only declared ones can be written. */
export const cf = (name: ExtensionProperty) => `courtfile:${name}` as const;
