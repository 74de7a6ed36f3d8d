/**
 * Large lists: a list section with more rows than its `annex_over` (default 2,000) keeps
 * no row in the body, only its summary tables and a note naming the annex, which holds
 * the whole list; at or below the threshold, `max_rows` applies as before.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DossierFacts } from '../../src/facts/index.js';
import { computeFacts } from '../../src/facts/index.js';
import type { Dossier } from '../../src/model/dossier.js';
import { renderDocumentWithInfo } from '../../src/render/index.js';
import { DEFAULT_ANNEX_OVER } from '../../src/render/sections/common.js';
import { loadTemplate } from '../../src/templates/load-template.js';
import type { ResolvedTemplate } from '../../src/templates/resolve-template.js';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { REPO_ROOT, removeTempDirs, tempDir } from '../helpers/temp-dossier.js';
import type { PdfContent } from './pdf-text.js';
import { readPdf } from './pdf-text.js';
import { fold } from './helpers.js';

afterAll(removeTempDirs);

const TRANSFERS = DEFAULT_ANNEX_OVER + 1;

let dossier: Dossier;
let facts: DossierFacts;
let referral: ResolvedTemplate;

beforeAll(async () => {
  const dir = tempDir('courtfile-large-lists-');
  // FICTIONAL data from the benchmark generator: one transfer more than the default threshold.
  execFileSync(process.execPath, [
    path.join(REPO_ROOT, 'bench/generate.js'),
    '--out',
    path.join(dir, 'd'),
    '--transfers',
    String(TRANSFERS),
    '--exchanges',
    '40',
    '--exhibits',
    '1',
  ]);
  const check = await checkDossier(path.join(dir, 'd', 'dossier.yaml'), {});
  if (!check.dossier) throw new Error('the generated dossier does not load');
  dossier = check.dossier;
  facts = computeFacts(dossier);
  referral = await loadTemplate('referral');
}, 120_000);

async function render(template: ResolvedTemplate, lang: 'fr' | 'en'): Promise<PdfContent> {
  const out = await renderDocumentWithInfo(dossier, facts, { template, lang, date: '2024-05-01' });
  return readPdf(out.bytes);
}

/** The text of the pages from the outline entry `from` up to (not including) the next chapter. */
function chapter(pdf: PdfContent, from: string): string {
  const i = pdf.outline.findIndex((o) => o.title.includes(from));
  const start = pdf.outline[i]?.page;
  const next = pdf.outline.slice(i + 1).find((o) => o.depth === 0)?.page;
  if (start === undefined || next === undefined) throw new Error(`no chapter "${from}"`);
  return pdf.pages.slice(start - 1, next - 1).join('\n');
}

function annex(pdf: PdfContent, title: string): string {
  const entry = pdf.outline.find((o) => o.title.includes(title));
  if (entry?.page === undefined) throw new Error(`no annex "${title}"`);
  const next = pdf.outline.find((o) => o.depth === 0 && (o.page ?? 0) > (entry.page ?? 0));
  return pdf.pages
    .slice(entry.page - 1, next?.page === undefined ? undefined : next.page - 1)
    .join('\n');
}

function withAnnexOver(n: number): ResolvedTemplate {
  return {
    ...referral,
    sections: referral.sections.map((s) => (s.type === 'transfers' ? { ...s, annex_over: n } : s)),
  };
}

describe('a list above annex_over goes to an annex whole', () => {
  test('default threshold (2,000): note in the body, no row there, every row in the annex (fr)', async () => {
    expect(facts.transfers.length).toBe(TRANSFERS);
    const first = facts.transfers[0]?.transfer.id ?? '';
    const last = facts.transfers[TRANSFERS - 1]?.transfer.id ?? '';
    const pdf = await render(referral, 'fr');
    const body = chapter(pdf, 'Transferts de fonds');
    const heading = pdf.outline.find((o) => o.title.includes('Liste complète des transferts'));
    expect(heading?.title).toMatch(/^Annexe [A-Z] — Liste complète des transferts$/);
    const letter = /^Annexe ([A-Z])/.exec(heading?.title ?? '')?.[1] ?? '?';
    expect(fold(body)).toContain(
      fold(`Cette liste compte 2 001 lignes : elle figure en entier en annexe ${letter}.`),
    );
    expect(body).not.toContain(first);
    expect(fold(body)).not.toContain(fold('premières lignes sur'));
    // The summary tables of the chapter stay (breakdowns by sender, monthly chart).
    expect(fold(pdf.pages.join('\n'))).toContain(fold('Par émetteur'));
    const full = annex(pdf, 'Liste complète des transferts');
    expect(full).toContain(first);
    expect(full).toContain(last);
    // Exchanges (40, under both thresholds) stay in the body in full, without an annex.
    expect(pdf.outline.some((o) => o.title.includes('Liste complète des échanges'))).toBe(false);
  }, 180_000);

  test('English label; at the threshold itself max_rows applies (first 200 rows and the annex)', async () => {
    const first = facts.transfers[0]?.transfer.id ?? '';
    const above = await render(withAnnexOver(TRANSFERS - 1), 'en');
    const heading = above.outline.find((o) => o.title.includes('Full list of transfers'));
    expect(heading?.title).toMatch(/^Annex [A-Z] — Full list of transfers$/);
    const letter = /^Annex ([A-Z])/.exec(heading?.title ?? '')?.[1] ?? '?';
    expect(fold(chapter(above, 'Money transfers'))).toContain(
      fold(`This list has 2,001 lines: the full list is in Annex ${letter}.`),
    );

    const at = await render(withAnnexOver(TRANSFERS), 'en');
    const body = chapter(at, 'Money transfers');
    expect(fold(body)).toContain(fold('Only the first 200 of 2,001 lines are listed below'));
    expect(fold(body)).not.toContain(fold('This list has'));
    expect(body).toContain(first);
    expect(annex(at, 'Full list of transfers')).toContain(
      facts.transfers[TRANSFERS - 1]?.transfer.id ?? '',
    );
  }, 300_000);
});
