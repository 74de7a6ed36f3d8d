/**
 * A streaming RFC 4180 parser that knows where every field starts: the physical line
 * and the character column (code points) of its first character, or of its opening
 * quote. Text comes in chunks of any size; a record is yielded as soon as it ends, so
 * memory holds one record at a time, whatever the file's length.
 *
 * Line ends: CRLF, LF and a lone CR all end a line (and a record, outside quotes).
 * Malformed input is reported, never guessed: an unterminated quoted field, text after
 * a closing quote, a quote inside an unquoted field, a field longer than the limit.
 * Bytes the decoder could not decode (a CsvDecodeError in the stream, then U+FFFD for
 * them) and NUL characters are reported where they are, up to MAX_UNDECODABLE_REPORTS
 * places (then one problem says how many more), and the parse goes on: the problems of
 * the rest of the file are reported in the same run.
 */

/** One field: its text (quotes removed, `""` unescaped) and where it starts. */
export interface CsvField {
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

/** One record: its number (1 = the first record of the file) and its fields. */
export interface CsvRecord {
  readonly row: number;
  readonly line: number;
  readonly fields: readonly CsvField[];
}

/** A problem in one record (the record is not yielded) or, when `fatal`, in the file. */
export interface CsvProblem {
  readonly row: number;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** The parse cannot go on (an over-long field): nothing after this is read. */
  readonly fatal: boolean;
  /**
   * Bytes not valid in the encoding, or a NUL: a problem of the file's encoding, not of
   * the record (which is yielded too, after an `undecodable` item).
   */
  readonly undecodable?: boolean;
}

/**
 * Put in the stream of chunks where bytes could not be decoded. Not fatal: the next
 * text starts with one U+FFFD standing for them, and the text goes on. Fatal: nothing
 * follows (a byte order mark that contradicts the declared encoding).
 */
export interface CsvDecodeError {
  readonly message: string;
  readonly fatal: boolean;
}

export type CsvItem =
  | { readonly type: 'record'; readonly record: CsvRecord }
  | { readonly type: 'problem'; readonly problem: CsvProblem }
  /**
   * Record `row` (yielded later, or as a problem) holds undecodable bytes or NULs, so its
   * text is not the file's: given once per such record, whether or not its places are
   * reported one by one. (Not a mark on the record: that cost every record a branch.)
   */
  | { readonly type: 'undecodable'; readonly row: number };

/** A field longer than this (in UTF-16 code units) stops the parse: no real export has one. */
export const MAX_FIELD_CHARS = 1 << 20;
/** A record with more fields than this stops the parse. */
export const MAX_FIELDS = 10_000;
/** Places with undecodable bytes or NULs reported one by one; one more problem counts the others. */
export const MAX_UNDECODABLE_REPORTS = 10;

export const NUL_MESSAGE =
  'a NUL character: a binary file, or text in another encoding (set encoding in the mapping)';

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
  AfterClosingQuote,
}

/**
 * Whether an unquoted field alone on its line makes the line blank: empty, or spaces and
 * tabs only (a last line of a file typed or cut by hand, which no export means as a row).
 */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/**
 * Parse CSV text chunks into records. `delimiter` is a single character. Blank lines
 * (a record of one unquoted field, empty or of spaces and tabs only) are skipped but
 * counted as records, as a spreadsheet counts rows; the numbers of the records that
 * follow stay those it shows.
 */
export async function* parseCsv(
  chunks: AsyncIterable<string | CsvDecodeError> | Iterable<string | CsvDecodeError>,
  delimiter: string,
): AsyncGenerator<CsvItem> {
  for await (const batch of parseCsvBatches(chunks, delimiter)) yield* batch;
}

/**
 * parseCsv, the items of each chunk of text yielded together: one step of the async
 * iteration per chunk instead of per record (a promise per record across the import's
 * stages cost more, in garbage collection, than the parsing itself).
 */
export async function* parseCsvBatches(
  chunks: AsyncIterable<string | CsvDecodeError> | Iterable<string | CsvDecodeError>,
  delimiter: string,
): AsyncGenerator<readonly CsvItem[]> {
  const delim = delimiter.charCodeAt(0);
  let line = 1;
  let column = 1;
  let afterCR = false;
  let state: State = State.FieldStart;
  let row = 1;
  let recordLine = 1;
  let fields: CsvField[] = [];
  // The field's text so far: one slice of a chunk, most often (no array per field).
  let fieldText = '';
  let partLength = 0;
  let fieldLine = 1;
  let fieldColumn = 1;
  let fieldQuoted = false;
  /** The current record's first problem (the record is not yielded). */
  let problem: CsvProblem | undefined;
  /**
   * The problem that stops the reading (a field or record too large, an unclosed quote,
   * undecodable text): reported after the current record's own problem, if it has one,
   * never in its place (a record's problem is one row's, which --skip-invalid passes
   * over; the reading's end is not). Set: the reading stops.
   */
  let fatalProblem: CsvProblem | undefined;
  // Undecodable bytes and NULs: the last record marked as holding some; how many places
  // were reported, and the others (counted, the first one's position kept).
  let undecodableRow = 0;
  let undecodableReported = 0;
  let unreported = 0;
  let firstUnreported: CsvProblem | undefined;
  /** Problems met between chunks (decode errors): yielded with the next chunk's items. */
  let between: CsvItem[] | undefined;

  const fail = (message: string, atLine = line, atColumn = column, isFatal = false): void => {
    const p = { row, line: atLine, column: atColumn, message, fatal: isFatal };
    if (!isFatal) problem ??= p;
    else fatalProblem ??= p;
  };
  /** The items of a reading stopped by fatalProblem: the record's own problem first. */
  const fatalItems = (): CsvItem[] => [
    ...(problem ? [{ type: 'problem' as const, problem }] : []),
    { type: 'problem', problem: fatalProblem! },
  ];
  /**
   * A field reaches MAX_FIELD_CHARS + 1 characters: the reading stops there, at that very
   * character, whatever the chunks (nothing after it is looked at).
   */
  const tooLong = (): void =>
    fail(
      `a field longer than ${MAX_FIELD_CHARS} characters (not a CSV export?)`,
      fieldLine,
      fieldColumn,
      true,
    );
  const endField = (): void => {
    fields.push({
      text: fieldText,
      line: fieldLine,
      column: fieldColumn,
    });
    fieldText = '';
    partLength = 0;
    if (fields.length > MAX_FIELDS)
      fail(`more than ${MAX_FIELDS} fields in one record`, fieldLine, fieldColumn, true);
  };
  const undecodable = (message: string, out: CsvItem[]): void => {
    if (undecodableRow !== row) out.push({ type: 'undecodable', row: (undecodableRow = row) });
    const p: CsvProblem = { row, line, column, message, fatal: false, undecodable: true };
    if (undecodableReported < MAX_UNDECODABLE_REPORTS) {
      undecodableReported++;
      out.push({ type: 'problem', problem: p });
    } else if (unreported++ === 0) firstUnreported = p;
  };
  const endRecord = (): CsvItem | undefined => {
    endField();
    // Too many fields: the record's problems are fatalItems'.
    if (fatalProblem !== undefined) return undefined;
    let out: CsvItem | undefined;
    if (problem) out = { type: 'problem', problem };
    else if (!(fields.length === 1 && isBlank(fields[0]!.text) && !fieldQuoted))
      out = { type: 'record', record: { row, line: recordLine, fields } };
    fields = [];
    problem = undefined;
    row++;
    return out;
  };

  for await (const chunk of chunks) {
    if (typeof chunk !== 'string') {
      if (chunk.fatal) {
        // Nothing after it can be read.
        fail(chunk.message, line, column, true);
        break;
      }
      // Bytes that could not be decoded: the next character (U+FFFD) stands for them.
      undecodable(chunk.message, (between ??= []));
      continue;
    }
    // A new array (not `between ?? []`: an `out` that may be either made every push of
    // the chunk's records slower, measured).
    const out: CsvItem[] = [];
    if (between !== undefined) {
      for (const x of between) out.push(x);
      between = undefined;
    }
    let i = 0;
    const n = chunk.length;
    // Start of a run of field characters in this chunk: a field that goes on from the
    // previous chunk goes on from this chunk's first character.
    let sliceStart = state === State.Unquoted || state === State.Quoted ? 0 : -1;
    const flushSlice = (end: number): void => {
      if (sliceStart >= 0 && end > sliceStart) {
        const piece = chunk.slice(sliceStart, end);
        fieldText = partLength === 0 ? piece : fieldText + piece;
        partLength += end - sliceStart;
      }
      sliceStart = -1;
    };
    while (i < n && fatalProblem === undefined) {
      const c = chunk.charCodeAt(i);
      // Read as a character of its field, the record marked.
      if (c === 0) undecodable(NUL_MESSAGE, out);
      if (afterCR) {
        afterCR = false;
        if (c === LF) {
          // The LF of a CRLF: its line was already counted.
          i++;
          continue;
        }
      }
      const isBreak = c === LF || c === CR;
      switch (state) {
        case State.FieldStart:
          fieldLine = line;
          fieldColumn = column;
          fieldQuoted = false;
          if (fields.length === 0) recordLine = line;
          if (c === QUOTE) {
            state = State.Quoted;
            fieldQuoted = true;
            break;
          }
          if (c === delim) {
            endField();
            break;
          }
          if (isBreak) {
            const item = endRecord();
            if (item) out.push(item);
            break;
          }
          state = State.Unquoted;
          sliceStart = i;
          break;
        case State.Unquoted:
          if (c === delim || isBreak) {
            flushSlice(i);
            if (c === delim) {
              endField();
              state = State.FieldStart;
            } else {
              const item = endRecord();
              if (item) out.push(item);
              state = State.FieldStart;
            }
          } else if (partLength + (i - sliceStart) >= MAX_FIELD_CHARS) tooLong();
          else if (c === QUOTE) {
            fail('a quote (") inside a field that does not start with one: quote the whole field');
          }
          break;
        case State.Quoted:
          if (c === QUOTE) {
            flushSlice(i);
            state = State.QuoteInQuoted;
          } else {
            if (sliceStart < 0) sliceStart = i;
            if (partLength + (i - sliceStart) >= MAX_FIELD_CHARS) tooLong();
          }
          break;
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            if (partLength >= MAX_FIELD_CHARS) tooLong();
            else {
              fieldText += '"';
              partLength++;
              state = State.Quoted;
            }
          } else if (c === delim) {
            endField();
            state = State.FieldStart;
          } else if (isBreak) {
            const item = endRecord();
            if (item) out.push(item);
            state = State.FieldStart;
          } else {
            fail(
              'text after the closing quote of a field (a quote inside a quoted field is written "")',
            );
            state = State.AfterClosingQuote;
          }
          break;
        case State.AfterClosingQuote:
          if (c === delim) {
            endField();
            state = State.FieldStart;
          } else if (isBreak) {
            const item = endRecord();
            if (item) out.push(item);
            state = State.FieldStart;
          }
          break;
      }
      // Position of the next character.
      if (isBreak) {
        line++;
        column = 1;
        afterCR = c === CR;
      } else if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && isHigh(chunk.charCodeAt(i - 1)))) {
        column++;
      }
      i++;
    }
    if (fatalProblem === undefined && (state === State.Quoted || state === State.Unquoted))
      flushSlice(n);
    if (out.length > 0) yield out;
    if (fatalProblem !== undefined) break;
  }
  const rest: CsvItem[] = between ?? [];
  if (firstUnreported)
    rest.push({
      type: 'problem',
      problem: {
        ...firstUnreported,
        message: `${unreported} more place(s) with bytes not valid in the encoding or NUL characters, the first here, not reported one by one (${firstUnreported.message})`,
      },
    });
  if (fatalProblem !== undefined) {
    rest.push(...fatalItems());
    yield rest;
    return;
  }
  if (rest.length > 0) yield rest;
  if (state === State.Quoted) {
    // Fatal, not one row's problem: the rest of the file was read into the field, so
    // --skip-invalid skipping "this row" would drop every row after it unsaid.
    fail(
      'a quoted field is not closed before the end of the file: every line after its opening quote was read into it (a stray quote?)',
      fieldLine,
      fieldColumn,
      true,
    );
    yield fatalItems();
  } else if (state !== State.FieldStart || fields.length > 0) {
    const item = endRecord();
    if (item) yield [item];
  }
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;

/** The delimiters detected (counted in this order), the first preferred when two are as frequent. */
const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * The delimiter among `,` `;` TAB `|` that occurs most often outside quotes in the header
 * record, record `headerRow` counted as parseCsv counts rows (a quoted field spanning
 * lines is one row, a blank line is a row): `,` when none does. When `sample` ends before
 * that record, the last record it begins is looked at.
 */
export function detectDelimiter(sample: string, headerRow: number): string {
  const counts = [0, 0, 0, 0];
  let row = 1;
  let quoted = false;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (quoted) continue;
    else if (c === LF || c === CR) {
      if (row >= headerRow) break;
      if (c === CR && sample.charCodeAt(i + 1) === LF) i++;
      row++;
      counts.fill(0);
    } else if (c === 0x2c) counts[0]!++;
    else if (c === 0x3b) counts[1]!++;
    else if (c === 0x09) counts[2]!++;
    else if (c === 0x7c) counts[3]!++;
  }
  let best = 0;
  for (let k = 1; k < DELIMITERS.length; k++) if (counts[k]! > counts[best]!) best = k;
  return DELIMITERS[best]!;
}
