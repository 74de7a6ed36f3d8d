/** The example dossier (examples/dossier, figures in EXPECTED.md) as a referral summary. */
import { beforeAll, describe, expect, test } from 'vitest';
import { checkDossier } from '../../src/validate/check-dossier.js';
import type { Dossier } from '../../src/model/dossier.js';
import type { Rendered } from './helpers.js';
import { fold, renderAndRead } from './helpers.js';
import { squash } from './pdf-text.js';

let dossier: Dossier;
let fr: Rendered;

beforeAll(async () => {
  const check = await checkDossier('examples/dossier/dossier.yaml');
  if (!check.dossier) throw new Error('example dossier invalid');
  dossier = check.dossier;
  fr = await renderAndRead(dossier);
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
    expect(all).toContain('+1 j 23:30');
    expect(all).toContain('-1 j 05:15');
  });

  test('transfer and exchange ids, exhibits with full digests', () => {
    const all = fr.pdf.pages.join('\n');
    for (let i = 1; i <= 17; i++) expect(all).toContain(`T-${String(i).padStart(3, '0')}`);
    const compact = all.replace(/\s+/g, '');
    for (const e of dossier.evidence) for (const f of e.files) expect(compact).toContain(f.sha256);
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

  test('English', async () => {
    const en = await renderAndRead(dossier, { lang: 'en' });
    const all = squash(en.pdf.pages.join('\n'));
    expect(all).toContain('Total of completed transfers €1,586.31');
    expect(all).toContain('Chronology');
  });
});
