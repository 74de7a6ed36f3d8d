/**
 * The long-word breaker (src/render/text/break-token.ts): pieces that fit, nothing lost,
 * and a cost that does not depend on what remains of the word (issue 11, item 2).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { breakPoints, clusterOffsets, largestFitting } from '../../src/render/text/break-token.js';

/** A span function over per-unit widths (prefix sums) that records what it was asked. */
function counted(widths: readonly number[]) {
  const prefix = [0];
  for (const w of widths) prefix.push((prefix[prefix.length - 1] as number) + w);
  const stats = { calls: 0, units: 0 };
  const span = (from: number, to: number) => {
    stats.calls++;
    stats.units += to - from;
    return (prefix[to] as number) - (prefix[from] as number);
  };
  return { span, stats };
}

describe('largestFitting', () => {
  test('the largest m that fits, 1 when none does, from any hint', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 501 }),
        fc.integer({ min: 0, max: 600 }),
        (rest, limit, hint) => {
          const probes: number[] = [];
          const fits = (m: number) => {
            probes.push(m);
            return m <= limit;
          };
          const got = largestFitting(rest, fits, hint);
          expect(got).toBe(Math.max(1, Math.min(rest, limit)));
          for (const m of probes) expect(m >= 1 && m <= rest).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('a good hint costs two probes', () => {
    let probes = 0;
    const got = largestFitting(
      1_000_000,
      (m) => {
        probes++;
        return m <= 80;
      },
      80,
    );
    expect(got).toBe(80);
    expect(probes).toBe(2);
  });
});

describe('breakPoints', () => {
  test('pieces fit, join back to the word, and each holds as much as fits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'W', 'i', '-', '/', '.'), {
          minLength: 1,
          maxLength: 300,
        }),
        fc.integer({ min: 1, max: 120 }),
        (units, maxWidth) => {
          const widths = units.map((u) => (u === 'W' ? 9 : u === 'i' ? 2 : 5));
          const { span } = counted(widths);
          const ends = breakPoints(units, maxWidth, span);
          expect(ends[ends.length - 1]).toBe(units.length);
          let from = 0;
          for (const to of ends) {
            expect(to).toBeGreaterThan(from);
            // One unit at least; otherwise within the width.
            if (to - from > 1) expect(span(from, to)).toBeLessThanOrEqual(maxWidth);
            from = to;
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  test('a 1,000,000-unit word: probes proportional to the pieces, never to the rest of the word', () => {
    const n = 1_000_000;
    const widths = Array.from({ length: n }, (_, i) => 4 + ((i * 7) % 5));
    const { span, stats } = counted(widths);
    const ends = breakPoints({ length: n, at: () => 'x' }, 400, span);
    expect(ends[ends.length - 1]).toBe(n);
    const pieces = ends.length;
    expect(pieces).toBeGreaterThan(n / 100);
    // Before: each piece measured the whole remainder (n²/2 units in all).
    expect(stats.units).toBeLessThan(12 * n);
    expect(stats.calls).toBeLessThan(12 * pieces);
  });
});

describe('clusterOffsets', () => {
  test('a mark stays with its base, a flag and a surrogate pair stay whole', () => {
    const text = 'e\u0301\u0302x🇫🇷a👍🏽b';
    const offsets = [...clusterOffsets(text)];
    const clusters = offsets.slice(0, -1).map((at, i) => text.slice(at, offsets[i + 1]));
    expect(clusters).toEqual(['e\u0301\u0302', 'x', '🇫🇷', 'a', '👍🏽', 'b']);
    expect([...clusterOffsets('')]).toEqual([0]);
  });

  // A long word of an Indic script or Khmer broken between lines was cut inside a
  // conjunct (`क्` / `ष`, drawn as a half form then a letter): a consonant, its virama
  // or coeng and the consonant after it (a joiner between them or not) are one cluster.
  test('a conjunct or a Khmer stack stays whole; a final virama does not take the space after it', () => {
    const clusters = (text: string) => {
      const offsets = [...clusterOffsets(text)];
      return offsets.slice(0, -1).map((at, i) => text.slice(at, offsets[i + 1]));
    };
    expect(clusters('क्षमा')).toEqual(['क्ष', 'मा']);
    expect(clusters('ස්‍රී ශ්‍රී')).toEqual(['ස්‍රී', ' ', 'ශ්‍රී']);
    expect(clusters('ភ្នំពេញ')).toEqual(['ភ្នំ', 'ពេ', 'ញ']);
    expect(clusters('முருகன் x')).toEqual(['மு', 'ரு', 'க', 'ன்', ' ', 'x']);
    expect(clusters('लक्ष्मी')).toEqual(['ल', 'क्ष्मी']);
  });

  // Review (session 38): Thai SARA AM and Lao AM are letters, not marks, but attach to the
  // character before them (Grapheme_Cluster_Break SpacingMark): `ลำปาง` broken as `ล` /
  // `ำปาง` drew the vowel on a dotted circle, and a running header `กำแพง` was cut `ก…`.
  test('Thai SARA AM and Lao AM stay with the letter before them', () => {
    const clusters = (text: string) => {
      const offsets = [...clusterOffsets(text)];
      return offsets.slice(0, -1).map((at, i) => text.slice(at, offsets[i + 1]));
    };
    expect(clusters('ลำปาง')).toEqual(['ลำ', 'ป', 'า', 'ง']);
    expect(clusters('กำแพง')).toEqual(['กำ', 'แ', 'พ', 'ง']);
    expect(clusters('ຄຳ')).toEqual(['ຄຳ']);
    expect(clusters('น้ำ')).toEqual(['น้ำ']);
  });

  // Review (session 37): `\u200d` took any character after it into its cluster, and a word
  // of Arabic letters each followed by a joiner was one unbreakable cluster (render failed:
  // the column could not hold it). A joiner goes with the character before it; only a
  // pictograph after it (an emoji sequence) is taken too.
  test('a joiner stays with what precedes it; only an emoji sequence goes on past it', () => {
    const clusters = (text: string) => {
      const offsets = [...clusterOffsets(text)];
      return offsets.slice(0, -1).map((at, i) => text.slice(at, offsets[i + 1]));
    };
    expect(clusters('ب\u200dب\u200dب')).toEqual(['ب\u200d', 'ب\u200d', 'ب']);
    expect(clusters('حسین\u200cزاده')).toEqual(['ح', 'س', 'ی', 'ن\u200c', 'ز', 'ا', 'د', 'ه']);
    expect(clusters('👨\u200d👩\u200d👧x')).toEqual(['👨\u200d👩\u200d👧', 'x']);
  });

  test('linear: 1,000,000 characters in well under a second of CPU', () => {
    const text = 'ae\u0301'.repeat(333_334);
    const before = process.cpuUsage();
    const offsets = clusterOffsets(text);
    const used = process.cpuUsage(before);
    expect(offsets.length).toBe(2 * 333_334 + 1);
    expect((used.user + used.system) / 1000).toBeLessThan(1_500);
  });
});
