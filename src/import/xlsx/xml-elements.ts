/**
 * The elements of a name in an XLSX part, under any namespace prefix. SpreadsheetML may
 * bind its namespace to a prefix (`<x:row>`, as Microsoft's OpenXML SDK writes it) or make
 * it the default one (`<row>`, as Excel does): elements are matched by their local name.
 *
 * They are found as the regular expression
 * `<(P)name\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1name\s*>)` (P a prefix, `x:`, or none) finds
 * them one after the other, the same elements, but in linear time: the pattern looked
 * for each start tag's end tag as far as the part's end, and a start tag without one
 * (`<row-x>`, whose `</row>` never comes) took time in the part's length each: 32,000 of
 * them in a sheet took 6.6 s. Here the end tags are read once, in order.
 */

/** A namespace prefix (`x:`), or none: a pattern (see the module's comment); xlsx.ts's too. */
export const PREFIX = '(?:[A-Za-z_][\\w.-]*:)?';

/** An element found: where it is, its attributes and its content. */
export interface XmlElement {
  /** Where its start tag begins, and where its end tag (or its `/>`) ends. */
  readonly start: number;
  readonly end: number;
  /** What its start tag holds after the name: its attributes (` r="A1" t="s"`). */
  readonly attributes: string;
  /** What it holds between its tags; undefined for an empty element, `<name/>`. */
  readonly content: string | undefined;
}

interface Patterns {
  /** A start tag's beginning: `<`, the prefix (group 1), the name. */
  readonly start: RegExp;
  /** An end tag: the prefix (group 1). */
  readonly end: RegExp;
}

/** The patterns of each name, made once (their lastIndex is set before each use). */
const PATTERNS = new Map<string, Patterns>();

function patternsOf(name: string): Patterns {
  let p = PATTERNS.get(name);
  if (p === undefined) {
    p = {
      start: new RegExp(`<(${PREFIX})${name}\\b`, 'g'),
      end: new RegExp(`<\\/(${PREFIX})${name}\\s*>`, 'g'),
    };
    PATTERNS.set(name, p);
  }
  return p;
}

/** Whether character code `c` is one of `\w`: a letter, digit or `_` (ASCII). */
const isWordChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/** End tags met before an element needed them, of one prefix: where each begins and ends. */
interface EndTags {
  readonly at: number[];
  readonly end: number[];
  /** The first one not passed. */
  next: number;
}

/** Reads the elements of a name in a part, one after the other. */
class ElementReader {
  /** Where the next start tag is looked for. */
  private at = 0;
  /** The last `>` found: the first one after the start tags before. */
  private gt = -1;
  /**
   * End tags are read once, in order, as far as a start tag needs one of its prefix; those
   * of other prefixes met on the way are kept for theirs. A start tag that has none
   * passes over them all once.
   */
  private endsReadTo = 0;
  private endsAllRead = false;
  private kept: Map<string, EndTags> | undefined;
  /** Where the end tag endTagAfter found ends. */
  private endTagEnd = 0;

  constructor(
    private readonly xml: string,
    private readonly name: string,
    private readonly patterns: Patterns,
  ) {}

  next(): XmlElement | undefined {
    const { xml, name, patterns } = this;
    for (;;) {
      patterns.start.lastIndex = this.at;
      const tag = patterns.start.exec(xml);
      if (tag === null) return undefined;
      const start = tag.index;
      const prefix = tag[1]!;
      const nameEnd = patterns.start.lastIndex;
      // The start tag ends at the first `>` (its attributes hold none); past the last
      // `>`, no element can begin.
      if (this.gt < nameEnd) this.gt = xml.indexOf('>', nameEnd);
      const gt = this.gt;
      if (gt < 0) return undefined;
      if (gt - 1 >= nameEnd && xml.charCodeAt(gt - 1) === 47) {
        // `<name .../>`
        this.at = gt + 1;
        return { start, end: gt + 1, attributes: xml.slice(nameEnd, gt - 1), content: undefined };
      }
      let attributesAt = nameEnd;
      let endTag = this.endTagAfter(prefix, gt + 1);
      // Without an end tag of its prefix, `<row:row>` is `<row` with the attributes
      // `:row`, when `</row>` follows (as the pattern read it, trying no prefix next).
      if (
        endTag < 0 &&
        prefix !== '' &&
        xml.startsWith(name, start + 1) &&
        !isWordChar(xml.charCodeAt(start + 1 + name.length))
      ) {
        attributesAt = start + 1 + name.length;
        endTag = this.endTagAfter('', gt + 1);
      }
      if (endTag < 0) {
        this.at = start + 1;
        continue;
      }
      this.at = this.endTagEnd;
      return {
        start,
        end: this.endTagEnd,
        attributes: xml.slice(attributesAt, gt),
        content: xml.slice(gt + 1, endTag),
      };
    }
  }

  /**
   * Where the first end tag of `prefix` at `from` or after begins (its end in endTagEnd),
   * or -1. `from` grows from call to call, and an end tag found ends the element read:
   * none is looked for before it again.
   */
  private endTagAfter(prefix: string, from: number): number {
    const tags = this.kept?.get(prefix);
    if (tags !== undefined) {
      while (tags.next < tags.at.length && tags.at[tags.next]! < from) tags.next++;
      if (tags.next < tags.at.length) {
        this.endTagEnd = tags.end[tags.next]!;
        return tags.at[tags.next++]!;
      }
    }
    const end = this.patterns.end;
    while (!this.endsAllRead) {
      end.lastIndex = this.endsReadTo;
      const m = end.exec(this.xml);
      if (m === null) {
        this.endsAllRead = true;
        break;
      }
      this.endsReadTo = end.lastIndex;
      if (m.index < from) continue;
      const p = m[1]!;
      if (p === prefix) {
        this.endTagEnd = this.endsReadTo;
        return m.index;
      }
      this.kept ??= new Map();
      let other = this.kept.get(p);
      if (other === undefined) this.kept.set(p, (other = { at: [], end: [], next: 0 }));
      else if (other.next === other.at.length) {
        // All passed: emptied, not kept growing.
        other.at.length = 0;
        other.end.length = 0;
        other.next = 0;
      }
      other.at.push(m.index);
      other.end.push(this.endsReadTo);
    }
    return -1;
  }
}

/** The elements named `name` in `xml`, under any prefix, in order (see the module's comment). */
export function* elements(xml: string, name: string): Generator<XmlElement, undefined, undefined> {
  const reader = new ElementReader(xml, name, patternsOf(name));
  for (let e = reader.next(); e !== undefined; e = reader.next()) yield e;
  return undefined;
}

/** The first element named `name` in `xml`, under any prefix, as `elements` finds it. */
export function firstElement(xml: string, name: string): XmlElement | undefined {
  return new ElementReader(xml, name, patternsOf(name)).next();
}

/** `xml` without the elements named `name` (under any prefix) and what they hold. */
export function withoutElements(xml: string, name: string): string {
  let out = '';
  let at = 0;
  for (const e of elements(xml, name)) {
    out += xml.slice(at, e.start);
    at = e.end;
  }
  return at === 0 ? xml : out + xml.slice(at);
}
