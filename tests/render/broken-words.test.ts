/**
 * A word of a text broken over lines reads back whole (sweep, session 36): poppler joined
 * `VIR-FICT-20180310-01-` / `ABCDEFGH` as `VIR-FICT-20180310-01ABCDEFGH` and `procès-` /
 * `verbal` as `procèsverbal` (a line-end hyphen taken for hyphenation), `pdftotext -layout`
 * read a hyphenated IBAN in two halves, and an IBAN in a note was drawn with an added
 * hyphen (`FR76309990041700012-` / `34567804`) that a reader takes for part of it. Each
 * broken word's lines carry what extraction reads (Line.actualText); a word with digits
 * (an identifier written in a text) is broken without an added hyphen. Fictional data.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkDossier } from '../../src/validate/check-dossier.js';
import type { Line, Measurer } from '../../src/render/text/measure.js';
import type { Theme } from '../../src/render/theme.js';
import { copyExample, mutate, removeTempDirs, tempDir } from '../helpers/temp-dossier.js';
import { referralMeasurer, renderAndRead } from './helpers.js';

afterAll(removeTempDirs);

const hasPdftotext = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error === undefined;

let theme: Theme;
let measurer: Measurer;
beforeAll(async () => {
  ({ theme, measurer } = await referralMeasurer());
});

const REFERENCE = 'VIR-FICT-20180310-01-ABCDEFGH';
const IBAN = 'FR7630999004170001234567804';
const TEXT = `Réf. ${REFERENCE} et ${IBAN} ; procès-verbal-complémentaire d’audition (fictif)`;

/** What text extraction reads of `lines`: each line's actualText, or its text. */
const extracted = (lines: readonly Line[]) =>
  lines
    .map((l) => l.actualText ?? l.text)
    .filter((t) => t !== '')
    .join(' ');

describe('a word broken over lines', () => {
  test('reads back as written at every width, and the lines drawn hold all of it', () => {
    let broken = 0;
    for (let width = 30; width <= 400; width += 3) {
      const lines = measurer.wrap(TEXT, theme.styles.cell, width);
      expect(extracted(lines), `${width} pt`).toBe(TEXT);
      if (lines.some((l) => l.actualText !== undefined)) broken++;
      // The lines drawn: the words, the identifiers' characters, nothing but hyphens added.
      const drawn = lines.map((l) => l.text).join('');
      expect(drawn.replaceAll('-', '').replaceAll(' ', ''), `${width} pt`).toBe(
        TEXT.replaceAll('-', '').replaceAll(' ', ''),
      );
    }
    expect(broken).toBeGreaterThan(20);
  });

  test('an identifier in a text is broken without an added hyphen', () => {
    for (let width = 40; width <= 120; width += 2) {
      const lines = measurer.wrap(`IBAN ${IBAN} fin`, theme.styles.cell, width);
      const pieces = lines.filter((l) => /[0-9]/.test(l.text));
      if (pieces.length < 2) continue;
      for (const piece of pieces) expect(piece.text, `${width} pt`).not.toMatch(/-/);
      expect(pieces[0]!.actualText).toBe(IBAN);
    }
  });

  // Scripts sweep (session 37): a number in Tamil or Kannada digits broken over lines
  // got a hyphen (`௧௨௩௪௫௬௭-` / `௮௯௦`), read as two numbers or a range; one in
  // Arabic-Indic digits likewise. Digits of any script make a word an identifier.
  test('a number in the digits of another script is broken without an added hyphen', () => {
    for (const number of ['௧௨௩௪௫௬௭௮௯௦'.repeat(4), '٠١٢٣٤٥٦٧٨٩'.repeat(4), '೧೨೩೪೫೬೭೮೯೦'.repeat(4)]) {
      let broken = 0;
      for (let width = 30; width <= 120; width += 6) {
        const text = `n° ${number} (fictif)`;
        const lines = measurer.wrap(text, theme.styles.cell, width);
        const pieces = lines.filter((l) => /\p{Nd}/u.test(l.text));
        if (pieces.length < 2) continue;
        broken++;
        for (const piece of pieces) expect(piece.text, `${width} pt`).not.toMatch(/-/);
        const drawn = lines.map((l) => l.text).join('');
        expect(drawn.replaceAll(' ', ''), `${width} pt`).toBe(text.replaceAll(' ', ''));
        expect(extracted(lines), `${width} pt`).toBe(text);
      }
      expect(broken, number).toBeGreaterThan(3);
    }
  });

  // Review (session 38): broken as an identifier, an Arabic-Indic number with hyphens in
  // an Arabic note had its hyphen repeated at the start of the next line, which a
  // right-to-left line draws at its other end (`٩٠١٢٣-٤٥٦٧٨-٩٠١٢٣--`). It breaks after its
  // own hyphens, none added or repeated.
  test('an Arabic-Indic number with hyphens breaks after them, none repeated or added', () => {
    const number = '٠٠٩٦٦-٥٠١٢٣-٤٥٦٧٨-٩٠١٢٣-٤٥٦٧٨-٩٠١٢٣-٤٥٦٧٨';
    const text = `رقم الهاتف ${number} وهمي`;
    let broken = 0;
    for (let width = 30; width <= 120; width += 6) {
      const lines = measurer.wrap(text, theme.styles.cell, width);
      const pieces = lines.filter((l) => /\p{Nd}/u.test(l.text));
      if (pieces.length < 2) continue;
      broken++;
      for (const l of lines) expect(l.text.startsWith('-'), `${width} pt: ${l.text}`).toBe(false);
      expect(
        lines
          .map((l) => l.text)
          .join('')
          .replaceAll(' ', ''),
      ).toBe(text.replaceAll(' ', ''));
    }
    expect(broken).toBeGreaterThan(3);
  });

  test('a natural word is still hyphenated, and reads back whole', () => {
    const word = 'Константинопольский';
    const lines = measurer.wrap(`${word} (fictif)`, theme.styles.cell, 40);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines[0]!.text).toMatch(/-$/);
    expect(extracted(lines)).toBe(`${word} (fictif)`);
  });

  test('in a paragraph with right-to-left words, a left-to-right word broken reads back whole', () => {
    // (Its lines without right-to-left words: theirs read in their reading order.)
    const text = `سامي عبد الله : ${REFERENCE} et procès-verbal (fictif)`;
    let tested = 0;
    for (let width = 40; width <= 120; width += 4) {
      const lines = measurer.wrap(text, theme.styles.cell, width);
      if (lines.some((l) => l.text.includes(REFERENCE))) continue; // not broken
      tested++;
      const first = lines.findIndex((l) => l.actualText === REFERENCE);
      expect(first, `${width} pt`).toBeGreaterThanOrEqual(0);
      expect(lines[first + 1]?.actualText, `${width} pt`).toBeDefined();
    }
    expect(tested).toBeGreaterThan(10);
  });
});

describe.skipIf(!hasPdftotext)('in a document', () => {
  test.each(['fr', 'en'] as const)(
    'pdftotext reads a reference, an IBAN and a compound written in a note whole (%s)',
    async (lang) => {
      const dir = copyExample();
      const file = path.join(dir, 'dossier.yaml');
      mutate(
        file,
        'notes: "Domicilié à Paris (18e). ',
        `notes: "Réf. ${REFERENCE} et ${IBAN} ; procès-verbal-complémentaire. Domicilié à Paris (18e). `,
      );
      const check = await checkDossier(file);
      if (!check.dossier) throw new Error('variant invalid');
      const { bytes } = await renderAndRead(check.dossier, { lang });
      const pdf = path.join(tempDir(), 'broken.pdf');
      writeFileSync(pdf, bytes);
      for (const mode of [[], ['-layout']]) {
        const text = execFileSync('pdftotext', [...mode, '-enc', 'UTF-8', pdf, '-'], {
          encoding: 'utf8',
        });
        for (const whole of [REFERENCE, IBAN, 'procès-verbal-complémentaire'])
          expect(text, `${mode.join('')} ${whole}`).toContain(whole);
      }
    },
  );
});
