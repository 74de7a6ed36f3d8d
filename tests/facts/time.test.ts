import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linkSpelling, zoneLinks } from '../../src/facts/zone-links.js';
import { fuzzed } from '../helpers/fuzz.js';
import {
  calendarDateIn,
  compareIds,
  earliestCalendarDate,
  isCalendarDate,
  isTimeZone,
  parseInstant,
} from '../../src/facts/time.js';
import {
  endOfDayIn,
  isAmbiguousWallTime,
  nextCalendarDate,
  startOfDayIn,
  zonedTime,
} from '../../src/facts/zone.js';

const PARIS = 'Europe/Paris';

describe('parseInstant', () => {
  it('reads the true instant and keeps text and offset', () => {
    expect(parseInstant('2018-02-03T14:22:00+01:00')).toEqual({
      text: '2018-02-03T14:22:00+01:00',
      epochMs: Date.UTC(2018, 1, 3, 13, 22),
      offsetMinutes: 60,
    });
    expect(parseInstant('2018-02-04T05:00+08:00')?.epochMs).toBe(Date.UTC(2018, 1, 3, 21, 0));
    expect(parseInstant('2018-02-03T14:22:05.123456Z')?.epochMs).toBe(
      Date.UTC(2018, 1, 3, 14, 22, 5, 123),
    );
    expect(parseInstant('2018-02-03T14:22:00-05:30')).toMatchObject({ offsetMinutes: -330 });
    expect(parseInstant('2018-02-03T14:22:00-00:00')?.offsetMinutes).toBe(0);
    expect(parseInstant('2018-02-03T14:22:00+18:00')?.offsetMinutes).toBe(1080);
    expect(parseInstant('2020-02-29T00:00:00Z')).toBeDefined();
    expect(parseInstant('2000-02-29T00:00:00Z')).toBeDefined();
    expect(parseInstant('0050-06-01T00:00:00Z')?.epochMs).toBe(
      new Date('0050-06-01T00:00:00Z').getTime(),
    );
  });

  it.each([
    '2018-02-03T14:22:00', // no offset: ambiguous
    '2018-02-03 14:22:00Z',
    '2018-02-03t14:22:00z',
    '2018-02-03T14:22:00+0100',
    '2018-02-03T14:22:00+01',
    '2018-02-03T24:00:00Z',
    '2018-02-03T14:60:00Z',
    '2018-02-03T14:22:60Z',
    '2018-02-30T14:22:00Z',
    '2019-02-29T14:22:00Z',
    '1900-02-29T00:00:00Z',
    '2018-13-01T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '2018-02-03T14:22:00+18:01',
    '2018-02-03T14:22:00+01:60',
    '2018-02-03T14:22:00.Z',
    '2018-02-03',
    '',
  ])('rejects %j', (text) => {
    expect(parseInstant(text)).toBeUndefined();
  });
});

describe('isCalendarDate / isTimeZone', () => {
  it('accepts real dates only', () => {
    expect(isCalendarDate('2018-02-28')).toBe(true);
    expect(isCalendarDate('2016-02-29')).toBe(true);
    expect(isCalendarDate('2018-02-29')).toBe(false);
    expect(isCalendarDate('2018-04-31')).toBe(false);
    expect(isCalendarDate('2018-2-3')).toBe(false);
    expect(isCalendarDate('2018-02-03T00:00Z')).toBe(false);
  });
  it('accepts IANA names as the tz database spells them', () => {
    for (const zone of [
      'Europe/Paris',
      'Asia/Manila',
      'UTC',
      'America/Sao_Paulo',
      'Etc/GMT+5',
      // Links (Intl resolves them to another zone), as the tz database spells them.
      'US/Eastern',
      'Etc/UTC',
      'Asia/Calcutta',
      'America/Argentina/Buenos_Aires',
      'Europe/Kiev',
    ]) {
      expect(isTimeZone(zone)).toBe(true);
    }
    for (const zone of [
      'europe/paris',
      'EUROPE/PARIS',
      // Links that Intl resolves to another zone, in the wrong case (Intl matches any).
      'us/eastern',
      'US/EASTERN',
      'etc/utc',
      'asia/calcutta',
      'america/argentina/buenos_aires',
      'Foo/Bar',
      '+01:00',
      'UTC+1',
      '',
      ' Europe/Paris',
    ]) {
      expect(isTimeZone(zone)).toBe(false);
    }
  });
});

describe('the links isTimeZone knows the spelling of', () => {
  it('are zones this Node knows, each resolved to another zone', () => {
    const links = zoneLinks();
    expect(links.length).toBeGreaterThan(100);
    for (const link of links) {
      expect(isTimeZone(link), link).toBe(true);
      expect(isTimeZone(link.toLowerCase()), link).toBe(false);
      expect(linkSpelling(link.toUpperCase())).toBe(link);
    }
    expect(linkSpelling('Europe/Paris')).toBeUndefined();
  });
});

describe('wall clock in the case time zone', () => {
  const local = (text: string) => {
    const instant = parseInstant(text);
    if (!instant) throw new Error(text);
    return zonedTime(instant.epochMs, PARIS);
  };

  it('follows the spring-forward gap (Paris 2018-03-25 02:00 → 03:00)', () => {
    expect(local('2018-03-25T00:59:59Z')).toMatchObject({
      date: '2018-03-25',
      hour: 1,
      minute: 59,
      offsetSeconds: 3600,
    });
    expect(local('2018-03-25T01:00:00Z')).toMatchObject({
      hour: 3,
      minute: 0,
      offsetSeconds: 7200,
    });
    // 02:30 does not exist in Paris that night: written with +01:00 it is 01:30Z, shown 03:30 +02:00.
    expect(local('2018-03-25T02:30:00+01:00')).toMatchObject({
      hour: 3,
      minute: 30,
      offsetSeconds: 7200,
    });
  });

  it('tells apart the two 02:30 of the fall-back overlap (Paris 2018-10-28)', () => {
    const first = local('2018-10-28T02:30:00+02:00');
    const second = local('2018-10-28T02:30:00+01:00');
    expect(first).toMatchObject({ date: '2018-10-28', hour: 2, minute: 30, offsetSeconds: 7200 });
    expect(second).toMatchObject({ date: '2018-10-28', hour: 2, minute: 30, offsetSeconds: 3600 });
    expect(local('2018-10-28T00:59:59.999Z')).toMatchObject({
      hour: 2,
      minute: 59,
      offsetSeconds: 7200,
    });
    expect(local('2018-10-28T01:00:00Z')).toMatchObject({
      hour: 2,
      minute: 0,
      offsetSeconds: 3600,
    });
  });

  it('knows which wall times happen twice', () => {
    const ambiguous = (text: string) =>
      isAmbiguousWallTime(parseInstant(text)?.epochMs ?? 0, PARIS);
    expect(ambiguous('2018-10-28T02:00:00+02:00')).toBe(true);
    expect(ambiguous('2018-10-28T02:59:59+02:00')).toBe(true);
    expect(ambiguous('2018-10-28T02:00:00+01:00')).toBe(true);
    expect(ambiguous('2018-10-28T02:59:59+01:00')).toBe(true);
    expect(ambiguous('2018-10-28T01:59:59+02:00')).toBe(false);
    expect(ambiguous('2018-10-28T03:00:00+01:00')).toBe(false);
    expect(ambiguous('2018-03-25T03:30:00+02:00')).toBe(false);
    expect(ambiguous('2018-07-14T12:00:00+02:00')).toBe(false);
    expect(isAmbiguousWallTime(Date.UTC(2018, 9, 28, 0, 30), 'Asia/Manila')).toBe(false);
  });

  it('shows a Manila instant in Paris time', () => {
    expect(local('2018-02-04T05:00:00+08:00')).toEqual({
      date: '2018-02-03',
      hour: 22,
      minute: 0,
      second: 0,
      millisecond: 0,
      offsetSeconds: 3600,
    });
  });

  it('dates an instant by the case zone, not by its own offset', () => {
    expect(calendarDateIn(parseInstant('2018-04-01T05:00:00+08:00') ?? 0, PARIS)).toBe(
      '2018-03-31',
    );
    expect(calendarDateIn(parseInstant('2018-03-31T23:30:00Z') ?? 0, PARIS)).toBe('2018-04-01');
    expect(calendarDateIn(Date.UTC(2018, 0, 1), 'Asia/Manila')).toBe('2018-01-01');
    expect(calendarDateIn(Date.UTC(2018, 0, 1), 'America/New_York')).toBe('2017-12-31');
  });

  it('is the same with a cold and a warm offset cache, at every minute of a DST day', () => {
    const start = Date.UTC(2018, 9, 27, 20, 0);
    for (let t = start; t < start + 10 * 3_600_000; t += 60_000) {
      const parts = new Intl.DateTimeFormat('en-US', {
        timeZone: PARIS,
        hourCycle: 'h23',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(t));
      const z = zonedTime(t, PARIS);
      expect(`${String(z.hour).padStart(2, '0')}:${String(z.minute).padStart(2, '0')}`).toBe(parts);
    }
  });
});

describe('day boundaries in a zone', () => {
  it('starts and ends days around Paris DST changes', () => {
    expect(startOfDayIn('2018-03-25', PARIS)).toBe(Date.UTC(2018, 2, 24, 23, 0));
    expect(endOfDayIn('2018-03-25', PARIS)).toBe(Date.UTC(2018, 2, 25, 22, 0) - 1);
    expect(startOfDayIn('2018-10-28', PARIS)).toBe(Date.UTC(2018, 9, 27, 22, 0));
    expect(endOfDayIn('2018-10-28', PARIS)).toBe(Date.UTC(2018, 9, 28, 23, 0) - 1);
  });

  it('starts a day whose midnight is skipped at the transition (São Paulo 2018-11-04)', () => {
    expect(startOfDayIn('2018-11-04', 'America/Sao_Paulo')).toBe(Date.UTC(2018, 10, 4, 3, 0));
    expect(zonedTime(Date.UTC(2018, 10, 4, 3, 0), 'America/Sao_Paulo')).toMatchObject({
      hour: 1,
      minute: 0,
    });
  });

  it('starts a day when clocks go back at midnight (São Paulo 2018-02-18)', () => {
    // 00:00 -02:00 is the transition itself (the clock shows 23:00 again); the day starts at 00:00 -03:00.
    expect(startOfDayIn('2018-02-18', 'America/Sao_Paulo')).toBe(Date.UTC(2018, 1, 18, 3, 0));
  });

  it("ends a day at its last instant when clocks go back across midnight (St John's 2009-11-01)", () => {
    // 00:01 NDT (-02:30) back to 23:01 NST (-03:30) on 31 October: 1 November begins at
    // 02:30Z, then 31 October comes back from 02:31Z until its 23:59:59.999 NST.
    const tz = 'America/St_Johns';
    expect(startOfDayIn('2009-11-01', tz)).toBe(Date.UTC(2009, 10, 1, 2, 30));
    expect(endOfDayIn('2009-10-31', tz)).toBe(Date.UTC(2009, 10, 1, 3, 30) - 1);
    expect(zonedTime(Date.UTC(2009, 10, 1, 3, 30) - 1, tz)).toMatchObject({
      date: '2009-10-31',
      hour: 23,
      minute: 59,
    });
    expect(endOfDayIn('2009-11-01', tz)).toBe(Date.UTC(2009, 10, 2, 3, 30) - 1);
    // Back at midnight itself, the date never comes back: the day ends before the next starts.
    expect(endOfDayIn('2018-02-17', 'America/Sao_Paulo')).toBe(Date.UTC(2018, 1, 18, 3, 0) - 1);
  });

  it('steps to the next calendar date', () => {
    expect(nextCalendarDate('2018-02-28')).toBe('2018-03-01');
    expect(nextCalendarDate('2016-02-28')).toBe('2016-02-29');
    expect(nextCalendarDate('2018-12-31')).toBe('2019-01-01');
  });
});

describe('compareIds', () => {
  it('orders digit runs by value, then text, as a total order', () => {
    const ids = ['C10', 'C2', 'C1', 'C11', 'C01', 'C001', 'B9', 'C', 'C1a', 'C1-2', 'C1-10', 'T0'];
    const sorted = [...ids].sort(compareIds);
    expect(sorted).toEqual([
      'B9',
      'C',
      'C001',
      'C01',
      'C1',
      'C1-2',
      'C1-10',
      'C1a',
      'C2',
      'C10',
      'C11',
      'T0',
    ]);
    // Whatever the input order.
    expect([...ids].reverse().sort(compareIds)).toEqual(sorted);
    for (const a of ids) {
      expect(compareIds(a, a)).toBe(0);
      for (const b of ids)
        if (a !== b) expect(Math.sign(compareIds(a, b))).toBe(-Math.sign(compareIds(b, a)));
    }
  });
});

describe('earliestCalendarDate', () => {
  // The zones furthest from UTC, zones whose offsets jumped by a day or are not whole
  // hours, and one whose local mean time was almost 16 hours off (Manila before 1845).
  const ZONES = [
    'Pacific/Kiritimati',
    'Etc/GMT+12',
    'Pacific/Apia',
    'America/St_Johns',
    'Asia/Kathmandu',
    'Asia/Manila',
    'America/Juneau',
    PARIS,
    'UTC',
  ];

  it("is never after the instant's calendar date in any zone", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1800, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.constantFrom(...ZONES),
        (ms, zone) => {
          expect(earliestCalendarDate(ms) <= calendarDateIn(ms, zone)).toBe(true);
        },
      ),
      fuzzed({ numRuns: 3000, seed: 20261208 }),
    );
  });

  it('is the UTC date of the instant a day before', () => {
    expect(earliestCalendarDate(Date.UTC(2019, 0, 1, 0, 0))).toBe('2018-12-31');
    expect(earliestCalendarDate(Date.UTC(2019, 0, 1, 23, 59, 59, 999))).toBe('2018-12-31');
    expect(earliestCalendarDate(Date.UTC(2019, 0, 2))).toBe('2019-01-01');
    expect(earliestCalendarDate(Date.UTC(2020, 2, 1, 12))).toBe('2020-02-29');
    // Kiritimati (UTC+14) at 10:00 UTC is already the next day; Etc/GMT+12 at 11:00 UTC
    // still the day before: both on or after the earliest date.
    const ms = Date.UTC(2019, 5, 15, 10, 30);
    expect(calendarDateIn(ms, 'Pacific/Kiritimati')).toBe('2019-06-16');
    expect(calendarDateIn(ms, 'Etc/GMT+12')).toBe('2019-06-14');
    expect(earliestCalendarDate(ms)).toBe('2019-06-14');
  });
});
