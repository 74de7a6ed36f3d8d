/**
 * `missing-glyph` (warning; an error with `--strict`): a character of the dossier that no
 * embedded font can draw. Found before rendering, by the same font choice as the
 * renderer's (role font, script font, fallback: text/runs.ts), so that the warning is
 * located in the dossier, counted by `--strict` and listed in the warnings annex. The
 * documents draw such a character as U+FFFD (a visible mark).
 */
import PDFDocument from 'pdfkit';
import type { Diagnostic, Finding } from '../diagnostics/diagnostic.js';
import { message } from '../diagnostics/messages.js';
import { locateFindings } from '../load/locate.js';
import type { Dossier, Origin, PathSegment } from '../model/dossier.js';
import { isRecordView } from '../model/record-table.js';
import { FALLBACK_FONT, fontPath } from './fonts.js';
import { FontSelector } from './text/font-selector.js';
import { LINE_BREAK, NEVER_DRAWN } from './text/measure.js';
import { RunSplitter } from './text/runs.js';
import { sayLine } from '../diagnostics/format.js';

/** Printable ASCII, tabs and newlines: every bundled font draws them. */
// eslint-disable-next-line no-control-regex
const PLAIN = /^[\x09\x0a\x0d\x20-\x7e]*$/;
/** Fields a document never shows for a victim unless `--reveal-victims`. */
const VICTIM_PRIVATE = new Set(['name', 'born', 'aliases']);
/** At most this many findings (a log of 100,000 records with the same odd character). */
const MAX_FINDINGS = 1000;

export interface MissingGlyphOptions {
  /** Whether victims' names and aliases are drawn (`--reveal-victims`). */
  readonly reveal?: boolean;
}

/** Code points a `missing-glyph` message lists (then how many in all). */
const LISTED_CHARS = 8;

/** One located `missing-glyph` warning per dossier value holding characters no font draws. */
export async function missingGlyphDiagnostics(
  dossier: Dossier,
  options: MissingGlyphOptions = {},
): Promise<Diagnostic[]> {
  const coverage = glyphCoverage();
  const findings: Finding[] = [];
  const check = (origin: Origin, sub: readonly PathSegment[], text: string) => {
    if (PLAIN.test(text) || findings.length >= MAX_FINDINGS) return;
    const missing = new Set<string>();
    // As the documents draw it: in NFC (`\uF909`, a compatibility ideograph, is drawn as
    // its canonical `\u5951`, which a font has).
    for (const ch of text.normalize('NFC')) {
      // Tabs (drawn as spaces), line breaks and what the measurer removes need no glyph.
      const drawn = ch !== '\t' && ch !== '\n' && !LINE_BREAK.test(ch) && !NEVER_DRAWN.test(ch);
      if (drawn && !coverage(ch.codePointAt(0) ?? 0)) missing.add(ch);
    }
    if (missing.size === 0) return;
    // The first few code points, and how many in all past them (a message quotes at most
    // 80 characters: the 11th code point of a Tamil text was cut to "…", and the count lost).
    const listed = [...missing]
      .slice(0, LISTED_CHARS)
      .map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`)
      .join(', ');
    const args =
      missing.size > LISTED_CHARS
        ? { chars: `${listed}…`, count: missing.size }
        : { chars: listed };
    findings.push({
      code: 'missing-glyph',
      severity: 'warning',
      file: origin.file,
      path: [...origin.path, ...sub],
      anchor: 'value',
      message: message('missing-glyph', args),
      args,
    });
  };
  const victims = new Set(dossier.persons.filter((p) => p.role === 'victim').map((p) => p.id));
  for (const list of [
    dossier.persons,
    dossier.accounts,
    dossier.charges,
    dossier.evidence,
    dossier.transfers,
    dossier.exchanges,
    dossier.rates,
  ] as readonly (readonly { readonly id?: string; readonly origin: Origin }[])[]) {
    for (const item of list) {
      // A loaded transfer or exchange is a view of a table: its fields are walked as a plain copy.
      const record = isRecordView(item) ? item.toJSON() : item;
      const hidden = !options.reveal && record.id !== undefined && victims.has(record.id);
      walk(record, [], (sub, text) => {
        if (hidden && list === dossier.persons && VICTIM_PRIVATE.has(String(sub[0]))) return;
        check(record.origin, sub, text);
      });
    }
  }
  // The case block is the root file's `case` (the model's case keeps no origin of its own).
  const root = dossier.sources[0];
  if (root) {
    const caseOrigin: Origin = { file: root.name, path: ['case'] };
    walk(dossier.case, [], (sub, text) => check(caseOrigin, sub, text));
  }
  return locateFindings(findings, dossier.sources);
}

/**
 * Calls `visit` with the path (YAML keys) and text of every string under `value` that is
 * not plain ASCII. `path` is a stack, copied only for the strings visited: a large
 * dossier has millions of ASCII values.
 */
function walk(
  value: unknown,
  path: PathSegment[],
  visit: (path: readonly PathSegment[], text: string) => void,
): void {
  if (typeof value === 'string') {
    if (!PLAIN.test(value)) visit([...path], value);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      path.push(i);
      walk(v, path, visit);
      path.pop();
    });
  } else if (value !== null && typeof value === 'object') {
    for (const key in value) {
      const v = (value as Record<string, unknown>)[key];
      if (key === 'origin' || v === undefined || typeof v === 'number' || typeof v === 'boolean')
        continue;
      if (typeof v === 'string' && PLAIN.test(v)) continue;
      path.push(snakeCase(key));
      walk(v, path, visit);
      path.pop();
    }
  }
}

/** The model's camelCase keys are the dossier's snake_case ones. */
function snakeCase(key: string): string {
  let out = SNAKE.get(key);
  if (out === undefined)
    SNAKE.set(key, (out = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)));
  return out;
}
const SNAKE = new Map<string, string>();

/** Whether some embedded font draws a code point (fonts opened only for the scripts met). */
function glyphCoverage(): (codePoint: number) => boolean {
  // Opened on the first character to check: an ASCII dossier opens no font.
  let fonts: FontSelector | undefined;
  const known = new Map<string, boolean>();
  const hasGlyph = (file: string, cp: number) => {
    const key = `${file}\u0000${cp}`;
    let has = known.get(key);
    if (has === undefined) {
      fonts ??= new FontSelector(new PDFDocument({ autoFirstPage: false }));
      known.set(key, (has = fonts.hasGlyph(file, cp)));
    }
    return has;
  };
  const fallback = fontPath(FALLBACK_FONT);
  const splitter = new RunSplitter(hasGlyph, fallback);
  const seen = new Map<number, boolean>();
  return (cp) => {
    let ok = seen.get(cp);
    if (ok === undefined) seen.set(cp, (ok = splitter.fileFor(cp, fallback) !== undefined));
    return ok;
  };
}

/**
 * The line `render` and `packet` write about characters of a template's own texts that no
 * embedded font has (drawn as U+FFFD), a warning, or an error with --strict (`tail` says
 * what then). `located`: their places are listed after it (render); else `templates
 * check` is named as what locates them (packet).
 */
export function templateGlyphsLine(
  severity: 'error' | 'warning',
  chars: Iterable<string>,
  tail: string,
  located = false,
): string {
  const where = located ? ', where listed below' : ' (`courtfile templates check` shows where)';
  return sayLine(
    `courtfile: ${severity}: characters of the template's texts without a glyph in the embedded fonts were drawn as "\ufffd": ${[...chars].join(' ')}${where}${tail}`,
  );
}
