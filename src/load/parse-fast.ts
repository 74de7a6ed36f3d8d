import { FAILSAFE_SCHEMA, Type, load } from 'js-yaml';
import { LIMITS } from './limits.js';
import {
  constructCoreNumber,
  constructTaggedNumber,
  isCoreBool,
  isCoreFloat,
  isCoreInt,
  isCoreNull,
} from './core-scalars.js';
import type { SyntaxProblem } from './prescan.js';
import { parseExact } from './parse-exact.js';
import { parsePlainBlocks } from './parse-plain-blocks.js';
import { prescan } from './prescan.js';

/**
 * The fast path: js-yaml (the fastest JS YAML parser, ~14x `yaml`) with the YAML 1.2
 * core schema, numbers kept exact (see core-scalars.ts). No positions are recorded:
 * they are computed by the exact parser, only for files that have findings.
 */
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
const SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [nullType, boolType, intType, floatType],
  explicit: [taggedIntType, taggedFloatType],
});

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
  const plain = options.plainBlocks === false ? undefined : parsePlainBlocks(text);
  if (plain !== undefined) return { ok: true, value: plain, plain: true };
  let value: unknown;
  try {
    value = load(text, {
      schema: SCHEMA,
      filename,
      json: false,
      onWarning: (w: unknown) => {
        throw w;
      },
      // js-yaml counts nodes: maxDepth collections, and the scalars in the deepest.
      ...({ maxDepth: LIMITS.maxDepth + 1 } as object),
    });
  } catch (err) {
    return { ok: false, problem: fromException(err) };
  }
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
  // Unicode: no character, and no UTF-8 for the outputs. The decoded text itself cannot
  // hold one, so only escapes can, and only where the text has such an escape.
  if (SURROGATE_ESCAPE.test(text)) {
    const lone = loneSurrogateProblem(value, text);
    if (lone) return { ok: false, problem: lone };
  }
  // js-yaml names a key that is a list by its items joined with commas (`[amount]: 10`
  // became the key `amount`): where the text may hold one, the exact parser, which keeps
  // keys as nodes, says whether it does and where.
  if (/\]\s*:|(?:^|\s)\?\s/.test(text)) {
    const listKey = parseExact(text).problems.find((p) => p.message.startsWith(LIST_KEY));
    if (listKey) return { ok: false, problem: listKey };
  }
  return { ok: true, value: value === undefined ? null : value };
}

const LIST_KEY = 'a mapping key must be a name, not a list';

/** `\uD800`-`\uDFFF` or `\U0000D800`-`\U0000DFFF`, any case. */
const SURROGATE_ESCAPE = /\\(?:u|U0000)[dD][89a-fA-F][0-9a-fA-F]{2}/;

/** Half of a surrogate pair without its other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether some text (value or key) under `root` holds a lone surrogate; where its escape is. */
function loneSurrogateProblem(root: unknown, text: string): SyntaxProblem | undefined {
  const stack: unknown[] = [root];
  let found = false;
  while (stack.length > 0 && !found) {
    const v = stack.pop();
    if (typeof v === 'string') found = LONE_SURROGATE.test(v);
    else if (Array.isArray(v)) stack.push(...v);
    else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (LONE_SURROGATE.test(k)) found = true;
        stack.push(child);
      }
    }
  }
  if (!found) return undefined;
  // The first escape of a high half not directly followed by one of a low half, or of a
  // low half not directly preceded by a high one.
  const escapes = /\\(?:u|U0000)([dD][89a-fA-F][0-9a-fA-F]{2})/g;
  let high: RegExpExecArray | undefined;
  for (let m = escapes.exec(text); m; m = escapes.exec(text)) {
    const low = parseInt(m[1]!, 16) >= 0xdc00;
    if (!low) {
      if (high) break;
      high = m;
    } else if (high && high.index + high[0].length === m.index) high = undefined;
    else return surrogateProblem(high ?? m);
  }
  return high ? surrogateProblem(high) : { message: LONE_MESSAGE('an escape'), offset: 0 };
}

const LONE_MESSAGE = (escape: string) =>
  `${escape} is half of a UTF-16 surrogate pair, not a Unicode character: write the character itself, or its code point (\\U0001F600)`;

function surrogateProblem(m: RegExpExecArray): SyntaxProblem {
  return { message: LONE_MESSAGE(m[0]), offset: m.index };
}

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
  const sizes = new Map<object, number>();
  const open = new Set<object>();
  let added = 0;
  let cycle = false;
  const size = (v: unknown): number => {
    if (v === null || typeof v !== 'object') return 1;
    if (open.has(v)) {
      // js-yaml lets an alias refer to the collection it is in; yaml (and JSON) cannot.
      cycle = true;
      return 1;
    }
    const known = sizes.get(v);
    if (known !== undefined) {
      added += known;
      return known;
    }
    open.add(v);
    let n = 1;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      n += size(child);
      if (added > LIMITS.maxAliasExpansion || cycle) break;
    }
    open.delete(v);
    sizes.set(v, n);
    return n;
  };
  size(root);
  if (added <= LIMITS.maxAliasExpansion && !cycle) return undefined;
  const alias = /(?:^|[\s[{,])\*[^\s[\]{},]/m.exec(text);
  return {
    message: cycle
      ? 'an alias refers to the collection that contains it (a cycle)'
      : `aliases expand to more than ${LIMITS.maxAliasExpansion} nodes (alias bomb?)`,
    offset: alias ? alias.index + alias[0].indexOf('*') : 0,
  };
}
