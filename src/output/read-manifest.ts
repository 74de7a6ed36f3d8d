import path from 'node:path';
import type { Code } from '../diagnostics/codes.js';
import type { MessageArgs } from '../diagnostics/messages.js';
import { decodeSource } from '../load/source-text.js';
import type { JsonPositions } from './json-positions.js';
import { keyOffset, parseJsonWithPositions } from './json-positions.js';
import { MANIFEST_NAME } from './manifest.js';
import type { SmallRead } from './packet-files.js';
import { splitPacketPath } from './packet-files.js';
import { SIGNATURE_NAME } from './sshsig.js';

/**
 * Reading a received `manifest.json` (already read, within its size limit) into the
 * entries to check on disk, every problem of its text, shape and entries reported at
 * its offset. Linear in the text.
 */

/**
 * Largest `manifest.json` read: 64 MiB, about 500,000 entries. A manifest made by
 * courtfile is a few hundred bytes per file.
 */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/** One well-formed manifest entry, to be checked on disk. */
export interface Entry {
  readonly index: number;
  readonly path: string;
  readonly segments: readonly string[];
  readonly sha256: string;
  readonly size: number;
  /** Offsets of the entry's keys (of the entry itself for a key it lacks). */
  readonly at: { readonly path: number; readonly sha256: number; readonly size: number };
}

export type Report = (
  code: Code,
  offset: number,
  at: (string | number)[],
  args: MessageArgs,
) => void;

export interface ReadManifest {
  /** The decoded text (for positions); empty when it could not be read as text. */
  readonly text: string;
  /** The entries that can be checked on disk; undefined when there is no usable list. */
  readonly entries?: Entry[];
  /** Number of entries of `files`. */
  readonly count: number;
  /** Every path the manifest accounts for, normalized; `manifest.json` and its signature too. */
  readonly listed: Set<string>;
  /** Offset of the `"files"` key, where unlisted files are reported. */
  readonly filesAt: number;
}

/** Decode, parse and read the entries of a manifest read from the packet. */
export function readManifest(
  read: Exclude<SmallRead, { kind: 'missing' | 'unreadable' }>,
  report: Report,
): ReadManifest {
  const none = (text = ''): ReadManifest => ({ text, count: 0, listed: new Set(), filesAt: 0 });
  if (read.kind === 'not-a-file') {
    report('not-a-file', 0, [], { subject: 'packet file', path: MANIFEST_NAME, what: read.what });
    return none();
  }
  if (read.kind === 'too-large') {
    report('manifest', 0, [], {
      detail: `manifest.json has ${read.size} bytes, more than the ${MAX_MANIFEST_BYTES} bytes (64 MiB) packet --check reads`,
    });
    return none();
  }
  const source = decodeSource(MANIFEST_NAME, read.bytes);
  if (source.problem) {
    report('manifest', source.problem.offset, [], {
      detail: `manifest.json: ${source.problem.message}`,
    });
    return none(source.text);
  }
  const text = source.text;
  const parsed = parseJsonWithPositions(text);
  if (!parsed.ok) {
    report('manifest', parsed.offset, [], {
      detail: `manifest.json is not valid JSON: ${parsed.message}`,
    });
    return none(text);
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
    return none(text);
  }
  const listed = new Set<string>([MANIFEST_NAME, SIGNATURE_NAME]);
  const entries = readEntries(files, parsed.positions, report, listed, text);
  return { text, entries, count: files.length, listed, filesAt: keyOffset(top, 'files') ?? 0 };
}

const SHA256 = /^[0-9a-fA-F]{64}$/;
const KEYS = ['path', 'sha256', 'size'] as const;

/**
 * The entries of `files` that can be checked on disk. Every entry's path, even of an
 * entry with other problems, goes into `listed` (so its file is not also "unlisted").
 */
function readEntries(
  files: readonly unknown[],
  positions: ReadonlyMap<object, JsonPositions>,
  report: Report,
  listed: Set<string>,
  text: string,
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
    const entry = readEntry(item as Record<string, unknown>, index, where, report, text);
    if (entry === undefined) {
      // A path refused as leaving the packet (`data/../referral.pdf`, `data\\x.csv`) that,
      // read on paper, names a file inside it: that file is not also "not in its manifest".
      const named = insideOnPaper((item as Record<string, unknown>).path);
      if (named !== undefined) listed.add(named);
      continue;
    }
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

/** The number token after the key at `keyAt` (`"size": 12` gives `12`). */
function numberAfterKey(text: string, keyAt: number): string {
  const colon = text.indexOf(':', keyAt);
  if (colon < 0) return '';
  let at = colon + 1;
  while (at < text.length && /\s/.test(text[at]!)) at++;
  return /^[-+0-9.eE]*/.exec(text.slice(at, at + 64))?.[0] ?? '';
}

/** `p`, a path written in a manifest, resolved on paper, when it stays inside the packet. */
function insideOnPaper(p: unknown): string | undefined {
  if (typeof p !== 'string' || p === '') return undefined;
  const normal = path.posix.normalize(p.replaceAll('\\', '/'));
  if (normal.startsWith('/') || normal === '.' || normal === '..' || normal.startsWith('../'))
    return undefined;
  return /^[A-Za-z]:/.test(normal) ? undefined : normal.replace(/\/$/, '');
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
  text: string,
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
  // Missing keys in one finding, at the entry: 64 MiB of `{}` must not make three each.
  const missing = KEYS.filter((key) => keyOffset(where, key) === undefined);
  if (missing.length > 0) {
    sound = false;
    report('manifest', where.start, ['files', index, missing[0]!], {
      detail: `entry ${index} of "files" has no ${missing.map((k) => `"${k}"`).join(', ')}`,
    });
  }
  if (listedPath !== undefined && (typeof listedPath !== 'string' || listedPath === ''))
    problem('path', '"path" is not a file name');
  if (sha256 !== undefined && (typeof sha256 !== 'string' || !SHA256.test(sha256)))
    problem('sha256', '"sha256" is not 64 hexadecimal digits');
  if (
    typeof size === 'number' &&
    size > Number.MAX_SAFE_INTEGER &&
    /^[1-9][0-9]*$/.test(numberAfterKey(text, at.size))
  )
    // All digits, but more than a number is read exactly (an audit found it called "not a
    // whole number"): said as verify says it.
    problem(
      'size',
      `"size" is out of range: a whole number of bytes from 0 to ${Number.MAX_SAFE_INTEGER}`,
    );
  else if (
    size !== undefined &&
    (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
  )
    problem('size', '"size" is not a whole number of bytes');
  else if (size !== undefined && !/^(0|[1-9][0-9]*)$/.test(numberAfterKey(text, at.size)))
    // `6.5583e4` or `65583.0000000000001` read as 65583: not what a packet writes.
    problem('size', '"size" is not written as a whole number of bytes (digits only)');
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
  // Paths as a packet writes them: no empty or `.` part, no `/` at the end (`./referral.pdf`
  // and `data//transfers.csv` name a file of the packet, but no packet wrote them so).
  const normal = segments.join('/');
  if (normal !== listedPath)
    problem(
      'path',
      `"path" is not written as a packet's paths are: "${listedPath.slice(0, 200)}" for "${normal.slice(0, 200)}" (no empty or "." part, no "/" at the end)`,
    );
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
