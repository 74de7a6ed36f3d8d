import { beforeAll, describe, expect, test } from 'vitest';
import { toolVersion } from '../../src/assets.js';
import { makeDossier, unusedEvidenceWarning } from './fixtures.js';
import type { Rendered } from './helpers.js';
import { renderAndRead } from './helpers.js';
import { squash } from './pdf-text.js';

const FR_SECTIONS = [
  'Synthèse de l’affaire',
  'Personnes en cause',
  'Qualifications retenues',
  'Transferts de fonds',
  'Ventilation des transferts effectués',
  'Montants mensuels des transferts effectués',
  'Échanges électroniques',
  'Concordance entre paiements et sessions en direct',
  'Chronologie des faits',
  'Index des pièces',
];

function pageOf(r: Rendered, needle: string): number {
  return r.pdf.pages.findIndex((p) => squash(p).includes(needle)) + 1;
}

describe('referral summary, French', () => {
  let r: Rendered;
  beforeAll(async () => {
    r = await renderAndRead(makeDossier());
  });

  test('every section heading, numbered, in template order', () => {
    let last = 0;
    FR_SECTIONS.forEach((title) => {
      const page = r.pdf.outline.find((o) => o.title.endsWith(title))?.page ?? 0;
      expect(page, title).toBeGreaterThanOrEqual(last);
      expect(squash(r.pdf.pages[page - 1] ?? '')).toContain(title);
      last = page;
    });
    expect(r.pdf.outline.map((o) => o.title)).toContain(
      '4.1. Ventilation des transferts effectués',
    );
  });

  test('cover: court, reference, marking, generation date, full fingerprint; no furniture', () => {
    const cover = squash(r.pdf.pages[0] ?? '');
    expect(cover).toContain('Tribunal judiciaire de Paris');
    expect(cover).toContain('Affaire n° 19-123-000456');
    expect(cover).toContain('DIFFUSION RESTREINTE');
    expect(cover).toContain('01/05/2024');
    expect(cover).toMatch(/[0-9a-f]{64}/);
    expect(cover).not.toMatch(/page 1 sur/);
  });

  test('"page X sur Y" on every page but the cover, with the right total', () => {
    expect(r.pages).toBe(r.pdf.pages.length);
    r.pdf.pages.forEach((text, i) => {
      if (i === 0) return;
      expect(squash(text)).toContain(`page ${i + 1} sur ${r.pages}`);
      expect(squash(text)).toContain('19-123-000456');
    });
  });

  test('outline entries lead to the pages of their headings', () => {
    expect(r.pdf.outline.length).toBeGreaterThanOrEqual(FR_SECTIONS.length);
    for (const o of r.pdf.outline) {
      expect(o.page, o.title).toBeDefined();
      expect(squash(r.pdf.pages[(o.page ?? 1) - 1] ?? '')).toContain(o.title);
    }
  });

  test('table of contents: page numbers and links resolve to the headings', () => {
    const tocPage = pageOf(r, 'Sommaire');
    const toc = squash(r.pdf.pages[tocPage - 1] ?? '');
    const entries = r.pdf.outline.filter((o) => o.title !== 'Sommaire');
    const links = r.pdf.links.filter((l) => l.page === tocPage);
    expect(links).toHaveLength(entries.length);
    links.forEach((link, i) => {
      const entry = entries[i];
      expect(link.target).toBe(entry?.page);
      expect(toc).toContain(`${entry?.title} ${entry?.page}`);
    });
  });

  test('document information and XMP metadata', () => {
    expect(r.pdf.info.Title).toBe('Rapport de synthèse aux fins de saisine — 19-123-000456');
    expect(r.pdf.info.Producer).toBe(`courtfile ${toolVersion()}`);
    expect(r.pdf.info.Author).toBe('Capitaine M. Ravenel');
    expect(String(r.pdf.info.Keywords)).toContain('19-123-000456');
    expect(r.pdf.info.Language).toBe('fr');
    expect(r.pdf.info.PDFFormatVersion).toBe('1.7');
    expect(r.pdf.xmp['dc:title']).toBe(r.pdf.info.Title);
    expect(r.pdf.xmp['pdf:producer']).toBe(r.pdf.info.Producer);
    expect(r.pdf.xmp['pdfaid:part']).toBe('2');
    expect(r.pdf.xmp['xmp:createdate']).toBe('2024-05-01T00:00:00Z');
    expect(r.pdf.xmp['xmp:modifydate']).toBe('2024-05-01T00:00:00Z');
  });

  // Readers turn U+202F and U+00A0 into plain spaces when extracting text (pdf.js,
  // poppler, mupdf alike); tools.test.ts checks the ToUnicode map holds U+202F itself.
  test('French conventions: 1 234,56 €, dd/mm/yyyy HH:mm, Romanian and Filipino names', () => {
    const all = r.pdf.pages.join('\n');
    expect(squash(all)).toContain('1 234,56 €');
    expect(all).toMatch(/\b14\/01\/2018\s+19:42\b/);
    expect(all).toContain('Ionuț-Cristian Mărășteanu');
    expect(all).toContain('Maricel Dela Peña Ibañez');
    expect(all).not.toContain('?');
  });

  test('transfers: table, conversion, total, rates; chart axes; correlation window', () => {
    const all = squash(r.pdf.pages.join('\n'));
    expect(all).toContain('1 160,00 USD');
    expect(all).toContain('966,28 €');
    expect(all).toMatch(/non compté \(tenté\)/);
    expect(all).toContain('Taux de change appliqués');
    expect(all).toContain('Montant (EUR)');
    expect(all).toContain('Mois (fuseau Europe/Paris)');
    expect(all).toContain('± 48 h');
  });
});

describe('the table of rates', () => {
  test('a rate of 23 decimals is drawn whole on one line, never broken with a hyphen; the rounding is worded for any currency', async () => {
    const base = makeDossier();
    const rate = { ...base.rates[0]!, rate: { units: 12345678901234567890123n, scale: 23 } };
    for (const [lang, text, rounding] of [
      ['fr', '0,12345678901234567890123', 'plus petite unité de la devise de référence'],
      ['en', '0.12345678901234567890123', 'smallest unit of the reporting currency'],
    ] as const) {
      const r = await renderAndRead({ ...base, rates: [rate] }, { lang });
      const lines = r.pdf.pages.flatMap((p) => p.split('\n')).map((l) => squash(l));
      expect(
        lines.filter((l) => l.includes(text)),
        lang,
      ).toHaveLength(1);
      expect(
        lines.some((l) => /0[.,]1234567890123456789012-?$/.test(l.trim())),
        lang,
      ).toBe(false);
      expect(squash(r.pdf.pages.join(' ')).replace(/\s+/g, ' '), lang).toContain(rounding);
    }
  });
});

describe('huge amounts', () => {
  // A review found `…505 555 55-` / `5 …` in the breakdown tables and the case summary:
  // read as a minus sign or a cut.
  test('an amount of 26 digits is drawn whole on one line in the summary, the transfers table and the breakdowns', async () => {
    const base = makeDossier();
    const huge = 5555555505555555550555555n;
    const transfers = base.transfers.map((t, i) =>
      // T-00002: not linked to a session (the correlation table has a test of its own).
      i === 1
        ? { ...t, amount: { ...t.amount, minor: huge }, amountText: '55555555055555555505555.55' }
        : t,
    );
    for (const lang of ['fr', 'en'] as const) {
      const r = await renderAndRead({ ...base, transfers }, { lang });
      const lines = r.pdf.pages.flatMap((p) => p.split('\n')).map((l) => squash(l).trim());
      // No share broken (`100,0 %` as `100,` / `0 %`), no line ending in a digit and a
      // hyphen (a number broken), anywhere.
      expect(
        lines.filter((l) => /\d-$/.test(l)),
        lang,
      ).toEqual([]);
      expect(
        lines.filter((l) => /\b100[,.]$/.test(l)),
        lang,
      ).toEqual([]);
      // The grand total (the huge amount plus the others) appears whole on a line of the
      // summary and of every breakdown's total row.
      const whole = lines.filter((l) =>
        /(55[\s\u202f\u00a0,]?555[\s\u202f\u00a0,]?555[\s\u202f\u00a0,]?055)/.test(l),
      );
      expect(whole.length, lang).toBeGreaterThanOrEqual(5);
    }
  });
});

describe('the correlation table', () => {
  test('an amount of 26 digits is drawn whole on one line beside its transfer id', async () => {
    const base = makeDossier();
    const huge = 5555555505555555550555555n;
    const transfers = base.transfers.map((t) => ({
      ...t,
      amount: { ...t.amount, minor: huge },
      amountText: '55555555055555555505555.55',
    }));
    for (const lang of ['fr', 'en'] as const) {
      const r = await renderAndRead({ ...base, transfers }, { lang });
      const heading =
        lang === 'fr'
          ? 'Concordance entre paiements et sessions en direct'
          : 'Payments and live sessions';
      const all = r.pdf.pages.flatMap((p) => p.split('\n')).map((l) => squash(l).trim());
      const start = all.findLastIndex((l) => l.includes(heading));
      expect(start, lang).toBeGreaterThan(0);
      const end = all.findIndex((l, k) => k > start && l.startsWith('7. '));
      const lines = all.slice(start, end < 0 ? undefined : end);
      // Every piece of the amount's digits sits on a line that holds all of them.
      const digits = /5{2}[\s\u202f\u00a0,]?5{3}[\s\u202f\u00a0,]?5{3}[\s\u202f\u00a0,]?055/;
      const pieces = lines.filter((l) => /\d{3}[\s\u202f\u00a0,.]\d{3}/.test(l) && /555/.test(l));
      expect(pieces.length, lang).toBeGreaterThan(0);
      expect(
        pieces.filter((l) => !(digits.test(l) && /55[,.]55/.test(l))),
        lang,
      ).toEqual([]);
    }
  });

  test('a payment and a session read from the same exhibit name it once', async () => {
    const base = makeDossier();
    const both = await renderAndRead(base);
    const same = await renderAndRead({
      ...base,
      transfers: base.transfers.map((t) => ({ ...t, evidence: 'E02' })),
    });
    // The correlation section's text: from its heading to the next section's.
    const section = (r: Rendered) => {
      const all = squash(r.pdf.pages.join('\n'));
      const start = all.lastIndexOf('Concordance entre paiements et sessions en direct');
      const end = all.indexOf('\n7. ', start);
      expect(start).toBeGreaterThan(0);
      return all.slice(start, end < 0 ? undefined : end);
    };
    // The fixture's payments are in E01, its sessions in E02: a row per pair names both.
    const pairs = section(both).match(/E01, E02/g)?.length ?? 0;
    expect(pairs).toBeGreaterThan(0);
    // The same pairs, each naming the one exhibit once.
    expect(section(same)).not.toContain('E02, E02');
    expect(section(same).match(/\bE02\b/g)?.length ?? 0).toBeGreaterThanOrEqual(pairs);
  });
});

describe('referral summary, English', () => {
  test('English labels and conventions', async () => {
    const r = await renderAndRead(makeDossier(), { lang: 'en' });
    const all = r.pdf.pages.join('\n');
    expect(squash(all)).toContain('Money transfers');
    expect(all).toContain('€1,234.56');
    expect(squash(all)).toContain('USD 1,160.00');
    expect(all).toMatch(/2018-01-14\s+19:42/);
    r.pdf.pages
      .slice(1)
      .forEach((text, i) => expect(squash(text)).toContain(`page ${i + 2} / ${r.pages}`));
    expect(r.pdf.info.Language).toBe('en');
    // The cover writes its dates alike: the period as "Proceedings opened on" (an audit
    // found "from 2018-01-12 to 2018-12-10" beside "21 January 2019").
    const cover = squash(r.pdf.pages[0] ?? '');
    expect(cover).toMatch(/Proceedings opened on\s+21 January 2019/);
    expect(cover).toMatch(/Period of the facts\s+from 12 January 2018 to 10 December 2018/);
  });
});

describe('audit (session 26): empty lists and the exchanges counts tables', () => {
  test('no transfer, no exchange: "None." under the breakdowns and the exchanges, not tables of zeros', async () => {
    for (const lang of ['fr', 'en'] as const) {
      const r = await renderAndRead({ ...makeDossier(), transfers: [], exchanges: [] }, { lang });
      const text = r.pdf.pages.map(squash).join('\n');
      const none = lang === 'fr' ? 'Néant.' : 'None.';
      const after = (heading: string) => {
        const at = text.lastIndexOf(heading);
        expect(at, heading).toBeGreaterThanOrEqual(0);
        return text.slice(at + heading.length, at + heading.length + 400);
      };
      const breakdowns =
        lang === 'fr'
          ? '4.1. Ventilation des transferts effectués'
          : '4.1. Breakdown of completed transfers';
      expect(after(breakdowns).trimStart().startsWith(none), lang).toBe(true);
      expect(text).not.toMatch(lang === 'fr' ? /Par émetteur/ : /By sender/);
      const exchanges = lang === 'fr' ? '5. Échanges électroniques' : '5. Electronic exchanges';
      expect(after(exchanges)).toContain(none);
    }
  });

  test('the counts tables of the exchanges head their first column with what the rows are', async () => {
    for (const [lang, pairs] of [
      [
        'fr',
        [
          ['Par nature', 'Nature'],
          ['Par plateforme', 'Plateforme'],
        ],
      ],
      [
        'en',
        [
          ['By kind', 'Kind'],
          ['By platform', 'Platform'],
        ],
      ],
    ] as const) {
      const r = await renderAndRead(makeDossier(), { lang });
      const lines = r.pdf.pages.flatMap((p) => p.split('\n').map((l) => squash(l).trim()));
      for (const [title, column] of pairs) {
        const at = lines.lastIndexOf(title);
        expect(at, title).toBeGreaterThanOrEqual(0);
        const header = lines.slice(at + 1).find((l) => l.length > 0) ?? '';
        expect(header, title).toMatch(new RegExp(`^${column}\\s`));
      }
    }
  });
});

describe('evidence index', () => {
  test('exhibits in full: files with size and the full digest, custody', async () => {
    const r = await renderAndRead(makeDossier(), { template: 'evidence-index' });
    const all = r.pdf.pages.join('\n');
    expect(squash(all)).toContain('Index des pièces');
    expect(all.replace(/\s+/g, '')).toContain(
      'a3f1c2d4e5b6978812345678901234567890abcdefabcdefabcdef0123456789',
    );
    expect(squash(all)).toContain('202 769 octets');
    expect(squash(all)).toContain('placé sous scellé');
    expect(r.pdf.outline.map((o) => o.title)).toContain(
      'E01 — Export des envois Western Union 2018',
    );
  });
});

describe('metadata escaping', () => {
  test('a title with & < > " makes well-formed XMP', async () => {
    const r = await renderAndRead(makeDossier({ title: 'Abus & <exploitation> "en ligne"' }));
    expect(r.pdf.xmp['dc:description']).toBe('Abus & <exploitation> "en ligne"');
    expect(r.pdf.xmpRaw).toContain('Abus &amp; &lt;exploitation&gt; &quot;en ligne&quot;');
  });
});

describe('warnings annex', () => {
  test('validation warnings are listed in a lettered annex; none, no annex', async () => {
    const warning = unusedEvidenceWarning;
    const r = await renderAndRead(makeDossier(), { diagnostics: [warning] });
    const last = squash(r.pdf.pages[r.pages - 1] ?? '');
    expect(last).toContain('Annexe A — Avertissements de validation');
    expect(last).toContain('dossier.yaml:42:5');
    expect(last).toContain('unused-evidence');
    expect(r.pdf.outline.map((o) => o.title)).toContain('Annexe A — Avertissements de validation');
    const clean = await renderAndRead(makeDossier());
    expect(squash(clean.pdf.pages.join('\n'))).not.toContain('Avertissements de validation');
  });
});
