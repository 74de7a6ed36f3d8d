/**
 * Victims' names, aliases and birth dates appear nowhere without --reveal-victims: not in
 * page text, bookmarks, metadata or destination names, whatever their case or accents,
 * even when free text (notes, exhibit titles) repeats them.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { personLabel, Redactor } from '../../src/redact/index.js';
import { makeDossier } from './fixtures.js';
import { fold, renderAndRead } from './helpers.js';
import { victimAlias, victimName } from '../helpers/victim-names.js';

/** How free text may repeat a name: case, decomposed accents, invisible characters inside. */
const variants = (n: string) => [
  n,
  n.toUpperCase(),
  n.toLowerCase(),
  n.normalize('NFD'),
  [...n].join('\u00ad'),
  n.replace(/(\p{L})(\p{L})/gu, '$1\u200b$2\u2060'),
];

describe('redaction', () => {
  test('generated victim names, aliases and birth dates never appear; with reveal they do', async () => {
    await fc.assert(
      fc.asyncProperty(
        victimName,
        victimAlias,
        fc.constantFrom(...variants('x').keys()),
        async (victim, alias, variant) => {
          const shown = variants(victim)[variant] ?? victim;
          const dossier = makeDossier({
            victims: [{ name: victim, aliases: [alias], born: '2009-04-12' }],
            notes: `Contacts réguliers avec ${shown} et ${alias.toLowerCase()} (fictif).`,
            exhibitTitle: `Audition de ${shown.toUpperCase()}`,
            title: `Affaire ${shown}`,
          });
          const hidden = await renderAndRead(dossier);
          const all = fold(hidden.pdf.everything);
          expect(fold(hidden.pdf.everything.replace(/[\u00ad\u200b\u2060]/g, ''))).not.toContain(
            fold(victim),
          );
          expect(all).not.toContain(fold(victim));
          expect(all).not.toContain(fold(alias));
          expect(all).not.toContain('2009-04-12');
          expect(all).not.toContain('12/04/2009');
          expect(all).toContain(fold('Victime A'));
          const revealed = await renderAndRead(dossier, { revealVictims: true });
          expect(fold(revealed.pdf.pages.join(''))).toContain(fold(victim));
        },
      ),
      { numRuns: Number(process.env.REDACTION_RUNS ?? 6) },
    );
  }, 120_000);

  test('personLabel: pseudonym for victims unless revealed', () => {
    const d = makeDossier({ victims: [{ name: 'Jessa Mae Fictoria' }] });
    const victim = d.persons.find((p) => p.role === 'victim');
    const suspect = d.persons.find((p) => p.role === 'suspect');
    expect(victim && personLabel(victim, false)).toBe('Victime A');
    expect(victim && personLabel(victim, true)).toBe('Victime A (Jessa Mae Fictoria)');
    expect(suspect && personLabel(suspect, false)).toBe('Ionuț-Cristian Mărășteanu');
  });

  test('scrub masks whole words, any case or accents, and leaves other words alone', () => {
    const r = Redactor.forDossier(
      makeDossier({ victims: [{ name: 'Ana Liza Peña', aliases: ['Ana'] }] }),
      { mask: '[masqué]' },
    );
    expect(r.scrub('Audition de ANA LIZA PENA le 3 mai')).toBe('Audition de [masqué] le 3 mai');
    expect(r.scrub('Vu avec ana   liza  peña.')).toBe('Vu avec [masqué].');
    expect(r.scrub('Analyse financière')).toBe('Analyse financière');
    expect(r.scrub('Ana, puis Anabelle')).toBe('[masqué], puis Anabelle');
  });

  test('scrub finds names between no-break spaces, next to amounts and dashes', () => {
    const r = Redactor.forDossier(
      makeDossier({ victims: [{ name: 'Maria Santos', aliases: ['Ly'], born: '2009-04-12' }] }),
      { mask: '[masqué]' },
    );
    expect(r.scrub('Versement\u00a0à Maria\u202fSantos — 1\u202f234,56\u00a0€')).toBe(
      'Versement\u00a0à [masqué] — 1\u202f234,56\u00a0€',
    );
    expect(r.scrub('1\u202f234,56\u00a0€ → LY')).toBe('1\u202f234,56\u00a0€ → [masqué]');
    expect(r.scrub('né le 12/04/2009 ; Lycée')).toBe('né le [masqué] ; Lycée');
    expect(r.scrub('Mariage — 2009')).toBe('Mariage — 2009');
  });
});
