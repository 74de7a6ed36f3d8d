/**
 * Text runs: a string is drawn in the role's font where that font has the glyph, else in
 * the font of the character's script (fonts.ts), else in the fallback; a line made of
 * several fonts or holding right-to-left text is drawn as runs, in visual order.
 *
 * Right-to-left text is ordered by the Unicode bidirectional algorithm (bidi-js): the
 * line is cut into pieces of one font and one embedding level (right-to-left pieces also
 * at spaces, so that each is one word), pieces are reordered by rule L2, and each piece
 * is handed to the shaper in logical order: fontkit shapes it (joining forms, marks) and
 * returns its glyphs in visual order.
 */
import * as bidiModule from 'bidi-js';
import type { Bidi } from 'bidi-js';
import {
  isBoldFile,
  prefersScriptFont,
  scriptFontPath,
  scriptOf,
  SHAPED_SCRIPTS,
} from '../fonts.js';

/** A part of a line in one font file, in logical character order. */
export interface TextRun {
  readonly text: string;
  readonly file: string;
}

/** A piece of a line as drawn: in visual order, with its width in thousandths of the em. */
export interface DrawnRun extends TextRun {
  readonly units: number;
  /**
   * Right-to-left piece (or a shaped piece in a line that has some): its characters in
   * drawing order. Marks the line for PdfPainter's readingOrder.
   */
  readonly visualText?: string;
}

/**
 * What comes before a line of a wrapped paragraph that holds right-to-left text, for the
 * bidirectional algorithm, which resolves a paragraph's levels before its lines are
 * broken: rules W2 and W7 type digits by the last strong character before them. Drawn
 * alone, a line forgot it: an IBAN broken after `FR25 3099 9004` in an Arabic note, its
 * next line's digit groups no longer after the Latin `FR` were drawn in reverse order
 * (`912 9999 0999 1700`). Each line keeps its own direction (baseDirection).
 */
export interface BidiContext {
  /** The type of the paragraph's last strong character before the line. */
  readonly before: 'L' | 'R' | 'AL';
}

/** A line to draw as several runs; `actualText` (the logical text) when extraction needs it. */
export interface RunLayout {
  readonly runs: readonly DrawnRun[];
  readonly actualText: string | undefined;
}

/** Strong right-to-left characters (Hebrew, Arabic, Syriac, Thaana, NKo... and presentation forms). */
export const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]|\ud802[\udc00-\udfff]|\ud83a/;
/** Arabic-script characters, which fontkit lays out right to left. */
const ARABIC_SCRIPT = /[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufefc]/;
/** The emoji skin tone modifiers (Fitzpatrick types 1-2 to 6). */
const SKIN_TONE = /^[\u{1f3fb}-\u{1f3ff}]$/u;
/** A combining mark (nonspacing or enclosing: drawn over or around the letter before it). */
const COMBINING_MARK = /[\p{Mn}\p{Me}]/u;
/**
 * Characters that join the run before them (combining marks, variation selectors, and
 * the joiners prepare() keeps after an Arabic-script, Indic or Sinhala letter: shaped with it).
 */
const ATTACHED = /^[\p{M}\ufe00-\ufe0f\u200c\u200d]$/u;

/** bidi-js is CommonJS: its factory is the module's default export in Node's ESM. */
let bidi: Bidi | undefined;
/** The bidi-js instance, made at first use (only documents with such text need it). */
const bidiApi = (): Bidi => (bidi ??= (bidiModule as unknown as { default: () => Bidi }).default());

export class RunSplitter {
  constructor(
    /** Whether `file` has a glyph for `codePoint` (opens the font). */
    private readonly hasGlyph: (file: string, codePoint: number) => boolean,
    private readonly fallback: string,
  ) {}

  /** The emoji font's files (regular and bold), whose space is far wider than a text font's. */
  private readonly emoji: ReadonlySet<string> = new Set([
    scriptFontPath('emoji', false),
    scriptFontPath('emoji', true),
  ]);

  /** The font file that draws `codePoint` in text of the role font `file`; undefined: none. */
  fileFor(codePoint: number, file: string): string | undefined {
    const script = scriptOf(codePoint);
    const shaped = script !== undefined && SHAPED_SCRIPTS.has(script);
    if (!shaped && this.hasGlyph(file, codePoint)) return file;
    if (script !== undefined) {
      const own = scriptFontPath(script, isBoldFile(file));
      if (this.hasGlyph(own, codePoint)) return own;
    }
    if (shaped && this.hasGlyph(file, codePoint)) return file;
    if (this.hasGlyph(this.fallback, codePoint)) return this.fallback;
    return undefined;
  }

  /** `text` cut into runs of one font, in logical order (characters no font has stay in `file`). */
  segments(text: string, file: string): TextRun[] {
    const runs: { text: string; file: string }[] = [];
    let last: { text: string; file: string } | undefined;
    for (const ch of text) {
      if (last && ATTACHED.test(ch)) {
        last.text += ch;
        continue;
      }
      // Spaces stay in the run they are in (one run per word otherwise), but for the emoji
      // font's, 1.27 em wide: a space after `⭐` is the text's own.
      const f =
        ch === ' ' && last
          ? this.emoji.has(last.file)
            ? file
            : last.file
          : (this.fileFor(ch.codePointAt(0) ?? 0, file) ?? file);
      // A skin tone modifier starts a run of its own: shaped after its emoji, the emoji
      // font (monochrome) replaces the pair by the emoji alone, and the tone was lost
      // without a word; alone, it is drawn as its swatch, and extracted.
      if (last && last.file === f && !SKIN_TONE.test(ch)) last.text += ch;
      else runs.push((last = { text: ch, file: f }));
    }
    return runs;
  }

  /**
   * The runs of a line in visual order, or undefined when the line is one run in `file`
   * with nothing to reorder. `measure` gives a run's width in thousandths of the em.
   */
  layout(
    text: string,
    file: string,
    measure: (file: string, text: string) => number,
    context?: BidiContext,
  ): RunLayout | undefined {
    const segments = this.segments(text, file);
    const rtl = RTL.test(text);
    // A combining mark left after NFC (no precomposed letter: `a̲`, `q̣̇`) is drawn over
    // its letter, but poppler extracts it apart, with a space inserted or after the next
    // character (`a̲ b̲c,̲`): such a line carries its text as typed (/ActualText).
    const marked = !rtl && COMBINING_MARK.test(text);
    if (!rtl && !marked && segments.length === 1 && segments[0]?.file === file) return undefined;
    const pieces = rtl ? visualPieces(text, segments, context) : segments;
    const runs = pieces
      .filter((p) => p.text.length > 0)
      .map((p) => {
        if (!(rtl && ((p as Piece).level & 1) === 1)) {
          // Arabic-Indic digits (the only Arabic-script characters at a left-to-right
          // level): fontkit shapes Arabic-script text right to left, whatever its level,
          // and drew their number reversed (١٢٣٤٥ as ٥٤٣٢١). Handed over reversed, it
          // is drawn in reading order (extraction reads the line's /ActualText).
          const drawn = rtl && ARABIC_SCRIPT.test(p.text) ? [...p.text].reverse().join('') : p.text;
          const run = { text: drawn, file: p.file, units: measure(p.file, p.text) };
          // Shaped left-to-right text in a right-to-left line (a Devanagari name in a
          // title with Arabic): its own extraction text, as typed (its glyphs are drawn
          // in another order: the vowel sign of "हि" before its consonant).
          return rtl && isShaped(p.text) ? { ...run, visualText: p.text } : run;
        }
        // Right to left: brackets and other paired signs mirrored (rule L4).
        const drawn = mirrored(p.text);
        const units = measure(p.file, drawn);
        return { text: drawn, file: p.file, units, visualText: visualText(p.text) };
      });
    // Shaped left-to-right text (Indic, Thai, Baybayin marks): extraction gets the text as
    // typed. Not right-to-left lines: poppler reorders what it extracts as if it were in
    // visual order, an /ActualText (logical order) included, which would reverse it again.
    const shaped = !rtl && (marked || isShaped(text));
    return { runs, actualText: shaped ? text : undefined };
  }
}

/** Whether `text` has characters that a script font shapes (Indic, Thai, Baybayin marks). */
function isShaped(text: string): boolean {
  for (const ch of text) if (prefersScriptFont(ch.codePointAt(0) ?? 0)) return true;
  return false;
}

interface Piece {
  text: string;
  readonly file: string;
  readonly level: number;
}

/**
 * Digits joined by two hyphens or more, with their sign: an identifier (`19-123-000456`),
 * an ISO date, a phone number (`+33-6-12`). (One hyphen may be a range, `10-12`, which
 * right-to-left text writes the other way round: left to the algorithm.) After an
 * Arabic letter, rule W2 makes such digits Arabic numbers, and rule W4 joins a hyphen only
 * to European ones: the hyphens then take the right-to-left level and the groups are
 * drawn in reverse order (`000456-123-19`), another case number. Unicode's own advice is
 * to isolate such values; the drawn text has no isolates (they are removed with the other
 * invisible controls), so each is kept here as one left-to-right run: its hyphens take
 * the level of its digits, when all of them share one left-to-right level. Digits after
 * Hebrew, or in a left-to-right line without Arabic, are joined by the algorithm already.
 */
const HYPHENATED_NUMBER =
  /[+\u2212]?[0-9\u0660-\u0669\u06f0-\u06f9]+(?:[-\u2010\u2011][0-9\u0660-\u0669\u06f0-\u06f9]+){2,}/g;
/**
 * Groups of European digits separated by single spaces (an IBAN's or a phone number's
 * groups, an amount's thousands with an ordinary or a thin space: `12 500`): after a
 * right-to-left word, or in a right-to-left line, the algorithm makes each group a
 * number of its own and draws them in reverse order (`912 9999 0999 1700`, `78 56 34 12
 * 06`, `500 12`), which a reader copying the number from the page takes as written. Kept
 * as one left-to-right run, as hyphenated numbers are, two groups as well (a line break
 * may leave two groups of a phone number on a line). The documents are read left to
 * right: two numbers side by side with only a space between them (`2018 15`, a year
 * then a count) are drawn in the order written too, which a right-to-left reader reads
 * the other way round (docs/rendering.md). Not Arabic-Indic digits: drawn by the Arabic
 * font, which lays out a run right to left (see RunSplitter.layout), they are left to the
 * algorithm; nor thousands after a no-break space, which it joins already.
 */
const SPACED_NUMBER = /[+\u2212]?[0-9]+(?:[ \u2009][0-9]+)+/g;
const isDigit = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x660 && c <= 0x669) || (c >= 0x6f0 && c <= 0x6f9);

function keepNumbersWhole(text: string, levels: Uint8Array): void {
  if (text.includes('-') || /[\u2010\u2011]/.test(text))
    joinNumbers(text, levels, HYPHENATED_NUMBER);
  joinNumbers(text, levels, SPACED_NUMBER);
}

/** Each match of `pattern` whose digits share one left-to-right level: its separators raised to it. */
function joinNumbers(text: string, levels: Uint8Array, pattern: RegExp): void {
  for (const match of text.matchAll(pattern)) {
    const start = match.index;
    const end = start + match[0].length;
    const first = text.charCodeAt(start) === 0x2b || text.charCodeAt(start) === 0x2212;
    const level = levels[first ? start + 1 : start] ?? 0;
    if ((level & 1) === 1) continue;
    let joined = true;
    for (let i = start; i < end && joined; i++) {
      const c = text.charCodeAt(i);
      if (isDigit(c) && levels[i] !== level) joined = false;
    }
    if (!joined) continue;
    for (let i = start; i < end; i++) if ((levels[i] ?? 0) < level) levels[i] = level;
  }
}

/**
 * Pieces of one font and one embedding level (right-to-left ones cut at spaces), in
 * visual order. For a line of a wrapped paragraph (`context`), a letter of the type of
 * the strong character before it stands in front of it while its levels are resolved
 * (its own level then dropped), the line keeping the direction it has alone.
 */
function visualPieces(text: string, segments: readonly TextRun[], context?: BidiContext): Piece[] {
  const b = bidiApi();
  const lead = context === undefined ? '' : STAND_IN[context.before];
  const resolved = b.getEmbeddingLevels(lead + text, lineDirection(b, text)).levels;
  const levels = lead === '' ? resolved : resolved.subarray(lead.length);
  keepNumbersWhole(text, levels);
  // A joiner (kept after a letter it joins or parts: Measurer.prepare) goes with that
  // letter. The algorithm gives it, as any boundary-neutral character, the level of the
  // character after it: a right-to-left word's last `ب‍` before a space or a Latin word
  // was cut from its joiner, drawn in its isolated form, wider than it was measured.
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x200c || c === 0x200d) levels[i] = levels[i - 1] ?? 0;
  }
  const pieces: Piece[] = [];
  let offset = 0;
  for (const seg of segments) {
    let current: Piece | undefined;
    for (let i = 0; i < seg.text.length; i++) {
      const level = levels[offset + i] ?? 0;
      const ch = seg.text[i] as string;
      const breakRtl = (level & 1) === 1 && (ch === ' ' || current?.text.endsWith(' ') === true);
      if (current && current.level === level && !breakRtl) current.text += ch;
      else pieces.push((current = { text: ch, file: seg.file, level }));
    }
    offset += seg.text.length;
  }
  // A surrogate pair split by the loop above never happens: both halves share a level.
  // Rule L2: from the highest level down to the lowest odd one, reverse every sequence
  // of pieces at that level or higher.
  const max = pieces.reduce((m, p) => Math.max(m, p.level), 0);
  const minOdd = pieces.reduce((m, p) => ((p.level & 1) === 1 ? Math.min(m, p.level) : m), 99);
  for (let level = max; level >= minOdd && level > 0; level--) {
    let i = 0;
    while (i < pieces.length) {
      if ((pieces[i] as Piece).level < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < pieces.length && (pieces[j] as Piece).level >= level) j++;
      reverse(pieces, i, j);
      i = j;
    }
  }
  return pieces;
}

/**
 * Whether `ch` is of a bidirectional class of numbers and their signs and separators
 * (EN, ES, ET, CS, AN: `+ - # $ % , . / :`, currency signs, `°`, `،`...), which poppler's
 * pdftotext counts with digits (PdfPainter's readingOrder); but U+202F, which it does not.
 */
export function numberLike(ch: string): boolean {
  if (ch === '\u202f') return false;
  const type = bidiApi().getBidiCharTypeName(ch);
  return type === 'EN' || type === 'ES' || type === 'ET' || type === 'CS' || type === 'AN';
}

/** A letter of each strong type, standing in for the one before a line (visualPieces). */
const STAND_IN = { L: 'a', R: '\u05d0', AL: '\u0627' } as const;

/**
 * The context of each line of a paragraph broken into `lines` (BidiContext): undefined
 * for a line with nothing strong before it, and for all of them when the paragraph has
 * no right-to-left character (drawn as before).
 */
export function bidiContexts(
  paragraph: string,
  lines: readonly string[],
): (BidiContext | undefined)[] | undefined {
  if (!RTL.test(paragraph)) return undefined;
  const b = bidiApi();
  let before: BidiContext['before'] | undefined;
  return lines.map((line) => {
    const context = before === undefined ? undefined : { before };
    for (const ch of line) {
      const type = b.getBidiCharTypeName(ch);
      if (type === 'L' || type === 'R' || type === 'AL') before = type;
    }
    return context;
  });
}

/**
 * A line's direction (baseDirection) made explicit: `auto` is the direction of its first
 * strong character, left to right without one. Explicit, because a line is resolved with
 * a letter in front of it (visualPieces), which must not decide it.
 */
function lineDirection(b: Bidi, text: string): 'ltr' | 'rtl' {
  if (baseDirection(b, text) === 'ltr') return 'ltr';
  for (const ch of text) {
    const type = b.getBidiCharTypeName(ch);
    if (type === 'R' || type === 'AL') return 'rtl';
  }
  return 'ltr';
}

/**
 * The direction of a line as a paragraph. A line with a left-to-right letter is left to
 * right, as the document is (French or English): a line composed of the template's words
 * and the dossier's values (`€10.00 — سامي → John Doe`) must not take the direction of
 * its first letter, which would draw it backwards and show the payment going the other
 * way. A line of right-to-left letters only (a name, `דוד (כהן)`) takes theirs, so that
 * its brackets and trailing signs stay with it.
 */
function baseDirection(b: Bidi, text: string): 'ltr' | 'auto' {
  for (const ch of text) if (b.getBidiCharTypeName(ch) === 'L') return 'ltr';
  return 'auto';
}

/**
 * The extracted text of a right-to-left word, for its `/ActualText`: its characters (a
 * base and its marks kept together) in the order their glyphs stand on the page, right
 * to left. Text extractors (poppler's pdftotext) read marked content in drawing order and
 * apply the bidirectional algorithm to it as to any visual-order text, which gives the
 * word back as typed; shaped glyphs alone do not (joining forms share glyphs, so their
 * ToUnicode entries cannot say which letter each one is).
 */
function visualText(text: string): string {
  const clusters: string[] = [];
  for (const ch of text) {
    if (clusters.length > 0 && ATTACHED.test(ch)) clusters[clusters.length - 1] += ch;
    else clusters.push(ch);
  }
  return clusters.reverse().join('');
}

/** `text` with each character that has a mirrored form (`(` and `)`, `<` and `>`...) mirrored. */
function mirrored(text: string): string {
  const b = bidiApi();
  let out = '';
  for (const ch of text) out += b.getMirroredCharacter(ch) ?? ch;
  return out;
}

function reverse<T>(list: T[], from: number, to: number): void {
  for (let a = from, b = to - 1; a < b; a++, b--) {
    const t = list[a] as T;
    list[a] = list[b] as T;
    list[b] = t;
  }
}
