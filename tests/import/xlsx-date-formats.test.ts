import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customDateStyle } from '../../src/import/readers/xlsx.js';
import { fuzzed } from '../helpers/fuzz.js';

/** What a custom number format shows, as the reader read it before (quadratic): the reference. */
function before(code: string) {
  const literals = /"[^"]*"|\[[^\]]*\]|\\.|_.|\*./g;
  const bare = code.replace(literals, '');
  const isDate =
    /[ydhs]/i.test(bare) || (/m/i.test(bare.replace(/[#0?.,%]/g, '')) && /[ydhs]/i.test(bare));
  if (!isDate) return undefined;
  const first = code.split(';')[0]!.replace(literals, '');
  const codes = first
    .replace(/A\/P|AM\/PM/gi, '')
    .replace(/(h+[^a-z]*)m+/gi, '$1')
    .replace(/m+([^a-z]*s)/gi, '$1');
  return {
    digits: Math.min(3, /s\.(0+)/i.exec(first)?.[1]?.length ?? 0),
    time: /s/i.test(first) ? 'seconds' : /h/i.test(first) ? 'minutes' : 'none',
    day: /\[(h+|m+|s+)\]/i.test(code.split(';')[0]!) ? undefined : /[ydem]/i.test(codes),
  };
}

describe('customDateStyle', () => {
  it('reads formats as before: literals, escapes, minutes and months', () => {
    for (const code of [
      'dd/mm/yyyy\\ hh:mm',
      'hh:mm:ss.000',
      '[h]:mm:ss',
      '[$-40C]d mmmm yyyy',
      '"le "d" "mmm',
      'h:mm AM/PM',
      'mm:ss',
      '[Red]0.00;[Blue]-0.00',
      '#,##0 "jours"',
      'm/d/yy h:mm',
      '_(* #,##0_)',
      'yyyy-mm-dd"T"hh:mm:ss',
      '"[h"mm',
      '[mm',
      'y\\',
      'h\\\nm',
      'y*\u2028m',
      '',
    ])
      expect(customDateStyle(code), code).toEqual(before(code));
  });

  it('reads random formats as before', () => {
    const piece = fc.constantFrom(
      ...['y', 'Y', 'm', 'M', 'd', 'h', 'H', 's', 'S', 'e', 'a', 'A/P', 'AM/PM', '0', '.', ':'],
      ...['/', ' ', ';', '"', '[', ']', '\\', '_', '*', '\n', '\r', '\u2028', '#', ',', '%', 'x'],
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 24 }).map((p) => p.join('')),
        (code) => {
          expect(customDateStyle(code)).toEqual(before(code));
        },
      ),
      fuzzed({ numRuns: 20_000, seed: 20260517 }),
    );
  });

  // Found by a hostile-input sweep: a workbook's formatCode is the attacker's. The patterns
  // read a run of `[` (each one's `]` looked for to the end), or of `h` or `m` (read to
  // its end from each letter), in time quadratic in its length: 5 to 6 s each.
  it.each([
    ['y followed by 128,000 [', 'y' + '['.repeat(128_000)],
    ['128,000 [', '['.repeat(128_000)],
    ['64,000 h', 'h'.repeat(64_000)],
    ['y followed by 64,000 m', 'y' + 'm'.repeat(64_000)],
  ])('takes linear time: %s', (_, code) => {
    const started = performance.now();
    customDateStyle(code);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
