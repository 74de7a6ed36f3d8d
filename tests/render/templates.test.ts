import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ToolError, UsageError } from '../../src/errors.js';
import { computeFacts } from '../../src/facts/index.js';
import { LABEL_KEYS } from '../../src/templates/label-keys.js';
import {
  checkTemplate,
  listTemplates,
  loadTemplate,
  TemplateError,
} from '../../src/templates/load-template.js';
import { interpolate, parsePlaceholders } from '../../src/templates/placeholders.js';
import { makeDossier } from './fixtures.js';
import { renderAndRead } from './helpers.js';
import { squash } from './pdf-text.js';

function tempTemplate(name: string, text: string): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'courtfile-tpl-'));
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return { dir, file };
}

describe('built-in templates', () => {
  test('listTemplates: referral and evidence-index, described in both languages', async () => {
    const list = await listTemplates();
    expect(list.map((t) => t.name)).toEqual(['evidence-index', 'referral']);
    for (const t of list) {
      expect(t.description.fr).not.toBe('');
      expect(t.description.en).not.toBe('');
    }
  });

  test('referral: sections in order, every label in fr and en', async () => {
    const t = await loadTemplate('referral');
    expect(t.sections.map((s) => s.type)).toEqual([
      'cover',
      'toc',
      'case-summary',
      'persons',
      'charges',
      'transfers',
      'transfer-breakdowns',
      'monthly-chart',
      'exchanges',
      'correlations',
      'timeline',
      'chronology',
      'exhibits',
      'annexes',
      'warnings-annex',
    ]);
    for (const lang of ['fr', 'en'] as const)
      for (const key of LABEL_KEYS) expect(t.labels[lang][key], `${lang} ${key}`).toBeTruthy();
    expect(t.source).toBe('built-in');
  });

  test('evidence-index extends referral: its own sections and title, the other labels inherited', async () => {
    const t = await loadTemplate('evidence-index');
    expect(t.sections.map((s) => s.type)).toEqual(['cover', 'text', 'exhibits', 'warnings-annex']);
    expect(t.labels.fr.document_title).toBe('Index des pièces');
    expect(t.labels.en['section.exhibits']).toBe('Exhibit index');
    expect(t.page.size).toBe('A4');
  });
});

describe('template files', () => {
  test('extends a built-in, overrides labels and sections; the render follows', async () => {
    const { file } = tempTemplate(
      'short.yaml',
      [
        'courtfile_template: 1',
        'name: short-summary',
        'extends: referral',
        'numbering: false',
        'sections:',
        '  - type: cover',
        '    furniture: false',
        '  - type: text',
        '    title: { fr: "Note du parquet", en: "Prosecutor\'s note" }',
        '    body: { fr: "Dossier {{case.reference}} : {{facts.transfers.completed}} transferts, total {{facts.transfers.total | money}}, période du {{facts.period.from | date}}.", en: "From {{facts.period.from | date}}." }',
        '  - type: transfers',
        '    columns: [at, amount, converted]',
        '    max_rows: 2',
        'labels:',
        '  fr:',
        '    section.transfers: Flux financiers',
      ].join('\n'),
    );
    const t = await loadTemplate(file);
    expect(t.name).toBe('short-summary');
    const r = await renderAndRead(makeDossier(), { template: t });
    const all = squash(r.pdf.pages.join('\n'));
    expect(all).toContain('Note du parquet');
    expect(all).toContain(
      'Dossier 19-123-000456 : 5 transferts, total 2 466,84 €, période du 12/01/2018.',
    );
    expect(all).toContain('Flux financiers');
    expect(all).toContain(
      'Seules les 2 premières lignes sur 6 figurent ci-dessous ; la liste complète figure en annexe A.',
    );
    expect(r.pdf.outline.map((o) => o.title)).toContain('Annexe A — Liste complète des transferts');
    // Reported by an audit: `| date` wrote English dates ISO (as tables do), not as the
    // formatter table of docs/templates.md says.
    const en = await renderAndRead(makeDossier(), { template: t, lang: 'en' });
    expect(squash(en.pdf.pages.join('\n'))).toContain('From 12 January 2018.');
  });

  test('a chronology of some kinds lists only their events; of every kind, all of them', async () => {
    const dossier = makeDossier();
    const facts = computeFacts(dossier, {});
    const transferIds = facts.chronology.filter((e) => e.kind === 'transfer').map((e) => e.id);
    const custodyIds = facts.chronology.filter((e) => e.kind === 'custody').map((e) => e.id);
    expect(transferIds.length).toBeGreaterThan(0);
    expect(custodyIds.length).toBeGreaterThan(0);
    const render = async (kinds: string): Promise<string> => {
      const { file } = tempTemplate(
        'chrono.yaml',
        [
          'courtfile_template: 1',
          'name: chrono',
          'extends: referral',
          'sections:',
          '  - type: chronology',
          `    kinds: ${kinds}`,
          '    max_rows: 100000',
        ].join('\n'),
      );
      const r = await renderAndRead(dossier, { template: await loadTemplate(file) });
      return squash(r.pdf.pages.join('\n'));
    };
    const custodyOnly = await render('[custody]');
    const every = await render('[transfer, exchange, custody, charge]');
    for (const id of custodyIds) {
      expect(custodyOnly).toContain(squash(id));
      expect(every).toContain(squash(id));
    }
    for (const id of transferIds) {
      expect(custodyOnly).not.toContain(squash(id));
      expect(every).toContain(squash(id));
    }
  });

  test('problems are reported with code, line and column', async () => {
    const { file } = tempTemplate(
      'bad.yaml',
      [
        'courtfile_template: 1',
        'name: bad',
        'extends: referral',
        'colour: "#000000"',
        'sections:',
        '  - type: cover',
        '  - type: fireworks',
        '  - type: text',
        '    body: "{{case.nonsense}} {{facts.transfers.total | shout}}"',
        'labels:',
        '  fr:',
        '    section.transfert: typo',
      ].join('\n'),
    );
    const check = await checkTemplate(file);
    expect(check.template).toBeUndefined();
    expect(check.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'template-schema', line: 4, column: 1 }),
        expect.objectContaining({ code: 'template-section', line: 7 }),
      ]),
    );
    await expect(loadTemplate(file)).rejects.toBeInstanceOf(TemplateError);
  });

  test('placeholders and labels are checked once the shape is right', async () => {
    const { file } = tempTemplate(
      'bad2.yaml',
      [
        'courtfile_template: 1',
        'name: bad-two',
        'extends: referral',
        'sections:',
        '  - type: text',
        '    body: "{{case.nonsense}} {{facts.transfers.total | shout}}"',
        'labels:',
        '  fr:',
        '    section.transfert: typo',
      ].join('\n'),
    );
    const { diagnostics } = await checkTemplate(file);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual(
      expect.arrayContaining([
        ['template-placeholder', 6],
        ['template-label', 9],
      ]),
    );
    expect(diagnostics.filter((d) => d.code === 'template-placeholder')).toHaveLength(2);
  });

  test('a template without extends must hold every label', async () => {
    const { file } = tempTemplate(
      'lonely.yaml',
      'courtfile_template: 1\nname: lonely\nsections:\n  - type: cover\nlabels:\n  fr:\n    none: Néant.\n',
    );
    const { diagnostics } = await checkTemplate(file);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'template-label' }),
      expect.objectContaining({ code: 'template-label' }),
    ]);
  });

  test('extends cycles, missing parents, syntax errors', async () => {
    const { dir, file } = tempTemplate(
      'a.yaml',
      'courtfile_template: 1\nname: a\nextends: ./b.yaml\n',
    );
    writeFileSync(path.join(dir, 'b.yaml'), 'courtfile_template: 1\nname: b\nextends: ./a.yaml\n');
    expect((await checkTemplate(file)).diagnostics).toEqual([
      expect.objectContaining({ code: 'template-extends', line: 3 }),
    ]);
    const { file: syntax } = tempTemplate('s.yaml', 'courtfile_template: 1\nname: [unclosed\n');
    expect((await checkTemplate(syntax)).diagnostics[0]).toMatchObject({ code: 'yaml-syntax' });
    await expect(loadTemplate('no-such-template')).rejects.toBeInstanceOf(UsageError);
    await expect(loadTemplate('./missing/template.yaml')).rejects.toBeInstanceOf(ToolError);
  });
});

describe('placeholders', () => {
  const formatters = {
    date: (d: string) => d.split('-').reverse().join('/'),
    money: (m: { minor: bigint; currency: string }) => `${m.minor} ${m.currency}`,
    number: (n: number | bigint) => String(n),
  };
  test('dotted paths, formatters, unknown paths empty', () => {
    const scope = {
      case: { reference: 'R-1', opened: '2019-01-21' },
      facts: { total: { minor: 12345n, currency: 'EUR' } },
    };
    expect(
      interpolate(
        '{{case.reference}} {{ case.opened | date }} {{facts.total}} {{case.x}}|',
        scope,
        formatters,
      ),
    ).toBe('R-1 21/01/2019 12345 EUR |');
    expect(
      interpolate('{{case.reference | upper}}', { case: { reference: 'r-é' } }, formatters),
    ).toBe('R-É');
  });
  test('malformed placeholders are problems', () => {
    expect(parsePlaceholders('{{ 1abc }}').problems).toHaveLength(1);
    expect(parsePlaceholders('{{a | b | c}}').problems).toHaveLength(1);
    expect(parsePlaceholders('{{a}} }}').problems).toHaveLength(1);
    expect(parsePlaceholders('{{a.b | money}}').placeholders[0]).toMatchObject({
      path: ['a', 'b'],
      formatter: 'money',
    });
  });
});
