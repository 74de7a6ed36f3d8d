import path from 'node:path';
import { relativePathProblem } from '../../load/relative-path.js';
import { pathFormProblem } from '../../schema/scalars.js';
import type { Rule } from './rule.js';

/**
 * Warning: an exhibit file listed twice, in one exhibit or in two, compared as the paths
 * resolve (`exhibits/E08/./pv.txt` is `exhibits/E08/pv.txt`): a file belongs to one
 * sealed exhibit, once, and verify would count it twice. Reported at the later listing,
 * naming the first by exhibit id and index. Paths that are not valid (reported
 * elsewhere) are left out; links are not followed (verify resolves them).
 */
export const duplicateFile: Rule = ({ draft, report }) => {
  const first = new Map<string, { id: string; index: number }>();
  for (const { data, origin } of draft.evidence) {
    (data.files ?? []).forEach((file, i) => {
      if (relativePathProblem(file.path) || pathFormProblem(file.path)) return;
      const key = path.posix.normalize(file.path);
      const earlier = first.get(key);
      if (earlier === undefined) {
        first.set(key, { id: data.id, index: i });
        return;
      }
      report(
        'duplicate-file',
        origin,
        ['files', i, 'path'],
        { path: file.path, first: earlier.id, index: earlier.index },
        { severity: 'warning' },
      );
    });
  }
};
