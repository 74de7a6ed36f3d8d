/**
 * A message quotes at most MAX_QUOTED characters of a value (`shorten`), and diagnostics
 * are masked once written: a victim's name cut inside a word (`Fictori…`) was no longer
 * found and was shown, 7 of its 8 letters (a review, session 37). The cut is made before
 * the word. All names fictional.
 */
import { describe, expect, test } from 'vitest';
import { MAX_QUOTED, shorten } from '../../src/diagnostics/messages.js';
import { Redactor } from '../../src/redact/index.js';

describe('shorten', () => {
  test('a value that fits is quoted whole', () => {
    const value = 'x'.repeat(MAX_QUOTED);
    expect(shorten(value)).toBe(value);
  });

  test('never cuts a word that starts within the last 40 characters: the cut is before it', () => {
    const value = `Note fictive ${'x'.repeat(48)} Jessa Mae Fictoria ZZ`;
    const out = shorten(value);
    expect(out).toBe(`Note fictive ${'x'.repeat(48)} Jessa Mae …`);
    expect(out.length).toBeLessThanOrEqual(MAX_QUOTED);
    const r = Redactor.forDossier(
      {
        persons: [{ id: 'V1', role: 'victim', pseudonym: 'Victime A', name: 'Jessa Mae Fictoria' }],
        accounts: [],
      },
      { mask: '[redacted]' },
    );
    expect(r.scrub(`"${out}" names no person`, true)).not.toMatch(/Fict|Jessa/);
  });

  test('a word longer than that is cut inside, as before; never a surrogate pair', () => {
    const long = 'a'.repeat(200);
    expect(shorten(long)).toBe(`${'a'.repeat(MAX_QUOTED - 1)}…`);
    const value = `${'b'.repeat(MAX_QUOTED - 2)}\u{20000}\u{20001}`;
    const out = shorten(value);
    expect(out.endsWith('…')).toBe(true);
    expect(/[\ud800-\udbff]…$/.test(out)).toBe(false);
  });

  // Review (session 37): `Fic` U+200C `toria` cut in its second part showed `Fic…`: the
  // non-joiner ended the word, and the masking (which also reads it without its
  // invisible characters and joinable line breaks) saw no name. Such characters are
  // inside the word for the cut.
  test('invisible characters and joinable breaks inside a word do not end it', () => {
    const pad = 'x '.repeat(36);
    for (const inside of ['\u200c', '\u200b', '\u00ad', '\u2028', '\u000b', '\t', '\n'])
      expect(shorten(`${pad}Fic${inside}toria fin`), JSON.stringify(inside)).toBe(`${pad}…`);
  });

  test('digits are a word too; a cut at a space stays where it is', () => {
    expect(shorten(`${'x '.repeat(35)}FR7630006000011234567890189 fin`)).toBe(
      `${'x '.repeat(35)}…`,
    );
    const spaced = `${'y'.repeat(MAX_QUOTED - 2)} z${'w'.repeat(10)}`;
    expect(shorten(spaced)).toBe(`${'y'.repeat(MAX_QUOTED - 2)} …`);
  });
});
