/**
 * The CASE export protects victims as documents do: generated victim names, aliases and
 * birth dates, repeated in free text, appear nowhere in the exported text (values or
 * IRIs) without --reveal-victims, nor the identifiers of the accounts victims hold.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { caseDocumentText } from '../../src/export/case/export-case.js';
import { makeDossier } from '../render/fixtures.js';
import { fold } from '../render/helpers.js';
import { victimAlias, victimName } from '../helpers/victim-names.js';

describe('victims in the CASE export', () => {
  test('generated names, aliases, birth dates and held identifiers never appear; with reveal they do', () => {
    fc.assert(
      fc.property(victimName, victimAlias, (victim, alias) => {
        const dossier = makeDossier({
          victims: [{ name: victim, aliases: [alias], born: '2009-04-12' }],
          notes: `Contacts réguliers avec ${victim.toUpperCase()} et ${alias.toLowerCase()} (fictif).`,
          exhibitTitle: `Audition de ${victim.normalize('NFD')}`,
          title: `Affaire ${victim}`,
        });
        const held = dossier.accounts.filter((a) => a.holder === 'V1').map((a) => a.identifier);
        expect(held).toHaveLength(1);
        const hidden = fold(caseDocumentText(dossier));
        expect(hidden).not.toContain(fold(victim));
        expect(hidden).not.toContain(fold(alias));
        expect(hidden).not.toContain('2009-04-12');
        for (const id of held) expect(hidden).not.toContain(fold(id));
        expect(hidden).toContain(fold('"uco-core:name": "Victime A"'));
        const revealed = fold(caseDocumentText(dossier, { revealVictims: true }));
        for (const s of [victim, alias, '2009-04-12', ...held]) expect(revealed).toContain(fold(s));
      }),
      { numRuns: Number(process.env.REDACTION_RUNS ?? 25) },
    );
  });
});
