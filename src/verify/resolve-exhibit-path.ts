import { promises as fs } from 'node:fs';
import type { BigIntStats } from 'node:fs';
import path from 'node:path';
import { describeSystemError } from '../errors.js';
import { relativePathProblem } from '../load/relative-path.js';
import { normalisationLookAlikeParts } from '../load/look-alike.js';

/** Where a written exhibit path leads, decided before any file is opened. */
export type Resolution =
  | {
      readonly kind: 'outside';
      readonly detail: string;
      /**
       * The real folder inside the root that holds the entry as written, when the entry
       * is a symbolic link there that leads out (for `--unlisted`, with `wantFolders`).
       */
      readonly folders?: readonly string[];
    }
  | {
      readonly kind: 'missing';
      readonly folders: readonly string[];
      /**
       * The last `lookAlike.length` parts of the path as they are on disk, when they differ
       * only in Unicode normalisation from those written (the file's name, or a folder's).
       */
      readonly lookAlike?: readonly string[];
    }
  | { readonly kind: 'unreadable'; readonly detail: string }
  | {
      readonly kind: 'found';
      /** Absolute path with every symbolic link resolved; inside the dossier root. */
      readonly realPath: string;
      /** `lstat` of `realPath` (never follows a link, never opens the file). */
      readonly stats: BigIntStats;
      readonly folders: readonly string[];
    };

/** True when `candidate` is `root` or lies below it. Both must be absolute and normalized. */
export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  if (rel === '') return true;
  if (path.isAbsolute(rel)) return false; // another drive on Windows
  return rel !== '..' && !rel.startsWith(`..${path.sep}`);
}

function errorCode(err: unknown): string | undefined {
  return err && typeof err === 'object' && 'code' in err ? String(err.code) : undefined;
}

const NOT_FOUND = new Set(['ENOENT', 'ENOTDIR']);

/**
 * Resolve a written exhibit path (relative, forward slashes) against the dossier root,
 * following symbolic links with `realpath`. The result is `outside` when the path as written
 * (relativePathProblem) or any link on the way leads out of the root: such a file is never
 * opened.
 * `folders` are the real folders (inside the root) that hold the entry, for `--unlisted`
 * (computed only when `wantFolders`: it costs one more realpath per entry).
 */
export async function resolveExhibitPath(
  rootDir: string,
  rootReal: string,
  written: string,
  wantFolders = false,
): Promise<Resolution> {
  // The check `validate` makes on the text (absolute, `..` after normalising backslashes,
  // the root itself, NUL): a path it reports as outside is never resolved here either.
  const problem = relativePathProblem(written);
  if (problem !== undefined) return { kind: 'outside', detail: problem };
  const rootAbs = path.resolve(rootDir);
  const abs = path.resolve(rootAbs, written);
  if (!isInside(rootAbs, abs)) return { kind: 'outside', detail: 'leaves the dossier root' };

  let realPath: string;
  try {
    // The path as written, not `abs`: path.resolve removes `Z/..` from `exhibits/Z/../E1`
    // by its text, where the system follows the link Z first and then goes up from where
    // it leads (outside the root, when it leads there): the file any other program opens
    // at that path, whose digest `sha256sum` gives, is the one checked.
    realPath = await fs.realpath(`${rootAbs}${path.sep}${written}`);
  } catch (err) {
    return resolveMissing(rootReal, abs, err);
  }
  if (!isInside(rootReal, realPath)) {
    // The folder that holds the link is still an exhibit folder (docs/verify.md: as
    // written, and after links are followed): a stray file beside a link that leads out
    // went unreported by --unlisted.
    const linkFolder = wantFolders ? await realFolder(rootReal, path.dirname(abs)) : undefined;
    return {
      kind: 'outside',
      detail: `resolves through a symbolic link to ${realPath}, outside the dossier root`,
      ...(linkFolder === undefined ? {} : { folders: [linkFolder] }),
    };
  }
  // Inside, but another file than the one its text names (`exhibits/Z/../E1/f`, Z a link
  // to another folder of the root): the rest of courtfile (the outputs' guard, import's
  // check of SOURCE, --unlisted's list) reads paths by their text, so such a path is
  // refused rather than checked as one file and guarded as another.
  if (written.split(/[\\/]/).includes('..')) {
    let named: string | undefined;
    try {
      named = await fs.realpath(abs);
    } catch {
      named = undefined;
    }
    if (named !== realPath)
      return {
        kind: 'outside',
        detail: `has a ".." after a symbolic link: the system reads ${realPath}, where its text names ${named ?? abs}; write the path without ".."`,
      };
  }
  let stats: BigIntStats;
  try {
    stats = await fs.lstat(realPath, { bigint: true });
  } catch (err) {
    if (NOT_FOUND.has(errorCode(err) ?? '')) return { kind: 'missing', folders: [] };
    return { kind: 'unreadable', detail: describeSystemError(err) };
  }
  const folders = wantFolders ? [path.dirname(realPath)] : [];
  const linkFolder = wantFolders ? await realFolder(rootReal, path.dirname(abs)) : undefined;
  if (linkFolder !== undefined && linkFolder !== folders[0]) folders.push(linkFolder);
  return { kind: 'found', realPath, stats, folders };
}

/** The real path of `dir` when it exists and lies inside the root. */
async function realFolder(rootReal: string, dir: string): Promise<string | undefined> {
  try {
    const real = await fs.realpath(dir);
    return isInside(rootReal, real) ? real : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `realpath` failed. A missing file is still `outside` when its nearest existing ancestor
 * resolves outside the root (a symlinked folder that escapes), or when it is a dangling
 * symbolic link whose target is outside.
 */
async function resolveMissing(rootReal: string, abs: string, err: unknown): Promise<Resolution> {
  if (!NOT_FOUND.has(errorCode(err) ?? ''))
    return { kind: 'unreadable', detail: describeSystemError(err) };

  const dangling = await danglingTarget(abs);
  for (let dir = path.dirname(abs); ; dir = path.dirname(dir)) {
    let real: string;
    try {
      real = await fs.realpath(dir);
    } catch (dirErr) {
      if (NOT_FOUND.has(errorCode(dirErr) ?? '') && path.dirname(dir) !== dir) continue;
      return { kind: 'unreadable', detail: describeSystemError(dirErr) };
    }
    if (!isInside(rootReal, real)) {
      return {
        kind: 'outside',
        detail: `resolves through a symbolic link to ${real}, outside the dossier root`,
      };
    }
    if (dangling !== undefined && dir === path.dirname(abs)) {
      const target = path.resolve(real, dangling);
      if (!isInside(rootReal, target)) {
        return {
          kind: 'outside',
          detail: `is a symbolic link to ${target}, outside the dossier root`,
          folders: [real],
        };
      }
    }
    // The deepest folder that exists: the rest of the path may exist under names that
    // differ only in Unicode normalisation (a folder copied from macOS).
    const found = await normalisationLookAlikeParts(real, path.relative(dir, abs).split(path.sep));
    const folders = dir === path.dirname(abs) ? [real] : [];
    return found === undefined
      ? { kind: 'missing', folders }
      : { kind: 'missing', folders, lookAlike: found };
  }
}

/** The target text of `abs` when it is a symbolic link (that `realpath` could not follow). */
async function danglingTarget(abs: string): Promise<string | undefined> {
  try {
    return await fs.readlink(abs);
  } catch {
    return undefined;
  }
}
