/** The example dossier (examples/dossier, figures in EXPECTED.md) as a referral summary. */
import { beforeAll, describe, expect, test } from 'vitest';
import { checkDossier } from '../../src/validate/check-dossier.js';
import type { Dossier } from '../../src/model/dossier.js';
import type { Rendered } from './helpers.js';
import { fold, renderAndRead } from './helpers.js';
import { readPdf, squash } from './pdf-text.js';
import { computeFacts } from '../../src/facts/index.js';
import { renderDocumentWithInfo } from '../../src/render/index.js';
import { DATE } from './helpers.js';

let dossier: Dossier;
let fr: Rendered;
let en: Rendered;

beforeAll(async () => {
  const check = await checkDossier('examples/dossier/dossier.yaml');
  if (!check.dossier) throw new Error('example dossier invalid');
  dossier = check.dossier;
  fr = await renderAndRead(dossier);
  en = await renderAndRead(dossier, { lang: 'en' });
});

describe('example dossier', () => {
  test('key figures of EXPECTED.md', () => {
    const all = squash(fr.pdf.pages.join('\n'));
    expect(all).toContain('Montant total des transferts effectués 1 586,31 €');
    expect(all).toContain('Transferts effectués 15');
    expect(all).toContain('Paires paiement / session rapprochées 12');
    expect(all).toContain('966,64 €');
    expect(all).toContain('619,67 €');
    expect(all).toContain('22,12 €');
    expect(all).toContain('+1 j 23 h 30');
    expect(all).toContain('\u22121 j 05 h 15');
  });

  test('declared rates: each currency with the decimals of its most precise rate, as the dossier writes them', () => {
    // The example writes `rate: 0.8330` and `rate: 0.8850` as YAML numbers (read 0.833 and
    // 0.885) beside `0.8375` and `"0.8571"`: the table showed `0,833` under `0,8571`.
    const frFlat = squash(fr.pdf.pages.join('\n'));
    for (const row of [
      'USD 02/01/2018 0,8330 BCE',
      'GBP 01/05/2018 1,1365 BCE',
      'USD 01/06/2018 0,8571 BCE',
      'USD 01/11/2018 0,8850 BCE',
    ])
      expect(frFlat).toContain(row);
    const enFlat = squash(en.pdf.pages.join('\n'));
    expect(enFlat).toContain('USD 2018-01-02 0.8330 BCE');
    expect(enFlat).toContain('USD 2018-11-01 0.8850 BCE');
    // The values are unchanged: 25.00 USD at 0.8850 is 22.125, 22.12 € (half to even).
    expect(frFlat).toContain('22,12 €');
  });

  test('typography (issue 13, point 5): apostrophe, no-break spaces, minus sign, gaps, chart figures', () => {
    const frText = fr.pdf.pages.join('\n');
    const enText = en.pdf.pages.join('\n');
    // One apostrophe in French: the template's texts and the example's are typeset with ’.
    expect(frText).toContain('Pièces à l’appui');
    expect(frText).toContain('Synthèse de l’affaire');
    expect(frText).not.toMatch(/\p{L}'\p{L}/u);
    // French spacing before ; and : and in `n° 1` (pdf.js extracts U+202F and U+00A0 as
    // plain spaces: their exact characters are asserted in tests/locale/typography.test.ts).
    const frFlat = squash(frText);
    expect(frFlat).toContain('Écart : délai');
    expect(frFlat).toContain('Chef n° 1 —');
    expect(frFlat).toMatch(/\d ans/);
    // Gaps: true minus sign, units, no negative zero, no hyphen-minus.
    expect(frFlat).toContain('\u22121 j 05 h 15');
    expect(frFlat).toContain('\u22121 j 00 h 45');
    expect(frFlat).toContain('+1 j 00 h 48');
    expect(frFlat).toContain('+7 h 48');
    const enFlat = squash(enText);
    expect(enFlat).toContain('\u22121 d 5 h 15 min');
    expect(enFlat).toContain('+1 d 23 h 30 min');
    expect(enFlat).toContain('+2 h');
    for (const text of [frFlat, enFlat]) {
      expect(text).not.toMatch(/[-\u2212]0 [jd]\b/);
      expect(text).not.toMatch(/-\d+ [jd]\b/);
    }
    // The monthly chart: March 2018 totals 500,50 € (EXPECTED.md), labelled exactly.
    expect(frText).toMatch(/^500,50$/m);
    expect(enText).toMatch(/^500\.50$/m);
    expect(frText).not.toMatch(/^501$/m);
  });

  test("each charge shows its own suspects' transfers in its period (section 5a)", () => {
    // C1 and C2 are brought against both suspects, C3 against P2 alone.
    const figures = (all: string, label: RegExp) =>
      [...all.matchAll(label)].map((m) => m[1]?.trim());
    expect(
      figures(
        squash(fr.pdf.pages.join('\n')),
        /par les mis en cause dans la période (\d+ — [\d ]+,\d\d €)/g,
      ),
    ).toEqual(['15 — 1 586,31 €', '15 — 1 586,31 €', '8 — 619,67 €']);
    expect(
      figures(
        squash(en.pdf.pages.join('\n')),
        /by its suspects in the period (\d+ — €[\d,]+\.\d\d)/g,
      ),
    ).toEqual(['15 — €1,586.31', '15 — €1,586.31', '8 — €619.67']);
  });

  test('transfer and exchange ids, exhibits with full digests', () => {
    const all = fr.pdf.pages.join('\n');
    for (let i = 1; i <= 17; i++) expect(all).toContain(`T-${String(i).padStart(3, '0')}`);
    // A digest is drawn on two lines joined by a hyphen (pdf.js keeps it; digests have none).
    const compact = all.replace(/\s+/g, '').replace(/-/g, '');
    for (const e of dossier.evidence) for (const f of e.files) expect(compact).toContain(f.sha256);
  });

  test('provenance: the exhibit and the row each imported record was read from, in fr and en', () => {
    // T-001 is row 5 of E01's export, X-001 row 5 of E05's (transfers.yaml, exchanges.yaml).
    const frText = squash(fr.pdf.pages.join('\n'));
    const enText = squash(en.pdf.pages.join('\n'));
    // The locator as written, in both languages (a row is not a physical line).
    expect(frText).toMatch(/T-001 .*?E01, row 5/);
    expect(frText).toContain('E05, row 5');
    expect(enText).toContain('E01, row 5');
    expect(enText).toMatch(/X-001 .*?E05, row 5/);
    expect(frText).not.toContain('ligne 5');
  });

  test('no victim name, alias or birth date anywhere', () => {
    const all = fold(fr.pdf.everything);
    for (const p of dossier.persons.filter((x) => x.role === 'victim')) {
      for (const s of [p.name, ...p.aliases]) if (s) expect(all).not.toContain(fold(s));
      expect(all).toContain(fold(p.pseudonym ?? ''));
    }
    expect(all).not.toContain('2009-04-12');
    expect(all).not.toContain('12/04/2009');
  });

  test('English', () => {
    const all = squash(en.pdf.pages.join('\n'));
    expect(all).toContain('Total of completed transfers €1,586.31');
    expect(all).toContain('Chronology');
  });

  // T-013 (02:15+02:00) and T-014 (02:45+01:00) are in the hour Paris lives twice when
  // clocks go back (2018-10-28): the wall time alone would not say which instant is meant.
  test.each([
    ['fr', '28/10/2018', '14/09/2018 09:45 T-012'],
    ['en', '2018-10-28', '2018-09-14 09:45 T-012'],
  ] as const)('%s: ambiguous wall times carry their offset, others do not', (lang, day, plain) => {
    const all = squash((lang === 'fr' ? fr : en).pdf.pages.join('\n'));
    // Transfers table (time, then the id under it), correlations, chronology.
    expect(all).toContain(`${day} 02:15 UTC+2 T-013`);
    expect(all).toContain(`${day} 02:45 UTC+1 T-014`);
    expect(all.split(`${day} 02:15 UTC+2`).length - 1).toBeGreaterThanOrEqual(3);
    expect(all.split(`${day} 02:45 UTC+1`).length - 1).toBeGreaterThanOrEqual(3);
    expect(all).not.toMatch(/02:[14]5 T-01[34]/);
    // An ordinary time has no offset, and no other time has one.
    expect(all).toContain(plain);
    const offsets = [...all.matchAll(/(\d\d:\d\d) UTC[+-]\d/g)];
    for (const m of offsets) {
      expect(all.slice(0, m.index)).toMatch(new RegExp(`${day} $`));
      expect(['02:15', '02:45']).toContain(m[1]);
    }
  });

  test('a fractional correlation window (--window 26.5) is written exactly, not a crash', async () => {
    const facts = computeFacts(dossier, { windowHours: 26.5 });
    const out = await renderDocumentWithInfo(dossier, facts, { date: DATE });
    const text = squash((await readPdf(out.bytes)).pages.join('\n'));
    expect(text).toContain('fenêtre de ± 26,5 h autour de chaque transfert');
  });
});
