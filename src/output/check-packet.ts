import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Code } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { sortDiagnostics } from '../diagnostics/diagnostic.js';
import type { MessageArgs } from '../diagnostics/messages.js';
import { message } from '../diagnostics/messages.js';
import { ToolError, describeSystemError } from '../errors.js';
import type { Measure } from '../verify/measure-file.js';
import { describeNonFile, measureFile } from '../verify/measure-file.js';
import { isInside } from '../verify/resolve-exhibit-path.js';
import type { SignatureReport } from './check-signature.js';
import { checkSignature, readAllowedSigners } from './check-signature.js';
import { MANIFEST_NAME } from './manifest.js';
import type { PacketEntryType } from './packet-files.js';
import {
  LINK_NOT_FOLLOWED,
  listPacket,
  locate,
  lstatQuiet,
  measureSmallFile,
  readPacketFile,
} from './packet-files.js';
import type { Entry, ReadManifest, Report } from './read-manifest.js';
import { MAX_MANIFEST_BYTES, readManifest } from './read-manifest.js';

export interface PacketCheck {
  readonly diagnostics: Diagnostic[];
  readonly files: number;
  readonly bytes: number;
  readonly signature: SignatureReport;
  /** Lines of the allowed-signers file that cannot be read, skipped (`FILE:LINE: problem`). */
  readonly skippedSigners: readonly string[];
}

export interface PacketCheckOptions {
  /** `--allowed-signers FILE`: the signature must be good and by a key the file allows. */
  readonly allowedSigners?: string;
  /** The time keys' validity is judged at, in seconds (default: now). */
  readonly now?: number;
}

/** Files up to this size are hashed synchronously, in one read (see measureSmallFile). */
const SYNC_MAX_BYTES = 1024 * 1024;
const BUFFER_BYTES = 1024 * 1024;
/** Entries checked between two turns of the event loop. */
const YIELD_EVERY = 256;
/** Problems reported at most: a bound on memory, whatever the manifest. */
export const MAX_PROBLEMS = 500_000;

/** A diagnostic before it is placed: an offset in `manifest.json` (or 0 in another file). */
interface Pending {
  readonly code: Code;
  readonly file: string;
  readonly offset: number;
  readonly path: (string | number)[];
  readonly args: MessageArgs;
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
  if (options.allowedSigners !== undefined)
    await refuseSignersInside(options.allowedSigners, dirArg, root, cwd);
  const allowed =
    options.allowedSigners === undefined
      ? undefined
      : await readAllowedSigners(options.allowedSigners, cwd);
  const manifestName = path.join(dirArg, MANIFEST_NAME);
  const pending: Pending[] = [];
  let dropped = 0;
  const report: Report = (code, offset, at, args) => {
    if (pending.length < MAX_PROBLEMS)
      pending.push({ code, file: manifestName, offset, path: at, args });
    else dropped++;
  };
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
  const manifest = readManifest(read, report);
  const bytes = await checkEntries(root, dirArg, manifest, report, () => dropped > 0);
  if (dropped > 0) {
    pending.push({
      code: 'manifest',
      file: manifestName,
      offset: 0,
      path: [],
      args: {
        detail: `more than ${MAX_PROBLEMS} problems: the check stopped there, and ${dropped} or more are not listed`,
      },
    });
  }
  return {
    diagnostics: sortDiagnostics(place(pending, manifestName, manifest.text)),
    files: manifest.count,
    bytes,
    signature: signature.report,
    skippedSigners: allowed?.skipped ?? [],
  };
}

/**
 * Check the entries on disk and report what the folder holds that no entry lists.
 * Returns the bytes hashed.
 */
async function checkEntries(
  root: string,
  dirArg: string,
  manifest: ReadManifest,
  report: Report,
  full: () => boolean,
): Promise<number> {
  const { entries, listed, filesAt } = manifest;
  if (entries === undefined) return 0;
  const listing = await listOf(root, dirArg);
  const hashing = {
    root,
    buffer: Buffer.alloc(BUFFER_BYTES),
    buffers: [Buffer.alloc(BUFFER_BYTES), Buffer.alloc(BUFFER_BYTES)] as const,
  };
  let bytes = 0;
  for (let i = 0; i < entries.length && !full(); i++) {
    // Let a signal (Ctrl-C) through now and then: most of this loop is synchronous.
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
    const entry = entries[i]!;
    const measure = await checkEntry(entry, listing, listed, hashing);
    if (measure.kind === 'hashed') {
      bytes += measure.size;
      compare(entry, measure, report);
    } else reportEntry(entry, measure, report);
  }
  // Folders that hold something: the others (empty) are in the packet, and no entry
  // lists them (a manifest lists files; packet.md: the packet holds nothing else).
  const holding = new Set<string>();
  for (const rel of listing.keys())
    for (let cut = rel.lastIndexOf('/'); cut > 0; cut = rel.lastIndexOf('/', cut - 1))
      holding.add(rel.slice(0, cut));
  for (const [rel, type] of listing) {
    if (type === 'folder' ? holding.has(rel) : listed.has(rel)) continue;
    // (A name that is not UTF-8 is listed by its escaped bytes after a NUL: listPacket.)
    const shown = rel.replaceAll('\0', '').slice(0, 200);
    report('manifest', filesAt, ['files'], {
      detail:
        type === 'folder'
          ? `"${shown}/" is in the packet but not in its manifest (an empty folder)`
          : rel.includes('\0')
            ? `"${shown}" is in the packet but not in its manifest (a name that is not UTF-8, its other bytes written \\xHH)`
            : `"${shown}" is in the packet but not in its manifest`,
    });
  }
  return bytes;
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

/**
 * The allowed-signers file must not be one the packet holds (as written, or once links
 * are followed): whoever changed the packet could have changed it too, and a packet
 * re-signed with a key of its own then checked good (hostile sweep, session 39).
 */
async function refuseSignersInside(
  file: string,
  dirArg: string,
  root: string,
  cwd: string,
): Promise<void> {
  let inside = isInside(path.resolve(cwd, dirArg), path.resolve(cwd, file));
  if (!inside) {
    try {
      inside = isInside(root, await fs.realpath(path.resolve(cwd, file)));
    } catch {
      // Not there, or not readable: readAllowedSigners says so.
    }
  }
  if (inside)
    throw new ToolError(
      `the allowed-signers file ${file} is in the packet ${dirArg}: a packet cannot say who may sign it (whoever changed the packet could change that file too); give a copy kept outside the packet, from whoever vouches for the signers`,
    );
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
