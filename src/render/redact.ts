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
/**
 * Printable ASCII plus characters that folding leaves alone (no decomposition, no case)
 * or turns into a space (no-break spaces): the typography of formatted amounts, dates and
 * labels (`1 234,56 €`, `→`, `—`, `’`).
 */
const INERT = /^[\x20-\x7e\u00a0\u202f\u20ac\u2013\u2014\u2019\u2026\u2192\u00ab\u00bb]*$/;
const NBSP = /[\u00a0\u202f]/g;

/** Whole-string fold, for a quick "does it occur at all" test. */
export function foldText(text: string): string {
  if (ASCII.test(text)) {
    const lower = text.toLowerCase();
    return lower.includes('  ') ? lower.replace(/ {2,}/g, ' ') : lower;
  }
  if (INERT.test(text)) {
    // The same result as below, without normalizing: only ASCII letters change case.
    const spaced = text.toLowerCase().replace(NBSP, ' ');
    return spaced.includes('  ') ? spaced.replace(/ {2,}/g, ' ') : spaced;
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
  /** Length of the term prefixes indexed in `starts` (0: no index, every text is searched). */
  private readonly gram: number;
  /** The first `gram` characters of every term, and their first two as a number. */
  private readonly starts = new Set<string>();
  private readonly pairs = new Set<number>();

  constructor(
    private readonly terms: readonly string[],
    private readonly mask: string,
  ) {
    const shortest = Math.min(...terms.map((t) => t.length));
    this.gram = shortest >= 2 ? Math.min(4, shortest) : 0;
    for (const t of terms) {
      this.starts.add(t.slice(0, this.gram));
      this.pairs.add(t.charCodeAt(0) * 0x10000 + t.charCodeAt(1));
    }
  }

  static none(): Redactor {
    return new Redactor([], '');
  }

  /**
   * Whether some term may occur in the folded text: one of them starts at some position
   * (exact prefilter: a term that occurs has its first characters there). Every distinct
   * string drawn is checked, most of them ids, amounts and dates: this spares them a search
   * for each term.
   */
  private mayOccur(quick: string): boolean {
    const k = this.gram;
    if (k === 0) return true;
    for (let i = 0; i + k <= quick.length; i++) {
      if (
        this.pairs.has(quick.charCodeAt(i) * 0x10000 + quick.charCodeAt(i + 1)) &&
        this.starts.has(quick.slice(i, i + k))
      )
        return true;
    }
    return false;
  }

  scrub(text: string): string {
    if (this.terms.length === 0 || text.length === 0) return text;
    const quick = foldText(text);
    if (!this.mayOccur(quick) || !this.terms.some((t) => quick.includes(t))) return text;
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
