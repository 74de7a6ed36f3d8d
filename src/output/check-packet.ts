import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Code } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { sortDiagnostics } from '../diagnostics/diagnostic.js';
import type { MessageArgs } from '../diagnostics/messages.js';
import { message } from '../diagnostics/messages.js';
import { ToolError, describeSystemError } from '../errors.js';
import { decodeSource } from '../load/source-text.js';
import { measureFile } from '../verify/measure-file.js';
import { runPool } from '../verify/run-pool.js';
import type { SignatureCheck, SignatureReport } from './check-signature.js';
import { checkSignature, readAllowedSigners } from './check-signature.js';
import type { JsonPositions } from './json-positions.js';
import { parseJsonWithPositions } from './json-positions.js';
import { MANIFEST_NAME, listPacketFiles } from './manifest.js';
import { PacketPaths, readPacketFile, splitPacketPath } from './packet-files.js';
import { SIGNATURE_NAME } from './sshsig.js';

export interface PacketCheck {
  readonly diagnostics: Diagnostic[];
  readonly files: number;
  readonly bytes: number;
  readonly signature: SignatureReport;
}

export interface PacketCheckOptions {
  /** `--allowed-signers FILE`: the signature must be good and by a key the file allows. */
  readonly allowedSigners?: string;
  /** The time keys' validity is judged at, in seconds (default: now). */
  readonly now?: number;
}

/**
 * Largest `manifest.json` read: 64 MiB, about 500,000 entries. A manifest made by
 * courtfile is a few hundred bytes per file.
 */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
/** Files opened and hashed at once. */
const CONCURRENCY = 8;
const BUFFER_BYTES = 256 * 1024;

/** A diagnostic before it is placed: an offset in `manifest.json` (or 0 in another file). */
interface Pending {
  readonly code: Code;
  readonly file: string;
  readonly offset: number;
  readonly path: (string | number)[];
  readonly args: MessageArgs;
}

/** One well-formed manifest entry, to be checked on disk. */
interface Entry {
  readonly index: number;
  readonly path: string;
  readonly segments: readonly string[];
  readonly sha256: string;
  readonly size: number;
  readonly at: { readonly path: number; readonly sha256: number; readonly size: number };
}

/**
 * Check a received packet against its manifest: every listed file present (inside the
 * packet, a regular file, reached without following any symbolic link) with the listed
 * size and SHA-256, and no file the manifest does not list; with `allowedSigners`, the
 * manifest's signature too. Problems point at the manifest entry (`DIR/manifest.json`).
 * Linear in the number of entries; nothing outside DIR is opened.
 */
export async function checkPacket(
  dirArg: string,
  cwd: string,
  options: PacketCheckOptions = {},
): Promise<PacketCheck> {
  const root = await packetRoot(dirArg, cwd);
  const allowed =
    options.allowedSigners === undefined
      ? undefined
      : await readAllowedSigners(options.allowedSigners, cwd);
  const manifestName = path.join(dirArg, MANIFEST_NAME);
  let text = '';
  const pending: Pending[] = [];
  const report = (code: Code, offset: number, at: (string | number)[], args: MessageArgs) =>
    pending.push({ code, file: manifestName, offset, path: at, args });
  const finish = (files: number, bytes: number, signature: SignatureCheck): PacketCheck => ({
    diagnostics: sortDiagnostics(place(pending, manifestName, text)),
    files,
    bytes,
    signature: signature.report,
  });

  const read = await readPacketFile(root, MANIFEST_NAME, MAX_MANIFEST_BYTES);
  const signature = await checkSignature(root, dirArg, {
    manifest: read.kind === 'read' ? read.bytes : undefined,
    allowed,
    now: options.now ?? Math.floor(Date.now() / 1000),
  });
  for (const d of signature.diagnostics) pending.push({ ...d, offset: 0 });
  if (read.kind === 'missing' || read.kind === 'unreadable') {
    const reason = read.kind === 'missing' ? 'no such file or directory' : read.detail;
    throw new ToolError(`cannot read ${manifestName}: ${reason}`);
  }
  if (read.kind === 'not-a-file') {
    report('not-a-file', 0, [], { subject: 'packet file', path: MANIFEST_NAME, what: read.what });
    return finish(0, 0, signature);
  }
  if (read.kind === 'too-large') {
    report('manifest', 0, [], {
      detail: `manifest.json has ${read.size} bytes, more than the ${MAX_MANIFEST_BYTES} bytes (64 MiB) packet --check reads`,
    });
    return finish(0, 0, signature);
  }
  const source = decodeSource(root, read.bytes);
  text = source.text;
  if (source.problem) {
    report('manifest', source.problem.offset, [], {
      detail: `manifest.json: ${source.problem.message}`,
    });
    return finish(0, 0, signature);
  }
  const parsed = parseJsonWithPositions(text);
  if (!parsed.ok) {
    report('manifest', parsed.offset, [], {
      detail: `manifest.json is not valid JSON: ${parsed.message}`,
    });
    return finish(0, 0, signature);
  }
  for (const dup of parsed.duplicates) {
    report('manifest', dup.offset, [], {
      detail: `key "${dup.key.slice(0, 80)}" is written twice in one object of manifest.json`,
    });
  }
  const top = parsed.positions.get(parsed.value as object);
  const files =
    top?.kind === 'object' ? (parsed.value as Record<string, unknown>).files : undefined;
  if (top?.kind !== 'object' || !Array.isArray(files)) {
    const at = top?.kind === 'object' ? (top.members.get('files')?.key ?? top.start) : 0;
    report('manifest', at, ['files'], { detail: 'manifest.json has no "files" list' });
    return finish(0, 0, signature);
  }
  const filesAt = top.members.get('files')?.key ?? 0;
  const listed = new Set<string>([MANIFEST_NAME, SIGNATURE_NAME]);
  const entries = readEntries(files, parsed.positions, report, listed);
  const paths = new PacketPaths(root);
  const buffers = Array.from(
    { length: CONCURRENCY },
    () => [Buffer.alloc(BUFFER_BYTES), Buffer.alloc(BUFFER_BYTES)] as const,
  );
  let bytes = 0;
  await runPool(entries.length, CONCURRENCY, async (i, slot) => {
    const entry = entries[i]!;
    const found = await paths.resolve(entry.segments);
    const where = { subject: 'packet path', path: entry.path };
    const at = ['files', entry.index, 'path'];
    if (found.kind === 'link') {
      listed.add(found.link);
      report('path-outside', entry.at.path, at, {
        ...where,
        detail: `goes through "${found.link}", a symbolic link, which packet --check never follows`,
      });
    } else if (found.kind === 'missing') {
      report('file-missing', entry.at.path, at, { what: 'packet file', path: entry.path });
    } else if (found.kind === 'not-a-file') {
      report('not-a-file', entry.at.path, at, { ...where, what: found.what });
    } else if (found.kind === 'outside' || found.kind === 'unreadable') {
      report(found.kind === 'outside' ? 'path-outside' : 'file-unreadable', entry.at.path, at, {
        ...where,
        detail: found.detail,
      });
    } else {
      const measure = await measureFile(found.abs, found.stats, {
        rootReal: root,
        buffers: buffers[slot]!,
        onBytes: () => undefined,
      });
      if (measure.kind === 'hashed') {
        bytes += measure.size;
        compare(entry, measure, report);
      } else if (measure.kind === 'not-a-file') {
        report('not-a-file', entry.at.path, at, { ...where, what: measure.what });
      } else if (measure.kind === 'missing') {
        report('file-missing', entry.at.path, at, { what: 'packet file', path: entry.path });
      } else if (measure.kind === 'changed') {
        report('file-changed', entry.at.path, at, { subject: 'packet file', path: entry.path });
      } else {
        const outside = measure.kind === 'outside';
        report(outside ? 'path-outside' : 'file-unreadable', entry.at.path, at, {
          ...where,
          detail: outside ? 'was opened outside the packet folder' : measure.detail,
        });
      }
    }
  });
  await reportUnlisted(root, dirArg, listed, filesAt, report);
  return finish(files.length, bytes, signature);
}

/** DIR, with every symbolic link of the path the user typed resolved: the packet's root. */
async function packetRoot(dirArg: string, cwd: string): Promise<string> {
  try {
    const root = await fs.realpath(path.resolve(cwd, dirArg));
    if (!(await fs.stat(root)).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
    return root;
  } catch (err) {
    throw new ToolError(`cannot read the packet ${dirArg}: ${describeSystemError(err)}`);
  }
}

type Report = (code: Code, offset: number, at: (string | number)[], args: MessageArgs) => void;

const SHA256 = /^[0-9a-fA-F]{64}$/;

/**
 * The entries of `files` that can be checked on disk. Every entry's path, even of an
 * entry with other problems, goes into `listed` (so its file is not also "unlisted").
 */
function readEntries(
  files: readonly unknown[],
  positions: WeakMap<object, JsonPositions>,
  report: Report,
  listed: Set<string>,
): Entry[] {
  const items = (positions.get(files) as Extract<JsonPositions, { kind: 'array' }>).items;
  const firstEntry = new Map<string, number>();
  const entries: Entry[] = [];
  for (let index = 0; index < files.length; index++) {
    const item = files[index];
    const where = item && typeof item === 'object' ? positions.get(item) : undefined;
    if (where?.kind !== 'object') {
      report('manifest', items[index] ?? 0, ['files', index], {
        detail: `entry ${index} of "files" is not an object with path, sha256 and size`,
      });
      continue;
    }
    const entry = item as Record<string, unknown>;
    const at = (key: string) => where.members.get(key)?.key ?? where.start;
    let sound = true;
    const problem = (key: string, detail: string) => {
      sound = false;
      report('manifest', at(key), ['files', index, key], {
        detail: `entry ${index} of "files": ${detail}`,
      });
    };
    const { path: listedPath, sha256, size } = entry;
    if (!where.members.has('path')) problem('path', 'has no "path"');
    else if (typeof listedPath !== 'string' || listedPath === '')
      problem('path', '"path" is not a file name');
    if (!where.members.has('sha256')) problem('sha256', 'has no "sha256"');
    else if (typeof sha256 !== 'string' || !SHA256.test(sha256))
      problem('sha256', '"sha256" is not 64 hexadecimal digits');
    if (!where.members.has('size')) problem('size', 'has no "size"');
    else if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
      problem('size', '"size" is not a whole number of bytes');
    if (typeof listedPath !== 'string' || listedPath === '') continue;
    const segments = splitPacketPath(listedPath);
    if (!Array.isArray(segments)) {
      report('path-outside', at('path'), ['files', index, 'path'], {
        subject: 'packet path',
        path: listedPath.slice(0, 200),
        detail: segments.outside,
      });
      continue;
    }
    const normal = segments.join('/');
    listed.add(normal);
    const first = firstEntry.get(normal);
    if (first !== undefined) {
      problem('path', `"${normal.slice(0, 200)}" is listed again (first by entry ${first})`);
      continue;
    }
    firstEntry.set(normal, index);
    if (!sound) continue;
    entries.push({
      index,
      path: listedPath,
      segments,
      sha256: (sha256 as string).toLowerCase(),
      size: size as number,
      at: { path: at('path'), sha256: at('sha256'), size: at('size') },
    });
  }
  return entries;
}

function compare(entry: Entry, actual: { size: number; sha256: string }, report: Report): void {
  const common = { path: entry.path, what: 'packet file', by: 'manifest' };
  if (actual.size !== entry.size) {
    report('size-mismatch', entry.at.size, ['files', entry.index, 'size'], {
      ...common,
      actual: actual.size,
      expected: entry.size,
    });
  }
  if (actual.sha256 !== entry.sha256) {
    report('hash-mismatch', entry.at.sha256, ['files', entry.index, 'sha256'], {
      ...common,
      actual: actual.sha256,
      expected: entry.sha256,
    });
  }
}

/** Every file or other entry of the folder that the manifest does not list. */
async function reportUnlisted(
  root: string,
  dirArg: string,
  listed: ReadonlySet<string>,
  filesAt: number,
  report: Report,
): Promise<void> {
  let present: { files: string[]; others: string[] };
  try {
    present = await listPacketFiles(root);
  } catch (err) {
    throw new ToolError(`cannot list the packet ${dirArg}: ${describeSystemError(err)}`);
  }
  for (const list of [present.files, present.others]) {
    for (const rel of list) {
      if (!listed.has(rel)) {
        report('manifest', filesAt, ['files'], {
          detail: `"${rel.slice(0, 200)}" is in the packet but not in its manifest`,
        });
      }
    }
  }
}

/**
 * Line and column of every pending diagnostic, in one pass over the text (columns count
 * code points), so that many diagnostics on one long line cost no more than the line.
 */
function place(pending: readonly Pending[], manifestName: string, text: string): Diagnostic[] {
  const order = pending
    .map((p, i) => ({
      i,
      offset: p.file === manifestName ? Math.max(0, Math.min(p.offset, text.length)) : 0,
    }))
    .sort((a, b) => a.offset - b.offset);
  const out = new Array<Diagnostic>(pending.length);
  let line = 1;
  let column = 1;
  let at = 0;
  for (const { i, offset } of order) {
    for (; at < offset; at++) {
      const c = text.charCodeAt(at);
      if (c === 0x0a) {
        line++;
        column = 1;
      } else if (!(c >= 0xdc00 && c <= 0xdfff)) column++;
    }
    const p = pending[i]!;
    const inManifest = p.file === manifestName;
    out[i] = {
      code: p.code,
      severity: 'error',
      file: p.file,
      line: inManifest ? line : 1,
      column: inManifest ? column : 1,
      message: message(p.code, p.args),
      path: p.path,
    };
  }
  return out;
}
