/**
 * Document identity (issue 14, point 3): the trailer /ID follows the document's inputs,
 * the short dossier fingerprint is printed on every page, and the structural gaps pdfkit
 * leaves are filled (outline /Count, /Length1 on font programs, no stray metadata /length).
 * Fictional test data (tests/render/fixtures.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { computeFacts, fingerprintDossier } from '../../src/facts/index.js';
import type { Dossier } from '../../src/model/dossier.js';
import type { RenderOptions } from '../../src/render/index.js';
import { renderDocument } from '../../src/render/index.js';
import { documentId, identityText, shortFingerprint } from '../../src/render/identity.js';
import { loadTemplate } from '../../src/templates/load-template.js';
import { makeDossier } from './fixtures.js';
import { DATE } from './helpers.js';
import { readPdf } from './pdf-text.js';
import type { PdfDict, PdfValue } from './qpdf.js';
import { hasQpdf, qpdfView, trailerId } from './qpdf.js';

const dossier = makeDossier();
// Same case, court, title, author and date (so the same Info dictionary), one transfer fewer.
const other: Dossier = { ...dossier, transfers: dossier.transfers.slice(1) };

async function render(
  d: Dossier,
  options: Partial<RenderOptions> = {},
  windowHours?: number,
): Promise<Uint8Array> {
  const facts = computeFacts(d, windowHours === undefined ? {} : { windowHours });
  return renderDocument(d, facts, { date: DATE, ...options });
}

describe('/ID', () => {
  test('two different dossiers with the same Info dictionary get different /IDs', async () => {
    const a = await render(dossier);
    const b = await render(other);
    expect(fingerprintDossier(other)).not.toBe(fingerprintDossier(dossier));
    const [infoA, infoB] = [(await readPdf(a)).info, (await readPdf(b)).info];
    expect(infoB.Title).toBe(infoA.Title);
    expect(infoB.Author).toBe(infoA.Author);
    expect(trailerId(a)).toMatch(/^[0-9a-f]{32}$/);
    expect(trailerId(b)).not.toBe(trailerId(a));
  });

  test('the same inputs give the same /ID and the same bytes', async () => {
    const a = await render(dossier, { lang: 'en', template: 'evidence-index' });
    const b = await render(dossier, { lang: 'en', template: 'evidence-index' });
    expect(trailerId(b)).toBe(trailerId(a));
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
  });

  test('language, template, --reveal-victims, --window and the date each change the /ID', async () => {
    const ids = new Map<string, string>();
    const variants: [string, Promise<Uint8Array>][] = [
      ['base', render(dossier)],
      ['lang', render(dossier, { lang: 'en' })],
      ['template', render(dossier, { template: 'evidence-index' })],
      ['reveal', render(dossier, { revealVictims: true })],
      ['window', render(dossier, {}, 24)],
      ['date', render(dossier, { date: '2024-05-02' })],
    ];
    for (const [name, bytes] of variants) ids.set(name, trailerId(await bytes));
    expect(new Set(ids.values()).size).toBe(variants.length);
  });

  test("a template's content is in the /ID, where it was read from is not", async () => {
    const template = await loadTemplate('referral');
    const base = {
      fingerprint: fingerprintDossier(dossier),
      template,
      lang: 'fr',
      windowHours: 48,
      revealVictims: false,
      generated: DATE,
      version: '1.0.0',
    };
    const id = documentId(base).toString('hex');
    expect(id).toHaveLength(32);
    const moved = { ...template, source: '/elsewhere/referral.yaml', files: ['/elsewhere/a'] };
    expect(documentId({ ...base, template: moved }).toString('hex')).toBe(id);
    const recoloured = { ...template, colors: { ...template.colors, text: '#000000' } };
    expect(documentId({ ...base, template: recoloured }).toString('hex')).not.toBe(id);
    expect(identityText(base)).toContain(`fingerprint=${base.fingerprint}\n`);
    expect(identityText(base)).toContain('window-hours=48\nreveal-victims=false\n');
  });
});

const hasPdftotext = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error === undefined;
const tmp = mkdtempSync(path.join(tmpdir(), 'courtfile-identity-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!hasPdftotext)('short fingerprint on every page (pdftotext)', () => {
  const short = shortFingerprint(fingerprintDossier(dossier));
  test.each([
    ['referral', 'fr', 'empreinte'],
    ['referral', 'en', 'fingerprint'],
    ['evidence-index', 'fr', 'empreinte'],
    ['evidence-index', 'en', 'fingerprint'],
  ] as const)('%s (%s)', async (template, lang, word) => {
    expect(short).toMatch(/^[0-9a-f]{12}$/);
    const bytes = await render(dossier, { template, lang });
    const file = path.join(tmp, `${template}-${lang}.pdf`);
    writeFileSync(file, bytes);
    const pages = Number(
      /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1],
    );
    expect(pages).toBeGreaterThanOrEqual(2);
    let footers = 0;
    for (let page = 1; page <= pages; page++) {
      const text = execFileSync(
        'pdftotext',
        ['-layout', '-f', String(page), '-l', String(page), file, '-'],
        { encoding: 'utf8' },
      );
      // The cover (no running header or footer) prints the whole fingerprint.
      expect(text, `page ${page}`).toContain(short);
      if (text.includes(`${word} ${short}`)) footers++;
    }
    expect(footers).toBeGreaterThanOrEqual(pages - 1);
  });
});

function refs(value: PdfValue | undefined): string | undefined {
  return typeof value === 'string' && / 0 R$/.test(value) ? value : undefined;
}

describe.skipIf(!hasQpdf)('structure (qpdf --json)', () => {
  test.each([
    ['referral', 'fr'],
    ['evidence-index', 'en'],
  ] as const)(
    '%s (%s): /ID, outline /Count, /Length1, metadata dictionary',
    async (template, lang) => {
      const bytes = await render(makeDossier({ transfers: 40 }), { template, lang });
      const view = qpdfView(bytes);
      try {
        const id = view.trailer['/ID'];
        expect(Array.isArray(id) && id.length === 2).toBe(true);
        expect(String((id as PdfValue[])[0])).toBe(`b:${trailerId(bytes)}`);

        // Outline: the root counts its open items (all items are closed: the top level);
        // an item with children has minus the number of its children.
        const catalog = view.objects.get(refs(view.trailer['/Root']) ?? '')?.dict ?? {};
        const root = view.objects.get(refs(catalog['/Outlines']) ?? '')?.dict;
        expect(root).toBeDefined();
        const children = (dict: PdfDict): PdfDict[] => {
          const out: PdfDict[] = [];
          for (let r = refs(dict['/First']); r !== undefined;) {
            const item = view.objects.get(r)?.dict ?? {};
            out.push(item);
            r = refs(item['/Next']);
          }
          return out;
        };
        const top = children(root ?? {});
        expect(top.length).toBeGreaterThan(0);
        expect(root?.['/Count']).toBe(top.length);
        let parents = 0;
        const walk = (items: PdfDict[]): void => {
          for (const item of items) {
            const kids = children(item);
            if (kids.length > 0) {
              parents++;
              expect(item['/Count'], String(item['/Title'])).toBe(-kids.length);
            } else expect(item['/Count']).toBeUndefined();
            walk(kids);
          }
        };
        walk(top);
        if (template === 'referral') expect(parents).toBeGreaterThan(0);

        // Every embedded TrueType program has /Length1 = its decoded length.
        let fonts = 0;
        for (const { dict } of view.objects.values()) {
          const program = refs(dict['/FontFile2']);
          if (program === undefined) continue;
          fonts++;
          const stream = view.objects.get(program);
          expect(stream?.isStream).toBe(true);
          expect(stream?.dict['/Length1']).toBe(view.streamData(program).length);
        }
        expect(fonts).toBeGreaterThan(2);

        // The metadata stream: /Length, no stray lower-case /length.
        const metadata = view.objects.get(refs(catalog['/Metadata']) ?? '')?.dict ?? {};
        expect(metadata['/Type']).toBe('/Metadata');
        expect(metadata['/Length']).toBeGreaterThan(0);
        expect(Object.keys(metadata)).not.toContain('/length');
        for (const { dict } of view.objects.values())
          expect(Object.keys(dict)).not.toContain('/length');
      } finally {
        view.dispose();
      }
    },
  );
});
