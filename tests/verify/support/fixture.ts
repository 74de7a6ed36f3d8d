import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Dossier, Exhibit, ExhibitFile } from '../../../src/model/dossier.js';

/** A fresh temporary folder (its real path); the caller removes it. */
export async function makeTempDir(prefix = 'courtfile-verify-'): Promise<string> {
  return fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), prefix)));
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Write `content` at `rel` under `root` (folders created) and return its index entry fields. */
export async function writeExhibitFile(
  root: string,
  rel: string,
  content: string | Uint8Array,
): Promise<{ path: string; sha256: string; size: number }> {
  const abs = path.join(root, rel);
  await fs.mkdir(path.dirname(abs), { recursive: true });
  await fs.writeFile(abs, content);
  return { path: rel, sha256: sha256(content), size: Buffer.byteLength(content) };
}

export type EntrySpec = { path: string; sha256: string; size?: number };

/**
 * A hand-made normalized dossier: one exhibit per inner list, written in `dossier.yaml`
 * (origins `['evidence', i, 'files', j]`).
 */
export function dossierWith(rootDir: string, exhibits: readonly (readonly EntrySpec[])[]): Dossier {
  const file = 'dossier.yaml';
  const evidence: Exhibit[] = exhibits.map((specs, i) => ({
    id: `E${i + 1}`,
    title: `Exhibit ${i + 1}`,
    kind: 'document',
    source: 'Test',
    obtained: '2020-01-01',
    files: specs.map((spec, j): ExhibitFile => ({
      path: spec.path,
      sha256: spec.sha256,
      ...(spec.size !== undefined ? { size: spec.size } : {}),
      origin: { file, path: ['evidence', i, 'files', j] },
    })),
    custody: [],
    origin: { file, path: ['evidence', i] },
  }));
  return {
    rootDir,
    sources: [{ name: file, absPath: path.join(rootDir, file), sha256: '' }],
    case: {
      reference: '19-123-000456',
      title: 'Test',
      court: 'Tribunal judiciaire de Paris',
      procedure: 'preliminary',
      referral: 'tribunal_correctionnel',
      opened: '2020-01-01',
      preparedBy: 'Test',
      language: 'en',
      timezone: 'Europe/Paris',
      currency: 'EUR',
    },
    persons: [],
    accounts: [],
    charges: [],
    evidence,
    transfers: [],
    exchanges: [],
    rates: [],
  };
}

/** `code@evidence.i.files.j` for each finding, for compact assertions. */
export function codesAt(
  findings: readonly { code: string; path: readonly (string | number)[] }[],
): string[] {
  return findings.map((f) => `${f.code}@${f.path.join('.')}`);
}
