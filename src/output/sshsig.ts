import { createHash, createPublicKey, sign, verify } from 'node:crypto';
import type { SigningKey } from './ssh-key.js';
import {
  ED25519,
  WireError,
  WireReader,
  decodeBase64,
  ed25519KeyOfBlob,
  keyFingerprint,
  wireString,
  wireUint32,
} from './ssh-wire.js';

/**
 * SSH signatures (OpenSSH PROTOCOL.sshsig), the format of `ssh-keygen -Y sign`, made and
 * checked with Node's own Ed25519. A detached, armored signature of one file.
 */

/** The namespace of a packet's manifest signature (`ssh-keygen -Y … -n courtfile-packet`). */
export const PACKET_NAMESPACE = 'courtfile-packet';
/** The name of the signature file beside `manifest.json`. */
export const SIGNATURE_NAME = 'manifest.json.sig';

const MAGIC = Buffer.from('SSHSIG', 'latin1');
const VERSION = 1;
const BEGIN = '-----BEGIN SSH SIGNATURE-----';
const END = '-----END SSH SIGNATURE-----';
/** ssh-keygen breaks the base64 every 70 characters. */
const LINE = 70;
const HASHES = new Set(['sha256', 'sha512']);

/** What is actually signed: the preamble, namespace, reserved, hash name and H(message). */
function signedData(message: Buffer, namespace: string, hash: string): Buffer {
  return Buffer.concat([
    MAGIC,
    wireString(namespace),
    wireString(''),
    wireString(hash),
    wireString(createHash(hash).update(message).digest()),
  ]);
}

/** Sign `message`; the armored text `ssh-keygen -Y sign -n NAMESPACE` would write (SHA-512). */
export function signSshsig(message: Buffer, key: SigningKey, namespace = PACKET_NAMESPACE): string {
  const hash = 'sha512';
  const signature = sign(null, signedData(message, namespace, hash), key.privateKey);
  const blob = Buffer.concat([
    MAGIC,
    wireUint32(VERSION),
    wireString(key.publicBlob),
    wireString(namespace),
    wireString(''),
    wireString(hash),
    wireString(Buffer.concat([wireString(ED25519), wireString(signature)])),
  ]);
  const base64 = blob.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += LINE) lines.push(base64.slice(i, i + LINE));
  return `${BEGIN}\n${lines.join('\n')}\n${END}\n`;
}

/** The outcome of checking a signature against a message (which keys may sign is not decided here). */
export type SshsigCheck =
  /** The signature is sound and made over this message by the key `publicBlob`. */
  | { readonly kind: 'good'; readonly publicBlob: Buffer; readonly fingerprint: string }
  /** A well-formed signature by `publicBlob`, but not over this message (the message changed). */
  | { readonly kind: 'mismatch'; readonly publicBlob: Buffer; readonly fingerprint: string }
  /** Not a usable signature: damaged, another namespace, another key type. */
  | { readonly kind: 'invalid'; readonly detail: string };

interface ParsedSignature {
  readonly publicBlob: Buffer;
  readonly namespace: string;
  readonly hash: string;
  readonly signature: Buffer;
}

function parseArmored(text: string): ParsedSignature | string {
  const trimmed = text.replace(/\s+$/, '');
  if (!trimmed.startsWith(BEGIN)) return `it does not begin with "${BEGIN}"`;
  if (!trimmed.endsWith(END)) return `it does not end with "${END}"`;
  const blob = decodeBase64(trimmed.slice(BEGIN.length, -END.length).replace(/\s+/g, ''));
  if (!blob) return 'its body is not valid base64';
  try {
    const r = new WireReader(blob);
    if (!r.raw(MAGIC.length).equals(MAGIC)) return 'it is not an SSHSIG signature';
    const version = r.uint32();
    if (version !== VERSION) return `it has SSHSIG version ${version}; version ${VERSION} is known`;
    const publicBlob = r.string();
    const namespace = r.text();
    r.string(); // reserved
    const hash = r.text();
    const wrapped = new WireReader(r.string());
    if (r.remaining !== 0) return 'it has bytes after the signature';
    const algorithm = wrapped.text();
    const signature = wrapped.string();
    if (algorithm !== ED25519 || ed25519KeyOfBlob(publicBlob) === undefined) {
      return `it is made with a ${algorithm} key; courtfile checks Ed25519 signatures only (check it with ssh-keygen -Y verify)`;
    }
    if (signature.length !== 64 || wrapped.remaining !== 0)
      return 'its Ed25519 signature is damaged';
    return { publicBlob, namespace, hash, signature };
  } catch (err) {
    if (err instanceof WireError) return `it is damaged (${err.message})`;
    throw err;
  }
}

/** Check the armored signature `text` of `message`, made for `namespace`. */
export function checkSshsig(
  text: string,
  message: Buffer,
  namespace = PACKET_NAMESPACE,
): SshsigCheck {
  const parsed = parseArmored(text);
  if (typeof parsed === 'string') return { kind: 'invalid', detail: parsed };
  if (parsed.namespace !== namespace) {
    return {
      kind: 'invalid',
      detail: `it was made for the namespace "${parsed.namespace.slice(0, 80)}", not "${namespace}"`,
    };
  }
  if (!HASHES.has(parsed.hash)) {
    return {
      kind: 'invalid',
      detail: `its hash algorithm "${parsed.hash.slice(0, 80)}" is not sha256 or sha512`,
    };
  }
  const key = ed25519KeyOfBlob(parsed.publicBlob) ?? Buffer.alloc(0);
  let good: boolean;
  try {
    const publicKey = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: key.toString('base64url') },
      format: 'jwk',
    });
    good = verify(null, signedData(message, namespace, parsed.hash), publicKey, parsed.signature);
  } catch {
    return { kind: 'invalid', detail: 'its public key is not a usable Ed25519 key' };
  }
  const found = { publicBlob: parsed.publicBlob, fingerprint: keyFingerprint(parsed.publicBlob) };
  return good ? { kind: 'good', ...found } : { kind: 'mismatch', ...found };
}
