/**
 * 1-based line and column of a marker in a text, counted as the loader counts them:
 * a leading BOM is not part of the text, CR LF ends one line, columns count code points.
 */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Where to point: a needle, or a needle searched for after a context text. */
export type Marker = string | { readonly after: string; readonly find: string };

/** Offset (UTF-16) of a marker in `text`; throws when it is missing or ambiguous. */
export function offsetOfMarker(text: string, marker: Marker): number {
  const [context, needle] = typeof marker === 'string' ? ['', marker] : [marker.after, marker.find];
  const from = context ? uniqueIndex(text, context, 0) : 0;
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`marker ${JSON.stringify(needle)} not found`);
  if (!context) uniqueIndex(text, needle, 0);
  return at;
}

function uniqueIndex(text: string, needle: string, from: number): number {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`marker ${JSON.stringify(needle)} not found`);
  if (text.indexOf(needle, at + 1) >= 0)
    throw new Error(`marker ${JSON.stringify(needle)} is ambiguous`);
  return at;
}

/** Line and column of a UTF-16 offset in `text` (BOM already removed). */
export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;
  return { line, column: [...before.slice(lineStart)].length + 1 };
}

/** Line and column of a marker in a YAML text (a leading BOM is ignored, as the loader does). */
export function positionOf(text: string, marker: Marker): Position {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return positionAt(body, offsetOfMarker(body, marker));
}

/** Lines of a file as the loader sees them (for "inside the file" checks). */
export function linesOf(text: string): string[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return body.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}
