import { describe, expect, it } from 'vitest';
import { computeFacts } from '../../src/facts/index.js';
import { windowMsOf, windowOf } from '../../src/facts/correlate.js';
import { formatGap } from '../../src/locale/date.js';
import { account, dossier, exchange, person, transfer } from './build.js';

const HOUR = 3_600_000;
const PAY = '2018-02-03T14:22:00+01:00'; // 13:22Z
const PAY_MS = Date.UTC(2018, 1, 3, 13, 22);
const iso = (ms: number) => new Date(ms).toISOString();

const persons = [person('S1'), person('S2'), person('F1', 'intermediary'), person('V1', 'victim')];
const accounts = [
  account('WU-S1', 'S1'),
  account('WU-X'), // nobody known to hold it
  account('SK-S1', 'S1', { kind: 'video', platform: 'Skype' }),
  account('SK-S1b', 'S1', { kind: 'video', platform: 'Skype' }),
  account('SK-F1', 'F1', { kind: 'video', platform: 'Skype' }),
  account('SK-V1', 'V1', { kind: 'video', platform: 'Skype' }),
  account('SK-ANON', undefined, { kind: 'video' }),
];

function links(d: ReturnType<typeof dossier>, windowHours?: number) {
  const facts = computeFacts(d, windowHours === undefined ? {} : { windowHours });
  return {
    pairs: facts.correlation.links.map((l) => [l.transfer.id, l.exchange.id, l.gapMs] as const),
    correlation: facts.correlation,
  };
}

describe('correlation of payments and sessions', () => {
  it('links at exactly the window boundary and not one second beyond, either side', () => {
    const d = dossier({
      persons,
      accounts,
      transfers: [transfer('T1', PAY, 'WU-S1', 'F1', '100.00')],
      exchanges: [
        exchange('AFTER_EDGE', iso(PAY_MS + 48 * HOUR), 'SK-F1', ['SK-S1']),
        exchange('AFTER_OUT', iso(PAY_MS + 48 * HOUR + 1000), 'SK-F1', ['SK-S1']),
        exchange('BEFORE_EDGE', iso(PAY_MS - 48 * HOUR), 'SK-S1', ['SK-V1']),
        exchange('BEFORE_OUT', iso(PAY_MS - 48 * HOUR - 1000), 'SK-S1', ['SK-V1']),
      ],
    });
    const { pairs, correlation } = links(d);
    expect(pairs).toEqual([
      ['T1', 'BEFORE_EDGE', -48 * HOUR],
      ['T1', 'AFTER_EDGE', 48 * HOUR],
    ]);
    expect(correlation).toMatchObject({
      windowHours: 48,
      windowMs: 48 * HOUR,
      linkedTransfers: 1,
      unlinkedTransfers: 0,
    });
  });

  it('only sessions (live_session, video_call) and only accounts the sender holds', () => {
    const d = dossier({
      persons,
      accounts,
      transfers: [transfer('T1', PAY, 'S1', 'F1', '100.00')],
      exchanges: [
        exchange('LIVE', '2018-02-03T16:52:00+01:00', 'SK-S1b', ['SK-V1']),
        exchange('VIDEO', '2018-02-04T16:52:00+01:00', 'SK-F1', ['SK-ANON', 'SK-S1'], 'video_call'),
        exchange('MSG', '2018-02-03T15:00:00+01:00', 'SK-S1', ['SK-V1'], 'message'),
        exchange('CALL', '2018-02-03T15:00:00+01:00', 'SK-S1', ['SK-V1'], 'call'),
        exchange('OTHERS', '2018-02-03T15:00:00+01:00', 'SK-F1', ['SK-V1']),
        exchange('ANON', '2018-02-03T15:00:00+01:00', 'SK-ANON', ['SK-ANON']),
      ],
    });
    expect(links(d).pairs).toEqual([
      ['T1', 'LIVE', 2.5 * HOUR],
      ['T1', 'VIDEO', 26.5 * HOUR],
    ]);
  });

  it('never links an attempted or reversed transfer', () => {
    const d = dossier({
      persons,
      accounts,
      transfers: [
        transfer('T1', PAY, 'S1', 'F1', '100.00', 'EUR', { status: 'attempted' }),
        transfer('T2', PAY, 'S1', 'F1', '100.00', 'EUR', { status: 'reversed' }),
      ],
      exchanges: [exchange('LIVE', PAY, 'SK-S1', ['SK-V1'])],
    });
    expect(links(d)).toMatchObject({
      pairs: [],
      correlation: { linkedTransfers: 0, unlinkedTransfers: 0 },
    });
  });

  it('never links a transfer from an account nobody holds', () => {
    const d = dossier({
      persons,
      accounts,
      transfers: [transfer('T1', PAY, 'WU-X', 'F1', '100.00')],
      exchanges: [
        exchange('LIVE', PAY, 'SK-ANON', ['SK-V1']),
        exchange('LIVE2', PAY, 'SK-S1', ['SK-V1']),
      ],
    });
    expect(links(d)).toMatchObject({
      pairs: [],
      correlation: { linkedTransfers: 0, unlinkedTransfers: 1 },
    });
  });

  it('links one session to two transfers, and reports each pair', () => {
    const d = dossier({
      persons,
      accounts,
      transfers: [
        transfer('T1', '2018-02-03T08:00:00+01:00', 'S1', 'F1', '50.00'),
        transfer('T2', '2018-02-03T20:00:00+01:00', 'WU-S1', 'F1', '50.00'),
        transfer('T3', '2018-02-03T20:00:00+01:00', 'S2', 'F1', '50.00'),
      ],
      exchanges: [exchange('LIVE', '2018-02-03T14:00:00+01:00', 'SK-S1', ['SK-V1'])],
    });
    expect(links(d, 12).pairs).toEqual([
      ['T1', 'LIVE', 6 * HOUR],
      ['T2', 'LIVE', -6 * HOUR],
    ]);
    expect(links(d, 12).correlation).toMatchObject({ linkedTransfers: 2, unlinkedTransfers: 1 });
    expect(links(d, 5.5).pairs).toEqual([]);
  });

  it('orders by true instant: a Manila session before a Paris payment', () => {
    const d = dossier({
      persons,
      accounts,
      transfers: [transfer('T1', '2018-02-03T22:30:00+01:00', 'S1', 'F1', '50.00')], // 21:30Z
      exchanges: [exchange('MNL', '2018-02-04T05:00:00+08:00', 'SK-S1', ['SK-V1'])], // 21:00Z
    });
    const [pair] = links(d).pairs;
    expect(pair).toEqual(['T1', 'MNL', -30 * 60_000]);
    expect(formatGap(pair?.[2] ?? 0, 'en')).toBe('\u221230\u00a0min');
  });

  it('accepts a fractional window and refuses a non-positive one', () => {
    expect(windowMsOf(0.5)).toBe(30 * 60_000);
    expect(windowMsOf(1.25)).toBe(75 * 60_000);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => windowMsOf(bad)).toThrow(RangeError);
      expect(() => computeFacts(dossier(), { windowHours: bad })).toThrow(RangeError);
    }
  });

  it('takes the window as written, to the nanosecond: 0.99999999 h is 3,599,999.964 ms', () => {
    expect(windowOf(48)).toEqual({ ms: 48 * HOUR, ns: 0 });
    expect(windowOf(0.99999999)).toEqual({ ms: 3_599_999, ns: 964_000 });
    expect(windowOf(0.5000001)).toEqual({ ms: 1_800_000, ns: 360_000 });
    // 0.0000001 h is written 1e-7 by JavaScript: 360 µs.
    expect(windowOf(0.0000001)).toEqual({ ms: 0, ns: 360_000 });
    // Below a nanosecond's worth, rounded down (gaps are whole nanoseconds).
    expect(windowOf(1e-13)).toEqual({ ms: 0, ns: 0 });
    expect(windowMsOf(0.99999999)).toBe(3_599_999);
  });

  it('links by the exact window: 1 h written 0.99999999 does not reach 1 h, 0.5000001 h reaches 0.3 ms more', () => {
    const at = (ms: number, nsTail = '') => `${iso(ms).slice(0, -1)}${nsTail}Z`;
    const d = dossier({
      persons,
      accounts,
      transfers: [transfer('T1', PAY, 'WU-S1', 'F1', '100.00')],
      exchanges: [
        exchange('HOUR', iso(PAY_MS + HOUR), 'SK-F1', ['SK-S1']),
        // 1800.0003 s after, and 1800.0003 s before.
        exchange('HALF_AFTER', at(PAY_MS + HOUR / 2, '3'), 'SK-F1', ['SK-S1']),
        exchange('HALF_BEFORE', at(PAY_MS - HOUR / 2 - 1, '7'), 'SK-F1', ['SK-S1']),
      ],
    });
    expect(links(d, 0.99999999).pairs.map((p) => p[1])).toEqual(['HALF_BEFORE', 'HALF_AFTER']);
    expect(links(d, 1).pairs.map((p) => p[1])).toEqual(['HALF_BEFORE', 'HALF_AFTER', 'HOUR']);
    expect(links(d, 0.5000001).pairs.map((p) => p[1])).toEqual(['HALF_BEFORE', 'HALF_AFTER']);
    expect(links(d, 0.5000001).correlation).toMatchObject({
      windowMs: 1_800_000,
      windowNanos: 360_000,
    });
    // 1800.00025 s either side: neither.
    expect(links(d, 0.50000007).pairs).toEqual([]);
  });
});
