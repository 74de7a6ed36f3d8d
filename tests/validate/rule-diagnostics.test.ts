import { afterAll, describe, expect, it } from 'vitest';
import { FRENCH_MESSAGES } from '../../src/diagnostics/messages.js';
import { RULE_FIXTURES, VALID_FIXTURES } from '../helpers/fixtures/index.js';
import { diagnosticsToCompare, runFixture } from '../helpers/run-fixture.js';
import { removeTempDirs } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

describe('cross-record rules', () => {
  it.each(RULE_FIXTURES.map((f) => [f.name, f] as const))('%s', async (_, fixture) => {
    const run = await runFixture(fixture);
    expect(diagnosticsToCompare(fixture, run)).toMatchObject(run.expected);
  });
});

describe('near misses of the rules are valid (0 errors, 0 warnings)', () => {
  it.each(VALID_FIXTURES.map((f) => [f.name, f] as const))('%s', async (_, fixture) => {
    const run = await runFixture(fixture);
    expect(run.diagnostics).toEqual([]);
  });
});

describe('duplicate-account', () => {
  it('names both accounts and where the first is, never the identifier; French for documents', async () => {
    const fixture = RULE_FIXTURES.find((f) => f.name.startsWith('two accounts of one kind'))!;
    const run = await runFixture(fixture);
    const [d] = run.diagnostics;
    expect(d?.message).toBe(
      'account "A3" has the kind (email) and identifier of account "A1" (accounts.0 in dossier.yaml): the transfers and exchanges naming either are counted apart; keep one account and refer to it',
    );
    expect(d?.message).not.toMatch(/example\.net/i);
    expect(
      FRENCH_MESSAGES['duplicate-account']({
        id: 'A3',
        first: 'A1',
        kind: 'email',
        place: 'accounts.0',
        file: 'dossier.yaml',
      }),
    ).toBe(
      'le compte «\u202fA3\u202f» a le type (adresse électronique) et l’identifiant du compte «\u202fA1\u202f» (accounts.0 dans dossier.yaml)\u202f: les virements et échanges qui citent l’un ou l’autre sont comptés à part\u202f; n’en garder qu’un et y renvoyer',
    );
  });
});

describe('duplicate-file', () => {
  it('names the exhibit and index of the first listing; French for documents', async () => {
    const fixture = RULE_FIXTURES.find((f) => f.name.startsWith('an exhibit file listed twice'))!;
    const run = await runFixture(fixture);
    expect(run.diagnostics.map((d) => d.message)).toEqual([
      'file "exhibits/E1/./a.txt" is already listed by exhibit "E1" (files.0): list each file once, under the exhibit it belongs to',
      'file "exhibits/E1/a.txt" is already listed by exhibit "E1" (files.0): list each file once, under the exhibit it belongs to',
    ]);
    expect(
      FRENCH_MESSAGES['duplicate-file']({ path: 'exhibits/E1/a.txt', first: 'E1', index: 0 }),
    ).toBe(
      'le fichier «\u202fexhibits/E1/a.txt\u202f» est déjà inscrit dans la pièce «\u202fE1\u202f» (files.0)\u202f: n’inscrire chaque fichier qu’une fois, dans la pièce dont il fait partie',
    );
  });
});
