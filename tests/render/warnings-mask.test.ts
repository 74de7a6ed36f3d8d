/**
 * Diagnostics are always masked with `[redacted]` (terminals, logs), but inside a document
 * the warnings annex masks as the rest of the document does: with the template's
 * `redacted` label (`[masqué]` in French). FICTIONAL data: the example dossier, in a
 * folder named after a victim, with a victim's name written into a note.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadTemplate } from '../../src/templates/load-template.js';
import { fakeIO } from '../helpers/fake-io.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dossier.js';
import { makeDossier, unusedEvidenceWarning } from './fixtures.js';
import { renderAndRead } from './helpers.js';
import { squash } from './pdf-text.js';

afterAll(removeTempDirs);

const EXAMPLE = path.resolve(import.meta.dirname, '../../examples/dossier');

/** The example in `<tmp>/Fictoria-Jessa/`, a victim's name in a note (a warning). */
function dossierInVictimFolder(): string {
  const dir = path.join(tempDir(), 'Fictoria-Jessa');
  mkdirSync(dir);
  cpSync(EXAMPLE, dir, { recursive: true });
  const file = path.join(dir, 'dossier.yaml');
  const changed = readFileSync(file, 'utf8').replace(
    /notes: "Identité connue des seules autorités[^"]*"/,
    'notes: "Sœur de Jessa Mae Fictoria (fictif)."',
  );
  expect(changed).toContain('Sœur de Jessa Mae Fictoria');
  writeFileSync(file, changed);
  return file;
}

function pdfText(file: string): string {
  return squash(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
}

/** The annex's text: from its heading (the last one: the contents list it too) to the end. */
function annexOf(text: string, heading: string): string {
  const at = text.lastIndexOf(heading);
  expect(at).toBeGreaterThanOrEqual(0);
  return text.slice(at);
}

describe('the warnings annex masks with the document’s mask', () => {
  test('a folder named after a victim: [masqué] in French, [redacted] in English and on the terminal', async () => {
    const file = dossierInVictimFolder();
    const out = path.join(tempDir(), 'out.pdf');
    for (const lang of ['fr', 'en'] as const) {
      const f = fakeIO();
      const args = ['render', file, '-o', out, '--lang', lang, '--date', '2024-05-01'];
      expect(await main(args, f.io)).toBe(0);
      // The terminal's report: always `[redacted]`, whatever the document's language.
      expect(f.err()).toMatch(/\[redacted\]-\[redacted\]\/dossier\.yaml:\d+:\d+: warning: /);
      expect(f.err()).not.toMatch(/Fictoria|Jessa|masqué/);
      const text = pdfText(out);
      expect(text).not.toMatch(/Fictoria|Jessa/);
      const annex = annexOf(
        text,
        lang === 'fr' ? 'Avertissements de validation' : 'Validation warnings',
      );
      // Whitespace left out: the location is broken over lines where its column allows.
      // The file is named from the dossier's folder (session 34): the folder is not shown.
      expect(annex.replace(/\s/g, '')).toMatch(/(^|[^/\]])dossier\.yaml:\d+:\d+victim-identity/);
      expect(annex).not.toMatch(/Fictoria|Jessa/);
      if (lang === 'fr') expect(annex).not.toContain('[redacted]');
    }
    // --reveal-victims shows the names in the body; the diagnostics stay masked.
    const f = fakeIO();
    const args = ['render', file, '-o', out, '--date', '2024-05-01', '--reveal-victims'];
    expect(await main(args, f.io)).toBe(0);
    const text = pdfText(out);
    expect(text).toContain('Jessa Mae Fictoria');
    const annex = annexOf(text, 'Avertissements de validation').replace(/\s/g, '');
    expect(annex).toMatch(/(^|[^/\]])dossier\.yaml:\d+:\d+victim-identity/);
    expect(annex).not.toMatch(/Fictoria|Jessa/);
  });

  test('a mask label that names a victim: the annex masks as the body, with [redacted]', async () => {
    const referral = await loadTemplate('referral');
    const template = {
      ...referral,
      labels: { ...referral.labels, fr: { ...referral.labels.fr, redacted: '(Fictoria)' } },
    };
    const dossier = makeDossier({
      victims: [{ name: 'Jessa Mae Fictoria' }],
      notes: 'Contacts avec Jessa Mae Fictoria (fictif).',
    });
    const warning = { ...unusedEvidenceWarning, file: '[redacted]/dossier.yaml' };
    const r = await renderAndRead(dossier, { template, diagnostics: [warning] });
    const text = squash(r.pdf.pages.join('\n'));
    expect(text).not.toMatch(/Fictoria/);
    expect(text).toContain('Contacts avec [redacted] (fictif).');
    expect(annexOf(text, 'Avertissements de validation')).toMatch(
      /\[redacted\]\/dossier\.yaml:42:5/,
    );
  });

  test('a masked file name in a French annex: [masqué]', async () => {
    const dossier = makeDossier({ victims: [{ name: 'Jessa Mae Fictoria' }] });
    const warning = { ...unusedEvidenceWarning, file: 'pièces/[redacted]/dossier.yaml' };
    const r = await renderAndRead(dossier, { diagnostics: [warning] });
    const annex = annexOf(squash(r.pdf.pages.join('\n')), 'Avertissements de validation');
    expect(annex.replace(/\s/g, '')).toContain('pièces/[masqué]/dossier.yaml:42:5');
    expect(annex).not.toContain('[redacted]');
  });
});
