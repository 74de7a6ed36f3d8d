import type { Code } from './codes.js';
import { ACCOUNT_KIND_LABELS, REFERRAL_LABELS } from '../locale/labels.js';
import type { AccountKind, Referral } from '../model/dossier.js';

/** Arguments a message may use. Every message also makes sense with only `detail`. */
export interface MessageArgs {
  readonly detail?: string;
  readonly [key: string]: string | number | undefined;
}

type MessageFn = (a: MessageArgs) => string;

const d = (a: MessageArgs, fallback: string): string => a.detail ?? fallback;
/** The last part of a `/`-separated path. */
const lastPart = (p: string | number | undefined): string => String(p).split('/').pop() ?? '';

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
  'duplicate-account': (a) =>
    `account "${a.id}" has the kind (${a.kind}) and identifier of account "${a.first}" (${a.place} in ${a.file}): the transfers and exchanges naming either are counted apart; keep one account and refer to it`,
  'duplicate-file': (a) =>
    `file "${a.path}" is already listed by exhibit "${a.first}" (files.${a.index}): list each file once, under the exhibit it belongs to`,
  'duplicate-transfer': (a) =>
    `transfer "${a.id}", from another exhibit, has the reference, instant, amount, sender and beneficiary of transfer "${a.first}" (in ${a.file}): the totals count both; if they record one payment, keep one`,
  'victim-identity': (a) =>
    `this text mentions ${a.mentions ?? "a victim's identity"}: documents mask it, but the dossier should not hold it here (refer to the victim by pseudonym)`,
  'file-missing': (a) =>
    a.lookAlike
      ? lastPart(a.lookAlike) === lastPart(a.path)
        ? `${a.what ?? 'exhibit file'} "${a.path}" not found; it exists under a folder whose name differs only in Unicode normalisation: "${a.lookAlike}"`
        : `${a.what ?? 'exhibit file'} "${a.path}" not found; a file whose name differs only in Unicode normalisation exists: "${a.lookAlike}"`
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
    `no embedded font can draw ${a.chars ?? 'a character'}${a.count === undefined ? '' : ` (${a.count} characters in all)`} of this value: the documents show "\ufffd" in its place`,
} as const satisfies Record<Code, MessageFn>;

const NNBSP = '\u202f';
const accountKindFr = (k: string | number | undefined): string =>
  k !== undefined && k in ACCOUNT_KIND_LABELS
    ? ACCOUNT_KIND_LABELS[k as AccountKind].fr
    : String(k);
const referralFr = (r: string | number): string =>
  r in REFERRAL_LABELS ? REFERRAL_LABELS[r as Referral].fr : String(r);
/** `« x »`, with the narrow no-break spaces of French typography. */
export const quoteFr = (x: string | number | undefined): string => `«${NNBSP}${x}${NNBSP}»`;

/**
 * The messages of the codes a document lists in its warnings annex (the warnings of
 * validate and of the render itself), in French, for a French document: its reader is a
 * French court. Their findings keep their arguments (`Finding.args`) for this. The
 * command line's own output stays in English, like every other message.
 */
export const FRENCH_MESSAGES = {
  jurisdiction: (a) =>
    a.referral !== undefined
      ? `le renvoi devant la ${referralFr(a.referral)} exige au moins une infraction de nature criminelle${NNBSP}; ${a.none === 'yes' ? 'le dossier ne comporte aucune infraction' : 'toutes ses infractions sont des délits'}`
      : `${a.charge ? `l’infraction ${quoteFr(a.charge)}` : 'cette infraction'} est un crime, mais l’affaire est renvoyée devant le tribunal correctionnel`,
  'unused-evidence': (a) =>
    `la pièce ${quoteFr(a.id)} n’est citée par aucune infraction, aucun virement, aucun échange ni aucun compte`,
  'duplicate-account': (a) =>
    `le compte ${quoteFr(a.id)} a le type (${accountKindFr(a.kind)}) et l’identifiant du compte ${quoteFr(a.first)} (${a.place} dans ${a.file})${NNBSP}: les virements et échanges qui citent l’un ou l’autre sont comptés à part${NNBSP}; n’en garder qu’un et y renvoyer`,
  'duplicate-file': (a) =>
    `le fichier ${quoteFr(a.path)} est déjà inscrit dans la pièce ${quoteFr(a.first)} (files.${a.index})${NNBSP}: n’inscrire chaque fichier qu’une fois, dans la pièce dont il fait partie`,
  'duplicate-transfer': (a) =>
    `le virement ${quoteFr(a.id)}, tiré d’une autre pièce, a la référence, l’horodatage, le montant, l’émetteur et le bénéficiaire du virement ${quoteFr(a.first)} (dans ${a.file})${NNBSP}: les totaux comptent les deux${NNBSP}; s’ils relatent un même paiement, n’en garder qu’un`,
  'victim-identity': (a) =>
    `ce texte mentionne ${a.mentionsFr ?? 'l’identité d’une victime'}${NNBSP}: les documents la masquent, mais le dossier ne devrait pas la contenir ici (désigner la victime par son pseudonyme)`,
  'missing-glyph': (a) =>
    `aucune police intégrée ne peut dessiner ${a.chars ?? 'un caractère'}${a.count === undefined ? '' : ` (${a.count} caractères en tout)`} de cette valeur${NNBSP}: les documents affichent ${quoteFr('\ufffd')} à sa place`,
} as const satisfies Partial<Record<Code, MessageFn>>;

/** How many characters of a value a message quotes at most. */
export const MAX_QUOTED = 80;

/**
 * At most MAX_QUOTED characters of `value`, ending with an ellipsis when cut: a
 * message quotes values from the dossier, which may be megabytes long. Never cuts a
 * surrogate pair in two, nor a word when one starts within the last WORD_BACK characters:
 * the cut is made before it. Diagnostics are masked once written, and a victim's name
 * cut inside (`Fictori…`) was no longer found and was shown (a review, session 37).
 */
export function shorten(value: string, max = MAX_QUOTED): string {
  if (value.length <= max) return value;
  let cut = max - 1;
  const c = value.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  if (inWord(value, cut - 1) && inWord(value, cut)) {
    // Inside a word: back to its start, when it starts close enough.
    let start = cut;
    while (start > cut - WORD_BACK && start > 0 && inWord(value, start - 1)) start--;
    if (start > cut - WORD_BACK && start > 0) cut = start;
  }
  return `${value.slice(0, cut)}…`;
}
/** How far back shorten looks for the start of a word it would cut. */
const WORD_BACK = 40;
/**
 * Letters, digits and marks, and what the masking may read as nothing inside a word:
 * invisible formatting characters (the non-joiner, soft hyphen...) and the line breaks
 * and tabs it joins (src/redact/fold.ts, joinReadings).
 */
const WORD_CHAR = /^[\p{L}\p{N}\p{M}\p{Cf}\t\n\v\f\r\u0085\u2028\u2029]$/u;
/** Whether the code point that covers unit `i` of `s` is of a word (WORD_CHAR). */
function inWord(s: string, i: number): boolean {
  const unit = s.charCodeAt(i);
  const at = unit >= 0xdc00 && unit <= 0xdfff && i > 0 ? i - 1 : i;
  const cp = s.codePointAt(at);
  return cp !== undefined && WORD_CHAR.test(String.fromCodePoint(cp));
}

/**
 * The message of `code`. Every argument but those COMPOSED (from values already
 * shortened) is a value from the dossier, quoted at most MAX_QUOTED characters.
 */
export function message(code: Code, args: MessageArgs = {}): string {
  return MESSAGES[code](shortArgs(args));
}

/**
 * Arguments composed by the code from values it has shortened itself (`detail`; the
 * victims and kinds of identity a text mentions): quoted whole.
 */
const COMPOSED: ReadonlySet<string> = new Set(['detail', 'mentions', 'mentionsFr']);

function shortArgs(args: MessageArgs): MessageArgs {
  const short: Record<string, string | number | undefined> = {};
  for (const [k, v] of Object.entries(args))
    short[k] = typeof v === 'string' && !COMPOSED.has(k) ? shorten(v) : v;
  return short;
}

/**
 * A diagnostic's message in a document's language: in French for the codes that have a
 * French message (FRENCH_MESSAGES) when their arguments were kept, else as it is.
 */
export function messageIn(
  lang: 'fr' | 'en',
  d: { readonly code: Code; readonly message: string; readonly args?: MessageArgs },
): string {
  if (lang !== 'fr' || d.args === undefined || !(d.code in FRENCH_MESSAGES)) return d.message;
  return FRENCH_MESSAGES[d.code as keyof typeof FRENCH_MESSAGES](shortArgs(d.args));
}
