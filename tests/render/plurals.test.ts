/**
 * Counts with a unit take the form their language wants: French the singular for 0 and 1
 * (`0 octet`, `1 an`), English for 1 only (`1 byte`, `0 bytes`). Fictional records.
 */
import { describe, expect, test } from 'vitest';
import type { Dossier, Exhibit, Person } from '../../src/model/dossier.js';
import { makeDossier } from './fixtures.js';
import { renderAndRead } from './helpers.js';
import { squash } from './pdf-text.js';

/** The fixture with victims aged 0, 1 and 2 at the facts, and files of 0, 1 and 2 bytes. */
function dossier(): Dossier {
  const base = makeDossier({
    victims: [{ name: 'Fictive Alpha' }, { name: 'Fictive Beta' }, { name: 'Fictive Gamma' }],
  });
  let age = 0;
  const persons = base.persons.map((p): Person =>
    p.role === 'victim' ? { ...p, ageAtFacts: age++ } : p,
  );
  const evidence = base.evidence.map((e): Exhibit => {
    if (e.id !== 'E01') return e;
    const file = e.files[0]!;
    return {
      ...e,
      files: [0, 1, 2].map((size) => ({ ...file, path: `exhibits/E01/file-${size}.bin`, size })),
    };
  });
  return { ...base, persons, evidence };
}

/** Every count-and-unit of `units` in the text, in order (`0 octet`, `2 octets`). */
function quantities(text: string, units: readonly string[]): string[] {
  const pattern = new RegExp(`(?<![\\d\\p{L}])\\d (?:${units.join('|')})(?![\\p{L}])`, 'gu');
  return squash(text).match(pattern) ?? [];
}

describe('singular and plural of counted units', () => {
  test.each([
    ['fr', ['0 an', '1 an', '2 ans']],
    ['en', ['0 years', '1 year', '2 years']],
  ] as const)('ages at the facts in the persons table (%s)', async (lang, ages) => {
    const r = await renderAndRead(dossier(), { lang });
    const units = lang === 'fr' ? ['ans', 'an'] : ['years', 'year'];
    expect(quantities(r.pdf.pages.join('\n'), units)).toEqual(ages);
  });

  test.each([
    ['fr', ['0 octet', '1 octet', '2 octets']],
    ['en', ['0 bytes', '1 byte', '2 bytes']],
  ] as const)('file sizes in the exhibit index (%s)', async (lang, sizes) => {
    const r = await renderAndRead(dossier(), { lang, template: 'evidence-index' });
    const units = lang === 'fr' ? ['octets', 'octet'] : ['bytes', 'byte'];
    expect(quantities(r.pdf.pages.join('\n'), units)).toEqual(sizes);
  });
});
