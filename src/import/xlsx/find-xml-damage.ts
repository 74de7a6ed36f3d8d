/** What makes an XML part not well-formed, where it is first seen. */
export interface XmlDamage {
  /** What is wrong: `it ends inside <t>`, `</is> closes <t>`. */
  readonly problem: string;
  /** The start tags of the elements open there, outermost first (`<row r="5">`, `<c r="A5" t="inlineStr">`). */
  readonly open: readonly string[];
}

/** A start tag's attributes (well-formed) and its end, from just after its name; `/>` for an empty element. */
const ATTRIBUTES = /(?:\s+[^\s=/>"'<]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*\/?>/y;
/** An end tag's end, from just after its name. */
const END_TAG_END = /\s*>/y;
/**
 * A DOCTYPE declaration to its end, after its internal subset if it has one. A quoted
 * literal (a SYSTEM or PUBLIC id, an entity's value), a comment or a processing
 * instruction is passed over whole: the `[`, `]` or `>` it may hold ends nothing. Each
 * step can match only one way (a comment cannot run past its first `-->`), so a
 * declaration left open fails in linear time.
 */
export const DOCTYPE_END =
  /<!DOCTYPE(?:[^[>"']|"[^"]*"|'[^']*')*(?:\[(?:[^\]"'<]|"[^"]*"|'[^']*'|<!--(?:[^-]|-(?!->))*-->|<\?(?:[^?]|\?(?!>))*\?>|<(?!!--|\?))*\]\s*)?>/y;
const NOT_SPACE = /\S/;
/** What may follow the root element to the end: white space, and NUL bytes some writers pad a zip entry with. */
const PADDING = /^[\s\0]*$/;

/** The markup that ends at `close`, by how it starts. */
const DELIMITED: readonly (readonly [open: string, close: string, what: string])[] = [
  ['<!--', '-->', 'a comment'],
  ['<![CDATA[', ']]>', 'a CDATA section'],
  ['<?', '?>', 'a processing instruction'],
];

/** Whether character code `c` ends a tag's name: white space, `/`, `>`, `<`, or the end. */
const endsName = (c: number): boolean =>
  c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 62 || c === 60 || c !== c;

/** A tag as it is written, cut short for a message. */
const excerpt = (xml: string, at: number): string => {
  const s = xml.slice(at, at + 40);
  return JSON.stringify(s.length === 40 ? `${s}...` : s);
};

/**
 * Why `xml` is not a well-formed XML document, or undefined when its markup is: one root
 * element, every element closed by an end tag of its name, tags, comments, CDATA sections
 * and processing instructions complete, no text outside the root (but the NUL bytes some
 * writers pad a part with, at its end). An .xlsx part cut short
 * (a damaged or truncated file) is caught here, where reading its elements one by one
 * would lose what follows the damage without a word. Entities and names' characters are
 * not checked. Linear, and without a string made per element (a sheet has millions).
 */
export function findXmlDamage(xml: string): XmlDamage | undefined {
  // The open elements: where each one's start tag begins and ends, its name's length.
  const starts: number[] = [];
  const ends: number[] = [];
  const nameLengths: number[] = [];
  const nameAt = (k: number) => xml.slice(starts[k]! + 1, starts[k]! + 1 + nameLengths[k]!);
  const damage = (problem: string): XmlDamage => ({
    problem,
    open: starts.map((s, k) => xml.slice(s, ends[k])),
  });
  let rootSeen = false;
  let pos = 0;
  for (;;) {
    const lt = xml.indexOf('<', pos);
    if (starts.length === 0) {
      const text = lt === -1 ? xml.slice(pos) : xml.slice(pos, lt);
      // NULs only where nothing but padding follows: before the end, they are text.
      const padding = rootSeen && lt === -1 ? PADDING.test(text) : !NOT_SPACE.test(text);
      if (!padding) return damage(`text ${rootSeen ? 'after' : 'before'} the root element`);
    }
    if (lt === -1) break;
    const next = xml.charCodeAt(lt + 1);
    // `<!` or `<?`: a comment, CDATA section, processing instruction or DOCTYPE.
    if (next === 33 || next === 63) {
      const delimited = DELIMITED.find(([o]) => xml.startsWith(o, lt));
      if (delimited) {
        const [o, close, what] = delimited;
        const end = xml.indexOf(close, lt + o.length);
        if (end === -1) return damage(`it ends inside ${what}`);
        pos = end + close.length;
        continue;
      }
      if (xml.startsWith('<!DOCTYPE', lt) && !rootSeen) {
        DOCTYPE_END.lastIndex = lt;
        if (!DOCTYPE_END.test(xml)) return damage('it ends inside its DOCTYPE declaration');
        pos = DOCTYPE_END.lastIndex;
        continue;
      }
    }
    if (xml.indexOf('>', lt) === -1) return damage(`it ends inside the tag ${excerpt(xml, lt)}`);
    const isEnd = next === 47; // `</`
    const nameStart = lt + (isEnd ? 2 : 1);
    let nameEnd = nameStart;
    while (!endsName(xml.charCodeAt(nameEnd))) nameEnd++;
    const length = nameEnd - nameStart;
    if (length === 0 || next === 33 || next === 63)
      return damage(`a broken tag ${excerpt(xml, lt)}`);
    if (isEnd) {
      END_TAG_END.lastIndex = nameEnd;
      if (!END_TAG_END.test(xml)) return damage(`a broken end tag ${excerpt(xml, lt)}`);
      const top = starts.length - 1;
      if (
        top < 0 ||
        nameLengths[top] !== length ||
        !sameName(xml, starts[top]! + 1, nameStart, length)
      ) {
        const name = xml.slice(nameStart, nameEnd);
        return damage(
          top < 0 ? `</${name}> closes no element` : `</${name}> closes <${nameAt(top)}>`,
        );
      }
      starts.pop();
      ends.pop();
      nameLengths.pop();
      pos = END_TAG_END.lastIndex;
      continue;
    }
    ATTRIBUTES.lastIndex = nameEnd;
    if (!ATTRIBUTES.test(xml)) return damage(`a broken tag ${excerpt(xml, lt)}`);
    if (rootSeen && starts.length === 0) return damage('a second root element');
    rootSeen = true;
    pos = ATTRIBUTES.lastIndex;
    // Not `<name/>`: an element left open.
    if (xml.charCodeAt(pos - 2) !== 47) {
      starts.push(lt);
      ends.push(pos);
      nameLengths.push(length);
    }
  }
  const innermost = starts.length - 1;
  if (innermost >= 0) return damage(`it ends inside <${nameAt(innermost)}>`);
  return rootSeen ? undefined : damage('it has no root element');
}

/** Whether the `length` characters of `xml` at `a` and at `b` are the same. */
function sameName(xml: string, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++)
    if (xml.charCodeAt(a + i) !== xml.charCodeAt(b + i)) return false;
  return true;
}
