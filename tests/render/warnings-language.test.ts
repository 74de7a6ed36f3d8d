/**
 * The warnings annex speaks the document's language: a French document (the court's)
 * gives the warnings of validation in French, an English one in English, while the
 * command line's own report stays in English. FICTIONAL data: the example dossier, with
 * victims' names written into notes and the case sent to the tribunal correctionnel.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import { messageIn } from '../../src/diagnostics/messages.js';
import { fakeIO } from '../helpers/fake-io.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

const EXAMPLE = path.resolve(import.meta.dirname, '../../examples/dossier');

function dossierWithWarnings(): string {
  const dir = tempDir();
  cpSync(EXAMPLE, dir, { recursive: true });
  const file = path.join(dir, 'dossier.yaml');
  const text = readFileSync(file, 'utf8');
  const changed = text
    .replace('referral: cour_criminelle', 'referral: tribunal_correctionnel')
    .replace(
      /notes: "Identité connue des seules autorités[^"]*"/,
      'notes: "Sœur de Jessa Mae Fictoria, voisine de Rhealyn Inventado et de Rhea Lyn Inventado (fictif)."',
    );
  expect(changed).toContain('referral: tribunal_correctionnel');
  expect(changed).toContain('Sœur de Jessa Mae Fictoria');
  writeFileSync(file, changed);
  return file;
}

/** pdftotext's text, spaces of any width made one. */
function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
    .replace(/[\s\u202f\u00a0]+/g, ' ')
    .trim();
}

async function render(file: string, args: string[]) {
  const out = path.join(tempDir(), 'out.pdf');
  const f = fakeIO();
  const status = await main(['render', file, '-o', out, '--date', '2026-01-01', ...args], f.io);
  return { status, out, err: f.err() };
}

describe('the warnings annex in the document’s language', () => {
  test('French document: French messages; English document and the terminal: English', async () => {
    const file = dossierWithWarnings();
    const fr = await render(file, []);
    expect(fr.status).toBe(0);
    // The terminal's report is English whatever the document's language.
    expect(fr.err).toMatch(
      /warning: charge "C1" is a crime but the case is referred to the tribunal correctionnel \[jurisdiction\]/,
    );
    expect(fr.err).toMatch(
      /warning: this text mentions the name of victim "Victime A" and the name, alias of victim "Victime B": documents mask it/,
    );
    const text = pdfText(fr.out);
    expect(text).toContain(
      'jurisdiction l’infraction « C1 » est un crime, mais l’affaire est renvoyée devant le tribunal correctionnel',
    );
    expect(text).toContain(
      'victim-identity ce texte mentionne le nom de la victime « Victime A » et le nom et l’alias de la victime « Victime B » : les documents la masquent',
    );
    expect(text).not.toMatch(/is a crime but|this text mentions/);

    const en = await render(file, ['--lang', 'en']);
    expect(en.status).toBe(0);
    const english = pdfText(en.out);
    expect(english).toContain(
      'jurisdiction charge "C1" is a crime but the case is referred to the tribunal correctionnel',
    );
    expect(english).toContain(
      'victim-identity this text mentions the name of victim "Victime A" and the name, alias of victim "Victime B"',
    );
  }, 60_000);
});

describe('messageIn', () => {
  const base = { code: 'unused-evidence' as const, message: 'exhibit "E9" is cited by no charge' };
  test('French for a code with a French message and its arguments kept', () => {
    expect(messageIn('fr', { ...base, args: { id: 'E9' } })).toBe(
      'la pièce «\u202fE9\u202f» n’est citée par aucune infraction, aucun virement, aucun échange ni aucun compte',
    );
    expect(messageIn('en', { ...base, args: { id: 'E9' } })).toBe(base.message);
  });
  test('the message as it is without arguments, or for a code without a French message', () => {
    expect(messageIn('fr', base)).toBe(base.message);
    expect(
      messageIn('fr', {
        code: 'hard-link',
        message: 'exhibit file "x" has 2 hard links',
        args: {},
      }),
    ).toBe('exhibit file "x" has 2 hard links');
  });
  test('quotes a long value shortened, as the English message does', () => {
    const id = 'E'.repeat(200);
    expect(messageIn('fr', { ...base, args: { id } })).toContain(
      `«\u202f${'E'.repeat(79)}…\u202f»`,
    );
  });
  test('the error of a court that needs a crime names the court in French', () => {
    expect(
      messageIn('fr', {
        code: 'jurisdiction',
        message: 'x',
        args: { referral: 'cour_assises', none: 'yes' },
      }),
    ).toBe(
      'le renvoi devant la cour d’assises exige au moins une infraction de nature criminelle\u202f; le dossier ne comporte aucune infraction',
    );
  });
});
