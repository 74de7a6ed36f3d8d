import fc from 'fast-check';

/** Syllables with diacritics, ß, Ș, Ø: generated names exercise case and accent folding. */
const SYLLABLES = ['zé', 'quo', 'ñá', 'xil', 'ță', 'vrë', 'jos', 'ku', 'ßi', 'wyn', 'Ș', 'Ø'];

const word = fc
  .array(fc.constantFrom(...SYLLABLES), { minLength: 2, maxLength: 4 })
  .map((parts) => parts.join(''))
  .map((w) => w.charAt(0).toUpperCase() + w.slice(1));

/** A generated (fictional) two-word victim name. */
export const victimName = fc.tuple(word, word).map(([a, b]) => `${a} ${b}`);

/**
 * A generated alias, long enough not to occur by chance inside ordinary words (a
 * two-letter alias such as "ȘȘ" is folded to "ss", found in "session"; whole words are
 * what is masked).
 */
export const victimAlias = word.filter(
  (w) => w.normalize('NFD').replace(/\p{M}/gu, '').length >= 5,
);
