import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Code } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { MessageArgs } from '../diagnostics/messages.js';
import { message } from '../diagnostics/messages.js';
import { ToolError, describeSystemError } from '../errors.js';
import { LineIndex } from '../load/line-index.js';
import type { ManifestFile } from './manifest.js';
import { MANIFEST_NAME, hashFile, listPacketFiles } from './manifest.js';

export interface PacketCheck {
  readonly diagnostics: Diagnostic[];
  readonly files: number;
  readonly bytes: number;
}

function isManifestFile(v: unknown): v is ManifestFile {
  if (!v || typeof v !== 'object') return false;
  const f = v as Record<string, unknown>;
  return (
    typeof f.path === 'string' &&
    typeof f.sha256 === 'string' &&
    /^[0-9a-f]{64}$/i.test(f.sha256) &&
    typeof f.size === 'number' &&
    Number.isSafeInteger(f.size) &&
    f.size >= 0
  );
}

/**
 * Check a received packet against its manifest: every listed file present (inside the
 * packet, a regular file) with the listed size and SHA-256, and no file the manifest
 * does not list. Problems point at the manifest entry (file `DIR/manifest.json`).
 */
export async function checkPacket(dirArg: string, cwd: string): Promise<PacketCheck> {
  const dir = path.resolve(cwd, dirArg);
  const manifestName = path.join(dirArg, MANIFEST_NAME);
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, MANIFEST_NAME), 'utf8');
  } catch (err) {
    throw new ToolError(`cannot read ${manifestName}: ${describeSystemError(err)}`);
  }
  const index = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  const report = (
    code: Code,
    at: number,
    diagPath: (string | number)[],
    args: MessageArgs,
  ): void => {
    const { line, column } = index.position(Math.max(0, at));
    diagnostics.push({
      code,
      severity: 'error',
      file: manifestName,
      line,
      column,
      message: message(code, args),
      path: diagPath,
    });
  };
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (err) {
    report('manifest', 0, [], {
      detail: `manifest.json is not valid JSON: ${(err as Error).message}`,
    });
    return { diagnostics, files: 0, bytes: 0 };
  }
  // `null`, a number or a list parse as JSON too: only an object can hold "files".
  if (
    !manifest ||
    typeof manifest !== 'object' ||
    !('files' in manifest) ||
    !Array.isArray(manifest.files)
  ) {
    report('manifest', 0, ['files'], { detail: 'manifest.json has no "files" list' });
    return { diagnostics, files: 0, bytes: 0 };
  }
  const listed = new Set<string>([MANIFEST_NAME]);
  let bytes = 0;
  for (let i = 0; i < manifest.files.length; i++) {
    const entry: unknown = manifest.files[i];
    const at = isManifestFile(entry) ? text.indexOf(`"path": ${JSON.stringify(entry.path)}`) : 0;
    if (!isManifestFile(entry)) {
      report('manifest', at, ['files', i], {
        detail: `entry ${i} of "files" needs path, sha256 and size`,
      });
      continue;
    }
    listed.add(entry.path);
    const abs = path.resolve(dir, entry.path);
    const rel = path.relative(dir, abs);
    // `./referral.pdf` names the same file as `referral.pdf`: compare with the listing's form.
    listed.add(rel.split(path.sep).join('/'));
    if (rel.startsWith('..') || path.isAbsolute(rel) || entry.path.includes('\\')) {
      report('path-outside', at, ['files', i, 'path'], {
        path: entry.path,
        detail: 'leaves the packet folder',
      });
      continue;
    }
    const st = await fs.lstat(abs).catch(() => undefined);
    if (!st) {
      report('file-missing', at, ['files', i, 'path'], { path: entry.path, what: 'packet file' });
      continue;
    }
    if (!st.isFile()) {
      report('not-a-file', at, ['files', i, 'path'], {
        path: entry.path,
        what: 'not a regular file (or a symbolic link)',
      });
      continue;
    }
    const actual = await hashFile(abs);
    bytes += actual.size;
    if (actual.size !== entry.size) {
      report('size-mismatch', at, ['files', i, 'size'], {
        path: entry.path,
        actual: actual.size,
        expected: entry.size,
        what: 'packet file',
        by: 'manifest',
      });
    }
    if (actual.sha256 !== entry.sha256.toLowerCase()) {
      report('hash-mismatch', at, ['files', i, 'sha256'], {
        path: entry.path,
        actual: actual.sha256,
        expected: entry.sha256.toLowerCase(),
        what: 'packet file',
        by: 'manifest',
      });
    }
  }
  const present = await listPacketFiles(dir);
  for (const rel of [...present.files, ...present.others]) {
    if (!listed.has(rel)) {
      report('manifest', text.indexOf('"files"'), ['files'], {
        detail: `"${rel}" is in the packet but not in its manifest`,
      });
    }
  }
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { diagnostics, files: manifest.files.length, bytes };
}
