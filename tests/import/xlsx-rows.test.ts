import { describe, expect, it, vi } from 'vitest';
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
});
