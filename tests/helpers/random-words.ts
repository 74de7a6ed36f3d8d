/**
 * `n` words of `length` letters a-z, the same for the same seed (Park-Miller; no
 * Math.random: reproducible results). FICTIONAL TEST DATA: random letters, no real name.
 */
export function randomWords(n: number, length: number, seed: number): string[] {
  let x = seed;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let s = '';
    for (let k = 0; k < length; k++) {
      x = (x * 48271) % 2147483647;
      s += String.fromCharCode(0x61 + (x % 26));
    }
    out.push(s);
  }
  return out;
}
