/**
 * A court's variant in a few lines: a template that `extends: referral`, renames a
 * heading and drops a section, used by `render --template` and `packet --template`.
 * The PDFs are read back with pdf.js.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIO } from '../helpers/fake-io.js';
import { EXAMPLE_DIR } from '../helpers/temp-dossier.js';
import type { PdfContent } from '../render/pdf-text.js';
import { readPdf, squash } from '../render/pdf-text.js';
import { BUILTIN_REFERRAL, removeTempDirs, tempDir, writeTemplates } from './support.js';

afterAll(removeTempDirs);

const example = path.join(EXAMPLE_DIR, 'dossier.yaml');

/** referral without its chronology, with the transfers chapter renamed. */
const VARIANT = `# The referral summary as the Tribunal de Nantes wants it.
courtfile_template: 1
name: referral-nantes
extends: referral
description: { fr: Variante nantaise, en: Nantes variant }
sections:
  - type: cover
    furniture: false
  - type: toc
  - type: case-summary
  - type: persons
  - type: charges
  - type: transfers
    max_rows: 200
  - type: exchanges
  - type: correlations
  - type: exhibits
  - type: annexes
  - type: warnings-annex
labels:
  fr:
    section.transfers: Flux financiers suspects
  en:
    section.transfers: Suspicious money flows
`;

function headingsOf(pdf: PdfContent): string {
  return squash([...pdf.pages, ...pdf.outline.map((o) => o.title)].join('\n'));
}

describe('a template that extends referral', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = writeTemplates({ 'nantes.yaml': VARIANT });
    file = path.join(dir, 'nantes.yaml');
  });

  test('the built-in one has the heading and the section the variant changes', () => {
    expect(BUILTIN_REFERRAL).toContain('section.transfers: Transferts de fonds');
    expect(BUILTIN_REFERRAL).toContain('section.chronology: Chronologie des faits');
    expect(BUILTIN_REFERRAL).toContain('- type: chronology');
  });

  test('render --template: the new heading is there, the dropped section is not', async () => {
    const out = path.join(tempDir(), 'referral.pdf');
    const f = fakeIO();
    const status = await main(
      ['render', example, '-o', out, '--template', file, '--date', '2021-06-04'],
      f.io,
    );
    expect(status, f.err()).toBe(0);
    const pdf = await readPdf(readFileSync(out));
    const text = headingsOf(pdf);
    expect(text).toContain('Flux financiers suspects');
    expect(text).not.toContain('Transferts de fonds');
    expect(text).not.toContain('Chronologie des faits');
    expect(pdf.outline.map((o) => o.title)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\d+\. Flux financiers suspects$/)]),
    );
  });

  test('render --template with --lang en uses the English override', async () => {
    const out = path.join(tempDir(), 'referral-en.pdf');
    const f = fakeIO({ cwd: dir });
    const status = await main(
      [
        'render',
        example,
        '-o',
        out,
        '--template',
        './nantes.yaml',
        '--lang',
        'en',
        '--date',
        '2021-06-04',
      ],
      f.io,
    );
    expect(status, f.err()).toBe(0);
    const text = headingsOf(await readPdf(readFileSync(out)));
    expect(text).toContain('Suspicious money flows');
    expect(text).not.toContain('Chronology');
  });

  test('packet --template: the packet referral follows the variant, the index is unchanged', async () => {
    const out = path.join(tempDir(), 'packet');
    const f = fakeIO();
    const status = await main(
      ['packet', example, '-o', out, '--template', file, '--date', '2021-06-04'],
      f.io,
    );
    expect(status, f.err()).toBe(0);
    const referral = headingsOf(await readPdf(readFileSync(path.join(out, 'referral.pdf'))));
    expect(referral).toContain('Flux financiers suspects');
    expect(referral).not.toContain('Chronologie des faits');
    const index = headingsOf(await readPdf(readFileSync(path.join(out, 'evidence-index.pdf'))));
    expect(index).toContain('Index des pièces');
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as {
      templates?: Record<string, string>;
    };
    expect(manifest.templates?.['referral.pdf']).toBe('referral-nantes');
  });

  test('a variant with a misspelt placeholder: render prints it located and writes nothing', async () => {
    const bad = VARIANT.replace(
      '  - type: exhibits\n',
      "  - type: text\n    body: 'Dossier {{case.refrence}}'\n  - type: exhibits\n",
    );
    const badDir = writeTemplates({ 'bad.yaml': bad });
    const out = path.join(badDir, 'x.pdf');
    const f = fakeIO({ cwd: badDir });
    const status = await main(['render', example, '-o', out, '--template', 'bad.yaml'], f.io);
    expect(status).toBe(1);
    const lines = bad.split('\n');
    const line = lines.findIndex((l) => l.includes('{{case.refrence}}')) + 1;
    const column = (lines[line - 1] ?? '').indexOf('{{case.refrence}}') + 1;
    expect(f.err()).toContain(`bad.yaml:${line}:${column}: error:`);
    expect(f.err()).toContain('[template-placeholder]');
  });
});
