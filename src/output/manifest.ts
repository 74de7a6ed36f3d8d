import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { append } from '../append.js';

/** One file of a packet, as the manifest lists it. */
export interface ManifestFile {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
}

/** `manifest.json` of a referral packet. Deterministic: no timing, no absolute path. */
export interface PacketManifest {
  readonly format: 'courtfile-packet/1';
  readonly tool: { readonly name: 'courtfile'; readonly version: string };
  readonly generated: string;
  readonly case: { readonly reference: string; readonly fingerprint: string };
  readonly language: string;
  readonly templates: Readonly<Record<string, string>>;
  readonly verification: {
    readonly files: number;
    readonly bytes: number;
    readonly ok: number;
    readonly errors: number;
    readonly warnings: number;
  };
  readonly files: readonly ManifestFile[];
}

export const MANIFEST_NAME = 'manifest.json';

/** SHA-256 (hex) and size of a file, streamed. */
export async function hashFile(absPath: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(absPath, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    size += buf.length;
    hash.update(buf);
  }
  return { sha256: hash.digest('hex'), size };
}

/** Every regular file under `dir`, as sorted forward-slash relative paths; other entries too, flagged. */
export async function listPacketFiles(
  dir: string,
  base = '',
): Promise<{ files: string[]; others: string[] }> {
  const files: string[] = [];
  const others: string[] = [];
  const entries = await fs.readdir(path.join(dir, base), { withFileTypes: true });
  for (const entry of entries) {
    const rel = base ? `${base}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      const sub = await listPacketFiles(dir, rel);
      append(files, sub.files);
      append(others, sub.others);
    } else if (entry.isFile()) files.push(rel);
    else others.push(rel);
  }
  const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return { files: files.sort(byCodeUnit), others: others.sort(byCodeUnit) };
}

/** Manifest entries for every file of `dir` except the manifest itself. */
export async function describePacketFiles(dir: string): Promise<ManifestFile[]> {
  const { files } = await listPacketFiles(dir);
  const out: ManifestFile[] = [];
  for (const rel of files) {
    if (rel === MANIFEST_NAME) continue;
    out.push({ path: rel, ...(await hashFile(path.join(dir, ...rel.split('/')))) });
  }
  return out;
}
