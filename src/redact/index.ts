/**
 * Victim protection, in one module. Two layers:
 * - selection (labels.ts): documents show a victim by pseudonym and a victim's account by
 *   platform, never by name or identifier;
 * - a safety net (redactor.ts): every string courtfile writes (PDF text, metadata,
 *   bookmarks, summaries, manifest, diagnostics, exports) goes through `Redactor.scrub`,
 *   which masks the victims' names, name parts, aliases, birth dates and account
 *   identifiers wherever free text repeats them, whatever invisible characters, dashes,
 *   case, accents or compatibility forms are used to disguise them.
 * See docs/security.md ("Redaction") for what is and is not guaranteed.
 */
export { personLabel, showsIdentifier } from './labels.js';
export { Redactor } from './redactor.js';
export type { IdentityMention, RedactorOptions } from './redactor.js';
export { identitySourceOfValues, identityTerms } from './identities.js';
export type { IdentityKind, IdentitySource, IdentityTerm } from './identities.js';
export { foldText } from './fold.js';
export { DIAGNOSTIC_MASK, maskDiagnosticFiles, redactDiagnostics } from './diagnostics.js';
