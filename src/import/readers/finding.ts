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
