/**
 * The last step of `templates check`: render a template in memory against the bundled
 * example dossier, once per language it declares, so that what the static checks cannot
 * see (a failure while laying out, a character no bundled font can draw) is caught too.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../assets.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { computeFacts } from '../facts/index.js';
import type { DossierFacts } from '../facts/index.js';
import type { Dossier } from '../model/dossier.js';
import { renderDocumentWithInfo } from '../render/index.js';
import { checkDossier } from '../validate/check-dossier.js';
import type { PathSegment } from '../model/dossier.js';
import type { ResolvedTemplate } from './resolve-template.js';
import { dig } from './check-completeness.js';
import { mergeWritten } from './resolve-template.js';
import { TEMPLATE_LANGUAGES } from './schema.js';
import type { TemplateLanguage, WrittenTemplate } from './schema.js';
import type { TemplateFile } from './template-file.js';
import { append } from '../append.js';
import { LayoutError } from '../errors.js';
import { controlClassifier } from '../render/text/measure.js';

/** The sample: the example dossier of the repository, else the one `init` writes (shipped in the package). */
const SAMPLES = ['examples/dossier/dossier.yaml', 'templates/init/dossier.yaml'];
/** A fixed date keeps the trial independent of the day it runs. */
const TRIAL_DATE = '2024-01-01';

export interface Sample {
  readonly file: string;
  readonly dossier: Dossier;
  readonly facts: DossierFacts;
  readonly warnings: readonly Diagnostic[];
}

let sample: Promise<Sample | undefined> | undefined;

/** The sample dossier, validated and with its facts (once per process); undefined when none is installed. */
export function loadSample(): Promise<Sample | undefined> {
  return (sample ??= (async () => {
    const root = packageRoot();
    const file = SAMPLES.find((f) => existsSync(path.join(root, f)));
    if (file === undefined) return undefined;
    const check = await checkDossier(file, { cwd: root });
    if (!check.dossier) throw new Error(`the sample dossier ${file} does not validate`);
    // One warning, so that the warnings annex and its labels are exercised too.
    const warning: Diagnostic = {
      code: 'unused-evidence',
      severity: 'warning',
      file,
      line: 1,
      column: 1,
      message: 'trial render: a sample warning',
      path: [],
    };
    return {
      file,
      dossier: check.dossier,
      facts: computeFacts(check.dossier, {}),
      warnings: [...check.diagnostics, warning],
    };
  })());
}

/** Top-level keys whose texts are never drawn with a font (PDF document information, `templates list`). */
const NOT_DRAWN = new Set(['description', 'metadata']);

interface WrittenText {
  readonly path: readonly PathSegment[];
  readonly text: string;
}

/**
 * The strings of a template file that a document may draw: every string value (never a
 * key, never a comment) but those of `description` and `metadata`, of a language the
 * template does not declare, or that the merged template no longer holds (a parent's
 * text its child replaced).
 */
function drawnTexts(
  file: TemplateFile,
  merged: WrittenTemplate,
  languages: readonly TemplateLanguage[],
): WrittenText[] {
  const out: WrittenText[] = [];
  const walk = (value: unknown, path: PathSegment[]) => {
    if (typeof value === 'string') {
      if (languageOf(path).every((l) => languages.includes(l)) && dig(merged, path) === value)
        out.push({ path, text: value });
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value !== null && typeof value === 'object')
      for (const [k, v] of Object.entries(value))
        if (path.length > 0 || !NOT_DRAWN.has(k)) walk(v, [...path, k]);
  };
  walk(file.raw, []);
  return out;
}

/** The language a text at `path` is for (`labels.<lang>.…`, or a `{fr, en}` member), if any. */
function languageOf(path: readonly PathSegment[]): TemplateLanguage[] {
  const at = path[0] === 'labels' ? path[1] : path.length > 1 ? path.at(-1) : undefined;
  return (TEMPLATE_LANGUAGES as readonly unknown[]).includes(at) ? [at as TemplateLanguage] : [];
}

/**
 * The template's texts in the order of its files (the checked one first), merged as the
 * documents see them: what locateCharacters and locateNeverDrawn look at.
 */
function templateTexts(
  chain: readonly TemplateFile[],
  languages: readonly TemplateLanguage[],
): { file: TemplateFile; path: readonly PathSegment[]; text: string }[] {
  const written = chain.flatMap((f) => (f.written ? [f.written] : []));
  if (written.length !== chain.length) return [];
  // The chain is the checked file first; merging goes base first.
  const merged = [...written].reverse().reduce((a, b) => mergeWritten(a, b));
  return chain.flatMap((file) =>
    drawnTexts(file, merged, languages).map(({ path, text }) => ({ file, path, text })),
  );
}

/**
 * A warning at each control, zero-width or bidirectional formatting character of the
 * template's texts (once per character and text): the renderer never draws them
 * (NEVER_DRAWN), so a text that holds one does not print as written. Tabs and line
 * breaks are drawn (as a space, a new line) and not reported, nor a joiner that the
 * renderer keeps (after an Arabic-script, Indic or Sinhala letter: controlClassifier).
 */
export function locateNeverDrawn(
  chain: readonly TemplateFile[],
  languages: readonly TemplateLanguage[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { file, path, text } of templateTexts(chain, languages)) {
    const seen = new Set<string>();
    const classify = controlClassifier();
    for (let at = 0; at < text.length; at++) {
      const char = text[at]!;
      // A carriage return is drawn as a line break (Measurer.prepare), as `\n` is.
      if (classify(char) !== 'dropped' || char === '\r' || seen.has(char)) continue;
      seen.add(char);
      const code = char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      out.push(
        file.atText(
          'template-render',
          path,
          at,
          `U+${code}, a control, zero-width or bidirectional formatting character, is never drawn: the text does not print as written (write it without, or as the character it stands for)`,
          'warning',
        ),
      );
    }
  }
  return out;
}

/**
 * A warning for each text of the template's files that holds a character no font could
 * draw, at that character (an escape such as `\U00013001` at its backslash; the start of
 * the string when the column cannot be worked out), once per character and text.
 */
export function locateCharacters(
  chain: readonly TemplateFile[],
  languages: readonly TemplateLanguage[],
  missing: ReadonlySet<string>,
): Diagnostic[] {
  return characterPlaces(chain, languages, missing).map((p) => p.diagnostic);
}

/** locateCharacters, each warning with the character it is about. */
export function characterPlaces(
  chain: readonly TemplateFile[],
  languages: readonly TemplateLanguage[],
  missing: ReadonlySet<string>,
): { char: string; diagnostic: Diagnostic }[] {
  const out: { char: string; diagnostic: Diagnostic }[] = [];
  if (missing.size === 0) return out;
  for (const { file: f, path, text } of templateTexts(chain, languages)) {
    // Each text read once (not once per missing character): the first place of each.
    const first = new Map<string, number>();
    for (let at = 0; at < text.length;) {
      const char = String.fromCodePoint(text.codePointAt(at) ?? 0);
      if (missing.has(char) && !first.has(char)) first.set(char, at);
      at += char.length;
    }
    for (const [char, at] of first) {
      const code = (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      out.push({
        char,
        diagnostic: f.atText(
          'template-render',
          path,
          at,
          `no bundled font can draw "${char}" (U+${code}): it prints as "\ufffd"`,
          'warning',
        ),
      });
    }
  }
  return out;
}

/** The first of `keys` that `file` writes, else its top (`[]`). */
function keyOf(file: TemplateFile, keys: readonly (readonly string[])[]): readonly string[] {
  return keys.find((k) => dig(file.raw, k) !== undefined) ?? [];
}

/**
 * Render `template` in each of its languages; failures become `template-render` errors
 * in the checked file (`chain[0]`): a document it cannot lay out at the key that sets
 * what did not fit (LayoutError.keys), any other failure at its top; poor layouts
 * (layoutNotes) warnings at their key; characters of the template that no bundled font
 * can draw warnings where they are written.
 */
export async function trialRender(
  template: ResolvedTemplate,
  chain: readonly TemplateFile[],
  sampleDossier: Sample,
): Promise<Diagnostic[]> {
  const leaf = chain[0];
  if (!leaf) return [];
  const out: Diagnostic[] = [];
  const missing = new Set<string>();
  for (const lang of template.languages) {
    try {
      const rendered = await renderDocumentWithInfo(sampleDossier.dossier, sampleDossier.facts, {
        template,
        lang,
        date: TRIAL_DATE,
        diagnostics: sampleDossier.warnings,
      });
      for (const c of rendered.missingGlyphs) missing.add(c);
      for (const note of rendered.layoutNotes)
        out.push(
          leaf.at(
            'template-render',
            keyOf(leaf, note.keys),
            `trial render (${lang}, ${sampleDossier.file}): ${note.message}${note.others ? ` (and ${note.others} more like it)` : ''}`,
            'key',
            'warning',
          ),
        );
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      // A document the template cannot lay out: at the key of the checked file that sets
      // what did not fit (`type: {table: 40}`), when it writes one.
      const at = err instanceof LayoutError ? keyOf(leaf, err.keys) : [];
      out.push(
        leaf.at(
          'template-render',
          at,
          `trial render (${lang}, ${sampleDossier.file}) failed: ${detail}`,
          'key',
        ),
      );
    }
  }
  // A character that is not in the template came from the sample dossier: not the template's doing.
  append(out, locateCharacters(chain, template.languages, missing));
  append(out, locateNeverDrawn(chain, template.languages));
  return out;
}
