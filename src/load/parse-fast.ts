import { createRequire } from 'node:module';
import type * as JsYamlModule from 'js-yaml';
import { ALIAS_BOMB_MESSAGE, ALIAS_TEXT_BOMB_MESSAGE, LIMITS } from './limits.js';
import {
  NumberLiteral,
  constructCoreNumber,
  constructTaggedNumber,
  isCoreBool,
  isCoreFloat,
  isCoreInt,
  isCoreNull,
} from './core-scalars.js';
import type { SyntaxProblem } from './prescan.js';
import { parsePlainBlocks, type ListStream } from './parse-plain-blocks.js';
import { nonPrintableProblem, prescan } from './prescan.js';

/**
 * The fallback: js-yaml (the fastest JS YAML parser, ~14x `yaml`) with the YAML 1.2 core
 * schema, numbers kept exact (see core-scalars.ts). No positions are recorded: they are
 * computed by the exact parser, only for files that have findings.
 *
 * Loaded on first use: dossiers are plain block YAML, which the plain-block reader takes
 * whole, and loading js-yaml and building its schema costs every command's start about
 * as much as reading a few hundred records (~65 M instructions, bench/LIMITS.md).
 */
interface JsYaml {
  readonly load: typeof JsYamlModule.load;
  readonly schema: JsYamlModule.Schema;
}
let jsYaml: JsYaml | undefined;

function loadJsYaml(): JsYaml {
  if (jsYaml) return jsYaml;
  const { FAILSAFE_SCHEMA, Type, load } = createRequire(import.meta.url)(
    'js-yaml',
  ) as typeof JsYamlModule;
  const nullType = new Type('tag:yaml.org,2002:null', {
    kind: 'scalar',
    resolve: (data: unknown) => data === null || (typeof data === 'string' && isCoreNull(data)),
    construct: () => null,
  });
  const boolType = new Type('tag:yaml.org,2002:bool', {
    kind: 'scalar',
    resolve: (data: unknown) => typeof data === 'string' && isCoreBool(data),
    construct: (data: string) => data[0] === 't' || data[0] === 'T',
  });
  const intType = new Type('tag:yaml.org,2002:int', {
    kind: 'scalar',
    resolve: (data: unknown) => typeof data === 'string' && isCoreInt(data),
    construct: (data: string) => constructCoreNumber(data),
  });
  const floatType = new Type('tag:yaml.org,2002:float', {
    kind: 'scalar',
    resolve: (data: unknown) => typeof data === 'string' && isCoreFloat(data),
    construct: (data: string) => constructCoreNumber(data),
  });
  // Written with an explicit !!int or !!float tag: the same check, a tagged number as value
  // (explicit types take precedence over implicit ones of the same tag in js-yaml's map).
  const taggedIntType = new Type('tag:yaml.org,2002:int', {
    kind: 'scalar',
    resolve: (data: unknown) => typeof data === 'string' && isCoreInt(data),
    construct: (data: string) => constructTaggedNumber(data),
  });
  const taggedFloatType = new Type('tag:yaml.org,2002:float', {
    kind: 'scalar',
    resolve: (data: unknown) => typeof data === 'string' && (isCoreFloat(data) || isCoreInt(data)),
    construct: (data: string) => constructTaggedNumber(data),
  });
  const schema = FAILSAFE_SCHEMA.extend({
    implicit: [nullType, boolType, intType, floatType],
    explicit: [taggedIntType, taggedFloatType],
  });
  return (jsYaml = { load, schema });
}

export type ParseResult =
  | {
      readonly ok: true;
      readonly value: unknown;
      /** Read by the plain-block reader: no alias, so no value is shared by two places. */
      readonly plain?: boolean;
    }
  | { readonly ok: false; readonly problem: SyntaxProblem };

interface YamlExceptionLike {
  reason?: string;
  mark?: { position?: number };
}

export interface ParseFastOptions {
  /** Try the plain-block reader first (default true; tests compare it with js-yaml). */
  readonly plainBlocks?: boolean;
  /**
   * Items of top-level lists taken as the plain-block reader reads them (see ListStream).
   * Only that reader streams: when the result is not `plain`, nothing taken counts (the
   * reader gave up, possibly after taking items) and the lists are in the value.
   */
  readonly stream?: ListStream;
}

export function parseFast(
  text: string,
  filename: string,
  options: ParseFastOptions = {},
): ParseResult {
  const pre = prescan(text, { controlCharacters: false });
  if (pre) return { ok: false, problem: pre };
  // Plain block YAML, which dossiers are, is read by a faster reader; anything else
  // (or anything it is not sure of) by js-yaml. Both give the same values.
  const plain =
    options.plainBlocks === false ? undefined : parsePlainBlocks(text, undefined, options.stream);
  if (plain !== undefined) return { ok: true, value: plain, plain: true };
  // The plain-block reader gave up any control character; js-yaml refuses them in plain
  // scalars only, and lets through the comments and block scalars that hold one (YAML and
  // the exact parser refuse them there; quoted scalars may hold them).
  const control = nonPrintableProblem(text);
  if (control) return { ok: false, problem: control };
  let value: unknown;
  const watch = new NodeWatch(SURROGATE_ESCAPE.test(text));
  const { load, schema } = loadJsYaml();
  try {
    value = load(text, {
      schema,
      filename,
      json: false,
      listener: watch.listener,
      onWarning: (w: unknown) => {
        throw w;
      },
      // js-yaml counts nodes: maxDepth collections, and the scalars in the deepest.
      ...({ maxDepth: LIMITS.maxDepth + 1 } as object),
    });
  } catch (err) {
    return { ok: false, problem: fromException(err) };
  }
  if (watch.deep !== undefined)
    return { ok: false, problem: { message: DEPTH_MESSAGE, offset: watch.deep, kind: 'depth' } };
  if (text.includes('*')) {
    const bomb = aliasExpansionProblem(value, text);
    if (bomb) return { ok: false, problem: bomb };
  }
  // js-yaml names a key that is a mapping "[object Object]": refuse it (the exact
  // parser then says where it is and quotes it).
  if (/(?:^|\s)\?\s|\}\s*:/.test(text) && hasObjectKey(value)) {
    return {
      ok: false,
      problem: { message: 'a mapping key must be a name, not a mapping', offset: 0 },
    };
  }
  // A double-quoted escape of half a surrogate pair (`"\ud800"`) gives a text that is not
  // Unicode: no character, and no UTF-8 for the outputs. The decoded text cannot hold one,
  // so only escapes can: watched only where the text has such an escape.
  if (watch.lone) return { ok: false, problem: surrogateProblem(text, watch.lone) };
  // js-yaml names a key that is a list by its items joined with commas (`[amount]: 10`
  // became the key `amount`): a list composed more often than the value holds it was
  // used as a key (an alias `*k :` to a list too). The exact parser, run on a file with
  // a problem, then says where (an alias used as a key: found here).
  if (watch.listUsedAsKey(value)) {
    const alias = /(?:^|[\s,{[])(\*[^\s,[\]{}]+)\s*:/m.exec(text);
    return {
      ok: false,
      problem: { message: LIST_KEY, offset: alias ? alias.index + alias[0].indexOf('*') : 0 },
    };
  }
  return { ok: true, value: value === undefined ? null : value };
}

const LIST_KEY = 'a mapping key must be a name, not a list';

/** `\uD800`-`\uDFFF` or `\U0000D800`-`\U0000DFFF`, any case. */
const SURROGATE_ESCAPE = /\\(?:u|U0000)[dD][89a-fA-F][0-9a-fA-F]{2}/;

/** Half of a surrogate pair without its other half. */
export const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What js-yaml's node events show that its value does not (js-yaml 4 `listener`). */
class NodeWatch {
  /** Where each list was composed (the offsets its nodes end at): once per alias too. */
  private readonly composed = new Map<unknown[], Set<number> | number>();
  /** Where each open node starts (only while watching for lone surrogates). */
  private readonly starts: number[] = [];
  /** The first text holding a lone surrogate: from where its node starts to where it ends. */
  lone: { readonly from: number; readonly to: number } | undefined;
  /**
   * Where the first collection nested deeper than LIMITS.maxDepth ends. js-yaml's own
   * bound counts a scalar in the deepest collection as a level (maxDepth + 1 is given it),
   * so an empty collection one level deeper passed it (`x: [[…[]…]]`), and every
   * diagnostic of the file was then placed at 1:1 (the exact parser refuses the depth).
   */
  deep: number | undefined;

  constructor(private readonly surrogates: boolean) {}

  readonly listener = (event: 'open' | 'close', state: { position: number; result: unknown }) => {
    if (event === 'open') {
      if (this.surrogates) this.starts.push(state.position);
      return;
    }
    const from = this.surrogates ? this.starts.pop()! : 0;
    const r = state.result;
    // (js-yaml's state has the node's depth, the root's 1, and its kind; its types do not
    // say so. An alias has no kind: the collection it names is where its anchor is.)
    const { depth, kind } = state as { depth?: number; kind?: string | null };
    if (
      depth! > LIMITS.maxDepth &&
      this.deep === undefined &&
      (kind === 'mapping' || kind === 'sequence')
    )
      this.deep = state.position;
    if (Array.isArray(r)) {
      const at = this.composed.get(r);
      if (at === undefined) this.composed.set(r, state.position);
      else if (typeof at === 'number') {
        if (at !== state.position) this.composed.set(r, new Set([at, state.position]));
      } else at.add(state.position);
    } else if (
      this.surrogates &&
      this.lone === undefined &&
      typeof r === 'string' &&
      LONE_SURROGATE.test(r)
    )
      this.lone = { from, to: state.position };
  };

  /**
   * Whether some list was used as a key. js-yaml composes a node again when a first try
   * fails (a list at the start of a line is tried as a key first): such a list ends where
   * the one kept ends. So a list the value does not hold, ending where no list it holds
   * ends, was a key; and a list (aliased) composed at more places than the value holds it.
   */
  listUsedAsKey(root: unknown): boolean {
    const held = new Map<unknown[], number>();
    const seen = new Set<object>();
    const stack: unknown[] = [root];
    if (Array.isArray(root)) held.set(root, 1);
    while (stack.length > 0) {
      const v = stack.pop();
      if (v === null || typeof v !== 'object' || seen.has(v)) continue;
      seen.add(v);
      for (const child of Array.isArray(v) ? v : Object.values(v)) {
        if (Array.isArray(child)) held.set(child, (held.get(child) ?? 0) + 1);
        stack.push(child);
      }
    }
    const places = (at: Set<number> | number): readonly number[] =>
      typeof at === 'number' ? [at] : [...at];
    const heldEnds = new Set<number>();
    for (const [list, at] of this.composed)
      if (held.has(list)) for (const end of places(at)) heldEnds.add(end);
    for (const [list, at] of this.composed) {
      const n = held.get(list);
      if (n === undefined ? places(at).some((end) => !heldEnds.has(end)) : places(at).length > n)
        return true;
    }
    return false;
  }
}

/** The first escape of a lone surrogate half inside the node at `at`. */
function surrogateProblem(text: string, at: { from: number; to: number }): SyntaxProblem {
  const node = text.slice(at.from, at.to);
  // A high half directly followed by a low half is a pair; any other half is lone.
  for (const m of node.matchAll(new RegExp(SURROGATE_ESCAPE.source, 'g'))) {
    const unit = parseInt(m[0].slice(-4), 16);
    const end = m.index + m[0].length;
    if (unit < 0xdc00) {
      const next = node.slice(end).match(/^\\(?:u|U0000)([dD][c-fC-F][0-9a-fA-F]{2})/);
      if (next) continue;
    } else {
      const before = node.slice(0, m.index).match(/\\(?:u|U0000)[dD][89abAB][0-9a-fA-F]{2}$/);
      if (before) continue;
    }
    return { message: LONE_MESSAGE(m[0]), offset: at.from + m.index };
  }
  return { message: LONE_MESSAGE('an escape'), offset: at.from };
}

const LONE_MESSAGE = (escape: string) =>
  `${escape} is half of a UTF-16 surrogate pair, not a Unicode character: write the character itself, or its code point (\\U0001F600)`;

const DEPTH_MESSAGE = `collections nested more than ${LIMITS.maxDepth} levels deep`;

function fromException(err: unknown): SyntaxProblem {
  if (err instanceof RangeError) return { message: DEPTH_MESSAGE, offset: 0, kind: 'depth' };
  const e = err as YamlExceptionLike;
  const reason = typeof e.reason === 'string' ? e.reason : String(err);
  const offset = e.mark?.position ?? 0;
  if (reason.startsWith('nesting exceeded maxDepth'))
    return { message: DEPTH_MESSAGE, offset, kind: 'depth' };
  return { message: reason, offset };
}

/** Whether some mapping in `root` has the key js-yaml gives to a mapping used as a key. */
function hasObjectKey(root: unknown): boolean {
  const stack: unknown[] = [root];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (!Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, '[object Object]'))
      return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push(child);
  }
  return false;
}

/**
 * js-yaml shares aliased objects instead of copying them, so loading cannot explode;
 * but every later walk would visit them once per alias. Count what expansion adds.
 */
function aliasExpansionProblem(root: unknown, text: string): SyntaxProblem | undefined {
  const sizes = new Map<object, { readonly n: number; readonly chars: number }>();
  const open = new Set<object>();
  let added = 0;
  // Characters of the texts (string values, not keys), aliases expanded: no more than the
  // file's own length but by what aliases add (AliasTally.chars counts them alike).
  let chars = 0;
  const maxChars = text.length + LIMITS.maxAliasChars;
  let cycle = false;
  const over = () => added > LIMITS.maxAliasExpansion || chars > maxChars || cycle;
  const size = (v: unknown): number => {
    if (typeof v === 'string') chars += v.length;
    // A number kept as its text is one node, a scalar (as the exact parser counts it).
    if (v === null || typeof v !== 'object' || v instanceof NumberLiteral) return 1;
    if (open.has(v)) {
      // js-yaml lets an alias refer to the collection it is in; yaml (and JSON) cannot.
      cycle = true;
      return 1;
    }
    const known = sizes.get(v);
    if (known !== undefined) {
      added += known.n;
      chars += known.chars;
      return known.n;
    }
    open.add(v);
    const from = chars;
    let n = 1;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      n += size(child);
      if (over()) break;
    }
    open.delete(v);
    sizes.set(v, { n, chars: chars - from });
    return n;
  };
  size(root);
  if (!over()) return undefined;
  // Where: the first alias. The exact parser, run on a file with a problem, places an alias
  // bomb at the alias that crosses the limit (nodeProblems); this place stands only in a
  // file it does not read (over 64 MiB).
  const alias = /(?:^|[\s[{,])\*[^\s[\]{},]/m.exec(text);
  return {
    message: cycle
      ? 'an alias refers to the collection that contains it (a cycle)'
      : added > LIMITS.maxAliasExpansion
        ? ALIAS_BOMB_MESSAGE
        : ALIAS_TEXT_BOMB_MESSAGE,
    offset: alias ? alias.index + alias[0].indexOf('*') : 0,
  };
}
