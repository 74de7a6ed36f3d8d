/**
 * The model does not keep its files' texts alive: its strings are its own, not slices of
 * a file's text (V8 keeps a string's parent alive with any slice of 13 characters or more).
 * A render holds the model to its last page. FICTIONAL TEST DATA.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { EXAMPLE_DIR, removeTempDirs, writeDossier } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const example = (file: string): string => readFileSync(path.join(EXAMPLE_DIR, file), 'utf8');

describe('the model holds its own strings', () => {
  it("a root file of 8 MB (comments) is not kept alive by the model's account ids, instants and file names", async () => {
    // Comments after the records: the root file is large, its records as they were.
    const padding = '# FICTIONAL TEST DATA: a comment line to make the root file large ......\n';
    const root = example('dossier.yaml') + padding.repeat(Math.ceil((8 << 20) / padding.length));
    const dir = writeDossier({
      'dossier.yaml': root,
      'transfers.yaml': example('transfers.yaml'),
      'exchanges.yaml': example('exchanges.yaml'),
    });
    gc();
    const before = process.memoryUsage().heapUsed;
    let check: Awaited<ReturnType<typeof checkDossier>> | undefined = await checkDossier(
      path.join(dir, 'dossier.yaml'),
    );
    const dossier = check.dossier;
    expect(check.errors).toBe(0);
    check = undefined;
    gc();
    const held = process.memoryUsage().heapUsed - before;
    // The model of the example is small; the root text alone would be 8 MB.
    expect(dossier?.accounts.length).toBeGreaterThan(0);
    expect(dossier?.evidence.some((e) => e.custody.length > 0)).toBe(true);
    expect(held).toBeLessThan(4 << 20);
  });
});
