/**
 * The running header never cuts the case reference or the protective marking (spec
 * cli.md, "Documents"; docs/rendering.md): a loose page must be matched to its case.
 * Once, a long marking was cut with an ellipsis (`… NE PAS DIFF…`) and took the room of
 * the court and case number (`Affaire n° 00-000-…`). Slots too wide for one line now wrap
 * at their spaces and the body of every page starts lower.
 * The cover draws the case reference as an identifier: it was once broken as a word
 * after `2019-`, and pdftotext dropped that real hyphen (`…PH-FR-20190000012345`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { computeFacts } from '../../src/facts/index.js';
import { renderDocumentWithInfo } from '../../src/render/index.js';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { DATE } from './helpers.js';
import { copyExample, mutate, removeTempDirs } from '../helpers/temp-dossier.js';

const hasPdftotext = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error === undefined;
const tmp = mkdtempSync(path.join(tmpdir(), 'courtfile-header-'));
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  removeTempDirs();
});

const MARKING =
  'DIFFUSION RESTREINTE - DONNÉES FICTIVES DE TEST - NE PAS DIFFUSER HORS DE LA PROCÉDURE';
const REFERENCE = '19-123-000456/ENTRAIDE-PÉNALE-INTERNATIONALE-PH-FR-2019-0000012345';
const SHORT_REFERENCE = '19-123-000456';
/** Too wide for the cover's line even drawn smaller: broken after its own hyphens. */
const LONG_REFERENCE = `${REFERENCE}/COMMISSION-ROGATOIRE-INTERNATIONALE-0000067890`;

type Variant = 'marking' | 'reference' | 'long';
type Lang = 'fr' | 'en';
type Template = 'referral' | 'evidence-index';

/** The example with a long marking (and a long case reference), rendered; its file. */
async function render(variant: Variant, lang: Lang, template: Template) {
  const dir = copyExample();
  const dossierFile = path.join(dir, 'dossier.yaml');
  mutate(
    dossierFile,
    'classification: "DIFFUSION RESTREINTE - DONNÉES FICTIVES DE TEST"',
    `classification: "${MARKING}"`,
  );
  if (variant !== 'marking') {
    const reference = variant === 'long' ? LONG_REFERENCE : REFERENCE;
    mutate(dossierFile, `reference: "${SHORT_REFERENCE}"`, `reference: "${reference}"`);
  }
  const check = await checkDossier(dossierFile);
  if (!check.dossier) throw new Error('variant invalid');
  const facts = computeFacts(check.dossier, {});
  const { bytes, pages } = await renderDocumentWithInfo(check.dossier, facts, {
    date: DATE,
    template,
    lang,
  });
  const file = path.join(tmp, `${variant}-${template}-${lang}.pdf`);
  writeFileSync(file, bytes);
  return { file, pages };
}

/** The text of a page (1-based), whole or only its top `height` points. */
function pageText(file: string, page: number, height?: number): string {
  const crop = height === undefined ? [] : ['-x', '0', '-y', '0', '-W', '2000', '-H', `${height}`];
  return execFileSync(
    'pdftotext',
    ['-f', `${page}`, '-l', `${page}`, ...crop, '-enc', 'UTF-8', file, '-'],
    { encoding: 'utf8' },
  );
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

const cases = (['marking', 'reference'] as const).flatMap((variant) =>
  (['fr', 'en'] as const).flatMap((lang) =>
    (['referral', 'evidence-index'] as const).map((template) => ({ variant, lang, template })),
  ),
);

describe.skipIf(!hasPdftotext)(
  'the running header keeps the reference and the marking whole',
  () => {
    test.each(cases)('$variant, $template ($lang)', async ({ variant, lang, template }) => {
      const { file, pages } = await render(variant, lang, template);
      const reference = variant === 'reference' ? REFERENCE : SHORT_REFERENCE;
      const caseNo = lang === 'fr' ? 'Affaire n°' : 'Case no.';
      expect(pages).toBeGreaterThan(2);
      // The cover has no running header; every other page has it, whole, in its top area.
      for (let page = 2; page <= pages; page++) {
        const top = pageText(file, page, 90);
        expect(top).not.toContain('…');
        expect(flat(top)).toContain(`Tribunal judiciaire de Paris — ${caseNo}`);
        expect(flat(top)).toContain(reference);
        expect(flat(top)).toContain(MARKING);
        // What is under the header is not drawn over it: the header's lines come first.
        const lines = pageText(file, page).split('\n');
        expect(lines[0]).toMatch(/^Tribunal judiciaire de Paris/);
      }
    });
  },
);

describe.skipIf(!hasPdftotext)('the cover draws the case reference whole', () => {
  const covers = (['reference', 'long'] as const).flatMap((variant) =>
    (['fr', 'en'] as const).flatMap((lang) =>
      (['referral', 'evidence-index'] as const).map((template) => ({ variant, lang, template })),
    ),
  );
  test.each(covers)('$variant, $template ($lang)', async ({ variant, lang, template }) => {
    const { file } = await render(variant, lang, template);
    const reference = variant === 'long' ? LONG_REFERENCE : REFERENCE;
    const caseNo = lang === 'fr' ? 'Affaire n°' : 'Case no.';
    // The cover's title block (the evidence index's cover has the running header above
    // it): the label, then the reference, which extraction gives whole.
    const cover = flat(pageText(file, 1));
    expect(cover).toContain(`${caseNo} ${reference}`);
    if (template === 'evidence-index') {
      expect(cover.indexOf(reference)).toBeLessThan(cover.lastIndexOf(`${caseNo} ${reference}`));
    }
    // Broken over two lines (the long one), it is still read whole, in layout mode too
    // (its first line's /ActualText is the whole reference, the second's nothing).
    if (variant === 'long') {
      const layout = execFileSync(
        'pdftotext',
        ['-f', '1', '-l', '1', '-layout', '-enc', 'UTF-8', file, '-'],
        { encoding: 'utf8' },
      );
      expect(layout).toContain(reference);
    }
  });
});
