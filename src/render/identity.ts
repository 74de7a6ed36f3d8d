/**
 * The identity of a rendered document: the trailer `/ID` (PDF 32000-1 §14.4) derived from
 * everything that decides the document's content, and the short dossier fingerprint
 * printed in every page footer, so that a loose page can be matched to its document.
 *
 * pdfkit 0.20 derives `/ID` from the Info dictionary only (title, author, dates...): two
 * different dossiers with the same case reference and date got the same `/ID`.
 */
import { createHash } from 'node:crypto';
import type { ResolvedTemplate } from '../templates/resolve-template.js';

/** Hex digits of the dossier fingerprint shown in page footers (48 bits). */
export const SHORT_FINGERPRINT_LENGTH = 12;

/** The first 12 hex digits of the dossier fingerprint (as printed in page footers). */
export function shortFingerprint(fingerprint: string): string {
  return fingerprint.slice(0, SHORT_FINGERPRINT_LENGTH);
}

/** JSON with object keys sorted (UTF-16 order), undefined members left out. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`);
  return `{${members.join(',')}}`;
}

/**
 * SHA-256 (hex) of a resolved template's content: page, fonts, type, colours, furniture,
 * metadata, sections and labels. Where it was read from (`source`, `files`: paths that
 * differ between machines) is left out.
 */
export function templateDigest(template: ResolvedTemplate): string {
  const { source: _source, files: _files, ...content } = template;
  return createHash('sha256')
    .update('courtfile-template-digest-v1\n')
    .update(canonicalJson(content), 'utf8')
    .digest('hex');
}

/** What decides a document's content, and so its `/ID`. */
export interface DocumentIdentity {
  /** SHA-256 fingerprint of the dossier (src/facts/fingerprint.ts). */
  readonly fingerprint: string;
  readonly template: ResolvedTemplate;
  readonly lang: string;
  /** Correlation window, in hours. */
  readonly windowHours: number;
  readonly revealVictims: boolean;
  /** Generation date `YYYY-MM-DD`. */
  readonly generated: string;
  /** courtfile version (another version may lay out the same inputs differently). */
  readonly version: string;
}

/** The canonical text hashed into `/ID` (one `name=value` line each, in this order). */
export function identityText(identity: DocumentIdentity): string {
  return [
    'courtfile-document-id-v1',
    `fingerprint=${identity.fingerprint}`,
    `template=${identity.template.name}`,
    `template-digest=${templateDigest(identity.template)}`,
    `lang=${identity.lang}`,
    `window-hours=${String(identity.windowHours)}`,
    `reveal-victims=${String(identity.revealVictims)}`,
    `generated=${identity.generated}`,
    `version=${identity.version}`,
    '',
  ].join('\n');
}

/** The 16-byte file identifier: the first 128 bits of SHA-256 of identityText. */
export function documentId(identity: DocumentIdentity): Buffer {
  return createHash('sha256').update(identityText(identity), 'utf8').digest().subarray(0, 16);
}
