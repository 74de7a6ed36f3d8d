/**
 * A stable SHA-256 fingerprint of a validated dossier's content, printed in documents
 * so that two of them can be shown to come from the same data.
 *
 * Canonical form: `courtfile-dossier-fingerprint-v1\n` then JSON with keys sorted (by
 * UTF-16 code units), arrays in order, bigint as decimal strings, undefined members
 * left out. Left out as well: every `origin` (where a record was written: moving a
 * record between files does not change the facts), `sources` (file names and hashes)
 * and `rootDir` (an absolute path that differs between machines).
 */
import { createHash } from 'node:crypto';
import type { Dossier } from '../model/dossier.js';

const PREFIX = 'courtfile-dossier-fingerprint-v1\n';
const OMITTED_TOP = new Set(['sources', 'rootDir']);
const CHUNK = 1 << 16;

/** SHA-256 (lower-case hex) of the canonical serialisation of the dossier. */
export function fingerprintDossier(dossier: Dossier): string {
  const hash = createHash('sha256');
  let buffer = PREFIX;
  const emit = (text: string): void => {
    buffer += text;
    if (buffer.length >= CHUNK) {
      hash.update(buffer, 'utf8');
      buffer = '';
    }
  };
  const write = (value: unknown, top: boolean): void => {
    if (typeof value === 'bigint') return emit(JSON.stringify(value.toString()));
    if (value === null || typeof value !== 'object') return emit(JSON.stringify(value) ?? 'null');
    if (Array.isArray(value)) {
      emit('[');
      value.forEach((item, i) => {
        if (i > 0) emit(',');
        write(item === undefined ? null : item, false);
      });
      return emit(']');
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined && k !== 'origin' && !(top && OMITTED_TOP.has(k)))
      .sort();
    emit('{');
    keys.forEach((key, i) => {
      emit(`${i > 0 ? ',' : ''}${JSON.stringify(key)}:`);
      write(record[key], false);
    });
    emit('}');
  };
  write(dossier, true);
  hash.update(buffer, 'utf8');
  return hash.digest('hex');
}
