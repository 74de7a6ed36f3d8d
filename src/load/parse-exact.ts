import type { Document, Node as YamlNode, ParsedNode } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Anchor } from '../diagnostics/diagnostic.js';
import type { PathSegment } from '../model/dossier.js';
import {
  constructTaggedNumber,
  isCoreBool,
  isCoreFloat,
  isCoreInt,
  isCoreNull,
  resolvePlainScalar,
} from './core-scalars.js';
import { LIMITS } from './limits.js';
import type { SyntaxProblem } from './prescan.js';
import { flowDepthProblem, prescan } from './prescan.js';

/**
 * The position-exact path: eemeli/yaml's Document, which keeps the range of every
 * node. Used only for files that have findings (to place them) and as the reference
 * in the differential test against the fast path.
 */
export interface ExactParse {
  readonly doc?: Document.Parsed;
  readonly problems: readonly SyntaxProblem[];
}

export function parseExact(text: string): ExactParse {
  const pre = prescan(text) ?? flowDepthProblem(text);
  if (pre) return { problems: [pre] };
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      schema: 'core',
      version: '1.2',
      uniqueKeys: true,
      stringKeys: false,
      resolveKnownTags: false,
      merge: false,
      strict: true,
      prettyErrors: false,
      keepSourceTokens: false,
    });
  } catch (err) {
    return { problems: [{ message: err instanceof Error ? err.message : String(err), offset: 0 }] };
  }
  // Tags are judged by nodeProblems (as the fast path judges them); yaml's own warning
  // only tells where the tag is written.
  const isTagWarning = (e: { code: string }): boolean => e.code === 'TAG_RESOLVE_FAILED';
  const tagStarts = doc.warnings.filter(isTagWarning).map((e) => e.pos);
  // A tab used as indentation throws the structure of every line after it off: yaml
  // then reports a cascade of errors that are only its consequences. Report the tabs.
  const tabs = doc.errors.filter((e) => e.code === 'TAB_AS_INDENT');
  const problems: SyntaxProblem[] = (
    tabs.length > 0 ? tabs : [...doc.errors, ...doc.warnings.filter((e) => !isTagWarning(e))]
  ).map((e) => ({
    message: cleanMessage(e.message),
    offset: skipIndentation(text, e.pos[0]),
  }));
  nodeProblems({ text, tagStarts, anchors: new Set() }, doc.contents, problems);
  return { doc, problems: problems.sort((a, b) => a.offset - b.offset) };
}

/** yaml places indentation errors at the start of the line: point at the first token instead. */
function skipIndentation(text: string, offset: number): number {
  let i = offset;
  while (text[i] === ' ') i++;
  return text[i] === '\n' || text[i] === '\r' || i >= text.length ? offset : i;
}

function cleanMessage(m: string): string {
  return m.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}

const CORE_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`),
);

interface WalkState {
  readonly text: string;
  /** Ranges of the tags yaml could not resolve (where they are written). */
  readonly tagStarts: readonly [number, number][];
  /** Anchors defined so far, in document order. */
  readonly anchors: Set<string>;
}

/** Where the tag of a node starting at `nodeStart` is written (the node start when unknown). */
function tagOffset(state: WalkState, nodeStart: number): number {
  let best = nodeStart;
  for (const [from, to] of state.tagStarts) {
    if (to <= nodeStart && /^\s*(?:&\S+\s*)?$/.test(state.text.slice(to, nodeStart))) best = from;
  }
  return best;
}

/**
 * What the fast path refuses and yaml's parser lets through: tags beyond the core
 * schema, explicit core tags that do not fit their value, aliases to no anchor
 * (defined earlier in the document), and an empty implicit key in a block mapping.
 */
function nodeProblems(state: WalkState, node: unknown, out: SyntaxProblem[], depth = 0): void {
  if (depth > LIMITS.maxDepth * 2 || !node || typeof node !== 'object') return;
  if (isPair(node)) {
    nodeProblems(state, node.key, out, depth + 1);
    nodeProblems(state, node.value, out, depth + 1);
    return;
  }
  const n = node as YamlNode;
  const start = n.range?.[0] ?? 0;
  if (isAlias(n)) {
    if (!state.anchors.has(n.source))
      out.push({ message: `alias *${n.source} names no anchor defined before it`, offset: start });
    return;
  }
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
  if (isMap(n) && !n.flow) {
    for (const pair of n.items) {
      const key = pair.key as YamlNode | null;
      const keyStart = key?.range?.[0];
      if (
        isScalar(key) &&
        key.source === '' &&
        !key.tag &&
        keyStart !== undefined &&
        state.text[keyStart] === ':'
      ) {
        out.push({ message: 'a mapping key is missing before ":"', offset: keyStart });
      }
    }
  }
  if (isMap(n) || isSeq(n)) for (const item of n.items) nodeProblems(state, item, out, depth + 1);
  if (n.anchor) state.anchors.add(n.anchor);
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
 * when it stops early, the deepest node found is used.
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
  for (const seg of target) {
    if (isAlias(node)) node = node.resolve(doc);
    let next: unknown;
    keyNode = undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => String(valueOfKey(doc, p.key)) === String(seg));
      if (pair) {
        keyNode = pair.key as ParsedNode;
        next = pair.value ?? undefined;
        // `key:` with no value: point at the key.
        if (next === null || next === undefined) next = pair.key;
      }
    } else if (isSeq(node) && typeof seg === 'number') {
      next = node.items[seg];
    }
    if (next === undefined || ++depth > LIMITS.maxDepth * 4) return rangeStart(node);
    node = next;
  }
  if (anchor === 'key') {
    const last = path[path.length - 1];
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node) && last !== undefined) {
      const pair = node.items.find((p) => String(valueOfKey(doc, p.key)) === String(last));
      if (pair) return rangeStart(pair.key);
    }
  }
  if (anchor === 'value' && keyNode && isScalar(node) && node.value === null && !node.source) {
    return rangeStart(keyNode);
  }
  return rangeStart(node);
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
