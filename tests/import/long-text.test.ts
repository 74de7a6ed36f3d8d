import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs } from '../helpers/temp-dossier.js';
import { NOTES_MAP, importArgs, importDossier, runCli } from './support.js';

/** FICTIONAL TEST DATA throughout. */
afterAll(removeTempDirs);

const MAP = NOTES_MAP;

/** Row 2's note is `n` characters long; row 3 is ordinary. */
const csv = (n: number) =>
  'Date;Montant;Devise;De;A;Notes\n' +
  `14/01/2018;120,00;EUR;WU-FR-0001;WU-PH-0042;${'N'.repeat(n)}\n` +
  '15/01/2018;80,00;EUR;WU-FR-0001;WU-PH-0042;aucune\n';

describe('a cell longer than a dossier text may be (100,000 characters)', () => {
  it('is an import-value error at its row, naming the field; nothing is written', async () => {
    const dir = importDossier(csv(100_001), MAP);
    const r = await runCli(importArgs('imported.yaml'), dir);
    expect(r.status).toBe(1);
    expect(existsSync(path.join(dir, 'imported.yaml'))).toBe(false);
    expect(r.out).toContain(
      'exhibits/export.csv:2:1: error: notes: 100,001 characters, more than a text of the dossier may hold (100,000): put longer material in an exhibit file [import-value]',
    );
  });

  it('--skip-invalid leaves that row out and writes the other', async () => {
    const dir = importDossier(csv(100_001), MAP);
    const r = await runCli(importArgs('imported.yaml', ['--skip-invalid']), dir);
    expect(r.status).toBe(0);
    const written = readFileSync(path.join(dir, 'imported.yaml'), 'utf8');
    expect(written).toContain('notes: aucune');
    expect(written).not.toContain('NNNN');
  });

  it('100,000 characters are written', async () => {
    const dir = importDossier(csv(100_000), MAP);
    const r = await runCli(importArgs('imported.yaml'), dir);
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(dir, 'imported.yaml'), 'utf8')).toContain('N'.repeat(100_000));
  });
});

describe("OUT's header", () => {
  it('names the mapping file by the SHA-256 of its bytes (sha256sum checks it)', async () => {
    const dir = importDossier(csv(10), MAP);
    const r = await runCli(importArgs('imported.yaml'), dir);
    expect(r.status).toBe(0);
    const digest = createHash('sha256')
      .update(readFileSync(path.join(dir, 'map.yaml')))
      .digest('hex');
    expect(readFileSync(path.join(dir, 'imported.yaml'), 'utf8')).toContain(
      `# mapping sha256: ${digest}\n`,
    );
  });
});

describe('a binary file given as CSV', () => {
  it('is import-format at its first NUL, besides the columns missing from its "header row"', async () => {
    // PNG-like bytes (FICTIONAL): a first line without NUL, then NULs.
    const png = Uint8Array.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1,
    ]);
    const dir = importDossier(png, MAP);
    const r = await runCli(importArgs('imported.yaml'), dir);
    expect(r.status).toBe(1);
    expect(r.out).toContain('[import-column]');
    expect(r.out).toMatch(
      /^exhibits\/export\.csv:3:1: error: the file holds NUL characters \(4 in its first 64 K characters, the first here\): a binary file, or text in UTF-16 .*\[import-format\]$/m,
    );
  });

  it('a stray NUL further on in a text export: said beside the missing column, which stays', async () => {
    const text = 'Date;Montant;Devise;De;A\n14/01/2018;120,00;EUR;WU-FR-0001;WU-PH-0\u00002\n';
    const dir = importDossier(text, MAP);
    const r = await runCli(importArgs('imported.yaml'), dir);
    expect(r.status).toBe(1);
    expect(r.out).toContain('column "Notes" is not in the header row (row 1)');
    expect(r.out).toMatch(
      /^exhibits\/export\.csv:2:41: error: the file holds NUL characters \(1 in/m,
    );
  });

  it('NULs in the header row: each reported where it is, not summed up again', async () => {
    const dir = importDossier('Da\u0000te;Montant\n1;2\n', MAP);
    const r = await runCli(importArgs('imported.yaml'), dir);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/^exhibits\/export\.csv:1:3: error: a NUL character/m);
    expect(r.out).not.toContain('the file holds NUL characters');
  });
});
