/**
 * A number's decimal text taken apart exactly, with no binary fraction in between: for
 * options that must be honoured as written (the correlation window).
 */

/** A decimal number as written (`48`, `0.5`, `.5`, `1e-7`, `1.5e+21`): digits × 10^exponent. */
export function decimalParts(text: string): { digits: bigint; exponent: number } | undefined {
  const m = /^([0-9]*)(?:\.([0-9]*))?(?:e([+-]?[0-9]+))?$/i.exec(text);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return undefined;
  const fraction = m[2] ?? '';
  let digits = BigInt(`${m[1]}${fraction}` || '0');
  let exponent = Number(m[3] ?? 0) - fraction.length;
  // One form per value: no trailing zeros in the digits (48.0 and 48 are the same).
  while (digits !== 0n && digits % 10n === 0n) {
    digits /= 10n;
    exponent++;
  }
  return { digits, exponent };
}
