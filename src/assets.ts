import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The folder of courtfile's own package.json (works from src/ under vitest and from dist/). */
export function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
      if (pkg.name === 'courtfile') return (root = dir);
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('internal: cannot find the courtfile package root');
    dir = parent;
  }
}

let version: string | undefined;

/** courtfile's version, from its package.json. */
export function toolVersion(): string {
  if (version) return version;
  const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as {
    version: string;
  };
  return (version = pkg.version);
}

/** A path inside the package's templates/ folder. */
export function templatesDir(...parts: string[]): string {
  return path.join(packageRoot(), 'templates', ...parts);
}
