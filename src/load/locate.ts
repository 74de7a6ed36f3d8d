import type { Diagnostic, Finding } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../model/dossier.js';
import { shorten } from '../diagnostics/messages.js';
import { loadModule } from '../errors.js';
import { resolvePlainScalar } from './core-scalars.js';
import { LineIndex } from './line-index.js';
import { placePlain } from './parse-plain-blocks.js';
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
  for (const [file, list] of byFile) {
    let text = texts.get(file);
    if (text === undefined) {
      const src = sources.find((s) => s.name === file);
      text = src
        ? await readSource(src.absPath).then(
            // Changed since it was checked: its findings cannot be placed in it (1:1).
            (t) => (t.sha256 === src.sha256 ? t.text : ''),
            () => '',
          )
        : '';
    }
    const offsets = await placeAll(text, list);
    const index = new LineIndex(text);
    list.forEach((f, k) => {
      const { line, column } = index.position(offsets[k]!);
      out.push({
        code: f.code,
        severity: f.severity,
        file,
        line,
        column,
        message: f.asWritten ? messageAsWritten(f, text, offsets[k]!) : f.message,
        path: f.path,
        ...(f.args && { args: f.args }),
      });
    });
  }
  return out;
}

/**
 * The offset of each finding of one file: its own when it has one; else found by the
 * plain-block reader, which reads a large dossier file again in a fraction of a second;
 * else (a file it gives up on) by the position-exact parser, `yaml`, loaded only then.
 */
async function placeAll(text: string, list: readonly Finding[]): Promise<number[]> {
  const pending = list.filter((f) => f.offset === undefined);
  if (pending.length === 0) return list.map((f) => f.offset ?? 0);
  let placed = placePlain(text, pending);
  if (!placed) {
    const { offsetOf, parseExact } = await loadModule(import('./parse-exact.js'));
    const exact = parseExact(text);
    placed = pending.map((f) => (exact.doc ? offsetOf(exact.doc, f.path, f.anchor) : 0));
  }
  let k = 0;
  return list.map((f) => f.offset ?? placed[k++]!);
}

/** A plain scalar at `offset`, as written (up to a space, a flow indicator or ": "). */
const PLAIN_AT = /^[^\s,[\]{}#'"&*!|>%@`][^\s,[\]{}]*/;

/**
 * `f.message` with its `asWritten` part replaced by the plain scalar written at `offset`,
 * when it is a null, a boolean or a decimal number (whose parsed value lost how it was
 * written: `-0.0`, `45.10`, `~`); the message as it is otherwise.
 */
function messageAsWritten(f: Finding, text: string, offset: number): string {
  const { shown, as } = f.asWritten!;
  let token = PLAIN_AT.exec(text.slice(offset, offset + 200))?.[0];
  if (token === undefined) return f.message;
  if (token.endsWith(':')) token = token.slice(0, -1); // a key
  const value = resolvePlainScalar(token);
  if (typeof value === 'number') {
    const replacement =
      as === 'quote'
        ? JSON.stringify(shorten(token))
        : `found ${isCoreIntText(token) ? 'an integer' : 'a number'}`;
    return f.message.replace(shown, replacement);
  }
  if ((value === null || typeof value === 'boolean') && as === 'quote' && token !== '')
    return f.message.replace(shown, JSON.stringify(token));
  return f.message;
}

const isCoreIntText = (token: string): boolean => /^-?[0-9]+$/.test(token);
