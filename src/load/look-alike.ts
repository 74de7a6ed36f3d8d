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
  // eslint-disable-next-line no-control-regex -- the ASCII range
  if (/^[\x00-\x7F]*$/.test(name)) return undefined;
  const wanted = name.normalize('NFC');
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch {
    return undefined;
  }
  return entries.find((e) => e !== name && e.normalize('NFC') === wanted);
}

/** The same for a full path: the look-alike's path, written like `written` with its last part replaced. */
export async function lookAlikePath(abs: string, written: string): Promise<string | undefined> {
  const found = await normalisationLookAlike(path.dirname(abs), path.basename(abs));
  if (found === undefined) return undefined;
  const slash = written.lastIndexOf('/');
  return slash < 0 ? found : `${written.slice(0, slash + 1)}${found}`;
}
