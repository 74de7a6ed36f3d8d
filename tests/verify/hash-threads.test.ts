import { execFile, execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InterruptedError } from '../../src/errors.js';
import type { FileHasher } from '../../src/verify/hash-threads.js';
import { HashThreadPool } from '../../src/verify/hash-threads.js';
import type { HashContext } from '../../src/verify/measure-file.js';
import { measureFile } from '../../src/verify/measure-file.js';
import { hashThreadCount, verifyExhibits } from '../../src/verify/verify-exhibits.js';
import { codesAt, dossierWith, makeTempDir, sha256, writeExhibitFile } from './support/fixture.js';
import { transpileClosure } from './support/transpile-sources.mjs';

// Reading and hashing on worker threads (hash-threads.ts): same results as the main
// thread, progress, interruption, errors, and no thread left running afterwards.
const here = path.dirname(fileURLToPath(import.meta.url));
const src = path.resolve(here, '../../src');
const KIB = 1024;

let root: string;
const pools: HashThreadPool[] = [];
beforeEach(async () => {
  root = await makeTempDir();
});
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
  await fs.rm(root, { recursive: true, force: true });
});

/** A pool with small chunks, so that small test files take many reads. */
function pool(size: number, signal?: AbortSignal, chunkBytes = 4 * KIB): HashThreadPool {
  const p = new HashThreadPool(size, chunkBytes, signal ? { signal } : {});
  pools.push(p);
  return p;
}

async function openFile(rel: string, content: string | Uint8Array) {
  await writeExhibitFile(root, rel, content);
  return fs.open(path.join(root, rel), 'r');
}

/** A sparse file of `bytes` zero bytes: instant to create, slow enough to hash in 4 KiB reads. */
async function sparse(rel: string, bytes: number): Promise<string> {
  const abs = path.join(root, rel);
  const h = await fs.open(abs, 'w');
  await h.truncate(bytes);
  await h.close();
  return abs;
}

describe('HashThreadPool', () => {
  it('hashes an open descriptor in chunks, reports every byte, and leaves it open', async () => {
    const content = Buffer.alloc(50 * KIB + 7, 'q');
    const handle = await openFile('a.bin', content);
    let seen = 0;
    const result = await pool(2).hash({
      fd: handle.fd,
      size: content.length,
      onBytes: (n) => (seen += n),
    });
    expect(result).toEqual({ bytes: content.length, sha256: sha256(content) });
    expect(seen).toBe(content.length);
    expect((await handle.stat()).size).toBe(content.length); // still open
    await handle.close();
  });

  it('hashes an empty file without reading', async () => {
    const handle = await openFile('empty.bin', '');
    expect(await pool(1).hash({ fd: handle.fd, size: 0, onBytes: () => undefined })).toEqual({
      bytes: 0,
      sha256: sha256(''),
    });
    await handle.close();
  });

  it('runs up to its size of threads, started on demand, and queues the other jobs', async () => {
    const p = pool(2);
    expect(p.threadCount).toBe(0);
    const contents = [0, 1, 2, 3, 4].map((i) => Buffer.alloc(20 * KIB + i, i));
    const handles = await Promise.all(contents.map((c, i) => openFile(`f${i}.bin`, c)));
    const results = await Promise.all(
      handles.map((h, i) =>
        p.hash({ fd: h.fd, size: (contents[i] as Buffer).length, onBytes: () => undefined }),
      ),
    );
    expect(results.map((r) => r?.sha256)).toEqual(contents.map((c) => sha256(c)));
    expect(p.threadCount).toBe(2);
    await Promise.all(handles.map((h) => h.close()));
    await p.close();
    expect(p.threadCount).toBe(0);
  });

  it('stops when aborted, answering only once no read is in flight', async () => {
    const abs = await sparse('big.bin', 256 * 1024 * KIB);
    const handle = await fs.open(abs, 'r');
    const controller = new AbortController();
    let seen = 0;
    const run = pool(1, controller.signal).hash({
      fd: handle.fd,
      size: 256 * 1024 * KIB,
      onBytes: (n) => {
        seen += n;
        controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(InterruptedError);
    expect(seen).toBeLessThan(256 * 1024 * KIB);
    await handle.close();
  });

  it('on abort, stops the running job, fails the waiting ones and refuses new ones', async () => {
    const controller = new AbortController();
    const p = pool(1, controller.signal);
    const size = 8 * 1024 * KIB;
    const abs = await sparse('big.bin', size);
    const first = await fs.open(abs, 'r');
    const second = await fs.open(abs, 'r');
    const running = p.hash({ fd: first.fd, size, onBytes: () => undefined });
    const waiting = p.hash({ fd: second.fd, size, onBytes: () => undefined });
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(InterruptedError);
    await expect(running).rejects.toBeInstanceOf(InterruptedError);
    await expect(
      p.hash({ fd: second.fd, size: 1, onBytes: () => undefined }),
    ).rejects.toBeInstanceOf(InterruptedError);
    // The descriptors were left alone: they still read in full.
    const again = new HashThreadPool(1, 4 * KIB);
    pools.push(again);
    expect((await again.hash({ fd: second.fd, size, onBytes: () => undefined }))?.sha256).toBe(
      sha256(Buffer.alloc(size)),
    );
    await Promise.all([first.close(), second.close()]);
  });

  it('turns a read error into an error with its system code', async () => {
    const handle = await fs.open(root, 'r'); // a directory: read() fails with EISDIR
    await expect(
      pool(1).hash({ fd: handle.fd, size: 10, onBytes: () => undefined }),
    ).rejects.toMatchObject({ code: 'EISDIR' });
    await handle.close();
  });

  it('fails a job whose progress callback throws, once the thread has stopped reading', async () => {
    const content = Buffer.alloc(40 * KIB, 1);
    const handle = await openFile('a.bin', content);
    const boom = new Error('boom');
    await expect(
      pool(1).hash({
        fd: handle.fd,
        size: content.length,
        onBytes: () => {
          throw boom;
        },
      }),
    ).rejects.toBe(boom);
    await handle.close();
  });

  it('hands a job back to the caller when its thread stops, taking back its progress', async () => {
    const size = 64 * 1024 * KIB;
    const handle = await fs.open(await sparse('big.bin', size), 'r');
    const p = pool(1);
    let seen = 0;
    let stopping: Promise<void> | undefined;
    const run = p.hash({
      fd: handle.fd,
      size,
      onBytes: (n) => {
        seen += n;
        stopping ??= p.close(); // the thread is terminated in the middle of the job
      },
    });
    expect(await run).toBeUndefined();
    await stopping;
    expect(seen).toBe(0);
    expect(p.threadCount).toBe(0);
    expect(await p.hash({ fd: handle.fd, size, onBytes: () => undefined })).toBeUndefined();
    await handle.close();
  });

  it('keeps no process alive: a script that never closes its pool still exits', async () => {
    const modulePath = await transpileClosure(
      path.join(src, 'verify/hash-threads.ts'),
      path.join(root, 'js'),
      src,
    );
    const script = path.join(root, 'child.mjs');
    await fs.writeFile(
      script,
      [
        `import { open } from 'node:fs/promises';`,
        `const { HashThreadPool } = await import(${JSON.stringify(modulePath)});`,
        `const handle = await open(${JSON.stringify(await sparse('z.bin', 2 * 1024 * KIB))});`,
        `const pool = new HashThreadPool(2, 65536);`,
        `const r = await pool.hash({ fd: handle.fd, size: 2097152, onBytes: () => {} });`,
        `console.log(r.sha256);`,
      ].join('\n'),
    );
    const { stdout } = await promisify(execFile)(process.execPath, [script], { timeout: 20_000 });
    expect(stdout.trim()).toBe(sha256(Buffer.alloc(2 * 1024 * KIB)));
  }, 30_000);
});

describe('hashThreadCount', () => {
  it('is one thread per file hashed at once, at most one per core', () => {
    expect(hashThreadCount(4, 2)).toBe(2);
    expect(hashThreadCount(4, 8)).toBe(4);
    expect(hashThreadCount(64, 16)).toBe(16);
    expect(hashThreadCount(1, 8)).toBe(1);
    expect(hashThreadCount(4, 1)).toBe(1);
  });
});

describe('measureFile and verifyExhibits on threads', () => {
  const ctx = (p: HashThreadPool, onBytes: (n: number) => void = () => undefined): HashContext => ({
    rootReal: root,
    buffers: [Buffer.alloc(1024), Buffer.alloc(1024)],
    threads: p,
    threadMinBytes: 0,
    onBytes,
  });

  it('measureFile hashes on a thread with the same result', async () => {
    const content = Buffer.alloc(30 * KIB, 'z');
    const a = await writeExhibitFile(root, 'a.bin', content);
    const abs = path.join(root, a.path);
    expect(await measureFile(abs, await fs.lstat(abs, { bigint: true }), ctx(pool(1)))).toEqual({
      kind: 'hashed',
      size: content.length,
      sha256: sha256(content),
      links: 1,
    });
  });

  it('measureFile reports a file truncated while a thread hashes it as changed', async () => {
    const abs = path.join(root, 'a.bin');
    await fs.writeFile(abs, Buffer.alloc(64 * KIB, 'z'));
    const measure = await measureFile(
      abs,
      await fs.lstat(abs, { bigint: true }),
      ctx(pool(1), () => void execFileSync('truncate', ['-s', '1500', abs])),
    );
    expect(measure).toEqual({ kind: 'changed' });
  });

  it('measureFile hashes small files itself', async () => {
    const a = await writeExhibitFile(root, 'a.bin', 'small');
    const abs = path.join(root, a.path);
    const p = pool(1);
    const measure = await measureFile(abs, await fs.lstat(abs, { bigint: true }), {
      ...ctx(p),
      threadMinBytes: 1024,
    });
    expect(measure).toMatchObject({ kind: 'hashed', sha256: a.sha256 });
    expect(p.threadCount).toBe(0);
  });

  it('measureFile turns a read error on a thread into unreadable, not a crash', async () => {
    const a = await writeExhibitFile(root, 'a.bin', Buffer.alloc(8 * KIB, 'e'));
    const abs = path.join(root, a.path);
    const dir = await fs.open(root, 'r');
    const p = pool(1);
    // The thread is given a directory's descriptor instead: a real EISDIR from a real thread.
    const failing: FileHasher = { hash: (job) => p.hash({ ...job, fd: dir.fd }) };
    try {
      const measure = await measureFile(abs, await fs.lstat(abs, { bigint: true }), {
        ...ctx(p),
        threads: failing,
      });
      expect(measure).toEqual({ kind: 'unreadable', detail: 'is a directory' });
    } finally {
      await dir.close();
    }
  });

  const threaded = { hashThreads: 2, threadMinBytes: 0 } as const;

  it('verifyExhibits gives the same findings, bytes and progress with threads', async () => {
    const files = [];
    for (let i = 0; i < 6; i++)
      files.push(await writeExhibitFile(root, `f${i}.bin`, Buffer.alloc(100 * KIB * i + 3, i)));
    const wrong = { ...(files[2] as (typeof files)[number]), sha256: sha256('wrong') };
    const dossier = dossierWith(root, [[...files.slice(0, 2), wrong, ...files.slice(3)]]);
    const calls: number[] = [];
    const result = await verifyExhibits(dossier, {
      ...threaded,
      concurrency: 4,
      onProgress: (done) => calls.push(done),
    });
    const plain = await verifyExhibits(dossier, { hashThreads: 0 });
    expect(codesAt(result.findings)).toEqual(['hash-mismatch@evidence.0.files.2']);
    expect(codesAt(plain.findings)).toEqual(codesAt(result.findings));
    expect(result.bytes).toBe(plain.bytes);
    expect(calls.at(-1)).toBe(result.bytes);
  });

  it('verifyExhibits attaches each digest to its own file, with one thread or more files than threads', async () => {
    // Default threshold: files on both sides of THREAD_MIN_BYTES, each with its own bytes,
    // every declared digest wrong, so that each message shows the digest found for its file.
    const sizes = [
      1024 * KIB - 1,
      1024 * KIB,
      1024 * KIB + 1,
      3 * 1024 * KIB,
      10,
      2 * 1024 * KIB,
      0,
    ];
    const files: Awaited<ReturnType<typeof writeExhibitFile>>[] = [];
    for (const [i, size] of sizes.entries())
      files.push(await writeExhibitFile(root, `f${i}.bin`, Buffer.alloc(size, i + 1)));
    const dossier = dossierWith(root, [files.map((f) => ({ ...f, sha256: sha256('wrong') }))]);
    for (const options of [
      { concurrency: 1 },
      { concurrency: 8, hashThreads: 2 },
      { concurrency: 3, hashThreads: 1 },
    ]) {
      const result = await verifyExhibits(dossier, options);
      expect(codesAt(result.findings)).toEqual(
        files.map((_, i) => `hash-mismatch@evidence.0.files.${i}`),
      );
      result.findings.forEach((f, i) =>
        expect(f.message, JSON.stringify(options)).toContain(files[i]?.sha256),
      );
      expect(result.bytes).toBe(sizes.reduce((s, n) => s + n, 0));
    }
  });

  it('verifyExhibits adds one abort listener, however many files wait for a thread', async () => {
    const files = [];
    for (let i = 0; i < 24; i++)
      files.push(await writeExhibitFile(root, `f${i}.bin`, Buffer.alloc(8 * KIB, i)));
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const result = await verifyExhibits(dossierWith(root, [files]), {
        ...threaded,
        concurrency: 24,
        signal: new AbortController().signal,
      });
      expect(result.findings).toEqual([]);
      await new Promise((r) => setTimeout(r, 10)); // warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning');
  });

  it('verifyExhibits notices a file that changes while a thread hashes it', async () => {
    const a = await writeExhibitFile(root, 'a.log', 'line 1\n');
    const result = await verifyExhibits(dossierWith(root, [[a]]), {
      ...threaded,
      beforeFinish: (absPath) => fs.appendFile(absPath, 'line 2\n'),
    });
    expect(codesAt(result.findings)).toEqual(['file-changed@evidence.0.files.0']);
  });

  it('verifyExhibits rejects with InterruptedError when aborted while threads hash', async () => {
    await sparse('big1.bin', 64 * 1024 * KIB);
    await sparse('big2.bin', 64 * 1024 * KIB);
    const zeros = sha256(Buffer.alloc(64 * 1024 * KIB));
    const controller = new AbortController();
    const run = verifyExhibits(
      dossierWith(root, [
        [
          { path: 'big1.bin', sha256: zeros },
          { path: 'big2.bin', sha256: zeros },
        ],
      ]),
      {
        ...threaded,
        signal: controller.signal,
        onProgress: (done) => {
          if (done > 0) controller.abort();
        },
      },
    );
    await expect(run).rejects.toBeInstanceOf(InterruptedError);
  });
});
