// `courtfile import` checks the dossier as it will be once OUT is written (an overlay:
// OUT's include read from the part being written). OUT named twice, or through an alias,
// is a duplicate include, as without an overlay; neither spelling is read from the file
// on disk, which may lead outside the dossier. Fictional data.
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { INCLUDED_TRANSFER, baseWith } from '../helpers/base-dossier.js';
import { positionOf } from '../helpers/position.js';
import { removeTempDirs, writeDossier } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

/** A dossier including `includes`, whose imported.yaml is a link to a file outside it. */
function dossierWithOut(includes: string): { dir: string; text: string } {
  const text = baseWith(['courtfile: 1\n', `courtfile: 1\ninclude: [${includes}]\n`]);
  const dir = writeDossier({ 'dossier.yaml': text, 'part.yaml': INCLUDED_TRANSFER });
  const outside = mkdtempSync(path.join(os.tmpdir(), 'courtfile-outside-'));
  writeFileSync(path.join(outside, 'secret.yaml'), INCLUDED_TRANSFER.replace('id: T2', 'id: T9'));
  symlinkSync(path.join(outside, 'secret.yaml'), path.join(dir, 'imported.yaml'));
  symlinkSync('imported.yaml', path.join(dir, 'alias.yaml'));
  return { dir, text };
}

async function check(dir: string) {
  return checkDossier('dossier.yaml', {
    cwd: dir,
    modelDespite: new Set(['include'] as const),
    overlay: {
      target: path.join(dir, 'imported.yaml'),
      name: 'imported.yaml',
      readFrom: path.join(dir, 'part.yaml'),
    },
  });
}

describe('the import target named twice', () => {
  // An alias of OUT that leads outside is refused as such, before it could be a duplicate.
  it.each([
    ['imported.yaml, ./imported.yaml', './imported.yaml', 'is already included'],
    [
      './imported.yaml, imported.yaml',
      { after: ', imported', find: 'imported.yaml' },
      'is already included',
    ],
    ['imported.yaml, alias.yaml', 'alias.yaml', 'resolves outside the dossier root'],
    ['alias.yaml, imported.yaml', 'alias.yaml', 'resolves outside the dossier root'],
  ] as const)(
    'include: [%s]: one finding at the second, the file outside never read',
    async (includes, marker, says) => {
      const { dir, text } = dossierWithOut(includes);
      const result = await check(dir);
      expect(result.diagnostics).toMatchObject([
        {
          code: 'include',
          message: expect.stringContaining(says),
          ...positionOf(text, marker),
        },
      ]);
      // T2 comes from the part being written, in place of OUT; T9 (outside) is never read.
      expect(result.dossier?.transfers.map((t) => t.id)).toEqual(['T1', 'T2']);
    },
  );
});
