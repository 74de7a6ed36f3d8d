import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintDossier } from '../../src/facts/fingerprint.js';
import type { Dossier } from '../../src/model/dossier.js';
import { plainExchange, plainTransfer } from '../../src/model/record-table.js';
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

/** The dossier with plain objects for its transfers and exchanges (a loaded one holds views). */
const plain = (dossier: Dossier): unknown => ({
  ...dossier,
  transfers: dossier.transfers.map(plainTransfer),
  exchanges: dossier.exchanges.map(plainExchange),
});

const reference = (dossier: Dossier): string =>
  createHash('sha256')
    .update(`courtfile-dossier-fingerprint-v1\n${canonical(plain(dossier), true)}`, 'utf8')
    .digest('hex');

describe('fingerprintDossier', () => {
  it('is the SHA-256 of the canonical form, on the example dossier', async () => {
    const { dossier } = await checkDossier(path.join(EXAMPLE_DIR, 'dossier.yaml'));
    expect(dossier).toBeDefined();
    expect(fingerprintDossier(dossier!)).toBe(reference(dossier!));
    // As printed by courtfile before records were kept in columns (a2e15f9): unchanged.
    expect(fingerprintDossier(dossier!)).toBe(
      'dab94e86a12bd6adc4537f93f1371c9fcea0bd6f36d23753c9f7adac83fd8729',
    );
  });

  it('leaves out undefined members whatever record they are in (records of one kind alike)', async () => {
    const { dossier } = await checkDossier(path.join(EXAMPLE_DIR, 'dossier.yaml'));
    const [first, second, ...rest] = dossier!.transfers;
    const edited = {
      ...dossier!,
      transfers: [
        { ...plainTransfer(first!), provider: undefined },
        second!,
        { ...plainTransfer(second!), notes: 'x' },
        ...rest,
      ],
    } as Dossier;
    expect(fingerprintDossier(edited)).toBe(reference(edited));
    expect(fingerprintDossier(edited)).not.toBe(fingerprintDossier(dossier!));
  });
});
