import path from 'node:path';

// On its own, with no dependency but node:path: verify (whose module graph stays free of
// the YAML parsers) applies it too.

/** Lexical check of a path written in a dossier: relative, and staying inside the root. */
export function relativePathProblem(written: string): string | undefined {
  if (written.includes('\0')) return 'contains a NUL character';
  if (
    path.posix.isAbsolute(written) ||
    path.win32.isAbsolute(written) ||
    /^[A-Za-z]:/.test(written)
  ) {
    return 'is absolute: paths are relative to the dossier root';
  }
  const norm = path.posix.normalize(written.replace(/\\/g, '/'));
  if (norm === '..' || norm.startsWith('../')) return 'leaves the dossier root';
  if (norm === '.' || norm === '') return 'names the dossier root itself, not a file';
  return undefined;
}
