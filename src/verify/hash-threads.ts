import { Worker } from 'node:worker_threads';
import { InterruptedError } from '../errors.js';

/**
 * SHA-256 of already opened files on worker threads, so that two files are hashed on two
 * cores at once (crypto's Hash.update is synchronous: on the main thread, one at a time).
 *
 * Only the reading and hashing move to a thread. Everything that decides *which* file is
 * read (resolution inside the root, lstat, the non-blocking open, the fstat and inode
 * checks, the /proc check, the after-read fstat) stays on the main thread in
 * measure-file.ts: a thread receives the number of a descriptor the main thread opened
 * and checked (descriptors are shared by all the threads of a process) and returns the
 * bytes read and the digest. The main thread closes that descriptor only once the thread
 * has answered, so that a number reused by a later open is never read by mistake.
 */

export interface HashJob {
  /** A descriptor opened and checked by the main thread; left open by the thread. */
  readonly fd: number;
  /** The fstat size: reading stops once this many bytes were read (see hashHandle). */
  readonly size: number;
  readonly onBytes: (bytes: number) => void;
}

export interface HashResult {
  readonly bytes: number;
  readonly sha256: string;
}

/** What measureFile needs: hash an open descriptor, or say that no thread is available. */
export interface FileHasher {
  /**
   * Undefined when no thread could do it (none could be started, or the thread stopped
   * during the job, whose progress is then taken back with a negative onBytes): the
   * caller hashes on its own thread.
   */
  hash(job: HashJob): Promise<HashResult | undefined>;
}

/*
 * The thread's code, evaluated as a string (`eval: true`): nothing to resolve on disk, so
 * it runs the same from src/ under vitest and from dist/ in the package. Built-in modules
 * come from process.getBuiltinModule (Node >= 20.16), which works whether the string is
 * run as CommonJS or as a module.
 *
 * Reads are synchronous, in chunks of `chunkBytes` (128 KiB) into one buffer: the thread
 * is there to block. Measured (docs/verify.md), the kernel's copy from the page cache
 * then costs a third of the system time of asynchronous reads, which run on libuv's
 * pool, another core than the hashing (cache locality, most likely). Sequential reads
 * still overlap with hashing through the kernel's read-ahead.
 *
 * Messages in: {id, fd, size}, one job at a time; a job is cancelled by storing its id in
 * the shared `cancel` cell, checked before every read. Out: {id, type: 'progress',
 * bytes} about every `reportBytes`, then one of {id, type: 'done', bytes, sha256},
 * {id, type: 'cancelled'}, {id, type: 'error', code, message}; after that answer, the
 * thread does not touch the descriptor any more.
 */
const THREAD_SOURCE = String.raw`'use strict';
const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
const fs = process.getBuiltinModule('node:fs');
const { createHash } = process.getBuiltinModule('node:crypto');
const buffer = Buffer.allocUnsafeSlow(workerData.chunkBytes);
const cancel = new Int32Array(workerData.cancel);
const reportBytes = workerData.reportBytes;
parentPort.on('message', (job) => {
  let reply;
  try {
    reply = hashFd(job);
  } catch (err) {
    const code = err && typeof err === 'object' && 'code' in err ? String(err.code) : undefined;
    reply = { id: job.id, type: 'error', code, message: String((err && err.message) || err) };
  }
  parentPort.postMessage(reply);
});
function hashFd({ id, fd, size }) {
  const hash = createHash('sha256');
  let position = 0;
  let unreported = 0;
  while (position < size) {
    if (Atomics.load(cancel, 0) === id) return { id, type: 'cancelled' };
    const bytesRead = fs.readSync(fd, buffer, 0, buffer.length, position);
    if (bytesRead === 0) break;
    position += bytesRead;
    hash.update(buffer.subarray(0, bytesRead));
    unreported += bytesRead;
    if (unreported >= reportBytes) {
      parentPort.postMessage({ id, type: 'progress', bytes: unreported });
      unreported = 0;
    }
  }
  if (unreported > 0) parentPort.postMessage({ id, type: 'progress', bytes: unreported });
  return { id, type: 'done', bytes: position, sha256: hash.digest('hex') };
}
`;

/** Bytes between two progress messages of a thread. */
const REPORT_BYTES = 1024 * 1024;

/** The thread stopped (crash or close) during a job: no read of it is in flight any more. */
class ThreadStopped extends Error {
  override readonly name = 'ThreadStopped';
}

type Reply =
  | { readonly id: number; readonly type: 'progress'; readonly bytes: number }
  | { readonly id: number; readonly type: 'done'; readonly bytes: number; readonly sha256: string }
  | { readonly id: number; readonly type: 'cancelled' }
  | {
      readonly id: number;
      readonly type: 'error';
      readonly code: string | undefined;
      readonly message: string;
    };

interface Running {
  readonly id: number;
  readonly onBytes: (bytes: number) => void;
  /** Set when onBytes threw: the job is cancelled and fails with this once the thread answers. */
  failure?: { readonly error: unknown };
  readonly settle: (outcome: { ok: HashResult } | { error: unknown }) => void;
}

/** One worker thread, one job at a time. Unreferenced while idle. */
class HashThread {
  private readonly worker: Worker;
  /** Shared with the thread: the id of the job to stop. */
  private readonly cancelCell = new Int32Array(new SharedArrayBuffer(4));
  private running: Running | undefined;
  private nextId = 0;
  private lastError: unknown;
  /** Set once the thread has exited (crash or terminate): it takes no more jobs. */
  exited = false;

  constructor(chunkBytes: number, onExit: (thread: HashThread) => void) {
    this.worker = new Worker(THREAD_SOURCE, {
      eval: true,
      // Not the parent's flags (test runners' loaders, --input-type): the code needs none.
      execArgv: [],
      workerData: { chunkBytes, reportBytes: REPORT_BYTES, cancel: this.cancelCell.buffer },
    });
    this.worker.unref();
    this.worker.on('message', (reply: Reply) => this.onReply(reply));
    this.worker.on('error', (err) => {
      this.lastError = err;
    });
    // 'exit' comes once the thread is gone: a stopping thread first waits for its file
    // system requests to complete, so no read of it is in flight any more and the caller
    // may use or close the descriptor.
    this.worker.on('exit', (code) => {
      this.exited = true;
      const running = this.running;
      this.running = undefined;
      const cause = this.lastError instanceof Error ? `: ${this.lastError.message}` : '';
      running?.settle({
        error: new ThreadStopped(`the hashing thread stopped (exit code ${code})${cause}`),
      });
      onExit(this);
    });
  }

  run(job: HashJob): Promise<HashResult> {
    if (this.exited) return Promise.reject(new ThreadStopped('the hashing thread stopped'));
    return new Promise<HashResult>((resolve, reject) => {
      const id = ++this.nextId;
      this.running = {
        id,
        onBytes: job.onBytes,
        settle: (outcome) => {
          this.worker.unref();
          if ('ok' in outcome) resolve(outcome.ok);
          else reject(outcome.error);
        },
      };
      this.worker.ref(); // a job in flight keeps the process alive, an idle thread does not
      this.worker.postMessage({ id, fd: job.fd, size: job.size });
    });
  }

  /**
   * Stop the running job, if any: it fails with InterruptedError once the thread has
   * answered (or completes, if it had already finished).
   */
  cancel(): void {
    if (this.running !== undefined) Atomics.store(this.cancelCell, 0, this.running.id);
  }

  private onReply(reply: Reply): void {
    const running = this.running;
    if (running === undefined || reply.id !== running.id) return;
    if (reply.type === 'progress') {
      if (running.failure !== undefined) return;
      try {
        running.onBytes(reply.bytes);
      } catch (error) {
        running.failure = { error };
        Atomics.store(this.cancelCell, 0, running.id);
      }
      return;
    }
    this.running = undefined;
    if (running.failure !== undefined) running.settle(running.failure);
    else if (reply.type === 'done')
      running.settle({ ok: { bytes: reply.bytes, sha256: reply.sha256 } });
    else if (reply.type === 'cancelled')
      running.settle({ error: new InterruptedError('verification interrupted') });
    else
      running.settle({
        error: Object.assign(new Error(reply.message), reply.code ? { code: reply.code } : {}),
      });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

/**
 * Up to `size` threads, started on first use (a run whose files are all small starts
 * none). A job waits for a free thread. When `signal` aborts, running jobs stop and
 * waiting ones fail, with InterruptedError (one listener for the whole pool). `close()`
 * terminates the threads; it is meant to be called once every job has settled
 * (verifyExhibits does, in `finally`).
 */
export class HashThreadPool implements FileHasher {
  private readonly threads = new Set<HashThread>();
  private readonly idle: HashThread[] = [];
  private readonly waiting: {
    readonly grant: (thread: HashThread | undefined) => void;
    readonly fail: (error: unknown) => void;
  }[] = [];
  private unavailable = false;
  private closed = false;
  private readonly signal: AbortSignal | undefined;
  private readonly onAbort = (): void => {
    for (const thread of this.threads) thread.cancel();
    for (const waiter of this.waiting.splice(0))
      waiter.fail(new InterruptedError('verification interrupted'));
  };

  constructor(
    private readonly size: number,
    private readonly chunkBytes: number,
    options: { readonly signal?: AbortSignal } = {},
  ) {
    this.signal = options.signal;
    this.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Threads started so far and still running (for tests). */
  get threadCount(): number {
    return this.threads.size;
  }

  async hash(job: HashJob): Promise<HashResult | undefined> {
    if (this.signal?.aborted) throw new InterruptedError('verification interrupted');
    const thread = await this.acquire();
    if (thread === undefined) return undefined;
    let reported = 0;
    try {
      if (this.signal?.aborted) throw new InterruptedError('verification interrupted');
      return await thread.run({
        ...job,
        onBytes: (n) => {
          reported += n;
          job.onBytes(n);
        },
      });
    } catch (err) {
      if (!(err instanceof ThreadStopped)) throw err;
      // A thread that dies is a fault of ours, not of the file: stop using threads and
      // let the caller hash this file again on its own thread, from the start.
      this.unavailable = true;
      if (reported > 0) job.onBytes(-reported);
      return undefined;
    } finally {
      this.release(thread);
    }
  }

  /** Terminate every thread; later jobs are hashed by the caller. */
  async close(): Promise<void> {
    this.closed = true;
    this.signal?.removeEventListener('abort', this.onAbort);
    for (const waiter of this.waiting.splice(0)) waiter.grant(undefined);
    this.idle.length = 0;
    const threads = [...this.threads];
    this.threads.clear();
    await Promise.all(threads.map((t) => t.terminate()));
  }

  private acquire(): Promise<HashThread | undefined> {
    const ready = this.idle.pop() ?? this.spawn();
    if (ready !== undefined || this.unavailable || this.closed || this.threads.size === 0)
      return Promise.resolve(ready);
    return new Promise<HashThread | undefined>((grant, fail) => {
      this.waiting.push({ grant, fail });
    });
  }

  private release(thread: HashThread): void {
    if (this.closed) return;
    if (this.unavailable || thread.exited) {
      for (const waiter of this.waiting.splice(0)) waiter.grant(undefined);
      return;
    }
    const waiter = this.waiting.shift();
    if (waiter !== undefined) waiter.grant(thread);
    else this.idle.push(thread);
  }

  /** A new thread if fewer than `size` run; undefined otherwise or if threads cannot start. */
  private spawn(): HashThread | undefined {
    if (this.closed || this.unavailable || this.threads.size >= this.size) return undefined;
    try {
      const thread = new HashThread(this.chunkBytes, (t) => {
        this.threads.delete(t);
        const at = this.idle.indexOf(t);
        if (at >= 0) this.idle.splice(at, 1);
      });
      this.threads.add(thread);
      return thread;
    } catch {
      // No worker threads here (resource limits, embedding): hash on the caller's thread.
      this.unavailable = true;
      for (const waiter of this.waiting.splice(0)) waiter.grant(undefined);
      return undefined;
    }
  }
}
