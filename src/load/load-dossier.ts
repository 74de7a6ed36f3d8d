import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic, Finding } from '../diagnostics/diagnostic.js';
import { message, shorten } from '../diagnostics/messages.js';
import { ToolError, loadModule } from '../errors.js';
import type { SourceFile } from '../model/dossier.js';
import { ownText } from '../model/record-table.js';
import { MAX_TEXT_LENGTH, pathFormProblem } from '../schema/scalars.js';
import { NumberLiteral } from './core-scalars.js';
import { LIMITS } from './limits.js';
import { locateFindings } from './locate.js';
import { lookAlikePath } from './look-alike.js';
import { parseFast } from './parse-fast.js';
import type { ListStream } from './parse-plain-blocks.js';
import type { SyntaxProblem } from './prescan.js';
import type { SourceText } from './source-text.js';
import { readSource } from './source-text.js';
import { relativePathProblem } from './relative-path.js';

/** One YAML file of a dossier, read and parsed (value undefined when it could not be parsed). */
export interface LoadedFile {
  readonly source: SourceFile;
  readonly text: SourceText;
  /** Parsed value, or undefined after a syntax error. */
  readonly value: unknown;
  readonly isRoot: boolean;
  /**
   * No value is shared by two places of `value` (it has no alias): its records may be
   * taken over as they are instead of copied.
   */
  readonly unshared?: boolean;
}

/** An included file to read, once its path has been checked: entry `index` of `include`. */
interface IncludeJob {
  readonly name: string;
  readonly absPath: string;
  readonly index: number;
  readonly written: string;
}

/**
 * `courtfile import`: the dossier as it will be once OUT is written. The include whose
 * file is `target` (absolute) is read from `readFrom` instead, or left out when
 * `readFrom` is undefined; when no include names `target`, `readFrom` is added as one
 * more include named `name`.
 */
export interface IncludeOverlay {
  readonly target: string;
  readonly name: string;
  readonly readFrom?: string;
}

export interface LoadedDossier {
  readonly rootDir: string;
  readonly files: readonly LoadedFile[];
  readonly findings: readonly Finding[];
  /** With an overlay: an include of the root names its `target` (OUT is being refreshed). */
  readonly targetIncluded?: boolean;
}

const isMapping = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof NumberLiteral);

function syntaxFinding(file: string, msg: string, offset: number): Finding {
  return {
    code: 'yaml-syntax',
    severity: 'error',
    file,
    path: [],
    anchor: 'value',
    message: message('yaml-syntax', { detail: msg }),
    offset,
  };
}

/**
 * Where an included file's record lists go as the plain-block reader reads them (see
 * ListStream): `abandon` is called when the reader gave up after taking items (the file
 * is then parsed by js-yaml and its lists are in its value), to undo what was done with them.
 */
export interface FileStream extends ListStream {
  abandon(): void;
}

/**
 * Included files up to this size are read ahead, while the file before them is parsed: the
 * wait for each file's bytes (~2-4 ms for 5 MB) is hidden, at the cost of holding one
 * file's bytes early. Larger ones are read when their turn comes.
 */
const READ_AHEAD_BYTES = 16 * 1024 * 1024;

/** Start reading an included file now (see READ_AHEAD_BYTES), or undefined. */
function readAhead(job: IncludeJob): Promise<SourceText> | undefined {
  let size: number;
  try {
    size = statSync(job.absPath).size;
  } catch {
    return undefined; // read in its turn, where what is wrong with it is reported
  }
  if (size > READ_AHEAD_BYTES) return undefined;
  const reading = readSource(job.absPath, job.name);
  // Its failure is reported when its turn comes (awaited then), not as unhandled now.
  reading.catch(() => undefined);
  return reading;
}

/**
 * Read, decode and parse one file (its transfers and exchanges to `stream` as read, when
 * given; its bytes from `reading` when they are being read already). Throws ToolError
 * when it cannot be read; a fault of courtfile propagates.
 */
async function loadFile(
  name: string,
  absPath: string,
  isRoot: boolean,
  findings: Finding[],
  stream?: FileStream,
  reading: Promise<SourceText> = readSource(absPath, name),
): Promise<LoadedFile> {
  const text = await reading;
  // An included file's name is a slice of the including file's text: its own copy, so
  // that the dossier's sources (held as long as the model) do not keep that text alive.
  const source: SourceFile = { name: ownText(name), absPath, sha256: text.sha256 };
  if (text.problem) {
    findings.push(syntaxFinding(name, text.problem.message, text.problem.offset));
    return { source, text, value: undefined, isRoot };
  }
  let parsed: ReturnType<typeof parseFast>;
  try {
    parsed = parseFast(text.text, name, stream ? { stream } : {});
  } catch (err) {
    // A fault of courtfile while records were checked as read: undo them, let it surface.
    stream?.abandon();
    throw err;
  }
  if (stream && !(parsed.ok && parsed.plain === true)) stream.abandon();
  if (!parsed.ok && text.large) {
    // Over 64 MiB (an import's output): the exact parser, which the cap protects, is not run.
    findings.push(syntaxFinding(name, parsed.problem.message, parsed.problem.offset));
    return { source, text, value: undefined, isRoot };
  }
  if (!parsed.ok) {
    for (const p of await syntaxProblems(text.text, parsed.problem))
      findings.push(syntaxFinding(name, p.message, p.offset));
    return { source, text, value: undefined, isRoot };
  }
  return { source, text, value: parsed.value, isRoot, unshared: parsed.plain === true };
}

/**
 * The syntax problems of a YAML text the fast parser refused with `fast` (at most 100): the
 * exact parser places them precisely and reports all of them; its problems are preferred
 * when it finds any (it is only run on broken files). Loaded only now: the `yaml` package
 * is needed only for broken or flagged files.
 */
export async function syntaxProblems(
  text: string,
  fast: SyntaxProblem,
): Promise<readonly SyntaxProblem[]> {
  const { parseExact } = await loadModule(import('./parse-exact.js'));
  const exact = parseExact(text);
  let problems = exact.problems.length > 0 ? withoutEchoes(exact.problems) : [fast];
  // Refused before composing (nesting too deep): the fast parser's first problem, when it
  // is another one, is still reported.
  if (exact.refused && fast.kind !== 'depth' && exact.problems[0]?.kind === 'depth')
    problems = [fast, ...exact.problems].sort((a, b) => a.offset - b.offset);
  return problems.slice(0, 100);
}

/**
 * A small YAML file an import reads beside the dossier (a mapping, a participants file):
 * its parsed value when it has no syntax problem, and its findings so far, to be placed
 * in it (`locate`) like a dossier's.
 */
export async function readYamlFile(
  file: string,
  cwd: string,
): Promise<{
  readonly value?: unknown;
  readonly findings: Finding[];
  readonly locate: (findings: readonly Finding[]) => Promise<Diagnostic[]>;
  /** SHA-256 of the file's bytes, as read. */
  readonly sha256: string;
}> {
  const abs = path.resolve(cwd, file);
  const text = await readSource(abs, file);
  const { sha256 } = text;
  const locate = (findings: readonly Finding[]) =>
    locateFindings(
      findings,
      [{ name: file, absPath: abs, sha256: text.sha256 }],
      new Map([[file, text.text]]),
    );
  if (text.problem)
    return {
      findings: [syntaxFinding(file, text.problem.message, text.problem.offset)],
      locate,
      sha256,
    };
  const parsed = parseFast(text.text, file);
  if (parsed.ok) return { value: parsed.value, findings: [], locate, sha256 };
  const problems = await syntaxProblems(text.text, parsed.problem);
  return {
    findings: problems.map((p) => syntaxFinding(file, p.message, p.offset)),
    locate,
    sha256,
  };
}

/**
 * A key that is a list or a mapping (`[amount]: 45`) is one problem: `yaml` also reports
 * it in its own words at the same place ("Map comment with trailing content").
 */
function withoutEchoes(problems: readonly SyntaxProblem[]): readonly SyntaxProblem[] {
  const keys = new Set(
    problems.filter((p) => p.message.startsWith(KEY_PROBLEM)).map((p) => p.offset),
  );
  if (keys.size === 0) return problems;
  return problems.filter((p) => !keys.has(p.offset) || p.message.startsWith(KEY_PROBLEM));
}
const KEY_PROBLEM = 'a mapping key must be a name';

/** Forward-slash path of `abs` relative to `root`, or undefined when it leaves `root`. */
export function insideRoot(root: string, abs: string): string | undefined {
  const rel = path.relative(root, abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/**
 * Read the root file and the files it includes. User problems become findings; only a
 * root file that cannot be read at all throws (ToolError, exit status 2).
 */
export async function loadDossier(
  rootArg: string,
  cwd: string,
  /** Called before each file is read: the root is file 1 (of 1, until its includes are known). */
  onFile?: (name: string, index: number, total: number) => void,
  overlay?: IncludeOverlay,
  /**
   * Called on each file once the loader is done with it (root first); what it returns is
   * kept instead, e.g. the file without its parsed value once its records are read.
   */
  digest: (file: LoadedFile) => LoadedFile = (file) => file,
  /**
   * A stream for an included file's record lists (see FileStream), or undefined; the
   * root is not streamed (its case block, which the record rules need, is read after it).
   */
  streamFor?: (name: string) => FileStream | undefined,
): Promise<LoadedDossier> {
  const findings: Finding[] = [];
  const rootAbs = path.resolve(cwd, rootArg);
  const rootDir = path.dirname(rootAbs);
  onFile?.(rootArg, 1, 1);
  const root = await loadFile(rootArg, rootAbs, true, findings);
  const written = isMapping(root.value) ? root.value.include : undefined;
  const files: LoadedFile[] = [digest(root)];
  if (!Array.isArray(written) && overlay?.readFrom === undefined)
    return { rootDir, files, findings, targetIncluded: false };
  const includes: unknown[] = Array.isArray(written) ? written : [];

  const realRoot = await fs.realpath(rootDir).catch(() => rootDir);
  const seen = new Map<string, number>([[await fs.realpath(rootAbs).catch(() => rootAbs), -1]]);
  const includeFinding = (i: number, detail: string): void => {
    findings.push({
      code: 'include',
      severity: 'error',
      file: rootArg,
      path: ['include', i],
      anchor: 'value',
      message: message('include', { detail }),
    });
  };
  const jobs: IncludeJob[] = [];
  for (let i = 0; i < includes.length; i++) {
    const written = includes[i];
    // The schema reports these (not a string, empty, "sub/c.yaml/", "sub//c.yaml").
    if (
      typeof written !== 'string' ||
      written === '' ||
      written.length > MAX_TEXT_LENGTH ||
      pathFormProblem(written)
    )
      continue;
    if (i >= LIMITS.maxIncludes) {
      includeFinding(i, `more than ${LIMITS.maxIncludes} includes`);
      break;
    }
    const lexical = relativePathProblem(written);
    if (lexical) {
      includeFinding(i, `include "${shorten(written)}" ${lexical}`);
      continue;
    }
    const abs = path.resolve(rootDir, written);
    let real: string;
    if (overlay && abs === overlay.target) {
      // The import's OUT: read from elsewhere or left out below, so it may not exist yet.
      // Named twice (`out.yaml`, `./out.yaml`) or through an alias, it is a duplicate, as
      // any include is.
      real = await fs.realpath(abs).catch(() => abs);
    } else {
      try {
        real = await fs.realpath(abs);
      } catch {
        const alike = await lookAlikePath(abs, written);
        // Worded as verify words a missing exhibit file (the look-alike's file or folder).
        includeFinding(
          i,
          message('file-missing', { what: 'included file', path: written, lookAlike: alike }),
        );
        continue;
      }
      if (insideRoot(realRoot, real) === undefined) {
        includeFinding(
          i,
          `included file "${shorten(written)}" resolves outside the dossier root (symbolic link?)`,
        );
        continue;
      }
    }
    const previous = seen.get(real);
    if (previous !== undefined) {
      includeFinding(
        i,
        previous < 0
          ? 'a dossier cannot include its own root file'
          : `"${shorten(written)}" is already included`,
      );
      continue;
    }
    seen.set(real, i);
    const name = path.posix.normalize(written.replace(/\\/g, '/'));
    jobs.push({ name, absPath: abs, index: i, written });
  }
  let targetIncluded = false;
  if (overlay) {
    const target = await fs.realpath(overlay.target).catch(() => overlay.target);
    const at = jobs.findIndex(
      (j) =>
        j.absPath === overlay.target || [...seen].some(([r, i]) => i === j.index && r === target),
    );
    if (at >= 0) {
      targetIncluded = true;
      if (overlay.readFrom === undefined) jobs.splice(at, 1);
      else jobs[at] = { ...jobs[at]!, absPath: overlay.readFrom };
    } else if (overlay.readFrom !== undefined) {
      jobs.push({
        name: overlay.name,
        absPath: overlay.readFrom,
        index: includes.length,
        written: overlay.name,
      });
    }
  }
  let ahead = jobs[0] && readAhead(jobs[0]);
  for (const [k, { name, absPath, index, written }] of jobs.entries()) {
    onFile?.(name, k + 2, jobs.length + 1);
    const reading = ahead;
    // The next file's bytes are read on libuv's pool while this one is parsed.
    ahead = jobs[k + 1] && readAhead(jobs[k + 1]!);
    let file: LoadedFile;
    try {
      file = await loadFile(name, absPath, false, findings, streamFor?.(name), reading);
    } catch (err) {
      // An included file that cannot be read is the dossier's problem; anything else is
      // courtfile's own fault (the records of a streamed file are checked as it is read).
      if (!(err instanceof ToolError)) throw err;
      includeFinding(
        index,
        `included file "${shorten(written)}" cannot be read: ${(err as Error).message}`,
      );
      continue;
    }
    if (file.value !== undefined && !isMapping(file.value)) {
      includeFinding(index, `included file "${shorten(written)}" is not a mapping of record lists`);
    } else if (isMapping(file.value) && 'include' in file.value) {
      findings.push({
        code: 'include',
        severity: 'error',
        file: name,
        path: ['include'],
        anchor: 'key',
        message: message('include', {
          detail: 'an included file cannot include other files (only the root file may)',
        }),
      });
    }
    files.push(digest(file));
  }
  return { rootDir, files, findings, targetIncluded };
}
