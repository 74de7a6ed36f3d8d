import { createHash } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import type { BigIntStats } from 'node:fs';
import { InterruptedError, describeSystemError } from '../errors.js';
import type { FileHasher } from './hash-threads.js';
import { isInside } from './resolve-exhibit-path.js';

/** What was found on disk for one exhibit file, once opened and hashed. */
export type Measure =
  | {
      readonly kind: 'hashed';
      readonly size: number;
      readonly sha256: string;
      readonly links: number;
    }
  | { readonly kind: 'not-a-file'; readonly what: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'outside'; readonly detail: string }
  | { readonly kind: 'unreadable'; readonly detail: string }
  | { readonly kind: 'changed' };

/** Per-worker state: two reusable read buffers (one is filled while the other is hashed). */
export interface HashContext {
  readonly rootReal: string;
  readonly buffers: readonly [Buffer, Buffer];
  /**
   * Hashing threads for files of at least `threadMinBytes` bytes (smaller ones, and all
   * of them without `threads`, are hashed on this thread with `buffers`).
   */
  readonly threads?: FileHasher;
  readonly threadMinBytes?: number;
  readonly signal?: AbortSignal;
  readonly onBytes: (bytes: number) => void;
  /** Test hook: runs after the last read, before the file is checked for changes. */
  readonly beforeFinish?: (absPath: string) => Promise<void>;
}

/*
 * Never block on a FIFO or a device: the path was lstat'ed first, and the open is
 * non-blocking and refuses a final symbolic link (which would be a swap since realpath).
 * Windows has neither flag; there, only the fstat checks below apply.
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** How a non-regular file is named in `not-a-file` messages. */
export function describeNonFile(stats: BigIntStats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO), not a regular file';
  if (stats.isSocket()) return 'a socket, not a regular file';
  if (stats.isCharacterDevice()) return 'a character device, not a regular file';
  if (stats.isBlockDevice()) return 'a block device, not a regular file';
  if (stats.isSymbolicLink()) return 'a symbolic link, not a regular file';
  return 'not a regular file';
}

function errorCode(err: unknown): string | undefined {
  return err && typeof err === 'object' && 'code' in err ? String(err.code) : undefined;
}

/**
 * Open `realPath` (already resolved inside the root and lstat'ed as `seen`), check that
 * the opened file is the regular file that was seen, hash it, and check that it did not
 * change meanwhile. Throws only InterruptedError; everything else is a Measure.
 */
export async function measureFile(
  realPath: string,
  seen: BigIntStats,
  ctx: HashContext,
): Promise<Measure> {
  if (!seen.isFile()) return { kind: 'not-a-file', what: describeNonFile(seen) };
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(realPath, OPEN_FLAGS);
  } catch (err) {
    const code = errorCode(err);
    if (code === 'ENOENT') return { kind: 'missing' };
    if (code === 'ELOOP') return { kind: 'changed' }; // replaced by a symbolic link since lstat
    return { kind: 'unreadable', detail: describeSystemError(err) };
  }
  try {
    const before = await handle.stat({ bigint: true });
    if (!before.isFile()) return { kind: 'not-a-file', what: describeNonFile(before) };
    if (before.ino !== seen.ino || before.dev !== seen.dev) return { kind: 'changed' };
    const opened = await openedPath(handle.fd);
    if (opened !== undefined && !isInside(ctx.rootReal, opened)) {
      return { kind: 'outside', detail: `was opened at ${opened}, outside the dossier root` };
    }
    const size = Number(before.size);
    // Only the descriptor goes to a thread; it stays open here until the thread answered.
    const { bytes, sha256 } =
      (ctx.threads !== undefined && size >= (ctx.threadMinBytes ?? 0)
        ? await ctx.threads.hash({ fd: handle.fd, size, onBytes: ctx.onBytes })
        : undefined) ?? (await hashHandle(handle, size, ctx));
    await ctx.beforeFinish?.(realPath);
    const after = await handle.stat({ bigint: true });
    if (changedBetween(before, after) || BigInt(bytes) !== before.size) return { kind: 'changed' };
    return { kind: 'hashed', size: bytes, sha256, links: Number(before.nlink) };
  } catch (err) {
    if (err instanceof InterruptedError) throw err;
    return { kind: 'unreadable', detail: describeSystemError(err) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * ctime is included: it moves on every write and cannot be set back by the user, so
 * a writer that restores the mtime is still caught.
 */
function changedBetween(a: BigIntStats, b: BigIntStats): boolean {
  return (
    a.size !== b.size ||
    a.mtimeNs !== b.mtimeNs ||
    a.ctimeNs !== b.ctimeNs ||
    a.ino !== b.ino ||
    a.dev !== b.dev
  );
}

/**
 * Linux: the path the kernel actually opened, so that a folder swapped for a link between
 * realpath and open is caught. Undefined elsewhere.
 */
async function openedPath(fd: number): Promise<string | undefined> {
  if (process.platform !== 'linux') return undefined;
  try {
    return (await fs.readlink(`/proc/self/fd/${fd}`)).replace(/ \(deleted\)$/, '');
  } catch {
    return undefined;
  }
}

/**
 * Stream the file through SHA-256 with bounded memory: one read is in flight (on the
 * libuv thread pool) while the previous chunk is hashed on this thread. Reading stops once
 * `size` bytes (the fstat size) have been read: a file that grew is caught by the last read
 * going past `size` or by the second fstat, one that shrank by the byte count. The hashing
 * threads of hash-threads.ts run the same loop.
 */
async function hashHandle(
  handle: fs.FileHandle,
  size: number,
  ctx: HashContext,
): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let [current, next] = ctx.buffers;
  let position = 0;
  let pending = size > 0 ? handle.read(current, 0, current.length, position) : undefined;
  while (pending !== undefined) {
    const { bytesRead } = await pending;
    if (bytesRead === 0) break;
    position += bytesRead;
    if (ctx.signal?.aborted) throw new InterruptedError('verification interrupted');
    pending = position < size ? handle.read(next, 0, next.length, position) : undefined;
    try {
      hash.update(current.subarray(0, bytesRead));
      ctx.onBytes(bytesRead);
    } catch (err) {
      await pending?.catch(() => undefined); // never close the handle under a read in flight
      throw err;
    }
    [current, next] = [next, current];
  }
  return { bytes: position, sha256: hash.digest('hex') };
}
