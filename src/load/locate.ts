import type { Diagnostic, Finding } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../model/dossier.js';
import { LineIndex } from './line-index.js';
import { readSource } from './source-text.js';

/** Text of a file already in memory, by display name (avoids reading it again). */
export type TextCache = ReadonlyMap<string, string>;

/**
 * Turn findings (file + YAML path) into located diagnostics (1-based line and column),
 * parsing with positions only the files that have findings. A finding in a file that
 * cannot be read or parsed again is placed at 1:1.
 */
export async function locateFindings(
  findings: readonly Finding[],
  sources: readonly SourceFile[],
  texts: TextCache = new Map(),
): Promise<Diagnostic[]> {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  const out: Diagnostic[] = [];
  // The `yaml` package (positions) is loaded only when some finding needs it.
  const exactParser = findings.some((f) => f.offset === undefined)
    ? await import('./parse-exact.js')
    : undefined;
  for (const [file, list] of byFile) {
    let text = texts.get(file);
    if (text === undefined) {
      const src = sources.find((s) => s.name === file);
      text = src
        ? await readSource(src.absPath).then(
            (t) => t.text,
            () => '',
          )
        : '';
    }
    const needsTree = list.some((f) => f.offset === undefined);
    const exact = needsTree && exactParser ? exactParser.parseExact(text) : undefined;
    const index = new LineIndex(text);
    for (const f of list) {
      const offset =
        f.offset ??
        (exact?.doc && exactParser ? exactParser.offsetOf(exact.doc, f.path, f.anchor) : 0);
      const { line, column } = index.position(offset);
      out.push({
        code: f.code,
        severity: f.severity,
        file,
        line,
        column,
        message: f.message,
        path: f.path,
      });
    }
  }
  return out;
}
