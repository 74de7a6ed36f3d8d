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
 * declaration left open fails in linear time. Group 1: the `[` of an internal subset.
 */
export const DOCTYPE_END =
  /<!DOCTYPE(?:[^[>"']|"[^"]*"|'[^']*')*(?:(\[)(?:[^\]"'<]|"[^"]*"|'[^']*'|<!--(?:[^-]|-(?!->))*-->|<\?(?:[^?]|\?(?!>))*\?>|<(?!!--|\?))*\]\s*)?>/y;
const NOT_SPACE = /\S/;
/** What may follow the root element to the end: white space, and NUL bytes some writers pad a zip entry with. */
const PADDING = /^[\s\0]*$/;

/** The markup that ends at `close`, by how it starts. */
const DELIMITED: readonly (readonly [open: string, close: string, what: string])[] = [
  ['<!--', '-->', 'a comment'],
  ['<![CDATA[', ']]>', 'a CDATA section'],
  ['<?', '?>', 'a processing instruction'],
];

/**
 * Whether character code `c` ends a tag's name: white space, `/`, `>`, `<`, `&` (which no
 * name holds: a reference in a name, `<x&#x110000;/>`, was passed over unchecked), or the
 * end.
 */
const endsName = (c: number): boolean =>
  c === 32 ||
  c === 9 ||
  c === 10 ||
  c === 13 ||
  c === 47 ||
  c === 62 ||
  c === 60 ||
  c === 38 ||
  c !== c;

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
 * would lose what follows the damage without a word. So is a reference that an XML parser
 * refuses, in a text or an attribute's value (badReference): an `&` that starts none
 * (`A & B`), an entity XML does not define (`&foo;`, read as written before, and `R&1`
 * from `R&am<!-- -->p;1`), a character reference to no XML character (`&#x110000;`
 * ended the import with an internal error, `&#0;` gave a NUL). Names' characters are not
 * checked. Linear, and without a string made per element (a sheet has millions).
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
  // The next `&` at or after the text being checked (-1: none left): found once, so that
  // the search is linear however many texts and tags there are.
  let amp = xml.indexOf('&');
  // A DOCTYPE with an internal subset was read: an entity's name may be one it declares.
  let declared = false;
  /** Why a reference in `xml` from `from` to `to` (a text or a tag) is refused, if one is. */
  const references = (from: number, to: number): string | undefined => {
    if (amp !== -1 && amp < from) amp = xml.indexOf('&', from);
    for (; amp !== -1 && amp < to; amp = xml.indexOf('&', amp + 1)) {
      const problem = badReference(xml, amp, declared);
      if (problem) return problem;
    }
    return undefined;
  };
  for (;;) {
    const lt = xml.indexOf('<', pos);
    if (starts.length === 0) {
      const text = lt === -1 ? xml.slice(pos) : xml.slice(pos, lt);
      // NULs only where nothing but padding follows: before the end, they are text.
      const padding = rootSeen && lt === -1 ? PADDING.test(text) : !NOT_SPACE.test(text);
      if (!padding) return damage(`text ${rootSeen ? 'after' : 'before'} the root element`);
    } else if (lt !== -1) {
      // (A part that ends in a text, maybe in the middle of a reference, ends inside an
      // element: said so below.)
      const problem = references(pos, lt);
      if (problem) return damage(problem);
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
        const doctype = DOCTYPE_END.exec(xml);
        if (doctype === null) return damage('it ends inside its DOCTYPE declaration');
        // Entities it declares are defined: the part is refused for them (asElements),
        // not for the references to them.
        if (doctype[1] !== undefined) declared = true;
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
    const problem = references(nameEnd, ATTRIBUTES.lastIndex);
    if (problem) {
      // Where: in this tag, open with the others (`<c r="D2" x="&foo;">` is at its cell).
      const found = damage(problem);
      return { problem, open: [...found.open, xml.slice(lt, ATTRIBUTES.lastIndex)] };
    }
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

/** A reference as XML writes one: a character reference, or an entity's name. */
const REFERENCE = /&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|([^\s&;<>"']*));/y;
/** The entities XML defines without a DOCTYPE (a part's DOCTYPE may declare no others). */
const PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/**
 * Why the `&` at `at` in `xml` starts no reference an XML parser takes, or undefined: it
 * must start a character reference to a character XML allows (Char: tab, line feed,
 * carriage return, U+0020 to U+D7FF, U+E000 to U+FFFD, U+10000 to U+10FFFF) or name one
 * of the five predefined entities, and end with `;`. When the part `declared` entities
 * of its own (a DOCTYPE's internal subset), any entity's name is taken here.
 */
export function badReference(xml: string, at: number, declared = false): string | undefined {
  REFERENCE.lastIndex = at;
  const m = REFERENCE.exec(xml);
  if (m === null) {
    // Up to the end of its text or value.
    const shown = /^&[^<"']{0,39}/.exec(xml.slice(at, at + 40))![0];
    return `an "&" that starts no reference: ${JSON.stringify(shown)}`;
  }
  const [written, hex, decimal, name] = m;
  const shown = JSON.stringify(written.length > 40 ? `${written.slice(0, 40)}...` : written);
  if (name?.startsWith('#'))
    return `the character reference ${shown}, written as none is (XML writes "&#x" and hexadecimal digits, or "&#" and decimal digits, then ";")`;
  if (name !== undefined)
    return PREDEFINED.has(name) || (declared && name !== '')
      ? undefined
      : `the entity reference ${shown}, not an entity XML predefines (&amp; &lt; &gt; &quot; &apos;)`;
  const digits = (hex ?? decimal)!;
  // Past seven significant digits no number is a character (and parsing stays exact).
  const significant = digits.replace(/^0+/, '');
  const code =
    significant.length > 7 ? Infinity : Number.parseInt(significant || '0', hex ? 16 : 10);
  const isChar =
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  return isChar ? undefined : `the character reference ${shown}, to no character XML allows`;
}

/** Whether the `length` characters of `xml` at `a` and at `b` are the same. */
function sameName(xml: string, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++)
    if (xml.charCodeAt(a + i) !== xml.charCodeAt(b + i)) return false;
  return true;
}
