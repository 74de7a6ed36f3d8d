import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * The name of an entry of `dir` that differs from `name` only in Unicode normalisation
 * (`é` written as one code point or as `e` + a combining accent: NFC and NFD look the
 * same on screen but are different file names on most file systems), or undefined.
 * Reads the folder only for a name with non-ASCII characters (others have one form).
 */
export async function normalisationLookAlike(
  dir: string,
  name: string,
): Promise<string | undefined> {
  if (!mayHaveLookAlike(name)) return undefined;
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch {
    return undefined;
  }
  return lookAlikeIn(entries, name);
}

// eslint-disable-next-line no-control-regex -- the ASCII range
const ASCII = /^[\x00-\x7F]*$/;

/** Whether `name` has other forms in Unicode normalisation (not ASCII): worth reading its folder for. */
export const mayHaveLookAlike = (name: string): boolean => !ASCII.test(name);

/** The entry of `entries` (a folder's names) that differs from `name` only in Unicode normalisation, or undefined. */
export function lookAlikeIn(entries: readonly string[], name: string): string | undefined {
  if (!mayHaveLookAlike(name)) return undefined;
  const wanted = name.normalize('NFC');
  return entries.find((e) => e !== name && e.normalize('NFC') === wanted);
}

/**
 * The same for a full path, its folders included: the look-alike's path, written like
 * `written` (`/`-separated, relative) with the parts that differ as they are on disk.
 */
export async function lookAlikePath(abs: string, written: string): Promise<string | undefined> {
  // The deepest folder of the path that exists (at most as many steps up as `written` has parts).
  const parts = written.split('/');
  // Folders are looked at only in a plain relative path (no `.`, `..` or empty part).
  const plain = !parts.some((p) => p === '' || p === '.' || p === '..');
  let dir = path.dirname(abs);
  let below = [path.basename(abs)];
  for (let up = 1; plain && up < parts.length; up++) {
    try {
      await fs.stat(dir);
      break;
    } catch {
      below = [path.basename(dir), ...below];
      dir = path.dirname(dir);
    }
  }
  const found = await normalisationLookAlikeParts(dir, below);
  if (found === undefined || found.length > parts.length) return undefined;
  return [...parts.slice(0, parts.length - found.length), ...found].join('/');
}

/**
 * Below `dir` (a folder that exists), the entries that spell the relative path `parts`
 * when one or more of its folders or its last name differ only in Unicode normalisation
 * (a folder `Pièces` copied from macOS, written `e` + a combining accent): their names as
 * on disk, one per part; undefined when the path exists as written or has no look-alike.
 */
export async function normalisationLookAlikeParts(
  dir: string,
  parts: readonly string[],
): Promise<string[] | undefined> {
  const names: string[] = [];
  let differs = false;
  let at = dir;
  for (const part of parts) {
    let name: string | undefined;
    try {
      await fs.lstat(path.join(at, part));
      name = part;
    } catch {
      name = await normalisationLookAlike(at, part);
      if (name === undefined) return undefined;
      differs = true;
    }
    names.push(name);
    at = path.join(at, name);
  }
  return differs ? names : undefined;
}
