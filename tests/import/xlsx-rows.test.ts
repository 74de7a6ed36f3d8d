import { describe, expect, it, vi } from 'vitest';
import { InterruptedError } from '../../src/errors.js';
import { Checkpoint } from '../../src/interrupt.js';
import type { TableRow } from '../../src/import/map-rows.js';
import type { Mapping } from '../../src/import/mapping/schema.js';
import { xlsx } from '../helpers/xlsx-writer.js';

/** FICTIONAL TEST DATA. The rows the xlsx reader hands to the mapping, captured. */
const rows: TableRow[] = [];
vi.mock('../../src/import/map-rows.js', () => ({
  compileMapping: () => ({
    findings: [],
    mapRow: (row: TableRow) => {
      rows.push(row);
      return [];
    },
  }),
}));
const { readXlsx } = await import('../../src/import/readers/xlsx.js');

describe('readXlsx: rows', () => {
  it('share one function placing absent cells (no closure per row), which names the cell', async () => {
    const book = xlsx('Feuil1', [
      ['Date', 'Montant', 'Note'],
      [{ date: 45352 }, undefined, 'hello'],
      [{ date: 45353 }, { n: '10' }, 'hello'],
      [undefined, { n: '10' }, 'hello'],
    ]);
    const mapping = { 'courtfile-map': 1, records: 'transfers', fields: {} } as unknown as Mapping;
    for await (const item of readXlsx(book, { mapping })) expect(item).toBeUndefined();
    expect(rows).toHaveLength(3);
    const [a, b, c] = rows as [TableRow, TableRow, TableRow];
    expect(a.absent).toBeDefined();
    expect(b.absent).toBe(a.absent);
    expect(c.absent).toBe(a.absent);
    expect(a.absent!(a, 1)).toEqual({ text: '', line: 2, column: 2, name: 'B2' });
    expect(c.absent!(c, 0)).toEqual({ text: '', line: 4, column: 1, name: 'A4' });
  });

  it('a signal while the shared strings are unpacked stops the reading before any row: InterruptedError', async () => {
    // 6,000 distinct texts: a shared-string table of 6,000 entries.
    const book = xlsx(
      'Feuil1',
      Array.from({ length: 3000 }, (_, r) => [`texte fictif ${r}`, `autre texte ${r}`]),
    );
    const mapping = { 'courtfile-map': 1, records: 'transfers', fields: {} } as unknown as Mapping;
    rows.length = 0;
    const controller = new AbortController();
    // A slice of 0 ms: every look at the clock yields to the event loop. The abort comes at
    // the third turn: after the first tick (the workbook read) and one in the strings.
    const checkpoint = new Checkpoint(controller.signal, 0);
    setImmediate(() =>
      setImmediate(() =>
        setImmediate(() => controller.abort(new InterruptedError('terminated', 'SIGTERM'))),
      ),
    );
    const read = async () => {
      for await (const item of readXlsx(book, { mapping, checkpoint }))
        expect(item).toBeUndefined();
    };
    await expect(read()).rejects.toMatchObject({ name: 'InterruptedError', signal: 'SIGTERM' });
    expect(rows).toHaveLength(0);
  });
});

// Found by a hostile-input sweep: `<row-x>` (as `<c-x>`, `<si-x>`) is a start tag of
// `row` to the pattern the reader matched elements with (`\b` after the name), and after
// the last row its `</row>` never comes: the pattern looked for it as far as the part's
// end, for each one (32,000 of them took 6.6 s). They are read as before, in linear time.
describe('readXlsx: look-alike tags, in linear time', () => {
  const mapping = { 'courtfile-map': 1, records: 'transfers', fields: {} } as unknown as Mapping;
  const lookAlikes = (name: string) => `<${name}-x></${name}-x>`.repeat(32_000);
  const sheet = (rowsXml: string) => ({
    'xl/worksheets/sheet1.xml': `<?xml version="1.0"?><worksheet><sheetData>${rowsXml}</sheetData></worksheet>`,
  });
  const header = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>';
  const values = '<row r="2"><c r="A2" t="s"><v>1</v></c></row>';
  const cases: [string, Record<string, string>][] = [
    ['<row-x> in sheetData', sheet(header + values + lookAlikes('row'))],
    [
      '<c-x> in a row',
      sheet(`${header}<row r="2"><c r="A2" t="s"><v>1</v></c>${lookAlikes('c')}</row>`),
    ],
    [
      '<si-x> in the shared strings',
      {
        ...sheet(header + values),
        'xl/sharedStrings.xml': `<?xml version="1.0"?><sst><si><t>Date</t></si><si><t>fictif</t></si>${lookAlikes('si')}</sst>`,
      },
    ],
  ];
  it.each(cases)('%s', async (_, parts) => {
    const book = xlsx('Feuil1', [['Date'], ['fictif']], parts);
    rows.length = 0;
    const started = performance.now();
    for await (const item of readXlsx(book, { mapping })) expect(item).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(rows.map((r) => [r.line, r.cells.map((c) => c?.text)])).toEqual([[2, ['fictif']]]);
  });
});

// Found by a hostile-input sweep: a custom number format's literals (`[Red]`, `"text"`)
// and its runs of `h` and `m` were read by patterns quadratic in the format's length
// (`y` and 128,000 `[` took 6 s; 64,000 `h`, 5 s). The cell's date style is as before.
describe('readXlsx: a long number format, in linear time', () => {
  const mapping = { 'courtfile-map': 1, records: 'transfers', fields: {} } as unknown as Mapping;
  it.each([
    ['y and 128,000 [', `y${'['.repeat(128_000)}`, { time: 'none', day: true, digits: 0 }],
    ['64,000 h', 'h'.repeat(64_000), { time: 'minutes', day: false, digits: 0 }],
    ['y and 64,000 m', `y${'m'.repeat(64_000)}`, { time: 'none', day: true, digits: 0 }],
  ])('%s', async (_, code, shown) => {
    const styles = `<?xml version="1.0"?><styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="${code}"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>`;
    const book = xlsx('Feuil1', [['Date'], [{ date: 45352.5 }]], { 'xl/styles.xml': styles });
    rows.length = 0;
    const started = performance.now();
    for await (const item of readXlsx(book, { mapping })) expect(item).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(rows[0]!.cells[0]).toMatchObject({
      serial: 45352.5,
      fractionDigits: shown.digits,
      timeShown: shown.time,
      dayShown: shown.day,
    });
  });
});

// Found by a review of the sweep's fixes: the quick test whether a row without `r` has a
// cell naming its row read from each `<c` to the next `>`, quadratic in a row holding a
// comment of `<c ` repeated (64,000: 4 s). The row is still the one after the last.
describe('readXlsx: a row without r holding many <c in a comment, in linear time', () => {
  const mapping = { 'courtfile-map': 1, records: 'transfers', fields: {} } as unknown as Mapping;
  it('is read in linear time', async () => {
    const sheet = `<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row><c t="s"><v>1</v></c><!--${'<c '.repeat(64_000)}--></row></sheetData></worksheet>`;
    const book = xlsx('Feuil1', [['Date'], ['fictif']], { 'xl/worksheets/sheet1.xml': sheet });
    rows.length = 0;
    const started = performance.now();
    for await (const item of readXlsx(book, { mapping })) expect(item).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(rows.map((r) => [r.line, r.cells.map((c) => c?.text)])).toEqual([[2, ['fictif']]]);
  });
});
