import type { Code } from './codes.js';

/** Arguments a message may use. Every message also makes sense with only `detail`. */
export interface MessageArgs {
  readonly detail?: string;
  readonly [key: string]: string | number | undefined;
}

type MessageFn = (a: MessageArgs) => string;

const d = (a: MessageArgs, fallback: string): string => a.detail ?? fallback;

/**
 * One plain-language message per code. A new code without a message here fails the
 * type check (`satisfies Record<Code, MessageFn>`).
 */
export const MESSAGES = {
  'yaml-syntax': (a) => `not well-formed YAML: ${d(a, 'syntax error')}`,
  'unknown-key': (a) =>
    `unknown key "${a.key}"${a.suggestion ? ` (did you mean "${a.suggestion}"?)` : ''}${a.where ? ` in ${a.where}` : ''}`,
  required: (a) => `missing required key "${a.key}"${a.where ? ` in ${a.where}` : ''}`,
  'invalid-type': (a) => d(a, 'wrong type'),
  'invalid-value': (a) => d(a, 'invalid value'),
  'duplicate-id': (a) => `id "${a.id}" is already used by ${a.first}`,
  'unknown-reference': (a) => `"${a.id}" names no ${a.expected ?? 'record'} in this dossier`,
  'reference-kind': (a) => `"${a.id}" is ${a.actual}, but ${a.expected} is required here`,
  'date-order': (a) => d(a, 'dates out of order'),
  'amount-precision': (a) =>
    `amount ${a.amount} has ${a.decimals} decimal digit(s); ${a.currency} allows at most ${a.allowed}`,
  'missing-rate': (a) =>
    `no ${a.currency} rate dated on or before ${a.date} (${a.timezone}) to convert this transfer to ${a.reporting}`,
  jurisdiction: (a) => d(a, 'the court of referral does not match the nature of the charges'),
  include: (a) => d(a, 'bad include'),
  'unused-evidence': (a) =>
    `exhibit "${a.id}" is cited by no charge, transfer, exchange or account`,
  'victim-identity': (a) =>
    `this text mentions ${a.mentions ?? "a victim's identity"}: documents mask it, but the dossier should not hold it here (refer to the victim by pseudonym)`,
  'file-missing': (a) =>
    a.lookAlike
      ? `${a.what ?? 'exhibit file'} "${a.path}" not found; a file whose name differs only in Unicode normalisation exists: "${a.lookAlike}"`
      : `${a.what ?? 'exhibit file'} "${a.path}" does not exist`,
  'size-mismatch': (a) =>
    `${a.what ?? 'exhibit file'} "${a.path}" has ${a.actual} bytes, the ${a.by ?? 'index'} declares ${a.expected}`,
  'hash-mismatch': (a) =>
    `${a.what ?? 'exhibit file'} "${a.path}" has SHA-256 ${a.actual}, the ${a.by ?? 'index'} declares ${a.expected}`,
  'path-outside': (a) =>
    `${a.subject ?? 'exhibit path'} "${a.path}" ${d(a, 'leaves the dossier root')}`,
  'not-a-file': (a) =>
    `${a.subject ?? 'exhibit path'} "${a.path}" is ${a.what ?? 'not a regular file'}`,
  'file-unreadable': (a) =>
    `${a.subject ?? 'exhibit file'} "${a.path}" cannot be read: ${d(a, 'I/O error')}`,
  'file-changed': (a) =>
    `${a.subject ?? 'exhibit file'} "${a.path}" changed while it was being hashed`,
  'hard-link': (a) =>
    `exhibit file "${a.path}" has ${a.links} hard links: it can be changed through another path`,
  'unlisted-file': (a) => `file "${a.path}" is in an exhibit folder but no exhibit lists it`,
  manifest: (a) => d(a, 'the packet does not match its manifest'),
  'signature-missing': (a) =>
    `the packet is not signed: it has no ${a.path ?? 'manifest.json.sig'}, and --allowed-signers asks for a signature`,
  'signature-invalid': (a) =>
    `${a.path ?? 'manifest.json.sig'} is not a usable signature of the manifest: ${d(a, 'damaged')}`,
  'signature-mismatch': (a) =>
    `the signature (key ${a.key}) does not match manifest.json: the manifest was changed after it was signed, or the signature belongs to another manifest`,
  'signer-unknown': (a) =>
    `manifest.json is signed by the key ${a.key}, which ${a.allowed} does not allow${a.detail ? ` (${a.detail})` : ''}`,
  'template-schema': (a) => d(a, 'invalid template'),
  'template-section': (a) => d(a, 'unknown section type'),
  'template-placeholder': (a) => d(a, 'unknown placeholder'),
  'template-label': (a) => d(a, 'missing label'),
  'template-extends': (a) => d(a, 'broken extends chain'),
  'template-render': (a) => `trial render failed: ${d(a, 'unknown error')}`,
  'import-format': (a) => d(a, 'the source is not of the expected format'),
  'import-column': (a) =>
    `column "${a.column}" is not in the header row${a.where ? ` ${a.where}` : ''}`,
  'import-value': (a) => d(a, 'value cannot be read'),
  'import-time': (a) => d(a, 'the time cannot be placed in a time zone'),
  'import-source': (a) => d(a, 'the source is not a file of the evidence record'),
  'import-new-account': (a) =>
    `${a.kind ?? 'account'} "${a.identifier}" is not in the dossier: new account ${a.id}; attribute it`,
  'missing-glyph': (a) =>
    `no embedded font can draw ${a.chars ?? 'a character'} of this value: the documents show "\ufffd" in its place`,
} as const satisfies Record<Code, MessageFn>;

/** How many characters of a value a message quotes at most. */
export const MAX_QUOTED = 80;

/**
 * At most MAX_QUOTED characters of `value`, ending with an ellipsis when cut: a
 * message quotes values from the dossier, which may be megabytes long. Never cuts a
 * surrogate pair in two.
 */
export function shorten(value: string, max = MAX_QUOTED): string {
  if (value.length <= max) return value;
  let cut = max - 1;
  const c = value.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return `${value.slice(0, cut)}…`;
}

/**
 * The message of `code`. Every argument but `detail` (which is composed from values
 * already shortened) is a value from the dossier, quoted at most MAX_QUOTED characters.
 */
export function message(code: Code, args: MessageArgs = {}): string {
  const short: Record<string, string | number | undefined> = {};
  for (const [k, v] of Object.entries(args))
    short[k] = typeof v === 'string' && k !== 'detail' ? shorten(v) : v;
  return MESSAGES[code](short);
}
