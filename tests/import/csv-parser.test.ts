import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsvItem } from '../../src/import/csv/parse-csv.js';
import { MAX_FIELD_CHARS, detectDelimiter, parseCsv } from '../../src/import/csv/parse-csv.js';

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

  it('reports an unterminated quote at the opening quote, text after a closing quote, and a bare quote', async () => {
    expect(problems(await parse('a,b\n1,"open\nmore\n'))).toEqual([
      expect.objectContaining({ row: 2, line: 2, column: 3, fatal: false }),
    ]);
    expect(problems(await parse('a,b\n"x"y,2\n'))).toEqual([
      expect.objectContaining({ row: 2, line: 2, column: 4 }),
    ]);
    const items = await parse('a,b\n5" screen,2\nok,3\n');
    expect(problems(items)).toEqual([expect.objectContaining({ row: 2, line: 2, column: 2 })]);
    // The next record is still read.
    expect(records(items).map((r) => r.row)).toEqual([1, 3]);
  });

  it('stops at a NUL character (binary file) and at an over-long field, with a fatal problem', async () => {
    expect(problems(await parse('a,b\n1,\u0000\u0001\n'))).toEqual([
      expect.objectContaining({ line: 2, column: 3, fatal: true }),
    ]);
    const chunk = 'x'.repeat(65536);
    const huge = ['a,b\n1,', ...Array.from({ length: MAX_FIELD_CHARS / 65536 + 2 }, () => chunk)];
    const p = problems(await parse(huge));
    expect(p).toEqual([expect.objectContaining({ line: 2, column: 3, fatal: true })]);
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
      { numRuns: 300, seed: 12 },
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
});
