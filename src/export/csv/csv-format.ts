/**
 * CSV as RFC 4180 writes it, for the packet's data files: fields separated by commas,
 * records ended by CRLF, a field quoted (and its quotes doubled) when it holds a comma,
 * a quote, CR or LF. Text cells are guarded against formula injection (see `textCell`).
 */

/** The bytes every data file starts with: the UTF-8 byte order mark, so Excel reads UTF-8. */
export const UTF8_BOM = '\ufeff';
/** RFC 4180 record separator. */
export const CRLF = '\r\n';

const NEEDS_QUOTES = /[",\r\n]/;

/** One field as RFC 4180 writes it: quoted, quotes doubled, when it needs quotes. */
export function quoteField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One record: the fields quoted as needed, separated by commas, ended by CRLF. */
export function csvRecord(fields: readonly string[]): string {
  let out = '';
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) out += ',';
    out += quoteField(fields[i] ?? '');
  }
  return out + CRLF;
}

/** First characters that a spreadsheet may read as the start of a formula (or that hide one). */
const FORMULA_START = /^[=+\-@\t\r]/;
/**
 * A number as people write it, which no spreadsheet can run: a sign, digits, and spaces,
 * dots, parentheses, slashes or dashes between them (`+33 6 12 34 56 78`, `-12.50`).
 */
const PLAIN_NUMBER = /^[+-]?[0-9][0-9 .()/-]*$/;

/**
 * A free-text cell made safe to open in a spreadsheet. A value that starts with
 * `=`, `+`, `-`, `@`, TAB or CR (what Excel, LibreOffice and Google Sheets read as a
 * formula, or use to hide one) gets one apostrophe in front, so it is shown as text and
 * never evaluated; so does a value that already starts with an apostrophe, which makes
 * the rule reversible: a text cell that starts with `'` had exactly one added. A value
 * that is only a signed number or phone number (`+33612345678`, `-12.50`) is left as
 * it is: it cannot run anything, and stays exact.
 */
export function textCell(value: string): string {
  if (value.startsWith("'")) return `'${value}`;
  if (!FORMULA_START.test(value) || PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}
