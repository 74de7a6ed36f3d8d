import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsvItem } from '../../src/import/csv/parse-csv.js';
import {
  MAX_FIELD_CHARS,
  MAX_UNDECODABLE_REPORTS,
  detectDelimiter,
  parseCsv,
} from '../../src/import/csv/parse-csv.js';
import { fuzzed } from '../helpers/fuzz.js';

/** Fictional test data. */
async function parse(chunks: string[] | string, delimiter = ','): Promise<CsvItem[]> {
  const out: CsvItem[] = [];
  for await (const item of parseCsv(typeof chunks === 'string' ? [chunks] : chunks, delimiter))
    out.push(item);
  return out;
}

const records = (items: CsvItem[]) => items.flatMap((i) => (i.type === 'record' ? [i.record] : []));
const problems = (items: CsvItem[]) =>
  items.flatMap((i) => (i.type === 'problem' ? [i.problem] : []));
/** The rows marked as holding undecodable bytes or NULs. */
const marked = (items: CsvItem[]) =>
  items.flatMap((i) => (i.type === 'undecodable' ? [i.row] : []));

describe('CSV parser: fields and their physical positions', () => {
  it('gives the line and column where each field starts, quoted fields spanning lines shift rows from lines', async () => {
    const text = 'a,b,c\r\n1,"two\r\nlines",3\n4,"x""y",\n';
    const recs = records(await parse(text));
    expect(recs.map((r) => r.row)).toEqual([1, 2, 3]);
    expect(recs[1]!.fields).toEqual([
      { text: '1', line: 2, column: 1 },
      { text: 'two\r\nlines', line: 2, column: 3 },
      { text: '3', line: 3, column: 8 },
    ]);
    expect(recs[2]!.line).toBe(4);
    expect(recs[2]!.fields).toEqual([
      { text: '4', line: 4, column: 1 },
      { text: 'x"y', line: 4, column: 3 },
      { text: '', line: 4, column: 10 },
    ]);
  });

  it('columns count code points, not UTF-16 units', async () => {
    const recs = records(await parse('😀é;x\n', ';'));
    expect(recs[0]!.fields[1]).toEqual({ text: 'x', line: 1, column: 4 });
  });

  it('lone CR ends a line; blank lines are counted as rows but not yielded', async () => {
    const recs = records(await parse('h\r\r1\r'));
    expect(recs.map((r) => [r.row, r.line, r.fields[0]!.text])).toEqual([
      [1, 1, 'h'],
      [3, 3, '1'],
    ]);
  });

  // Review of session 34: a last line of spaces (a file cut or typed by hand) was a row
  // of one field, an import-format error ("another number of fields than the header").
  it('a line of spaces or tabs alone is blank too; quoted, or beside a delimiter, it is a field', async () => {
    const recs = records(await parse('h,i\n1,2\n   \n \t\n3,4\n  \n'));
    expect(recs.map((r) => [r.row, r.line])).toEqual([
      [1, 1],
      [2, 2],
      [5, 5],
    ]);
    const kept = records(await parse('h\n"  "\n  ,\n'));
    expect(kept.map((r) => r.fields.map((f) => f.text))).toEqual([['h'], ['  '], ['  ', '']]);
  });

  it('reports an unterminated quote at the opening quote, text after a closing quote, and a bare quote', async () => {
    // Fatal: every line after the quote was read into the field (not one row's problem).
    expect(problems(await parse('a,b\n1,"open\nmore\n'))).toEqual([
      expect.objectContaining({ row: 2, line: 2, column: 3, fatal: true }),
    ]);
    expect(problems(await parse('a,b\n"x"y,2\n'))).toEqual([
      expect.objectContaining({ row: 2, line: 2, column: 4 }),
    ]);
    const items = await parse('a,b\n5" screen,2\nok,3\n');
    expect(problems(items)).toEqual([expect.objectContaining({ row: 2, line: 2, column: 2 })]);
    // The next record is still read.
    expect(records(items).map((r) => r.row)).toEqual([1, 3]);
  });

  it('reports a NUL character where it is and reads on; stops at an over-long field, with a fatal problem', async () => {
    const items = await parse('a,b\n1,\u0000\u0001\n2,x\u0000\n3,4\n');
    expect(problems(items)).toEqual([
      expect.objectContaining({ row: 2, line: 2, column: 3, fatal: false, undecodable: true }),
      expect.objectContaining({ row: 3, line: 3, column: 4, fatal: false, undecodable: true }),
    ]);
    // Its record is still yielded (the caller knows the header from it), after a mark.
    expect(records(items).map((r) => r.row)).toEqual([1, 2, 3, 4]);
    expect(marked(items)).toEqual([2, 3]);
    const chunk = 'x'.repeat(65536);
    const huge = ['a,b\n1,', ...Array.from({ length: MAX_FIELD_CHARS / 65536 + 2 }, () => chunk)];
    const p = problems(await parse(huge));
    expect(p).toEqual([expect.objectContaining({ line: 2, column: 3, fatal: true })]);
  });

  it('a field too long stops the reading at its MAX_FIELD_CHARS+1-th character, however the text is chunked', async () => {
    // Review (session 32): the length was checked where a chunk ended, so a stray quote
    // or a NUL past the limit was reported, or not, by the chunk size (16 or 64 KiB).
    const cut = (text: string, sizes: number[]): string[] => {
      const out: string[] = [];
      for (let at = 0, k = 0; at < text.length; k++) {
        const size = sizes[k % sizes.length]!;
        out.push(text.slice(at, at + size));
        at += size;
      }
      return out;
    };
    const head = 'a;b\n1;';
    const cases = [
      // Unquoted: a stray quote and a NUL just past the limit, then a good row.
      `${head}${'n'.repeat(MAX_FIELD_CHARS)}"\u0000${'n'.repeat(60_000)}\n2;3\n`,
      // Quoted, with "" escapes: the escaped quote that would be one character too many.
      `${head}"${'n'.repeat(MAX_FIELD_CHARS - 3)}""""""""\u0000${'n'.repeat(60_000)}"\n2;3\n`,
      // Unclosed quote swallowing the file, a NUL past the limit.
      `${head}"${'n'.repeat(MAX_FIELD_CHARS + 10)}\u0000${'n'.repeat(60_000)}\n2;3\n`,
    ];
    for (const text of cases) {
      const whole = await parse([text], ';');
      expect(problems(whole)).toEqual([
        {
          row: 2,
          line: 2,
          column: 3,
          message: `a field longer than ${MAX_FIELD_CHARS} characters (not a CSV export?)`,
          fatal: true,
        },
      ]);
      for (const sizes of [[16 << 10], [65536], [7, 65521, 3], [MAX_FIELD_CHARS + 4]])
        expect(await parse(cut(text, sizes), ';')).toEqual(whole);
    }
    // Exactly MAX_FIELD_CHARS characters: a field.
    const full = await parse(cut(`${head}${'n'.repeat(MAX_FIELD_CHARS)}\n`, [16 << 10]), ';');
    expect(problems(full)).toEqual([]);
    expect(records(full)[1]!.fields[1]!.text).toHaveLength(MAX_FIELD_CHARS);
  });

  it("a fatal problem is reported after the record's own, never in its place", async () => {
    // Review (session 32): a record with a stray quote, then a field too long, came out as
    // the stray quote alone, not fatal: --skip-invalid skipped "that row" and every row
    // after it went unread without a word.
    const strayThenLong = `a;b\n1"x;${'n'.repeat(MAX_FIELD_CHARS + 5)}\n2;3\n`;
    expect(problems(await parse([strayThenLong], ';'))).toEqual([
      expect.objectContaining({ row: 2, column: 2, fatal: false }),
      expect.objectContaining({ row: 2, column: 5, fatal: true }),
    ]);
    const strayThenUnclosed = 'a;b\n1"x;"open\n2;3\n';
    expect(problems(await parse([strayThenUnclosed], ';'))).toEqual([
      expect.objectContaining({ row: 2, column: 2, fatal: false }),
      expect.objectContaining({ row: 2, column: 5, fatal: true }),
    ]);
    const strayThenBadBytes: (string | { message: string; fatal: boolean })[] = [
      'a;b\n1"x;y',
      { message: 'not UTF-16', fatal: true },
      '\n2;3\n',
    ];
    const items: CsvItem[] = [];
    for await (const item of parseCsv(strayThenBadBytes, ';')) items.push(item);
    expect(problems(items)).toEqual([
      expect.objectContaining({ row: 2, column: 2, fatal: false }),
      expect.objectContaining({ row: 2, message: 'not UTF-16', fatal: true }),
    ]);
    expect(records(items).map((r) => r.row)).toEqual([1]);
  });

  it('locates undecodable bytes (a decode error, then U+FFFD) and reads on; a fatal one stops', async () => {
    const items: CsvItem[] = [];
    const chunks = [
      'a,b\r\n1,x',
      { message: 'bad bytes', fatal: false },
      '\ufffdy\r\n"two\r\nlines",',
      { message: 'more bad bytes', fatal: false },
      '\ufffd\n3,4\n',
    ];
    for await (const item of parseCsv(chunks, ',')) items.push(item);
    expect(problems(items)).toEqual([
      { row: 2, line: 2, column: 4, message: 'bad bytes', fatal: false, undecodable: true },
      // After a quoted field over two lines: the physical line and column.
      { row: 3, line: 4, column: 8, message: 'more bad bytes', fatal: false, undecodable: true },
    ]);
    expect(records(items).map((r) => [r.row, r.fields.map((f) => f.text)])).toEqual([
      [1, ['a', 'b']],
      [2, ['1', 'x\ufffdy']],
      [3, ['two\r\nlines', '\ufffd']],
      [4, ['3', '4']],
    ]);
    expect(marked(items)).toEqual([2, 3]);
    const stopped: CsvItem[] = [];
    for await (const item of parseCsv(['a,b\n1,', { message: 'no', fatal: true }, '2\n'], ','))
      stopped.push(item);
    expect(problems(stopped)).toEqual([
      expect.objectContaining({ line: 2, column: 3, fatal: true }),
    ]);
    expect(records(stopped)).toHaveLength(1);
  });

  it(`reports ${MAX_UNDECODABLE_REPORTS} undecodable places one by one, then counts the others at the first of them`, async () => {
    const text = 'a,b\n' + Array.from({ length: 15 }, (_, i) => `${i},\u0000\n`).join('') + '"x\n';
    const p = problems(await parse(text));
    expect(p.map((x) => [x.line, x.column, x.fatal])).toEqual([
      ...Array.from({ length: MAX_UNDECODABLE_REPORTS }, (_, i) => [i + 2, 3, false]),
      [12, 4, false],
      // The unclosed quote at the end is still reported (a problem of the file: fatal).
      [17, 1, true],
    ]);
    expect(p[MAX_UNDECODABLE_REPORTS]!.message).toMatch(/^5 more place\(s\) .*NUL character/);
    // Every row holding one is marked, reported one by one or not.
    expect(marked(await parse(text))).toEqual(Array.from({ length: 15 }, (_, i) => i + 2));
  });

  it('the same records and positions whatever the chunk boundaries (property)', async () => {
    const text = 'h1;h2;h3\r\n"a;b";"c\r\nd";e\n\n"";x;"y""z"\rlast;1;2';
    const whole = await parse(text, ';');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(text.length), { maxLength: 8 }), async (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const chunks: string[] = [];
        let prev = 0;
        for (const p of points) {
          chunks.push(text.slice(prev, p));
          prev = p;
        }
        chunks.push(text.slice(prev));
        expect(await parse(chunks, ';')).toEqual(whole);
      }),
      fuzzed({ numRuns: 300, seed: 12 }),
    );
    expect(records(whole).map((r) => r.fields.map((f) => f.text))).toEqual([
      ['h1', 'h2', 'h3'],
      ['a;b', 'c\r\nd', 'e'],
      ['', 'x', 'y"z'],
      ['last', '1', '2'],
    ]);
  });
});

describe('delimiter detection', () => {
  it('picks the separator that occurs most in the header row, outside quotes', () => {
    expect(detectDelimiter('Date;Montant;"a,b,c,d"\n', 1)).toBe(';');
    expect(detectDelimiter('a\tb\tc\n', 1)).toBe('\t');
    expect(detectDelimiter('junk,junk,junk,junk\nx|y|z\n', 2)).toBe('|');
    expect(detectDelimiter('single\n', 1)).toBe(',');
  });

  it('finds the header row as rows are counted: a quoted field spanning lines is one row, a blank line is one', () => {
    const above = 'Report of 2024-03-01\n"Account holder\nJ. Example"\n';
    // Row 3 is on line 4; line 3 (`J. Example"`) has no delimiter outside quotes.
    expect(detectDelimiter(`${above}Date|Amount|From\n2018-01-14|120.00|WU-1\n`, 3)).toBe('|');
    // CRLF and lone CR end rows as LF does; a line break inside quotes does not.
    expect(detectDelimiter('a,b\r\n"x;y\r\nz"\r\nDate\tAmount\tFrom\r\n', 3)).toBe('\t');
    expect(detectDelimiter('a,b\r"c\rd"\rDate;Amount\r', 3)).toBe(';');
    expect(detectDelimiter('a|b|c\n\nDate;Amount\n', 3)).toBe(';');
    // The delimiters of the rows above, or quoted in the header row, do not count.
    expect(detectDelimiter('x;y;z;w\n"a,b,c"\nDate|Amount\n', 3)).toBe('|');
    expect(detectDelimiter('"a\nb",c\nDate;"x,y,z";Amount\n', 2)).toBe(';');
  });
});
