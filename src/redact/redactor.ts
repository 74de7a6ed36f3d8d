/**
 * The one place where victims' identities are masked in text that courtfile writes:
 * PDF text, metadata and bookmarks, the terminal and JSON summaries, the packet manifest,
 * diagnostics in every format, and (through the same API) exports and import comments.
 * Build a Redactor once per dossier, then `scrub` every string before it leaves.
 *
 * Matching is on folded text (fold.ts: NFKC forms, accents, case, dashes, white space,
 * invisible characters), with one Aho-Corasick pass for whole-word terms (names, aliases,
 * birth dates, identifiers) and one over letters and digits only for long identifiers
 * (phone numbers and IBANs written with spaces, dots or dashes). Whole words, except in
 * scripts written without spaces (a term may start and end anywhere there) and after
 * Hebrew and Arabic one-letter prefixes (fold.ts: UNSPACED, cliticPrefix). Linear in the
 * text.
 */
import { Automaton } from './automaton.js';
import {
  DIGIT,
  LETTER,
  MARK,
  MARKED,
  MARK_UNIT,
  NOT_WORD,
  UNSPACED,
  cliticPrefix,
  foldText,
  foldWithOrigin,
  hasHyphenBreak,
  joinReadings,
  type JoinBreaks,
  unitClass,
} from './fold.js';
import type { IdentityKind, IdentitySource, IdentityTerm } from './identities.js';
import { identityTerms, pseudonymPhrases, publicPhrases } from './identities.js';

export interface RedactorOptions {
  /** What replaces a protected span, e.g. `[redacted]` or the template's `[masqué]`. */
  readonly mask: string;
  /** `--reveal-victims`: mask nothing. */
  readonly reveal?: boolean;
}

/** A combining mark. */
const COMBINING_MARK = /^\p{M}$/u;
/** A victim's identity found in a text: which victim (pseudonym or id) and what kind. */
export interface IdentityMention {
  readonly victim: string;
  readonly kind: IdentityKind;
}

/** Called for each match: the term and its folded span. */
type Visit = (term: IdentityTerm, start: number, end: number) => void;

/** The mask used instead of one that would itself show a victim's identity. */
const SAFE_MASK = '[redacted]';

export class Redactor {
  private readonly words: Automaton;
  private readonly wordTerms: readonly IdentityTerm[];
  private readonly compact: Automaton;
  private readonly compactTerms: readonly IdentityTerm[];
  /**
   * Mask of the ring's indices: its size (the length of the longest compact term, rounded
   * up to a power of two) less one, so that no character costs a division.
   */
  private readonly ringMask: number;
  /** Positions of the last letters and digits of the text being scanned, a ring. */
  private readonly ring: Int32Array;

  /** What replaces an identity (see the constructor). */
  readonly mask: string;

  constructor(
    terms: readonly IdentityTerm[],
    mask: string,
    /** Folded institutional names (publicPhrases): see publicExemptions. */
    publicNames: readonly string[] = [],
    /** Folded pseudonyms of the victims (pseudonymPhrases): see inPseudonym. */
    pseudonyms: readonly string[] = [],
  ) {
    // Scanned below with no mask, to see whether the mask itself names a victim.
    this.mask = '';
    this.wordTerms = terms.filter((t) => !t.compact);
    this.compactTerms = terms.filter((t) => t.compact);
    this.words = new Automaton(this.wordTerms.map((t) => t.text));
    this.compact = new Automaton(this.compactTerms.map((t) => t.text));
    const longest = this.compactTerms.reduce((max, t) => Math.max(max, t.text.length), 1);
    let size = 1;
    while (size < longest) size *= 2;
    this.ringMask = size - 1;
    this.ring = new Int32Array(size);
    this.exempt = this.publicExemptions(publicNames);
    this.pseudonyms = pseudonyms.filter((p) => p.length > 0);
    // A mask that itself names a victim (a template's `redacted` label set to her name,
    // an audit: every masked mention then printed her name) is replaced by a plain one.
    this.mask = mask !== '' && this.scrub(mask) !== mask ? SAFE_MASK : mask;
  }

  /** Institutional names and the one name part each may show (publicExemptions). */
  private readonly exempt: readonly { readonly phrase: string; readonly term: string }[];

  /**
   * Which institutional names (court, office, unit, time zone) may show a victim's name
   * part, and which one: a name of two words or more (`Tribunal judiciaire de Nancy`,
   * `europe/paris`) in which the only identity found is one part of one victim's name or
   * a one-word alias, written as a single word. None where it holds more (`Nancy-Dupont`,
   * `Dupont,Nancy`: the whole name), nor a one-word field (`unit: Dupont`), nor when the
   * institutional names together would show two different parts of one victim's name
   * (`TJ de Nancy` and `Brigade Dupont`): those are masked as any text.
   */
  private publicExemptions(phrases: readonly string[]): { phrase: string; term: string }[] {
    const found: { phrase: string; term: IdentityTerm }[] = [];
    for (const phrase of phrases) {
      // (A phrase as the MARKED reading folds it counts its words as the plain one.)
      const words = phrase.replaceAll(MARK, '').split(/[^\p{L}\p{N}]+/u);
      if (words.filter((w) => w !== '').length < 2) continue;
      const hits = new Map<string, IdentityTerm>();
      let whole = false;
      // In a phrase as the MARKED reading folds it, only the words with their marks count:
      // the others are found in the plain phrase if they are there (`Kāneʻohe` read so
      // holds `kane`, as a second part of a victim's name withdrew her exemptions).
      const marked = phrase.includes(MARK);
      this.scan(phrase, (term) => {
        if (marked && !term.text.includes(MARK)) return;
        if (term.compact || (term.kind !== 'name' && term.kind !== 'alias')) whole = true;
        else if (!/^[\p{L}\p{N}]+$/u.test(term.text.replaceAll(MARK, ''))) whole = true;
        hits.set(term.text, term);
      });
      const [term, ...more] = hits.values();
      if (!whole && term !== undefined && more.length === 0) found.push({ phrase, term });
    }
    // One part by its MARKED form: `maʼruf` and `ma` MARK `ruf` are the same part.
    const partsOf = new Map<string, Set<string>>();
    for (const { term } of found) {
      const parts = partsOf.get(term.victim) ?? new Set<string>();
      const part = term.text.includes(MARK) ? term.text : foldText(term.text, false, MARKED);
      partsOf.set(term.victim, parts.add(part));
    }
    return found
      .filter(({ term }) => partsOf.get(term.victim)?.size === 1)
      .map(({ phrase, term }) => ({ phrase, term: term.text }));
  }

  /** The victims' pseudonyms, folded: what documents name them by is never masked. */
  private readonly pseudonyms: readonly string[];
  /** Where the exempt phrases and pseudonyms are in the text being read. */
  private readonly phrases = new PhraseFinder();

  /** A redactor that masks nothing. */
  static none(): Redactor {
    return new Redactor([], '');
  }

  /** The redactor of a dossier's victims (none with `reveal`). */
  static forDossier(source: IdentitySource, options: RedactorOptions): Redactor {
    return options.reveal
      ? Redactor.none()
      : new Redactor(
          identityTerms(source),
          options.mask,
          publicPhrases(source),
          pseudonymPhrases(source),
        );
  }

  /**
   * Whether the match [start, end) of `term` in `folded` is the name part an institutional
   * name may show (publicExemptions), inside that name written whole: there it names a
   * place, not the victim, and is left as written.
   */
  private isPublic(term: IdentityTerm, folded: string, start: number, end: number): boolean {
    if (this.exempt.length === 0) return false;
    for (const { phrase, term: allowed } of this.exempt) {
      if (term.text === allowed && this.phrases.inPhrase(phrase, folded, start, end)) return true;
    }
    return false;
  }

  /**
   * Whether the match [start, end) in `folded` lies inside a victim's pseudonym written
   * whole (as whole words): the pseudonym is how documents name her, chosen by the user,
   * and is shown as written even where it holds a word of a name ("Victime A" beside a
   * name "Lucie Victime", "Marie D." for "Marie Dupont"). validate warns about such a
   * pseudonym (victim-identity, at the pseudonym), not about the texts that quote it.
   */
  private inPseudonym(folded: string, start: number, end: number): boolean {
    for (const phrase of this.pseudonyms)
      if (this.phrases.inPhrase(phrase, folded, start, end)) return true;
    return false;
  }

  /** Whether the match [start, end) in `folded` is shown as written (isPublic, inPseudonym). */
  private isExempt(term: IdentityTerm, folded: string, start: number, end: number): boolean {
    return this.isPublic(term, folded, start, end) || this.inPseudonym(folded, start, end);
  }

  /** Whether there is anything to mask. */
  get active(): boolean {
    return this.words.size + this.compact.size > 0;
  }

  /**
   * `text` with every victim identity replaced by the mask. Linear in the text. Text
   * with a hyphen before white space is matched twice: as written (a hyphenated compound
   * "Quillabast-⏎Zephyrine" is two words), then with such hyphens joined ("Fic-⏎toria",
   * "Fic- toria" are one word, as a reader reads them); what either finds is masked.
   * Text with a line separator a reader may not see (a vertical tab, U+2028...) or a
   * zero-width non-joiner is also matched with those dropped ("Fic\u000btoria"), each
   * kind alone and together (joinReadings).
   */
  scrub(text: string, inline = false): string {
    if (!this.active || text.length === 0) return text;
    let spans = this.spans(text, false);
    const hyphens = hasHyphenBreak(text);
    if (hyphens) {
      const joined = this.spans(text, true);
      if (joined.length > 0) spans = mergeSpans(spans, joined);
    }
    // `inline`: text printed on one line, its line breaks and tabs escaped (diagnostics):
    // those join the words around them too (JoinBreaks).
    for (const join of joinReadings(text, inline)) {
      for (const dehyphenate of hyphens ? [false, true] : [false]) {
        const joined = this.spans(text, dehyphenate, join);
        if (joined.length > 0) spans = mergeSpans(spans, joined);
      }
    }
    if (spans.length === 0) return text;
    let out = '';
    let last = 0;
    for (let k = 0; k < spans.length; k += 2) {
      const gap = text.slice(last, spans[k]);
      // Parts of one word masked apart (`حسین‌زاده`, its parts joined by a non-joiner: each
      // part a victim's name) get one mask, not `[masqué][masqué]` (the non-joiner between
      // two masks is not drawn).
      if (k === 0 || !INVISIBLE_GAP.test(gap)) out += gap + this.mask;
      last = spans[k + 1] ?? text.length;
    }
    return out + text.slice(last);
  }

  /**
   * The spans of `text` to mask, as start, stop pairs in the original text, disjoint and
   * sorted: each match widened to the whole characters it came from and the invisible
   * ones just after it.
   */
  private spans(text: string, dehyphenate: boolean, joinBreaks: JoinBreaks = 0): number[] {
    let found = false;
    this.scan(foldText(text, dehyphenate, joinBreaks), () => {
      found = true;
    });
    const spans: number[] = [];
    if (!found) return spans;
    const { folded, origin } = foldWithOrigin(text, true, dehyphenate, joinBreaks);
    this.scan(folded, (term, a, b) => {
      if (this.isExempt(term, folded, a, b)) return;
      let start = origin[a] ?? 0;
      const last = origin[b - 1] ?? 0;
      let j = b;
      while (j < folded.length && origin[j] === last) j++;
      let stop = j < folded.length ? (origin[j] ?? text.length) : text.length;
      // Marks just after the match are its last letter's (a reading may have read a
      // spacing mark as white space: `शर्मा` matched as `शर्म` left `ा` after the mask).
      for (let c = text.codePointAt(stop); c !== undefined; c = text.codePointAt(stop)) {
        if (!COMBINING_MARK.test(String.fromCodePoint(c))) break;
        stop += c > 0xffff ? 2 : 1;
      }
      // Matches come by end; a longer one may cover those before it: merge from the top.
      while (spans.length > 0 && start <= (spans[spans.length - 1] ?? 0)) {
        stop = Math.max(stop, spans.pop() ?? 0);
        start = Math.min(start, spans.pop() ?? 0);
      }
      spans.push(start, stop);
    });
    return spans;
  }

  /**
   * The distinct victim identities `text` mentions (for the `victim-identity` warning).
   * `ofPseudonym`: `text` is a victim's pseudonym, checked whole (inside the victims'
   * pseudonyms, identities are otherwise not mentions).
   */
  mentions(text: string, ofPseudonym = false): IdentityMention[] {
    if (!this.active || text.length === 0) return [];
    this.found = undefined;
    this.ofPseudonym = ofPseudonym;
    this.scanned = foldText(text);
    this.scan(this.scanned, this.visitMention);
    const hyphens = hasHyphenBreak(text);
    if (hyphens) this.scan((this.scanned = foldText(text, true)), this.visitMention);
    for (const join of joinReadings(text)) {
      this.scan((this.scanned = foldText(text, false, join)), this.visitMention);
      if (hyphens) this.scan((this.scanned = foldText(text, true, join)), this.visitMention);
    }
    this.scanned = '';
    // (Set by visitMention during the scans: TypeScript cannot see that.)
    const found = this.found as Map<string, IdentityMention> | undefined;
    this.found = undefined;
    return found === undefined ? [] : [...found.values()];
  }

  /**
   * What mentions() has found in its text so far, made at the first mention: most texts
   * checked mention no one, and a validate checks hundreds of thousands of them (no Map
   * nor closure is made for those).
   */
  private found: Map<string, IdentityMention> | undefined;
  /** The folded text mentions() is scanning (for isPublic, without a closure per text). */
  private scanned = '';
  /** mentions() checks a pseudonym: identities inside pseudonyms count. */
  private ofPseudonym = false;
  private readonly visitMention = (term: IdentityTerm, start: number, end: number): void => {
    if (
      this.ofPseudonym
        ? this.isPublic(term, this.scanned, start, end)
        : this.isExempt(term, this.scanned, start, end)
    )
      return;
    const key = `${term.victim}\u0000${term.kind}`;
    const found = (this.found ??= new Map());
    if (!found.has(key)) found.set(key, { victim: term.victim, kind: term.kind });
  };

  /**
   * Every valid match in folded text, by end position: at each end, the longest valid
   * term only (enough to mask, and to say what is mentioned). Linear in the text: the
   * terms tried at one end stop at the first valid one, and none are tried in the middle
   * of a word (a word term whose last character is a letter or digit cannot end there).
   * In scripts written without spaces (UNSPACED), every character is a word of its own:
   * a term may end at any of them, and the first term tried there is valid unless it
   * starts inside a word of letters or digits.
   */
  private scan(folded: string, visit: Visit): void {
    const useCompact = this.compact.size > 0;
    const ring = this.ring;
    let seen = 0;
    let w = 0;
    let c = 0;
    let runStart = 0; // where the current word (run of letters, or of digits) started
    let previous = NOT_WORD;
    for (let i = 0; i < folded.length; i++) {
      const unit = folded.charCodeAt(i);
      const kind = unitClass(unit);
      const word = kind !== NOT_WORD;
      if (!word) runStart = i + 1;
      else if (kind !== previous || kind === UNSPACED) runStart = i;
      previous = kind;
      w = this.words.step(w, unit);
      if (w !== 0 && this.words.endsIn(w)) {
        const midWord =
          word &&
          kind !== UNSPACED &&
          i + 1 < folded.length &&
          unitClass(folded.charCodeAt(i + 1)) === kind;
        if (!midWord) this.visitWords(folded, w, i + 1, runStart, visit);
      }
      if (useCompact && word) {
        ring[seen & this.ringMask] = i;
        seen++;
        c = this.compact.step(c, unit);
        if (c !== 0 && this.compact.endsIn(c)) {
          this.compact.matches(c, (t) => {
            const term = this.compactTerms[t];
            if (!term) return false;
            visit(term, ring[(seen - term.text.length) & this.ringMask] ?? 0, i + 1);
            return true;
          });
        }
      }
    }
  }

  /**
   * The longest word term ending at `end` that starts at a word boundary, if any. A
   * Hebrew or Arabic term of 3 characters or more may also start after one-letter words
   * glued to it (cliticPrefix: "ל" in "לנועה", "و" in "وفاطمة"); the mask then starts
   * at the term, and the prefix stays.
   */
  private visitWords(
    folded: string,
    state: number,
    end: number,
    runStart: number,
    visit: Visit,
  ): void {
    this.words.matches(state, (t) => {
      const term = this.wordTerms[t];
      if (!term) return false;
      const start = end - term.text.length;
      const first = unitClass(term.text.charCodeAt(0));
      const prefixed = () =>
        first === LETTER && term.text.length >= 3 && cliticPrefix(folded, start);
      if (start > runStart) {
        // Inside the word that ends here: this term and every shorter one start in the
        // middle of it, unless after clitics (at most 4 letters: at most 4 more tries).
        if (start - runStart > 4) return true;
        if (!prefixed()) return false;
      } else if (
        (first === LETTER || first === DIGIT) &&
        start > 0 &&
        unitClass(folded.charCodeAt(start - 1)) === first &&
        !prefixed()
      )
        return false;
      // A word of the name with its marks (the MARKED reading) does not start just after
      // a MARK: `Oʻgʻani` holds `gʻani` as `Raviprakash` holds Prakash, and `ʻaʻala` is
      // not `Aʻala` (a gap before the name is white space in another reading).
      else if (start > 0 && folded.charCodeAt(start - 1) === MARK_UNIT && term.text.includes(MARK))
        return false;
      visit(term, start, end);
      return true;
    });
  }
}

/**
 * The places of phrases (exempt names, pseudonyms) in one folded text, found once per
 * text and phrase: each match asked inPhrase, which searched the phrase from the text's
 * start every time, quadratic in a text that repeats it (a pseudonym holding a word of
 * the name, 40,000 times in a note: 14 s).
 */
class PhraseFinder {
  private folded: string | undefined;
  private readonly places = new Map<string, number[]>();

  /** Where `phrase` starts in `folded` (overlapping places too), in order. */
  private placesOf(phrase: string, folded: string): number[] {
    if (folded !== this.folded) {
      this.folded = folded;
      this.places.clear();
    }
    let list = this.places.get(phrase);
    if (list === undefined) {
      list = [];
      for (let at = folded.indexOf(phrase); at >= 0; at = folded.indexOf(phrase, at + 1))
        list.push(at);
      this.places.set(phrase, list);
    }
    return list;
  }

  /**
   * Whether [start, end) of `folded` lies inside an occurrence of `phrase` (folded too)
   * that starts and stops at word boundaries: one that starts from `end - phrase.length`
   * to `start` (a few places at most, found by bisection).
   */
  inPhrase(phrase: string, folded: string, start: number, end: number): boolean {
    const places = this.placesOf(phrase, folded);
    const from = end - phrase.length;
    let lo = 0;
    let hi = places.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (places[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < places.length && places[k]! <= start; k++) {
      const at = places[k]!;
      const stop = at + phrase.length;
      if (
        (at === 0 || unitClass(folded.charCodeAt(at - 1)) === NOT_WORD) &&
        (stop === folded.length || unitClass(folded.charCodeAt(stop)) === NOT_WORD)
      )
        return true;
    }
    return false;
  }
}

/** Nothing but characters that draw nothing, between two spans masked (see scrub). */
const INVISIBLE_GAP = /^[\u00ad\u200b-\u200d\u2060\ufeff]+$/;

/** The union of two lists of sorted, disjoint start, stop pairs, sorted and disjoint. */
function mergeSpans(a: readonly number[], b: readonly number[]): number[] {
  const pairs: [number, number][] = [];
  for (const list of [a, b])
    for (let k = 0; k < list.length; k += 2) pairs.push([list[k] ?? 0, list[k + 1] ?? 0]);
  pairs.sort((x, y) => x[0] - y[0]);
  const out: number[] = [];
  for (const [start, stop] of pairs) {
    const n = out.length;
    if (n > 0 && start <= (out[n - 1] ?? 0)) out[n - 1] = Math.max(out[n - 1] ?? 0, stop);
    else out.push(start, stop);
  }
  return out;
}
