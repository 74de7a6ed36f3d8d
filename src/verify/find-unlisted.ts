import { isUtf8 } from 'node:buffer';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InterruptedError } from '../errors.js';
import { isInside } from './resolve-exhibit-path.js';

export interface UnlistedScan {
  /** Real path of the dossier root. */
  readonly rootReal: string;
  /** Real folders that hold at least one listed file (inside the root). */
  readonly folders: Iterable<string>;
  /** Absolute paths that the index lists (as written, and with links resolved). */
  readonly listed: ReadonlySet<string>;
  /** Absolute paths never reported (the dossier's own YAML files). */
  readonly ignored: ReadonlySet<string>;
  readonly signal?: AbortSignal;
}

/** Keep only the folders that no other folder of the set contains. */
export function outermostFolders(folders: Iterable<string>): string[] {
  const sorted = [...new Set(folders)].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const kept: string[] = [];
  for (const folder of sorted) {
    if (!kept.some((outer) => isInside(outer, folder))) kept.push(folder);
  }
  return kept;
}

/**
 * Every file below the folders that the index uses (recursively) that no exhibit lists,
 * as paths relative to the root with forward slashes, sorted. Symbolic links are reported
 * like files and never followed; folders that cannot be read are skipped.
 */
export async function findUnlisted(scan: UnlistedScan): Promise<string[]> {
  const found: string[] = [];
  /** Those of `found` that are folders (a name that is not UTF-8: not entered). */
  const folders = new Set<string>();
  const stack = outermostFolders(scan.folders);
  while (stack.length > 0) {
    if (scan.signal?.aborted) throw new InterruptedError('verification interrupted');
    const dir = stack.pop() as string;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true, encoding: 'buffer' });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (!isUtf8(entry.name)) {
        // No index can list it (the dossier is UTF-8): reported by its bytes, a folder as
        // such (read as text, its name led nowhere, and what it holds went unreported).
        const abs = path.join(dir, escapeBytes(entry.name));
        found.push(abs);
        if (entry.isDirectory()) folders.add(abs);
        continue;
      }
      const abs = path.join(dir, entry.name.toString('utf8'));
      if (entry.isDirectory()) stack.push(abs);
      else if (!scan.listed.has(abs) && !scan.ignored.has(abs)) found.push(abs);
    }
  }
  return found
    .map(
      (abs) =>
        path.relative(scan.rootReal, abs).split(path.sep).join('/') + (folders.has(abs) ? '/' : ''),
    )
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A name that is not UTF-8, its bytes other than printable ASCII written `\xHH` (`d\xff`). */
export function escapeBytes(bytes: Buffer): string {
  let out = '';
  for (const b of bytes)
    out += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
  return out;
}
