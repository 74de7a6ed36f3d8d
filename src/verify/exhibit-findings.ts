import type { Code, Severity } from '../diagnostics/codes.js';
import type { Finding } from '../diagnostics/diagnostic.js';
import type { MessageArgs } from '../diagnostics/messages.js';
import { message } from '../diagnostics/messages.js';
import type { ExhibitFile, Origin } from '../model/dossier.js';
import type { Measure } from './measure-file.js';
import type { Resolution } from './resolve-exhibit-path.js';

function finding(code: Code, severity: Severity, origin: Origin, args: MessageArgs): Finding {
  return {
    code,
    severity,
    file: origin.file,
    path: origin.path,
    anchor: 'value',
    message: message(code, args),
  };
}

/**
 * The findings for one `files` entry, in a fixed order. All point at the entry itself
 * (`[..., 'files', i]`): its line is the line of that file entry, whichever key is wrong.
 */
export function exhibitFindings(
  entry: ExhibitFile,
  resolution: Resolution,
  measure: Measure | undefined,
): Finding[] {
  const at = entry.origin;
  const p = entry.path;
  const outcome = resolution.kind === 'found' ? measure : resolution;
  switch (outcome?.kind) {
    case undefined:
      // A found file is always measured: never let a gap pass for a verified file.
      throw new Error(`internal: exhibit file ${p} was not measured`);
    case 'outside':
      return [finding('path-outside', 'error', at, { path: p, detail: outcome.detail })];
    case 'missing': {
      // The written path with its last parts as they are on disk.
      const alike = (outcome as { readonly lookAlike?: readonly string[] }).lookAlike;
      const lookAlike = alike && [...p.split('/').slice(0, -alike.length), ...alike].join('/');
      return [finding('file-missing', 'error', at, { path: p, lookAlike })];
    }
    case 'unreadable':
      return [finding('file-unreadable', 'error', at, { path: p, detail: outcome.detail })];
    case 'not-a-file':
      return [finding('not-a-file', 'error', at, { path: p, what: outcome.what })];
    case 'changed':
      return [finding('file-changed', 'error', at, { path: p })];
    case 'hashed': {
      const out: Finding[] = [];
      if (entry.size !== undefined && entry.size !== outcome.size) {
        out.push(
          finding('size-mismatch', 'error', at, {
            path: p,
            actual: outcome.size,
            expected: entry.size,
          }),
        );
      }
      const expected = entry.sha256.toLowerCase();
      if (outcome.sha256 !== expected) {
        out.push(
          finding('hash-mismatch', 'error', at, { path: p, actual: outcome.sha256, expected }),
        );
      }
      if (outcome.links > 1)
        out.push(finding('hard-link', 'warning', at, { path: p, links: outcome.links }));
      return out;
    }
  }
}
