import { gapText } from '../../src/facts/correlate.js';
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
    expect(formatDate('2018-02-03', 'en', 'short')).toBe('2018-02-03');
    expect(formatDate('2018-12-25', 'fr', 'short')).toBe('25/12/2018');
    expect(formatDate('2018-02-03', 'en', 'iso')).toBe('2018-02-03');
    expect(formatMonth('2018-09', 'fr')).toBe('09/2018');
    expect(formatMonth('2018-09', 'en')).toBe('September 2018');
    expect(formatMonth('2018-09', 'en', 'short')).toBe('2018-09');
  });
});

describe('instants in the case time zone', () => {
  it('shows the wall clock and the offset of that instant', () => {
    expect(formatInstant(at('2018-02-03T14:22:00+01:00'), 'Europe/Paris', 'fr')).toBe(
      '03/02/2018 14:22',
    );
    expect(formatInstant(at('2018-02-03T14:22:00+01:00'), 'Europe/Paris', 'en')).toBe(
      '2018-02-03 14:22',
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
    ).toBe('2018-02-04 05:00 UTC+08:00');
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
  const nb = (s: string) => s.replace(/ /g, '\u00a0');
  const H = 3_600_000;
  const M = 60_000;
  it('writes French gaps as `1 j 05 h 15`, English as `1 d 5 h 15 min`, with no-break spaces', () => {
    expect(formatGap(29 * H + 15 * M, 'fr')).toBe(nb('+1 j 05 h 15'));
    expect(formatGap(29 * H + 15 * M, 'en')).toBe(nb('+1 d 5 h 15 min'));
    expect(formatGap(24 * H + 48 * M, 'fr')).toBe(nb('+1 j 00 h 48'));
    expect(formatGap(24 * H + 48 * M, 'en')).toBe(nb('+1 d 48 min'));
    expect(formatGap(7 * H + 48 * M, 'fr')).toBe(nb('+7 h 48'));
    expect(formatGap(48 * H, 'en')).toBe(nb('+2 d'));
    expect(formatGap(15 * M, 'fr')).toBe(nb('+15 min'));
    expect(formatGap(12 * H + 51 * M + 18_000, 'fr')).toBe(nb('+12 h 51 min 18 s'));
    expect(formatGap(12 * H + 51 * M + 18_000, 'en')).toBe(nb('+12 h 51 min 18 s'));
    expect(formatGap(-30_500, 'fr')).toBe(nb('\u221230 s'));
  });

  it('signs earlier gaps with the minus sign U+2212, never a hyphen, and has no negative zero', () => {
    expect(formatGap(-(29 * H + 15 * M), 'fr')).toBe(nb('\u22121 j 05 h 15'));
    expect(formatGap(-(12 * H + 51 * M + 18_000), 'fr')).toBe(nb('\u221212 h 51 min 18 s'));
    expect(formatGap(-5 * H, 'en')).toBe(nb('\u22125 h'));
    for (const ms of [0, -0, -1, -999, 999]) {
      for (const lang of ['fr', 'en'] as const) expect(formatGap(ms, lang)).toBe(nb('0 min'));
    }
    for (let ms = -100 * H; ms <= 100 * H; ms += 7 * M + 13_000) {
      for (const lang of ['fr', 'en'] as const) {
        const text = formatGap(ms, lang);
        expect(text).not.toMatch(/[-\u2212]0(?!\d)|-| /);
        expect(text.startsWith('\u2212')).toBe(ms <= -1000);
      }
    }
  });

  it('keeps the ASCII form of summary --json without a negative zero', () => {
    expect(gapText((26 * 60 + 30) * M)).toBe('+1 d 02:30');
    expect(gapText(-5 * H)).toBe('-0 d 05:00');
    expect(gapText(-500)).toBe('+0 d 00:00');
    expect(gapText(-30_500)).toBe('-0 d 00:00:30');
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
