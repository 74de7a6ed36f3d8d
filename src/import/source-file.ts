import { createHash } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { InterruptedError, ToolError, describeSystemError } from '../errors.js';
import { Checkpoint } from '../interrupt.js';
import { insideRoot } from '../load/load-dossier.js';
import type { Dossier, Exhibit } from '../model/dossier.js';

/** Why SOURCE cannot be imported as a file of the evidence record (`import-source`). */
export type SourceCheck =
  | {
      readonly ok: true;
      readonly exhibit: Exhibit;
      readonly relPath: string;
      readonly sha256: string;
      readonly size: number;
    }
  | { readonly ok: false; readonly message: string };

const CHUNK = 1 << 20;

/** Open a regular file without blocking on a FIFO; undefined with the reason otherwise. */
export async function openRegular(
  abs: string,
): Promise<{ handle: fs.FileHandle; size: number } | string> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(abs, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = await handle.stat();
    if (!st.isFile()) {
      await handle.close();
      return st.isDirectory()
        ? 'is a directory'
        : 'is not a regular file (FIFO, device or socket?)';
    }
    return { handle, size: st.size };
  } catch (err) {
    await handle?.close().catch(() => undefined);
    return describeSystemError(err);
  }
}

/** The file's bytes in chunks from `handle`, each also fed to `hash`, with a running count. */
export async function* readChunks(
  handle: fs.FileHandle,
  hash: ReturnType<typeof createHash>,
  onBytes?: (n: number) => void,
  chunkBytes = CHUNK,
): AsyncGenerator<Uint8Array> {
  let position = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(chunkBytes);
    // Position null: from where the last read stopped, so that a second generator on the
    // same handle goes on with the rest of the file.
    const { bytesRead } = await handle.read(buf, 0, chunkBytes, null);
    if (bytesRead === 0) return;
    position += bytesRead;
    const chunk = buf.subarray(0, bytesRead);
    hash.update(chunk);
    onBytes?.(position);
    yield chunk;
  }
}

/**
 * SOURCE must be one of the `files` of evidence record `evidenceId`, the same file once
 * symbolic links are resolved, inside the dossier root, a regular file, with the declared
 * SHA-256 (and size, when declared). Hashing reads the file once; the import reads it
 * again and checks that the digest is still the same.
 */
export async function checkSource(
  dossier: Dossier,
  evidenceId: string,
  sourceAbs: string,
  onBytes?: (done: number, total: number) => void,
  /** Stops the hashing at a signal (the InterruptedError is thrown as it is). */
  checkpoint: Checkpoint = Checkpoint.none,
): Promise<SourceCheck> {
  const exhibit = dossier.evidence.find((e) => e.id === evidenceId);
  if (!exhibit)
    return { ok: false, message: `"${evidenceId}" names no evidence record of the dossier` };
  const realRoot = await fs.realpath(dossier.rootDir).catch(() => dossier.rootDir);
  let real: string;
  try {
    real = await fs.realpath(sourceAbs);
  } catch (err) {
    throw new ToolError(`cannot read ${sourceAbs}: ${describeSystemError(err)}`);
  }
  if (insideRoot(realRoot, real) === undefined)
    return { ok: false, message: `the source resolves outside the dossier root (symbolic link?)` };
  let match: Exhibit['files'][number] | undefined;
  for (const f of exhibit.files) {
    const declared = await fs
      .realpath(path.resolve(dossier.rootDir, f.path))
      .catch(() => undefined);
    if (declared === real) match = f;
  }
  if (!match)
    return {
      ok: false,
      message: `the source is not a file of evidence record ${exhibit.id} (its files: ${exhibit.files.map((f) => f.path).join(', ') || 'none'})`,
    };
  const opened = await openRegular(real);
  if (typeof opened === 'string') return { ok: false, message: `the source ${opened}` };
  const hash = createHash('sha256');
  try {
    for await (const _ of readChunks(opened.handle, hash, (n) => onBytes?.(n, opened.size))) {
      const pause = checkpoint.tickLarge();
      if (pause) await pause;
    }
  } catch (err) {
    if (err instanceof InterruptedError) throw err;
    throw new ToolError(`cannot read the source: ${describeSystemError(err)}`);
  } finally {
    await opened.handle.close().catch(() => undefined);
  }
  const sha256 = hash.digest('hex');
  if (sha256 !== match.sha256)
    return {
      ok: false,
      message: `the source has SHA-256 ${sha256}, evidence record ${exhibit.id} declares ${match.sha256} for ${match.path}: not the sealed file`,
    };
  if (match.size !== undefined && match.size !== opened.size)
    return {
      ok: false,
      message: `the source has ${opened.size} bytes, evidence record ${exhibit.id} declares ${match.size}`,
    };
  return { ok: true, exhibit, relPath: match.path, sha256, size: opened.size };
}
