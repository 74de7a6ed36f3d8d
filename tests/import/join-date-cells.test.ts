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

  // 0.43316 of a day is 10:23:45 (rounded to the second, as a cell without fractions shows it).
  it.each([
    ['dd/MM/yyyy HH:mm', 0.43316, 'seconds', '10:23:45'],
    ['dd/MM/yyyy HH', 0.43316, 'minutes and seconds', '10:23:45'],
    ['dd/MM/yyyy HH:mm:ss', 0.4331612, 'fraction of a second', '10:23:45.128'],
    ['dd/MM/yyyy HH:mm:ss.S', 0.4331612, 'digits of a second beyond 1', '10:23:45.128'],
  ])(
    'a time cell beside a text date under "%s" is a problem when the part cannot show all of it (%s), not a cut instant',
    (format, serial, lost, shown) => {
      const r = joinDateCells(
        [{ text: '05/01/2024' }, { text: '', serial, fractionDigits: shown.includes('.') ? 3 : 0 }],
        format.split(' '),
      );
      expect(r).toEqual({
        problem: `the date cell holds the time ${shown}, whose ${lost} the format's part "${format.split(' ').slice(1).join(' ')}" does not show: the instant would be cut (add them to the format's pattern)`,
      });
    },
  );

  it('a time cell whose seconds are zero joins under a part without seconds; the part showing them keeps them', () => {
    expect(
      joinDateCells(
        [{ text: '05/01/2024' }, { text: '', serial: 0.4326388889 }],
        parts('dd/MM/yyyy HH:mm'),
      ),
    ).toEqual({ text: '05/01/2024 10:23' });
    expect(
      joinDateCells(
        [{ text: '05/01/2024' }, { text: '', serial: 0.43316 }],
        parts('dd/MM/yyyy HH:mm:ss'),
      ),
    ).toEqual({ text: '05/01/2024 10:23:45' });
  });

  it("a date cell holding a time under a part without hours gives its date alone (the time is the text cell's)", () => {
    expect(
      joinDateCells(
        [{ text: '', serial: 45296.43316 }, { text: '14:30' }],
        parts('dd/MM/yyyy HH:mm'),
      ),
    ).toEqual({ text: '05/01/2024 14:30' });
  });
});
