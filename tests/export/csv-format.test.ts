/** RFC 4180 encoding and the formula guard of the packet's data files. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRecord, quoteField, textCell } from '../../src/export/csv/csv-format.js';
import { parseCsv } from '../helpers/csv.js';

describe('quoteField / csvRecord', () => {
  it('quotes a field with a comma, quote, CR or LF, doubling its quotes, and only then', () => {
    expect(quoteField('plain text')).toBe('plain text');
    expect(quoteField('a,b')).toBe('"a,b"');
    expect(quoteField('say "hi"')).toBe('"say ""hi"""');
    expect(quoteField('two\nlines')).toBe('"two\nlines"');
    expect(quoteField('cr\ronly')).toBe('"cr\ronly"');
    expect(quoteField('')).toBe('');
  });

  it('ends every record with CRLF', () => {
    expect(csvRecord(['a', 'b,c', ''])).toBe('a,"b,c",\r\n');
  });

  it('reads back as the same fields, whatever they hold', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'é', ',', '"', '\r', '\n', ' ', '=') });
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { maxLength: 5 }),
        (rows) => {
          // A one-field record holding "" reads as an empty line: give such rows a second field.
          const safe = rows.map((r) => (r.length === 1 && r[0] === '' ? [...r, 'x'] : r));
          expect(parseCsv(safe.map(csvRecord).join(''))).toEqual(safe);
        },
      ),
    );
  });
});

describe('textCell (formula injection)', () => {
  it('puts one apostrophe before a value a spreadsheet would read as a formula', () => {
    expect(textCell('=HYPERLINK("http://x.example","y")')).toBe(
      '\'=HYPERLINK("http://x.example","y")',
    );
    expect(textCell('+cmd|" /C calc"!A0')).toBe('\'+cmd|" /C calc"!A0');
    expect(textCell('-2+3+cmd|x')).toBe("'-2+3+cmd|x");
    expect(textCell('@SUM(A1:A2)')).toBe("'@SUM(A1:A2)");
    expect(textCell('\t=1+1')).toBe("'\t=1+1");
    expect(textCell('\r=1+1')).toBe("'\r=1+1");
  });

  it('leaves phone numbers and signed numbers exact', () => {
    expect(textCell('+33612345678')).toBe('+33612345678');
    expect(textCell('+33 6 12 34 56 78')).toBe('+33 6 12 34 56 78');
    expect(textCell('-12.50')).toBe('-12.50');
    expect(textCell('+1 (555) 010-0199')).toBe('+1 (555) 010-0199');
  });

  it('is reversible: a value that starts with an apostrophe gets one more', () => {
    expect(textCell("'quoted")).toBe("''quoted");
    expect(textCell('ordinary text')).toBe('ordinary text');
    fc.assert(
      fc.property(fc.string(), (s) => {
        const cell = textCell(s);
        expect(cell === s || cell === `'${s}`).toBe(true);
        expect(/^[=+\-@\t\r]/.test(cell) && !/^[+-]?[0-9][0-9 .()/-]*$/.test(cell)).toBe(false);
      }),
    );
  });
});
