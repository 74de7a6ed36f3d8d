/**
 * Stable diagnostic codes. The first group is defined by the dossier format
 * (shared contract); the rest are courtfile's own additions. Codes never change
 * meaning once published: tools and CI scripts key on them.
 */
export const DOSSIER_CODES = [
  'yaml-syntax',
  'unknown-key',
  'required',
  'invalid-type',
  'invalid-value',
  'duplicate-id',
  'unknown-reference',
  'reference-kind',
  'date-order',
  'amount-precision',
  'missing-rate',
  'jurisdiction',
  'include',
  'unused-evidence',
  /**
   * Warning: an account with the kind and identifier (as accounts are matched) of an
   * earlier one: the records naming either are counted apart.
   */
  'duplicate-account',
  /** Warning: an exhibit file listed twice (in one exhibit or two), as its path resolves. */
  'duplicate-file',
  /**
   * Warning: a completed transfer with the reference, true instant, currency, amount,
   * sender and beneficiary of an earlier one from another exhibit: one payment recorded
   * twice counts twice in the totals.
   */
  'duplicate-transfer',
] as const;

export const VERIFY_CODES = [
  'file-missing',
  'size-mismatch',
  'hash-mismatch',
  'path-outside',
  /** The path exists but is not a regular file (directory, FIFO, device, socket). */
  'not-a-file',
  /** The file could not be read (permissions, I/O error). */
  'file-unreadable',
  /** The file changed (size or modification time) while it was being hashed. */
  'file-changed',
  /** Warning: the file has several hard links, so it can be changed through another path. */
  'hard-link',
  /** Warning (`verify --unlisted`): a file under an exhibit folder that no exhibit lists. */
  'unlisted-file',
  /** `packet --check`: a file the manifest lists is absent, or a file is present that it does not list. */
  'manifest',
  /** `packet --check --allowed-signers`: the packet has no `manifest.json.sig`. */
  'signature-missing',
  /** `manifest.json.sig` is not a usable SSH signature (damaged, another namespace or key type). */
  'signature-invalid',
  /** The signature is not over this `manifest.json`: the manifest changed after it was signed. */
  'signature-mismatch',
  /** The signature is sound, but made by a key the allowed-signers file does not allow. */
  'signer-unknown',
] as const;

export const TEMPLATE_CODES = [
  /** A template that does not match the template schema (unknown key, wrong type or value). */
  'template-schema',
  /** A section type that the renderer does not know. */
  'template-section',
  /** A `{{placeholder}}` that names no path of the dossier or facts model, or an unknown formatter. */
  'template-placeholder',
  /** A label missing for a language the template declares. */
  'template-label',
  /** `extends` names a template that does not exist, or the chain is cyclic. */
  'template-extends',
  /** The trial render of the template against the example dossier failed. */
  'template-render',
] as const;

/** `courtfile import`: problems in an exhibit's export or its mapping file. */
export const IMPORT_CODES = [
  /** The source is not of the format (malformed CSV, not JSON, undecodable in its encoding). */
  'import-format',
  /** A mapped column is not in the header row. */
  'import-column',
  /** A cell or field that cannot be read as its dossier field. */
  'import-value',
  /** A local time with no zone, or one that does not exist or is ambiguous in its zone. */
  'import-time',
  /** SOURCE is not a file of the evidence record, or its SHA-256 differs from the declared one. */
  'import-source',
  /** Warning: an identifier that no account of the dossier has; a new account is written. */
  'import-new-account',
] as const;

/** Protection of victims. */
export const PRIVACY_CODES = [
  /**
   * Warning: a free-text field (notes, titles, summaries, case reference...) mentions a
   * victim's name, alias, birth date or account identifier.
   */
  'victim-identity',
] as const;

/** Documents (render, packet). */
export const DOCUMENT_CODES = [
  /**
   * Warning: a character that no embedded font can draw; the documents show a visible
   * replacement mark (U+FFFD) in its place.
   */
  'missing-glyph',
] as const;

export const CODES = [
  ...DOSSIER_CODES,
  ...PRIVACY_CODES,
  ...DOCUMENT_CODES,
  ...VERIFY_CODES,
  ...TEMPLATE_CODES,
  ...IMPORT_CODES,
] as const;

export type Code = (typeof CODES)[number];

export type Severity = 'error' | 'warning';
