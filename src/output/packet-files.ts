import { constants, promises as fs } from 'node:fs';
import type { BigIntStats } from 'node:fs';
import path from 'node:path';
import { describeSystemError } from '../errors.js';
import { describeNonFile } from '../verify/measure-file.js';

/**
 * Reaching the files of a received packet without ever leaving it: a listed path is
 * taken apart lexically (no absolute path, no `..`), then each folder on the way is
 * `lstat`ed (a symbolic link is refused, never followed), and the file itself is opened
 * only when `lstat` saw a regular file, without following a link and without blocking
 * (a FIFO or a device is refused before it is opened).
 */

/** Where a manifest path leads, decided before anything is opened. */
export type PacketPath =
  | { readonly kind: 'file'; readonly abs: string; readonly stats: BigIntStats }
  | { readonly kind: 'outside'; readonly detail: string }
  | {
      readonly kind: 'link';
      /** The folder on the way (relative, forward slashes) that is a symbolic link. */
      readonly link: string;
    }
  | { readonly kind: 'missing' }
  | { readonly kind: 'not-a-file'; readonly what: string }
  | { readonly kind: 'unreadable'; readonly detail: string };

/** The segments of a listed path, or why it leaves the packet. `.` and empty segments are dropped. */
export function splitPacketPath(listed: string): string[] | { readonly outside: string } {
  if (listed.includes('\\')) return { outside: 'has a backslash: paths in a manifest use "/"' };
  if (listed.startsWith('/') || /^[A-Za-z]:/.test(listed)) {
    return { outside: 'is an absolute path: paths in a manifest are relative to its folder' };
  }
  if (listed.includes('\0')) return { outside: 'has a NUL character' };
  const segments = listed.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..'))
    return { outside: 'has a ".." segment: it could leave the packet folder' };
  if (segments.length === 0) return { outside: 'names the packet folder itself, not a file' };
  return segments;
}

function errorCode(err: unknown): string | undefined {
  return err && typeof err === 'object' && 'code' in err ? String(err.code) : undefined;
}

/** What `lstat` says of one path: a stat, gone, or unreadable. */
async function lstatOf(abs: string): Promise<BigIntStats | 'missing' | { detail: string }> {
  try {
    return await fs.lstat(abs, { bigint: true });
  } catch (err) {
    const code = errorCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    return { detail: describeSystemError(err) };
  }
}

/**
 * Resolves listed paths inside one packet folder (`root`, already real). The folders on
 * the way are `lstat`ed once each, whatever the number of entries under them.
 */
export class PacketPaths {
  private readonly folders = new Map<string, Promise<PacketPath | undefined>>();

  constructor(readonly root: string) {}

  /** A folder on the way: undefined when it is a real folder of the packet. */
  private folder(rel: string): Promise<PacketPath | undefined> {
    let found = this.folders.get(rel);
    if (found === undefined) {
      found = lstatOf(path.join(this.root, ...rel.split('/'))).then((st) => {
        if (st === 'missing') return { kind: 'missing' };
        if ('detail' in st) return { kind: 'unreadable', detail: st.detail };
        if (st.isSymbolicLink()) return { kind: 'link', link: rel };
        if (!st.isDirectory()) return { kind: 'missing' };
        return undefined;
      });
      this.folders.set(rel, found);
    }
    return found;
  }

  async resolve(segments: readonly string[]): Promise<PacketPath> {
    for (let i = 1; i < segments.length; i++) {
      const problem = await this.folder(segments.slice(0, i).join('/'));
      if (problem) return problem;
    }
    const abs = path.join(this.root, ...segments);
    const st = await lstatOf(abs);
    if (st === 'missing') return { kind: 'missing' };
    if ('detail' in st) return { kind: 'unreadable', detail: st.detail };
    if (!st.isFile()) {
      const what = st.isSymbolicLink()
        ? 'a symbolic link, which packet --check never follows'
        : describeNonFile(st);
      return { kind: 'not-a-file', what };
    }
    return { kind: 'file', abs, stats: st };
  }
}

/** The opening flags for a file `lstat` saw as regular: no link followed, never blocking. */
export const OPEN_FLAGS =
  constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** A small file at the top of the packet (`manifest.json`, its signature), read whole. */
export type SmallRead =
  | { readonly kind: 'read'; readonly bytes: Buffer }
  | { readonly kind: 'missing' }
  | { readonly kind: 'not-a-file'; readonly what: string }
  | { readonly kind: 'too-large'; readonly size: number }
  | { readonly kind: 'unreadable'; readonly detail: string };

/**
 * Read `name` of the packet folder `root` (already real), at most `limit` bytes: `lstat`
 * first (a link, FIFO or device is refused unopened), then a non-blocking, no-follow
 * open whose `fstat` must be the same regular file.
 */
export async function readPacketFile(
  root: string,
  name: string,
  limit: number,
): Promise<SmallRead> {
  const resolved = await new PacketPaths(root).resolve([name]);
  if (resolved.kind !== 'file') {
    if (
      resolved.kind === 'not-a-file' ||
      resolved.kind === 'missing' ||
      resolved.kind === 'unreadable'
    )
      return resolved;
    return { kind: 'unreadable', detail: 'not inside the packet folder' };
  }
  if (resolved.stats.size > BigInt(limit))
    return { kind: 'too-large', size: Number(resolved.stats.size) };
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(resolved.abs, OPEN_FLAGS);
  } catch (err) {
    const code = errorCode(err);
    if (code === 'ENOENT') return { kind: 'missing' };
    if (code === 'ELOOP')
      return { kind: 'not-a-file', what: 'a symbolic link, which packet --check never follows' };
    return { kind: 'unreadable', detail: describeSystemError(err) };
  }
  try {
    const st = await handle.stat({ bigint: true });
    if (!st.isFile()) return { kind: 'not-a-file', what: describeNonFile(st) };
    if (st.ino !== resolved.stats.ino || st.dev !== resolved.stats.dev) {
      return { kind: 'unreadable', detail: 'it was replaced while being opened' };
    }
    const size = Number(st.size);
    if (size > limit) return { kind: 'too-large', size };
    // One byte more than fstat said: a file that grows while it is read is caught.
    const buffer = Buffer.alloc(size + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length !== size)
      return { kind: 'unreadable', detail: 'it changed while it was being read' };
    return { kind: 'read', bytes: buffer.subarray(0, length) };
  } catch (err) {
    return { kind: 'unreadable', detail: describeSystemError(err) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}
