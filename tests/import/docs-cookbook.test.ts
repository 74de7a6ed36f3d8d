import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, removeTempDirs } from '../helpers/temp-dossier.js';
import { importDossier, runImportJson } from './support.js';

/** The cookbook of docs/import.md: each sample export imports with its mapping, as the text says. */
afterAll(removeTempDirs);

const doc = readFileSync(path.join(REPO_ROOT, 'docs/import.md'), 'utf8');
const cookbook = doc.slice(doc.indexOf('## Cookbook'), doc.indexOf('## Platform exports'));
const blocks = [...cookbook.matchAll(/```(yaml)?\n([\s\S]*?)```/g)].map((m) => ({
  yaml: m[1] === 'yaml',
  text: m[2]!,
}));

describe('docs/import.md cookbook', () => {
  it('has two recipes, each a sample export then its mapping', () => {
    expect(blocks.map((b) => b.yaml)).toEqual([false, true, false, true]);
  });

  it('the money-transfer recipe imports both rows, with the status map', async () => {
    // Windows-1252 has no byte for "€" in latin1 terms: the sample's euro sign is dropped.
    const csv = Buffer.from(blocks[0]!.text.replace(' €"', '"').replace(/\n/g, '\r\n'), 'latin1');
    const dir = importDossier(new Uint8Array(csv), blocks[1]!.text);
    const r = await runImportJson(dir);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.written).toContain('    amount: "1085.50"\n');
    expect(r.written).toContain('    status: reversed\n');
  });

  it('the bank-statement recipe imports only the outgoing transfer, from the constant IBAN', async () => {
    const dir = importDossier(blocks[2]!.text, blocks[3]!.text);
    const r = await runImportJson(dir);
    expect(r.status).toBe(0);
    expect(r.written!.match(/^ {2}- id: /gm)).toHaveLength(3); // 1 transfer + 2 new accounts
    expect(r.written).toContain('  - id: E20.row-2\n    at: 2018-03-10T00:00:00+01:00\n');
    expect(r.written).toContain('    identifier: FR7630006000011234567890189\n');
    expect(r.written).toContain('    reference: VIR-FICT-20180310-01\n    evidence: E20\n');
  });

  // Import sweep (session 38): a row whose Type differs from `VIREMENT EMIS` only by a
  // no-break space, case, two spaces or a zero-width space was passed over without a word.
  it("a value that only looks like one of only's is an error at its cell, not passed over", async () => {
    const rows = ['VIREMENT\u00a0EMIS', 'Virement emis', 'VIREMENT  EMIS', 'VIREMENT EMIS\u200b'];
    const csv =
      blocks[2]!.text +
      rows
        .map(
          (t, i) =>
            `1${i}/04/2018;VIR SEPA;${t};PH00 FICT 0000 0000 0000 0001;1${i},00;;VIR-FICT-${i}`,
        )
        .join('\n') +
      '\n';
    const dir = importDossier(csv, blocks[3]!.text);
    const r = await runImportJson(dir);
    expect(r.status).toBe(1);
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.code, d.line, d.column])).toEqual([
      ['import-value', 5, 21],
      ['import-value', 6, 21],
      ['import-value', 7, 21],
      ['import-value', 8, 21],
    ]);
    expect(
      r.messages.filter((m) => m.startsWith('only:')).map((m) => m.replace(/: add it to .*$/, '')),
    ).toEqual([
      'only: Type "VIREMENT\u00a0EMIS" is not one of only\'s values, but differs from "VIREMENT EMIS" only by white space (a no-break space, two spaces)',
      'only: Type "Virement emis" is not one of only\'s values, but differs from "VIREMENT EMIS" only by case',
      'only: Type "VIREMENT  EMIS" is not one of only\'s values, but differs from "VIREMENT EMIS" only by white space (a no-break space, two spaces)',
      'only: Type "VIREMENT EMIS\u200b" is not one of only\'s values, but differs from "VIREMENT EMIS" only by invisible characters',
    ]);
    expect(r.written).toBeUndefined();
    // Other values (CARTE, VIREMENT RECU) are still passed over, as the mapping says.
    const skipped = await runImportJson(dir, ['--skip-invalid']);
    expect(skipped.status).toBe(0);
    expect(skipped.written!.match(/^ {2}- id: E20\.row-/gm)).toHaveLength(1);
  });
});
