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
  const pieces: string[] = [];
  let chars = Array.from(token);
  while (chars.length > 1 && width(chars.join('')) > maxWidth) {
    let lo = 1;
    let hi = chars.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (width(chars.slice(0, mid).join('')) <= maxWidth) lo = mid;
      else hi = mid - 1;
    }
    let cut = lo;
    for (let i = lo; i > Math.max(1, lo * 0.6); i--) {
      if (BREAK_AFTER.has(chars[i - 1] ?? '')) {
        cut = i;
        break;
      }
    }
    pieces.push(chars.slice(0, cut).join(''));
    chars = chars.slice(cut);
  }
  pieces.push(chars.join(''));
  return pieces;
}
