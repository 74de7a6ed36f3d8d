import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { baseWith } from '../helpers/base-dossier.js';
import { removeTempDirs, writeDossier } from '../helpers/temp-dossier.js';

/** FICTIONAL TEST DATA throughout. */
afterAll(removeTempDirs);

/**
 * One part of an import's OUT read in OUT's place (`courtfile import` checks a large OUT in
 * parts): its records name accounts that other parts of OUT hold.
 */
const PART = `transfers:
  - id: E1.row-2
    at: 2018-03-03T10:00:00+01:00
    from: E1.acct-autre-partie
    to: E1.acct-nulle-part
    amount: "12.50"
    currency: EUR
    channel: money_transfer
    evidence: E1
exchanges:
  - id: E1.row-3
    at: 2018-03-03T11:00:00+01:00
    kind: message
    from: A1
    to: [E1.acct-autre-partie, E1.acct-nulle-part]
    evidence: E1
accounts:
  - id: E1.acct-ici
    kind: money_transfer
    identifier: WU-FICTIF-1
    holder: E1.acct-autre-partie
`;

async function check(elsewhere?: ReadonlySet<string>, part = PART) {
  const dir = writeDossier({ 'dossier.yaml': baseWith(), 'part.yaml': part });
  const result = await checkDossier(path.join(dir, 'dossier.yaml'), {
    cwd: dir,
    model: false,
    overlay: {
      target: path.join(dir, 'imported.yaml'),
      name: 'imported.yaml',
      readFrom: path.join(dir, 'part.yaml'),
    },
    ...(elsewhere ? { accountsElsewhere: elsewhere } : {}),
  });
  return result.diagnostics.map((d) => [d.code, d.file, d.line, d.path.join('.')]);
}

describe('accounts held elsewhere in OUT (CheckOptions.accountsElsewhere)', () => {
  it('a reference to one names an account; other unknown ids are still reported, at their place', async () => {
    expect(await check()).toEqual([
      ['unknown-reference', 'imported.yaml', 4, 'transfers.0.from'],
      ['unknown-reference', 'imported.yaml', 5, 'transfers.0.to'],
      ['unknown-reference', 'imported.yaml', 15, 'exchanges.0.to.0'],
      ['unknown-reference', 'imported.yaml', 15, 'exchanges.0.to.1'],
      ['unknown-reference', 'imported.yaml', 21, 'accounts.0.holder'],
    ]);
    expect(await check(new Set(['E1.acct-autre-partie', 'E1.acct-loin']))).toEqual([
      ['unknown-reference', 'imported.yaml', 5, 'transfers.0.to'],
      ['unknown-reference', 'imported.yaml', 15, 'exchanges.0.to.1'],
      // An account where a person is expected: the same finding as with OUT whole.
      ['reference-kind', 'imported.yaml', 21, 'accounts.0.holder'],
    ]);
  });

  it('never hides an id the files hold: a record of another kind keeps its own kind', async () => {
    // T1 is a transfer of the dossier: naming it as an account is wrong whatever the set says.
    const diagnostics = await check(new Set(['T1', 'E1.acct-autre-partie', 'E1.acct-nulle-part']));
    expect(diagnostics).toEqual([['reference-kind', 'imported.yaml', 21, 'accounts.0.holder']]);
    const named = await check(
      new Set(['T1', 'E1.acct-autre-partie', 'E1.acct-nulle-part']),
      PART.replace('from: A1', 'from: T1'),
    );
    expect(named).toEqual([
      ['reference-kind', 'imported.yaml', 14, 'exchanges.0.from'],
      ['reference-kind', 'imported.yaml', 21, 'accounts.0.holder'],
    ]);
  });
});
