/**
 * Tagged PDF (issue 14, points 2 and 4): PDF/UA-1 beside PDF/A-2b, checked on the example
 * dossier in both languages and both built-in templates through qpdf's JSON view and the
 * content streams, since no PDF/UA validator runs here.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { computeFacts } from '../../src/facts/index.js';
import type { Language } from '../../src/model/dossier.js';
import { renderDocumentWithInfo } from '../../src/render/index.js';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { makeDossier } from './fixtures.js';
import { DATE } from './helpers.js';
import type { PageContent, StructElement } from './pdf-structure.js';
import {
  allElements,
  pageContent,
  pageRefs,
  parentTree,
  parseContent,
  readStructTree,
} from './pdf-structure.js';
import type { PdfDict, QpdfView } from './qpdf.js';
import { hasQpdf, qpdfView } from './qpdf.js';

interface Rendered {
  bytes: Uint8Array;
  view: QpdfView & { dispose(): void };
  pages: string[];
  contents: PageContent[];
  tree: StructElement[];
}

interface Case extends Rendered {
  readonly template: 'referral' | 'evidence-index';
  readonly lang: Language;
}

function read(c: Rendered, bytes: Uint8Array): void {
  c.bytes = bytes;
  c.view = qpdfView(bytes);
  c.pages = pageRefs(c.view);
  c.contents = c.pages.map((p) => parseContent(pageContent(c.view, p)));
  c.tree = readStructTree(c.view);
}

const cases: Case[] = (['referral', 'evidence-index'] as const).flatMap((template) =>
  (['fr', 'en'] as const).map((lang) => ({ template, lang }) as Case),
);

beforeAll(async () => {
  if (!hasQpdf) return;
  const check = await checkDossier('examples/dossier/dossier.yaml');
  if (!check.dossier) throw new Error('example dossier invalid');
  const facts = computeFacts(check.dossier, {});
  for (const c of cases) {
    const out = await renderDocumentWithInfo(check.dossier, facts, {
      date: DATE,
      lang: c.lang,
      template: c.template,
    });
    read(c, out.bytes);
  }
}, 120_000);

afterAll(() => {
  for (const c of cases) c.view?.dispose();
});

function get(view: QpdfView, value: unknown): PdfDict {
  const dict = view.objects.get(String(value))?.dict;
  if (!dict) throw new Error(`no object ${String(value)}`);
  return dict;
}

function catalog(c: Rendered): PdfDict {
  return get(c.view, c.view.trailer['/Root']);
}

/** Every painted item is in a sequence with an MCID or an /Artifact; sequences balance. */
function checkMarked(c: Rendered): void {
  for (const [i, page] of c.contents.entries()) {
    expect(page.balanced, `page ${i + 1}: BDC/EMC balanced and nested with BT/ET`).toBe(true);
    expect(page.painted.length).toBeGreaterThan(0);
    for (const item of page.painted) {
      const owner = item.marks.find((m) => m.mcid !== undefined || m.tag === 'Artifact');
      expect(owner, `page ${i + 1}: ${item.operator} outside marked content`).toBeDefined();
    }
    // The running header and footer are pagination artifacts.
    if (c.pages.length > 1 && i > 0) {
      expect(page.painted.some((p) => p.marks[0]?.artifactType === 'Pagination')).toBe(true);
    }
  }
}

/** The ParentTree maps each page's MCIDs to the elements that hold them, and only them. */
function checkParentTree(c: Rendered): void {
  const tree = parentTree(c.view);
  const holders = new Map<string, string>();
  for (const el of allElements(c.tree)) {
    for (const kid of el.kids) {
      if (kid.kind === 'mcid') {
        const key = `${kid.page}#${kid.mcid}`;
        expect(holders.has(key), `${key} held twice`).toBe(false);
        holders.set(key, el.ref);
      }
    }
  }
  let marked = 0;
  c.pages.forEach((page, i) => {
    const mcids = c.contents[i]?.mcids ?? [];
    const key = get(c.view, page)['/StructParents'];
    if (mcids.length === 0) return;
    expect(typeof key, `page ${i + 1} /StructParents`).toBe('number');
    const parents = tree.get(key as number);
    expect(Array.isArray(parents)).toBe(true);
    expect(mcids.map((m) => m.mcid)).toEqual(mcids.map((_, k) => k));
    for (const { mcid, tag } of mcids) {
      const holder = holders.get(`${page}#${mcid}`);
      expect(holder, `page ${i + 1} MCID ${mcid}`).toBeDefined();
      expect((parents as string[])[mcid]).toBe(holder);
      expect(get(c.view, holder)['/S']).toBe(`/${tag}`);
      marked++;
    }
  });
  expect(marked).toBe(holders.size);
}

/** Structure order is content order (the reading order of these one-column pages), page by page. */
function checkOrder(c: Rendered): void {
  const order = new Map<string, number[]>();
  for (const el of allElements(c.tree)) {
    for (const kid of el.kids) {
      if (kid.kind === 'mcid') order.set(kid.page, [...(order.get(kid.page) ?? []), kid.mcid]);
    }
  }
  c.pages.forEach((page, i) => {
    const inContent = (c.contents[i]?.mcids ?? []).map((m) => m.mcid);
    expect(order.get(page) ?? [], `page ${i + 1}`).toEqual(inContent);
  });
}

describe.skipIf(!hasQpdf).each(cases)('tagged PDF: $template ($lang)', (c) => {
  test('pdfinfo says Tagged: yes; catalog: MarkInfo, StructTreeRoot, Lang, DisplayDocTitle', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'courtfile-tagged-'));
    try {
      const file = path.join(dir, 'doc.pdf');
      writeFileSync(file, c.bytes);
      const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
      if (info.error === undefined) expect(info.stdout).toMatch(/^Tagged:\s+yes$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const cat = catalog(c);
    // Written in the catalog itself, as the contract shows it: `/MarkInfo << /Marked true >>`.
    expect(cat['/MarkInfo']).toEqual({ '/Marked': true });
    expect(Buffer.from(c.bytes).toString('latin1')).toMatch(
      /\/MarkInfo\s*<<\s*\/Marked\s+true\s*>>/,
    );
    expect(get(c.view, cat['/StructTreeRoot'])).toMatchObject({ '/Type': '/StructTreeRoot' });
    expect(cat['/Lang']).toBe(`u:${c.lang}`);
    expect(get(c.view, cat['/ViewerPreferences'])).toMatchObject({ '/DisplayDocTitle': true });
  });

  test('XMP: pdfuaid:part 1 (with its extension schema) beside pdfaid:part 2', () => {
    const xmp = c.view.streamData(String(catalog(c)['/Metadata'])).toString('utf8');
    expect(xmp).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
    expect(xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(xmp).toMatch(/<pdfaSchema:prefix>pdfuaid<\/pdfaSchema:prefix>/);
    expect(xmp).toContain('<pdfaProperty:name>part</pdfaProperty:name>');
  });

  test('every painted content item is inside a sequence with an MCID or an /Artifact', () =>
    checkMarked(c));

  test('ParentTree: each page maps every MCID it marks to the element that holds it', () =>
    checkParentTree(c));

  test('structure: Document root; headings; tables with TH /Scope; figures with /Alt; no content in grouping elements', () => {
    expect(c.tree.map((e) => e.type)).toEqual(['Document']);
    const all = allElements(c.tree);
    const types = new Set(all.map((e) => e.type));
    for (const t of ['H1', 'P', 'Table', 'TR', 'TH', 'TD']) expect(types).toContain(t);
    for (const el of all) {
      if (el.type === 'TH') {
        expect(el.dict['/A']).toMatchObject({ '/O': '/Table' });
        expect(['/Column', '/Row']).toContain((el.dict['/A'] as PdfDict)['/Scope']);
      }
      if (el.type === 'Figure') expect(String(el.dict['/Alt'])).toMatch(/^u:.{20,}/);
      if (['Document', 'Table', 'THead', 'TBody', 'TR', 'TOC'].includes(el.type)) {
        expect(
          el.kids.filter((k) => k.kind === 'mcid'),
          el.type,
        ).toEqual([]);
      }
      if (el.type === 'TR') {
        expect(el.kids.every((k) => k.kind === 'element' && /^T[HD]$/.test(k.element.type))).toBe(
          true,
        );
      }
    }
    // Heading levels never skip one going down (PDF/UA, Matterhorn 14-003).
    let last = 0;
    for (const el of all.filter((e) => /^H\d$/.test(e.type))) {
      const level = Number(el.type.slice(1));
      expect(level, `${el.type} after H${last}`).toBeLessThanOrEqual(last + 1);
      last = level;
    }
    if (c.template === 'referral') {
      const figures = all.filter((e) => e.type === 'Figure');
      expect(figures.length).toBeGreaterThanOrEqual(1);
      // The monthly chart's alt text gives each month's total.
      expect(String(figures[0]?.dict['/Alt'])).toMatch(/(12\/2018|December 2018|2018-12): 130$/);
      expect(types).toContain('TOC');
      expect(types).toContain('Caption');
    }
  });

  test('links: each annotation sits in a Link element (OBJR), with /StructParent and /Contents; /Tabs /S', () => {
    const tree = parentTree(c.view);
    const linkOf = new Map<string, StructElement>();
    for (const el of allElements(c.tree)) {
      for (const kid of el.kids) if (kid.kind === 'annotation') linkOf.set(kid.annotation, el);
    }
    let links = 0;
    for (const page of c.pages) {
      const dict = get(c.view, page);
      const annots = (dict['/Annots'] ?? []) as string[];
      if (annots.length > 0) expect(dict['/Tabs']).toBe('/S');
      for (const ref of annots) {
        const annot = get(c.view, ref);
        if (annot['/Subtype'] !== '/Link') continue;
        links++;
        const el = linkOf.get(ref);
        expect(el?.type, `annotation ${ref}`).toBe('Link');
        expect(tree.get(annot['/StructParent'] as number)).toBe(el?.ref);
        expect(String(annot['/Contents'])).toMatch(/^u:.+ \d+$/);
      }
    }
    expect(links).toBe(linkOf.size);
    if (c.template === 'referral') expect(links).toBeGreaterThan(3);
  });

  test('structure order is reading order: on every page, the tree visits MCIDs in content order', () =>
    checkOrder(c));

  test('fonts: no /CIDSet (PDF/A-2 does not need one, and a partial one is an error: pdfkit #1432)', () => {
    let descriptors = 0;
    for (const { dict } of c.view.objects.values()) {
      if (dict['/Type'] !== '/FontDescriptor') continue;
      descriptors++;
      expect(dict['/CIDSet']).toBeUndefined();
    }
    expect(descriptors).toBeGreaterThan(0);
  });
});

describe.skipIf(!hasQpdf)('tagged PDF: tables over many pages, a row taller than a page', () => {
  const big = {} as Rendered;
  beforeAll(async () => {
    const notes = Array.from({ length: 260 }, (_, i) => `Note line ${i + 1}.`).join('\n');
    const dossier = makeDossier({ transfers: 600, notes });
    const out = await renderDocumentWithInfo(dossier, computeFacts(dossier, {}), { date: DATE });
    read(big, out.bytes);
  }, 120_000);
  afterAll(() => big.view?.dispose());

  test('marked, ParentTree and order hold; a continued cell is one TD with MCIDs on two pages', () => {
    checkMarked(big);
    checkParentTree(big);
    checkOrder(big);
    const all = allElements(big.tree);
    const cells = all.filter((e) => e.type === 'TD' || e.type === 'TH');
    const pagesOf = (el: StructElement) =>
      new Set(el.kids.flatMap((k) => (k.kind === 'mcid' ? [k.page] : []))).size;
    expect(cells.some((td) => pagesOf(td) >= 2)).toBe(true);
    // A table over many pages: one THead (repeated headers are artifacts), one TBody.
    const tables = all.filter((e) => e.type === 'Table');
    const pagesOfTable = (t: StructElement) => {
      const pages = new Set<string>();
      const visit = (el: StructElement) =>
        el.kids.forEach((k) =>
          k.kind === 'mcid' ? pages.add(k.page) : k.kind === 'element' && visit(k.element),
        );
      visit(t);
      return pages.size;
    };
    const long = tables.find((t) => pagesOfTable(t) >= 5);
    expect(long).toBeDefined();
    expect(long?.kids.map((k) => (k.kind === 'element' ? k.element.type : k.kind))).toEqual([
      'THead',
      'TBody',
    ]);
    // Every row has as many cells as the header.
    const [head, body] = (long?.kids ?? []).map((k) =>
      k.kind === 'element' ? k.element : undefined,
    );
    const width = head?.kids[0]?.kind === 'element' ? head.kids[0].element.kids.length : 0;
    expect(width).toBeGreaterThan(1);
    for (const row of body?.kids ?? []) {
      expect(row.kind === 'element' && row.element.kids.length).toBe(width);
    }
  });
});
