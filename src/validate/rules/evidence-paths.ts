import { relativePathProblem } from '../../load/relative-path.js';
import type { WrittenExhibit } from '../../schema/dossier.js';
import { recordRule } from './rule.js';

/** Exhibit file paths are relative and stay inside the dossier root (checked on the text; verify follows links). */
export const evidencePaths = recordRule<WrittenExhibit>()(['files'], (data, origin, ctx) => {
  (data.files ?? []).forEach((file, i) => {
    const problem = relativePathProblem(file.path);
    if (problem)
      ctx.report('path-outside', origin, ['files', i, 'path'], {
        path: file.path,
        detail: problem,
      });
  });
});
