import type { Mapping } from '../mapping/schema.js';
import { compileMapping, type TableCell, type TableRow } from '../map-rows.js';
import { decodeChunks } from '../csv/decode-chunks.js';
import type { CsvDecodeError, CsvRecord } from '../csv/parse-csv.js';
import { NUL_MESSAGE, detectDelimiter, parseCsvBatches } from '../csv/parse-csv.js';
import type { SourceItem } from '../types.js';
import { noHeaderHint } from './finding.js';

export interface TableReaderOptions {
  readonly mapping: Mapping;
  /** `--zone` (wins over the mapping's `zone`). */
  readonly zone?: string;
}

/** How many characters of the text are looked at to find the delimiter. */
const SAMPLE_CHARS = 64 * 1024;

/**
 * Read a CSV export with its mapping, streaming: byte chunks in, the records of each
 * chunk through the parser and the mapping, items out in file order (one array per
 * chunk). Rows above the header row are passed over; a row whose field count differs
 * from the header's is an `import-format` error at its first line. Bytes not valid in
 * the encoding are `import-format` errors where they are; their row is not mapped, the
 * others are, so that every problem of the file is reported in one run.
 */
export async function* readCsv(
  bytes: AsyncIterable<Uint8Array>,
  options: TableReaderOptions,
): AsyncGenerator<readonly SourceItem[]> {
  const { mapping } = options;
  const headerRow = mapping['header-row'] ?? 1;
  const text = decodeChunks(bytes, mapping.encoding);
  // Look ahead for the delimiter, then parse the looked-at text and the rest.
  const head: (string | CsvDecodeError)[] = [];
  let sampled = 0;
  let rest: IteratorResult<string | CsvDecodeError> | undefined;
  while (sampled < SAMPLE_CHARS) {
    rest = await text.next();
    if (rest.done) break;
    head.push(rest.value);
    if (typeof rest.value !== 'string') {
      if (rest.value.fatal) break;
      continue; // undecodable bytes: the text goes on (a U+FFFD stands for them)
    }
    sampled += rest.value.length;
  }
  const delimiter = mapping.delimiter ?? detectDelimiter(sampleOf(head), headerRow);
  async function* all(): AsyncGenerator<string | CsvDecodeError> {
    yield* head;
    if (rest && !rest.done) yield* text;
  }
  let header: CsvRecord | undefined;
  let mapRow: ((row: TableRow) => SourceItem[]) | undefined;
  /** The last row holding bytes not valid in the encoding (0: none yet). */
  let undecodableRow = 0;
  /**
   * The header row (or a row before the one taken as it) was not read, its problem
   * reported (a stray quote): it is not said to be empty as well.
   */
  let headerUnread = false;
  /** The reading met a NUL character (reported where it is). */
  let nulReported = false;
  for await (const batch of parseCsvBatches(all(), delimiter)) {
    const out: SourceItem[] = [];
    for (const item of batch) {
      if (item.type === 'undecodable') {
        undecodableRow = item.row;
        continue;
      }
      if (item.type === 'problem') {
        const p = item.problem;
        if (p.message === NUL_MESSAGE) nulReported = true;
        if (header === undefined && p.row === headerRow) headerUnread = true;
        out.push({
          type: 'finding',
          code: 'import-format',
          severity: 'error',
          line: p.line,
          column: p.column,
          message: p.message,
          // A file's problems (fatal, or of its encoding: set `encoding`, no row to skip)
          // are not one row's: --skip-invalid does not pass over them.
          ...(p.fatal || p.undecodable || header === undefined ? {} : { locator: `row ${p.row}` }),
        });
        if (p.fatal) {
          yield out;
          return;
        }
        continue;
      }
      const rec = item.record;
      if (rec.row < headerRow) continue;
      if (header === undefined && rec.row > headerRow) {
        // Row `header-row` is a blank line (blank lines are rows, not yielded): the row
        // below is not taken for the header, but named in the error. The rows between are
        // blank lines, one each. A header row that could not be read has its own finding.
        if (!headerUnread)
          out.push({
            type: 'finding',
            code: 'import-format',
            severity: 'error',
            line: rec.line - (rec.row - headerRow),
            column: 1,
            message: `the file has no header row (row ${headerRow}): row ${headerRow} is empty${noHeaderHint(headerRow, rec.row, 'fields')}`,
          });
        yield out;
        return;
      }
      if (header === undefined) {
        header = rec;
        const compiled = compileMapping(mapping, rec.fields.map(cellOf), {
          zone: options.zone,
          headerLine: rec.line,
          headerRow: rec.row,
        });
        out.push(...compiled.findings);
        if (!compiled.mapRow) {
          // Columns not found, and the file is read no further: NUL characters further on
          // (a binary file given as CSV, UTF-16 read in an 8-bit encoding) are said too,
          // unless the reading already met some (each was then reported where it is).
          const binary = nulReported ? undefined : nulFinding(sampleOf(head));
          if (binary) out.push(binary);
          yield out;
          return;
        }
        mapRow = compiled.mapRow;
        continue;
      }
      if (rec.fields.length !== header.fields.length) {
        out.push({
          type: 'finding',
          code: 'import-format',
          severity: 'error',
          line: rec.line,
          column: 1,
          message: `row ${rec.row} has ${rec.fields.length} field(s), the header row has ${header.fields.length} (delimiter ${JSON.stringify(delimiter)})`,
          locator: `row ${rec.row}`,
        });
        continue;
      }
      // Bytes not valid in the encoding (reported where they are): the row's text is not
      // the file's, so it is not read as values (nothing is written anyway).
      if (rec.row === undecodableRow) continue;
      for (const x of mapRow!({
        locator: `row ${rec.row}`,
        line: rec.line,
        // A CsvField is a TableCell (text and position): no copy per row.
        cells: rec.fields,
      }))
        out.push(x);
    }
    if (out.length > 0) yield out;
  }
  if (header === undefined && !headerUnread) {
    yield [
      {
        type: 'finding',
        code: 'import-format',
        severity: 'error',
        line: 1,
        column: 1,
        message: `the file has no header row (row ${headerRow}): empty, or not a CSV export`,
      },
    ];
  }
}

const cellOf = (f: { text: string; line: number; column: number }): TableCell => f;

/** The first SAMPLE_CHARS of the text looked ahead at (its undecodable bytes left out). */
function sampleOf(head: readonly (string | CsvDecodeError)[]): string {
  return head
    .filter((h): h is string => typeof h === 'string')
    .join('')
    .slice(0, SAMPLE_CHARS);
}

/**
 * An `import-format` finding for NUL characters in `text`, the sample of the file's text
 * (at the first of them, counting them), or undefined when it has none. A text export
 * holds none: a binary file given as CSV, or UTF-16 text read in an 8-bit encoding.
 */
function nulFinding(text: string): SourceItem | undefined {
  const first = text.indexOf('\0');
  if (first < 0) return undefined;
  let count = 0;
  for (let i = first; i >= 0; i = text.indexOf('\0', i + 1)) count++;
  // Line and column as the parser counts them: CR LF, CR and LF end a line; a surrogate
  // pair is one column.
  let line = 1;
  let start = 0;
  for (let i = 0; i < first; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      start = i + 1;
    }
  }
  const column = [...text.slice(start, first)].length + 1;
  return {
    type: 'finding',
    code: 'import-format',
    severity: 'error',
    line,
    column,
    message: `the file holds NUL characters (${count} in its first ${SAMPLE_CHARS / 1024} K characters, the first here): a binary file, or text in UTF-16 (set the mapping's \`encoding\` to utf-16le or utf-16be), rather than a text export`,
  };
}
