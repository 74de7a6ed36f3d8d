/**
 * A stable SHA-256 fingerprint of a validated dossier's content, printed in documents
 * so that two of them can be shown to come from the same data.
 *
 * Canonical form: `courtfile-dossier-fingerprint-v1\n` then JSON with keys sorted (by
 * UTF-16 code units), arrays in order, bigint as decimal strings, undefined members
 * left out. Left out as well: every `origin` (where a record was written: moving a
 * record between files does not change the facts), every instant's `subMsNanos` (read
 * from its text, which is hashed: fingerprints stay those of earlier versions),
 * `sources` (file names and hashes) and `rootDir` (an absolute path that differs
 * between machines).
 */
import { createHash } from 'node:crypto';
import type { Dossier } from '../model/dossier.js';
import { isRecordView } from '../model/record-table.js';

const PREFIX = 'courtfile-dossier-fingerprint-v1\n';
const OMITTED_TOP = new Set(['sources', 'rootDir']);
const CHUNK = 1 << 16;

/** `"key":` for each key met (keys come from the model: a few dozen names). */
const keyTexts = new Map<string, string>();
const keyText = (key: string): string => {
  let text = keyTexts.get(key);
  if (text === undefined) {
    text = `${JSON.stringify(key)}:`;
    keyTexts.set(key, text);
  }
  return text;
};

/** Members never hashed below the top level (see the canonical form above). */
const omitted = (key: string): boolean => key === 'origin' || key === 'subMsNanos';

/**
 * The keys of a record in canonical order, `origin` and `subMsNanos` left out. Records of one kind have
 * the same keys in the same order, so the sorted list is kept by key list (a dossier has
 * a few dozen kinds of records; the cache is bounded all the same).
 */
const orders = new Map<string, readonly string[]>();
function canonicalOrder(record: object, top: boolean): readonly string[] {
  const keys = Object.keys(record);
  if (top) return keys.filter((k) => k !== 'origin' && !OMITTED_TOP.has(k)).sort();
  const signature = keys.join('\u0000');
  let order = orders.get(signature);
  if (order === undefined) {
    order = keys.filter((k) => !omitted(k)).sort();
    if (orders.size < 10_000) orders.set(signature, order);
  }
  return order;
}

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
      for (let i = 0; i < value.length; i++) {
        if (i > 0) emit(',');
        const item: unknown = value[i];
        write(item === undefined ? null : item, false);
      }
      return emit(']');
    }
    // A record of a loaded dossier's tables: hashed as its plain fields.
    const record = (isRecordView(value) ? value.toJSON() : value) as Record<string, unknown>;
    emit('{');
    let first = true;
    for (const key of canonicalOrder(record, top)) {
      const member = record[key];
      if (member === undefined) continue;
      if (!first) emit(',');
      first = false;
      emit(keyText(key));
      write(member, false);
    }
    emit('}');
  };
  write(dossier, true);
  hash.update(buffer, 'utf8');
  return hash.digest('hex');
}
