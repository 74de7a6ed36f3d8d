/** The findings readers yield: errors located in the source, with the record's locator when there is one. */
import type { ImportCode, SourceFinding } from '../types.js';

export function sourceFinding(
  code: ImportCode,
  line: number,
  column: number,
  message: string,
  locator?: string,
): SourceFinding {
  return locator === undefined
    ? { type: 'finding', code, severity: 'error', line, column, message }
    : { type: 'finding', code, severity: 'error', line, column, message, locator };
}

/** A message about an xlsx cell names it first (`cell C12: ...`); other messages as they are. */
export function inCell(cell: string | undefined, message: string): string {
  return cell ? `cell ${cell}: ${message}` : message;
}
