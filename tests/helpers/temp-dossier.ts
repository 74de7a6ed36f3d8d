import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (where package.json and examples/ are). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXAMPLE_DIR = path.join(REPO_ROOT, 'examples/dossier');

const created: string[] = [];

/** A new empty folder under the system temp dir, removed by `removeTempDirs()`. */
export function tempDir(prefix = 'courtfile-test-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Remove every folder made by `tempDir()` (call from afterAll). */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** File contents by path relative to the dossier folder (text is written as UTF-8). */
export type DossierFiles = Readonly<Record<string, string | Uint8Array>>;

/** Write `files` into a new temp folder; returns the folder. */
export function writeDossier(files: DossierFiles, dir = tempDir()): string {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return dir;
}

/** A temp copy of examples/dossier (with its exhibits); returns the folder. */
export function copyExample(): string {
  const dir = tempDir('courtfile-example-');
  cpSync(EXAMPLE_DIR, dir, { recursive: true });
  return dir;
}

/** `text` with `search` (which must occur exactly once) replaced. */
export function edit(text: string, search: string, replace: string): string {
  const at = text.indexOf(search);
  if (at < 0) throw new Error(`edit: ${JSON.stringify(search)} not found`);
  if (text.indexOf(search, at + 1) >= 0)
    throw new Error(`edit: ${JSON.stringify(search)} occurs more than once`);
  return text.slice(0, at) + replace + text.slice(at + search.length);
}

/** Replace `search` (exactly once) in a file on disk; returns the new text. */
export function mutate(file: string, search: string, replace: string): string {
  const next = edit(readFileSync(file, 'utf8'), search, replace);
  writeFileSync(file, next);
  return next;
}
