/**
 * An Aho-Corasick automaton over UTF-16 code units: finds every occurrence of a set of
 * terms in one pass over a text, in time linear in the text (plus the matches reported),
 * whatever the text. No per-term search: hostile text cannot make it quadratic.
 *
 * Built from the distinct terms sorted, breadth first: the children of a node are
 * consecutive nodes, in increasing order of their code unit, so that the trie is a few
 * typed arrays of one entry per node (19 bytes a node kept, about 31 while it is built;
 * a node per character that a term does not share with another) instead of a map entry
 * per transition. Building is linear in the terms' characters but for the sort. A
 * dossier listing a hundred thousand aliases of 60 letters took 2.2 GB and 20 s of
 * validate with a Map (and a few hundred thousand ran out of memory); ~290 MB and 1.5 s.
 */
/** Automata up to this many nodes get a dense ASCII table (4 bytes × 128 per node). */
const MAX_DENSE_NODES = 1 << 15;
/** Children of a node looked up one by one up to this many; by halves beyond. */
const LINEAR_CHILDREN = 8;

export interface AutomatonOptions {
  /** The dense ASCII table for small automata (default true; tests turn it off). */
  readonly dense?: boolean;
}

/** Past this many characters the sorted terms are read where they are, not joined (a string's limit is 2^29). */
const MAX_JOINED_CHARS = 1 << 28;

/**
 * The trie of the terms, breadth first: node n's children are the nodes first[n] to
 * first[n + 1] - 1, in increasing order of unit[child]; term[n] the first term ending at
 * n, or -1. Fills `root` (the root's children by unit) and `used` (units in some term).
 * Sized to its nodes exactly: 1 + the sum, over the distinct terms sorted, of each one's
 * length less what it shares with the one before (equal or shared parts cost nothing).
 */
function buildTrie(
  terms: readonly string[],
  root: Int32Array,
  used: Uint8Array,
): { first: Int32Array; unit: Uint16Array; term: Int32Array } {
  // Term indexes by text (code unit order), equal texts by index: the first one wins.
  const order: number[] = [];
  for (let t = 0; t < terms.length; t++) if (terms[t]!.length > 0) order.push(t);
  order.sort((a, b) => {
    const x = terms[a]!;
    const y = terms[b]!;
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  const distinct: number[] = [];
  let nodes = 1;
  let chars = 0;
  for (let k = 0; k < order.length; k++) {
    const text = terms[order[k]!]!;
    const before = distinct.length === 0 ? '' : terms[distinct[distinct.length - 1]!]!;
    if (text === before) continue;
    let shared = 0;
    while (shared < before.length && text.charCodeAt(shared) === before.charCodeAt(shared))
      shared++;
    nodes += text.length - shared;
    chars += text.length;
    distinct.push(order[k]!);
  }
  // The sorted terms' units in one string, read at the same depth term after term below:
  // in memory order (the terms themselves lie anywhere: a cache miss per term and depth).
  const joined = chars <= MAX_JOINED_CHARS ? distinct.map((t) => terms[t]!).join('') : undefined;
  const at = new Float64Array(distinct.length + 1);
  for (let k = 0; k < distinct.length; k++) at[k + 1] = at[k]! + terms[distinct[k]!]!.length;
  const length = (k: number): number => at[k + 1]! - at[k]!;
  const unitAt = (k: number, d: number): number =>
    joined === undefined ? terms[distinct[k]!]!.charCodeAt(d) : joined.charCodeAt(at[k]! + d);
  // Node n stands for the terms distinct[lo[n]] to distinct[hi[n] - 1], which share its
  // depth[n] first units; the one ending there comes first (a prefix sorts first).
  const lo = new Int32Array(nodes);
  const hi = new Int32Array(nodes);
  const depth = new Int32Array(nodes);
  const first = new Int32Array(nodes + 1);
  const unit = new Uint16Array(nodes);
  const term = new Int32Array(nodes).fill(-1);
  hi[0] = distinct.length;
  let made = 1;
  for (let n = 0; n < made; n++) {
    first[n] = made;
    const d = depth[n]!;
    let k = lo[n]!;
    const end = hi[n]!;
    if (k < end && length(k) === d) term[n] = distinct[k++]!;
    while (k < end) {
      const u = unitAt(k, d);
      const start = k;
      while (k < end && unitAt(k, d) === u) k++;
      const child = made++;
      lo[child] = start;
      hi[child] = k;
      depth[child] = d + 1;
      unit[child] = u;
      used[u] = 1;
      if (n === 0) root[u] = child;
    }
  }
  // The count above is exact: a wrong one would have dropped writes past the arrays' ends.
  if (made !== nodes) throw new Error(`Automaton: ${made} nodes made for ${nodes} counted`);
  first[made] = made;
  return { first, unit, term };
}

export class Automaton {
  /** The children of node n are the nodes first[n] to first[n + 1] - 1. */
  private readonly first: Int32Array;
  /** The code unit of the transition into each node (its last unit). */
  private readonly unit: Uint16Array;
  private readonly fail: Int32Array;
  /** The term ending at each node (index into terms, the first of equal ones), or -1. */
  private readonly term: Int32Array;
  /** The nearest node on the failure chain that ends a term, or -1 (dictionary link). */
  private readonly output: Int32Array;
  /** Whether some term ends at the node (itself or through its dictionary link). */
  private readonly ends: Uint8Array;
  /**
   * The root's transitions by code unit (0: none, so the root again). A unit the root has
   * no transition for, read in another state, still needs the failure links.
   */
  private readonly root = new Int32Array(0x10000);
  /** Code units that occur in some term: any other unit sends the automaton to its root. */
  private readonly used = new Uint8Array(0x10000);
  /** `state * 128 + unit` → next state, for ASCII units (small automata only). */
  private readonly dense: Int32Array | undefined;
  readonly size: number;

  constructor(
    readonly terms: readonly string[],
    options: AutomatonOptions = {},
  ) {
    this.size = terms.length;
    const trie = buildTrie(terms, this.root, this.used);
    const nodes = trie.term.length;
    this.first = trie.first;
    this.unit = trie.unit;
    this.term = trie.term;
    // Failure and dictionary links, breadth first (a node's parent comes before it).
    const fail = new Int32Array(nodes);
    const output = new Int32Array(nodes).fill(-1);
    for (let n = 0; n < nodes; n++) {
      for (let c = this.first[n]!; c < this.first[n + 1]!; c++) {
        let f = 0;
        if (n !== 0) {
          const u = this.unit[c]!;
          f = fail[n]!;
          let target = this.child(f, u);
          while (target < 0 && f !== 0) {
            f = fail[f]!;
            target = this.child(f, u);
          }
          f = target < 0 ? 0 : target;
        }
        fail[c] = f;
        output[c] = this.term[f]! >= 0 ? f : output[f]!;
      }
    }
    this.fail = fail;
    this.output = output;
    this.ends = new Uint8Array(nodes);
    for (let n = 1; n < nodes; n++)
      this.ends[n] = this.term[n]! >= 0 || this.output[n]! > 0 ? 1 : 0;
    if (nodes <= MAX_DENSE_NODES && options.dense !== false) this.dense = this.densify(nodes);
  }

  /** The child of `node` by `unit`, or -1. */
  private child(node: number, unit: number): number {
    if (node === 0) return this.root[unit]! || -1;
    let lo = this.first[node]!;
    let hi = this.first[node + 1]!;
    if (hi - lo <= LINEAR_CHILDREN) {
      for (; lo < hi; lo++) if (this.unit[lo] === unit) return lo;
      return -1;
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const u = this.unit[mid]!;
      if (u === unit) return mid;
      if (u < unit) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }

  /**
   * The complete transition table for ASCII units (failure links folded in), in
   * breadth-first order so that a node's failure target is filled before it.
   */
  private densify(nodes: number): Int32Array {
    const dense = new Int32Array(nodes * 128);
    for (let node = 0; node < nodes; node++) {
      // The failure target's row (the start state's row: all 0), then the node's own edges.
      if (node !== 0) {
        const f = this.fail[node]! * 128;
        dense.copyWithin(node * 128, f, f + 128);
      }
      for (let c = this.first[node]!; c < this.first[node + 1]!; c++) {
        const u = this.unit[c]!;
        if (u < 128) dense[node * 128 + u] = c;
      }
    }
    return dense;
  }

  /** Whether some term ends in `state`. */
  endsIn(state: number): boolean {
    return this.ends[state] === 1;
  }

  /** The state after reading `unit` in `state` (0 is the start state). */
  step(state: number, unit: number): number {
    if (unit < 128 && this.dense) return this.dense[state * 128 + unit] ?? 0;
    if (this.used[unit] === 0) return 0;
    let s = state;
    for (;;) {
      if (s === 0) return this.root[unit] ?? 0;
      const to = this.child(s, unit);
      if (to >= 0) return to;
      s = this.fail[s] ?? 0;
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
