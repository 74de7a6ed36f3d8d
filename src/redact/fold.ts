/**
 * The matching form of text: what a reader sees, without what a reader cannot see.
 * Each character is put in compatibility form (NFKD: fullwidth letters, ligatures and
 * other NFKC variants become plain letters), its accents and other combining marks are
 * dropped, it is case folded (upper then lower case: "ß" and "SS" both give "ss"), every
 * dash and hyphen (U+2010, U+2011, U+2212, fullwidth...) becomes "-", every run of white
 * space one " ", and default-ignorable, format and control characters (soft hyphen,
 * U+200B, U+200D, U+2060, U+FEFF, bidi controls, variation selectors...) disappear (the
 * zero-width non-joiner U+200C is white space instead: it parts the words of a Persian
 * compound name, `حسین‌زاده`, that others write with a space; text that holds one is also
 * matched without it, JoinBreaks), and so do the Arabic tatweel U+0640 and the N'Ko
 * lajanyalan U+07FA (letters by Unicode, but only stretch the line between two letters),
 * Cyrillic and Greek letters that look like Latin ones are read as those (and so are Latin small capitals, the Latin alpha,
 * and the division and fraction slashes as "/"), and the Arabic-script letters that
 * Persian and Urdu keyboards write for Arabic ones (yeh, kaf, heh) as the Arabic ones.
 * What is dropped as invisible may still be drawn (a blank, a box, a stroke): text that
 * holds such a character is also matched with it read as white space (GAPS_PART,
 * MARKS_PART, UNSEEN_PART).
 *
 * `foldText` gives the folded string only (the quick test); `foldWithOrigin` also maps
 * each folded code unit back to the original character it came from, so that a match
 * found in the folded text masks the original characters, invisible ones included.
 */

/** Characters a reader does not see: dropped before matching. */
const INVISIBLE = /^[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}\p{M}\p{Cs}\p{Co}\p{Cn}]$/u;
const IGNORABLE = /^[\p{Default_Ignorable_Code_Point}\p{Cf}]$/u;
/** Dashes and hyphens (folded to "-"); HYPHEN below adds the soft hyphen. */
const DASHES = '\\p{Pd}\\u2212\\u2043\\ufe63\\uff0d';
const DASH = new RegExp(`^[${DASHES}]$`, 'u');
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
  // Arabic-script letters written one way in Arabic and another in Persian or Urdu, the
  // same name to a reader (a keyboard's choice): Persian and final yeh, keheh, teh
  // marbuta and the hehs, alef wasla. "لیلی" (Persian yeh) is "ليلى".
  ی: 'ي', ى: 'ي', ے: 'ي', ک: 'ك', ڪ: 'ك', ة: 'ه', ۃ: 'ه', ہ: 'ه', ھ: 'ه', ە: 'ه', ٱ: 'ا',
  // Latin letters that read as plain ones: small capitals ("ᴊᴇssᴀ"), the Latin alpha,
  // script g, dotless j; and slashes that read as "/" in a date ("12∕04∕2009").
  ᴀ: 'a', ʙ: 'b', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ꜰ: 'f', ɢ: 'g', ʜ: 'h', ɪ: 'i', ᴊ: 'j', ᴋ: 'k',
  ʟ: 'l', ᴍ: 'm', ɴ: 'n', ᴏ: 'o', ᴘ: 'p', ꞯ: 'q', ʀ: 'r', ꜱ: 's', ᴛ: 't', ᴜ: 'u', ᴠ: 'v',
  ᴡ: 'w', ʏ: 'y', ᴢ: 'z', ɑ: 'a', ɡ: 'g', ȷ: 'j', '∕': '/', '⁄': '/', '⧸': '/',
}; // prettier-ignore

const cache = new Map<number, string>();
const ZWNJ = 0x200c;

/** Letters that only stretch a joined script's line (tatweel, N'Ko lajanyalan): dropped. */
const STRETCH = /^[\u0640\u07fa]$/u;

/** The folded form of one character that is not printable ASCII ("" when invisible). */
function foldChar(ch: string, cp: number): string {
  let f = cache.get(cp);
  if (f !== undefined) return f;
  // The non-joiner parts words (see the module comment).
  if (cp === ZWNJ) f = ' ';
  // Before spaces: JavaScript's \s counts U+FEFF, which is invisible.
  else if (IGNORABLE.test(ch) || STRETCH.test(ch)) f = '';
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
 * Whether `text` may hold a word hyphenated at a break: a dash or a soft hyphen U+00AD
 * after something other than white space, followed (past invisible characters) by white
 * space. Only such text is folded a second time with `dehyphenate`: a hyphenated compound
 * ("Quillabast-⏎Zephyrine") must also be matched word by word, as the first fold does.
 * Linear: each character is looked at at most twice (a scan after a dash resumes where
 * it stopped).
 */
export function hasHyphenBreak(text: string): boolean {
  // Printable ASCII without a space (a reference, an id): nothing folds to white space.
  if (!NOT_GRAPHIC_ASCII.test(text)) return false;
  HYPHEN.lastIndex = 0;
  for (let found = HYPHEN.exec(text); found !== null; found = HYPHEN.exec(text)) {
    const at = found.index;
    const after = at + 1;
    let j = after;
    let kind = INVISIBLE_GAP;
    while (j < text.length) {
      const c = text.codePointAt(j) ?? 0;
      // Any reading's white space: a filler after the hyphen is a gap in GAPS_PART's.
      kind = gap(c, PARTS);
      if (kind !== INVISIBLE_GAP) break;
      j += c > 0xffff ? 2 : 1;
    }
    if (kind === SPACE_GAP && at > 0 && gap(text.codePointAt(at - 1) ?? 0) !== SPACE_GAP)
      return true;
    HYPHEN.lastIndex = Math.max(j, after);
  }
  return false;
}
const HYPHEN = new RegExp(`[${DASHES}\\u00ad]`, 'gu');
const NOT_GRAPHIC_ASCII = /[^\x21-\x7e]/;

const SPACE_GAP = 2;
const INVISIBLE_GAP = 1;
/**
 * Whether a code point folds to white space (SPACE_GAP: a line break, U+0085 included),
 * to nothing (INVISIBLE_GAP), or to something visible (0); in the reading `join`, which
 * may make it white space (GAPS_PART, MARKS_PART, UNSEEN_PART).
 */
function gap(c: number, join: JoinBreaks = 0): number {
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85) return SPACE_GAP;
  if (c < 0x80) {
    if (c >= 0x20 && c !== 0x7f) return 0;
    return (join & UNSEEN_PART) !== 0 ? SPACE_GAP : INVISIBLE_GAP; // a control character
  }
  // The non-joiner is white space to the fold, but nothing a reader sees: `Fic`, U+200C,
  // `-`, line end, `toria` is hyphenated as `Fic-` is (a review found it unmasked).
  if (c === ZWNJ) return INVISIBLE_GAP;
  const ch = String.fromCodePoint(c);
  const f = foldChar(ch, c);
  if (partsWords(c, f, join)) return SPACE_GAP;
  return f === ' ' ? SPACE_GAP : f === '' ? INVISIBLE_GAP : 0;
}

/**
 * Which white space a reading drops (`joinBreaks`), a sum of flags (0: none):
 * - SEPARATORS, the line and page separators other than CR and LF: vertical tab (a word
 *   processor's manual line break), form feed, NEL, U+2028 and U+2029 (isJoinableBreak).
 *   White space to the fold (a line break), but not to every reader of the text: a
 *   spreadsheet showing a CSV cell may draw nothing for one, and "Fic\u000btoria" then
 *   reads "Fictoria";
 * - LINE_ENDS, tabs, CR and LF: in a diagnostic's text, printed on one line with its line
 *   breaks and tabs escaped, `Zephy\r\nrine` reads as one word;
 * - NON_JOINERS, the zero-width non-joiners: white space to the fold, where a reader sees
 *   one word (`حسین‌زاده` is also written `حسینزاده`), or nothing at all (slipped inside a
 *   Latin name, `Fic\u200ctoria`).
 * A text is read once with each combination of those it holds (joinReadings): a review
 * found `Fic\u200ctoria\u2028par` and `Fic\u2028toria\u200cpar` unmasked while the
 * separators and the non-joiners were only ever dropped together.
 */
export type JoinBreaks = number;
export const SEPARATORS = 1;
export const LINE_ENDS = 2;
export const NON_JOINERS = 4;
/**
 * Not drops but the other way round: characters the fold reads as nothing, or as a
 * letter, are white space. A reader may see a gap or a mark where the fold sees nothing:
 * a Hangul filler U+3164 is drawn blank, the tatweel as a stroke, a spacing mark with no
 * letter as a box or a dotted circle, `ʻ` as an apostrophe; `Fictoria<U+3164>concerné`
 * shows the name as a word of its own, which the plain reading (one word,
 * "fictoriaconcerné") did not find (a helper's sweep, session 42). Three kinds, each read
 * as white space alone and with the others (reviews found the name hidden while kinds
 * were parted together: `Fic<U+200B>toria<U+3164>`, drawn "Fictoria concerné"; `Gʻani`
 * glued by a private-use character, its own `ʻ` parting it too):
 * - GAPS_PART, what is drawn as a gap, a box or a stroke and is never a letter of a
 *   word: Hangul fillers, private-use, unassigned and lone surrogate code points, the
 *   tatweel and the N'Ko lajanyalan. A tatweel stretching one Arabic word (`شاهـزاده`)
 *   parts it too in that reading: a part of it that is a word of a victim's name is
 *   masked, as an ordinary word that folds like one is (erring on the victim's side: a
 *   review found a name glued by a tatweel after a letter that does not join, `زهراـعلي`,
 *   shown while joining letters were told apart, and that telling quadratic);
 * - MARKS_PART, what is drawn and may be part of a word, or stand for an apostrophe:
 *   modifier letters (`ʻ`, `ʰ`), spacing marks (U+0903), the saltillo, the Canadian final
 *   middle dot;
 * - UNSEEN_PART, what is not drawn: the other default-ignorable, format and control
 *   characters (zero-width space, bidi controls, soft hyphen...). A viewer of a text
 *   output may still show one as a box or a gap.
 * Combining marks drawn on their letter (accents) are none of them.
 */
export const GAPS_PART = 8;
export const MARKS_PART = 16;
export const UNSEEN_PART = 32;
const PARTS = GAPS_PART | MARKS_PART | UNSEEN_PART;
/**
 * One more reading of text that holds any of those kinds: each gap, and each mark that
 * is not a spacing vowel sign (modifier letters `ʻ` `ʼ` `ʰ`, the saltillo), is MARK, a
 * word boundary that is not white space; a run of them is one MARK; what is not drawn
 * is dropped, as in the plain reading, and so are spacing vowel signs (inside the words
 * of Indic scripts, a boundary there would match syllables: `प्रकाशित`, "published", for
 * the name `प्रकाश`). A word of a victim's name that holds a MARK is a term with it
 * (identities.ts, markedWords: `Gʻani` is `g` MARK `ani`): in this reading it is found
 * whatever glues it to the next word (`Gʻaniʻtemoin`, `Maʼrufʼtemoin`), where the
 * readings above part the name with the glue and the plain one keeps the glue; only
 * where such a character stands (`da la` is not `Daʻla`); and never just after a MARK
 * (redactor.ts: `Oʻgʻani` holds `gʻani` as `Raviprakash` holds Prakash, and `ʻaʻala`
 * is a Hawaiian word, not the name `Aʻala`). Made alone and with the line separators',
 * the line ends', the non-joiners' readings, and with the unseen characters or the gaps
 * read as white space (`x` U+200B `Gʻaniʰtemoin`, `témoin` U+E000 `Gʻaniʻtemoin`).
 */
export const MARKED = 64;
/** What the MARKED reading folds a character of the kinds that part words to. */
export const MARK = '\u0001';
export const MARK_UNIT = 0x01;

const LINE_END = /[\t\n\r]/;

const GAP_CHARACTER = /^[\u115f\u1160\u3164\uffa0\u0640\u07fa\p{Co}\p{Cn}\p{Cs}]$/u;
const MARK_CHARACTER = /^[\p{Lm}\p{Mc}\ua78b\ua78c\u1427]$/u;
/** Drawn as nothing (the fillers are default-ignorable too, and read as both). */
const UNSEEN_CHARACTER = /^[\p{Default_Ignorable_Code_Point}\p{Cf}]$/u;
/** What a character is to the readings: kind flags (0: none; ZWNJ and breaks apart). */
function kindOf(ch: string, cp: number): number {
  if (cp < 0x80)
    return cp < 0x20 ? (cp >= 0x09 && cp <= 0x0d ? 0 : UNSEEN_PART) : cp === 0x7f ? UNSEEN_PART : 0;
  if (cp === ZWNJ || cp === 0x85) return 0; // white space to the fold
  // Letters by Unicode (modifier letters), but only ever drawn as a stroke: a gap.
  if (cp === 0x0640 || cp === 0x07fa) return GAPS_PART;
  if (cp >= 0x80 && cp <= 0x9f) return UNSEEN_PART;
  return (
    (GAP_CHARACTER.test(ch) ? GAPS_PART : 0) |
    (MARK_CHARACTER.test(ch) ? MARKS_PART : 0) |
    (UNSEEN_CHARACTER.test(ch) ? UNSEEN_PART : 0)
  );
}

/** kindOf by BMP code unit, learnt as met: 0 not yet, else 1 + the flags. */
const unitKinds = new Uint8Array(0x10000);

/** kindOf of code point `cp`, from unitKinds when it is in the BMP. */
function kindAt(cp: number): number {
  if (cp > 0xffff) return kindOf(String.fromCodePoint(cp), cp);
  let k = unitKinds[cp]!;
  if (k === 0) unitKinds[cp] = k = 1 + kindOf(String.fromCharCode(cp), cp);
  return k - 1;
}

/**
 * The flags of what `text` holds for the readings besides the plain one: SEPARATORS,
 * NON_JOINERS, the parts' kinds (line ends apart). One pass, a table look-up per code
 * unit: validate asks this of hundreds of thousands of texts, nearly all with none.
 */
function heldKinds(text: string): number {
  let held = 0;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (u >= 0x20 && u < 0x7f) continue;
    if (isSeparator(u)) {
      held |= SEPARATORS;
      continue;
    }
    if (u === ZWNJ) {
      held |= NON_JOINERS;
      continue;
    }
    if (u >= 0xd800 && u <= 0xdfff) {
      const cp = text.codePointAt(i) ?? u;
      held |= kindAt(cp);
      if (cp > 0xffff) i++;
      continue;
    }
    held |= kindAt(u);
  }
  return held;
}

const NO_READINGS: readonly JoinBreaks[] = Object.freeze([]);

/**
 * The readings of `text` besides the plain one: every non-empty combination of the
 * flags of what it holds (line ends only when `inline`). Empty for most texts.
 */
export function joinReadings(text: string, inline = false): readonly JoinBreaks[] {
  const held = heldKinds(text) | (inline && LINE_END.test(text) ? LINE_ENDS : 0);
  if (held === 0) return NO_READINGS;
  const out: JoinBreaks[] = [];
  for (let join = 1; join <= held; join++) if ((join & held) === join) out.push(join);
  if ((held & PARTS) !== 0) {
    const breaks = held & (SEPARATORS | LINE_ENDS | NON_JOINERS | UNSEEN_PART | GAPS_PART);
    for (let join = 0; join <= breaks; join++)
      if ((join & breaks) === join) out.push(MARKED | join);
  }
  return out;
}

/**
 * Whether the reading `join` makes the character of code point `cp` (folded to
 * `folded`) white space (GAPS_PART, MARKS_PART, UNSEEN_PART).
 */
function partsWords(cp: number, folded: string, join: JoinBreaks): boolean {
  return folded !== ' ' && (kindAt(cp) & join) !== 0;
}

/**
 * `text` as the readings that part words read it (each non-empty combination of the
 * kinds it holds), each character of those kinds replaced by a space; empty when it
 * holds none. For the forms of a victim's name, alias or identifier that holds such a
 * character (`Kaʻiulani`): a text read that way parts it too.
 */
export function partedForms(text: string): string[] {
  const held = heldKinds(text) & PARTS;
  if (held === 0) return [];
  const out: string[] = [];
  for (let join = GAPS_PART; join <= held; join += GAPS_PART) {
    if ((join & held) !== join) continue;
    let parted = '';
    for (let i = 0; i < text.length;) {
      const cp = text.codePointAt(i) ?? 0;
      const width = cp > 0xffff ? 2 : 1;
      const ch = text.slice(i, i + width);
      const folded = cp >= 0x20 && cp < 0x7f ? ch : foldChar(ch, cp);
      parted += partsWords(cp, folded, join) ? ' ' : ch;
      i += width;
    }
    if (parted !== text && !out.includes(parted)) out.push(parted);
  }
  return out;
}

/**
 * What the MARKED reading folds a character of the kinds that part words to (after the
 * code unit `previous`): MARK for a gap or a mark, nothing for one never drawn or a
 * spacing vowel sign (see MARKED). A spacing mark after a character of the scripts
 * encoded before U+0900 (Latin, Greek, Cyrillic, Hebrew, Arabic...), which have none, is
 * away from its script (drawn on a dotted circle or as a box): MARK (`Gʻani` U+0903).
 */
function markedFold(cp: number, previous: number): string {
  const kind = kindAt(cp);
  if ((kind & GAPS_PART) !== 0) return MARK;
  if ((kind & MARKS_PART) === 0) return '';
  return previous >= 0x0900 && SPACING_MARK.test(String.fromCodePoint(cp)) ? '' : MARK;
}
const SPACING_MARK = /^\p{Mc}$/u;

/** A line or page separator other than CR and LF (SEPARATORS). */
function isSeparator(cp: number): boolean {
  return cp === 0x0b || cp === 0x0c || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
}

function isJoinableBreak(cp: number, join: JoinBreaks): boolean {
  if (cp === ZWNJ) return (join & NON_JOINERS) !== 0;
  if (isSeparator(cp)) return (join & SEPARATORS) !== 0;
  return (join & LINE_ENDS) !== 0 && (cp === 0x09 || cp === 0x0a || cp === 0x0d);
}

/** The folded form of `text` (see the module comment). Linear in the text's length. */
export function foldText(text: string, dehyphenate = false, joinBreaks: JoinBreaks = 0): string {
  if (dehyphenate || joinBreaks) return foldWithOrigin(text, false, dehyphenate, joinBreaks).folded;
  if (PRINTABLE_ASCII.test(text)) {
    const lower = text.toLowerCase();
    return lower.includes('  ') ? lower.replace(/ {2,}/g, ' ') : lower;
  }
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
 * `dehyphenate`, a dash followed by white space, or a soft hyphen followed by a line
 * break, between two letters is dropped with the white space after it (see
 * `hasHyphenBreak`); with `joinBreaks`, the white space it names (JoinBreaks) is dropped
 * as invisible characters are.
 */
export function foldWithOrigin(
  text: string,
  withOrigin = true,
  dehyphenate = false,
  joinBreaks: JoinBreaks = 0,
): FoldedText {
  const parts: string[] = [];
  let origin = new Int32Array(withOrigin ? text.length + 8 : 0);
  let length = 0;
  let lastSpace = false;
  let lastMark = false;
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    if (joinBreaks && isJoinableBreak(cp, joinBreaks)) {
      i += width;
      continue;
    }
    // With `dehyphenate`, a word hyphenated at a line break ("Fic-⏎toria", as pasted
    // from a printed page; "Fic\u00ad⏎toria"; "Fic- toria", as a YAML folded scalar
    // joins the lines) reads as one word: the hyphen and the white space are dropped
    // between two letters.
    const last = dehyphenate && parts.length > 0 ? (parts[parts.length - 1] ?? '') : '';
    if (last !== '' && unitClass(last.charCodeAt(last.length - 1)) === LETTER) {
      const after = hyphenBreak(text, i, cp, joinBreaks);
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
    if ((joinBreaks & PARTS) !== 0 && partsWords(cp, f, joinBreaks)) f = ' ';
    else if ((joinBreaks & MARKED) !== 0 && f !== ' ' && (kindAt(cp) & PARTS) !== 0)
      f = markedFold(cp, i > 0 ? text.charCodeAt(i - 1) : 0);
    if (f === ' ') {
      if (lastSpace) f = '';
      lastSpace = true;
      lastMark = false;
    } else if (f === MARK) {
      if (lastMark) f = '';
      lastMark = true;
      lastSpace = false;
    } else if (f !== '') {
      lastSpace = false;
      lastMark = false;
    }
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

/**
 * When the character at `i` (code point `cp`) is a dash followed by white space, or a
 * soft hyphen followed by white space (the soft hyphen's own break; without white space
 * it is dropped as any invisible character), then by a letter: the index of that letter;
 * else 0. Scans only the white space (and invisible characters) after the hyphen, so each
 * character is looked at at most twice.
 */
function hyphenBreak(text: string, i: number, cp: number, join: JoinBreaks = 0): number {
  if (cp !== 0x2d && cp !== 0xad && (cp < 0x80 || foldChar(String.fromCodePoint(cp), cp) !== '-'))
    return 0;
  let j = i + (cp > 0xffff ? 2 : 1);
  let spaced = false;
  while (j < text.length) {
    const c = text.codePointAt(j) ?? 0;
    const kind = gap(c, join);
    if (kind === 0) break;
    if (kind === SPACE_GAP) spaced = true;
    j += c > 0xffff ? 2 : 1;
  }
  if (!spaced || j >= text.length) return 0;
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
/**
 * A letter or digit of a script written without spaces between words (Han, Hiragana,
 * Katakana, Thai, Lao, Khmer, Myanmar): a word there cannot be told from the run it is
 * in, so a term may start and end at any such character.
 */
export const UNSPACED = 4;

/** By code unit: 0 not known yet, else LETTER, DIGIT, UNSPACED or NOT_WORD. ASCII filled now. */
const classTable = new Uint8Array(0x10000);
for (let u = 0; u < 0x80; u++) {
  const c = String.fromCharCode(u);
  classTable[u] = /[a-zA-Z]/.test(c) ? LETTER : /[0-9]/.test(c) ? DIGIT : NOT_WORD;
}
const LETTER_RE = /^\p{L}$/u;
const DIGIT_RE = /^\p{N}$/u;
const UNSPACED_RE =
  /^[\p{scx=Hani}\p{scx=Hira}\p{scx=Kana}\p{scx=Thai}\p{scx=Laoo}\p{scx=Khmr}\p{scx=Mymr}]$/u;

/**
 * Whether the folded code unit is a letter, a digit, a letter or digit of a script
 * written without spaces, or neither. A word is a run of letters or a run of digits:
 * "Zephyrine2009" holds the words "zephyrine" and "2009"; each UNSPACED character is a
 * word boundary on both sides. Surrogate halves (emoji and other astral characters) are
 * neither: an emoji glued to a name must not hide it.
 */
export function unitClass(unit: number): number {
  let known = classTable[unit] ?? NOT_WORD;
  if (known === 0) {
    const c = String.fromCharCode(unit);
    const surrogate = unit >= 0xd800 && unit <= 0xdfff;
    const letter = !surrogate && LETTER_RE.test(c);
    const digit = !surrogate && !letter && DIGIT_RE.test(c);
    known =
      (letter || digit) && UNSPACED_RE.test(c)
        ? UNSPACED
        : letter
          ? LETTER
          : digit
            ? DIGIT
            : NOT_WORD;
    classTable[unit] = known;
  }
  return known;
}

/**
 * Hebrew and Arabic write some one-letter words (and, the, in, to, from, that...) glued
 * to the next word: "לנועה" is "to Noa", "وفاطمة" "and Fatima". `cliticPrefix(folded,
 * start)` tells whether the letters just before `start` (back to a word boundary) are
 * such prefixes for the script of the letter at `start`: Hebrew ו ה ב כ ל מ ש, up to
 * four stacked ("ושל", "וכשה"); Arabic و or ف, then ب ك or ل, then the article ال (or
 * لل, "to the"): "و", "وال", "بال", "فلل"... Looks at most four characters back.
 */
export function cliticPrefix(folded: string, start: number): boolean {
  const first = folded.charCodeAt(start);
  const hebrew = first >= 0x05d0 && first <= 0x05ea;
  const arabic = (first >= 0x0620 && first <= 0x064a) || (first >= 0x066e && first <= 0x06ff);
  if (!hebrew && !arabic) return false;
  let k = start;
  while (k > 0 && start - k < 5 && unitClass(folded.charCodeAt(k - 1)) === LETTER) k--;
  if (k === start || start - k > 4) return false;
  const prefix = folded.slice(k, start);
  return (hebrew ? HEBREW_CLITICS : ARABIC_CLITICS).test(prefix);
}
const HEBREW_CLITICS = /^[\u05d5\u05d4\u05d1\u05db\u05dc\u05de\u05e9]{1,4}$/;
const ARABIC_CLITICS =
  /^(?:[\u0648\u0641]?(?:[\u0628\u0643\u0644]?\u0627\u0644|\u0644\u0644)|[\u0648\u0641]?[\u0628\u0643\u0644]|[\u0648\u0641])$/;
