import type { CST } from 'yaml';
import { Lexer, Parser } from 'yaml';
import { LIMITS } from './limits.js';
import type { SyntaxProblem } from './prescan.js';

/**
 * `yaml`'s token tree (CST) of a text, or the first collection nested deeper than
 * LIMITS.maxDepth. Every reading of a YAML text with `yaml` goes through here (the
 * exact dossier parser, templates): its composer recurses once per level, and so does
 * its CST parser when one line closes many collections at once (a less indented line
 * after `- - - … x` or after deep block mappings), so the depth is measured first.
 */
export type CstParse =
  | { readonly tokens: readonly CST.Token[]; readonly problem?: undefined }
  | { readonly problem: SyntaxProblem; readonly tokens?: undefined };

const COLLECTION = new Set(['block-map', 'block-seq', 'flow-collection']);

export function parseCst(text: string): CstParse {
  // The lexer keeps no stack; the parser's open nodes (its `stack`: the document, then
  // each open collection inside the one below it) are watched after every lexeme, so
  // that it never holds more than the limit (and a few) when it recurses over them.
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > LIMITS.maxDepth && openCollections(parser.stack) > LIMITS.maxDepth) {
      // Too deep already: where, first in the text, among what is read so far.
      const open = parser.stack.map((token, i): [unknown, number] => [
        token,
        openCollections(parser.stack.slice(0, i)),
      ]);
      return { problem: depthProblem([...tokens.map((t): [unknown, number] => [t, 0]), ...open])! };
    }
  }
  for (const token of parser.end()) tokens.push(token);
  // A flow collection used as a key is put under its mapping once that mapping is seen:
  // one level deeper than it was while open. Measured again on the whole tree.
  const deep = depthProblem(tokens.map((t) => [t, 0]));
  return deep ? { problem: deep } : { tokens };
}

function openCollections(stack: readonly CST.Token[]): number {
  let n = 0;
  for (const token of stack) if (COLLECTION.has(token.type)) n++;
  return n;
}

/**
 * The first collection nested deeper than the limit, found without recursion, among
 * `roots` (each with the number of collections it is inside of). Block and flow
 * collections count alike: `a: [[x]]` under a sequence item is 4 levels.
 */
function depthProblem(roots: readonly [unknown, number][]): SyntaxProblem | undefined {
  const stack = [...roots].reverse();
  let first: number | undefined;
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (!token || typeof token !== 'object') continue;
    const t = token as { type?: string; offset?: number; value?: unknown; items?: unknown };
    const level = COLLECTION.has(t.type ?? '') ? depth + 1 : depth;
    if (level > LIMITS.maxDepth) {
      const at = t.offset ?? 0;
      if (first === undefined || at < first) first = at;
      continue;
    }
    if (t.type === 'document' && t.value) stack.push([t.value, level]);
    if (Array.isArray(t.items)) {
      for (const item of t.items as { key?: unknown; value?: unknown }[]) {
        if (item.key) stack.push([item.key, level]);
        if (item.value) stack.push([item.value, level]);
      }
    }
  }
  return first === undefined
    ? undefined
    : {
        message: `collections nested more than ${LIMITS.maxDepth} levels deep`,
        offset: first,
        kind: 'depth',
      };
}
