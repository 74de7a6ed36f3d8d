import { writeSync } from 'node:fs';

/** Size of the batches handed on: large enough for few system calls, small enough to not matter. */
const BATCH_BYTES = 256 * 1024;

/**
 * Collects the many small chunks a PDF writer emits into fixed-size batches and hands each
 * full batch to `flushBatch` (synchronously, as the chunks come), so that a streamed
 * document keeps at most one batch in memory. The batch passed is reused afterwards:
 * `flushBatch` must write or copy it before returning.
 */
export class ChunkBatcher {
  private readonly batch = Buffer.allocUnsafe(BATCH_BYTES);
  private used = 0;
  /** Bytes received so far. */
  size = 0;

  constructor(private readonly flushBatch: (bytes: Uint8Array) => void) {}

  write(chunk: Uint8Array): void {
    this.size += chunk.length;
    let from = 0;
    while (from < chunk.length) {
      const n = Math.min(chunk.length - from, BATCH_BYTES - this.used);
      this.batch.set(chunk.subarray(from, from + n), this.used);
      this.used += n;
      from += n;
      if (this.used === BATCH_BYTES) this.flush();
    }
  }

  /** Hand on what is batched (call once at the end). */
  flush(): void {
    if (this.used === 0) return;
    const full = this.batch.subarray(0, this.used);
    this.used = 0;
    this.flushBatch(full);
  }
}

/** A batcher writing to the open file descriptor `fd` (a temporary output file). */
export function fileBatcher(fd: number): ChunkBatcher {
  return new ChunkBatcher((bytes) => {
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
  });
}

/** A batcher writing copies of its batches to a stream (standard output). */
export function streamBatcher(stream: { write(chunk: Uint8Array): unknown }): ChunkBatcher {
  return new ChunkBatcher((bytes) => {
    stream.write(Buffer.from(bytes));
  });
}
