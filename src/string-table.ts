/**
 * A set of distinct strings, each with a number of its own (0, 1, 2… in the order they
 * were added): for the hundreds of thousands of ids of a large dossier, which are each
 * looked up once and then added (the duplicate-id check).
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

export class StringTable {
  /** The strings, by number. */
  private readonly keys: string[] = [];
  /** Each string's hash, by number. */
  private hashes = new Int32Array(16);
  /** Slot → the number of the string there, plus one (0: free). */
  private slots = new Int32Array(32);
  private shift = 32 - 5;
  private readonly seed = (Math.random() * 0x1_0000_0000) | 0;
  /** Probe steps taken, against the look-ups made (see PROBE_LIMIT). */
  private probes = 0;
  private lookups = 0;
  /** Set once the strings are handed over (see above): the table is then not used. */
  private map: Map<string, number> | undefined;
  /** The slot find() stopped at, free when the string was not found. */
  private freeSlot = 0;
  /** The hash find() computed. */
  private lastHash = 0;

  get size(): number {
    return this.keys.length;
  }

  /** The number of `key`, or -1 if it is not in the set. */
  get(key: string): number {
    if (this.map !== undefined) return this.map.get(key) ?? -1;
    return this.find(key);
  }

  /**
   * Add `key` unless it is there already. Returns -1 when it was added (its number is
   * then `size - 1`), or the number it already had.
   */
  add(key: string): number {
    const map = this.map;
    if (map !== undefined) {
      const n = map.get(key);
      if (n !== undefined) return n;
      map.set(key, this.keys.length);
      this.keys.push(key);
      return -1;
    }
    const found = this.find(key);
    if (found >= 0) return found;
    const n = this.keys.length;
    this.keys.push(key);
    if (n === this.hashes.length) {
      const hashes = new Int32Array(n * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.hashes[n] = this.lastHash;
    this.slots[this.freeSlot] = n + 1;
    // At most one string in two slots: short probe sequences.
    if ((n + 1) * 2 > this.slots.length) this.grow();
    if (this.probes > PROBE_LIMIT * this.lookups + 1024) this.handOver();
    return -1;
  }

  /** The number of `key`, or -1 (its free slot then in freeSlot, its hash in lastHash). */
  private find(key: string): number {
    const h = this.hashOf(key);
    this.lastHash = h;
    const { slots, keys, hashes } = this;
    const mask = slots.length - 1;
    let slot = Math.imul(h, 0x9e37_79b1) >>> this.shift;
    let steps = 0;
    for (;;) {
      const k = slots[slot]!;
      if (k === 0) break;
      if (hashes[k - 1] === h && keys[k - 1] === key) {
        this.probes += steps;
        this.lookups++;
        return k - 1;
      }
      slot = (slot + 1) & mask;
      steps++;
    }
    this.probes += steps;
    this.lookups++;
    this.freeSlot = slot;
    return -1;
  }

  /** The seeded hash of `key` (a test may give every key the same, as hostile input would). */
  protected hashOf(key: string): number {
    let h = this.seed;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x0100_0193);
    h = Math.imul(h ^ (h >>> 16), 0x85eb_ca6b);
    return h ^ (h >>> 13);
  }

  /** Whether the strings were handed over to a Map (see above). */
  get handedOver(): boolean {
    return this.map !== undefined;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const shift = this.shift - 1;
    const mask = slots.length - 1;
    const { hashes } = this;
    for (let k = 0; k < this.keys.length; k++) {
      let slot = Math.imul(hashes[k]!, 0x9e37_79b1) >>> shift;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = k + 1;
    }
    this.slots = slots;
    this.shift = shift;
  }

  private handOver(): void {
    this.map = new Map(this.keys.map((key, n) => [key, n]));
    this.slots = new Int32Array(0);
    this.hashes = new Int32Array(0);
  }
}
