/**
 * Text measurement and line breaking with the embedded fonts. Every string the renderer
 * draws passes through here (wrap/fit), so this is also where victim names are scrubbed
 * and where characters the fonts lack are caught: nothing is drawn in a missing glyph.
 */
import type { Script } from '../fonts.js';
import { CONJUNCT_SCRIPTS, FALLBACK_FONT, fontPath, scriptOf } from '../fonts.js';
import type { TextStyle, Theme } from '../theme.js';
import type { FontSelector } from './font-selector.js';
import type { Units } from './break-token.js';
import { breakPoints, clusterOffsets, largestFitting } from './break-token.js';
import type { BidiContext, RunLayout } from './runs.js';
import { RTL, RunSplitter, bidiContexts } from './runs.js';
import { RecentMemo } from './recent-memo.js';

/** Drawn in place of a character that no embedded font has (DejaVu Sans has it). */
export const REPLACEMENT = '\ufffd';

/**
 * One laid-out line: the text, its width in points, the font file of its role. A line
 * with characters of other scripts is drawn as several runs (see `Measurer.runs`).
 */
export interface Line {
  readonly text: string;
  readonly width: number;
  readonly file: string;
  /**
   * What text extraction reads for this line in place of its text (`/ActualText`): on the
   * lines of an identifier broken over several, the whole identifier on the first and
   * nothing on the others, so that `pdftotext` and copying give it whole (see wrapAtom).
   */
  readonly actualText?: string;
  /**
   * A line of a wrapped paragraph that holds right-to-left text: the type of the strong
   * character before it in the paragraph (see BidiContext in runs.ts).
   */
  readonly bidi?: BidiContext;
}

/**
 * The smallest size (points) wrapAtom draws an identifier of a style of `size` at before
 * breaking it: ATOM_FLOOR of that size, or `minSize` when larger (never above the size),
 * rounded up to 1/20 pt.
 */
export function atomFloorSize(size: number, minSize = 0): number {
  return Math.ceil(Math.min(size, Math.max(size * ATOM_FLOOR, minSize)) * 20) / 20;
}

/**
 * The lines of an identifier broken over several, the first read as the whole identifier
 * `whole` and the others as nothing by text extraction (Line.actualText).
 */
function readWhole(lines: Line[], whole: string): Line[] {
  if (lines.length < 2) return lines;
  return lines.map((line, i) => ({ ...line, actualText: i === 0 ? whole : '' }));
}

/** Natural height of DejaVu glyphs (ascent + descent) as a multiple of the size. */
const GLYPH_HEIGHT = (1901 + 483) / 2048;
const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;
/** A character past the Latin, Greek, Cyrillic and Armenian blocks (drawn by the role fonts). */
const BEYOND_ARMENIAN = /[\u0590-\uffff]/;
/**
 * Texts and words longer than this (UTF-16 units) are never measured whole: no line can
 * hold that many characters (a line holds a few hundred at most), so they are known not
 * to fit, and measuring them would shape and cache megabytes for nothing.
 */
const LONG = 4096;
/**
 * The lines of a paragraph that hold a word broken over several, by index, with what text
 * extraction reads for each (Line.actualText): the whole word, as written, on the line of
 * its first piece; nothing on the lines of its other pieces; on the line its last piece
 * begins, the words after it. Poppler joined `VIR-FICT-01-` / `ABCD` as `VIR-FICT-01ABCD`
 * and `procès-` / `verbal` as `procèsverbal` (a line-end hyphen taken for hyphenation),
 * and `pdftotext -layout` read a hyphenated IBAN in two halves.
 */
interface WholeWords {
  /** By line index, what extraction reads for the line. */
  readonly texts: Map<number, string>;
  /** Each broken word's lines: from its first piece's to the one its last piece begins. */
  readonly words: { readonly from: number; to: number }[];
}

/** The line at `index`, `line`, begins with the last `tail` characters of a broken word. */
function endOfWord(whole: WholeWords, index: number, line: string, tail: number): void {
  whole.texts.set(index, line.slice(tail).trimStart());
  whole.words[whole.words.length - 1]!.to = index;
}

/** Characters of long words whose pieces are kept (beyond: forgotten, then kept anew). */
const MAX_BROKEN_CHARS = 8_000_000;
/**
 * Entries per generation of the width, prepared-text and run-layout memos (see RecentMemo).
 * Texts that come back (names, labels, dates) come back within a few thousand others; at
 * 16,384 the memos of a large render were full of cells met once, and kept their texts:
 * at 50k transfers + 25k exchanges peak RSS 209-218 MB at 4,096 (with the show-text
 * operators' memo, text-writer.ts) against 220-242 MB, the same PDF bytes, the 5k + 5k
 * render's unchanged (~185 MB: its memos never filled), no measurable time (bench/LIMITS.md).
 */
const MEMO_GENERATION = 4_096;
/** Smallest size an identifier is drawn at, as a fraction of its style's size (see wrapAtom). */
export const ATOM_FLOOR = 0.7;
/**
 * Characters after which an identifier may be broken as a last resort without losing
 * anything in text extraction (a hyphen is repeated at the start of the next line; see
 * Measurer.atomPieces). Not `.` `,` or spaces, which amounts hold (`€1,234.56`).
 */
export const ATOM_SEPARATORS = '-/_:@';
/** Also a kept phrase's glue (`row\u00a010`) for the words of a text (Measurer.wrap's `tokens`). */
const WORD_SEPARATORS = ATOM_SEPARATORS + '\u00a0';
/** Fewest characters on the last line of an identifier cut between two characters (see noLoneEnd). */
const MIN_PIECE = 3;
/** Longer "identifiers" (or ones with spaces or several lines) are wrapped as ordinary text. */
const ATOM_MAX = 256;
/**
 * Characters of scripts written with hyphenation: a word of them broken across lines gets
 * a visible hyphen when the break falls between two of them (see Measurer.hyphenate).
 * Digits of other scripts are not (a number in Tamil or Arabic-Indic digits broken with
 * a hyphen reads as two numbers, or a range).
 */
const HYPHENATED = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}0-9]/u;
const TRAILING_MARKS = /\p{M}+$/u;
const ARABIC_INDIC_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g;
/**
 * One control, zero-width or bidirectional formatting character: never drawn (removed
 * by prepare(); tabs become spaces and line breaks break lines, so they are not in it).
 * The joiners, U+200C and U+200D, are kept after a letter of a script whose letters they
 * join or part (see withoutControls), where they are still not drawn themselves.
 */
export const NEVER_DRAWN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
const CONTROL = new RegExp(NEVER_DRAWN.source, 'g');
/** ZERO WIDTH NON-JOINER and ZERO WIDTH JOINER. */
const JOINERS = /[\u200c\u200d]/;
const isJoiner = (ch: string): boolean => ch === '\u200c' || ch === '\u200d';
/**
 * Scripts in which a joiner changes the letters drawn around it: in Arabic script the
 * non-joiner parts two letters that would join (Persian `حسین‌زاده`, Hosseinzadeh, is
 * `حسینزاده` without it, the `ن` joined to the `ز`: another spelling of the name), the
 * joiner joins them; in Devanagari and the other Indic scripts drawn they choose between
 * a conjunct, a half form and a visible virama (`क्‍ष`, `क्ष`, `क्‌ष`); in Sinhala the
 * joiner makes `ශ්‍රී` (Sri). fontkit shapes both and draws them as nothing.
 */
const JOINING_SCRIPTS: ReadonlySet<Script> = new Set<Script>(['arabic', ...CONJUNCT_SCRIPTS]);

/**
 * `text` without its NEVER_DRAWN characters, but for a joiner after a letter (or mark)
 * of a JOINING_SCRIPTS script: removed, it changed the letters' forms (a Persian name
 * drawn in another spelling). Elsewhere a joiner changes at most a ligature (`Auf‌lage`)
 * and is removed: fontkit draws it as a space glyph of no width, which extraction would
 * read as a space, where a line of those scripts carries its text as typed (/ActualText;
 * see RunSplitter.layout).
 */
export function withoutControls(text: string): string {
  if (!JOINERS.test(text)) return text.replace(CONTROL, '');
  let out = '';
  const classify = controlClassifier();
  for (const ch of text) if (classify(ch) !== 'dropped') out += ch;
  return out;
}

/**
 * How withoutControls treats each character of a text, given in order: drawn, a joiner
 * kept (after a letter or mark of JOINING_SCRIPTS; one: more say nothing more, and a run
 * of 100,000 after one letter was shaped as one word, 10 s and 600 MB, a review), or
 * dropped (NEVER_DRAWN). Also what `templates check` reports as never drawn.
 */
export function controlClassifier(): (ch: string) => 'drawn' | 'kept' | 'dropped' {
  let joins = false;
  return (ch) => {
    if (!NEVER_DRAWN.test(ch)) {
      joins = joinsLetters(ch);
      return 'drawn';
    }
    if (joins && isJoiner(ch)) {
      joins = false;
      return 'kept';
    }
    return 'dropped';
  };
}

/** Whether a joiner after `ch` (drawn) is kept by withoutControls: a letter or a mark of JOINING_SCRIPTS. */
function joinsLetters(ch: string): boolean {
  if (!LETTER_OR_MARK.test(ch)) return false;
  const script = scriptOf(ch.codePointAt(0) ?? 0);
  return script !== undefined && JOINING_SCRIPTS.has(script);
}
/** A letter (the tatweel U+0640 is one) or a combining mark. */
const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;
/**
 * A line break as prepare() reads it: CR LF, CR, and the separators other than LF that
 * mean one (vertical tab: a word processor's manual line break; form feed; NEL; U+2028
 * and U+2029). Each breaks the line as LF does: drawing nothing for one would join the
 * words on either side ("Paris" U+2028 "Lyon" read "ParisLyon").
 */
// eslint-disable-next-line no-control-regex -- the separators are the point
export const LINE_BREAK = /\r\n?|[\u000b\u000c\u0085\u2028\u2029]/;
const LINE_BREAKS = new RegExp(LINE_BREAK.source, 'g');
const ANY_LINE_BREAKS = new RegExp(`${LINE_BREAK.source}|\\n`, 'g');

/**
 * `text` on one line: each line break (LF and those of LINE_BREAK) a space. For what is
 * drawn on one line, never wrapped (running header and footer slots, fitted lines):
 * prepare() makes the others LF, which such a line would draw as a missing glyph.
 */
export function oneLine(text: string): string {
  return text.replace(ANY_LINE_BREAKS, ' ');
}

/** A string ready to be measured and drawn (see Measurer.prepare). */
export interface Prepared {
  readonly text: string;
  readonly file: string;
  /** One line as it stands: no newline, no run of spaces, no space at either end. */
  readonly plain: boolean;
  /** Width in thousandths of the em (NaN until measured). */
  units: number;
  /** The last one-line result of wrap() for this text, and the size it was made for. */
  line: Line | undefined;
  lineSize: number;
}

export class Measurer {
  private readonly widths = new Map<string, RecentMemo<number>>();
  private readonly glyphs = new Map<string, Map<number, boolean>>();
  private readonly fallbackFile = fontPath(FALLBACK_FONT);
  /** prepare() results by font role, then text (bounded: recent texts only). */
  private readonly prepared = new Map<string, RecentMemo<Prepared>>();
  /** Long words already broken, by font file, size and width, then word (see breakWord). */
  private readonly brokenWords = new Map<string, Map<string, readonly Line[]>>();
  private brokenChars = 0;
  /** Smaller copies of styles, for identifiers drawn smaller (see wrapAtom). */
  private readonly scaledStyles = new Map<TextStyle, Map<number, TextStyle>>();
  /** Characters that no bundled font could draw (drawn as REPLACEMENT). */
  readonly missing = new Set<string>();
  private readonly splitter: RunSplitter;
  /** runs() results by role font file, then line text (null: one run). */
  private readonly layouts = new Map<string, RecentMemo<RunLayout | null>>();

  constructor(
    private readonly fonts: FontSelector,
    private readonly theme: Theme,
    private readonly scrub: (text: string) => string,
  ) {
    this.splitter = new RunSplitter((file, cp) => this.hasGlyph(file, cp), this.fallbackFile);
  }

  /**
   * Empty pdfkit's per-word glyph-run caches, which grow with every distinct word measured
   * (the drawing pass empties them as it goes: see releaseFinishedPages); the measuring pass
   * calls this every few pages.
   */
  releaseShaping(): void {
    this.fonts.releaseShaping();
  }

  /**
   * Forget the memos of measured and prepared texts (kept, the measuring pass's recent
   * texts would stay alive through the drawing pass, which draws the rows it kept without
   * measuring them again). Results do not change: they are computed again when asked
   * for. Styles, glyph coverage and long words already broken stay (the last are only
   * words of more than LONG characters, at most MAX_BROKEN_CHARS of them, which the
   * drawing pass wraps again: a 1 MB title took ~32 s to render with them broken anew in
   * each pass, ~19 s without).
   */
  releaseMemos(): void {
    this.widths.clear();
    this.prepared.clear();
    this.layouts.clear();
  }

  /**
   * How to draw a line: undefined when it is one run in its font (most lines), else its
   * runs in visual order, with the logical text when extraction needs it (right to left).
   */
  runs(line: Line): RunLayout | undefined {
    if (ASCII_PRINTABLE.test(line.text)) return undefined;
    const { bidi } = line;
    let byText = this.layouts.get(line.file);
    if (!byText) this.layouts.set(line.file, (byText = new RecentMemo(MEMO_GENERATION)));
    const key = bidi ? `${bidi.before}\u0000${line.text}` : line.text;
    let out = byText.get(key);
    if (out === undefined) {
      out =
        this.splitter.layout(line.text, line.file, (f, t) => this.fonts.measure(f, t), bidi) ??
        null;
      byText.set(key, out);
    }
    return out ?? undefined;
  }

  /** Width in thousandths of the em of `text` in role font `file`, each run in its own font. */
  private measureRuns(file: string, text: string): number {
    const w = this.fonts.fast(file).safeWidth(text);
    if (!Number.isNaN(w)) return w;
    const runs = this.splitter.segments(text, file);
    if (runs.length === 1 && runs[0]?.file === file) return this.fonts.measure(file, text);
    let sum = 0;
    for (const run of runs) sum += this.fonts.measure(run.file, run.text);
    return sum;
  }

  /** Height of one line of `style`. */
  lineHeight(style: TextStyle): number {
    return style.size * style.leading;
  }

  /**
   * Points that a line of `style` needs under its line box for glyphs that reach deeper
   * than the box holds: 0 for most lines. Only glyphs of other fonts than the line's own
   * are looked at (its script fonts, where the role font's descender says nothing): the
   * stacked consonants of Kannada and Telugu (`ಲಕ್ಷ್ಮಿ` goes 0.53 em below the baseline,
   * where a table's line box holds 0.26 em) touched the line under them. Tables add it to
   * the line's height (layoutCells).
   */
  depthBelow(line: Line, style: TextStyle): number {
    if (!BEYOND_ARMENIAN.test(line.text)) return 0;
    let deepest = 0;
    for (const run of this.splitter.segments(line.text, line.file))
      if (run.file !== line.file) deepest = Math.max(deepest, this.fonts.depth(run.file, run.text));
    if (deepest === 0) return 0;
    const { size } = style;
    const ascender = (this.fonts.font(line.file).ascender / 1000) * size;
    const room = this.lineHeight(style) - this.topPad(style) - ascender;
    return Math.max(0, deepest * size - room);
  }

  /**
   * Height of `lines` of `style` drawn one under the other: a line height each, and the
   * room under those whose glyphs reach below their box (depthBelow). Written as the
   * product plus that room so that, without any, it is the same number as before.
   */
  linesHeight(lines: readonly Line[], style: TextStyle): number {
    let below = 0;
    for (const line of lines) below += this.depthBelow(line, style);
    return lines.length * this.lineHeight(style) + below;
  }

  /** Space above the glyphs inside a line box (text is drawn from the ascender line). */
  topPad(style: TextStyle): number {
    return Math.max(0, (style.size * style.leading - style.size * GLYPH_HEIGHT) / 2);
  }

  /** Width of `text` in points, in the font file `file`. */
  width(text: string, file: string, size: number): number {
    return (this.units(text, file) * size) / 1000;
  }

  /** Width of `text` in thousandths of the em (memo of recent texts). */
  private units(text: string, file: string): number {
    let cache = this.widths.get(file);
    if (!cache) this.widths.set(file, (cache = new RecentMemo(MEMO_GENERATION)));
    let w = cache.get(text);
    if (w === undefined) {
      w = this.measureRuns(file, text);
      cache.set(text, w);
    }
    return w;
  }

  /**
   * Lines of `text` wrapped to `maxWidth`: paragraphs at "\n", words at spaces, long tokens
   * broken. With `tokens`, every word is an identifier (a locator's words, an identifier
   * written with spaces): one too wide is broken as an identifier (see atomPieces), never
   * with an added hyphen.
   */
  wrap(text: string, style: TextStyle, maxWidth: number, tokens = false): Line[] {
    const prepared = this.prepare(text, style);
    const { text: clean, file } = prepared;
    if (prepared.plain && clean.length <= LONG) {
      // Most cells fit on one line: one (cached) measurement instead of one per word.
      const size = style.size;
      let line = prepared.line;
      if (line === undefined || prepared.lineSize !== size) {
        // Measured once and kept with the prepared text (not in the per-word cache).
        if (Number.isNaN(prepared.units)) prepared.units = this.measureRuns(file, clean);
        line = { text: clean, width: (prepared.units * size) / 1000, file };
        prepared.line = line;
        prepared.lineSize = size;
      }
      if (line.width <= maxWidth) return [line];
    }
    const lines: Line[] = [];
    for (const para of clean.split('\n'))
      this.wrapParagraph(para, file, style.size, maxWidth, lines, tokens);
    return lines;
  }

  /**
   * Lines of an identifier (IBAN, reference, account identifier, digest, id) in a box
   * `maxWidth` wide: never broken inside when avoidable. When it is too wide at the
   * style's size it is drawn smaller, down to `ATOM_FLOOR` of that size (sizes in steps
   * of 1/20 pt, so that a few styles serve a whole document); only when it is still too
   * wide is it broken, without any added character (see `atomPieces`): at its spaces or
   * its own separators at full size when it has some, else at the floor size. `minSize`
   * (points) raises that floor: an identifier that must stay legible (an IBAN in a
   * party's cell) is not drawn smaller than that. Each line carries the style it is
   * drawn in. Tables give identifiers room before they come here (see columnBoxes).
   */
  wrapAtom(
    text: string,
    style: TextStyle,
    maxWidth: number,
    minSize = 0,
  ): { lines: Line[]; style: TextStyle } {
    const { text: clean, file } = this.prepare(text, style);
    // No identifier is this long (a digest has 64 characters): text that is, is wrapped as text.
    if (clean.length > ATOM_MAX || clean.includes('\n'))
      return { lines: this.wrap(text, style, maxWidth), style };
    const natural = this.width(clean, file, style.size);
    if (natural <= maxWidth || clean.length === 0)
      return { lines: [{ text: clean, width: natural, file }], style };
    const floor = atomFloorSize(style.size, minSize);
    const fitting = Math.floor(((style.size * maxWidth) / natural) * 20) / 20;
    if (fitting >= floor) {
      const small = this.scaled(style, fitting);
      const width = this.width(clean, file, fitting);
      if (width <= maxWidth) return { lines: [{ text: clean, width, file }], style: small };
    }
    // Words (a reference written with spaces) break at their spaces first, at full size.
    // However it is broken, text extraction reads it whole (Line.actualText).
    if (clean.includes(' '))
      return { lines: readWhole(this.wrap(text, style, maxWidth, true), clean), style };
    // Broken as a last resort: after its own separators, at full size, when it has some
    // (`RMT-FICT-` / `-2018`); else at the floor size, where it takes fewest lines.
    if (hasSeparator(clean))
      return { lines: readWhole(this.atomPieces(clean, file, style.size, maxWidth), clean), style };
    const small = this.scaled(style, floor);
    return { lines: readWhole(this.atomPieces(clean, file, floor, maxWidth), clean), style: small };
  }

  /**
   * Lines of a text whose every word is an identifier (`tokens`: an exhibit's locator,
   * `EX-1, Feuil1 row 123456` with its kept phrase glued), wrapped at its spaces. When a
   * word is wider than `maxWidth`, the whole text is drawn smaller, down to the
   * identifiers' floor size (as wrapAtom draws one identifier, and as the column was sized
   * for it: widenForAtoms), before any word is broken. With `whole`, text extraction reads
   * the text whole however it is broken (Line.actualText, as wrapAtom's identifiers): a
   * file's path, which may break after `_` or `/`, or be longer than an identifier.
   */
  wrapTokens(
    text: string,
    style: TextStyle,
    maxWidth: number,
    minSize = 0,
    whole = false,
  ): { lines: Line[]; style: TextStyle } {
    const { text: clean, file } = this.prepare(text, style);
    const read = (lines: Line[]): Line[] => (whole ? readWhole(lines, clean) : lines);
    let widest = 0;
    const words = clean.split(/[ \n]+/);
    for (const word of words) {
      if (word.length > ATOM_MAX)
        return { lines: read(this.wrap(text, style, maxWidth, true)), style };
      widest = Math.max(widest, this.width(word, file, style.size));
    }
    if (widest > maxWidth) {
      const floor = atomFloorSize(style.size, minSize);
      let fitting = Math.floor(((style.size * maxWidth) / widest) * 20) / 20;
      // Measured again at that size (a width a rounding error over): a step smaller if need be.
      const fits = (size: number) =>
        size >= floor && words.every((word) => this.width(word, file, size) <= maxWidth);
      if (!fits(fitting)) fitting = Math.round(fitting * 20 - 1) / 20;
      if (fits(fitting)) {
        const small = this.scaled(style, fitting);
        return { lines: read(this.wrap(text, small, maxWidth, true)), style: small };
      }
    }
    return { lines: read(this.wrap(text, style, maxWidth, true)), style };
  }

  /** `style` at `size` (the same object for the same size: row stores key lines by style). */
  scaled(style: TextStyle, size: number): TextStyle {
    if (size === style.size) return style;
    let bySize = this.scaledStyles.get(style);
    if (!bySize) this.scaledStyles.set(style, (bySize = new Map()));
    let out = bySize.get(size);
    if (!out) bySize.set(size, (out = { ...style, size }));
    return out;
  }

  /**
   * An identifier broken into lines, as a last resort, never with an added character: after
   * the last of its own separators that leaves the line full enough (ATOM_SEPARATORS), else
   * between two characters. Poppler's text extraction joins a line that ends with "-" to
   * the next one and drops that hyphen, so a break after one of the identifier's own
   * hyphens repeats it at the start of the next line (the convention of several languages):
   * the dropped hyphen is the repeated one and `pdftotext` gives the identifier whole. A
   * break between two characters shows no hyphen (a hyphen added there was read as part of
   * the identifier, or as a minus in an amount): the identifier is whole, on two lines.
   */
  private atomPieces(
    text: string,
    file: string,
    size: number,
    maxWidth: number,
    separators = ATOM_SEPARATORS,
  ): Line[] {
    const lines: Line[] = [];
    let rest = text;
    while (rest.length > 0) {
      const w = this.width(rest, file, size);
      // Cut between clusters only (clusterOffsets): never between a letter and its mark or
      // vowel sign, inside a conjunct or a surrogate pair (a Telugu name cut `…గారుక` /
      // `◌ృష్ణ…`, its vowel sign drawn on a dotted circle).
      const at = clusterOffsets(rest);
      const clusters = at.length - 1;
      if (w <= maxWidth || clusters === 1) {
        lines.push({ text: rest, width: w, file });
        break;
      }
      const fits = (k: number) => this.width(rest.slice(0, at[k]), file, size) <= maxWidth;
      const m = largestFitting(clusters - 1, fits, 1);
      // Prefer the identifier's own separator in the last half of the piece.
      let cut = at[m]!;
      for (let k = m; k > Math.max(1, m * 0.5); k--) {
        const end = at[k]!;
        if (separators.includes(rest[end - 1] ?? '') && rest[end - 2] !== '-') {
          cut = end;
          break;
        }
      }
      const head = rest.slice(0, cut);
      lines.push({ text: head, width: this.width(head, file, size), file });
      rest = cut > 1 && rest[cut - 1] === '-' ? '-' + rest.slice(cut) : rest.slice(cut);
    }
    return this.noLoneEnd(lines, file, size, maxWidth, separators);
  }

  /**
   * `lines` of a broken identifier, their last one made no shorter than MIN_PIECE
   * characters when it was cut from the line before between two characters (not after a
   * separator): the two lines share their characters evenly, when both then fit, rather
   * than leave one alone (an IBAN drawn `FR763099900417000123456780` / `4`). When the
   * even share falls just after one of the identifier's hyphens, the hyphen is repeated at
   * the start of the second line, as atomPieces repeats it (`ab-` / `--` / `01` read as
   * `ab-01`); when the second line then no longer fits, the lines stay as they were.
   */
  private noLoneEnd(
    lines: Line[],
    file: string,
    size: number,
    maxWidth: number,
    separators: string,
  ): Line[] {
    const last = lines[lines.length - 1];
    const before = lines[lines.length - 2];
    if (!last || !before || clusterOffsets(last.text).length - 1 >= MIN_PIECE) return lines;
    if (separators.includes(before.text.slice(-1))) return lines;
    const both = before.text + last.text;
    const at = clusterOffsets(both);
    const half = at[Math.ceil((at.length - 1) / 2)]!;
    const head = both.slice(0, half);
    const tail = head.endsWith('-') ? '-' + both.slice(half) : both.slice(half);
    const headWidth = this.width(head, file, size);
    const tailWidth = this.width(tail, file, size);
    if (headWidth > maxWidth || tailWidth > maxWidth) return lines;
    return [
      ...lines.slice(0, -2),
      { text: head, width: headWidth, file },
      { text: tail, width: tailWidth, file },
    ];
  }

  /**
   * `lines` kept to at most `max` lines: the last one kept holds the rest, cut to
   * `maxWidth` with an ellipsis (fit). A running header's slot, a contents entry.
   */
  capLines(lines: Line[], max: number, style: TextStyle, maxWidth: number): Line[] {
    if (lines.length <= max) return lines;
    const rest = lines.slice(max - 1).map((l) => l.text);
    return [...lines.slice(0, max - 1), this.fit(rest.join(' '), style, maxWidth)];
  }

  /** One line, never wrapped: cut with an ellipsis if wider than `maxWidth` (running headers only). */
  fit(text: string, style: TextStyle, maxWidth: number): Line {
    const { text: clean, file } = this.prepare(oneLine(text), style);
    const size = style.size;
    if (clean.length <= LONG) {
      const w = this.width(clean, file, size);
      if (w <= maxWidth || clean.length <= 1) return { text: clean, width: w, file };
    }
    // The longest prefix of whole clusters (never half a character, a letter without its
    // marks) that fits with "…" after it (at most all but the last two clusters; none: "…"
    // alone), found by probing prefixes no longer than twice the answer.
    const at = clusterOffsets(clean);
    if (at.length <= 2) return { text: clean, width: this.width(clean, file, size), file };
    const cut = (k: number) => clean.slice(0, at[k]) + '…';
    const fits = (m: number) => this.width(cut(m - 1), file, size) <= maxWidth;
    const k = largestFitting(at.length - 2, fits, 1) - 1;
    const t = cut(k);
    return { text: t, width: this.width(t, file, size), file };
  }

  /** Scrub, remove control characters, pick a font that has every glyph. */
  prepare(text: string, style: TextStyle): Prepared {
    let memo = this.prepared.get(style.font);
    if (!memo) this.prepared.set(style.font, (memo = new RecentMemo(MEMO_GENERATION)));
    let out = memo.get(text);
    if (!out) {
      const { text: clean, file } = this.prepareUncached(text, style);
      out = {
        text: clean,
        file,
        plain: !clean.includes('\n') && !clean.includes('  ') && clean === clean.trim(),
        units: Number.NaN,
        line: undefined,
        lineSize: 0,
      };
      memo.set(text, out);
    }
    return out;
  }

  private prepareUncached(text: string, style: TextStyle): { text: string; file: string } {
    const file = this.theme.fontFiles[style.font];
    let clean = this.scrub(text);
    if (ASCII_PRINTABLE.test(clean)) return { text: clean, file };
    clean = clean.normalize('NFC').replace(LINE_BREAKS, '\n').replace(/\t/g, ' ');
    clean = withoutControls(clean);
    // Characters that no font draws become a visible mark (reported as missing-glyph).
    let replaced = '';
    let boxes = false;
    for (const ch of clean) {
      // A joiner kept by withoutControls is shaped with the letter before it, in its font.
      if (
        ch === '\n' ||
        isJoiner(ch) ||
        this.splitter.fileFor(ch.codePointAt(0) ?? 0, file) !== undefined
      )
        replaced += ch;
      else {
        this.missing.add(ch);
        replaced += REPLACEMENT;
        boxes = true;
      }
    }
    // The mark parts the words around it where the character it replaces may have glued
    // them (`Fictoria` U+0985 `concerné`, Bengali having no font here): what it shows is
    // masked again (a review, session 42, saw the name drawn beside the mark).
    if (boxes) replaced = this.scrub(replaced);
    return { text: replaced, file };
  }

  private hasGlyph(file: string, codePoint: number): boolean {
    let cache = this.glyphs.get(file);
    if (!cache) this.glyphs.set(file, (cache = new Map()));
    let has = cache.get(codePoint);
    if (has === undefined) {
      has = this.fonts.hasGlyph(file, codePoint);
      cache.set(codePoint, has);
    }
    return has;
  }

  private wrapParagraph(
    para: string,
    file: string,
    size: number,
    maxWidth: number,
    out: Line[],
    tokens = false,
  ): void {
    const words = para.split(/ +/).filter((w) => w.length > 0);
    if (words.length === 0) {
      out.push({ text: '', width: 0, file });
      return;
    }
    const first = out.length;
    const space = this.width(' ', file, size);
    let line = '';
    let lineWidth = 0;
    // Lines of words broken over several (see WholeWords): what extraction reads for them.
    let whole: WholeWords | undefined;
    // Characters at the start of `line` that end a word broken over the lines before it.
    let tail = 0;
    for (const word of words) {
      const w = word.length > LONG ? Number.POSITIVE_INFINITY : this.width(word, file, size);
      if (line && lineWidth + space + w <= maxWidth) {
        line += ' ' + word;
        lineWidth += space + w;
        continue;
      }
      if (line) {
        if (tail > 0) endOfWord(whole!, out.length, line, tail);
        out.push({ text: line, width: lineWidth, file });
      }
      tail = 0;
      if (w <= maxWidth) {
        line = word;
        lineWidth = w;
        continue;
      }
      let last: Line;
      if (tokens && word.length <= ATOM_MAX)
        last = this.lastPiece(
          this.atomPieces(word, file, size, maxWidth, WORD_SEPARATORS),
          out,
          file,
        );
      else {
        const from = out.length;
        last = this.breakWord(word, file, size, maxWidth, out);
        if (out.length > from && word.length <= ATOM_MAX) {
          whole ??= { texts: new Map(), words: [] };
          for (let k = from; k < out.length; k++) whole.texts.set(k, k === from ? word : '');
          whole.words.push({ from, to: out.length });
          tail = last.text.length;
        }
      }
      line = last.text;
      lineWidth = last.width;
    }
    if (tail > 0) endOfWord(whole!, out.length, line, tail);
    out.push({ text: line, width: lineWidth, file });
    // Right-to-left text over several lines: each line's place in the paragraph.
    let contexts: ReturnType<typeof bidiContexts>;
    if (out.length - first > 1) {
      contexts = bidiContexts(
        para,
        out.slice(first).map((l) => l.text),
      );
      if (contexts)
        for (let k = first; k < out.length; k++) {
          const bidi = contexts[k - first];
          if (bidi) out[k] = { ...out[k]!, bidi };
        }
    }
    // (Not where a word's lines hold right-to-left words: their extraction is their
    // reading order, PdfPainter's.)
    for (const { from, to } of whole?.words ?? []) {
      let rtl = false;
      // (Arabic-Indic digits are right-to-left characters, but a number of them broken
      // over lines holds no word to read in order: read whole, as any number.)
      for (let k = from; k <= to && contexts; k++)
        rtl ||= RTL.test(out[k]!.text.replace(ARABIC_INDIC_DIGITS, ''));
      if (!rtl)
        for (let k = from; k <= to; k++) {
          const actualText = whole!.texts.get(k);
          if (actualText !== undefined) out[k] = { ...out[k]!, actualText };
        }
    }
  }

  /** Every piece but the last to `out`; returns the last. */
  private lastPiece(pieces: readonly Line[], out: Line[], file: string): Line {
    for (let i = 0; i + 1 < pieces.length; i++) out.push(pieces[i] as Line);
    return pieces[pieces.length - 1] ?? { text: '', width: 0, file };
  }

  /**
   * Break a word wider than `maxWidth`: every piece but the last goes to `out`; returns the
   * last. A break inside a run of letters or digits is shown by a hyphen (never a silent
   * cut mid-word; see `hyphenate`), but in a word with digits (of any script) of at most
   * ATOM_MAX (256) characters, an identifier or number written in a text (a reference, an
   * IBAN, a digest, a phone number in Arabic-Indic digits in a note): it is broken as wrapAtom breaks one, after its own separators or between two
   * characters, never with an added hyphen (read as part of the identifier). A longer
   * word is no identifier: broken as any word.
   */
  private breakWord(word: string, file: string, size: number, maxWidth: number, out: Line[]): Line {
    // (Not a word with right-to-left characters, Arabic-Indic digits included: its own
    // hyphen repeated at the start of the next line, the identifiers' convention, is drawn
    // at the wrong end of a right-to-left line. Such a word breaks after its own hyphens
    // or between its digits as any word, with no hyphen added between digits: HYPHENATED.)
    if (word.length <= ATOM_MAX && /\p{Nd}/u.test(word) && !RTL.test(word))
      return this.lastPiece(this.atomPieces(word, file, size, maxWidth), out, file);
    // A compound (`Papadopoulos-Konstantinidis`, `Кузнецов-Оболенский`) breaks after its
    // own hyphens, as a line breaker does (and as widenForAtoms sized the column for its
    // parts), when each part fits a line; in a column narrower than a part, the word is
    // hyphenated whole as any other (fewer lines, no line of a lone hyphen).
    if (word.length <= LONG && COMPOUND.test(word)) {
      const parts = word.split(COMPOUND_BREAK);
      if (parts.every((part) => this.width(part, file, size) <= maxWidth)) {
        let line = '';
        for (const part of parts) {
          if (line && this.width(line + part, file, size) <= maxWidth) line += part;
          else {
            if (line) out.push({ text: line, width: this.width(line, file, size), file });
            line = part;
          }
        }
        return { text: line, width: this.width(line, file, size), file };
      }
    }
    let pieces: readonly Line[];
    if (word.length <= LONG) pieces = this.hyphenate(word, file, size, maxWidth);
    else {
      // A long text is wrapped in each layout pass: its long words are broken once.
      const key = `${file}\u0000${size}\u0000${maxWidth}`;
      const known = this.brokenWords.get(key)?.get(word);
      if (known) pieces = known;
      else {
        pieces = this.hyphenate(word, file, size, maxWidth);
        if ((this.brokenChars += word.length) > MAX_BROKEN_CHARS) {
          this.brokenWords.clear();
          this.brokenChars = word.length;
        }
        let byWord = this.brokenWords.get(key);
        if (!byWord) this.brokenWords.set(key, (byWord = new Map()));
        byWord.set(word, pieces);
      }
    }
    for (let i = 0; i + 1 < pieces.length; i++) out.push(pieces[i] as Line);
    return pieces[pieces.length - 1] ?? { text: '', width: 0, file };
  }

  /**
   * The pieces of a word broken to `maxWidth`, room left for a hyphen: a piece that ends
   * between two letters or digits (of a script written with hyphens) ends with "-", which
   * text extraction (pdftotext) takes for a line-end hyphen and joins back. A break after a
   * separator ("/", ".", "-"...) or between ideographs shows none.
   */
  private hyphenate(word: string, file: string, size: number, maxWidth: number): Line[] {
    const pieces = this.pieces(word, file, size, maxWidth - this.width('-', file, size));
    for (let i = 0; i + 1 < pieces.length; i++) {
      const { text } = pieces[i] as Line;
      const next = (pieces[i + 1] as Line).text;
      // A piece ends with a whole cluster: its letter is before its marks (`ṇ̄`).
      const end = text.replace(TRAILING_MARKS, '').slice(-1);
      if (HYPHENATED.test(end) && HYPHENATED.test(next.slice(0, 1))) {
        pieces[i] = { text: text + '-', width: this.width(text + '-', file, size), file };
      }
    }
    return pieces;
  }

  /** The lines of a word broken to `maxWidth`, in time linear in its length. */
  private pieces(word: string, file: string, size: number, maxWidth: number): Line[] {
    const lines: Line[] = [];
    const fast = this.fonts.fast(file);
    if (fast.isSafe(word, word.length)) {
      // Plain text (no surrogate pair, one glyph per character): piece widths come from
      // prefix sums, exactly as measuring each piece would give them.
      const span = fast.spans(word);
      const width = (from: number, to: number) => (span(from, to) * size) / 1000;
      let from = 0;
      for (const to of breakPoints(word, maxWidth, width)) {
        lines.push({ text: word.slice(from, to), width: width(from, to), file });
        from = to;
      }
      return lines;
    }
    // Shaped text (ligatures, marks, other scripts): broken between clusters, each
    // candidate piece shaped as it would be drawn (uncached: most are measured once).
    const offsets = clusterOffsets(word);
    const piece = (from: number, to: number) => word.slice(offsets[from], offsets[to]);
    const units: Units = { length: offsets.length - 1, at: (i) => piece(i, i + 1) };
    const span = (from: number, to: number) => {
      const text = piece(from, to);
      const w = this.fonts.fast(file).safeWidth(text);
      if (!Number.isNaN(w)) return (w * size) / 1000;
      const runs = this.splitter.segments(text, file);
      let units = 0;
      for (const run of runs) units += this.fonts.measureOnce(run.file, run.text);
      return (units * size) / 1000;
    };
    let from = 0;
    for (const to of breakPoints(units, maxWidth, span)) {
      const text = piece(from, to);
      lines.push({ text, width: this.width(text, file, size), file });
      from = to;
    }
    return lines;
  }
}

/** A word made of parts joined by hyphens (a letter or digit on both sides). */
const COMPOUND = /[\p{L}\p{N}]-[\p{L}\p{N}]/u;
/** Where a compound breaks: after each of its hyphens. */
const COMPOUND_BREAK = /(?<=[\p{L}\p{N}]-)(?=[\p{L}\p{N}])/u;

/** Whether an identifier has one of its own separators inside it (wrapAtom breaks it after them). */
export function hasSeparator(text: string): boolean {
  for (let i = 1; i < text.length - 1; i++)
    if (ATOM_SEPARATORS.includes(text[i] ?? '')) return true;
  return false;
}
