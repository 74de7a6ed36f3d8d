import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { computeFacts } from '../../src/facts/index.js';
import { fingerprintDossier } from '../../src/facts/fingerprint.js';
import type { LoadedFile } from '../../src/load/load-dossier.js';
import { loadDossier } from '../../src/load/load-dossier.js';
import { parseFast } from '../../src/load/parse-fast.js';
import type { Dossier } from '../../src/model/dossier.js';
import { renderDocument } from '../../src/render/index.js';
import { buildModel } from '../../src/validate/build-model.js';
import { buildDraft } from '../../src/validate/draft.js';
import { EXAMPLE_DIR, removeTempDirs, writeDossier } from '../helpers/temp-dossier.js';
import { fuzzed } from '../helpers/fuzz.js';

/**
 * Records of a file read by the plain-block reader are taken over in place (completed in
 * the parsed mapping, then written into the transfer and exchange tables, which copy
 * their texts out of the file's text: see fast-records.ts and src/model/record-table.ts);
 * records read by js-yaml (which may share a value between two places) are copied. Both
 * must give the same model: the same facts, the same fingerprint and the same bytes of PDF.
 */

afterAll(removeTempDirs);

const example = (file: string): string => readFileSync(path.join(EXAMPLE_DIR, file), 'utf8');

/** The text before the first record of a list, and each record's block of lines. */
function splitRecords(text: string): { head: string; records: string[] } {
  const parts = text.split(/\n(?= {2}- )/);
  return { head: parts[0]!, records: parts.slice(1) };
}

const TRANSFERS = splitRecords(example('transfers.yaml'));
const EXCHANGES = splitRecords(example('exchanges.yaml'));

/** The example dossier with the transfers and exchanges picked (by index, in that order). */
function dossierWith(transfers: readonly number[], exchanges: readonly number[]): string {
  const list = (
    { head, records }: { head: string; records: string[] },
    picked: readonly number[],
    name: string,
  ) =>
    picked.length === 0
      ? `${name}: []\n`
      : `${[head, ...picked.map((i) => records[i]!)].join('\n')}\n`;
  const dir = writeDossier({
    'dossier.yaml': example('dossier.yaml'),
    'transfers.yaml': list(TRANSFERS, transfers, 'transfers'),
    'exchanges.yaml': list(EXCHANGES, exchanges, 'exchanges'),
  });
  return path.join(dir, 'dossier.yaml');
}

/** The model of a dossier with no errors: records taken over in place, or copied (js-yaml). */
async function modelOf(root: string, inPlace: boolean): Promise<Dossier> {
  const loaded = await loadDossier(root, '/');
  const files: LoadedFile[] = loaded.files.map((f) => {
    if (inPlace) return f;
    const parsed = parseFast(f.text.text, f.source.name, { plainBlocks: false });
    if (!parsed.ok) throw new Error(`${f.source.name} does not parse`);
    return { ...f, value: parsed.value, unshared: false };
  });
  if (inPlace) expect(files.every((f) => f.unshared)).toBe(true);
  const findings = [...loaded.findings];
  const draft = buildDraft(files, findings);
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  return buildModel(draft, path.dirname(root), files);
}

describe('records taken over in place and records copied', () => {
  it('give the same facts and fingerprint (random subsets of the example records)', async () => {
    const indices = (n: number) =>
      fc.uniqueArray(fc.nat(n - 1), { maxLength: n }).map((a) => [...a].sort((x, y) => x - y));
    await fc.assert(
      fc.asyncProperty(
        indices(TRANSFERS.records.length),
        indices(EXCHANGES.records.length),
        async (transfers, exchanges) => {
          const root = dossierWith(transfers, exchanges);
          const inPlace = await modelOf(root, true);
          const copied = await modelOf(root, false);
          expect(inPlace.transfers).toHaveLength(transfers.length);
          expect(inPlace.exchanges).toHaveLength(exchanges.length);
          expect(computeFacts(inPlace)).toEqual(computeFacts(copied));
          expect(fingerprintDossier(inPlace)).toBe(fingerprintDossier(copied));
        },
      ),
      fuzzed({ numRuns: 25, seed: 20261202 }),
    );
  });

  it('give the same bytes of PDF (the whole example)', async () => {
    const root = dossierWith(
      TRANSFERS.records.map((_, i) => i),
      EXCHANGES.records.map((_, i) => i),
    );
    const [a, b] = await Promise.all(
      [true, false].map(async (inPlace) => {
        const model = await modelOf(root, inPlace);
        return Buffer.from(
          await renderDocument(model, computeFacts(model), { date: '2024-05-01' }),
        );
      }),
    );
    expect(a!.length).toBeGreaterThan(10_000);
    expect(a!.equals(b!)).toBe(true);
  });
});
