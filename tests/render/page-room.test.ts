/**
 * Room on the page (docs/templates.md, "The page and its margins"). A template audit
 * found templates that pass `templates check` yet give documents no court can read:
 * - 5 mm margins drew the running header over the body's first line (and its rule
 *   across it), and a large `small` size pushed the footer off the page's foot;
 * - `type: {table: 40, table_leading: 2.5}` drew 3,366 pages where the exhibit table's
 *   header row, taller than a page, was repeated with no row under it (exit 0).
 * Now the body gives way to the furniture, and a document that cannot be laid out is
 * refused (exit 1, nothing written) by render, packet and the trial render of
 * `templates check`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadTemplate } from '../../src/templates/load-template.js';
import { buildTheme, footerRuleY, headerRuleY } from '../../src/render/theme.js';
import { fakeIO } from '../helpers/fake-io.js';
import {
  REPO_ROOT,
  copyExample,
  mutate,
  removeTempDirs,
  tempDir,
} from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

const hasPdftotext = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error === undefined;
const EXAMPLE = path.join(REPO_ROOT, 'examples/dossier/dossier.yaml');
const MM = 72 / 25.4;

function template(dir: string, name: string, body: string): string {
  const file = path.join(dir, `${name}.yaml`);
  writeFileSync(file, `courtfile_template: 1\nname: ${name}\nextends: referral\n${body}`);
  return file;
}

interface Word {
  readonly page: number;
  readonly text: string;
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
}

/** Every word of the PDF with its box (pdftotext -bbox), and each page's height. */
function words(file: string): { words: Word[]; heights: number[] } {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const out: Word[] = [];
  const heights: number[] = [];
  let page = 0;
  for (const line of html.split('\n')) {
    const p = /<page width="([\d.]+)" height="([\d.]+)">/.exec(line);
    if (p) {
      page++;
      heights.push(Number(p[2]));
      continue;
    }
    const w =
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(
        line,
      );
    if (w)
      out.push({
        page,
        text: w[5] ?? '',
        xMin: Number(w[1]),
        yMin: Number(w[2]),
        xMax: Number(w[3]),
        yMax: Number(w[4]),
      });
  }
  return { words: out, heights };
}

/** Pairs of words of one page whose boxes overlap by more than a hairline. */
function overlaps(all: readonly Word[]): string[] {
  const found: string[] = [];
  const byPage = new Map<number, Word[]>();
  for (const w of all) byPage.set(w.page, [...(byPage.get(w.page) ?? []), w]);
  for (const [page, list] of byPage) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i] as Word;
        const b = list[j] as Word;
        const x = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
        const y = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
        if (x > 0.5 && y > 0.5) found.push(`page ${page}: "${a.text}" over "${b.text}"`);
      }
    }
  }
  return found;
}

describe('the body gives way to the running header and footer', () => {
  test('the default margins keep the geometry they always had', async () => {
    const t = await loadTemplate('referral');
    const g = buildTheme(t).geometry;
    expect(g.top).toBeCloseTo(24 * MM, 6);
    expect(g.bottom).toBeCloseTo(g.height - 22 * MM, 6);
    expect(g.textArea).toBeCloseTo(g.height - 46 * MM, 6);
  });

  test.each([
    { small: 8, margin: 5 },
    { small: 20, margin: 5 },
    { small: 40, margin: 5 },
    { small: 40, margin: 12 },
  ])('type.small $small pt, $margin mm margins', async ({ small, margin }) => {
    const dir = tempDir();
    const file = template(
      dir,
      'room',
      `page: {size: A5, margins_mm: {top: ${margin}, right: 5, bottom: ${margin}, left: 5}}\ntype: {small: ${small}}\n`,
    );
    const g = buildTheme(await loadTemplate(file)).geometry;
    const lh = small * 1.2;
    // The body starts under the header's rule and ends over the footer's, with room.
    expect(g.top).toBeGreaterThanOrEqual(headerRuleY(g.headerY, 1, lh) + 4 - 1e-9);
    expect(g.top).toBeGreaterThanOrEqual(margin * MM - 1e-9);
    expect(g.bottom).toBeLessThanOrEqual(footerRuleY(g.footerY) - 4 + 1e-9);
    expect(g.bottom).toBeLessThanOrEqual(g.height - margin * MM + 1e-9);
    // The footer's line ends on the page.
    expect(g.footerY + lh).toBeLessThanOrEqual(g.height - 4 + 1e-9);
  });

  const renders = [
    { name: 'narrow', body: 'page: {margins_mm: {top: 5, right: 5, bottom: 5, left: 5}}\n' },
    // A footer at 20 pt on A5: its centre slot ran into "page 12 sur 21" (now cut to keep
    // clear of it, or left out).
    {
      name: 'footer',
      body: 'page: {size: A5, margins_mm: {left: 24, right: 5, bottom: 5}}\ntype: {small: 20}\n',
    },
    // Headings of many lines at 28 pt on A5 (one ran under the footer, its end lost).
    { name: 'headings', body: 'page: {size: A5}\ntype: {h3: 28}\n' },
    {
      name: 'large',
      body: 'page: {size: A5, margins_mm: {top: 5, right: 5, bottom: 5, left: 5}}\ntype: {small: 20}\n',
    },
  ];
  describe.skipIf(!hasPdftotext).each(['fr', 'en'])('drawn (%s)', (lang) => {
    test.each(renders)('$name: no word over another, every word on its page', async (c) => {
      const dir = tempDir();
      const file = template(dir, c.name, c.body);
      const out = path.join(dir, 'out.pdf');
      const f = fakeIO({ cwd: dir });
      const argv = ['render', EXAMPLE, '--template', file, '--lang', lang, '--date', '2026-01-01'];
      expect(await main([...argv, '-o', out], f.io), f.err()).toBe(0);
      const { words: all, heights } = words(out);
      expect(all.length).toBeGreaterThan(1000);
      expect(overlaps(all)).toEqual([]);
      for (const w of all)
        expect(w.yMax, `${w.text} on page ${w.page}`).toBeLessThanOrEqual(
          heights[w.page - 1] as number,
        );
      // The running header is on every page but the cover's, and comes first on it.
      const court = all.filter((w) => w.text === 'Tribunal' && w.page > 1);
      // (The cover, without it, takes up to three pages of A5 at these sizes.)
      expect(court.length).toBeGreaterThanOrEqual(heights.length - 3);
      for (const w of court) {
        const first = all
          .filter((x) => x.page === w.page)
          .reduce((a, b) => (b.yMin < a.yMin ? b : a));
        expect(first.yMin).toBeGreaterThanOrEqual(w.yMin - 0.5);
      }
    });
  });
});

describe.skipIf(!hasPdftotext)('valid data longer than a page is drawn whole', () => {
  // A charge's qualification of ~7,400 characters (valid: a dossier's text may be long)
  // made a heading taller than a page: it ran under the footer, its end lost, and once
  // the render refused such pages, the default template refused the dossier. The heading
  // now goes on overleaf line by line; a table of contents entry is cut at four lines
  // with an ellipsis (its heading holds the text whole).
  const QUALIFICATION = Array.from(
    { length: 100 },
    (_, i) => `Qualification fictive de test numéro ${i + 1} de longueur inhabituelle`,
  ).join(' ');

  test.each(['fr', 'en'])('a charge qualification of 7,400 characters (%s)', async (lang) => {
    const dir = copyExample();
    mutate(
      path.join(dir, 'dossier.yaml'),
      'qualification: "Corruption de mineurs de quinze ans"',
      `qualification: "${QUALIFICATION}"`,
    );
    const out = path.join(dir, 'out.pdf');
    const f = fakeIO({ cwd: dir });
    const argv = ['render', 'dossier.yaml', '--lang', lang, '--date', '2026-01-01', '-o', out];
    expect(await main(argv, f.io), f.err()).toBe(0);
    const { words: all, heights } = words(out);
    expect(overlaps(all)).toEqual([]);
    for (const w of all) expect(w.yMax).toBeLessThanOrEqual(heights[w.page - 1] as number);
    // Every one of its hundred parts is in the text, in order, the last one overleaf of the first.
    const text = all.map((w) => w.text).join(' ');
    let from = 0;
    for (let i = 1; i <= 100; i++) {
      const at = text.indexOf(`numéro ${i} de longueur`, from);
      expect(at, `part ${i}`).toBeGreaterThan(from - 1);
      from = at;
    }
    const pageOf = (n: number) =>
      all.find((w, k) => w.text === `${n}` && all[k - 1]?.text === 'numéro')?.page;
    expect(pageOf(100)).toBeGreaterThan(pageOf(1) as number);
  });

  // The cover has no running footer: its case reference and marking, drawn whole, may
  // go down to near the page's edge, as before the foot-of-body check (a review found a
  // reference of 44 short lines, or 2,450 characters, refused though drawn whole then);
  // past the page's edge they are refused (its end was lost).
  test.each([
    { what: '44 short lines', value: (i: number) => `X${i}`, lines: 44, status: 0 },
    { what: '2,450 characters', value: () => 'AB'.repeat(1225), lines: 1, status: 0 },
    { what: '6,000 characters', value: () => 'AB'.repeat(3000), lines: 1, status: 1 },
  ])('a case reference of $what', async ({ value, lines, status }) => {
    const dir = copyExample();
    const reference = Array.from({ length: lines }, (_, i) => value(i)).join('\\n');
    mutate(
      path.join(dir, 'dossier.yaml'),
      'reference: "19-123-000456"',
      `reference: "${reference}"`,
    );
    const f = fakeIO({ cwd: dir });
    const argv = ['render', 'dossier.yaml', '--date', '2026-01-01', '-o', 'out.pdf'];
    expect(await main(argv, f.io), f.err()).toBe(status);
    if (status === 0) {
      const { words: all, heights } = words(path.join(dir, 'out.pdf'));
      for (const w of all) expect(w.yMax).toBeLessThanOrEqual((heights[w.page - 1] as number) - 4);
    } else {
      expect(f.err()).toMatch(/^courtfile: error: page 2 runs \d+ mm past the foot of the page: /);
      expect(existsSync(path.join(dir, 'out.pdf'))).toBe(false);
    }
  });

  test('a table of contents entry of 3,000 characters is cut at four lines', async () => {
    const dir = tempDir();
    const title = QUALIFICATION.slice(0, 3000);
    const file = template(
      dir,
      'longtoc',
      `sections:\n  - type: cover\n    furniture: false\n  - type: toc\n  - type: case-summary\n    title: "${title}"\n  - type: persons\n`,
    );
    const out = path.join(dir, 'out.pdf');
    const f = fakeIO({ cwd: dir });
    const argv = ['render', EXAMPLE, '--template', file, '--date', '2026-01-01', '-o', out];
    expect(await main(argv, f.io), f.err()).toBe(0);
    const page = (n: number) =>
      execFileSync('pdftotext', ['-f', `${n}`, '-l', `${n}`, '-enc', 'UTF-8', out, '-'], {
        encoding: 'utf8',
      });
    const toc = page(2);
    expect(toc).toContain('Qualification fictive de test numéro 1 ');
    expect(toc).toContain('…');
    expect(toc).not.toContain('numéro 40 ');
    const { words: all } = words(out);
    expect(all.filter((w) => w.page === 2 && w.text === 'Qualification').length).toBeLessThan(8);
    // The heading holds it whole.
    const body = all
      .filter((w) => w.page > 2)
      .map((w) => w.text)
      .join(' ');
    expect(body).toContain('numéro 40 ');
  });
});

describe.skipIf(!hasPdftotext)('the charts at large type sizes', () => {
  // A grid of templates found, at `table: 14` (the charts' size), the label of a transfer
  // on the first day of a month drawn over the lane's name ("40,00 USD" over "Transferts"):
  // mark labels now start at the plot's left edge at the earliest.
  test.each(['fr', 'en'])('no label over another (%s)', async (lang) => {
    const dir = tempDir();
    const file = template(dir, 'bigcharts', 'type: {table: 14, table_leading: 2}\n');
    const out = path.join(dir, 'out.pdf');
    const f = fakeIO({ cwd: dir });
    const argv = ['render', EXAMPLE, '--template', file, '--lang', lang, '--date', '2026-01-01'];
    expect(await main([...argv, '-o', out], f.io), f.err()).toBe(0);
    const { words: all } = words(out);
    const lanes = new Set(lang === 'fr' ? ['Transferts', 'Sessions'] : ['Transfers', 'Sessions']);
    const timelinePages = new Set(
      all.filter((w) => w.text === 'Sessions' && w.xMin < 80).map((w) => w.page),
    );
    expect(timelinePages.size).toBeGreaterThanOrEqual(6);
    const onTimelines = all.filter((w) => timelinePages.has(w.page));
    const laneOverlaps = overlaps(onTimelines).filter((o) =>
      [...lanes].some((l) => o.includes(`"${l}"`)),
    );
    expect(laneOverlaps).toEqual([]);
    // Nor anywhere else: the monthly chart's top tick (`600`) was drawn over its axis
    // title, its first month's name over its `0`.
    expect(overlaps(all)).toEqual([]);
  });
});

describe('a document that cannot be laid out is refused', () => {
  // On A3 landscape, wide enough for each column's letters at 40 pt (on A4 its `Réf.`
  // column is narrower than a letter: refused for that first, see the last describe).
  // The first table refused is the persons' or, since the width left in a crowded table
  // keeps its header's words whole first, the victims' (both begin with `Réf.`).
  const TALL_HEADER =
    'page: {size: A3, orientation: landscape}\ntype: {table: 40, table_leading: 2.5}\n';
  const TALL_FURNITURE =
    'page: {size: A5, orientation: landscape, margins_mm: {top: 5, bottom: 43}}\ntype: {small: 40}\n';

  test('render: a table header taller than a page, exit 1, the output left as it was', async () => {
    const dir = tempDir();
    const file = template(dir, 'tall', TALL_HEADER);
    const out = path.join(dir, 'out.pdf');
    writeFileSync(out, 'an earlier file');
    const f = fakeIO({ cwd: dir });
    expect(await main(['render', EXAMPLE, '--template', file, '-o', out], f.io)).toBe(1);
    expect(f.err()).toMatch(
      /^courtfile: error: the table of columns "Réf\., .*" cannot be laid out: its header row \(\d+ mm\), a continuation caption and three lines of a row need \d+ mm, more than the \d+ mm of a page's body; make the template's type sizes/,
    );
    expect(f.err()).not.toMatch(/internal|at .*\.js/);
    expect(readFileSync(out, 'utf8')).toBe('an earlier file');
  });

  test('render: furniture that takes the page, exit 1', async () => {
    const dir = tempDir();
    const file = template(dir, 'furniture', TALL_FURNITURE);
    const out = path.join(dir, 'out.pdf');
    const f = fakeIO({ cwd: dir });
    expect(await main(['render', EXAMPLE, '--template', file, '-o', out], f.io)).toBe(1);
    expect(f.err()).toMatch(
      /^courtfile: error: the running header \(\d+ lines at type\.small 40 pt\) and footer leave (\d+ mm|nothing) of the 100 mm the margins give the text, less than two thirds of it/,
    );
    expect(existsSync(out)).toBe(false);
  });

  test('render: a hidden footer is not named', async () => {
    const dir = tempDir();
    const file = template(dir, 'nofooter', `${TALL_FURNITURE}footer: {show: false}\n`);
    const f = fakeIO({ cwd: dir });
    expect(await main(['render', EXAMPLE, '--template', file, '-o', 'out.pdf'], f.io)).toBe(1);
    expect(f.err()).toMatch(/the running header \(\d+ lines at type\.small 40 pt\) leaves /);
    expect(f.err()).not.toContain('footer');
  });

  // A block that no page's body holds: the monthly chart (230 pt) on a page whose header
  // wraps on seven lines (its caption was drawn over the footer).
  test.each([
    {
      name: 'chart',
      body: "page: {size: A5, orientation: landscape}\ntype: {small: 13}\nheader: {left: 'Tribunal judiciaire de Paris, pôle national de lutte contre la haine en ligne et les atteintes aux mineurs — Affaire {{case.reference}} — Cabinet du juge d’instruction', right: 'DIFFUSION RESTREINTE — SECRET DE L’INSTRUCTION (ARTICLE 11 DU CODE DE PROCÉDURE PÉNALE) — DOCUMENT NOMINATIF — NE PAS REPRODUIRE NI DIFFUSER HORS DE LA PROCÉDURE JUDICIAIRE EN COURS'}\n",
      lang: 'en',
      says: /^courtfile: error: page \d+ runs \d+ mm past the foot of the page's body/,
    },
  ])('render: $name taller than a page body, exit 1, nothing written', async (c) => {
    const dir = tempDir();
    const file = template(dir, c.name, c.body);
    const f = fakeIO({ cwd: dir });
    const argv = ['render', EXAMPLE, '--template', file, '--lang', c.lang, '-o', 'out.pdf'];
    expect(await main(argv, f.io), f.err()).toBe(1);
    expect(f.err()).toMatch(c.says);
    expect(existsSync(path.join(dir, 'out.pdf'))).toBe(false);
  });

  test('packet: exit 1 and no folder', async () => {
    const dir = tempDir();
    const file = template(dir, 'tall', TALL_HEADER);
    const f = fakeIO({ cwd: dir });
    const status = await main(['packet', EXAMPLE, '--template', file, '-o', 'packet'], f.io);
    expect(status, f.err()).toBe(1);
    expect(f.err()).toContain('cannot be laid out');
    expect(existsSync(path.join(dir, 'packet'))).toBe(false);
  });

  test('templates check warns of a table header that takes most of a page (A5, table 12 pt)', async () => {
    const dir = tempDir();
    const file = template(dir, 'wide', 'page: {size: A5}\ntype: {table: 12, table_leading: 1.5}\n');
    const run = async (strict: boolean) => {
      const f = fakeIO({ cwd: dir });
      const argv = [
        'templates',
        'check',
        file,
        '--format',
        'json',
        ...(strict ? ['--strict'] : []),
      ];
      const status = await main(argv, f.io);
      const report = JSON.parse(f.out()) as {
        diagnostics: {
          code: string;
          severity: string;
          line: number;
          column: number;
          message: string;
        }[];
      };
      return { status, diagnostics: report.diagnostics };
    };
    const { status, diagnostics: all } = await run(false);
    expect(status).toBe(0);
    // Its `Ref.` column, 4 mm wide, draws `R-` smaller (see the last describe).
    const diagnostics = all.filter((d) => !/too narrow for a piece/.test(d.message));
    expect(all.length - diagnostics.length).toBe(2);
    // "(and N more like it)" counts columns of other tables, once each, not the lines of
    // one column in every layout pass (the review saw 19 for the one `Réf.` header).
    for (const d of all.filter((x) => /too narrow for a piece/.test(x.message)))
      expect(Number(/and (\d+) more like it/.exec(d.message)?.[1] ?? 0)).toBeLessThan(6);
    // At `table` of `type: {table: 12, ...}`, once per language.
    expect(diagnostics.map((d) => [d.code, d.severity, d.line, d.column])).toEqual([
      ['template-render', 'warning', 5, 8],
      ['template-render', 'warning', 5, 8],
    ]);
    expect(diagnostics[0]?.message).toMatch(
      /^trial render \(en, examples\/dossier\/dossier\.yaml\): the table "Money transfers": its header row takes \d+% of a page's body \(\d+ mm of \d+ mm\), repeated on every page/,
    );
    expect(diagnostics[1]?.message).toMatch(
      /\(fr, .*\): the table "Transferts de fonds": its header row takes/,
    );
    for (const d of diagnostics) {
      const share = Number(/takes (\d+)%/.exec(d.message)?.[1]);
      expect(share).toBeGreaterThan(50);
      expect(share).toBeLessThan(100);
    }
    expect((await run(true)).status).toBe(1);
    // The document itself renders: the template allows it.
    const f = fakeIO({ cwd: dir });
    expect(await main(['render', EXAMPLE, '--template', file, '-o', 'out.pdf'], f.io)).toBe(0);
  });

  test('one warning per language for many tables alike (the evidence index: a table per exhibit)', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'index.yaml');
    writeFileSync(
      file,
      'courtfile_template: 1\nname: index\nextends: evidence-index\npage: {size: A5}\ntype: {table: 20, table_leading: 2.5}\n',
    );
    const f = fakeIO({ cwd: dir });
    expect(await main(['templates', 'check', file, '--format', 'json'], f.io)).toBe(0);
    const report = JSON.parse(f.out()) as { diagnostics: { code: string; message: string }[] };
    const notes = report.diagnostics.filter((d) => d.code === 'template-render');
    // (English labels make the header taller: there only, or in both languages.)
    expect(notes.length).toBeGreaterThanOrEqual(1);
    expect(notes.length).toBeLessThanOrEqual(2);
    for (const d of notes) expect(d.message).toMatch(/\(and [1-9]\d* more like it\)$/);
  });

  test('packet --format json: exit 1, the reason in failures, nothing written', async () => {
    const dir = tempDir();
    const file = template(dir, 'tall', TALL_HEADER);
    const f = fakeIO({ cwd: dir });
    const argv = ['packet', EXAMPLE, '--template', file, '-o', 'packet', '--format', 'json'];
    expect(await main(argv, f.io), f.err()).toBe(1);
    const report = JSON.parse(f.out()) as { errors: number; failures: string[] };
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]).toMatch(/^the table of columns ".*" cannot be laid out: /);
    expect(existsSync(path.join(dir, 'packet'))).toBe(false);
  });

  test.each([
    {
      name: 'tall',
      body: TALL_HEADER,
      says: /the table of columns "Réf\., .*" cannot be laid out: its header row/,
      // `table` of `type: {table: 40, ...}` (line 5: after the three lines template() writes
      // and the page's).
      at: [5, 8],
    },
    {
      name: 'furniture',
      body: TALL_FURNITURE,
      says: /the running header \(\d+ lines at type\.small 40 pt\)/,
      // `small` of `type: {small: 40}`.
      at: [5, 8],
    },
    {
      // No key of the checked file sets it (its parent does): the file's top.
      name: 'inherited',
      body: '',
      parent: TALL_HEADER,
      says: /cannot be laid out/,
      at: [1, 1],
    },
  ])('templates check: $name is a template-render error at the key that sets it', async (c) => {
    const dir = tempDir();
    let file = template(dir, c.name, c.body);
    if ('parent' in c) {
      template(dir, 'parent', c.parent ?? '');
      file = path.join(dir, 'inherited.yaml');
      writeFileSync(file, 'courtfile_template: 1\nname: inherited\nextends: ./parent.yaml\n');
    }
    const f = fakeIO({ cwd: dir });
    expect(await main(['templates', 'check', file, '--format', 'json'], f.io)).toBe(1);
    const report = JSON.parse(f.out()) as {
      diagnostics: { code: string; line: number; column: number; message: string }[];
    };
    const errors = report.diagnostics.filter((d) => d.code === 'template-render');
    expect(errors.map((d) => [d.line, d.column])).toEqual([c.at, c.at]);
    expect(errors.some((d) => c.says.test(d.message))).toBe(true);
  });
});

// A template grid (session 28) found a column narrower than a letter of its text and a
// hyphen at large table sizes on a narrow page: `R-` of the persons table's header drawn
// over `Ide-` in the next column, exit 0, `templates check` silent. A line wider than its
// column is now drawn smaller to fit (a warning of templates check), down to 70% of its
// size; a column that cannot hold its text even so refuses the layout.
describe('a column narrower than its text', () => {
  // A4 with 40 mm margins (130 mm of text) at table 16 pt: the persons table's `Ref.`
  // column is 5 mm wide, its header's letters drawn at 14.2 pt.
  const SHRUNK =
    'page: {size: A4, margins_mm: {top: 40, right: 40, bottom: 40, left: 40}}\ntype: {table: 16}\n';
  // 80 mm on the left, table 20 pt: the same column is 3 mm wide, under a letter at 14 pt.
  const TOO_NARROW =
    'page: {size: A4, margins_mm: {top: 40, right: 40, bottom: 40, left: 80}}\ntype: {table: 20}\n';

  test('templates check warns at type.table, once per language, naming the column', async () => {
    const dir = tempDir();
    const file = template(dir, 'narrow', SHRUNK);
    const f = fakeIO({ cwd: dir });
    expect(await main(['templates', 'check', file, '--format', 'json'], f.io), f.err()).toBe(0);
    const report = JSON.parse(f.out()) as {
      diagnostics: {
        code: string;
        severity: string;
        line: number;
        column: number;
        message: string;
      }[];
    };
    const narrow = report.diagnostics.filter((d) => /too narrow for a piece/.test(d.message));
    expect(narrow.map((d) => [d.severity, d.line, d.column])).toEqual([
      ['warning', 5, 8],
      ['warning', 5, 8],
    ]);
    expect(narrow[0]?.message).toMatch(
      /column "Ref\." \(5 mm\) is too narrow for a piece of its text that cannot be broken further \(a letter and a hyphen\) at 16 pt, drawn there at 14\.2 pt; /,
    );
  });

  test('too narrow even at 70%: render exit 1, nothing written; templates check error at type.table', async () => {
    const dir = tempDir();
    const file = template(dir, 'toonarrow', TOO_NARROW);
    const f = fakeIO({ cwd: dir });
    expect(await main(['render', EXAMPLE, '--template', file, '-o', 'out.pdf'], f.io)).toBe(1);
    expect(f.err()).toMatch(
      /^courtfile: error: the table of columns "Réf\., Identité, .*" cannot be laid out: column "Réf\." \(3 mm\) cannot hold its text, a piece of which cannot be broken further and is \d+ mm wide at 20 pt, too wide even drawn at 14 pt; /,
    );
    expect(existsSync(path.join(dir, 'out.pdf'))).toBe(false);
    const g = fakeIO({ cwd: dir });
    expect(await main(['templates', 'check', file, '--format', 'json'], g.io)).toBe(1);
    const report = JSON.parse(g.out()) as {
      diagnostics: { code: string; line: number; column: number; message: string }[];
    };
    const errors = report.diagnostics.filter((d) => d.code === 'template-render');
    expect(errors.map((d) => [d.line, d.column])).toEqual([
      [5, 8],
      [5, 8],
    ]);
  });
});
