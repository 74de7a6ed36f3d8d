import type { Diagnostic } from './diagnostic.js';
import { countDiagnostics } from './diagnostic.js';
import { formatSarif } from './sarif.js';

export type DiagnosticFormat = 'text' | 'json' | 'github' | 'sarif';

export const DIAGNOSTIC_FORMATS: readonly DiagnosticFormat[] = ['text', 'json', 'github', 'sarif'];

export interface FormatOptions {
  readonly color: boolean;
  /** Extra members for the JSON document (e.g. verify's summary). */
  readonly extra?: Record<string, unknown>;
  /** Extra lines at the end of the text report, before the count line. */
  readonly trailer?: readonly string[];
  /** Text: end with the count line (`1 error, 0 warnings`); default true. */
  readonly countLine?: boolean;
  /** SARIF: the URI of a diagnostic's file (default: its display name, `/`-separated). */
  readonly uriOf?: (file: string) => string;
  /** SARIF: the working folder that absolute file names are made relative to. */
  readonly cwd?: string;
  /** JSON and SARIF: why the command could not do all of its job (see SarifOptions.failures). */
  readonly failures?: readonly string[];
  /** SARIF and github: what the command notes beside its diagnostics (SarifOptions.notices). */
  readonly notices?: readonly string[];
}

const ANSI = {
  red: '\x1b[31m',
  yellow: '\x1b[33m',
  bold: '\x1b[1m',
  dim: '\x1b[2m',
  reset: '\x1b[0m',
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

// C0 and C1 controls, DEL, line and paragraph separators, the bidirectional controls
// (ALM, LRM, RLM, embeddings and overrides, isolates), and the characters that draw
// nothing (soft hyphen, combining grapheme joiner, Mongolian vowel separator, zero-width
// space, non-joiner and joiner but where they spell a word or an emoji: see
// joinsWhatPrecedes, word joiner and invisible operators, BOM, tags): an identifier with
// a zero-width space read `WU-FICT-FR-000417` in a message, the very identifier it
// differs from (an import sweep).
const UNSAFE =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class -- controls and joiners, one by one, are the point
  /[\x00-\x1F\x7F-\x9F\u00AD\u034F\u061C\u180E\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u{E0000}-\u{E007F}]/gu;

/**
 * A letter or mark of a script whose spelling joiners take part in (the Persian
 * `حسین‌زاده`, Sinhala `ශ්‍රී`, Indic half forms), or an emoji (a ZWJ sequence, `👩‍👧`): a
 * joiner after it is part of the text, written as it is. After a Latin, Greek or
 * Cyrillic letter, a digit or a sign it is written as an escape.
 */
// eslint-disable-next-line no-misleading-character-class -- each code point of the class alone
const JOINED = /[\p{L}\p{M}\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F]/u;
const NEVER_JOINED = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;

function joinsWhatPrecedes(s: string, at: number): boolean {
  if (at === 0) return false;
  const low = s.charCodeAt(at - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && at >= 2 ? at - 2 : at - 1;
  const before = String.fromCodePoint(s.codePointAt(start) ?? 0);
  return JOINED.test(before) && !NEVER_JOINED.test(before);
}

/**
 * Text from a dossier made safe for a terminal line: control, line-break and bidi
 * characters written as escapes (`\n`, `\x1B`, `\u202E`), so that a value can neither
 * clear the screen nor start a line that looks like another diagnostic.
 */
export function escapeForTerminal(s: string): string {
  return s.replace(UNSAFE, (c, at: number) => {
    if ((c === '\u200c' || c === '\u200d') && joinsWhatPrecedes(s, at)) return c;
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.codePointAt(0) ?? 0;
    if (code <= 0xff) return `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
    return code <= 0xffff
      ? `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`
      : `\\u{${code.toString(16).toUpperCase()}}`;
  });
}

/**
 * A line the CLI writes for people (on stderr: why it failed, what it wrote), with the
 * newline that ends it: the file names and values it quotes are escaped (escapeForTerminal),
 * so that a name holding a line break or a terminal escape can neither forge a second
 * line nor clear the screen.
 */
export function sayLine(text: string): string {
  return `${escapeForTerminal(text)}\n`;
}

/**
 * `FILE:LINE:COLUMN: error: MESSAGE [CODE]` lines, one per diagnostic (all of them, as
 * the format's contract says: a CI problem matcher reads each), then a count line.
 */
export function formatText(diagnostics: readonly Diagnostic[], options: FormatOptions): string {
  const c = options.color ? ANSI : { red: '', yellow: '', bold: '', dim: '', reset: '' };
  const lines: string[] = [];
  for (const diag of diagnostics) {
    const sev =
      diag.severity === 'error'
        ? `${c.red}${c.bold}error${c.reset}`
        : `${c.yellow}${c.bold}warning${c.reset}`;
    lines.push(
      `${c.bold}${escapeForTerminal(diag.file)}:${diag.line}:${diag.column}${c.reset}: ${sev}: ${escapeForTerminal(diag.message)} ${c.dim}[${diag.code}]${c.reset}`,
    );
  }
  for (const t of options.trailer ?? []) lines.push(escapeForTerminal(t));
  if (options.countLine !== false) {
    const { errors, warnings } = countDiagnostics(diagnostics);
    lines.push(`${plural(errors, 'error')}, ${plural(warnings, 'warning')}`);
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}

/** One JSON document: `{errors, warnings, diagnostics: [...]}` plus any extra members. */
export function formatJson(diagnostics: readonly Diagnostic[], options: FormatOptions): string {
  const { errors, warnings } = countDiagnostics(diagnostics);
  const doc = {
    errors,
    warnings,
    diagnostics: diagnostics.map((x) => ({
      file: x.file,
      line: x.line,
      column: x.column,
      severity: x.severity,
      code: x.code,
      message: x.message,
      path: x.path,
    })),
    ...(options.extra ?? {}),
    // Why the command could not do all of its job (exit status 2), as in a SARIF log.
    ...(options.failures && options.failures.length > 0 ? { failures: options.failures } : {}),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** Escaping rules of GitHub Actions workflow commands. */
function escapeData(s: string): string {
  // GitHub's own escapes for %, CR and LF; the other control, line-break and bidi
  // characters as the text format writes them (an audit: a template's ESC, BEL, NUL and
  // U+202E reached the job's log raw, able to forge lines or drive the terminal).
  return escapeForTerminal(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * `::error file=FILE,line=LINE,col=COLUMN,title=CODE::MESSAGE`, one per diagnostic: all of
 * them, as the format's contract says (GitHub shows the first ones as annotations and
 * keeps every line in the job's log), as text does.
 */
export function formatGithub(diagnostics: readonly Diagnostic[], options: FormatOptions): string {
  const lines = diagnostics.map(
    (x) =>
      `::${x.severity === 'error' ? 'error' : 'warning'} file=${escapeProperty(x.file)},line=${x.line},col=${x.column},title=${escapeProperty(x.code)}::${escapeData(x.message)}`,
  );
  for (const text of options.notices ?? []) lines.push(`::notice::${escapeData(text)}`);
  return lines.length ? lines.join('\n') + '\n' : '';
}

export function formatDiagnostics(
  format: DiagnosticFormat,
  diagnostics: readonly Diagnostic[],
  options: FormatOptions,
): string {
  switch (format) {
    case 'json':
      return formatJson(diagnostics, options);
    case 'github':
      return formatGithub(diagnostics, options);
    case 'sarif':
      return formatSarif(diagnostics, {
        ...(options.uriOf ? { uriOf: options.uriOf } : {}),
        ...(options.cwd ? { cwd: options.cwd } : {}),
        ...(options.failures ? { failures: options.failures } : {}),
        ...(options.notices ? { notices: options.notices } : {}),
      });
    default:
      return formatText(diagnostics, options);
  }
}
