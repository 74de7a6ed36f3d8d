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
