import { EXIT } from '../../errors.js';
import { writeFileAtomic } from '../../output/atomic-write.js';
import { assertSameFolder, checkOutputTarget, kernelPath } from '../../output/output-target.js';
import { dossierJsonSchema } from '../../schema/json-schema.js';
import type { CliIO } from '../io.js';
import { sayLine } from '../../diagnostics/format.js';

export interface SchemaOptions {
  readonly output?: string;
  /** The schema of an included file instead of a root file. */
  readonly included?: boolean;
}

/**
 * `courtfile schema [-o FILE]`: the dossier JSON Schema (draft 2020-12) on stdout, or in
 * FILE (`-o -` is stdout). FILE is refused when it is not a regular file, is read-only,
 * or is an existing file that does not hold a JSON Schema (a dossier's YAML, an exhibit,
 * a platform's JSON export: schema reads no dossier, so cannot know its exhibits).
 */
export async function runSchema(opts: SchemaOptions, io: CliIO): Promise<number> {
  const text =
    JSON.stringify(dossierJsonSchema(opts.included ? 'include' : 'root'), null, 2) + '\n';
  if (opts.output === undefined || opts.output === '-') {
    io.stdout.write(text);
  } else {
    const checked = await checkOutputTarget({
      path: await kernelPath(io.cwd, opts.output),
      shown: opts.output,
      kind: 'file',
      writes: 'json',
      replacesOnlySchema: true,
      cwd: io.cwd,
    });
    await writeFileAtomic(checked.path, text, {
      ...(io.signal ? { signal: io.signal } : {}),
      beforeRename: () => assertSameFolder(checked.path, checked, opts.output),
    });
    io.stderr.write(sayLine(`wrote ${opts.output}`));
  }
  return EXIT.ok;
}
