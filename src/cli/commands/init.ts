import { promises as fs } from 'node:fs';
import path from 'node:path';
import { templatesDir } from '../../assets.js';
import { EXIT, ToolError, UsageError, describeSystemError } from '../../errors.js';
import {
  fittedName,
  renameFolderIntoPlace,
  replacedCurrentFolderNote,
  tempTag,
  writeFileAtomic,
} from '../../output/atomic-write.js';
import { checkOutputTarget, kernelPath } from '../../output/output-target.js';
import { registerTemp, unregisterTemp } from '../../output/temp-registry.js';
import { dossierJsonSchema } from '../../schema/json-schema.js';
import type { CliIO } from '../io.js';
import { append } from '../../append.js';
import { sayLine } from '../../diagnostics/format.js';

async function listFiles(dir: string, base = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const rel = base ? `${base}/${entry.name}` : entry.name;
    if (entry.isDirectory()) append(out, await listFiles(path.join(dir, entry.name), rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}

/**
 * `courtfile init DIR`: a new, valid, commented example dossier (with its exhibit
 * placeholders and the JSON Schema for editors). DIR must not exist or be empty (the
 * folders above it are made when missing); a symbolic link to such a folder is followed.
 */
export async function runInit(dir: string, io: CliIO): Promise<number> {
  // Never a file or folder named `-` (README, Outputs): it is standard output elsewhere.
  if (dir === '-')
    throw new UsageError(
      'init writes a folder, not a stream: - (standard output) is not possible; give a folder',
    );
  const given = await kernelPath(io.cwd, dir);
  // The new root file as the user can name it: DIR joined on paper, unless DIR holds a
  // `..`, which comes after the links before it (kernelPath): then where it really is.
  const shownRoot = !dir.split('/').includes('..')
    ? path.join(dir, 'dossier.yaml')
    : path.isAbsolute(dir)
      ? path.join(given, 'dossier.yaml')
      : path.relative(io.cwd, path.join(given, 'dossier.yaml'));
  // The guard of every output (no FIFO, device or file as DIR); a symbolic link is
  // followed, and the dossier made where it leads (the link stays a link).
  const { path: target } = await checkOutputTarget({
    path: given,
    shown: dir,
    kind: 'folder',
    cwd: io.cwd,
  });
  const existing = await fs.readdir(target).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw new ToolError(`cannot use ${dir}: ${describeSystemError(err)}`);
  });
  if (existing && existing.length > 0) {
    throw new ToolError(`${dir} is not empty: init writes only into a new or empty folder`);
  }
  // The folders above DIR that do not exist yet are made one level at a time, never with
  // `recursive`, which on some file systems never ends (Node 20 retries `mkdir /proc/x`
  // forever: ENOENT, yet /proc exists); there the plain mkdir fails and init exits 2.
  await makeParents(path.dirname(target), dir);
  const source = templatesDir('init');
  const files = await listFiles(source);
  // Build the whole dossier in a temporary sibling folder, then rename it into place.
  /** DIR is the folder the command runs in: said after the dossier replaced it. */
  let replacesCwd = false;
  const staging = path.join(
    path.dirname(target),
    fittedName('', path.basename(target), `.${tempTag()}`),
  );
  registerTemp(staging);
  try {
    await fs.mkdir(staging);
    for (const rel of files) {
      const parts = rel.split('/');
      const dest = path.join(staging, ...parts);
      // The template's folders, one level at a time below the new staging folder.
      await makeParents(path.dirname(dest), dir);
      await writeFileAtomic(dest, await fs.readFile(path.join(source, ...parts)));
    }
    await writeFileAtomic(
      path.join(staging, 'dossier.schema.json'),
      JSON.stringify(dossierJsonSchema('root'), null, 2) + '\n',
    );
    // An existing empty folder is replaced by the rename, never removed first.
    replacesCwd = await renameFolderIntoPlace(staging, target, existing !== undefined, io.cwd);
  } catch (err) {
    await fs.rm(staging, { recursive: true, force: true }).catch(() => undefined);
    if (err instanceof ToolError) throw err;
    throw new ToolError(`cannot create ${dir}: ${describeSystemError(err)}`);
  } finally {
    unregisterTemp(staging);
  }
  // Before the "next:" line, which works only once the shell is in the new folder.
  if (replacesCwd) io.stderr.write(sayLine(replacedCurrentFolderNote(dir)));
  io.stdout.write(
    sayLine(
      `created ${shownRoot} (fictional example) with ${files.filter((f) => f.startsWith('exhibits/')).length} exhibit file(s), dossier.schema.json` +
        ` and import-map.yaml (an example mapping for courtfile import)`,
    ) + sayLine(`next: courtfile validate ${shownRoot}`),
  );
  return EXIT.ok;
}

/** Make `folder` and the folders above it that are missing, top down, one level at a time. */
async function makeParents(folder: string, shown: string): Promise<void> {
  const missing: string[] = [];
  for (let at = folder; ; at = path.dirname(at)) {
    const stats = await fs.stat(at).catch(() => undefined);
    if (stats?.isDirectory()) break;
    if (stats) throw new ToolError(`cannot create ${shown}: ${at} is not a folder`);
    missing.push(at);
    if (path.dirname(at) === at) break;
  }
  for (const at of missing.reverse()) {
    await fs.mkdir(at).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST')
        throw new ToolError(`cannot create ${shown}: ${describeSystemError(err)}`);
    });
  }
}
