/**
 * The anchors and aliases of one YAML document, as its walk meets them in document
 * order: each alias names an anchor defined before it, and all aliases together add at
 * most LIMITS.maxAliasExpansion nodes, counted as the fast path counts them
 * (parse-fast.ts aliasExpansionProblem). Shared by the dossier's exact parser
 * (parse-exact.ts) and the template loader (templates/template-file.ts), each walking
 * its document its own way.
 */
import { isScalar } from 'yaml';
import { ALIAS_BOMB_MESSAGE, ALIAS_TEXT_BOMB_MESSAGE, LIMITS } from './limits.js';
import type { SyntaxProblem } from './prescan.js';

export class AliasTally {
  /**
   * Each anchor's node: how many nodes it expands to, whether it is a collection, and
   * the characters of its texts (values, not keys), aliases expanded.
   */
  private readonly anchors = new Map<
    string,
    { readonly size: number; readonly collection: boolean; readonly chars: number }
  >();
  /**
   * Characters of the texts (string values, not keys) met so far, written or added by
   * aliases: the fast path counts them in the loaded tree (parse-fast.ts).
   */
  chars = 0;
  /** Past it, aliases added more than LIMITS.maxAliasChars characters. */
  private readonly maxChars: number;
  /** Nodes the aliases met so far add. */
  private added = 0;
  /** A limit was crossed (reported once, at the alias that crossed it). */
  private over = false;

  /** For a document of `textLength` characters (its texts cannot be longer, but by aliases). */
  constructor(textLength: number) {
    this.maxChars = textLength + LIMITS.maxAliasChars;
  }

  /**
   * A node met in the walk, before its items (`key`: a mapping's key): its text counted
   * (a string value; keys are not counted, as the fast path counts). Returns what `anchor`
   * takes once the node is walked.
   */
  enter(node: unknown, key: boolean): { readonly since: number; readonly length: number } {
    const length = isScalar(node) && typeof node.value === 'string' ? node.value.length : 0;
    const since = this.chars;
    if (!key) this.chars += length;
    return { since, length };
  }

  /**
   * An alias to `source`, written at `offset` (as a mapping's key: `key`): how many nodes it expands to. Its problem,
   * if any, goes to `out`: no anchor defined before it, or the alias at which the nodes
   * aliases add come to exceed the limit (an alias to a scalar adds nothing).
   */
  alias(source: string, offset: number, out: SyntaxProblem[], key = false): number {
    const anchored = this.anchors.get(source);
    if (!anchored) {
      out.push({ message: `alias *${source} names no anchor defined before it`, offset });
      return 1;
    }
    if (anchored.collection && !this.over) {
      this.added += anchored.size;
      if (this.added > LIMITS.maxAliasExpansion) {
        this.over = true;
        out.push({ message: ALIAS_BOMB_MESSAGE, offset });
      }
    }
    // (An alias as a key adds no text: keys are not counted, as the fast path counts.)
    if (!key) this.chars += anchored.chars;
    // (One bomb reported per document, whichever count it crosses first.)
    if (this.chars > this.maxChars && !this.over) {
      this.over = true;
      out.push({ message: ALIAS_TEXT_BOMB_MESSAGE, offset });
    }
    return anchored.size;
  }

  /** A collection's size with one more item of `item` nodes (capped at the limit + 1). */
  static grow(size: number, item: number): number {
    return Math.min(size + item, LIMITS.maxAliasExpansion + 1);
  }

  /**
   * A node of `size` nodes, once walked (`entered`: what `enter` gave for it): its anchor,
   * if any, is defined from here on, with the characters its aliases add: a collection's
   * texts, aliases expanded (the growth of `chars` over its walk); a text's length, also
   * of a key's text.
   */
  anchor(
    name: string | null | undefined,
    size: number,
    collection: boolean,
    entered: { readonly since: number; readonly length: number },
  ): void {
    if (!name) return;
    const chars = collection ? this.chars - entered.since : entered.length;
    this.anchors.set(name, { size, collection, chars });
  }
}
