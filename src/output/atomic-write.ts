import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { InterruptedError, ToolError, describeSystemError } from '../errors.js';
import { throwIfInterrupted } from '../interrupt.js';
import { registerTemp, unregisterTemp } from './temp-registry.js';

/** The longest name a folder entry may have on the systems courtfile runs on (bytes). */
const NAME_MAX = 255;

/**
 * `head + name + tail`, with as much of `name`'s end (its extension) as keeps the whole
 * within NAME_MAX bytes: a temporary name beside an output whose own name is legal but
 * long (250 characters) must be legal too.
 */
export function fittedName(head: string, name: string, tail = ''): string {
  const room = NAME_MAX - Buffer.byteLength(head + tail);
  if (Buffer.byteLength(name) <= room) return head + name + tail;
  const chars = [...name];
  let bytes = Buffer.byteLength(name);
  let cut = 0;
  while (cut < chars.length && bytes > room) bytes -= Buffer.byteLength(chars[cut++]!);
  return head + chars.slice(cut).join('') + tail;
}

/**
 * What marks a temporary file or folder of this run: `courtfile-tmp-PID-RANDOM` (the
 * random part: two runs in one process, or a process id reused after a killed run, never
 * share, or clean up, each other's temporaries).
 */
export function tempTag(): string {
  return `courtfile-tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
}

/** A temporary name in the same folder as `target`, so that the final rename is atomic. */
export function temporarySibling(target: string): string {
  const dir = path.dirname(target);
  return path.join(dir, fittedName(`.${tempTag()}-`, path.basename(target)));
}

/**
 * Write `data` to `target` atomically: temp file in the target's folder, fsync, rename,
 * fsync of the folder; an existing target's permission bits are kept (keepFileMode). On
 * any failure the temp file is removed and an existing target is left untouched.
 * `produce` may stream into the open file handle instead of `data`; an error it throws
 * that is not a system error (no `E...` code) is rethrown unchanged.
 * When `signal` is aborted before the rename, the temp file is removed and the call
 * rejects with InterruptedError (the target is left as it was).
 */
export async function writeFileAtomic(
  target: string,
  data: Uint8Array | string | ((handle: fs.FileHandle) => Promise<void>),
  options: {
    readonly signal?: AbortSignal;
    /** Called just before the rename; a rejection removes the temp file and is rethrown. */
    readonly beforeRename?: () => Promise<void>;
  } = {},
): Promise<void> {
  const { signal, beforeRename } = options;
  throwIfInterrupted(signal);
  const tmp = temporarySibling(target);
  let handle: fs.FileHandle | undefined;
  registerTemp(tmp);
  try {
    try {
      handle = await fs.open(tmp, 'wx', 0o644);
    } catch (err) {
      throw new ToolError(`cannot write ${target}: ${describeSystemError(err)}`);
    }
    throwIfInterrupted(signal);
    if (typeof data === 'function') await data(handle);
    else await handle.writeFile(data);
    throwIfInterrupted(signal);
    await handle.sync();
    await handle.close();
    handle = undefined;
    throwIfInterrupted(signal);
    await keepFileMode(tmp, target);
    if (beforeRename) await beforeRename();
    await fs.rename(tmp, target);
    await syncDir(path.dirname(target));
  } catch (err) {
    if (handle) await handle.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    // A fault of `produce` itself (not of the file system) is passed on as it is.
    if (err instanceof ToolError || err instanceof InterruptedError || !isSystemError(err)) {
      throw err;
    }
    throw new ToolError(`cannot write ${target}: ${describeSystemError(err)}`);
  } finally {
    unregisterTemp(tmp);
  }
}

function isSystemError(err: unknown): boolean {
  const code = err instanceof Error ? (err as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}

/** fsync a directory so a rename inside it is durable; ignored where unsupported. */
export async function syncDir(dir: string): Promise<void> {
  let h: fs.FileHandle | undefined;
  try {
    h = await fs.open(dir, 'r');
    await h.sync();
  } catch {
    // Some platforms and file systems cannot fsync a directory; the rename is still atomic.
  } finally {
    await h?.close().catch(() => undefined);
  }
}

/**
 * Give `temp`, about to be renamed over `target`, the permission bits of the file it
 * replaces: a file replaced keeps the permissions the user gave it (a report made readable
 * to its owner only stays so); a new one has the default (0644 less the umask). Best
 * effort: a file system that keeps no permissions (vfat) may refuse the chmod.
 */
export async function keepFileMode(temp: string, target: string): Promise<void> {
  const existing = await fs.stat(target).catch(() => undefined);
  if (existing?.isFile()) await fs.chmod(temp, existing.mode & 0o777).catch(() => undefined);
}

/**
 * Give `folder` the permission bits (setgid included) and group of `like`: a staging
 * folder about to replace an existing empty DIR, or DIR made again after a failed rename
 * (`uid` then DIR's owner too; -1: left as it is). A folder made private for a case, or
 * shared with a case's group, stays so (it became 0755 with the user's group). Best
 * effort: a file system that keeps no permissions (vfat), or a group the user is not in,
 * leaves the default. The group first: changing it may clear the setgid bit.
 */
async function giveFolderMode(folder: string, like: Stats, uid = -1): Promise<void> {
  await fs.chown(folder, uid, like.gid).catch(() => undefined);
  await fs.chmod(folder, like.mode & 0o7777).catch(() => undefined);
}

/**
 * Rename the finished staging folder to `target`. POSIX rename replaces an empty folder
 * in one step, so an existing empty DIR is never removed first (a failure or Ctrl-C
 * between removing and renaming would lose it); the staging folder takes its permission
 * bits and group first (giveFolderMode). Where rename refuses to replace a folder
 * (Windows), the empty DIR is removed, then made again as it was if the rename still
 * fails. Returns whether DIR was `cwd`, the folder the command runs in (the same folder on
 * disk): a shell standing there is then in a folder that no longer exists
 * (replacedCurrentFolderNote).
 */
export async function renameFolderIntoPlace(
  staging: string,
  target: string,
  existed: boolean,
  cwd: string,
): Promise<boolean> {
  const [before, here] = existed
    ? await Promise.all([
        fs.stat(target).catch(() => undefined),
        fs.stat(cwd).catch(() => undefined),
      ])
    : [undefined, undefined];
  const dir = before?.isDirectory() ? before : undefined;
  if (dir) await giveFolderMode(staging, dir);
  try {
    await fs.rename(staging, target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (
      !existed ||
      (code !== 'EPERM' && code !== 'EEXIST' && code !== 'EACCES' && code !== 'EISDIR')
    )
      throw err;
    await fs.rmdir(target); // fails, leaving DIR as it is, if anything was put in it meanwhile
    try {
      await fs.rename(staging, target);
    } catch (again) {
      await fs.mkdir(target).catch(() => undefined);
      if (dir) await giveFolderMode(target, dir, dir.uid);
      throw again;
    }
  }
  await syncDir(path.dirname(target));
  return dir !== undefined && here !== undefined && dir.dev === here.dev && dir.ino === here.ino;
}

/**
 * The note a command gives after replacing the folder it runs in (renameFolderIntoPlace);
 * `shown` as the user named DIR (`DIR/` named once, without its slash).
 */
export function replacedCurrentFolderNote(shown: string): string {
  return `courtfile: note: the current folder (${shown.replace(/(.)\/+$/, '$1')}) was replaced by the new one: run \`cd .\` (or cd to it again) to see its files`;
}
