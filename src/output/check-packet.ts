import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Code } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { sortDiagnostics } from '../diagnostics/diagnostic.js';
import type { MessageArgs } from '../diagnostics/messages.js';
import { message } from '../diagnostics/messages.js';
import { ToolError, describeSystemError } from '../errors.js';
import { decodeSource } from '../load/source-text.js';
import type { Measure } from '../verify/measure-file.js';
import { describeNonFile, measureFile } from '../verify/measure-file.js';
import type { SignatureCheck, SignatureReport } from './check-signature.js';
import { checkSignature, readAllowedSigners } from './check-signature.js';
import type { JsonPositions } from './json-positions.js';
import { keyOffset, parseJsonWithPositions } from './json-positions.js';
import { MANIFEST_NAME } from './manifest.js';
import type { PacketEntryType } from './packet-files.js';
import {
  LINK_NOT_FOLLOWED,
  listPacket,
  locate,
  lstatQuiet,
  measureSmallFile,
  readPacketFile,
  splitPacketPath,
} from './packet-files.js';
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
/** Files up to this size are hashed synchronously, in one read (see measureSmallFile). */
const SYNC_MAX_BYTES = 1024 * 1024;
const BUFFER_BYTES = 1024 * 1024;
/** Entries checked between two turns of the event loop. */
const YIELD_EVERY = 256;

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
    const at = top?.kind === 'object' ? (keyOffset(top, 'files') ?? top.start) : 0;
    report('manifest', at, ['files'], { detail: 'manifest.json has no "files" list' });
    return finish(0, 0, signature);
  }
  const filesAt = keyOffset(top, 'files') ?? 0;
  const listed = new Set<string>([MANIFEST_NAME, SIGNATURE_NAME]);
  const entries = readEntries(files, parsed.positions, report, listed);
  const listing = await listOf(root, dirArg);
  const hashing = {
    root,
    buffer: Buffer.alloc(BUFFER_BYTES),
    buffers: [Buffer.alloc(BUFFER_BYTES), Buffer.alloc(BUFFER_BYTES)] as const,
  };
  let bytes = 0;
  for (let i = 0; i < entries.length; i++) {
    // Let a signal (Ctrl-C) through now and then: most of this loop is synchronous.
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
    const entry = entries[i]!;
    const measure = await checkEntry(entry, listing, listed, hashing);
    if (measure.kind === 'hashed') {
      bytes += measure.size;
      compare(entry, measure, report);
    } else reportEntry(entry, measure, report);
  }
  for (const [rel, type] of listing) {
    if (type !== 'folder' && !listed.has(rel)) {
      report('manifest', filesAt, ['files'], {
        detail: `"${rel.slice(0, 200)}" is in the packet but not in its manifest`,
      });
    }
  }
  return finish(files.length, bytes, signature);
}

async function listOf(root: string, dirArg: string): Promise<Map<string, PacketEntryType>> {
  try {
    return await listPacket(root);
  } catch (err) {
    throw new ToolError(`cannot list the packet ${dirArg}: ${describeSystemError(err)}`);
  }
}

/** What became of one entry: hashed, or why not (as `measureFile` says it, plus `link`). */
type EntryOutcome = Measure | { readonly kind: 'link'; readonly link: string };

/**
 * Find one entry in the listing and, when it is a regular file there, hash it: small files
 * here and now, larger ones with `measureFile` (reads in flight while hashing).
 */
async function checkEntry(
  entry: Entry,
  listing: ReadonlyMap<string, PacketEntryType>,
  listed: Set<string>,
  hashing: { root: string; buffer: Buffer; buffers: readonly [Buffer, Buffer] },
): Promise<EntryOutcome> {
  const found = locate(listing, entry.segments);
  if (found.kind === 'link') {
    listed.add(found.link); // reported here, not again as unlisted
    return found;
  }
  if (found.kind === 'missing') return { kind: 'missing' };
  if (found.type === 'link') return { kind: 'not-a-file', what: LINK_NOT_FOLLOWED };
  if (found.type === 'folder') return { kind: 'not-a-file', what: 'a directory' };
  const abs = path.join(hashing.root, ...entry.segments);
  const seen = lstatQuiet(abs);
  if (seen === undefined) return { kind: 'missing' };
  if (typeof seen === 'string') return { kind: 'unreadable', detail: seen };
  if (!seen.isFile()) {
    return {
      kind: 'not-a-file',
      what: seen.isSymbolicLink() ? LINK_NOT_FOLLOWED : describeNonFile(seen),
    };
  }
  if (seen.size <= BigInt(SYNC_MAX_BYTES))
    return measureSmallFile(abs, seen, hashing.root, hashing.buffer);
  const measure = await measureFile(abs, seen, {
    rootReal: hashing.root,
    buffers: hashing.buffers,
    onBytes: () => undefined,
  });
  return measure.kind === 'outside'
    ? { kind: 'outside', detail: 'was opened outside the packet folder' }
    : measure;
}

function reportEntry(
  entry: Entry,
  outcome: Exclude<EntryOutcome, { kind: 'hashed' }>,
  report: Report,
): void {
  const at = ['files', entry.index, 'path'];
  const where = { subject: 'packet path', path: entry.path.slice(0, 200) };
  switch (outcome.kind) {
    case 'link':
      return report('path-outside', entry.at.path, at, {
        ...where,
        detail: `goes through "${outcome.link.slice(0, 200)}", a symbolic link, which packet --check never follows`,
      });
    case 'missing':
      return report('file-missing', entry.at.path, at, { what: 'packet file', path: where.path });
    case 'not-a-file':
      return report('not-a-file', entry.at.path, at, { ...where, what: outcome.what });
    case 'changed':
      return report('file-changed', entry.at.path, at, {
        subject: 'packet file',
        path: where.path,
      });
    case 'outside':
      return report('path-outside', entry.at.path, at, { ...where, detail: outcome.detail });
    case 'unreadable':
      return report('file-unreadable', entry.at.path, at, {
        subject: 'packet file',
        path: where.path,
        detail: outcome.detail,
      });
  }
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
  positions: ReadonlyMap<object, JsonPositions>,
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
    const entry = readEntry(item as Record<string, unknown>, index, where, report);
    if (entry === undefined) continue;
    const normal = entry.segments.join('/');
    listed.add(normal);
    const first = firstEntry.get(normal);
    if (first === undefined) {
      firstEntry.set(normal, index);
      if (entry.sound) entries.push(entry);
    } else {
      report('manifest', entry.at.path, ['files', index, 'path'], {
        detail: `entry ${index} of "files": "${normal.slice(0, 200)}" is listed again (first by entry ${first})`,
      });
    }
  }
  return entries;
}

/**
 * One entry, its problems reported: the entry (`sound` when it can be checked on disk),
 * or undefined when it has no path inside the packet.
 */
function readEntry(
  entry: Record<string, unknown>,
  index: number,
  where: Extract<JsonPositions, { kind: 'object' }>,
  report: Report,
): (Entry & { readonly sound: boolean }) | undefined {
  const at = {
    path: keyOffset(where, 'path') ?? where.start,
    sha256: keyOffset(where, 'sha256') ?? where.start,
    size: keyOffset(where, 'size') ?? where.start,
  };
  let sound = true;
  const problem = (key: 'path' | 'sha256' | 'size', detail: string): void => {
    sound = false;
    report('manifest', at[key], ['files', index, key], {
      detail: `entry ${index} of "files": ${detail}`,
    });
  };
  const { path: listedPath, sha256, size } = entry;
  if (listedPath === undefined) problem('path', 'has no "path"');
  else if (typeof listedPath !== 'string' || listedPath === '')
    problem('path', '"path" is not a file name');
  if (sha256 === undefined) problem('sha256', 'has no "sha256"');
  else if (typeof sha256 !== 'string' || !SHA256.test(sha256))
    problem('sha256', '"sha256" is not 64 hexadecimal digits');
  if (size === undefined) problem('size', 'has no "size"');
  else if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
    problem('size', '"size" is not a whole number of bytes');
  if (typeof listedPath !== 'string' || listedPath === '') return undefined;
  const segments = splitPacketPath(listedPath);
  if (!Array.isArray(segments)) {
    report('path-outside', at.path, ['files', index, 'path'], {
      subject: 'packet path',
      path: listedPath.slice(0, 200),
      detail: segments.outside,
    });
    return undefined;
  }
  return {
    index,
    path: listedPath,
    segments,
    sha256: sound ? (sha256 as string).toLowerCase() : '',
    size: sound ? (size as number) : 0,
    at,
    sound,
  };
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
