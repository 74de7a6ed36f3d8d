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

/**
 * What an error for an empty header row adds (xlsx and csv): the first row below it that is
 * not empty (`next`, holding `what`: cells, fields), and what to do if it is the header.
 */
export function noHeaderHint(
  headerRow: number,
  next: number | undefined,
  what: 'cells' | 'fields',
): string {
  return next === undefined
    ? ''
    : `; the first row with ${what} ${headerRow === 1 ? '' : 'below it '}is row ${next}: set header-row: ${next} in the mapping if that is the header row`;
}
