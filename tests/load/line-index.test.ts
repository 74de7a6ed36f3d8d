/**
 * LineIndex: the line and column (in code points) of an offset. It goes on from the last
 * position it computed; the answers must be those of counting from the line's start, in
 * any order of offsets, with surrogate pairs anywhere.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LineIndex } from '../../src/load/line-index.js';
import { fuzzed } from '../helpers/fuzz.js';

/** The reference: a fresh index for every question. */
const fresh = (text: string, offset: number) => new LineIndex(text).position(offset);

describe('LineIndex.position', () => {
  test('same answers as counting from the line start, in any order (property)', () => {
    const unit = fc.constantFrom('a', 'b', '\n', '😀', 'é', ' ', '\ud83d');
    fc.assert(
      fc.property(
        fc.array(unit, { maxLength: 60 }).map((a) => a.join('')),
        fc.array(fc.nat(), { maxLength: 30 }),
        (text, picks) => {
          const index = new LineIndex(text);
          for (const p of picks) {
            const offset = text.length === 0 ? 0 : p % (text.length + 1);
            expect(index.position(offset)).toEqual(fresh(text, offset));
          }
        },
      ),
      fuzzed({ numRuns: 2000, seed: 15 }),
    );
  });

  test('many findings on one long line: linear, not quadratic', () => {
    // A flow list of 200,000 ids on one line (a hostile or careless dossier).
    const ids = Array.from({ length: 200_000 }, (_, i) => `PX${i}`);
    const text = `victims: [${ids.join(', ')}]\n`;
    const index = new LineIndex(text);
    const started = performance.now();
    let at = text.indexOf('[') + 1;
    let last = { line: 0, column: 0 };
    for (const id of ids) {
      last = index.position(at);
      at += id.length + 2;
    }
    // Counting each column from the line's start took minutes here.
    expect(performance.now() - started).toBeLessThan(2000);
    expect(last).toEqual(fresh(text, text.lastIndexOf('PX')));
  });
});
