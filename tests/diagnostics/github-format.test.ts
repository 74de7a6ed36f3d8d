import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { formatDiagnostics } from '../../src/diagnostics/format.js';

// An audit (session 27): `templates check --format github` wrote a template's ESC, BEL,
// NUL and U+202E (in a message, and in a file name) raw into the job's log, where they
// can drive the terminal or forge lines; only CR, LF and `:` were escaped.
describe('--format github', () => {
  it('writes control and bidi characters as escapes, in the message and in file=', () => {
    const d: Diagnostic = {
      file: 't\u001b[31m.yaml',
      line: 5,
      column: 19,
      severity: 'error',
      code: 'template-render',
      path: [],
      message: 'header: {{ \u001b]0;PWNED\u0007\u001b[2J\u202eevil\u0000 }}\nsecond line 100%',
    };
    const out = formatDiagnostics('github', [d], { color: false });
    expect(out).toBe(
      '::error file=t\\x1B[31m.yaml,line=5,col=19,title=template-render::header: {{ \\x1B]0;PWNED\\x07\\x1B[2J\\u202Eevil\\x00 }}%0Asecond line 100%25\n',
    );
    // eslint-disable-next-line no-control-regex -- what must not be there
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202e]/);
  });
});
