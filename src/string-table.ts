/**
 * A set of distinct strings, each with a number of its own (0, 1, 2… in the order they
 * were added): for the hundreds of thousands of ids of a large dossier, which are each
 * looked up once and then added (the duplicate-id check), and for the texts the record
 * tables pool (accounts, currencies...: a lookup per record and field, model/record-table.ts).
 *
 * Why not a Map: V8's Map of strings was ~50 ms of a 100,000-record validate (about 5 %)
 * for that one lookup and insertion per id: the id strings are fresh (their hash not yet
 * computed), and the table is rebuilt as it grows. Here the hash is computed in one loop
 * over the id's characters, the table is open addressing over typed arrays, and a look-up
 * that does not find the id gives the free slot its insertion takes (one probe sequence,
 * not two).
 *
 * Hostile input: the hash is seeded per run, so that ids cannot be written to share one
 * without knowing the seed; and should the probes still grow long (more than PROBE_LIMIT
 * steps on average), the table hands its strings over to a Map, whose cost does not
 * depend on them. Which numbers the strings get never depends on the seed nor on the
 * hand-over: the order they were added in.
 */

/** Average probes per look-up past which the strings go to a Map (see above). */
const PROBE_LIMIT = 8;

/** The first slot a string of hash `hash` is looked for in, slots being 2 ** (32 - shift). */
function homeSlot(hash: number, shift: number): number {
  return Math.imul(hash, 0x9e37_79b1) >>> shift;
}

export class StringTable {
  /** The strings, by number. */
  readonly #keys: string[] = [];
  /** Each string's hash, by number. */
  #hashes = new Int32Array(16);
  /** Slot → the number of the string there, plus one (0: free). */
  #slots = new Int32Array(32);
  #shift = 32 - 5;
  readonly #seed = (Math.random() * 0x1_0000_0000) | 0;
  /** Probe steps taken, against the look-ups made (see PROBE_LIMIT). */
  #probes = 0;
  #lookups = 0;
  /** Set once the strings are handed over (see above): the table is then not used. */
  #map: Map<string, number> | undefined;
  /** The slot find() stopped at, free when the string was not found. */
  #freeSlot = 0;
  /** The hash find() computed. */
  #lastHash = 0;

  get size(): number {
    return this.#keys.length;
  }

  /** The number of `key`, or -1 if it is not in the set. */
  get(key: string): number {
    if (this.#map !== undefined) return this.#map.get(key) ?? -1;
    return this.find(key);
  }

  /**
   * Add `key` unless it is there already. Returns -1 when it was added (its number is
   * then `size - 1`), or the number it already had.
   */
  add(key: string): number {
    const map = this.#map;
    if (map !== undefined) {
      const n = map.get(key);
      if (n !== undefined) return n;
      map.set(key, this.#keys.length);
      this.#keys.push(key);
      return -1;
    }
    const found = this.find(key);
    if (found >= 0) return found;
    const n = this.#keys.length;
    this.#keys.push(key);
    if (n === this.#hashes.length) {
      const hashes = new Int32Array(n * 2);
      hashes.set(this.#hashes);
      this.#hashes = hashes;
    }
    this.#hashes[n] = this.#lastHash;
    this.#slots[this.#freeSlot] = n + 1;
    // At most one string in two slots: short probe sequences.
    if ((n + 1) * 2 > this.#slots.length) this.grow();
    if (this.#probes > PROBE_LIMIT * this.#lookups + 1024) this.handOver();
    return -1;
  }

  /** The number of `key`, or -1 (its free slot then in freeSlot, its hash in lastHash). */
  private find(key: string): number {
    const h = this.hashOf(key);
    this.#lastHash = h;
    const slots = this.#slots;
    const keys = this.#keys;
    const hashes = this.#hashes;
    const mask = slots.length - 1;
    let slot = homeSlot(h, this.#shift);
    let steps = 0;
    for (;;) {
      const k = slots[slot]!;
      if (k === 0) break;
      if (hashes[k - 1] === h && keys[k - 1] === key) {
        this.#probes += steps;
        this.#lookups++;
        return k - 1;
      }
      slot = (slot + 1) & mask;
      steps++;
    }
    this.#probes += steps;
    this.#lookups++;
    this.#freeSlot = slot;
    return -1;
  }

  /** The seeded hash of `key` (a test may give every key the same, as hostile input would). */
  protected hashOf(key: string): number {
    let h = this.#seed;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x0100_0193);
    h = Math.imul(h ^ (h >>> 16), 0x85eb_ca6b);
    return h ^ (h >>> 13);
  }

  /** How many slots hold a string (0 once handed over): truncate frees those it forgets. */
  get slotsInUse(): number {
    let used = 0;
    for (const slot of this.#slots) if (slot !== 0) used++;
    return used;
  }

  /** Whether the strings were handed over to a Map (see above). */
  get handedOver(): boolean {
    return this.#map !== undefined;
  }

  /**
   * Forget the strings numbered `count` and after (the last ones added), as if they had
   * never been: a caller undoing what it added. Each is taken out of its slot, and the
   * strings after it in its probe sequence are moved back (backward-shift deletion): the
   * cost is that of the strings forgotten, not of the table.
   */
  truncate(count: number): void {
    const keys = this.#keys;
    if (count >= keys.length) return;
    if (this.#map !== undefined) {
      for (let k = count; k < keys.length; k++) this.#map.delete(keys[k]!);
    } else {
      for (let k = keys.length - 1; k >= count; k--) this.remove(k);
    }
    keys.length = count;
  }

  /** Take string number `k` out of the slots. */
  private remove(k: number): void {
    const slots = this.#slots;
    const hashes = this.#hashes;
    const mask = slots.length - 1;
    let hole = homeSlot(hashes[k]!, this.#shift);
    while (slots[hole] !== k + 1) hole = (hole + 1) & mask;
    for (let next = (hole + 1) & mask; slots[next] !== 0; next = (next + 1) & mask) {
      const home = homeSlot(hashes[slots[next]! - 1]!, this.#shift);
      // The string at `next` may move to the hole unless its home slot lies after the
      // hole, up to `next` (going round the end of the slots).
      const staysPut = hole <= next ? hole < home && home <= next : hole < home || home <= next;
      if (staysPut) continue;
      slots[hole] = slots[next]!;
      hole = next;
    }
    slots[hole] = 0;
  }

  private grow(): void {
    const slots = new Int32Array(this.#slots.length * 2);
    const shift = this.#shift - 1;
    const mask = slots.length - 1;
    const hashes = this.#hashes;
    for (let k = 0; k < this.#keys.length; k++) {
      let slot = homeSlot(hashes[k]!, shift);
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = k + 1;
    }
    this.#slots = slots;
    this.#shift = shift;
  }

  private handOver(): void {
    this.#map = new Map(this.#keys.map((key, n) => [key, n]));
    this.#slots = new Int32Array(0);
    this.#hashes = new Int32Array(0);
  }
}
