import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Finding } from '../diagnostics/diagnostic.js';
import { message } from '../diagnostics/messages.js';
import { InterruptedError, ToolError, describeSystemError } from '../errors.js';
import { monotonicMs } from '../interrupt.js';
import type { Dossier } from '../model/dossier.js';
import { exhibitFindings } from './exhibit-findings.js';
import { findUnlisted } from './find-unlisted.js';
import { HashThreadPool } from './hash-threads.js';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY, THREAD_MIN_BYTES } from './limits.js';
import type { HashContext, Measure } from './measure-file.js';
import { measureFile } from './measure-file.js';
import type { Resolution } from './resolve-exhibit-path.js';
import { resolveExhibitPath } from './resolve-exhibit-path.js';
import { runPool } from './run-pool.js';
import { append } from '../append.js';

/** Size of each of the two read buffers of a worker (main thread, files below THREAD_MIN_BYTES). */
export const CHUNK_BYTES = 1024 * 1024;
/** Size of the read buffer of a hashing thread (see hash-threads.ts for why it is small). */
export const THREAD_CHUNK_BYTES = 128 * 1024;
/** Path resolution (realpath, lstat) is metadata only: more of it may run at once. */
const RESOLVE_CONCURRENCY = 16;

export interface VerifyOptions {
  /**
   * Files checked and hashed at the same time (default DEFAULT_CONCURRENCY, at most
   * MAX_CONCURRENCY); files of THREAD_MIN_BYTES or more are hashed on min(concurrency,
   * available CPUs) worker threads.
   */
  readonly concurrency?: number;
  /** Also warn about files under the exhibit folders that no exhibit lists. */
  readonly unlisted?: boolean;
  /** Called as bytes are hashed; `totalBytes` is the size of all regular files to hash. */
  readonly onProgress?: (doneBytes: number, totalBytes: number) => void;
  /** Aborting makes verifyExhibits reject with InterruptedError. */
  readonly signal?: AbortSignal;
  /** @internal Test hook: runs after a file's last read, before it is checked for changes. */
  readonly beforeFinish?: (absPath: string) => Promise<void>;
  /**
   * @internal Hashing threads (default: min(concurrency, available cores); 0: hash
   * everything on the main thread) and the size from which a file goes to one (default
   * THREAD_MIN_BYTES).
   */
  readonly hashThreads?: number;
  readonly threadMinBytes?: number;
}

export interface VerifyResult {
  /** In index order (exhibit, then file entry), then `unlisted-file` warnings by path. */
  readonly findings: Finding[];
  /** File entries checked (an entry listed twice counts twice). */
  readonly files: number;
  /** Bytes read and hashed (a file listed twice is hashed once). */
  readonly bytes: number;
  readonly elapsedMs: number;
  /** File entries with no error (warnings allowed). */
  readonly ok: number;
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new InterruptedError('verification interrupted');
}

/**
 * Check every `files` entry of every exhibit against the disk: inside the dossier root
 * (symbolic links followed), a regular file, declared size, SHA-256, unchanged while read.
 * Problems are findings; throws ToolError only when the dossier root itself is unusable,
 * InterruptedError when `signal` aborts.
 */
export async function verifyExhibits(
  dossier: Dossier,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const started = monotonicMs();
  const { signal } = options;
  const concurrency = Math.min(
    MAX_CONCURRENCY,
    Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY)),
  );
  checkAborted(signal);
  let rootReal: string;
  try {
    rootReal = await fs.realpath(dossier.rootDir);
  } catch (err) {
    throw new ToolError(
      `cannot read the dossier folder ${dossier.rootDir}: ${describeSystemError(err)}`,
    );
  }

  const entries = dossier.evidence.flatMap((exhibit) => exhibit.files);
  const resolutions = await runPool(entries.length, RESOLVE_CONCURRENCY, async (i) => {
    checkAborted(signal);
    const written = (entries[i] as (typeof entries)[number]).path;
    return resolveExhibitPath(dossier.rootDir, rootReal, written, options.unlisted === true);
  });

  const targets = uniqueTargets(resolutions);
  const { measures, bytes } = await hashTargets(targets, rootReal, concurrency, options);
  const byPath = new Map(targets.map((t, i) => [t.realPath, measures[i]] as const));

  const findings: Finding[] = [];
  let ok = 0;
  entries.forEach((entry, i) => {
    const resolution = resolutions[i] as Resolution;
    const measure = resolution.kind === 'found' ? byPath.get(resolution.realPath) : undefined;
    const own = exhibitFindings(entry, resolution, measure);
    if (!own.some((f) => f.severity === 'error')) ok++;
    append(findings, own);
  });
  if (options.unlisted)
    append(findings, await unlistedFindings(dossier, rootReal, resolutions, signal));
  checkAborted(signal);
  return {
    findings,
    files: entries.length,
    bytes,
    elapsedMs: monotonicMs() - started,
    ok,
  };
}

type Target = {
  readonly realPath: string;
  readonly stats: Extract<Resolution, { kind: 'found' }>['stats'];
};

/** One target per real path (a file listed twice is hashed once), largest first to balance workers. */
function uniqueTargets(resolutions: readonly Resolution[]): Target[] {
  const byPath = new Map<string, Target>();
  for (const r of resolutions) {
    if (r.kind === 'found' && !byPath.has(r.realPath))
      byPath.set(r.realPath, { realPath: r.realPath, stats: r.stats });
  }
  return [...byPath.values()].sort((a, b) =>
    a.stats.size < b.stats.size ? 1 : a.stats.size > b.stats.size ? -1 : 0,
  );
}

/**
 * How many hashing threads: one per file hashed at once, at most one per core. Even a
 * single thread pays: it reads synchronously in small chunks, which costs a third of the
 * system time of the main thread's asynchronous reads (docs/verify.md).
 */
export function hashThreadCount(concurrency: number, cores = os.availableParallelism()): number {
  return Math.max(1, Math.min(concurrency, cores));
}

/**
 * Hash the targets, `concurrency` at a time; each worker owns two reusable read buffers
 * (allocated on first use). Files of THREAD_MIN_BYTES or more are read and hashed on the
 * thread pool, started only if there is such a file and terminated before returning.
 * Returns the measures in target order and the bytes read.
 */
async function hashTargets(
  targets: readonly Target[],
  rootReal: string,
  concurrency: number,
  options: VerifyOptions,
): Promise<{ measures: Measure[]; bytes: number }> {
  const { signal, onProgress, beforeFinish } = options;
  const totalBytes = targets.reduce(
    (sum, t) => sum + (t.stats.isFile() ? Number(t.stats.size) : 0),
    0,
  );
  const threadMinBytes = options.threadMinBytes ?? THREAD_MIN_BYTES;
  const threadCount = options.hashThreads ?? hashThreadCount(concurrency);
  const threads =
    threadCount > 0 && targets.some((t) => t.stats.isFile() && t.stats.size >= threadMinBytes)
      ? new HashThreadPool(threadCount, THREAD_CHUNK_BYTES, signal ? { signal } : {})
      : undefined;
  let bytes = 0;
  onProgress?.(bytes, totalBytes);
  const contexts: HashContext[] = [];
  const contextFor = (slot: number): HashContext =>
    (contexts[slot] ??= {
      rootReal,
      buffers: [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)],
      ...(threads ? { threads, threadMinBytes } : {}),
      ...(signal ? { signal } : {}),
      ...(beforeFinish ? { beforeFinish } : {}),
      onBytes: (n) => {
        bytes += n;
        onProgress?.(bytes, totalBytes);
      },
    });
  try {
    const measures = await runPool(targets.length, concurrency, async (i, slot) => {
      checkAborted(signal);
      const target = targets[i] as Target;
      return measureFile(target.realPath, target.stats, contextFor(slot));
    });
    return { measures, bytes };
  } finally {
    // runPool settles every running task first: no thread is reading any more.
    await threads?.close();
  }
}

/**
 * `--unlisted`: files below the folders the index uses that no entry lists. They point at
 * the `evidence` key of the file that holds the first exhibit.
 */
async function unlistedFindings(
  dossier: Dossier,
  rootReal: string,
  resolutions: readonly Resolution[],
  signal: AbortSignal | undefined,
): Promise<Finding[]> {
  const first = dossier.evidence[0];
  if (first === undefined) return [];
  const listed = new Set<string>();
  const folders: string[] = [];
  dossier.evidence
    .flatMap((e) => e.files)
    .forEach((entry, i) => {
      listed.add(path.resolve(rootReal, entry.path));
      const r = resolutions[i];
      if (r?.kind === 'found') listed.add(r.realPath);
      // (An entry that leads out: the folder holding the link, when there is one.)
      if (r !== undefined && r.kind !== 'unreadable' && r.folders) append(folders, r.folders);
    });
  const ignored = new Set<string>();
  for (const source of dossier.sources) {
    ignored.add(source.absPath);
    ignored.add(await fs.realpath(source.absPath).catch(() => source.absPath));
  }
  const unlisted = await findUnlisted({
    rootReal,
    folders,
    listed,
    ignored,
    ...(signal ? { signal } : {}),
  });
  return unlisted.map((p) => ({
    code: 'unlisted-file',
    severity: 'warning',
    file: first.origin.file,
    path: ['evidence'],
    anchor: 'key',
    message: message('unlisted-file', { path: p }),
  }));
}
