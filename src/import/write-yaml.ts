/**
 * The text of an imported include file: deterministic YAML (keys in the format's order,
 * every string double-quoted with JSON escapes, amounts as strings) that both of
 * courtfile's YAML readers read back exactly.
 */

import { digitsAt } from '../facts/time.js';

/** A double-quoted YAML scalar; characters YAML does not allow raw are escaped. */
export function yamlString(s: string): string {
  const json = JSON.stringify(s);
  // Most strings have nothing above U+007E to look at: no second pass, no new string.
  for (let i = 0; i < json.length; i++) if (json.charCodeAt(i) > 0x7e) return escapeRest(json);
  return json;
}

const ESCAPED =
  /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function escapeRest(json: string): string {
  return json.replace(ESCAPED, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One list item: `  - key: value` lines, in the given order, undefined values left out. */
export function yamlItem(fields: readonly (readonly [string, unknown])[]): string {
  let out = '';
  let first = true;
  for (const [key, value] of fields) {
    if (value === undefined) continue;
    out += `${first ? '  - ' : '    '}${key}: ${yamlValue(value)}\n`;
    first = false;
  }
  return out;
}

const RESERVED = /^(?:true|false|null|y|n|yes|no|on|off)$/i;

/**
 * `^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,9})?(?:Z|[+-][0-9]{2}:[0-9]{2})$`
 * (an instant, written plain), scanned by hand: every record of an import has one.
 */
export function plainInstant(s: string): boolean {
  // digitsAt is NaN past the text's end: each is tested `>= 0`.
  if (s.length < 20) return false;
  if (s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':') return false;
  if (!(
    digitsAt(s, 0, 4) >= 0 &&
    digitsAt(s, 5, 2) >= 0 &&
    digitsAt(s, 8, 2) >= 0 &&
    digitsAt(s, 11, 2) >= 0 &&
    digitsAt(s, 14, 2) >= 0 &&
    digitsAt(s, 17, 2) >= 0
  ))
    return false;
  let i = 19;
  if (s[i] === '.') {
    // One to nine digits of a second.
    let j = i + 1;
    while (j <= i + 9 && digitsAt(s, j, 1) >= 0) j++;
    if (j === i + 1) return false;
    i = j;
  }
  if (s[i] === 'Z') return i + 1 === s.length;
  if (s[i] !== '+' && s[i] !== '-') return false;
  return (
    i + 6 === s.length &&
    s[i + 3] === ':' &&
    digitsAt(s, i + 1, 2) >= 0 &&
    digitsAt(s, i + 4, 2) >= 0
  );
}

/** `^[A-Za-z][A-Za-z0-9_.-]*$`, scanned by hand (the hottest test of a large import). */
function plainWord(s: string): boolean {
  if (s.length === 0) return false;
  const c0 = s.charCodeAt(0) | 0x20;
  if (c0 < 0x61 || c0 > 0x7a) return false;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!(
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x30 && c <= 0x39) ||
      c === 0x5f ||
      c === 0x2e ||
      c === 0x2d
    ))
      return false;
  }
  return true;
}

/** Digits and dots only (amounts, references): quoted as they are, nothing to escape. */
function digitsAndDots(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || c === 0x2e)) return false;
  }
  return true;
}

/** Ids, enum words and instants plain (they read back as the same strings); the rest quoted. */
export function yamlScalar(s: string): string {
  if (plainWord(s)) return s.length <= 5 && RESERVED.test(s) ? yamlString(s) : s;
  const c = s.charCodeAt(0);
  if (c >= 0x30 && c <= 0x39) {
    if (digitsAndDots(s)) return `"${s}"`;
    if (plainInstant(s)) return s;
  }
  return yamlString(s);
}

function yamlValue(v: unknown): string {
  if (typeof v === 'string') return yamlScalar(v);
  if (Array.isArray(v)) return `[${v.map(yamlValue).join(', ')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${k}: ${yamlValue(x)}`)
      .join(', ')}}`;
  return String(v);
}

/**
 * What a comment line (yamlComment) shows escaped (`\u0085`): controls, line and
 * paragraph separators (a line break to YAML), U+FFFE and U+FFFF (not allowed in a YAML
 * file, comments included), and half of a surrogate pair alone (no character: a skipped
 * record's locator may hold one, from a JSON export's `\ud800`).
 */
const COMMENT_ESCAPED =
  // eslint-disable-next-line no-control-regex -- escaping them is the point
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `# ` comment lines; control characters of file names are escaped (COMMENT_ESCAPED). */
export function yamlComment(lines: readonly string[]): string {
  return lines
    .map(
      (l) =>
        `# ${l.replace(COMMENT_ESCAPED, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}`.trimEnd() +
        '\n',
    )
    .join('');
}
