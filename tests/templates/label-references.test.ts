/**
 * `{{labels.<key>}}`: a label filled once per document. Reported by an audit: a label
 * using another label printed it empty (`case_no: 'N° ({{labels.redacted}})'` gave
 * `N° ()` in the header), and a label that takes parameters used where none are given
 * (`{{labels.period_range}}` in a header, `{{labels.bytes}}` in the metadata) printed
 * with them empty; `templates check` passed all of them.
 */
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadSample } from '../../src/templates/trial-render.js';
import { loadTemplate } from '../../src/templates/load-template.js';
import { renderAndRead } from '../render/helpers.js';
import { checkText, child, expectOneAt, removeTempDirs, writeTemplates } from './support.js';

afterAll(removeTempDirs);

describe('a label using another label', () => {
  test('prints it, in a header slot and in the metadata', async () => {
    const text = child(
      [
        'header:',
        "  left: '[{{labels.case_no}}] {{case.reference}}'",
        'metadata:',
        "  subject: '{{labels.case_no}}'",
        'labels:',
        '  fr:',
        "    case_no: 'N° ({{labels.redacted}}) ({{labels.not_stated}})'",
        "    not_stated: 'inconnu ({{labels.redacted}})'",
        '',
      ].join('\n'),
    );
    const dir = writeTemplates({ 'refs.yaml': text });
    const { diagnostics } = await checkText(text);
    expect(diagnostics).toEqual([]);
    const template = await loadTemplate(path.join(dir, 'refs.yaml'));
    const sample = await loadSample();
    if (!sample) throw new Error('no sample dossier');
    const r = await renderAndRead(sample.dossier, { template, lang: 'fr' });
    const flat = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ');
    expect(flat(r.pdf.pages[1] ?? '')).toContain('[N° ([masqué]) (inconnu ([masqué]))]');
    expect(flat(String(r.pdf.info.Subject))).toBe('N° ([masqué]) (inconnu ([masqué]))');
  }, 30_000);

  test('in a loop: an error at each placeholder of the loop', async () => {
    const text = child(
      [
        'labels:',
        '  fr:',
        "    case_no: 'N° {{labels.case_no}}'",
        "    none: 'néant {{labels.not_stated}}'",
        "    not_stated: 'non précisé {{labels.none}} {{labels.redacted}}'",
        '',
      ].join('\n'),
    );
    const { diagnostics } = await checkText(text);
    const self = expectOneAt(diagnostics, 'template-placeholder', text, '{{labels.case_no}}');
    expect(self.message).toContain('loop of labels (case_no → case_no)');
    const a = expectOneAt(diagnostics, 'template-placeholder', text, '{{labels.not_stated}}');
    expect(a.message).toContain('(none → not_stated → none)');
    const b = expectOneAt(diagnostics, 'template-placeholder', text, '{{labels.none}}');
    expect(b.message).toContain('(not_stated → none → not_stated)');
    expect(diagnostics.filter((d) => d.severity === 'error')).toHaveLength(3);
  });
});

describe('a label that takes parameters, where they are not given', () => {
  test('an error at each such placeholder, with the parameters it lacks', async () => {
    const text = child(
      [
        'header:',
        "  left: '{{labels.period_range}} / {{labels.annex_heading}}'",
        "  right: '{{labels.page_x_of_y}}'",
        'footer:',
        "  right: 'p. {{page}} — {{labels.page_x_of_y}}'",
        'metadata:',
        "  subject: '{{labels.page_x_of_y}} {{labels.bytes}}'",
        'labels:',
        '  fr:',
        "    redacted: 'masqué ({{labels.hours_window}})'",
        '',
      ].join('\n'),
    );
    const { diagnostics } = await checkText(text);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const range = expectOneAt(errors, 'template-placeholder', text, '{{labels.period_range}}');
    expect(range.message).toBe(
      '"labels.period_range" would print with its parameters empty: label "period_range" takes from, to, and a header or footer slot does not give them (only labels.page_x_of_y gets its page numbers there)',
    );
    expectOneAt(errors, 'template-placeholder', text, '{{labels.annex_heading}}');
    const pages = expectOneAt(errors, 'template-placeholder', text, {
      after: 'subject: ',
      find: '{{labels.page_x_of_y}}',
    });
    expect(pages.message).toContain('takes page, pages, and this text does not give them');
    expectOneAt(errors, 'template-placeholder', text, '{{labels.bytes}}');
    const inLabel = expectOneAt(errors, 'template-placeholder', text, '{{labels.hours_window}}');
    expect(inLabel.message).toContain('a label filled inside another label gets no parameter');
    // labels.page_x_of_y in the header and footer is filled with the page numbers.
    expect(errors).toHaveLength(5);
  });
});

describe('labels that grow by using one another', () => {
  // A review: labels using labels ten times each, four levels deep ("billion laughs"),
  // made a label of ten million characters; `templates check` ran for minutes.
  test('a label longer than 10,000 characters once filled is an error at it, found without filling it', async () => {
    const ten = (key: string) => `'${`{{labels.${key}}}`.repeat(10)}'`;
    const text = child(
      [
        'labels:',
        '  fr:',
        `    redacted: '${'x'.repeat(100)}'`,
        `    share: ${ten('redacted')}`,
        `    count: ${ten('share')}`,
        `    total: ${ten('count')}`,
        `    annex: ${ten('total')}`,
        '',
      ].join('\n'),
    );
    const started = performance.now();
    const { diagnostics } = await checkText(text);
    expect(performance.now() - started).toBeLessThan(10_000);
    // share: 1,000 characters, count: 10,000 (the bound: allowed), total: 100,000, annex: 1,000,000.
    const total = expectOneAt(diagnostics, 'template-placeholder', text, ten('count'));
    expect(total.message).toContain('"total" would have 100,000 characters');
    const annex = expectOneAt(diagnostics, 'template-placeholder', text, ten('total'));
    expect(annex.message).toContain('"annex" would have 1,000,000 characters');
    expect(diagnostics.filter((d) => d.code === 'template-placeholder')).toHaveLength(2);
  });
});

describe('labels printed as written', () => {
  // A review: `{{...}}` in an enumeration value's label passed the check and showed its
  // braces in the PDF (enumeration labels are never filled).
  test('a placeholder in an enum.* label is an error at it, as in document_title', async () => {
    const text = child(
      [
        'labels:',
        '  fr:',
        "    enum.procedure.judicial: 'Information {{case.court}}'",
        "    document_title: 'Rapport {{case.reference}}'",
        '',
      ].join('\n'),
    );
    const { diagnostics } = await checkText(text);
    const e = expectOneAt(diagnostics, 'template-placeholder', text, '{{case.court}}');
    expect(e.message).toBe(
      'enum.procedure.judicial is printed as written: it cannot hold placeholders',
    );
    const t = expectOneAt(diagnostics, 'template-placeholder', text, '{{case.reference}}');
    expect(t.message).toBe('document_title is printed as written: it cannot hold placeholders');
  });
});
