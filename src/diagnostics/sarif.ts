import path from 'node:path';
import { toolVersion } from '../assets.js';
import type { Code } from './codes.js';
import type { Diagnostic } from './diagnostic.js';

/**
 * SARIF 2.1.0 (OASIS) log of diagnostics, as GitHub code scanning and SARIF viewers read
 * it: one run, the tool `courtfile` with one rule per code used, one result per
 * diagnostic with its file (a relative, `/`-separated URI reference), line and column.
 */

/** One line per code, for the SARIF rules' `shortDescription`. */
const RULE_TEXT = {
  'yaml-syntax': 'The file is not well-formed YAML.',
  'unknown-key': 'A key the format does not define.',
  required: 'A required key is missing.',
  'invalid-type': 'A value of the wrong YAML type.',
  'invalid-value': 'A wrong value: enum, pattern, date, instant, code, checksum or range.',
  'duplicate-id': 'An id used twice in the dossier.',
  'unknown-reference': 'A reference to no record of the dossier.',
  'reference-kind': 'A reference to a record of the wrong kind.',
  'date-order': 'Dates or instants out of order.',
  'amount-precision': "An amount with more decimals than its currency's minor unit.",
  'missing-rate': 'No exchange rate to convert a transfer to the reporting currency.',
  jurisdiction: 'The court of referral does not match the nature of the charges.',
  include: 'An include that cannot be read or is not allowed.',
  'unused-evidence': 'An exhibit that nothing cites.',
  'duplicate-account': 'Two accounts of one kind with the same identifier.',
  'duplicate-file': 'An exhibit file listed twice.',
  'duplicate-transfer': 'A payment recorded twice, from two exhibits.',
  'file-missing': 'An exhibit file does not exist.',
  'size-mismatch': 'An exhibit file does not have the declared size.',
  'hash-mismatch': 'An exhibit file does not have the declared SHA-256.',
  'path-outside': 'An exhibit path leaves the dossier root.',
  'not-a-file': 'An exhibit path is not a regular file.',
  'file-unreadable': 'An exhibit file cannot be read.',
  'file-changed': 'An exhibit file changed while it was hashed.',
  'hard-link': 'An exhibit file has several hard links.',
  'unlisted-file': 'A file in an exhibit folder that no exhibit lists.',
  manifest: 'A packet does not match its manifest.',
  'template-schema': 'A template does not match the template schema.',
  'template-section': 'A template section type the renderer does not know.',
  'template-placeholder': 'A template placeholder that names nothing.',
  'template-label': 'A template label missing for a declared language.',
  'template-extends': 'A template extends chain that is broken or cyclic.',
  'template-render': 'The trial render of a template failed.',
  'import-format': 'The import source is not of its format.',
  'import-column': 'A mapped column is not in the header row.',
  'import-value': 'A source value cannot be read as its dossier field.',
  'import-time': 'A local time without a zone, or that does not exist or is ambiguous in it.',
  'import-source': 'The import source is not a file of the evidence record, or its hash differs.',
  'import-new-account': 'An identifier that no account of the dossier has.',
  'missing-glyph': 'A character that no embedded font can draw (shown as a replacement mark).',
  'victim-identity': "A free-text field that mentions a victim's identity.",
  'signature-missing': 'A packet without the signature its check requires.',
  'signature-invalid': 'A packet signature that is malformed or does not verify.',
  'signature-mismatch': 'A packet manifest changed after it was signed.',
  'signer-unknown': 'A packet signed by a key that the allowed signers do not list.',
} as const satisfies Record<Code, string>;

/** No masking: the name as it is. */
const asIs = (text: string): string => text;

/**
 * A file name as a relative URI reference: `/`-separated, each segment percent-encoded.
 * An absolute path (given so on the command line) is made relative to `cwd`, the working
 * folder the log is read from (`../` where needed), as cli.md asks; only a path that has
 * no relative form (another Windows drive) stays an absolute `file:` URI. `mask` (a
 * redactor's scrub) is applied to the path once it is relative: a folder named after a
 * victim, above the dossier's root or in it, is masked as in the other formats.
 */
export function fileUri(
  file: string,
  cwd: string = process.cwd(),
  mask: (text: string) => string = asIs,
): string {
  const slashed = mask(cwdRelative(file, cwd));
  const encoded = slashed.split('/').map(encodeURIComponent).join('/');
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${encoded.replace('%3A', ':')}`;
  if (slashed.startsWith('/')) return `file://${encoded}`;
  return encoded;
}

/** `file`, `/`-separated, relative to `cwd` when it is absolute and has a relative form. */
export function cwdRelative(file: string, cwd: string): string {
  if (path.isAbsolute(file)) {
    const rel = path.relative(cwd, file);
    if (rel !== '' && !path.isAbsolute(rel)) return rel.replace(/\\/g, '/');
  }
  return file.replace(/\\/g, '/');
}

/**
 * The paths, relative to the working folder, of a dossier's files by their names in
 * diagnostics: the root file is named as given on the command line (`rootArg`), includes
 * relative to the root's folder. `mask`: the scrub the diagnostics' file names went
 * through, so that the root is known by its masked name too (masked once, here).
 */
export function dossierFilePaths(
  rootArg: string,
  mask: (text: string) => string = asIs,
): (name: string) => string {
  const root = rootArg.replace(/\\/g, '/');
  const rootNames = new Set([rootArg, root, mask(rootArg), mask(root)]);
  const folder = path.posix.dirname(root);
  return (name) => (rootNames.has(name) ? root : path.posix.join(folder, name));
}

/** The URIs of a dossier's files by their names in diagnostics (dossierFilePaths, then fileUri, both masked). */
export function dossierFileUris(
  rootArg: string,
  cwd: string,
  mask: (text: string) => string = asIs,
): (name: string) => string {
  const pathOf = dossierFilePaths(rootArg, mask);
  return (name) => fileUri(pathOf(name), cwd, mask);
}

export interface SarifOptions {
  /** URI of a diagnostic's file, when it is not its display name (e.g. relative to the working folder). */
  readonly uriOf?: (file: string) => string;
  /** The working folder that absolute file names are made relative to (default: the process's). */
  readonly cwd?: string;
  /**
   * Why the command could not do all of its job (exit status 2: a file that cannot be read,
   * a bad option): the log then says so in an invocation that did not succeed, each reason
   * a notification, so that a pipeline reading the log sees the failure, not a clean run.
   */
  readonly failures?: readonly string[];
  /** What the command notes beside its results (a line of an input it skipped): level `note`. */
  readonly notices?: readonly string[];
}

/** The SARIF 2.1.0 log, as pretty-printed JSON with a final newline. */
export function formatSarif(
  diagnostics: readonly Diagnostic[],
  options: SarifOptions = {},
): string {
  const uriOf = options.uriOf ?? ((file: string) => fileUri(file, options.cwd));
  const failures = options.failures ?? [];
  const notices = options.notices ?? [];
  const codes = [...new Set(diagnostics.map((d) => d.code))].sort();
  const ruleIndex = new Map(codes.map((c, i) => [c, i] as const));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'courtfile',
            version: toolVersion(),
            rules: codes.map((c) => ({
              id: c,
              name: c,
              shortDescription: { text: RULE_TEXT[c] },
            })),
          },
        },
        ...(failures.length + notices.length > 0
          ? {
              invocations: [
                {
                  executionSuccessful: failures.length === 0,
                  toolExecutionNotifications: [
                    ...failures.map((text) => ({ level: 'error', message: { text } })),
                    ...notices.map((text) => ({ level: 'note', message: { text } })),
                  ],
                },
              ],
            }
          : {}),
        columnKind: 'unicodeCodePoints',
        results: diagnostics.map((d) => ({
          ruleId: d.code,
          ruleIndex: ruleIndex.get(d.code),
          level: d.severity === 'error' ? 'error' : 'warning',
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: uriOf(d.file) },
                region: { startLine: Math.max(1, d.line), startColumn: Math.max(1, d.column) },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
