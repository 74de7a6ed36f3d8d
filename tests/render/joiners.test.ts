/**
 * Joiners (spec cli.md, "Documents": names drawn and extracted as typed). U+200C ZERO
 * WIDTH NON-JOINER parts two Arabic-script letters that would join: the Persian surname
 * `حسین‌زاده` (Hosseinzadeh, fictional here) is spelled with one, and without it the `ن`
 * is drawn joined to the `ز`, another spelling. In Devanagari the joiners choose between
 * a conjunct, a half form and a visible virama. The documents dropped both joiners with
 * the other invisible characters; they are kept after a letter of those scripts (drawn as
 * nothing, shaping their neighbours) and removed elsewhere as before.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import PDFDocument from 'pdfkit';
import { scriptFontPath } from '../../src/render/fonts.js';
import { FontSelector } from '../../src/render/text/font-selector.js';
import type { FontInternals } from '../../src/render/text/font-selector.js';
import type { Measurer } from '../../src/render/text/measure.js';
import { withoutControls } from '../../src/render/text/measure.js';
import { RunSplitter } from '../../src/render/text/runs.js';
import type { Theme } from '../../src/render/theme.js';
import { fakeIO } from '../helpers/fake-io.js';
import { copyExample, mutate, removeTempDirs, tempDir } from '../helpers/temp-dossier.js';
import { referralMeasurer } from './helpers.js';

const hasPoppler = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error === undefined;
afterAll(removeTempDirs);

const ZWNJ = '\u200c';
const ZWJ = '\u200d';
const PERSIAN = `حسین${ZWNJ}زاده`;
const PERSIAN_VERB = `می${ZWNJ}خواهم`;
const URDU = `نوک${ZWNJ}دار`;
const HALF_FORM = `क्${ZWJ}ष`;
const VIRAMA = `क्${ZWNJ}ष`;

describe('withoutControls', () => {
  test('keeps a joiner after an Arabic-script, Indic or Sinhala letter or mark', () => {
    // Sinhala `ශ්‍රී` (Sri) is made with a joiner; Malayalam chillu forms too.
    const sri = `ශ්${ZWJ}රී`;
    for (const word of [
      PERSIAN,
      PERSIAN_VERB,
      URDU,
      HALF_FORM,
      VIRAMA,
      `بَ${ZWNJ}ت`,
      sri,
      `ന്${ZWJ}`,
    ])
      expect(withoutControls(word)).toBe(word);
  });

  // Review (session 37): kept after digits and punctuation of those scripts' blocks too.
  test('not after a digit or a punctuation mark of those scripts', () => {
    expect(withoutControls(`۱۲${ZWNJ}۳`)).toBe('۱۲۳');
    expect(withoutControls(`،${ZWNJ}x`)).toBe('،x');
    expect(withoutControls(`।${ZWJ}क`)).toBe('।क');
    // The tatweel is a letter (it stretches the joined line): kept after it.
    expect(withoutControls(`بـ${ZWNJ}ا`)).toBe(`بـ${ZWNJ}ا`);
  });

  // Review (session 37): 100,000 joiners after one letter were kept, and shaped as one
  // word: 10 s and 600 MB for one note.
  test('keeps one joiner after a letter, not a run of them; linear', () => {
    expect(withoutControls(`क${ZWJ}${ZWJ}${ZWNJ}ष`)).toBe(`क${ZWJ}ष`);
    const t0 = performance.now();
    const out = withoutControls(`ب${ZWNJ.repeat(100_000)}ا`);
    expect(out).toBe(`ب${ZWNJ}ا`);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  test('removes a joiner after anything else, and every other invisible character', () => {
    expect(withoutControls(`Auf${ZWNJ}lage`)).toBe('Auflage');
    expect(withoutControls(`a${ZWJ}b`)).toBe('ab');
    // After a space or at the start, a joiner joins nothing.
    expect(withoutControls(`${ZWNJ}زاده حسین ${ZWNJ}زاده`)).toBe('زاده حسین زاده');
    // The other formatting characters go, also beside a kept joiner.
    expect(withoutControls(`\u200bحسین${ZWNJ}\u2066زاده\u2069\u200e`)).toBe(PERSIAN);
    // A line break ends the letter's context.
    expect(withoutControls(`حسین\n${ZWNJ}زاده`)).toBe('حسین\nزاده');
  });
});

describe('runs', () => {
  // A stand-in font choice: Arabic letters go to "rtl", the rest to the role font.
  const splitter = new RunSplitter(
    (file, cp) => (file === 'latin') !== /[\u0600-\u06ff]/.test(String.fromCodePoint(cp)),
    'latin',
  );
  const measure = (_file: string, text: string) => text.length * 500;

  // Review (session 37): a joiner before a space, a Latin word or the end took the level
  // of what follows it (a boundary neutral), and was cut from its letter: `ب` drawn alone
  // in its isolated form, wider than measured, over the next column.
  test.each([`Reza ب${ZWJ} x`, `x ب${ZWJ}. y`, `Reza ب${ZWJ}`, `حسین${ZWNJ} Reza`])(
    'a joiner stays in the run of the letter before it: %s',
    (line) => {
      const layout = splitter.layout(line, 'latin', measure);
      const runs = layout?.runs ?? [];
      const letter = runs.find((r) => /[\u0628\u0646]/.test(r.text));
      expect(letter?.text, JSON.stringify(runs.map((r) => r.text))).toMatch(
        /[\u0628\u0646][\u200c\u200d]/,
      );
      expect(runs.some((r) => /^[\u200c\u200d]/.test(r.text))).toBe(false);
    },
  );
});

describe('measured as drawn', () => {
  let theme: Theme;
  let measurer: Measurer;
  beforeAll(async () => ({ theme, measurer } = await referralMeasurer()));

  test('the parted letters are drawn in their final and isolated forms (wider), the joiner as nothing', () => {
    const style = theme.styles.cell;
    const prepared = measurer.prepare(PERSIAN, style);
    expect(prepared.text).toBe(PERSIAN);
    const file = theme.fontFiles[style.font];
    const parted = measurer.width(PERSIAN, file, style.size);
    const joined = measurer.width(PERSIAN.replace(ZWNJ, ''), file, style.size);
    const [first, second] = PERSIAN.split(ZWNJ) as [string, string];
    // The same letter forms as the two halves drawn as words of their own.
    expect(parted).toBeGreaterThan(joined);
    expect(parted).toBeCloseTo(
      measurer.width(first, file, style.size) + measurer.width(second, file, style.size),
      3,
    );
    expect(measurer.missing.size).toBe(0);
  });

  // fontkit drew a joiner as the space glyph with no advance: a PDF maps a glyph to the
  // characters it stands for once, so pdf.js (which ignores /ActualText) read a space in
  // `حسین‌زاده`. The run drawn is the two halves' glyphs, with nothing between them.
  test('the joiner leaves no glyph in the run drawn (read as a space by pdf.js)', () => {
    const fonts = new FontSelector(new PDFDocument({ autoFirstPage: false }));
    const font = fonts.font(scriptFontPath('arabic', false)) as FontInternals & {
      readonly unicode: (readonly number[] | undefined)[];
    };
    const [first, second] = PERSIAN.split(ZWNJ) as [string, string];
    const [drawn] = font.encode(PERSIAN);
    const halves = [...font.encode(first)[0], ...font.encode(second)[0]];
    expect([...drawn].sort()).toEqual(halves.sort());
    for (const gid of drawn) expect(font.unicode[parseInt(gid, 16)]).not.toContain(0x20);
    for (const word of [`क्${ZWJ}ष`, `ශ්${ZWJ}රී`]) {
      const script = word.startsWith('क') ? 'devanagari' : 'sinhala';
      const f = fonts.font(scriptFontPath(script, false)) as typeof font;
      for (const gid of f.encode(word)[0]) expect(f.unicode[parseInt(gid, 16)]).not.toContain(0x20);
    }
  });
});

describe.skipIf(!hasPoppler)('in a document', () => {
  test.each(['fr', 'en'])(
    'names and notes are drawn with their joiners and extracted as typed (%s)',
    async (lang) => {
      const dir = copyExample();
      const file = path.join(dir, 'dossier.yaml');
      mutate(file, 'name: Laurent Besnier-Quéré', `name: "Reza Hosseinzadeh (${PERSIAN})"`);
      mutate(
        file,
        'notes: "Domicilié à Montreuil.',
        `notes: "Persan ${PERSIAN_VERB}, ourdou ${URDU}, ${HALF_FORM} ${VIRAMA}, Auf${ZWNJ}lage (fictif).`,
      );
      const out = path.join(tempDir(), 'out.pdf');
      const f = fakeIO();
      const status = await main(
        ['render', file, '-o', out, '--date', '2024-05-01', '--strict', '--lang', lang],
        f.io,
      );
      expect(status, f.err()).toBe(0);
      expect(f.err()).not.toMatch(/missing-glyph/);
      const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' })
        .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
        .replace(/\s+/g, ' ');
      for (const word of [PERSIAN, PERSIAN_VERB, URDU, HALF_FORM, VIRAMA])
        expect(text, word).toContain(word);
      expect(text).not.toContain(PERSIAN.replace(ZWNJ, ''));
      // A joiner between Latin letters is removed, as before (no space read in its place).
      expect(text).toContain('Auflage');
      expect(text).not.toContain(`Auf${ZWNJ}lage`);
    },
    60_000,
  );
});
