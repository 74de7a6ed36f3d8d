/**
 * An exhibit's row in the referral's exhibit index is split across pages when it holds
 * more files or custody entries than a page: a file's path, digest and size, and a
 * custody entry's date and officer, stay on one page (a size alone at a page's head said
 * nothing of its file). Fictional data: the example with files and entries added.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { copyExample, mutate, removeTempDirs } from '../helpers/temp-dossier.js';
import { renderAndRead } from './helpers.js';

afterAll(() => removeTempDirs());

const FILES = 70;
const ENTRIES = 60;

async function crowdedExhibit() {
  const dir = copyExample();
  const file = path.join(dir, 'dossier.yaml');
  const files = Array.from({ length: FILES }, (_, i) => {
    const name = `exhibits/E01/f-${i}.txt`;
    const digest = createHash('sha256').update(name).digest('hex');
    return `      - path: ${name}\n        sha256: ${digest}\n        size: ${100 + i}\n`;
  }).join('');
  mutate(file, '        size: 263\n', `        size: 263\n${files}`);
  // Custody entries of E02, one a day from 2019-04-01 at 10:07 Paris time (summer time).
  const entries = Array.from({ length: ENTRIES }, (_, i) => {
    const day = new Date(Date.UTC(2019, 3, 1 + i)).toISOString().slice(0, 10);
    return `      - { at: ${day}T10:07:00+02:00, action: analysed, by: "Officier ${i} (fictif)" }\n`;
  }).join('');
  const last =
    '      - { at: 2019-03-06T16:30:00+01:00, action: analysed, by: "Brigadier S. Okonkwo-Lemaire, OFMIN" }\n';
  mutate(file, last, `${last}${entries}`);
  const check = await checkDossier(file);
  if (!check.dossier)
    throw new Error(`variant invalid: ${check.diagnostics.map((d) => d.message).join('; ')}`);
  return check.dossier;
}

describe('exhibit rows split across pages', () => {
  test.each(['fr', 'en'] as const)(
    "a file's path, digest and size, a custody entry's date and officer on one page (%s)",
    async (lang) => {
      const { pdf } = await renderAndRead(await crowdedExhibit(), { lang });
      // The pages that show `what` (a string, or a pattern: a size, not the end of a larger one).
      const pageOf = (what: string | RegExp) => {
        const on = (text: string) =>
          typeof what === 'string' ? text.includes(what) : what.test(text);
        const pages = pdf.pages.flatMap((text, i) => (on(text) ? [i + 1] : []));
        expect(pages, String(what)).toHaveLength(1);
        return pages[0];
      };
      const unit = lang === 'fr' ? 'octets' : 'bytes';
      const filePages = new Set<number | undefined>();
      for (let i = 0; i < FILES; i++) {
        const name = `exhibits/E01/f-${i}.txt`;
        const digest = createHash('sha256').update(name).digest('hex');
        const page = pageOf(`${name}`);
        expect(
          [
            pageOf(digest),
            pageOf(new RegExp(`(?<![\\d,.]|\\d[ \\u00a0\\u202f])${100 + i} ${unit}`)),
          ],
          name,
        ).toEqual([page, page]);
        filePages.add(page);
      }
      // The row was split: its files are on more than one page.
      expect(filePages.size).toBeGreaterThan(1);
      const custodyPages = new Set<number | undefined>();
      for (let i = 0; i < ENTRIES; i++) {
        const date = new Date(Date.UTC(2019, 3, 1 + i)).toISOString().slice(0, 10);
        const [y, m, d] = date.split('-');
        const shown = lang === 'fr' ? `${d}/${m}/${y} 10:07` : `${date} 10:07`;
        const page = pageOf(shown);
        expect(pageOf(`Officier ${i} (fictif)`), shown).toBe(page);
        custodyPages.add(page);
      }
      expect(custodyPages.size).toBeGreaterThan(1);
    },
  );
});
