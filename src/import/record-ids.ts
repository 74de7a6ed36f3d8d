import { createHash } from 'node:crypto';
import { ID_PATTERN } from '../schema/scalars.js';

const MAX_ID = 64;

const shortHash = (s: string, n = 8): string =>
  createHash('sha256').update(s, 'utf8').digest('hex').slice(0, n);

/**
 * The id of a record read at `locator` of exhibit `evidence`: `E20.row-8`, `E7.line-1234`,
 * `E3.message-1510000000000`. A locator with other characters than letters, digits, `_`,
 * `.` and single spaces (an mbox Message-ID, a sheet name) keeps its readable part and
 * gets a hash of the exact text, and so does an id that would be longer than 64
 * characters: ids stay valid, stable across re-imports, and distinct for distinct locators.
 */
export function recordId(evidence: string, locator: string): string {
  const simple = simpleLocator(locator);
  if (simple >= 0) {
    // `row 8` -> `E20.row-8`: what the general path below gives, without its regexes.
    const id = `${evidence}.${locator.slice(0, simple)}-${locator.slice(simple + 1)}`;
    if (id.length <= MAX_ID && ID_PATTERN.test(id)) return id;
  }
  const clean = /^[A-Za-z0-9_.]+(?: [A-Za-z0-9_.]+)*$/.test(locator);
  const readable = locator
    .replace(/[^A-Za-z0-9_.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/\.{2,}/g, '.');
  let id = clean ? `${evidence}.${readable}` : `${evidence}.${readable}-${shortHash(locator)}`;
  if (id.length > MAX_ID) {
    const tail = `-${shortHash(`${evidence}\u0000${locator}`, 12)}`;
    id = `${id.slice(0, MAX_ID - tail.length).replace(/[-.]+$/, '')}${tail}`;
  }
  if (!ID_PATTERN.test(id)) throw new Error(`internal: derived id ${id} is not valid`);
  return id;
}

/** The index of the space of a `letters digits` locator (`row 8`), else -1. */
function simpleLocator(locator: string): number {
  let i = 0;
  for (; i < locator.length; i++) {
    const c = locator.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) break;
  }
  if (i === 0 || i >= locator.length - 1 || locator.charCodeAt(i) !== 0x20) return -1;
  for (let j = i + 1; j < locator.length; j++) {
    const c = locator.charCodeAt(j);
    if (c < 0x30 || c > 0x39) return -1;
  }
  return i;
}

/** The id of a new account for an identifier met in exhibit `evidence`. */
export function accountId(evidence: string, kind: string, identifier: string): string {
  const tail = `.acct-${shortHash(`${kind}\u0000${identifier}`, 10)}`;
  return `${evidence.slice(0, MAX_ID - tail.length)}${tail}`;
}

/**
 * A 52-bit hash of a string (two FNV-1a variants), exact in a double: ids given are
 * remembered by it, so that memory per record is a number, not the id's text.
 */
function idHash(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff);
}

/** A record id the dossier already holds: the import is refused (run-import.ts). */
export interface TakenId {
  readonly taken: string;
}

/**
 * Makes ids unique in one import: a second `E20.message-x` becomes `E20.message-x-2`.
 * Ids given are remembered by a 52-bit hash: two different ids with the same hash (odds
 * about 1 in 10^10 for a million ids) would only give the second a suffix it did not
 * need; two equal ids are always told apart, so ids stay unique and, for the same
 * input, the same.
 *
 * The dossier's ids (`taken`): a new account's id steps over them with a suffix; a
 * record's id does not (ids are derived so as to be the same on every import: a record
 * already there means the import would hold it twice), except those in `stepOver`, the
 * records imported from another file of the same exhibit, whose locators repeat.
 */
export class IdAllocator {
  private readonly used = new Set<number>();
  /** How many remembered ids have each length (0 to MAX_ID characters). */
  private readonly usedLengths = new Uint32Array(MAX_ID + 1);
  /** Whether the id give() last returned is one of the dossier's. */
  private lastTaken = false;
  constructor(
    private readonly taken: ReadonlySet<string>,
    private readonly stepOver: ReadonlySet<string> = new Set(),
  ) {}

  /**
   * A new account's id: unique in this import and clear of every id of the dossier.
   * `remember: false` for an id the caller knows to be new in this import, as in record().
   */
  allocate(base: string, remember = true): string {
    if (!remember && this.usedLengths[base.length] === 0 && !this.taken.has(base)) return base;
    return this.give(base, remember, this.taken);
  }

  /**
   * A record's id: unique in this import, or `{taken}` when that id is one of the dossier's
   * (but those of `stepOver`, stepped over as accounts are). `remember: false` for an id the
   * caller knows to be new in this import (a csv row's: locators are distinct, and so are
   * their ids), so that memory does not grow with rows; it is still kept apart from the
   * remembered ones.
   */
  record(base: string, remember: boolean): string | TakenId {
    // No remembered id has this length (a csv import's row ids beside the new accounts'
    // ids, which are longer): none can equal it, so no hash to compute. A remembered id
    // of another length whose hash happens to be the same no longer gives this one a
    // needless suffix. The one lookup in the dossier's ids a row costs.
    if (!remember && this.usedLengths[base.length] === 0 && !this.taken.has(base)) return base;
    const id = this.give(base, remember, this.stepOver);
    return this.lastTaken ? { taken: id } : id;
  }

  /** The first of base, base-2, base-3... not given yet in this import nor in `stepOver`. */
  private give(base: string, remember: boolean, stepOver: ReadonlySet<string>): string {
    let id = base;
    let hash = idHash(id);
    for (let n = 2; ; n++) {
      if (!this.used.has(hash)) {
        this.lastTaken = this.taken.has(id);
        if (!this.lastTaken || !stepOver.has(id)) break;
      }
      const suffix = `-${n}`;
      id = `${base.slice(0, MAX_ID - suffix.length)}${suffix}`;
      hash = idHash(id);
    }
    if (remember || id !== base) {
      this.used.add(hash);
      // An id longer than MAX_ID (none is derived so) is not counted: its length then
      // never takes the shortcut above.
      if (id.length <= MAX_ID) this.usedLengths[id.length]!++;
    }
    return id;
  }
}
