import { promises as fs } from 'node:fs';
import { relativePathProblem } from '../load/relative-path.js';
import { resolveExhibitPath } from '../verify/resolve-exhibit-path.js';
import type { Draft } from './draft.js';
import type { Report } from './rules/rule.js';

/**
 * Exhibit paths that stay inside the dossier root as written but lead out of it through
 * a symbolic link (a linked file or folder): `path-outside`, as `verify` reports them.
 * Paths that escape as written are the evidence-paths rule's. Opens no file: only
 * `realpath` and `lstat`, the same resolution `verify` makes before it hashes anything.
 */
export async function exhibitLinkFindings(
  draft: Draft,
  rootDir: string,
  report: Report,
): Promise<void> {
  const rootReal = await fs.realpath(rootDir).catch(() => rootDir);
  // Exhibits that failed their schema too, by the file paths that passed (draft.ts:
  // filePathsThatPassed; a sparse list, whose holes are skipped).
  for (const { data, origin } of [...draft.evidence, ...draft.partial.evidence]) {
    const files = data.files ?? [];
    for (const [i, file] of files.entries()) {
      if (!file || relativePathProblem(file.path)) continue;
      const resolution = await resolveExhibitPath(rootDir, rootReal, file.path);
      if (resolution.kind === 'outside') {
        report('path-outside', origin, ['files', i, 'path'], {
          path: file.path,
          detail: resolution.detail,
        });
      }
    }
  }
}
