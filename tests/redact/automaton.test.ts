import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Automaton } from '../../src/redact/automaton.js';

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

describe('Automaton (Aho-Corasick, dense ASCII table)', () => {
  it('finds every term at every end, as brute force does', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', 'ab', '-', ' ', '1', 'é', 'ß', '\u0627');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 12 }),
        fc.array(alphabet, { maxLength: 40 }).map((p) => p.join('')),
        (terms, text) => {
          expect(found(new Automaton(terms), text)).toEqual(naive(terms, text));
        },
      ),
      { numRuns: 2000, seed: 20261206 },
    );
  });
});
