// Dates joined from an xlsx date cell and a text cell (src/import/values/join-date-cells.ts).
// A review found two silent misreadings: a date cell of 1999 under "yy" written as 99 and
// read back as 2099, and a time rounding up to midnight losing its day beside a text date.
import { describe, expect, it } from 'vitest';
import { joinDateCells } from '../../src/import/values/join-date-cells.js';

describe('joinDateCells', () => {
  const parts = (format: string) => format.split(' ');

  it('a date cell and a time typed as text', () => {
    // 45296 is 2024-01-05 in the 1900 system.
    expect(
      joinDateCells([{ text: '', serial: 45296 }, { text: '14:30' }], parts('dd/MM/yy HH:mm')),
    ).toEqual({
      text: '05/01/24 14:30',
    });
  });

  it.each([
    [36525, 1999],
    [73051, 2100],
  ])(
    'a date cell of serial %s (year %s) under "yy" is a problem, not another century',
    (serial, year) => {
      const r = joinDateCells([{ text: '', serial }, { text: '14:30' }], parts('dd/MM/yy HH:mm'));
      expect(r).toEqual({
        problem: `the date cell holds a date of ${year}, which "yy" (read as 20yy) cannot show: write yyyy in the format`,
      });
    },
  );

  it('a text date and a time cell', () => {
    expect(
      joinDateCells([{ text: '05/01/2024' }, { text: '', serial: 0.5 }], parts('dd/MM/yyyy HH:mm')),
    ).toEqual({
      text: '05/01/2024 12:00',
    });
  });

  it('a time cell that rounds up to midnight beside a text date is a problem, not the same day at 00:00', () => {
    const r = joinDateCells(
      [{ text: '05/01/2024' }, { text: '', serial: 0.9999988 }],
      parts('dd/MM/yyyy HH:mm'),
    );
    expect(r).toEqual({
      problem:
        'the time cell holds 0.9999988, which rounds to midnight of the next day: the date written beside it is not that day',
    });
  });
});
