/**
 * `import -o` goes through the same output guard as every other output (issue 11, item
 * 1): never among the exhibit folders, never over a FIFO or a read-only file. Fictional data.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs } from '../helpers/temp-dossier.js';
import { WU_CSV, importDossier, runCli } from './support.js';

afterAll(removeTempDirs);

const importTo = (dir: string, out: string) =>
  runCli(
    [
      'import',
      'exhibits/export.csv',
      '--dossier',
      'dossier.yaml',
      '--evidence',
      'E20',
      '--map',
      'map.yaml',
      '-o',
      out,
    ],
    dir,
  );

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
