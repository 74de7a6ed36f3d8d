/**
 * `import -o` goes through the same output guard as every other output (issue 11, item
 * 1): never among the exhibit folders, never over a FIFO or a read-only file. Fictional data.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs } from '../helpers/temp-dossier.js';
import { WU_CSV, WU_MAP, importArgs, importDossier, runCli, runImportJson } from './support.js';

afterAll(removeTempDirs);

const importTo = (dir: string, out: string) => runCli(importArgs(out), dir);

describe('import -o refuses what it must not write', () => {
  it('a new file in an exhibit folder', async () => {
    const dir = importDossier(WU_CSV);
    const r = await importTo(dir, 'exhibits/imported.yaml');
    expect(r.status).toBe(2);
    expect(r.err).toMatch(
      /refusing to write exhibits\/imported\.yaml: it is in the exhibit folder exhibits/,
    );
    expect(existsSync(path.join(dir, 'exhibits/imported.yaml'))).toBe(false);
  });

  it('a FIFO (no hang, left a FIFO) and a read-only file (left as it was)', async () => {
    const dir = importDossier(WU_CSV);
    execFileSync('mkfifo', [path.join(dir, 'fifo.yaml')]);
    const r = await importTo(dir, 'fifo.yaml');
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/refusing to write fifo\.yaml: it is a FIFO/);
    expect(lstatSync(path.join(dir, 'fifo.yaml')).isFIFO()).toBe(true);

    writeFileSync(path.join(dir, 'ro.yaml'), 'transfers: []\n');
    chmodSync(path.join(dir, 'ro.yaml'), 0o444);
    const r2 = await importTo(dir, 'ro.yaml');
    expect(r2.status).toBe(2);
    expect(r2.err).toMatch(/refusing to write ro\.yaml: the file is read-only/);
    expect(readFileSync(path.join(dir, 'ro.yaml'), 'utf8')).toBe('transfers: []\n');
  });
});

describe('import diagnostics and header mask a victim (issue 11, redaction everywhere)', () => {
  it("a victim's name in a cell is not repeated in the message", async () => {
    const csv = WU_CSV.replace('WU-PH-0042;4810093726', 'Zéphy\u00adrine Quillabast;4810093726');
    const map = WU_MAP.replace(
      'to: {column: "ID bénéficiaire", account: money_transfer, platform: Western Union}',
      'to: {column: "ID bénéficiaire", account: phone}',
    );
    const dir = importDossier(csv, map);
    const root = path.join(dir, 'dossier.yaml');
    writeFileSync(
      root,
      readFileSync(root, 'utf8').replace(
        'pseudonym: Victime A\n',
        'pseudonym: Victime A\n    name: Zéphyrine Quillabast\n',
      ),
    );
    const r = await runImportJson(dir);
    expect(r.status).toBe(1);
    const bad = r.diagnostics.findIndex((d) => d.code === 'import-value');
    expect(r.diagnostics[bad]).toMatchObject({ file: 'exhibits/export.csv', line: 2 });
    expect(r.messages[bad]).toContain('[redacted]');
    expect(r.out).not.toMatch(/Quillabast|Zéphy/);
  });
});
