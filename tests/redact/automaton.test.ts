import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Automaton } from '../../src/redact/automaton.js';
import { randomWords } from '../helpers/random-words.js';
import { fuzzed } from '../helpers/fuzz.js';

/** Every (end, term) pair of `terms` found in `text` by the automaton, all of them per end. */
function found(automaton: Automaton, text: string): string[] {
  const out: string[] = [];
  let state = 0;
  for (let i = 0; i < text.length; i++) {
    state = automaton.step(state, text.charCodeAt(i));
    automaton.matches(state, (t) => {
      out.push(`${i + 1}:${t}`);
      return false;
    });
  }
  return out.sort();
}

/** The same by brute force: each term that ends at each position. */
function naive(terms: readonly string[], text: string): string[] {
  const out: string[] = [];
  for (let end = 1; end <= text.length; end++)
    terms.forEach((term, t) => {
      if (term.length > 0 && end >= term.length && text.slice(end - term.length, end) === term) {
        // Duplicate terms: the automaton reports the first index only.
        if (terms.indexOf(term) === t) out.push(`${end}:${t}`);
      }
    });
  return out.sort();
}

describe('Automaton (Aho-Corasick)', () => {
  const alphabet = fc.constantFrom('a', 'b', 'c', 'ab', '-', ' ', '1', 'é', 'ß', '\u0627');
  const word = fc.array(alphabet, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
  for (const dense of [true, false])
    it(`finds every term at every end, as brute force does (${dense ? 'dense ASCII table' : 'children looked up'})`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.oneof(word, fc.constant('')), { minLength: 1, maxLength: 12 }),
          fc.array(alphabet, { maxLength: 40 }).map((p) => p.join('')),
          (terms, text) => {
            expect(found(new Automaton(terms, { dense }), text)).toEqual(naive(terms, text));
          },
        ),
        fuzzed({ numRuns: 2000, seed: 20261206 }),
      );
    });

  it('finds every term at every end, as brute force does (nodes of more than 8 children)', () => {
    // Terms of 2 or 3 units starting with `a` or `b` (and a few of one unit), the next
    // units out of 26: the root's two children have more children than are looked up one
    // by one, and so may theirs.
    const unit = fc.constantFrom(...'abcdefghijklmnopqrstuvwx'.split(''), '\u0100', '\ud800');
    const term = fc.oneof(
      fc
        .tuple(fc.constantFrom('a', 'b'), unit, fc.option(unit, { nil: '' }))
        .map((u) => u.join('')),
      unit,
    );
    fc.assert(
      fc.property(
        fc.array(term, { minLength: 30, maxLength: 80 }),
        fc.array(unit, { minLength: 20, maxLength: 60 }).map((u) => u.join('')),
        fc.boolean(),
        (terms, text, dense) => {
          expect(found(new Automaton(terms, { dense }), text)).toEqual(naive(terms, text));
        },
      ),
      fuzzed({ numRuns: 1000, seed: 20261206 }),
    );
  });

  it('nodes with many children (looked up by halves), past the dense table', () => {
    // 40,000 terms of two units: more nodes than the dense table takes; each of the
    // root's 200 children has 200 children.
    const terms: string[] = [];
    for (let a = 0; a < 200; a++)
      for (let b = 0; b < 200; b++) terms.push(String.fromCharCode(0x100 + a, 0x100 + 2 * b));
    const automaton = new Automaton(terms);
    const text = String.fromCharCode(0x100, 0x100 + 398, 0x100 + 199, 0x100 + 2, 0x100 + 3);
    // Ends at 2 (term 0*200+199), 4 (199*200+1); the others are odd second units.
    expect(found(automaton, text)).toEqual(['2:199', '4:39801']);
  });

  it('100,000 terms of 60 letters, past the dense table: each one found', () => {
    const terms = randomWords(100_000, 60, 7);
    const automaton = new Automaton(terms);
    for (const t of [0, 1, 54_321, 99_999]) {
      const text = terms[t]!;
      let state = 0;
      for (let i = 0; i < text.length; i++) state = automaton.step(state, text.charCodeAt(i));
      const ends: number[] = [];
      automaton.matches(state, (k) => (ends.push(k), false));
      expect(ends).toEqual([t]);
    }
  }, 60_000);
});
