/** Characters after which a long token (path, URL, reference) breaks most readably. */
const BREAK_AFTER = new Set(['/', '\\', '-', '_', '.', '@', ':', ',', ';', '=', '&', '?']);

/**
 * Split a token wider than `maxWidth` into pieces that each fit (one character at least,
 * so it always terminates). Prefers breaking after a separator in the last 40 % of a
 * piece; hashes and IBANs, which have none, break at the last character that fits.
 */
export function breakToken(
  token: string,
  maxWidth: number,
  width: (s: string) => number,
): string[] {
  const chars = Array.from(token);
  const ends = breakPoints(chars, maxWidth, (from, to) => width(chars.slice(from, to).join('')));
  let from = 0;
  return ends.map((to) => {
    const piece = chars.slice(from, to).join('');
    from = to;
    return piece;
  });
}

/**
 * The same split as `breakToken`, over a sequence of `chars` (code points; a string of
 * UTF-16 units will do when it has no surrogate pair), with the width of the span
 * `chars[from..to)` given by `span` (a prefix-sum lookup for plain text, see Measurer):
 * returns the end index of each piece (the last one is `chars.length`).
 */
export function breakPoints(
  chars: ArrayLike<string>,
  maxWidth: number,
  span: (from: number, to: number) => number,
): number[] {
  const ends: number[] = [];
  let start = 0;
  const n = chars.length;
  while (n - start > 1 && span(start, n) > maxWidth) {
    // Largest prefix that fits (at least one character).
    let lo = 1;
    let hi = n - start - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (span(start, start + mid) <= maxWidth) lo = mid;
      else hi = mid - 1;
    }
    let cut = lo;
    for (let i = lo; i > Math.max(1, lo * 0.6); i--) {
      if (BREAK_AFTER.has(chars[start + i - 1] ?? '')) {
        cut = i;
        break;
      }
    }
    start += cut;
    ends.push(start);
  }
  ends.push(n);
  return ends;
}
