import { createHash } from 'node:crypto';

/**
 * The SSH wire encoding (RFC 4251 section 5): `uint32` big-endian and `string` (a
 * uint32 length, then that many bytes). Enough to read and write OpenSSH keys and
 * SSHSIG signatures.
 */

/** Bytes that are not what the SSH encoding says they should be. */
export class WireError extends Error {
  override readonly name = 'WireError';
}

export class WireReader {
  private at = 0;

  constructor(private readonly bytes: Buffer) {}

  uint32(): number {
    if (this.at + 4 > this.bytes.length) throw new WireError('the data ends too early');
    const n = this.bytes.readUInt32BE(this.at);
    this.at += 4;
    return n;
  }

  /** A `string` as bytes. */
  string(): Buffer {
    const length = this.uint32();
    if (length > this.bytes.length - this.at) throw new WireError('the data ends too early');
    const out = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return out;
  }

  /** A `string` that holds a name (key type, namespace, algorithm). */
  text(): string {
    return this.string().toString('latin1');
  }

  /** Exactly `n` raw bytes. */
  raw(n: number): Buffer {
    if (n > this.bytes.length - this.at) throw new WireError('the data ends too early');
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }

  get remaining(): number {
    return this.bytes.length - this.at;
  }

  /** What is left, unread. */
  rest(): Buffer {
    return this.bytes.subarray(this.at);
  }
}

export function wireUint32(n: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(n);
  return out;
}

export function wireString(value: Buffer | string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'latin1') : value;
  return Buffer.concat([wireUint32(bytes.length), bytes]);
}

export const ED25519 = 'ssh-ed25519';

/** The SSH public key blob of an Ed25519 key: `string "ssh-ed25519"`, `string key(32)`. */
export function ed25519PublicBlob(publicKey: Buffer): Buffer {
  return Buffer.concat([wireString(ED25519), wireString(publicKey)]);
}

/** The key type named at the start of an SSH public key blob, or undefined if it has none. */
export function blobKeyType(blob: Buffer): string | undefined {
  try {
    return new WireReader(blob).text();
  } catch {
    return undefined;
  }
}

/** The 32 key bytes of an Ed25519 public key blob, or undefined for any other blob. */
export function ed25519KeyOfBlob(blob: Buffer): Buffer | undefined {
  try {
    const r = new WireReader(blob);
    if (r.text() !== ED25519) return undefined;
    const key = r.string();
    return key.length === 32 && r.remaining === 0 ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The name OpenSSH gives a key's type in what it prints (`with RSA key SHA256:…` from
 * `ssh-keygen -Y verify`): ED25519, RSA, ECDSA, ED25519-SK, ECDSA-SK; any other type as
 * its blob names it.
 */
export function keyTypeName(blob: Buffer): string {
  let type: string;
  try {
    type = new WireReader(blob).text();
  } catch {
    return 'unknown';
  }
  if (type === ED25519) return 'ED25519';
  if (type === 'ssh-rsa') return 'RSA';
  if (type.startsWith('ecdsa-sha2-')) return 'ECDSA';
  if (type === 'sk-ssh-ed25519@openssh.com') return 'ED25519-SK';
  if (type.startsWith('sk-ecdsa-sha2-')) return 'ECDSA-SK';
  return type;
}

/** `SHA256:…`, the fingerprint OpenSSH prints for a key (`ssh-keygen -l`). */
export function keyFingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** Strict base64 (RFC 4648 alphabet, padding optional); undefined when it is not. */
export function decodeBase64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.replace(/=+$/, '').length % 4 === 1) {
    return undefined;
  }
  return Buffer.from(text, 'base64');
}
