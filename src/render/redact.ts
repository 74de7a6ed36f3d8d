/**
 * Victim protection, in one place. Unless the user asks for `--reveal-victims`:
 * - a victim is shown by pseudonym only (`personLabel`), never by name, birth date or alias;
 * - an account held by a victim is shown by its platform and the victim's pseudonym,
 *   never by its identifier (an address or number can identify a child as well as a name);
 * - as a safety net, every string drawn, bookmarked or written into the metadata goes
 *   through `scrub`, which masks any occurrence of a victim's name, alias or full birth
 *   date in free text (notes, titles, summaries), whatever its case or accents.
 * Named destinations and links use indexes (`h0001`), never names.
 */
import type { Account, Dossier, Person } from '../model/dossier.js';

/** A person as shown in documents. */
export function personLabel(person: Person, reveal: boolean): string {
  if (person.role === 'victim') {
    const pseudonym = person.pseudonym ?? person.id;
    return reveal && person.name ? `${pseudonym} (${person.name})` : pseudonym;
  }
  return person.name ?? person.pseudonym ?? person.id;
}

/** Whether the account's identifier may be shown. */
export function showsIdentifier(
  account: Account,
  holder: Person | undefined,
  reveal: boolean,
): boolean {
  return reveal || holder?.role !== 'victim';
}

interface FoldedText {
  readonly folded: string;
  /** For each folded code unit, the index of the original code unit it came from. */
  readonly origin: readonly number[];
}

const MARKS = /\p{M}/gu;
const WORD = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;

/**
 * Case- and accent-insensitive form of one character ("" for a combining mark). Upper
 * then lower case gives full case folding for what matters here ("ß" and "SS" match).
 */
function foldChar(ch: string): string {
  return ch.normalize('NFD').replace(MARKS, '').toUpperCase().toLowerCase();
}

const ASCII = /^[\x20-\x7e]*$/;

/** Whole-string fold, for a quick "does it occur at all" test. */
export function foldText(text: string): string {
  if (ASCII.test(text)) {
    const lower = text.toLowerCase();
    return lower.includes('  ') ? lower.replace(/ {2,}/g, ' ') : lower;
  }
  return text.normalize('NFD').replace(MARKS, '').toUpperCase().toLowerCase().replace(/\s+/gu, ' ');
}

function foldWithOrigin(text: string): FoldedText {
  let folded = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = SPACE.test(ch) ? ' ' : foldChar(ch);
    if (!(f === ' ' && folded.endsWith(' '))) {
      for (let k = 0; k < f.length; k++) origin.push(i);
      folded += f;
    }
    i += ch.length;
  }
  origin.push(text.length);
  return { folded, origin };
}

/** The strings that must not appear for the dossier's victims. */
export function protectedTerms(dossier: Pick<Dossier, 'persons'>): string[] {
  const terms = new Set<string>();
  for (const p of dossier.persons) {
    if (p.role !== 'victim') continue;
    const candidates = [p.name, ...p.aliases];
    if (p.born && /^\d{4}-\d{2}-\d{2}$/.test(p.born)) {
      const [y, m, d] = p.born.split('-');
      candidates.push(p.born, `${d}/${m}/${y}`);
    }
    for (const c of candidates) {
      const f = c === undefined ? '' : foldText(c).trim();
      if (f.length >= 2) terms.add(f);
    }
  }
  // Longest first, so that "Maria Santos" is masked whole before "Maria".
  return [...terms].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

/**
 * Masks protected terms in text. A term matches whole words only (a victim called "Ana"
 * does not mask "Analyse"), case- and accent-insensitively, across any run of spaces.
 */
export class Redactor {
  constructor(
    private readonly terms: readonly string[],
    private readonly mask: string,
  ) {}

  static none(): Redactor {
    return new Redactor([], '');
  }

  scrub(text: string): string {
    if (this.terms.length === 0 || text.length === 0) return text;
    const quick = foldText(text);
    if (!this.terms.some((t) => quick.includes(t))) return text;
    const { folded, origin } = foldWithOrigin(text);
    const spans: [number, number][] = [];
    for (const term of this.terms) {
      for (let at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + 1)) {
        const end = at + term.length;
        if (WORD.test(folded[at - 1] ?? ' ') || WORD.test(folded[end] ?? ' ')) continue;
        const start = origin[at] ?? 0;
        const stop = origin[end] ?? text.length;
        if (!spans.some(([s, e]) => start < e && stop > s)) spans.push([start, stop]);
      }
    }
    if (spans.length === 0) return text;
    spans.sort((a, b) => a[0] - b[0]);
    let out = '';
    let last = 0;
    for (const [s, e] of spans) {
      out += text.slice(last, s) + this.mask;
      last = e;
    }
    return out + text.slice(last);
  }
}
