/** A syntax problem found before or while parsing: where (string offset) and what. */
export interface SyntaxProblem {
  readonly message: string;
  readonly offset: number;
  /** `depth`: collections nested beyond LIMITS.maxDepth. */
  readonly kind?: 'depth';
}

// Characters outside YAML's printable set (same set the fast parser refuses).
// Lone surrogates need no check: text decoded from strict UTF-8 cannot hold them.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]/;

/**
 * The first character outside YAML's printable set, anywhere in the text: in a key, a
 * scalar (quoted too: YAML wants such a character written as an escape) or a comment.
 * js-yaml checks plain scalars only, so a file it reads (when the plain-block reader gives
 * it up) is checked here as well.
 */
export function nonPrintableProblem(text: string): SyntaxProblem | undefined {
  const bad = NON_PRINTABLE.exec(text);
  if (!bad) return undefined;
  const cp = bad[0].codePointAt(0) ?? 0;
  return {
    message: `character U+${cp.toString(16).toUpperCase().padStart(4, '0')} is not allowed in a YAML file`,
    offset: bad.index,
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
