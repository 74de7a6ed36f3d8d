import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/facts/time.js';
import {
  formatDate,
  formatGap,
  formatInstant,
  formatMonth,
  formatOffset,
} from '../../src/locale/date.js';
import * as labels from '../../src/locale/labels.js';

const at = (text: string) => {
  const instant = parseInstant(text);
  if (!instant) throw new Error(text);
  return instant;
};

describe('dates', () => {
  it('follows each language', () => {
    expect(formatDate('2018-02-03', 'fr')).toBe('03/02/2018');
    expect(formatDate('2018-02-03', 'en')).toBe('3 February 2018');
    expect(formatDate('2018-02-03', 'en', 'short')).toBe('3 Feb 2018');
    expect(formatDate('2018-12-25', 'fr', 'short')).toBe('25/12/2018');
    expect(formatDate('2018-02-03', 'en', 'iso')).toBe('2018-02-03');
    expect(formatMonth('2018-09', 'fr')).toBe('09/2018');
    expect(formatMonth('2018-09', 'en')).toBe('September 2018');
    expect(formatMonth('2018-09', 'en', 'short')).toBe('Sep 2018');
  });
});

describe('instants in the case time zone', () => {
  it('shows the wall clock and the offset of that instant', () => {
    expect(formatInstant(at('2018-02-03T14:22:00+01:00'), 'Europe/Paris', 'fr')).toBe(
      '03/02/2018 14:22',
    );
    expect(formatInstant(at('2018-02-03T14:22:00+01:00'), 'Europe/Paris', 'en')).toBe(
      '3 Feb 2018 14:22',
    );
    expect(
      formatInstant(at('2018-02-03T14:22:05+01:00'), 'Europe/Paris', 'fr', {
        offset: true,
        seconds: true,
      }),
    ).toBe('03/02/2018 14:22:05 UTC+01:00');
    expect(
      formatInstant(at('2018-02-04T05:00:00+08:00'), 'Europe/Paris', 'fr', { offset: true }),
    ).toBe('03/02/2018 22:00 UTC+01:00');
    expect(
      formatInstant(at('2018-02-03T22:00:00+01:00'), 'Asia/Manila', 'en', { offset: true }),
    ).toBe('4 Feb 2018 05:00 UTC+08:00');
  });

  it('is DST-correct around the Paris changes of 2018', () => {
    const paris = (text: string) => formatInstant(at(text), 'Europe/Paris', 'fr', { offset: true });
    expect(paris('2018-03-25T01:59:00+01:00')).toBe('25/03/2018 01:59 UTC+01:00');
    expect(paris('2018-03-25T02:30:00+01:00')).toBe('25/03/2018 03:30 UTC+02:00'); // 02:30 does not exist
    expect(paris('2018-03-25T03:00:00+02:00')).toBe('25/03/2018 03:00 UTC+02:00');
    expect(paris('2018-10-28T02:30:00+02:00')).toBe('28/10/2018 02:30 UTC+02:00'); // first 02:30
    expect(paris('2018-10-28T02:30:00+01:00')).toBe('28/10/2018 02:30 UTC+01:00'); // second 02:30
    expect(paris('2018-10-28T01:30:00Z')).toBe('28/10/2018 02:30 UTC+01:00');
  });

  it('marks only the repeated hour with its offset when asked', () => {
    const paris = (text: string) =>
      formatInstant(at(text), 'Europe/Paris', 'fr', {
        offset: 'ambiguous',
        offsetStyle: 'compact',
      });
    expect(paris('2018-10-28T02:15:00+02:00')).toBe('28/10/2018 02:15 UTC+2');
    expect(paris('2018-10-28T02:45:00+01:00')).toBe('28/10/2018 02:45 UTC+1');
    expect(paris('2018-10-28T01:59:00+02:00')).toBe('28/10/2018 01:59');
    expect(paris('2018-10-28T03:00:00+01:00')).toBe('28/10/2018 03:00');
    expect(paris('2018-03-25T03:30:00+02:00')).toBe('25/03/2018 03:30'); // after a gap: one instant only
    expect(paris('2018-02-03T14:22:00+01:00')).toBe('03/02/2018 14:22');
  });

  it('writes offsets, including odd ones', () => {
    expect(formatOffset(3600, 'compact')).toBe('UTC+1');
    expect(formatOffset(20700, 'compact')).toBe('UTC+5:45');
    expect(formatOffset(-34200, 'compact')).toBe('UTC-9:30');
    expect(formatOffset(0, 'compact')).toBe('UTC+0');
    expect(formatOffset(3600)).toBe('UTC+01:00');
    expect(formatOffset(0)).toBe('UTC+00:00');
    expect(formatOffset(-34200)).toBe('UTC-09:30');
    expect(formatOffset(20700)).toBe('UTC+05:45');
    expect(formatOffset(561)).toBe('UTC+00:09:21');
  });
});

describe('gaps', () => {
  it('writes signed days and a clock', () => {
    expect(formatGap((26 * 60 + 30) * 60_000, 'en')).toBe('+1 d 02:30');
    expect(formatGap(-5 * 3_600_000, 'en')).toBe('-0 d 05:00');
    expect(formatGap((26 * 60 + 30) * 60_000, 'fr')).toBe('+1 j 02:30');
    expect(formatGap(0, 'en')).toBe('+0 d 00:00');
    expect(formatGap(48 * 3_600_000, 'en')).toBe('+2 d 00:00');
    expect(formatGap(-30_500, 'en')).toBe('-0 d 00:00:30');
  });
});

describe('labels', () => {
  it('label every value in both languages', () => {
    const tables = Object.entries(labels).filter(([name]) => name.endsWith('_LABELS'));
    expect(tables.length).toBeGreaterThanOrEqual(11);
    for (const [, table] of tables) {
      for (const label of Object.values(table as Record<string, { fr: string; en: string }>)) {
        expect(label.fr.length).toBeGreaterThan(0);
        expect(label.en.length).toBeGreaterThan(0);
      }
    }
    expect(labels.label(labels.EXCHANGE_KIND_LABELS, 'live_session', 'fr')).toBe(
      'diffusion en direct',
    );
    expect(labels.label(labels.PROCEDURE_LABELS, 'judicial', 'fr')).toBe('information judiciaire');
  });
});
