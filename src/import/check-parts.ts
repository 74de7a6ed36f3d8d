import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { countDiagnostics } from '../diagnostics/diagnostic.js';
import { ToolError, describeSystemError } from '../errors.js';
import { temporarySibling } from '../output/atomic-write.js';
import { registerTemp, unregisterTemp } from '../output/temp-registry.js';
import { checkDossier } from '../validate/check-dossier.js';

/**
 * The check of a large OUT with the dossier, in parts (docs/import.md, "Limits"), run
 * while OUT is still being read: each part is handed over as soon as the body file holds
 * it, and checked on a second thread (node:worker_threads) while the main thread goes on
 * reading the export; the main thread then waits for the parts left (its checking them
 * too cost more memory than the time it saved: see finish). Either thread runs the same function,
 * checkPart: `checkDossier` (the code of `courtfile validate`) on the dossier with, in
 * OUT's place, a file holding OUT's header, one part's records and the new accounts made
 * while it was filled (each account is in one part only), the accounts OUT holds in other
 * parts given by their ids alone (`accountsElsewhere`: references to them resolve, as in
 * OUT whole). The diagnostics come back per part and are merged in part order at the end,
 * where they are moved to their place in OUT: the same diagnostics, in the same order,
 * whichever thread checked which part, and whenever.
 *
 * When no thread can be started (or one fails), the main thread checks every part left
 * itself, after the reading, one after the other.
 */

/** One part of OUT's body, as checkInParts needs it. */
export interface BodyPart {
  /** Byte offset of the part in the body file, and its length. */
  start: number;
  bytes: number;
  /** Lines of the body before the part, and the part's own. */
  line: number;
  lines: number;
  /** Records of the body before the part (the index of its first record), and its own. */
  index: number;
  records: number;
}

/** What a thread needs to check one part: all of it plain data (sent to a worker). */
export interface PartJob {
  readonly dossier: string;
  readonly cwd: string;
  /** OUT (absolute) and its display name in the dossier. */
  readonly target: string;
  readonly name: string;
  /** The temporary file the part is written to (one per thread). */
  readonly partPath: string;
  /** The body file, and the part's byte range in it. */
  readonly bodyPath: string;
  readonly start: number;
  readonly bytes: number;
  /** Lines before the first record (comment lines and the list's key). */
  readonly header: string;
  /** The `accounts:` list of the new accounts made while the part was filled. */
  readonly accounts: string;
}

export interface PartResult {
  readonly diagnostics: readonly Diagnostic[];
  readonly files: readonly string[];
}

/**
 * Check one part: header + the part's records + its accounts in OUT's place, `checkDossier`.
 * `elsewhere`: ids of the new accounts OUT holds (at least those made before the part; any
 * made since are in OUT too), which the part's records may name without holding them.
 */
export async function checkPart(job: PartJob, elsewhere: ReadonlySet<string>): Promise<PartResult> {
  await fs.rm(job.partPath, { force: true });
  await writePart(job);
  try {
    const check = await checkDossier(job.dossier, {
      cwd: job.cwd,
      model: false,
      overlay: { target: job.target, name: job.name, readFrom: job.partPath },
      accountsElsewhere: elsewhere,
    });
    return { diagnostics: check.diagnostics, files: check.files };
  } finally {
    await fs.rm(job.partPath, { force: true });
  }
}

/** header + one part of the body + accounts: a file in OUT's place for checkPart. */
async function writePart(job: PartJob): Promise<void> {
  const out = await fs.open(job.partPath, 'wx', 0o600);
  try {
    await out.write(job.header);
    const body = await fs.open(job.bodyPath, 'r');
    try {
      const buf = Buffer.allocUnsafe(Math.min(job.bytes, 1 << 20));
      let at = job.start;
      const end = job.start + job.bytes;
      while (at < end) {
        const { bytesRead } = await body.read(buf, 0, Math.min(buf.length, end - at), at);
        if (bytesRead === 0) break;
        await out.write(buf.subarray(0, bytesRead));
        at += bytesRead;
      }
    } finally {
      await body.close();
    }
    if (job.accounts) await out.write(job.accounts);
  } catch (err) {
    throw new ToolError(`cannot write ${job.partPath}: ${describeSystemError(err)}`);
  } finally {
    await out.close();
  }
}

export interface PartsCheck {
  readonly diagnostics: readonly Diagnostic[];
  readonly errors: number;
  readonly warnings: number;
  readonly files: readonly string[];
  /** Parts the second thread checked (the others: the main thread). */
  readonly onThread: number;
}

interface Queued {
  /** The part's number. */
  readonly at: number;
  readonly part: BodyPart;
  /** Lines before the part's first record in the file checked. */
  readonly headLines: number;
  readonly header: string;
  /** The new accounts in the file checked (indexes in OUT's list, increasing). */
  readonly named: readonly number[];
}

/** A job for a checking thread (check-thread.ts), with the new accounts' ids it has not been sent yet. */
export interface ThreadJob {
  readonly id: number;
  readonly job: PartJob;
  readonly accounts: readonly string[];
}

type Reply =
  | { readonly id: number; readonly ok: true; readonly result: PartResult }
  | { readonly id: number; readonly ok: false; readonly message: string };

/** Threads checking parts once the reading is done (see finish). */
const END_THREADS = 1;

/** A thread checking parts, one at a time. */
interface Lane {
  readonly worker: Worker;
  /** Its part file. */
  readonly partPath: string;
  /** How many new accounts' ids it was sent (it keeps them: ThreadJob). */
  sent: number;
  /** The end of the part it is checking, if any. */
  busy: Promise<void> | undefined;
  settle: ((reply: Reply | undefined) => void) | undefined;
}

/**
 * The parts of OUT, checked as they are added: `add` each part once the body file holds
 * it (in order), then `finish` for the merged diagnostics; `close` in every case.
 */
export class PartChecks {
  private readonly queue: Queued[] = [];
  private readonly results: (PartResult | undefined)[] = [];
  private readonly parts: Queued[] = [];
  private readonly lanes: Lane[] = [];
  /** Threads wanted: one while the main thread reads, END_THREADS once it waits. */
  private wanted = 1;
  /** No thread (none could be started, or one failed): the main thread checks the parts left. */
  private alone: boolean;
  private onThread = 0;
  private readonly mainPart: string;
  /** The new accounts' ids known to the main thread's checks (see checkPart). */
  private readonly mainKnown = new Set<string>();
  private readonly temps: string[] = [];
  private checked = 0;
  /** The reading is done: progress is about the check. */
  private finishing = false;

  constructor(
    private readonly o: {
      readonly dossier: string;
      readonly cwd: string;
      readonly target: string;
      readonly name: string;
      readonly bodyPath: string;
      /** Check on other threads (default true); false: on the main thread, after the reading. */
      readonly thread?: boolean;
      /** The `accounts:` list of these new accounts (made when the part is checked). */
      readonly accountsOf: (indexes: readonly number[]) => string;
      /** Ids of the new accounts made so far from the `from`-th one on (RecordBuilder.accountIdsFrom). */
      readonly accountIdsFrom: (from: number) => readonly string[];
      readonly say?: (checked: number) => void;
      /** A thread started ahead (EarlyThread.start), used for the first lane. */
      readonly early?: EarlyThread;
    },
  ) {
    this.alone = o.thread === false;
    this.mainPart = this.temp();
  }

  private temp(): string {
    const p = temporarySibling(this.o.target);
    registerTemp(p);
    this.temps.push(p);
    return p;
  }

  /** A part the body file holds whole, the lines before it, the new accounts it names. */
  add(part: BodyPart, header: string, named: readonly number[]): void {
    const queued: Queued = {
      at: this.parts.length,
      part,
      headLines: newlines(header),
      header,
      named,
    };
    this.parts.push(queued);
    this.results.push(undefined);
    this.queue.push(queued);
    this.feed();
  }

  /** Hand the waiting parts to idle threads (starting them as wanted). */
  private feed(): void {
    while (!this.alone && this.queue.length > 0) {
      let lane = this.lanes.find((l) => l.busy === undefined);
      if (!lane) {
        if (this.lanes.length >= this.wanted) return;
        try {
          lane = this.startLane();
        } catch {
          this.alone = true;
          return;
        }
      }
      this.dispatch(lane, this.queue.shift()!);
    }
  }

  private startLane(): Lane {
    const lane: Lane = {
      worker: this.o.early?.take() ?? startThread(),
      partPath: this.temp(),
      sent: 0,
      busy: undefined,
      settle: undefined,
    };
    lane.worker.on('message', (reply: Reply) => lane.settle?.(reply));
    lane.worker.on('error', () => lane.settle?.(undefined));
    lane.worker.on('exit', () => lane.settle?.(undefined));
    this.lanes.push(lane);
    return lane;
  }

  private dispatch(lane: Lane, next: Queued): void {
    lane.busy = new Promise<void>((resolve) => {
      lane.settle = (reply) => {
        lane.settle = undefined;
        lane.busy = undefined;
        if (reply && reply.id === next.at && reply.ok) {
          this.results[next.at] = reply.result;
          this.onThread++;
          this.checked += next.part.records;
          if (this.finishing) this.o.say?.(this.checked);
        } else {
          // A thread failed: this part and all others left are the main thread's.
          this.alone = true;
          this.queue.unshift(next);
          void lane.worker.terminate();
        }
        resolve();
        this.feed();
      };
    });
    // The ids of the accounts made so far (those made before the part at least), each
    // sent once to a thread, which keeps them.
    const accounts = this.o.accountIdsFrom(lane.sent);
    lane.sent += accounts.length;
    const message: ThreadJob = { id: next.at, job: this.job(next, lane.partPath), accounts };
    lane.worker.postMessage(message);
  }

  private job(q: Queued, partPath: string): PartJob {
    return {
      dossier: this.o.dossier,
      cwd: this.o.cwd,
      target: this.o.target,
      name: this.o.name,
      partPath,
      bodyPath: this.o.bodyPath,
      start: q.part.start,
      bytes: q.part.bytes,
      header: q.header,
      accounts: this.o.accountsOf(q.named),
    };
  }

  /** Wait for every part (checked on this thread when no other can), then merge. */
  async finish(m: {
    /** Lines before the first record in OUT. */
    readonly headLines: number;
    /** OUT's records' lines in all. */
    readonly bodyLines: number;
    /** Line of each new account's item in OUT's accounts list (RecordBuilder.accountLineStarts). */
    readonly accountLines: readonly number[];
    /** The list key (`transfers`, `exchanges`). */
    readonly list: string;
    /** Files of the dossier without OUT. */
    readonly baseFiles: readonly string[];
  }): Promise<PartsCheck> {
    this.finishing = true;
    this.o.say?.(this.checked);
    // The main thread now waits for the thread: checking on it too (or on a second
    // thread) while the thread checks made a third heap grow, to 310-337 MB of peak RSS
    // at 1M rows (bench/LIMITS.md).
    this.wanted = END_THREADS;
    this.feed();
    for (;;) {
      const next = this.alone ? this.queue.shift() : undefined;
      if (next) {
        for (const id of this.o.accountIdsFrom(this.mainKnown.size)) this.mainKnown.add(id);
        this.results[next.at] = await checkPart(this.job(next, this.mainPart), this.mainKnown);
        this.checked += next.part.records;
        this.o.say?.(this.checked);
        continue;
      }
      const busy = this.lanes.flatMap((l) => (l.busy ? [l.busy] : []));
      if (busy.length > 0) {
        await Promise.race(busy);
        continue;
      }
      if (this.queue.length === 0) break;
      // Parts left and no thread at work: none could be given one.
      this.alone = true;
    }
    const seen = new Set<string>();
    const diagnostics: Diagnostic[] = [];
    let files: readonly string[] = [];
    const key = (d: Diagnostic): string =>
      `${d.file}\u0000${d.line}\u0000${d.column}\u0000${d.code}\u0000${d.message}`;
    // A reference from another file to a record of OUT (an account an import made, that
    // a later import reused) names a record that only some parts have: it is unknown in
    // the check of the others. It is unknown in OUT as a whole only when every part says so.
    const outside = (d: Diagnostic, outName: string | undefined): boolean =>
      d.code === 'unknown-reference' && d.file !== outName;
    /** OUT's name in each part's check (the one file that is not the dossier's). */
    const outNames = this.parts.map((_, i) =>
      this.results[i]!.files.find((f) => !m.baseFiles.includes(f)),
    );
    const unknownIn = new Map<string, number>();
    this.parts.forEach((_, i) => {
      const once = new Set<string>();
      for (const d of this.results[i]!.diagnostics) if (outside(d, outNames[i])) once.add(key(d));
      for (const k of once) unknownIn.set(k, (unknownIn.get(k) ?? 0) + 1);
    });
    this.parts.forEach(({ part, headLines, named }, i) => {
      const check = this.results[i]!;
      files = check.files;
      const outName = outNames[i];
      /** Line of each of the part's accounts in its own list, then the total. */
      let own: number[] | undefined;
      for (const d of check.diagnostics) {
        if (outside(d, outName) && unknownIn.get(key(d)) !== this.parts.length) continue;
        let moved = d;
        if (d.file === outName) {
          // Header lines (the part's header may be shorter than OUT's), the part's records,
          // then the accounts, which follow all of OUT's records.
          const accounts = d.line - headLines - part.lines - 1; // 0: the `accounts:` line
          let line: number;
          let path = d.path;
          if (d.line <= headLines) line = d.line - headLines + m.headLines;
          else if (accounts < 0) {
            line = d.line - headLines + m.headLines + part.line;
            if (d.path[0] === m.list && typeof d.path[1] === 'number')
              path = [d.path[0], d.path[1] + part.index, ...d.path.slice(2)];
          } else if (accounts === 0) line = m.headLines + m.bodyLines + 1;
          else {
            // The account's item in the part's list -> the same item in OUT's.
            own ??= ownLines(named, m.accountLines);
            const j = itemAt(own, accounts - 1);
            const k = named[j]!;
            line = m.headLines + m.bodyLines + 1 + m.accountLines[k]! + (accounts - own[j]!);
            if (d.path[0] === 'accounts' && d.path[1] === j)
              path = ['accounts', k, ...d.path.slice(2)];
          }
          moved = { ...d, line, path };
        }
        const k = key(moved);
        if (seen.has(k)) continue;
        seen.add(k);
        diagnostics.push(moved);
      }
    });
    return { diagnostics, ...countDiagnostics(diagnostics), files, onThread: this.onThread };
  }

  /** Stop the threads and remove the part files (whether or not finish was called). */
  async close(): Promise<void> {
    this.alone = true;
    this.queue.length = 0;
    const lanes = this.lanes.splice(0);
    await Promise.all(lanes.map((l) => l.worker.terminate()));
    for (const p of this.temps) {
      await fs.rm(p, { force: true }).catch(() => undefined);
      unregisterTemp(p);
    }
  }
}

/**
 * A checking thread started before OUT has a part to check, so that it loads its code
 * while the main thread checks the dossier, hashes SOURCE and reads the first records
 * (about 0.3 s at the start of a large import, otherwise spent after the first part is
 * ready). It is the PartChecks' once taken; until then, `end` stops it.
 */
export class EarlyThread {
  private worker: Worker | undefined;
  private ended = false;

  /** `undefined` when no thread can be started (the parts are then checked as without one). */
  static start(): EarlyThread | undefined {
    try {
      return new EarlyThread(startThread());
    } catch {
      return undefined;
    }
  }

  private constructor(worker: Worker) {
    this.worker = worker;
    // A thread that fails before it is taken is not used (its lane would wait for a
    // reply that never comes): `take` then gives nothing and a new one is started.
    worker.on('error', () => undefined);
    worker.once('exit', () => (this.ended = true));
  }

  /** The thread, if it is still running; it is then the caller's to stop. */
  take(): Worker | undefined {
    const worker = this.worker;
    this.worker = undefined;
    if (worker === undefined || this.ended) return undefined;
    return worker;
  }

  /** Stop the thread if it was not taken. */
  async end(): Promise<void> {
    const worker = this.take();
    if (worker) await worker.terminate();
  }
}

/** Lines before each of these accounts' items in a list of them alone, then the total. */
function ownLines(named: readonly number[], lines: readonly number[]): number[] {
  const own = [0];
  for (const k of named) own.push(own[own.length - 1]! + lines[k + 1]! - lines[k]!);
  return own;
}

/** The item whose lines hold line `at` (0 the first item's first line) of a list. */
function itemAt(own: readonly number[], at: number): number {
  let lo = 0;
  let hi = own.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (own[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export const newlines = (s: string): number => {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
};

/*
 * The thread runs check-thread.js, beside this module in dist/. From the TypeScript
 * sources (the tests run them through vitest), there is no .js file to run: the thread
 * then registers a module hook that compiles the sources' .ts files with TypeScript's
 * transpileModule (a development dependency) and runs check-thread.ts.
 */
function startThread(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts'))
    return new Worker(new URL('./check-thread.js', here), {
      resourceLimits: {
        maxYoungGenerationSizeMb: THREAD_YOUNG_MB,
        maxOldGenerationSizeMb: THREAD_OLD_MB,
      },
    });
  return new Worker(TS_BOOT, {
    eval: true,
    workerData: {
      entry: new URL('./check-thread.ts', here).href,
      hooks: `data:text/javascript,${encodeURIComponent(TS_HOOKS)}`,
      typescript: createRequire(here).resolve('typescript'),
    },
  });
}

/**
 * Young generation of the checking thread, in MB: its garbage collector's slack is what a
 * second heap adds to the peak RSS (V8's default here, about 48 MB, made a 100,000-row
 * import peak at 300-320 MB instead of 255-275 MB; see bench/LIMITS.md). At 4 MB the
 * thread spent about a fifth of its time collecting; 16 MB, with parts of 4 MiB instead
 * of 2, took 10-16 % off the import's time for 20-35 MB more peak RSS (1,000,000 rows:
 * 272-280 MB, under the 300 MB target).
 */
const THREAD_YOUNG_MB = 16;

/**
 * Old generation of the checking thread, in MB: without a cap its heap grew to 40-83 MB
 * a part (the garbage collector waits), which took the 1 GiB Skype import to 287-296 MB
 * of peak RSS; with it, 236 MB, for some more garbage-collection time on the thread. A
 * part that needs more (a large dossier is loaded again with each part) stops the thread
 * (ERR_WORKER_OUT_OF_MEMORY): the main thread then checks that part and the rest itself.
 */
const THREAD_OLD_MB = 64;

const TS_BOOT = String.raw`'use strict';
const { workerData } = process.getBuiltinModule('node:worker_threads');
const { register } = process.getBuiltinModule('node:module');
register(workerData.hooks, { data: { typescript: workerData.typescript } });
import(workerData.entry);
`;

const TS_HOOKS = String.raw`
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
let ts;
export function initialize(data) {
  ts = createRequire(data.typescript)(data.typescript);
}
export async function resolve(specifier, context, next) {
  if (context.parentURL && context.parentURL.endsWith('.ts') && /^\.\.?\//.test(specifier) && specifier.endsWith('.js')) {
    const url = new URL(specifier.slice(0, -3) + '.ts', context.parentURL);
    if (existsSync(fileURLToPath(url))) return { url: url.href, format: 'module', shortCircuit: true };
  }
  return next(specifier, context);
}
export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const file = fileURLToPath(url);
  const out = ts.transpileModule(readFileSync(file, 'utf8'), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
  });
  return { format: 'module', source: out.outputText, shortCircuit: true };
}
`;
