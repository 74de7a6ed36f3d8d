/**
 * The matching form of text: what a reader sees, without what a reader cannot see.
 * Each character is put in compatibility form (NFKD: fullwidth letters, ligatures and
 * other NFKC variants become plain letters), its accents and other combining marks are
 * dropped, it is case folded (upper then lower case: "ß" and "SS" both give "ss"), every
 * dash and hyphen (U+2010, U+2011, U+2212, fullwidth...) becomes "-", every run of white
 * space one " ", and default-ignorable, format and control characters (soft hyphen,
 * U+200B-U+200D, U+2060, U+FEFF, bidi controls, variation selectors...) disappear, and
 * Cyrillic and Greek letters that look like Latin ones are read as those.
 *
 * `foldText` gives the folded string only (the quick test); `foldWithOrigin` also maps
 * each folded code unit back to the original character it came from, so that a match
 * found in the folded text masks the original characters, invisible ones included.
 */

/** Characters a reader does not see: dropped before matching. */
const INVISIBLE = /^[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}\p{M}\p{Cs}\p{Co}\p{Cn}]$/u;
const IGNORABLE = /^[\p{Default_Ignorable_Code_Point}\p{Cf}]$/u;
const DASH = /^[\p{Pd}\u2212\u2043\ufe63\uff0d]$/u;
const SPACE = /^\s$/u;
const MARKS = /[\p{M}\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}]/gu;

/**
 * Cyrillic and Greek letters that look like Latin ones (once case folded), read as those:
 * "QUILLАBАST" written with Cyrillic А is still the name. Letters whose capital and small
 * forms look like different Latin letters (Greek ν, η, μ, υ) are left alone.
 */
const LOOK_ALIKE: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't',
  у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', һ: 'h', ԁ: 'd', ӏ: 'l', ԛ: 'q', ԝ: 'w', ѵ: 'v',
  α: 'a', β: 'b', ε: 'e', ζ: 'z', ι: 'i', κ: 'k', ο: 'o', ρ: 'p', τ: 't', χ: 'x',
}; // prettier-ignore

const cache = new Map<number, string>();

/** The folded form of one character that is not printable ASCII ("" when invisible). */
function foldChar(ch: string, cp: number): string {
  let f = cache.get(cp);
  if (f !== undefined) return f;
  // Before spaces: JavaScript's \s counts U+FEFF, which is invisible.
  if (IGNORABLE.test(ch)) f = '';
  else if (SPACE.test(ch)) f = ' ';
  else if (DASH.test(ch)) f = '-';
  else if (INVISIBLE.test(ch)) f = '';
  else {
    const once = ch.normalize('NFKD').replace(MARKS, '').toUpperCase().toLowerCase();
    // Case mapping can bring marks back ("ΐ".toUpperCase()): fold the result once more.
    const twice = once.normalize('NFKD').replace(MARKS, '');
    f = '';
    for (const c of twice) f += SPACE.test(c) ? ' ' : DASH.test(c) ? '-' : (LOOK_ALIKE[c] ?? c);
  }
  if (cache.size < 100_000) cache.set(cp, f);
  return f;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Whether `text` holds a dash followed by white space with a line break: only such text
 * is folded a second time with `dehyphenate` (a hyphenated compound, "Quillabast-⏎
 * Zephyrine", must also be matched word by word, as the first fold does).
 */
export function hasLineBreakHyphen(text: string): boolean {
  return LINE_BREAK_HYPHEN.test(text);
}
const LINE_BREAK_HYPHEN =
  /[\p{Pd}\u2212\u2043\ufe63\uff0d][\p{Zs}\t\p{Cf}\p{Default_Ignorable_Code_Point}]*[\n\r\v\f\u0085\u2028\u2029]/u;

/** The folded form of `text` (see the module comment). Linear in the text's length. */
export function foldText(text: string, dehyphenate = false): string {
  if (PRINTABLE_ASCII.test(text)) {
    const lower = text.toLowerCase();
    return lower.includes('  ') ? lower.replace(/ {2,}/g, ' ') : lower;
  }
  if (dehyphenate) return foldWithOrigin(text, false, true).folded;
  // Mostly printable ASCII with a few other characters (accented free text): runs of
  // printable ASCII are lower-cased whole, the rest folded one character at a time, with
  // the same white-space rule as foldWithOrigin (a " " piece after a " " is dropped).
  let out = '';
  let lastSpace = false;
  const append = (piece: string, single: boolean) => {
    if (single) {
      if (piece === ' ') {
        if (lastSpace) return;
        lastSpace = true;
      } else if (piece !== '') lastSpace = false;
      out += piece;
      return;
    }
    let run = piece.includes('  ') ? piece.replace(/ {2,}/g, ' ') : piece;
    if (lastSpace && run.startsWith(' ')) run = run.slice(1);
    if (run !== '') lastSpace = run.endsWith(' ');
    out += run;
  };
  let i = 0;
  while (i < text.length) {
    OTHER_THAN_PRINTABLE_ASCII.lastIndex = i;
    const found = OTHER_THAN_PRINTABLE_ASCII.exec(text);
    const j = found ? found.index : text.length;
    if (j > i) append(text.slice(i, j).toLowerCase(), false);
    if (!found) break;
    const cp = text.codePointAt(j) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    append(
      cp === 0x09 || cp === 0x0a || cp === 0x0d ? ' ' : foldChar(text.slice(j, j + width), cp),
      true,
    );
    i = j + width;
  }
  return out;
}
const OTHER_THAN_PRINTABLE_ASCII = /[^\x20-\x7e]/g;

export interface FoldedText {
  readonly folded: string;
  /**
   * For each folded code unit, the index in the original text of the character it came
   * from (several units may come from one character: "ß" gives "ss"). Empty when not asked for.
   */
  readonly origin: Int32Array;
}

/**
 * Fold `text`, keeping for each folded unit where it came from (when `withOrigin`); with
 * `dehyphenate`, a dash followed by a line break between two letters is dropped with the
 * white space after it (see `hasLineBreakHyphen`).
 */
export function foldWithOrigin(text: string, withOrigin = true, dehyphenate = false): FoldedText {
  const parts: string[] = [];
  let origin = new Int32Array(withOrigin ? text.length + 8 : 0);
  let length = 0;
  let lastSpace = false;
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    // With `dehyphenate`, a word hyphenated at a line break ("Fic-⏎toria", as pasted
    // from a printed page) reads as one word: the dash and the white space are dropped
    // between two letters.
    const last = dehyphenate && parts.length > 0 ? (parts[parts.length - 1] ?? '') : '';
    if (last !== '' && unitClass(last.charCodeAt(last.length - 1)) === LETTER) {
      const after = lineBreakHyphen(text, i, cp);
      if (after > 0) {
        i = after;
        continue;
      }
    }
    let f: string;
    if (cp >= 0x41 && cp <= 0x5a) f = String.fromCharCode(cp + 32);
    else if (cp >= 0x20 && cp < 0x7f) f = text[i] ?? '';
    else if (cp === 0x09 || cp === 0x0a || cp === 0x0d) f = ' ';
    else f = foldChar(text.slice(i, i + width), cp);
    if (f === ' ') {
      if (lastSpace) f = '';
      lastSpace = true;
    } else if (f !== '') lastSpace = false;
    if (f !== '') {
      parts.push(f);
      if (withOrigin) {
        if (length + f.length > origin.length) {
          const bigger = new Int32Array(Math.max(origin.length * 2, length + f.length));
          bigger.set(origin);
          origin = bigger;
        }
        for (let k = 0; k < f.length; k++) origin[length + k] = i;
      }
      length += f.length;
    }
    i += width;
  }
  return { folded: parts.join(''), origin: withOrigin ? origin.subarray(0, length) : origin };
}

const LINE_BREAK = /^[\n\r\v\f\u0085\u2028\u2029]$/u;

/**
 * When the character at `i` (code point `cp`) is a dash followed by white space that
 * holds a line break, then by a letter: the index of that letter; else 0. Scans only the
 * white space after a dash, so each character is looked at at most twice.
 */
function lineBreakHyphen(text: string, i: number, cp: number): number {
  if (cp !== 0x2d && (cp < 0x80 || foldChar(String.fromCodePoint(cp), cp) !== '-')) return 0;
  let j = i + (cp > 0xffff ? 2 : 1);
  let broken = false;
  while (j < text.length) {
    const c = text.codePointAt(j) ?? 0;
    const ch = String.fromCodePoint(c);
    if (LINE_BREAK.test(ch)) broken = true;
    else if (!(c === 0x20 || c === 0x09 || (c >= 0x80 && foldChar(ch, c).trim() === ''))) break;
    j += c > 0xffff ? 2 : 1;
  }
  if (!broken || j >= text.length) return 0;
  const next = text.codePointAt(j) ?? 0;
  const folded =
    next < 0x80
      ? String.fromCharCode(next).toLowerCase()
      : foldChar(String.fromCodePoint(next), next);
  return folded !== '' && unitClass(folded.charCodeAt(0)) === LETTER ? j : 0;
}

/** The kind of a folded code unit, for word boundaries. */
export const NOT_WORD = 3;
export const LETTER = 1;
export const DIGIT = 2;

/** By code unit: 0 not known yet, else LETTER, DIGIT or NOT_WORD. ASCII filled now. */
const classTable = new Uint8Array(0x10000);
for (let u = 0; u < 0x80; u++) {
  const c = String.fromCharCode(u);
  classTable[u] = /[a-zA-Z]/.test(c) ? LETTER : /[0-9]/.test(c) ? DIGIT : NOT_WORD;
}
const LETTER_RE = /^\p{L}$/u;
const DIGIT_RE = /^\p{N}$/u;

/**
 * Whether the folded code unit is a letter, a digit, or neither. A word is a run of
 * letters or a run of digits: "Zephyrine2009" holds the words "zephyrine" and "2009".
 * Surrogate halves (emoji and other astral characters) are neither: an emoji glued to a
 * name must not hide it.
 */
export function unitClass(unit: number): number {
  let known = classTable[unit] ?? NOT_WORD;
  if (known === 0) {
    const c = String.fromCharCode(unit);
    const surrogate = unit >= 0xd800 && unit <= 0xdfff;
    known = surrogate ? NOT_WORD : LETTER_RE.test(c) ? LETTER : DIGIT_RE.test(c) ? DIGIT : NOT_WORD;
    classTable[unit] = known;
  }
  return known;
}
