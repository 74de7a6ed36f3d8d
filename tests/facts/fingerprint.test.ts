import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintDossier } from '../../src/facts/fingerprint.js';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { EXAMPLE_DIR } from '../helpers/temp-dossier.js';

/**
 * The canonical form, written the plain way (the module's fast version must give the
 * same bytes: fingerprints are printed in documents and must not change between
 * versions of courtfile for the same data).
 */
function canonical(value: unknown, top: boolean): string {
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((v) => canonical(v === undefined ? null : v, false)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter(
      (k) =>
        record[k] !== undefined && k !== 'origin' && !(top && (k === 'sources' || k === 'rootDir')),
    )
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(record[k], false)}`).join(',')}}`;
}

const reference = (dossier: unknown): string =>
  createHash('sha256')
    .update(`courtfile-dossier-fingerprint-v1\n${canonical(dossier, true)}`, 'utf8')
    .digest('hex');

describe('fingerprintDossier', () => {
  it('is the SHA-256 of the canonical form, on the example dossier', async () => {
    const { dossier } = await checkDossier(path.join(EXAMPLE_DIR, 'dossier.yaml'));
    expect(dossier).toBeDefined();
    expect(fingerprintDossier(dossier!)).toBe(reference(dossier));
  });

  it('leaves out undefined members whatever record they are in (records of one kind alike)', async () => {
    const { dossier } = await checkDossier(path.join(EXAMPLE_DIR, 'dossier.yaml'));
    const [first, second, ...rest] = dossier!.transfers;
    const edited = {
      ...dossier!,
      transfers: [{ ...first!, provider: undefined }, second!, { ...second!, notes: 'x' }, ...rest],
    };
    expect(fingerprintDossier(edited)).toBe(reference(edited));
    expect(fingerprintDossier(edited)).not.toBe(fingerprintDossier(dossier!));
  });
});
