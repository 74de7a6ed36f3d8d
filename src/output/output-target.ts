import type { Stats } from 'node:fs';
import { constants, fstatSync, lstatSync, promises as fs, realpathSync } from 'node:fs';
import path from 'node:path';
import { ToolError, describeSystemError } from '../errors.js';
import { readHead } from '../load/source-text.js';
import { lookAlikeIn, lookAlikePath, mayHaveLookAlike } from '../load/look-alike.js';
import type { Dossier } from '../model/dossier.js';

/**
 * Output safety: before a command writes an output (`render -o`, `schema -o`,
 * `packet -o DIR`, and any later command with `-o`), it checks the target here and
 * refuses, with one message naming the path and the reason, a target that
 * - is, or resolves to (symbolic links, `..`, hard links: same device and inode), a file
 *   the command reads: the dossier's root and included files, the template files, the
 *   exhibit files of the dossier, whatever else the command passes in `reads`; or is the
 *   place of one of them that is missing, or differs from its name only in case or
 *   Unicode normalisation (readNamedLike);
 * - lies in or under a folder that holds exhibit files (`protectedDirs`), so that no
 *   output ever lands among sealed evidence;
 * - exists and is not what the command writes: a FIFO, a device, a socket, a folder for
 *   a file output (a file for a folder output);
 * - is an existing file, or empty folder, that is read-only (no write permission bit, or
 *   not writable by this user): it is protected from writing, so courtfile does not
 *   replace it;
 * - is an existing YAML file (`.yaml`, `.yml`) and the output is not YAML: a dossier, an
 *   included file or a template, of this dossier or another (`schema -o dossier.yaml`
 *   reads no dossier, so only this rule keeps it from replacing one).
 * A target that is a symbolic link (or a chain of them) is followed first: the output is
 * written at what it leads to (the link stays a link and shows the new content), every
 * rule above is judged there, and the message names the link and where it leads.
 */

/** A file the command reads, and what it is (for the message). */
export interface ReadFile {
  /** Absolute path. */
  readonly path: string;
  /** e.g. `the dossier file`, `an exhibit file`. */
  readonly what: string;
}

export interface OutputTarget {
  /** Absolute path of the output. */
  readonly path: string;
  /** The path as the user gave it (shown in the message). */
  readonly shown: string;
  /** A file (replaced atomically) or a folder (created, or an existing empty one used). */
  readonly kind: 'file' | 'folder';
  /** Files the output must not be (by any name). */
  readonly reads?: readonly ReadFile[];
  /** Absolute folders the output must not be in or under. */
  readonly protectedDirs?: readonly string[];
  /** What a file output holds; an existing YAML file is replaced only by YAML. */
  readonly writes?: 'pdf' | 'json' | 'yaml';
  /**
   * An existing file is replaced only when it holds a JSON Schema (or nothing): for a
   * command that reads no dossier (`schema`), so cannot know which files are exhibits,
   * and must not replace one (`schema -o exhibits/E03/statement.txt`, or a platform's
   * JSON export, `schema -o exhibits/E10/messages.json`).
   */
  readonly replacesOnlySchema?: boolean;
  /** Base for the paths shown in messages (default: the process's working folder). */
  readonly cwd?: string;
}

/**
 * Whether the file at `p` is empty or holds a JSON Schema: an object whose first key is
 * `$schema` (after a BOM and spaces), as `courtfile schema` writes it. Any JSON was
 * replaced before, and platform exports are JSON too (a helper's sweep, session 33:
 * `schema -o` replaced an exhibit's `messages.json` and a packet's `manifest.json`).
 */
async function holdsJsonSchema(p: string): Promise<boolean> {
  const head = await readHead(p, 256);
  if (head === undefined) return false;
  return head === '' || /^\ufeff?\s*\{\s*"\$schema"\s*:/.test(head);
}

/** A YAML file's name, in any case. */
const YAML_NAME = /\.ya?ml$/i;

/** Thrown (a ToolError: exit 2) when the target is refused. */
export class UnsafeOutputError extends ToolError {}

/** What the check saw, for the write to compare with just before it commits. */
export interface CheckedTarget {
  /** Absolute path to write: the target, or the file its symbolic links lead to. */
  readonly path: string;
  /** The real path of the target's folder when it was checked. */
  readonly realDir: string;
}

/** An output path with its symbolic links followed (resolveOutputPath). */
export interface ResolvedOutput {
  /** Absolute path to write: the path itself, or (a link) what it leads to, in its real folder. */
  readonly path: string;
  /** What is there, links followed; undefined when nothing is there yet. */
  readonly stats: Stats | undefined;
  /** A link: where it leads, for messages (`pipe:[…]` when that is not a path). */
  readonly linkTo?: string;
}

/** Links followed at most (Linux's own limit), so that a loop ends. */
const MAX_LINKS = 40;

/**
 * The absolute path the system means by the output argument `given` (relative to `cwd`),
 * to check and to write. `..` comes after the symbolic links before it, as the kernel
 * reads a path: with `lnk` a link to `exhibits/E1`, `lnk/../out.pdf` is
 * `exhibits/out.pdf`, not `out.pdf` as `path.resolve` has it on paper (an audit saw
 * courtfile write beside the link what the user's shell would have put among the
 * exhibits). A path whose part up to its last `..` the system cannot reach is refused
 * (exit 2), as writing it would fail.
 */
export async function kernelPath(cwd: string, given: string): Promise<string> {
  const parts = given.split('/');
  const last = parts.lastIndexOf('..');
  if (last < 0) return path.resolve(cwd, given);
  const head = parts.slice(0, last + 1).join(path.sep);
  // Joined, not normalized: fs.promises.realpath asks the system (realpath(3)).
  const raw = path.isAbsolute(given) ? head || path.sep : `${cwd}${path.sep}${head}`;
  const real = await fs.realpath(raw).catch((err: unknown) => {
    throw new ToolError(`cannot write ${given}: ${describeSystemError(err)}`);
  });
  return path.resolve(real, ...parts.slice(last + 1));
}

/** Throw UnsafeOutputError when `target` must not be written; see the module comment. */
export async function checkOutputTarget(target: OutputTarget): Promise<CheckedTarget> {
  const resolved = await resolveOutputPath(target.path, target.shown, target.cwd, target.kind);
  const refuse = (why: string): never => {
    const link = resolved.linkTo === undefined ? '' : ` (a symbolic link to ${resolved.linkTo})`;
    throw new UnsafeOutputError(`refusing to write ${target.shown}${link}: ${why}`);
  };
  if (target.kind === 'file' && /[/\\]$/.test(target.shown))
    refuse('it ends with a slash, which names a folder; give the path of a file');
  const st = resolved.stats;
  if (target.kind === 'file' && !st) {
    const parent = await statOrUndefined(path.dirname(resolved.path));
    if (!parent?.isDirectory())
      refuse('its folder does not exist; courtfile creates the file, not the folders above it');
  }
  if (st) {
    const type = nodeType(st);
    if (target.kind === 'file' && !st.isFile())
      refuse(`it is ${type}, not a regular file; give the path of a new or regular file`);
    if (target.kind === 'folder' && !st.isDirectory())
      refuse(`it is ${type}, not a folder; give the path of a new or empty folder`);
    if (resolved.linkTo !== undefined) {
      const there = await statOrUndefined(resolved.path);
      if (there?.dev !== st.dev || there.ino !== st.ino)
        refuse('no file has that name (a deleted file?), so courtfile cannot replace it');
    }
    const same = await sameFileAs(st, target.reads ?? []);
    if (same) refuse(await readReason(same, target, resolved.path));
    // A file, or an empty folder (replaced by the one written beside it: a 0555 one was
    // until a helper's sweep, session 33).
    if (!(await isWritable(resolved.path, st)))
      refuse(
        `the ${target.kind} is read-only; courtfile does not replace a ${target.kind} protected from writing`,
      );
    if (
      target.kind === 'file' &&
      target.writes !== undefined &&
      target.writes !== 'yaml' &&
      YAML_NAME.test(resolved.path)
    )
      refuse(
        `it is an existing YAML file (a dossier, an included file or a template?); courtfile writes ${target.writes.toUpperCase()} here and does not replace it`,
      );
    if (
      target.kind === 'file' &&
      target.replacesOnlySchema &&
      !(await holdsJsonSchema(resolved.path))
    )
      refuse(
        'it is an existing file that does not hold a JSON Schema (an exhibit?); courtfile writes a JSON schema here and replaces only an empty file or one that starts with "$schema"',
      );
  }
  const real = await realTarget(resolved.path);
  if (!st) {
    const alike = await readNamedLike(real, target.reads ?? []);
    if (alike?.missing)
      refuse(
        `it is where ${alike.read.what} belongs (${show(alike.read.path, target.cwd)}, missing now); an output never takes the place of a file the dossier lists`,
      );
    if (alike)
      refuse(
        `its name differs from that of ${alike.read.what} (${show(alike.read.path, target.cwd)}) only in case or Unicode normalisation; a file system that ignores either would take one for the other`,
      );
  }
  const folder = await protectedFolderHolding(real, target.protectedDirs ?? []);
  if (folder !== undefined)
    refuse(
      `it is in the exhibit folder ${show(folder, target.cwd)}; outputs are never written among exhibit files`,
    );
  // The folder the rename will write in: that of the file the target leads to.
  const parent = path.dirname(resolved.path);
  return {
    path: resolved.path,
    realDir: await fs.realpath(parent).catch(() => path.dirname(real)),
  };
}

/**
 * Follow `p` when it is a symbolic link, or a chain of them, to the path the output is
 * written at (in its real folder; a dangling link leads to the file it names). A path
 * that is no link is returned as it is. Throws UnsafeOutputError on a loop.
 */
export async function resolveOutputPath(
  p: string,
  shown: string,
  cwd?: string,
  kind: 'file' | 'folder' = 'file',
): Promise<ResolvedOutput> {
  const abs = path.resolve(p);
  const stats = await statOrUndefined(abs);
  let end = abs;
  let said: string | undefined; // what the last link says
  for (let links = 0; ; links++) {
    const st = await fs.lstat(end).catch(() => undefined);
    if (!st?.isSymbolicLink()) break;
    if (links === MAX_LINKS)
      throw new UnsafeOutputError(
        `refusing to write ${shown}: it is a symbolic link that leads to no file (a loop, or more than ${MAX_LINKS} links)`,
      );
    said = await fs.readlink(end);
    // Joined, not normalized: the kernel resolves a `..` in a link after the links before it.
    end = path.isAbsolute(said) ? said : `${path.dirname(end)}${path.sep}${said}`;
  }
  if (said === undefined) return { path: abs, stats };
  // A link to something: the kernel's real path (which also follows /proc/self/fd/N); none
  // for a pipe or a socket (`pipe:[…]`), then named as the link says.
  if (stats) {
    const real = await fs.realpath(abs).catch(() => undefined);
    return { path: real ?? path.resolve(end), stats, linkTo: real ? show(real, cwd) : said };
  }
  // A dangling link: the file it names, in the real folder it names, which must exist (a
  // path resolved on paper, `missing/../dossier.yaml`, could name a file the kernel does not
  // reach through the link); nothing may be there, and the name must be a file's.
  const dangling = (why: string): never => {
    throw new UnsafeOutputError(`refusing to write ${shown} (a symbolic link to ${said}): ${why}`);
  };
  // A folder output may be named with a final slash (`newdir/`); a file may not.
  if (kind === 'folder') end = end.replace(/\/+$/, '');
  const base = path.basename(end);
  if ((kind === 'file' && said.endsWith('/')) || base === '.' || base === '..' || base === '')
    dangling(kind === 'file' ? 'it names a folder, not a file' : 'it names no new folder');
  const dir = await fs.realpath(path.dirname(end)).catch(() => undefined);
  if (dir === undefined)
    return dangling(
      'its folder does not exist; courtfile creates the file, not the folders above it',
    );
  const target = path.join(dir, base);
  if ((await fs.lstat(target).catch(() => undefined)) !== undefined)
    dangling('it leads to no file, yet something is there by that name');
  return { path: target, stats: undefined, linkTo: show(target, cwd) };
}

/**
 * `-o -`: standard output, when it is a file (`render -o - >> FILE`, `1<> FILE`), must not
 * be a file the command reads nor lie in an exhibit folder, as `-o /dev/stdout` (the same
 * file by a path) is refused (a helper's sweep, session 37: an exhibit appended to, exit
 * 0). A pipe, a terminal or a device is not looked at. (`> FILE` has emptied the file
 * before courtfile runs: refusing at least writes nothing into it.)
 */
export async function checkStandardOutput(
  fd: number | undefined,
  target: Pick<OutputTarget, 'reads' | 'protectedDirs' | 'cwd'>,
): Promise<void> {
  if (fd === undefined) return;
  let st: Stats;
  try {
    st = fstatSync(fd);
  } catch {
    return;
  }
  if (!st.isFile()) return;
  const refuse = (why: string): never => {
    throw new UnsafeOutputError(`refusing to write to standard output: ${why}`);
  };
  const same = await sameFileAs(st, target.reads ?? []);
  if (same) refuse(`it is ${show(same.path, target.cwd)} (${same.what}), which this command reads`);
  // Where the file is, when the system says (Linux): not among the exhibit folders.
  const at = await fs.realpath(`/proc/self/fd/${fd}`).catch(() => undefined);
  if (at === undefined || !path.isAbsolute(at)) return;
  const folder = await protectedFolderHolding(at, target.protectedDirs ?? []);
  if (folder !== undefined)
    refuse(
      `it is a file in the exhibit folder ${show(folder, target.cwd)}; outputs are never written among exhibit files`,
    );
}

/**
 * The folder of `dirs` (exhibit folders) that holds `real` (a real path), or undefined:
 * by real paths (a symbolic link to the folder is caught), and each folder above `real`
 * by device and inode, for the same folder by a path no link shows: a bind mount of an
 * exhibit folder (`mount --bind exhibits/E01 elsewhere`: a helper's sweep, session 37,
 * saw render and packet write there, exit 0).
 */
async function protectedFolderHolding(
  real: string,
  dirs: readonly string[],
): Promise<string | undefined> {
  if (dirs.length === 0) return undefined;
  const folders = new Map<string, string>();
  for (const dir of dirs) {
    const realDir = await fs.realpath(dir).catch(() => path.resolve(dir));
    if (isInside(real, realDir)) return dir;
    const st = await statOrUndefined(dir);
    if (st?.isDirectory()) folders.set(`${st.dev}:${st.ino}`, dir);
  }
  for (let dir = path.dirname(real); ; dir = path.dirname(dir)) {
    const st = await statOrUndefined(dir);
    const same = st === undefined ? undefined : folders.get(`${st.dev}:${st.ino}`);
    if (same !== undefined) return same;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Throw UnsafeOutputError when the folder of `target` is no longer the one checked (a
 * folder on its path was swapped for a symbolic link while courtfile worked): the rename
 * would land elsewhere, possibly over an exhibit. Called just before the rename.
 */
export async function assertSameFolder(
  target: string,
  checked: CheckedTarget,
  shown = target,
): Promise<void> {
  const now = await fs.realpath(path.dirname(path.resolve(target))).catch(() => undefined);
  if (now !== checked.realDir)
    throw new UnsafeOutputError(
      `refusing to write ${shown}: its folder changed while courtfile worked (it was ${checked.realDir}, it is now ${now ?? 'gone'})`,
    );
}

/** Files a command that works on `dossier` reads: its YAML files and its exhibit files. */
export function dossierReads(dossier: Dossier): ReadFile[] {
  const reads: ReadFile[] = dossier.sources.map((s, i) => ({
    path: s.absPath,
    what: i === 0 ? 'the dossier file' : 'an included file of the dossier',
  }));
  for (const exhibit of dossier.evidence) {
    for (const file of exhibit.files) {
      reads.push({
        path: path.resolve(dossier.rootDir, file.path),
        what: `an exhibit file of ${exhibit.id}`,
      });
    }
  }
  return reads;
}

/**
 * The folders that hold the exhibit files of `dossier` (absolute, each once): the folder
 * each path names; for an exhibit file that is a symbolic link, the folder of the file it
 * leads to (where the evidence really is: an output written there landed beside it); for
 * a missing one, the folder of the file whose path differs from it only in Unicode
 * normalisation (a folder `Pièces` copied from macOS), which verify names as the exhibit
 * (a helper's sweep, session 33, saw `render -o` replace it, exit 0).
 * Not the dossier's own folder when exhibit files sit directly in it (`receipt.pdf`
 * beside `dossier.yaml`): that is the folder the user works in, where outputs are
 * expected; those exhibit files are still protected one by one (dossierReads), and so
 * is every other folder that holds exhibit files, under it or not.
 */
export async function exhibitFolders(dossier: Dossier): Promise<string[]> {
  const dirs = new Set<string>();
  const working = await fs.realpath(dossier.rootDir).catch(() => path.resolve(dossier.rootDir));
  for (const exhibit of dossier.evidence)
    for (const file of exhibit.files) {
      const abs = path.resolve(dossier.rootDir, file.path);
      dirs.add(path.dirname(abs));
      let real: string | undefined;
      try {
        if (lstatSync(abs).isSymbolicLink()) real = realpathSync(abs);
      } catch {
        // Missing or dangling: verify says so; its folder is protected as named, and
        // that of its look-alike.
        const alike = await lookAlikePath(abs, file.path);
        if (alike !== undefined) real = path.resolve(dossier.rootDir, alike);
      }
      if (real !== undefined) dirs.add(path.dirname(real));
    }
  const folders: string[] = [];
  for (const dir of dirs) {
    const realDir = await fs.realpath(dir).catch(() => path.resolve(dir));
    if (realDir !== working) folders.push(dir);
  }
  return folders;
}

/** The files of a template's `extends` chain. */
export function templateReads(template: { readonly files?: readonly string[] }): ReadFile[] {
  return (template.files ?? []).map((p) => ({ path: p, what: 'a template file' }));
}

async function statOrUndefined(p: string): Promise<Stats | undefined> {
  try {
    return await fs.stat(p);
  } catch {
    // Missing, or a dangling symbolic link (resolveOutputPath follows it to the missing file).
    return undefined;
  }
}

function nodeType(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFile()) return 'a regular file';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'a special file';
}

/** No write bit at all (root could still write it), or not writable by this user. */
async function isWritable(p: string, st: Stats): Promise<boolean> {
  if ((st.mode & 0o222) === 0) return false;
  try {
    await fs.access(p, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Why a target that is `same`, a file the command reads, is refused. */
async function readReason(same: ReadFile, target: OutputTarget, resolved: string): Promise<string> {
  const named =
    path.resolve(target.path) === path.resolve(same.path) ||
    resolved === (await fs.realpath(same.path).catch(() => undefined));
  return named
    ? `it is ${same.what}, which this command reads`
    : `it is the same file as ${show(same.path, target.cwd)} (${same.what}), which this command reads`;
}

/**
 * The first of `reads` that is the same file (device and inode) as `st`; or a file of
 * `reads` missing as named whose name on disk differs only in Unicode normalisation (a
 * file copied from macOS, NFD), which verify names as the exhibit: that file. Its folder
 * is protected too (exhibitFolders), but for the dossier's own folder, and a helper's
 * sweep (session 37) saw `render -o` replace such an exhibit beside `dossier.yaml`.
 */
async function sameFileAs(st: Stats, reads: readonly ReadFile[]): Promise<ReadFile | undefined> {
  const stats = await Promise.all(reads.map((r) => statOrUndefined(r.path)));
  const same = (s: Stats | undefined): boolean => s?.dev === st.dev && s.ino === st.ino;
  const found = reads.find((_, i) => same(stats[i]));
  if (found) return found;
  const entries = new Map<string, readonly string[]>();
  for (let i = 0; i < reads.length; i++) {
    const read = reads[i]!;
    const name = path.basename(read.path);
    if (stats[i] !== undefined || !mayHaveLookAlike(name)) continue;
    const dir = path.dirname(read.path);
    let names = entries.get(dir);
    if (names === undefined) {
      names = await fs.readdir(dir).catch(() => []);
      entries.set(dir, names);
    }
    const alike = lookAlikeIn(names, name);
    if (alike === undefined) continue;
    const there = path.join(dir, alike);
    if (same(await statOrUndefined(there)))
      return {
        path: there,
        what: `${read.what} (listed under a name that differs only in Unicode normalisation)`,
      };
  }
  return undefined;
}

/**
 * The first of `reads` whose real path is `real` (that of an output not yet written)
 * without regard to case or Unicode normalisation, as a file system that ignores either
 * would take them; `missing` when nothing is there. A helper's sweep (session 42): an
 * exhibit missing from the dossier's own folder (not an exhibit folder, see
 * exhibitFolders) was replaced by a PDF, which verify then called tampered rather than
 * missing; and an output named as an exhibit there but in NFD made a second file of the
 * same visible name, one for the other once copied to macOS.
 */
async function readNamedLike(
  real: string,
  reads: readonly ReadFile[],
): Promise<{ read: ReadFile; missing: boolean } | undefined> {
  const key = (p: string): string => p.normalize('NFC').toLowerCase();
  const wanted = key(real);
  const name = key(path.basename(real));
  for (const read of reads) {
    // Only a read of the same name (so spelled) is looked at further.
    if (key(path.basename(read.path)) !== name) continue;
    if (key(path.resolve(read.path)) !== wanted && key(await realTarget(read.path)) !== wanted)
      continue;
    return { read, missing: (await statOrUndefined(read.path)) === undefined };
  }
  return undefined;
}

/**
 * Where `p` really is: the real path of its nearest existing ancestor folder, joined
 * with the rest (a target that exists is resolved whole).
 */
async function realTarget(p: string): Promise<string> {
  const abs = path.resolve(p);
  const whole = await fs.realpath(abs).catch(() => undefined);
  if (whole) return whole;
  const rest: string[] = [];
  let dir = abs;
  for (;;) {
    rest.unshift(path.basename(dir));
    const parent = path.dirname(dir);
    const real = await fs.realpath(parent).catch(() => undefined);
    if (real) return path.join(real, ...rest);
    if (parent === dir) return abs;
    dir = parent;
  }
}

function isInside(p: string, dir: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

function show(p: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}
