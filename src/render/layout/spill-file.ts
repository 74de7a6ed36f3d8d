/**
 * An append-only byte store for what the measuring pass keeps for the drawing pass (the
 * table rows' records, see RowStore), so that it does not stay in memory through the
 * drawing pass: at 50k transfers + 25k exchanges the rows took 65-85 MB of array buffers.
 * The first bytes stay in memory; past `threshold` they all go to a temporary file and
 * the rest follows in batches. The file is unlinked as soon as it is opened (POSIX keeps
 * it readable through its descriptor), so no exit, signal or crash leaves it behind; where
 * that is refused it is registered as a temporary and removed by `close` (or on Ctrl-C).
 * Reading goes through a read-ahead window: the drawing pass reads the rows in order.
 * When no file can be created in the folder, everything stays in memory (as before).
 *
 * What goes to the file is the documents' text: names, accounts, and with
 * `--reveal-victims` victims' names. An unlinked file's blocks stay on the disk until they
 * are reused, and TMPDIR may be persistent storage; so the file holds it encrypted
 * (AES-256-CTR, a key drawn for this file and kept in memory only, dropped by `close`):
 * what is left on the disk cannot be read back once the process has ended. CTR mode
 * because the file is read and written at any offset; confidentiality is the aim, not
 * integrity (the file is this process's own, 0600, and has no name).
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ToolError } from '../../errors.js';
import { registerTemp, unregisterTemp } from '../../output/temp-registry.js';

export interface SpillOptions {
  /** Folder of the temporary file (default: the system's, `TMPDIR`). */
  readonly directory?: string;
  /** Bytes kept in memory before the file is created (default 1 MiB; 0: from the first byte). */
  readonly threshold?: number;
}

/** Size of the write batches and of the read-ahead window. */
const BATCH_BYTES = 256 * 1024;
const DEFAULT_THRESHOLD = 1024 * 1024;

export class SpillFile {
  /** Bytes appended so far: the offset of the next append. */
  size = 0;
  /** Before spilling: every byte so far. After: the write batch not yet written. */
  private buffer = new Uint8Array(64 * 1024);
  private used = 0;
  private fd: number | undefined;
  /** The file's name while it exists (only where it could not be unlinked when opened). */
  private name: string | undefined;
  /** No file could be created: stay in memory. */
  private inMemoryOnly = false;
  private window = new Uint8Array(0);
  private windowStart = 0;
  private windowLength = 0;
  /** The file's key and the first half of its counter blocks (drawn when it is created). */
  private key: Buffer | undefined;
  private nonce: Buffer | undefined;

  constructor(private readonly options: SpillOptions = {}) {}

  /** Whether the bytes went to a file. */
  get spilled(): boolean {
    return this.fd !== undefined;
  }

  /** Append a copy of `bytes`; returns their offset. */
  append(bytes: Uint8Array): number {
    const offset = this.size;
    if (this.fd === undefined) {
      this.ensureRoom(bytes.length);
      this.buffer.set(bytes, this.used);
      this.used += bytes.length;
      this.size += bytes.length;
      if (!this.inMemoryOnly && this.used > (this.options.threshold ?? DEFAULT_THRESHOLD)) {
        this.spill();
      }
      return offset;
    }
    // `size` still ends the batch here (flush writes it just before `size`).
    if (this.used + bytes.length > this.buffer.length) this.flush();
    if (bytes.length > this.buffer.length) this.writeAt(bytes, offset);
    else {
      this.buffer.set(bytes, this.used);
      this.used += bytes.length;
    }
    this.size += bytes.length;
    return offset;
  }

  /**
   * The `length` bytes at `offset` (appended before). The view is valid until the next
   * call: copy what must outlive it.
   */
  read(offset: number, length: number): Uint8Array {
    if (offset < 0 || offset + length > this.size) {
      throw new Error(`internal: read of ${length} bytes at ${offset} past ${this.size}`);
    }
    if (this.fd === undefined) return this.buffer.subarray(offset, offset + length);
    this.flush();
    const start = offset - this.windowStart;
    if (offset < this.windowStart || start + length > this.windowLength) {
      this.fill(offset, Math.max(length, BATCH_BYTES));
      return this.window.subarray(0, length);
    }
    return this.window.subarray(start, start + length);
  }

  /** Close (and remove) the file and drop the buffers; safe to call more than once. */
  close(): void {
    if (this.fd !== undefined) {
      const fd = this.fd;
      this.fd = undefined;
      try {
        closeSync(fd);
      } catch {
        // Nothing left to do with it.
      }
    }
    if (this.name !== undefined) {
      try {
        rmSync(this.name, { force: true });
        unregisterTemp(this.name);
      } catch {
        // Left registered: removed with the other temporaries on a signal.
      }
      this.name = undefined;
    }
    this.buffer = new Uint8Array(0);
    this.window = new Uint8Array(0);
    this.used = this.windowLength = 0;
    this.inMemoryOnly = true;
    this.key?.fill(0);
    this.key = this.nonce = undefined;
  }

  /**
   * The bytes at `position` of the file encrypted, or decrypted (the same in CTR mode):
   * counter block position / 16 after the nonce, the key stream started mid-block.
   */
  private crypt(bytes: Uint8Array, position: number): Buffer {
    const iv = Buffer.alloc(16);
    this.nonce!.copy(iv, 0, 0, 8);
    iv.writeBigUInt64BE(BigInt(Math.floor(position / 16)), 8);
    const cipher = createCipheriv('aes-256-ctr', this.key!, iv);
    const skip = position % 16;
    if (skip > 0) cipher.update(Buffer.alloc(skip));
    return cipher.update(bytes);
  }

  private ensureRoom(n: number): void {
    if (this.used + n <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.used + n));
    grown.set(this.buffer.subarray(0, this.used));
    this.buffer = grown;
  }

  /** Create the file, write what is in memory, keep a batch-sized buffer. */
  private spill(): void {
    const directory = this.options.directory ?? tmpdir();
    const name = path.join(
      directory,
      `courtfile-rows-${process.pid}-${randomBytes(6).toString('hex')}.tmp`,
    );
    registerTemp(name);
    try {
      this.fd = openSync(name, 'wx+', 0o600);
    } catch {
      unregisterTemp(name);
      this.inMemoryOnly = true;
      return;
    }
    try {
      unlinkSync(name);
      unregisterTemp(name);
    } catch {
      this.name = name;
    }
    this.key = randomBytes(32);
    this.nonce = randomBytes(8);
    const held = this.buffer.subarray(0, this.used);
    this.used = 0;
    this.writeAt(held, 0);
    this.buffer = new Uint8Array(BATCH_BYTES);
  }

  private flush(): void {
    if (this.used === 0) return;
    const pending = this.used;
    this.used = 0;
    this.writeAt(this.buffer.subarray(0, pending), this.size - pending);
  }

  private writeAt(plain: Uint8Array, position: number): void {
    const bytes = this.crypt(plain, position);
    let done = 0;
    try {
      while (done < bytes.length) {
        done += writeSync(this.fd as number, bytes, done, bytes.length - done, position + done);
      }
    } catch (err) {
      throw new ToolError(
        `cannot write the temporary file of table rows in ${this.options.directory ?? tmpdir()}: ${
          (err as NodeJS.ErrnoException).code ?? String(err)
        }`,
      );
    }
  }

  private fill(offset: number, length: number): void {
    if (this.window.length < length) this.window = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd as number, this.window, done, length - done, offset + done);
      if (n === 0) break;
      done += n;
    }
    this.window.set(this.crypt(this.window.subarray(0, done), offset));
    this.windowStart = offset;
    this.windowLength = done;
  }
}
