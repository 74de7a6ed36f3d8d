import { createRequire } from 'node:module';
import type * as YamlModule from 'yaml';

/** A syntax problem found before or while parsing: where (string offset) and what. */
export interface SyntaxProblem {
  readonly message: string;
  readonly offset: number;
  /** `depth`: collections nested beyond LIMITS.maxDepth. */
  readonly kind?: 'depth';
}

// C0 controls but tab, LF and CR: allowed nowhere in a YAML file, not even quoted.
// Lone surrogates need no check: text decoded from strict UTF-8 cannot hold them.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const C0_CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F]/;
// The rest of what YAML's printable set leaves out (DEL, C1 controls but NEL, U+FFFE,
// U+FFFF): allowed inside quoted scalars only, where YAML 1.2 (5.1) admits every non-C0
// character for JSON's sake (a JSON dossier may hold a mis-decoded `\u0092`); refused in
// plain scalars, keys, block scalars and comments.
const NOT_PRINTABLE = /[\x7F-\x84\x86-\x9F\uFFFE\uFFFF]/;

/** Offset of the first NOT_PRINTABLE character outside quoted scalars, or -1. */
function unquotedNotPrintable(text: string): number {
  // yaml's lexer (loaded only for a file holding such a character) splits the text into
  // its tokens; a token that starts with a quote is a quoted scalar, whole. Its marker
  // tokens (document start, scalar start, flow error end) are C0 characters that are not
  // in the text (a text holding one was refused before).
  // A block scalar's body is the token after the scalar marker that follows its header
  // (`|`, `>-`...): checked whatever its first character (`"x"` there is no quoted scalar).
  const { Lexer } = createRequire(import.meta.url)('yaml') as typeof YamlModule;
  let offset = 0;
  let afterHeader = false;
  let blockBody = false;
  for (const token of new Lexer().lex(text)) {
    if (token === '\x1f') {
      blockBody = afterHeader;
      afterHeader = false;
      continue;
    }
    if (token === '\x02' || token === '\x18') continue;
    const first = token.charCodeAt(0);
    if (first === 0x7c || first === 0x3e) afterHeader = true; // `|` or `>`: a block scalar's header
    const body = blockBody;
    blockBody = false;
    if (body || (first !== 0x22 && first !== 0x27)) {
      const bad = NOT_PRINTABLE.exec(token);
      if (bad) return offset + bad.index;
    }
    offset += token.length;
  }
  return -1;
}

/**
 * The first character YAML does not allow where it stands: a C0 control anywhere, and
 * outside quoted scalars also DEL, a C1 control or U+FFFE/U+FFFF (in a key, a plain or
 * block scalar, a comment). js-yaml checks plain scalars only, so a file it reads (when
 * the plain-block reader gives it up) is checked here as well, as the exact parser's is.
 */
export function nonPrintableProblem(text: string): SyntaxProblem | undefined {
  const c0 = C0_CONTROL.exec(text);
  let at = c0 ? c0.index : -1;
  // Only before the first C0 control: one after it would not be the first problem.
  const before = at < 0 ? text : text.slice(0, at);
  if (NOT_PRINTABLE.test(before)) {
    const other = unquotedNotPrintable(before);
    if (other >= 0) at = other;
  }
  if (at < 0) return undefined;
  const cp = text.codePointAt(at) ?? 0;
  const where = cp < 0x20 ? '' : ' outside a quoted string';
  return {
    message: `character U+${cp.toString(16).toUpperCase().padStart(4, '0')} is not allowed${where} in a YAML file`,
    offset: at,
  };
}

/**
 * Checks that both parsers must agree on and that are cheap on the raw text:
 * forbidden control characters and the `%YAML` directive (only 1.2 is accepted:
 * a `%YAML 1.1` file would otherwise be read with other rules, where `NO` is false).
 */
export function prescan(
  text: string,
  options: { controlCharacters?: boolean } = {},
): SyntaxProblem | undefined {
  // The plain-block reader refuses control characters itself; the others need this check.
  const bad = options.controlCharacters === false ? undefined : nonPrintableProblem(text);
  if (bad) return bad;
  // A CR alone is a line break to js-yaml but not to yaml (nor to the line counter).
  const cr = text.includes('\r') ? /\r(?!\n)/.exec(text) : null;
  if (cr) {
    return {
      message:
        'a carriage return (CR) without a line feed: save the file with LF or CRLF line endings',
      offset: cr.index,
    };
  }
  const directive = text.includes('%YAML') ? /^%YAML[ \t]+([^\s#]*)/m.exec(text) : null;
  if (directive && directive[1] !== '1.2') {
    const docStart = /^---/m.exec(text);
    if (!docStart || docStart.index > directive.index) {
      return {
        message: `%YAML ${directive[1]} is not supported: dossiers are YAML 1.2 (remove the directive)`,
        offset: directive.index,
      };
    }
  }
  return undefined;
}
