import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { ToolError, describeSystemError } from '../errors.js';
import {
  ED25519,
  WireError,
  WireReader,
  blobKeyType,
  decodeBase64,
  ed25519PublicBlob,
  keyFingerprint,
} from './ssh-wire.js';

/** An Ed25519 private key read from an OpenSSH key file, ready to sign. */
export interface SigningKey {
  readonly privateKey: KeyObject;
  /** The SSH public key blob (`string "ssh-ed25519"`, `string key`). */
  readonly publicBlob: Buffer;
  /** `SHA256:…`, as `ssh-keygen -l` prints it. */
  readonly fingerprint: string;
}

/** A key file is a few hundred bytes; anything this large is not one. */
export const MAX_KEY_FILE_BYTES = 64 * 1024;

const PRIVATE_BEGIN = '-----BEGIN OPENSSH PRIVATE KEY-----';
const PRIVATE_END = '-----END OPENSSH PRIVATE KEY-----';
const MAGIC = Buffer.from('openssh-key-v1\0', 'latin1');

/**
 * Read a small file the user named (a key, an allowed-signers file): never blocks on a
 * FIFO or a device (non-blocking open, then only a regular file is read), at most
 * `limit` bytes. Throws ToolError (exit 2) when it cannot be read.
 */
export async function readSmallFile(
  file: string,
  cwd: string,
  limit: number,
  what: string,
): Promise<Buffer> {
  const abs = path.resolve(cwd, file);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(abs, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const st = await handle.stat();
    if (!st.isFile()) throw new ToolError(`cannot read ${what} ${file}: not a regular file`);
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > limit) {
      throw new ToolError(`cannot use ${what} ${file}: larger than ${limit} bytes`);
    }
    return buffer.subarray(0, length);
  } catch (err) {
    if (err instanceof ToolError) throw err;
    throw new ToolError(`cannot read ${what} ${file}: ${describeSystemError(err)}`);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Why a key file cannot sign, or the key. Pure: the text of the file in, no I/O. */
export function parseSigningKey(text: string): SigningKey | { readonly problem: string } {
  const trimmed = text.trim();
  if (
    /^(?:ssh-|ecdsa-|sk-)\S+\s+[A-Za-z0-9+/=]+/.test(trimmed) ||
    /^---- BEGIN SSH2 PUBLIC KEY ----/.test(trimmed)
  ) {
    return {
      problem:
        'it is a public key; give the private key file (the one without .pub, beginning "-----BEGIN OPENSSH PRIVATE KEY-----")',
    };
  }
  const pem = /^-----BEGIN ([A-Z0-9 ]+)-----/.exec(trimmed);
  if (pem && pem[1] !== 'OPENSSH PRIVATE KEY') {
    return {
      problem: `it is a PEM "${pem[1]}", not an OpenSSH private key; make an Ed25519 key with: ssh-keygen -t ed25519`,
    };
  }
  if (!trimmed.startsWith(PRIVATE_BEGIN) || !trimmed.endsWith(PRIVATE_END)) {
    return { problem: `it is not an OpenSSH private key (no "${PRIVATE_BEGIN}" block)` };
  }
  const body = trimmed.slice(PRIVATE_BEGIN.length, -PRIVATE_END.length).replace(/\s+/g, '');
  const bytes = decodeBase64(body);
  if (!bytes) return { problem: 'its key block is not valid base64' };
  try {
    return readOpensshKey(bytes);
  } catch (err) {
    if (err instanceof WireError) return { problem: `its key block is damaged (${err.message})` };
    throw err;
  }
}

/** The `openssh-key-v1` layout (OpenSSH PROTOCOL.key), unencrypted, one Ed25519 key. */
function readOpensshKey(bytes: Buffer): SigningKey | { readonly problem: string } {
  const r = new WireReader(bytes);
  if (!r.raw(MAGIC.length).equals(MAGIC))
    return { problem: 'its key block is not "openssh-key-v1"' };
  const cipher = r.text();
  const kdf = r.text();
  r.string(); // kdf options
  if (cipher !== 'none' || kdf !== 'none') {
    return {
      problem: `it is protected by a passphrase (cipher ${cipher}); courtfile signs only with an unencrypted key`,
    };
  }
  const count = r.uint32();
  if (count !== 1)
    return { problem: `it holds ${count} keys; courtfile needs a file with one key` };
  const publicBlob = r.string();
  const type = blobKeyType(publicBlob) ?? 'unknown';
  if (type !== ED25519) {
    return {
      problem: `it is a ${type} key; courtfile signs with Ed25519 keys only (ssh-keygen -t ed25519)`,
    };
  }
  const secret = new WireReader(r.string());
  if (secret.uint32() !== secret.uint32())
    return { problem: 'its key block is damaged (check bytes differ)' };
  if (secret.text() !== ED25519) return { problem: 'its private part is not an Ed25519 key' };
  const pub = secret.string();
  const priv = secret.string();
  secret.string(); // comment
  const padding = secret.rest();
  if (
    pub.length !== 32 ||
    priv.length !== 64 ||
    !priv.subarray(32).equals(pub) ||
    !publicBlob.equals(ed25519PublicBlob(pub)) ||
    padding.some((b, i) => b !== i + 1)
  ) {
    return { problem: 'its key block is damaged (inconsistent Ed25519 key)' };
  }
  const privateKey = createPrivateKey({
    key: {
      kty: 'OKP',
      crv: 'Ed25519',
      d: priv.subarray(0, 32).toString('base64url'),
      x: pub.toString('base64url'),
    },
    format: 'jwk',
  });
  // The public half stored in the file must be the one the secret half gives.
  const derived = createPublicKey(privateKey).export({ format: 'jwk' }).x;
  if (derived !== pub.toString('base64url')) {
    return { problem: 'its public and private halves do not belong together' };
  }
  return { privateKey, publicBlob, fingerprint: keyFingerprint(publicBlob) };
}

/**
 * Read `--sign-key KEY`. Throws ToolError (exit 2) with the reason when it cannot sign.
 * `openToOthers` is the file's mode when users other than its owner may read or change it.
 */
export async function readSigningKey(
  file: string,
  cwd: string,
): Promise<SigningKey & { readonly openToOthers?: string }> {
  const bytes = await readSmallFile(file, cwd, MAX_KEY_FILE_BYTES, 'the signing key');
  const key = parseSigningKey(bytes.toString('latin1'));
  if ('problem' in key) throw new ToolError(`cannot sign with ${file}: ${key.problem}`);
  // OpenSSH refuses such a key; courtfile signs, and says so (file modes mean little on Windows).
  const mode = process.platform === 'win32' ? 0 : (await fs.stat(path.resolve(cwd, file))).mode;
  if ((mode & 0o077) !== 0)
    return { ...key, openToOthers: (mode & 0o777).toString(8).padStart(4, '0') };
  return key;
}
