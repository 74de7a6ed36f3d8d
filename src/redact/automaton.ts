/**
 * An Aho-Corasick automaton over UTF-16 code units: finds every occurrence of a set of
 * terms in one pass over a text, in time linear in the text (plus the matches reported),
 * whatever the text. No per-term search: hostile text cannot make it quadratic.
 */
/** Automata up to this many nodes get a dense ASCII table (4 bytes × 128 per node). */
const MAX_DENSE_NODES = 1 << 15;

export class Automaton {
  /** Transitions, keyed `node * 0x10000 + unit`. */
  private readonly next = new Map<number, number>();
  private fail: Int32Array = new Int32Array(1);
  /** The term ending at each node (index into terms), or -1. */
  private term: number[] = [-1];
  /** The nearest node on the failure chain that ends a term, or -1 (dictionary link). */
  private output: Int32Array = new Int32Array(1);
  /**
   * The root's transitions by code unit (0: none, so the root again). A unit the root has
   * no transition for, read in another state, still needs the failure links.
   */
  private readonly root = new Int32Array(0x10000);
  /** Code units that occur in some term: any other unit sends the automaton to its root. */
  private readonly used = new Uint8Array(0x10000);
  /** Whether some term ends at the node (itself or through its dictionary link). */
  private ends: Uint8Array = new Uint8Array(1);
  private nodes = 1;
  /** `state * 128 + unit` → next state, for ASCII units (small automata only). */
  private dense: Int32Array | undefined;
  readonly size: number;

  constructor(readonly terms: readonly string[]) {
    for (const [t, text] of terms.entries()) this.insert(text, t);
    this.size = terms.length;
    this.link();
  }

  private insert(text: string, index: number): void {
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      this.used[unit] = 1;
      const key = node * 0x10000 + unit;
      let to = this.next.get(key);
      if (to === undefined) {
        to = this.nodes++;
        this.next.set(key, to);
        if (node === 0) this.root[unit] = to;
        this.term.push(-1);
      }
      node = to;
    }
    if (text.length > 0 && this.term[node] === -1) this.term[node] = index;
  }

  /** Failure and dictionary links, breadth first. */
  private link(): void {
    this.fail = new Int32Array(this.nodes);
    this.output = new Int32Array(this.nodes).fill(-1);
    const children: [number, number][][] = Array.from({ length: this.nodes }, () => []);
    for (const [key, to] of this.next)
      children[Math.floor(key / 0x10000)]?.push([key % 0x10000, to]);
    const queue: number[] = [];
    for (const [, to] of children[0] ?? []) queue.push(to);
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q] ?? 0;
      for (const [unit, to] of children[node] ?? []) {
        let f = this.fail[node] ?? 0;
        let target = this.next.get(f * 0x10000 + unit);
        while (target === undefined && f !== 0) {
          f = this.fail[f] ?? 0;
          target = this.next.get(f * 0x10000 + unit);
        }
        const fail = target ?? 0;
        this.fail[to] = fail;
        this.output[to] = (this.term[fail] ?? -1) >= 0 ? fail : (this.output[fail] ?? -1);
        queue.push(to);
      }
    }
    if (this.nodes <= MAX_DENSE_NODES) this.densify([0, ...queue], children);
    this.ends = new Uint8Array(this.nodes);
    for (let n = 1; n < this.nodes; n++) {
      this.ends[n] = (this.term[n] ?? -1) >= 0 || (this.output[n] ?? -1) > 0 ? 1 : 0;
    }
  }

  /**
   * The complete transition table for ASCII units (failure links folded in), in
   * breadth-first order so that a node's failure target is filled before it.
   */
  private densify(order: readonly number[], children: readonly [number, number][][]): void {
    const dense = new Int32Array(this.nodes * 128);
    for (const node of order) {
      // The failure target's row (the start state's row: all 0), then the node's own edges.
      if (node !== 0) {
        const f = (this.fail[node] ?? 0) * 128;
        dense.copyWithin(node * 128, f, f + 128);
      }
      for (const [unit, to] of children[node] ?? []) if (unit < 128) dense[node * 128 + unit] = to;
    }
    this.dense = dense;
  }

  /** Whether some term ends in `state`. */
  endsIn(state: number): boolean {
    return this.ends[state] === 1;
  }

  /** The state after reading `unit` in `state` (0 is the start state). */
  step(state: number, unit: number): number {
    if (unit < 128 && this.dense) return this.dense[state * 128 + unit] ?? 0;
    if (this.used[unit] === 0) return 0;
    if (state === 0) return this.root[unit] ?? 0;
    let s = state;
    for (;;) {
      const to = this.next.get(s * 0x10000 + unit);
      if (to !== undefined) return to;
      s = this.fail[s] ?? 0;
      if (s === 0) return this.root[unit] ?? 0;
    }
  }

  /**
   * The terms that end in `state`, longest first, to `visit` (index of the term); stops
   * when `visit` returns true.
   */
  matches(state: number, visit: (term: number) => boolean): void {
    let node = (this.term[state] ?? -1) >= 0 ? state : (this.output[state] ?? -1);
    while (node > 0) {
      if (visit(this.term[node] ?? -1)) return;
      node = this.output[node] ?? -1;
    }
  }
}
