/**
 * Breaking a word wider than its box into pieces that each fit, in time linear in the
 * word: the word is seen as a sequence of units (characters of plain text, grapheme
 * clusters otherwise) and the width of a run of units comes from `span`, which costs
 * O(1) with prefix sums (plain text, see FastGlyphs.spans) or the length of the run
 * otherwise. Each piece is found by a search that starts from the previous piece's
 * length and probes runs of at most about twice a line, so the cost of a piece never
 * depends on what remains of the word.
 *
 * Choosing a piece's end is kept apart from finding how much fits (`breakPoints`):
 * that is where a rule such as "no break inside this span" (identifiers kept whole)
 * would narrow the candidates.
 */

/** A word as a sequence of units: a string (its UTF-16 units) or a list of clusters will do. */
export interface Units {
  readonly length: number;
  /** The text of unit `i`. */
  at(i: number): string | undefined;
}

/** Characters after which a long token (path, URL, reference) breaks most readably. */
const BREAK_AFTER = new Set(['/', '\\', '-', '_', '.', '@', ':', ',', ';', '=', '&', '?']);

/**
 * Split a word into pieces no wider than `maxWidth` (one unit at least each, so it always
 * terminates). `units.at(i)` is the text of unit i (a character or grapheme cluster) and
 * `span(from, to)` the width of units `[from, to)` drawn as one piece. Prefers breaking
 * after a separator in the last 40 % of a piece; hashes and IBANs, which have none, break
 * at the last unit that fits. Returns the end index of each piece (the last one is
 * `units.length`).
 */
export function breakPoints(
  units: Units,
  maxWidth: number,
  span: (from: number, to: number) => number,
): number[] {
  const ends: number[] = [];
  const n = units.length;
  let start = 0;
  let hint = 1;
  for (;;) {
    const rest = n - start;
    const fit =
      rest <= 1 ? rest : largestFitting(rest, (m) => span(start, start + m) <= maxWidth, hint);
    if (fit >= rest) break;
    hint = fit;
    start += preferredCut(units, start, fit);
    ends.push(start);
  }
  ends.push(n);
  return ends;
}

/**
 * Where to end a piece of which `fit` units fit: after the last separator in the last
 * 40 % of them, else after all of them.
 */
function preferredCut(units: Units, start: number, fit: number): number {
  for (let i = fit; i > Math.max(1, fit * 0.6); i--) {
    if (BREAK_AFTER.has(units.at(start + i - 1) ?? '')) return i;
  }
  return fit;
}

/**
 * The largest m in [1, rest] for which `fits(m)` holds, `fits` being true then false as m
 * grows (widths grow with the run); 1 when even one unit is too wide. Exponential search
 * from `hint` then bisection: O(log d) probes, d the distance from the hint, each probe
 * no longer than twice the answer plus the hint.
 */
export function largestFitting(rest: number, fits: (m: number) => boolean, hint: number): number {
  // Bracket the answer: `lo` fits (0: nothing known to fit), `hi` does not (rest + 1: unknown).
  let lo = 0;
  let hi = rest + 1;
  let step = 1;
  const first = Math.min(Math.max(hint, 1), rest);
  if (fits(first)) {
    lo = first;
    while (lo < rest) {
      const next = Math.min(rest, lo + step);
      if (!fits(next)) {
        hi = next;
        break;
      }
      lo = next;
      step *= 2;
    }
    if (lo === rest) return rest;
  } else {
    hi = first;
    while (hi > 1) {
      const next = Math.max(1, hi - step);
      if (fits(next)) {
        lo = next;
        break;
      }
      hi = next;
      step *= 2;
    }
    if (lo === 0) return 1;
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * A user-perceived character, near enough for choosing where a word may break: a code
 * point with the combining marks, emoji modifiers, tag characters and joiners after it
 * (and Thai SARA AM and Lao AM, letters that Unicode attaches to the character before
 * them as it does spacing marks: `ลำ` cut `ล` / `ำ` drew the vowel on a dotted circle;
 * and the pictograph after a zero-width joiner: `👨‍👩‍👧`; not any character, which glued
 * a word of Arabic letters each followed by a joiner into one unbreakable cluster, too
 * wide for its column: a review), or a pair of regional indicators (a flag); and a consonant
 * joined to the next by a virama or the Khmer coeng (with a joiner between them or not:
 * `क्ष`, `ஸ்ரீ`, `ශ්‍රී`, `ភ្នំ`), one stack or conjunct, which a break would draw cut in
 * two forms (UAX #29 rule GB9c, for all the scripts drawn). Intl.Segmenter would be
 * exact but is superlinear on long strings in Node 20 (40,000 characters: 2 s).
 */
const LINKERS = '\u094d\u09cd\u0a4d\u0acd\u0b4d\u0bcd\u0c4d\u0ccd\u0d4d\u0dca\u17d2';
const CLUSTER = new RegExp(
  `\\p{RI}{2}|[^](?:[${LINKERS}][\\u200c\\u200d]?\\p{L}?|[\\p{M}\\u{1f3fb}-\\u{1f3ff}\\u{e0020}-\\u{e007f}\\u200c\\u0e33\\u0eb3]|\\u200d\\p{Extended_Pictographic}?)*`,
  'uy',
);

/** Start offset of each cluster of `text`, then `text.length`. */
export function clusterOffsets(text: string): Uint32Array {
  const offsets: number[] = [];
  CLUSTER.lastIndex = 0;
  while (CLUSTER.lastIndex < text.length) {
    offsets.push(CLUSTER.lastIndex);
    if (CLUSTER.exec(text) === null) break; // cannot happen: [^] matches any code point
  }
  offsets.push(text.length);
  return Uint32Array.from(offsets);
}
