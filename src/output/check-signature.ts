import path from 'node:path';
import type { Code } from '../diagnostics/codes.js';
import type { MessageArgs } from '../diagnostics/messages.js';
import { ToolError } from '../errors.js';
import type { AllowedSigner } from './allowed-signers.js';
import { findSigner, parseAllowedSigners } from './allowed-signers.js';
import { readPacketFile } from './packet-files.js';
import { readSmallFile } from './ssh-key.js';
import { keyTypeName } from './ssh-wire.js';
import { PACKET_NAMESPACE, SIGNATURE_NAME, checkSshsig } from './sshsig.js';

/** What `packet --check` found of the manifest's signature. */
export type SignatureReport =
  /** No `manifest.json.sig`. */
  | { readonly state: 'absent' }
  /** A signature file is there, but was not checked (no `--allowed-signers`). */
  | { readonly state: 'unchecked' }
  /** Good, by a key the allowed-signers file allows for `principals`. */
  | {
      readonly state: 'good';
      readonly principals: string;
      /** The key's type as OpenSSH names it (ED25519, RSA, ECDSA), and its fingerprint. */
      readonly keyType: string;
      readonly key: string;
      /** Where in the allowed-signers file: `FILE:LINE`. */
      readonly allowedBy: string;
    }
  /** Missing, unusable, not over this manifest or by a key not allowed: see the diagnostics. */
  | { readonly state: 'bad' };

export interface SignatureCheck {
  readonly report: SignatureReport;
  readonly diagnostics: readonly {
    readonly code: Code;
    readonly file: string;
    readonly path: (string | number)[];
    readonly args: MessageArgs;
  }[];
}

export interface AllowedSigners {
  /** As the user named it. */
  readonly file: string;
  readonly signers: readonly AllowedSigner[];
  /** Its lines that cannot be read, skipped (`FILE:LINE: problem`), as ssh-keygen skips them. */
  readonly skipped: readonly string[];
}

/** An allowed-signers file is a few lines per key. */
const MAX_ALLOWED_SIGNERS_BYTES = 4 * 1024 * 1024;
/** An Ed25519 SSH signature is about 300 bytes. */
const MAX_SIGNATURE_BYTES = 64 * 1024;

/**
 * Read `--allowed-signers FILE`. Throws ToolError (exit 2): missing, unreadable, or no
 * line that can be read (a bad line among good ones is skipped, as ssh-keygen does).
 */
export async function readAllowedSigners(file: string, cwd: string): Promise<AllowedSigners> {
  const bytes = await readSmallFile(
    file,
    cwd,
    MAX_ALLOWED_SIGNERS_BYTES,
    'the allowed-signers file',
  );
  const parsed = parseAllowedSigners(bytes.toString('utf8'));
  if (!parsed.ok) throw new ToolError(`${file}:${parsed.line}: ${parsed.problem}`);
  return {
    file,
    signers: parsed.signers,
    skipped: parsed.skipped.map((l) => `${file}:${l.line}: ${l.problem}`),
  };
}

/**
 * The signature beside `manifest.json` in the packet folder `root`: present or not and,
 * with `allowed`, whether it is a good `courtfile-packet` signature of `manifest` (the
 * bytes read for the check) by a key that `allowed` allows at `now`.
 */
export async function checkSignature(
  root: string,
  dirArg: string,
  options: { manifest: Buffer | undefined; allowed: AllowedSigners | undefined; now: number },
): Promise<SignatureCheck> {
  const file = path.join(dirArg, SIGNATURE_NAME);
  const { allowed } = options;
  const bad = (code: Code, args: MessageArgs): SignatureCheck => ({
    report: { state: 'bad' },
    diagnostics: [{ code, file, path: [], args: { path: SIGNATURE_NAME, ...args } }],
  });
  const read = await readPacketFile(root, SIGNATURE_NAME, MAX_SIGNATURE_BYTES);
  if (read.kind === 'missing') {
    return allowed
      ? bad('signature-missing', {})
      : { report: { state: 'absent' }, diagnostics: [] };
  }
  if (read.kind === 'not-a-file')
    return bad('not-a-file', { subject: 'packet file', what: read.what });
  if (!allowed) return { report: { state: 'unchecked' }, diagnostics: [] };
  if (read.kind === 'unreadable') throw new ToolError(`cannot read ${file}: ${read.detail}`);
  if (read.kind === 'too-large') {
    return bad('signature-invalid', {
      detail: `it has ${read.size} bytes; a signature has a few hundred`,
    });
  }
  // The manifest itself could not be read (that is reported): no signature can be accepted.
  if (options.manifest === undefined) return { report: { state: 'bad' }, diagnostics: [] };
  const check = checkSshsig(read.bytes.toString('latin1'), options.manifest, PACKET_NAMESPACE);
  if (check.kind === 'invalid') return bad('signature-invalid', { detail: check.detail });
  if (check.kind === 'mismatch') return bad('signature-mismatch', { key: check.fingerprint });
  const found = findSigner(allowed.signers, check.publicBlob, PACKET_NAMESPACE, options.now);
  if ('refused' in found) {
    return bad('signer-unknown', {
      key: check.fingerprint,
      allowed: allowed.file,
      detail: signerDetail(found.refused, allowed.skipped),
    });
  }
  return {
    report: {
      state: 'good',
      principals: found.signer.principals,
      keyType: keyTypeName(check.publicBlob),
      key: check.fingerprint,
      allowedBy: `${allowed.file}:${found.signer.line}`,
    },
    diagnostics: [],
  };
}

/**
 * Why no line allows the key: the lines that list it for something else; and, besides,
 * the lines skipped as unreadable (ssh-keygen skips them too), the first three named.
 */
function signerDetail(refused: readonly string[], skipped: readonly string[]): string | undefined {
  const parts = refused.length > 0 ? [refused.join('; ')] : [];
  if (skipped.length > 0) {
    const named = skipped.slice(0, 3).join(', ');
    const more = skipped.length > 3 ? ` and ${skipped.length - 3} more` : '';
    parts.push(
      `besides, ${skipped.length === 1 ? 'a line' : `${skipped.length} lines`} of it could not be read and ${skipped.length === 1 ? 'was' : 'were'} skipped: ${named}${more}`,
    );
  }
  return parts.length > 0 ? parts.join('. ') : undefined;
}
