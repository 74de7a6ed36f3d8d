import { constants, createHash, createPublicKey, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
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
 * SSH signatures (OpenSSH PROTOCOL.sshsig), the format of `ssh-keygen -Y sign`, made with
 * Node's own Ed25519 and checked with Node's crypto (Ed25519, and the RSA and ECDSA
 * signatures `ssh-keygen -Y sign` makes with such keys). A detached, armored signature of
 * one file.
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
  readonly verifier: Verifier;
}

/** How to check a signature by one public key, made with one signature algorithm. */
interface Verifier {
  readonly key: KeyObject;
  /** The digest the signature algorithm uses (null: Ed25519's own). */
  readonly digest: string | null;
  /** The raw signature as Node's verify() takes it. */
  readonly signature: Buffer;
  readonly options: { padding?: number; dsaEncoding?: 'ieee-p1363' };
}

/** An SSH `mpint` (two's complement, big-endian) as unsigned big-endian bytes. */
function unsigned(mpint: Buffer): Buffer {
  let i = 0;
  while (i < mpint.length - 1 && mpint[i] === 0) i++;
  return mpint.subarray(i);
}

const ECDSA_CURVES: Readonly<Record<string, { crv: string; size: number; digest: string }>> = {
  nistp256: { crv: 'P-256', size: 32, digest: 'sha256' },
  nistp384: { crv: 'P-384', size: 48, digest: 'sha384' },
  nistp521: { crv: 'P-521', size: 66, digest: 'sha512' },
};

/**
 * The verifier for a signature made with `algorithm` by the key of `publicBlob`, as
 * `ssh-keygen -Y verify` accepts them: Ed25519 (what courtfile signs with), RSA with
 * SHA-2 (`rsa-sha2-256`, `rsa-sha2-512`; 1024 bits at least, as OpenSSH) and ECDSA on
 * the NIST curves; a string saying why not otherwise.
 */
function verifierOf(algorithm: string, publicBlob: Buffer, raw: Buffer): Verifier | string {
  // The key blob: its type, then what each type holds (read on below).
  const r = new WireReader(publicBlob);
  const keyType = r.text();
  if (algorithm === ED25519) {
    const key = ed25519KeyOfBlob(publicBlob);
    if (!key) return 'its Ed25519 signature names a key that is not an Ed25519 key';
    if (raw.length !== 64) return 'its Ed25519 signature is damaged';
    const jwk = { kty: 'OKP', crv: 'Ed25519', x: key.toString('base64url') };
    return {
      key: createPublicKey({ key: jwk, format: 'jwk' }),
      digest: null,
      signature: raw,
      options: {},
    };
  }
  if (algorithm === 'rsa-sha2-256' || algorithm === 'rsa-sha2-512') {
    if (keyType !== 'ssh-rsa') return `its ${algorithm} signature names a ${keyType} key`;
    const e = unsigned(r.string());
    const n = unsigned(r.string());
    if (r.remaining !== 0) return 'its RSA key is damaged';
    if (n.length * 8 < 1024) return 'its RSA key has fewer than 1024 bits';
    const jwk = { kty: 'RSA', n: n.toString('base64url'), e: e.toString('base64url') };
    return {
      key: createPublicKey({ key: jwk, format: 'jwk' }),
      digest: algorithm === 'rsa-sha2-256' ? 'sha256' : 'sha512',
      signature: raw,
      options: { padding: constants.RSA_PKCS1_PADDING },
    };
  }
  const ecdsa = /^ecdsa-sha2-(nistp(?:256|384|521))$/.exec(algorithm);
  if (ecdsa) {
    const curve = ECDSA_CURVES[ecdsa[1] ?? ''];
    if (!curve || keyType !== algorithm) return `its ${algorithm} signature names a ${keyType} key`;
    if (r.text() !== ecdsa[1]) return 'its ECDSA key names another curve';
    const q = r.string();
    if (r.remaining !== 0 || q.length !== 1 + 2 * curve.size || q[0] !== 4)
      return 'its ECDSA key is damaged';
    const jwk = {
      kty: 'EC',
      crv: curve.crv,
      x: q.subarray(1, 1 + curve.size).toString('base64url'),
      y: q.subarray(1 + curve.size).toString('base64url'),
    };
    const sig = new WireReader(raw);
    const rs = [unsigned(sig.string()), unsigned(sig.string())];
    if (sig.remaining !== 0 || rs.some((x) => x.length > curve.size))
      return 'its ECDSA signature is damaged';
    const pad = (x: Buffer) => Buffer.concat([Buffer.alloc(curve.size - x.length), x]);
    return {
      key: createPublicKey({ key: jwk, format: 'jwk' }),
      digest: curve.digest,
      signature: Buffer.concat(rs.map(pad)),
      options: { dsaEncoding: 'ieee-p1363' },
    };
  }
  return `it is made with a ${algorithm} key; courtfile checks Ed25519, RSA (SHA-2) and ECDSA signatures (check it with ssh-keygen -Y verify)`;
}

/**
 * The armor read as OpenSSH 9.5 and later read it (`sshsig_dearmor`), so that courtfile
 * and `ssh-keygen -Y verify` accept the same files: the first line exactly BEGIN, ended
 * by LF or CRLF; the body up to the first line that starts with END, anything after END
 * ignored; in the body, base64 as OpenSSH decodes it (ASCII white space, CRs too,
 * skipped; padded; no stray bits in the last character). OpenSSH before 9.5 also refused
 * a CRLF after BEGIN.
 */
function parseArmored(text: string): ParsedSignature | string {
  if (!text.startsWith(BEGIN)) return `it does not begin with "${BEGIN}"`;
  const eol = text.startsWith('\r\n', BEGIN.length)
    ? 2
    : text.startsWith('\n', BEGIN.length)
      ? 1
      : 0;
  if (eol === 0) return `its first line is not "${BEGIN}" alone`;
  const start = BEGIN.length + eol;
  const end = text.indexOf(`\n${END}`, start);
  if (end < 0) return `it has no line "${END}"`;
  const body = text.slice(start, end).replace(/[ \t\n\v\f\r]+/g, '');
  const decoded = decodeBase64(body);
  const blob = decoded && decoded.toString('base64') === body ? decoded : undefined;
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
    if (wrapped.remaining !== 0) return `its ${algorithm} signature is damaged`;
    let verifier: Verifier | string;
    try {
      verifier = verifierOf(algorithm, publicBlob, signature);
    } catch (err) {
      if (err instanceof WireError) throw err;
      return `its public key is not a usable ${algorithm} key`;
    }
    if (typeof verifier === 'string') return verifier;
    return { publicBlob, namespace, hash, verifier };
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
  const { key, digest, signature, options } = parsed.verifier;
  let good: boolean;
  try {
    good = verify(
      digest,
      signedData(message, namespace, parsed.hash),
      { key, ...options },
      signature,
    );
  } catch {
    return { kind: 'invalid', detail: 'its public key is not a usable key for its signature' };
  }
  const found = { publicBlob: parsed.publicBlob, fingerprint: keyFingerprint(parsed.publicBlob) };
  return good ? { kind: 'good', ...found } : { kind: 'mismatch', ...found };
}
