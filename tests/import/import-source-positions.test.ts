import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { SourcePlaces } from '../../src/import/source-places.js';
import { removeTempDirs } from '../helpers/temp-dossier.js';
import { xlsx } from '../helpers/xlsx-writer.js';
import {
  NOTES_MAP,
  WU_MAP,
  importArgs,
  importDossier,
  nameVictim,
  runCli,
  wuExport,
} from './support.js';

/** FICTIONAL TEST DATA throughout. */
afterAll(removeTempDirs);

/**
 * Row 2 in EUR spans lines 2-3 (a quoted note on two lines); row 3, in USD, which the
 * dossier has no rate for, starts on line 4.
 */
const CSV =
  'Date;Montant;Devise;De;A;Notes\n' +
  '14/01/2018;120,00;EUR;WU-FR-0001;WU-PH-0042;"remis\nen main propre"\n' +
  '15/01/2018;80,00;USD;WU-FR-0001;WU-PH-0042;aucune\n';

const MAP = NOTES_MAP;

type Where = [file: string, line: number, column: number];

/** Where each format puts the missing-rate finding(s). */
async function missingRateIn(format: 'text' | 'json' | 'github' | 'sarif'): Promise<Where[]> {
  const dir = importDossier(CSV, MAP);
  const r = await runCli(importArgs('imported.yaml', ['--format', format]), dir);
  expect(r.status).toBe(1);
  expect(existsSync(path.join(dir, 'imported.yaml'))).toBe(false);
  if (format === 'text')
    return [...r.out.matchAll(/^(.+?):(\d+):(\d+): error: .* \[missing-rate\]$/gm)].map((m) => [
      m[1]!,
      Number(m[2]),
      Number(m[3]),
    ]);
  if (format === 'github')
    return [
      ...r.out.matchAll(/^::error file=(.+?),line=(\d+),col=(\d+),title=missing-rate::/gm),
    ].map((m) => [m[1]!, Number(m[2]), Number(m[3])]);
  if (format === 'json')
    return (JSON.parse(r.out) as { diagnostics: Diagnostic[] }).diagnostics
      .filter((d) => d.code === 'missing-rate')
      .map((d) => [d.file, d.line, d.column]);
  interface SarifResult {
    ruleId: string;
    locations: {
      physicalLocation: {
        artifactLocation: { uri: string };
        region: { startLine: number; startColumn: number };
      };
    }[];
  }
  const sarif = JSON.parse(r.out) as { runs: { results: SarifResult[] }[] };
  return sarif.runs[0]!.results.filter((x) => x.ruleId === 'missing-rate').map((x) => {
    const loc = x.locations[0]!.physicalLocation;
    return [loc.artifactLocation.uri, loc.region.startLine, loc.region.startColumn];
  });
}

describe("the final check's findings in OUT's records are at their place in SOURCE", () => {
  it('csv: a missing rate at the line where its row starts, column 1; nothing at OUT', async () => {
    const dir = importDossier(CSV, MAP);
    const r = await runCli(importArgs('imported.yaml'), dir);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(
      /^exhibits\/export\.csv:4:1: error: no USD rate dated on or before 2018-01-15 \(Europe\/Paris\) to convert this transfer to EUR \[missing-rate\]$/m,
    );
    expect(r.out).not.toMatch(/^imported\.yaml:/m);
    expect(existsSync(path.join(dir, 'imported.yaml'))).toBe(false);
  });

  it('text, json, github and sarif: the same file, line and column', async () => {
    const where: Where[] = [['exhibits/export.csv', 4, 1]];
    expect(await missingRateIn('text')).toEqual(where);
    expect(await missingRateIn('json')).toEqual(where);
    expect(await missingRateIn('github')).toEqual(where);
    expect(await missingRateIn('sarif')).toEqual(where);
  });

  it('json: a relocated finding has no path (one in OUT would not point into SOURCE)', async () => {
    const dir = importDossier(CSV, MAP);
    const r = await runCli(importArgs('imported.yaml', ['--format', 'json']), dir);
    const rate = (JSON.parse(r.out) as { diagnostics: Diagnostic[] }).diagnostics.find(
      (d) => d.code === 'missing-rate',
    );
    expect(rate).toMatchObject({ file: 'exhibits/export.csv', line: 4, column: 1, path: [] });
  });

  it('xlsx: at the row (LINE), column 1, the message naming the row', async () => {
    const serial = (d: number) => (Date.UTC(2018, 0, d, 10) - Date.UTC(1899, 11, 30)) / 86_400_000;
    const book = xlsx('Feuil1', [
      ['Date', 'Montant', 'Devise', 'De', 'A'],
      [{ date: serial(14) }, { n: '120' }, 'EUR', 'WU-FR-1', 'WU-PH-2'],
      [{ date: serial(15) }, { n: '80' }, 'USD', 'WU-FR-1', 'WU-PH-2'],
      [{ date: serial(16) }, { n: '60' }, 'EUR', 'WU-FR-1', 'WU-PH-2'],
      [{ date: serial(17) }, { n: '40' }, 'USD', 'WU-FR-1', 'WU-PH-2'],
    ]);
    const map = MAP.replace('  notes: Notes\n', '').replace(
      'at: {column: Date, format: "dd/MM/yyyy"}',
      'at: Date',
    );
    const dir = importDossier(book, map, { name: 'exhibits/export.xlsx' });
    const args = importArgs('out.yaml', ['--format', 'json']);
    args[1] = 'exhibits/export.xlsx';
    const r = await runCli(args, dir);
    expect(r.status).toBe(1);
    const rates = (JSON.parse(r.out) as { diagnostics: Diagnostic[] }).diagnostics.filter(
      (d) => d.code === 'missing-rate',
    );
    expect(rates.map((d) => [d.file, d.line, d.column])).toEqual([
      ['exhibits/export.xlsx', 3, 1],
      ['exhibits/export.xlsx', 5, 1],
    ]);
    expect(rates[0]!.message).toMatch(/^row 3: no USD rate dated on or before 2018-01-15 /);
    expect(rates[1]!.message).toMatch(/^row 5: no USD rate /);
  });

  it("OUT written (warnings only): its records' and accounts' at SOURCE, another dossier file's where they are", async () => {
    // The victim's name in the provider of every imported transfer and in the platform of
    // every new account, and in the notes of a transfer of another include.
    const dir = importDossier(
      wuExport(3, { senders: 1, receivers: 2 }),
      WU_MAP.replaceAll('Western Union', 'Agence Lucie Fictive'),
      { include: ['other.yaml'] },
    );
    nameVictim(dir, 'Lucie Fictive');
    writeFileSync(
      path.join(dir, 'other.yaml'),
      'transfers:\n  - id: T9\n    at: 2018-03-03T10:00:00+01:00\n    from: P1\n    to: A2\n' +
        '    amount: "12.50"\n    currency: EUR\n    channel: cash\n    evidence: E1\n' +
        '    notes: "remis par Lucie Fictive"\n',
    );
    const r = await runCli(importArgs('imported.yaml', ['--format', 'json']), dir);
    expect(r.status).toBe(0);
    expect(existsSync(path.join(dir, 'imported.yaml'))).toBe(true);
    const found = (JSON.parse(r.out) as { diagnostics: Diagnostic[] }).diagnostics
      .filter((d) => d.code === 'victim-identity')
      .map((d) => [d.file, d.line, d.column, d.path.join('.')]);
    expect(found).toEqual([
      // Each record at its row; each new account where its identifier was first met.
      ['exhibits/export.csv', 2, 1, ''],
      ['exhibits/export.csv', 2, 29, ''],
      ['exhibits/export.csv', 2, 40, ''],
      ['exhibits/export.csv', 3, 1, ''],
      ['exhibits/export.csv', 3, 40, ''],
      ['exhibits/export.csv', 4, 1, ''],
      ['other.yaml', 10, 12, 'transfers.0.notes'],
    ]);
  });
});

describe('SourcePlaces', () => {
  it("gives back each record's line, and its column once one is not 1, across growth", () => {
    const places = new SourcePlaces();
    for (let k = 0; k < 3000; k++) places.add(k + 2, k === 2500 ? 7 : k > 2500 ? 3 : 1);
    expect(places.at(0)).toEqual({ line: 2, column: 1 });
    expect(places.at(2499)).toEqual({ line: 2501, column: 1 });
    expect(places.at(2500)).toEqual({ line: 2502, column: 7 });
    expect(places.at(2999)).toEqual({ line: 3001, column: 3 });
    expect(places.at(3000)).toBeUndefined();
    expect(places.at(-1)).toBeUndefined();
  });
});
