import type { Document, Node as YamlNode, Pair, ParsedNode, YAMLMap } from 'yaml';
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, visit } from 'yaml';
import { shorten } from '../diagnostics/messages.js';
import type { Anchor } from '../diagnostics/diagnostic.js';
import type { PathSegment } from '../model/dossier.js';
import {
  NumberLiteral,
  constructTaggedNumber,
  isCoreBool,
  isCoreFloat,
  isCoreInt,
  isCoreNull,
  resolvePlainScalar,
} from './core-scalars.js';
import { AliasTally } from './alias-tally.js';
import { LIMITS } from './limits.js';
import { parseCst } from './parse-cst.js';
import type { SyntaxProblem } from './prescan.js';
import { prescan } from './prescan.js';

/**
 * The position-exact path: eemeli/yaml's Document, which keeps the range of every
 * node. Used only for files that have findings (to place them) and as the reference
 * in the differential test against the fast path.
 */
export interface ExactParse {
  readonly doc?: Document.Parsed;
  readonly problems: readonly SyntaxProblem[];
  /**
   * Set when the text was refused before it was composed (a forbidden character, or
   * nesting beyond the limit): the problems are then not all of the file's.
   */
  readonly refused?: boolean;
}

const COMPOSE_OPTIONS = {
  schema: 'core',
  version: '1.2',
  // Duplicate keys are found by nodeProblems, in linear time (yaml compares each new
  // key with every key before it: a 100,000-key mapping took minutes).
  uniqueKeys: false,
  stringKeys: false,
  resolveKnownTags: false,
  merge: false,
  strict: true,
  prettyErrors: false,
  keepSourceTokens: false,
} as const;

export function parseExact(text: string): ExactParse {
  const pre = prescan(text);
  if (pre) return { problems: [pre], refused: true };
  let doc: Document.Parsed | undefined;
  const problems: SyntaxProblem[] = [];
  try {
    // Nesting beyond the limit is refused before anything recursive runs (see parse-cst.ts).
    const cst = parseCst(text);
    if (cst.problem) return { problems: [cst.problem], refused: true };
    for (const d of new Composer(COMPOSE_OPTIONS).compose(cst.tokens, true, text.length)) {
      if (doc) {
        problems.push({
          message: 'a second document starts here: a dossier file holds one document only',
          offset: d.range[0],
        });
        break;
      }
      doc = d;
    }
  } catch (err) {
    return { problems: [{ message: err instanceof Error ? err.message : String(err), offset: 0 }] };
  }
  if (!doc) return { problems };
  // Tags are judged by nodeProblems (as the fast path judges them); yaml's own warning
  // only tells where the tag is written.
  const isTagWarning = (e: { code: string }): boolean => e.code === 'TAG_RESOLVE_FAILED';
  const tagStarts = doc.warnings
    .filter(isTagWarning)
    .map((e) => e.pos)
    .sort((a, b) => a[1] - b[1]);
  // A tab used as indentation throws the structure of every line after it off: yaml
  // then reports a cascade of errors that are only its consequences. Report the tabs.
  const tabs = doc.errors.filter((e) => e.code === 'TAB_AS_INDENT');
  for (const e of tabs.length > 0
    ? tabs
    : [...doc.errors, ...doc.warnings.filter((w) => !isTagWarning(w))]) {
    problems.push({
      message: cleanMessage(e.message),
      offset: skipIndentation(text, unclosedQuote(doc, e) ?? e.pos[0]),
    });
  }
  nodeProblems(
    { text, tagStarts, aliases: new AliasTally(text.length), doc },
    doc.contents,
    problems,
  );
  return { doc, problems: problems.sort((a, b) => a.offset - b.offset) };
}

/**
 * Where the quoted scalar a "Missing closing quote" error is about opens: yaml places the
 * error at the end of the file (a line past the last, on a file that ends with a line
 * break: an audit read `dossier.yaml:6:1` for a quote opened at 4:10), where the scalar it
 * read to ends.
 */
function unclosedQuote(
  doc: Document.Parsed,
  e: { readonly code: string; readonly message: string; readonly pos: readonly [number, number] },
): number | undefined {
  if (e.code !== 'MISSING_CHAR' || !/closing ["']quote/.test(e.message)) return undefined;
  let start: number | undefined;
  visit(doc, {
    Scalar(_, node) {
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      if (quoted && node.range && node.range[1] >= e.pos[0] && node.range[0] < e.pos[0])
        start = node.range[0];
    },
  });
  return start;
}

/** yaml places indentation errors at the start of the line: point at the first token instead. */
function skipIndentation(text: string, offset: number): number {
  let i = offset;
  while (text[i] === ' ') i++;
  return text[i] === '\n' || text[i] === '\r' || i >= text.length ? offset : i;
}

function cleanMessage(m: string): string {
  return shorten(m.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim(), 200);
}

const CORE_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`),
);

interface WalkState {
  readonly text: string;
  readonly doc: Document.Parsed;
  /** Ranges of the tags yaml could not resolve (where they are written), sorted by end. */
  readonly tagStarts: readonly [number, number][];
  /**
   * Anchors and aliases met so far (a node's size: itself, its values and theirs, aliases
   * expanded; keys not counted, as the fast path counts).
   */
  readonly aliases: AliasTally;
}

/** Where the tag of a node starting at `nodeStart` is written (the node start when unknown). */
function tagOffset(state: WalkState, nodeStart: number): number {
  // Only the last tag ending before the node can be its own (any other has that one
  // between it and the node): found by binary search, not by a scan of every tag.
  const tags = state.tagStarts;
  let lo = 0;
  let hi = tags.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tags[mid]![1] <= nodeStart) lo = mid + 1;
    else hi = mid;
  }
  const tag = tags[lo - 1];
  if (!tag) return nodeStart;
  const between = state.text.slice(tag[1], nodeStart);
  return between.length < 1024 && /^\s*(?:&\S+\s*)?$/.test(between) ? tag[0] : nodeStart;
}

/**
 * What the fast path refuses and yaml's parser lets through: tags beyond the core
 * schema, explicit core tags that do not fit their value, aliases to no anchor
 * (defined earlier in the document), and an empty implicit key in a block mapping.
 * Also the alias at which aliases come to expand to more than LIMITS.maxAliasExpansion
 * nodes (the fast path finds that there are too many, not where). Returns how many nodes
 * `node` expands to (at most the limit + 1).
 */
function nodeProblems(
  state: WalkState,
  node: unknown,
  out: SyntaxProblem[],
  depth = 0,
  key = false,
): number {
  if (depth > LIMITS.maxDepth * 2 || !node || typeof node !== 'object') return 1;
  if (isPair(node)) {
    nodeProblems(state, node.key, out, depth + 1, true);
    return nodeProblems(state, node.value, out, depth + 1);
  }
  const n = node as YamlNode;
  const start = n.range?.[0] ?? 0;
  if (isAlias(n)) return state.aliases.alias(n.source, start, out, key);
  if (n.tag && n.tag !== '!' && !CORE_TAGS.has(n.tag)) {
    out.push({ message: `unknown tag !<${n.tag}>`, offset: tagOffset(state, start) });
  } else if (
    isScalar(n) &&
    n.tag &&
    n.tag !== '!' &&
    explicitScalar(n.tag, scalarText(n)) === INVALID
  ) {
    out.push({
      message: `cannot resolve a node with !<${n.tag}> explicit tag`,
      offset: tagOffset(state, start),
    });
  }
  if (isMap(n)) keyProblems(state, n, out);
  const collection = isMap(n) || isSeq(n);
  const entered = state.aliases.enter(n, key);
  let size = 1;
  if (collection)
    for (const item of n.items)
      size = AliasTally.grow(size, nodeProblems(state, item, out, depth + 1));
  state.aliases.anchor(n.anchor, size, collection, entered);
  return size;
}

/**
 * Keys of one mapping: an empty implicit key in a block mapping, a key that is a
 * mapping or a list (keys are names), a key written twice (as the fast path sees keys:
 * by their string value).
 */
function keyProblems(state: WalkState, map: YAMLMap, out: SyntaxProblem[]): void {
  const seen = new Set<string>();
  for (const pair of map.items) {
    const key = pair.key as YamlNode | null;
    const keyStart = key?.range?.[0];
    if (
      !map.flow &&
      isScalar(key) &&
      key.source === '' &&
      !key.tag &&
      keyStart !== undefined &&
      state.text[keyStart] === ':'
    ) {
      out.push({ message: 'a mapping key is missing before ":"', offset: keyStart });
      continue;
    }
    if (isMap(key) || isSeq(key)) {
      const [from, to] = key.range ?? [0, 0];
      const written = state.text.slice(from, Math.min(to, from + 200)).replace(/\s+/g, ' ');
      out.push({
        message: `a mapping key must be a name, not a ${isMap(key) ? 'mapping' : 'list'}: ${shorten(written.trim())}`,
        offset: from,
      });
      continue;
    }
    const name = keyString(state.doc, key);
    if (name === undefined) continue;
    if (seen.has(name)) {
      out.push({
        message: `duplicate key "${shorten(name)}": a key appears once in a mapping`,
        offset: keyStart ?? 0,
      });
    } else seen.add(name);
  }
}

/** A scalar or alias key as the fast path makes it a property name; undefined for others. */
function keyString(doc: Document.Parsed, key: unknown): string | undefined {
  if (!isScalar(key) && !isAlias(key)) return undefined;
  const v = valueOfKey(doc, key);
  return v === undefined || (typeof v === 'object' && v !== null && !(v instanceof NumberLiteral))
    ? undefined
    : String(v);
}

const INVALID = Symbol('invalid');

function scalarText(n: { source?: string; value: unknown }): string {
  return typeof n.source === 'string' ? n.source : String(n.value ?? '');
}

function explicitScalar(tag: string, text: string): unknown {
  switch (tag.replace('tag:yaml.org,2002:', '')) {
    case 'str':
      return text;
    case 'int':
      return isCoreInt(text) ? constructTaggedNumber(text) : INVALID;
    case 'float':
      return isCoreFloat(text) || isCoreInt(text) ? constructTaggedNumber(text) : INVALID;
    case 'bool':
      return isCoreBool(text) ? text[0] === 't' || text[0] === 'T' : INVALID;
    case 'null':
      return isCoreNull(text) ? null : INVALID;
    default:
      return text;
  }
}

/** The JS value of a node, built exactly as the fast path builds it. */
export function valueOfNode(doc: Document.Parsed, node: unknown, depth = 0): unknown {
  if (depth > LIMITS.maxDepth * 2) throw new RangeError('nesting too deep');
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return valueOfNode(doc, node.resolve(doc), depth + 1);
  if (isScalar(node)) {
    const plain = node.type === 'PLAIN' || node.type === undefined;
    if (node.tag && node.tag !== '!') return explicitScalar(node.tag, scalarText(node));
    if (plain && node.tag !== '!') return resolvePlainScalar(scalarText(node));
    return String(node.source ?? node.value ?? '');
  }
  if (isMap(node)) {
    const obj: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = String(valueOfNode(doc, pair.key, depth + 1));
      Object.defineProperty(obj, key, {
        value: valueOfNode(doc, pair.value, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return obj;
  }
  if (isSeq(node)) return node.items.map((item) => valueOfNode(doc, item, depth + 1));
  return null;
}

/**
 * The offset of the node a finding points at. Walks `path` as far as it exists;
 * when it stops early, the deepest node found is used. When the walk goes through an
 * alias, the finding is at the alias (the first one on the way): the value it names is
 * written elsewhere, but the offending place is where the alias puts it.
 */
export function offsetOf(
  doc: Document.Parsed,
  path: readonly PathSegment[],
  anchor: Anchor,
): number {
  const target = anchor === 'value' ? path : path.slice(0, -1);
  let node: unknown = doc.contents;
  let keyNode: ParsedNode | undefined;
  let depth = 0;
  let alias: unknown;
  const at = (n: unknown): number => rangeStart(alias ?? n);
  for (const seg of target) {
    if (isAlias(node)) {
      alias ??= node;
      node = node.resolve(doc);
    }
    let next: unknown;
    keyNode = undefined;
    if (isMap(node)) {
      const pair = pairOf(doc, node, seg);
      if (pair) {
        keyNode = pair.key as ParsedNode;
        next = pair.value ?? undefined;
        // `key:` with no value: point at the key.
        if (next === null || next === undefined) next = pair.key;
      }
    } else if (isSeq(node) && typeof seg === 'number') {
      next = node.items[seg];
    }
    if (next === undefined || ++depth > LIMITS.maxDepth * 4) return at(node);
    node = next;
  }
  if (anchor === 'key') {
    const last = path[path.length - 1];
    if (isAlias(node)) {
      alias ??= node;
      node = node.resolve(doc);
    }
    if (isMap(node) && last !== undefined) {
      const pair = pairOf(doc, node, last);
      if (pair) return at(pair.key);
    }
  }
  if (anchor === 'value' && keyNode && isScalar(node) && node.value === null && !node.source) {
    return at(keyNode);
  }
  return at(node);
}

/** Each mapping's pairs by key string, built once: placing many findings stays linear. */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairOf(doc: Document.Parsed, map: YAMLMap, seg: PathSegment): Pair | undefined {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      const k = String(valueOfKey(doc, p.key));
      if (!index.has(k)) index.set(k, p as Pair);
    }
    pairIndex.set(map, index);
  }
  return index.get(String(seg));
}

function valueOfKey(doc: Document.Parsed, key: unknown): unknown {
  try {
    return valueOfNode(doc, key);
  } catch {
    return undefined;
  }
}

function rangeStart(node: unknown): number {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r ? r[0] : 0;
}
