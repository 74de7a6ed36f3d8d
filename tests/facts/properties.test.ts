import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHRONOLOGY_KIND_RANK } from '../../src/facts/chronology.js';
import { parseDecimal, pow10 } from '../../src/facts/decimal.js';
import { computeFacts } from '../../src/facts/index.js';
import { convertMoney } from '../../src/facts/money.js';
import { exponentOf } from '../../src/facts/currencies.js';
import type { Dossier, Transfer } from '../../src/model/dossier.js';
import { account, charge, dossier, exchange, person, rate, transfer } from './build.js';

const CURRENCIES = ['EUR', 'USD', 'JPY', 'BHD', 'CLF', 'PHP'] as const;
const REPORTING = ['EUR', 'JPY', 'BHD'] as const;
const OFFSETS = ['Z', '+01:00', '+02:00', '+08:00', '-05:00', '+05:45', '-09:30'] as const;
const ZONES = ['Europe/Paris', 'Asia/Manila', 'America/New_York', 'Asia/Kathmandu'] as const;
const PARTIES = ['S1', 'S2', 'F1', 'WU-S1', 'WU-F1', 'WU-X'] as const;

const pad = (n: number) => String(n).padStart(2, '0');
const instantText = (minutes: number, offset: string) => {
  // A wall time in 2018 written with `offset` (the instant differs per offset: that is the point).
  const d = new Date(Date.UTC(2018, 0, 1) + minutes * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00${offset}`;
};
const decimalText = (units: bigint, scale: number) => {
  const s = units.toString().padStart(scale + 1, '0');
  return scale === 0 ? s : `${s.slice(0, -scale)}.${s.slice(-scale)}`;
};
const amountText = (minor: bigint, currency: string) => decimalText(minor, exponentOf(currency));

const transferArb = fc.record({
  minutes: fc.integer({ min: 0, max: 364 * 1440 }),
  offset: fc.constantFrom(...OFFSETS),
  from: fc.constantFrom(...PARTIES),
  to: fc.constantFrom(...PARTIES),
  minor: fc.bigInt({ min: 1n, max: 10n ** 12n }),
  currency: fc.constantFrom(...CURRENCIES),
  status: fc.constantFrom('completed', 'completed', 'completed', 'attempted', 'reversed'),
  channel: fc.constantFrom('money_transfer', 'card', 'crypto'),
  provider: fc.option(fc.constantFrom('Western Union', 'MoneyGram'), { nil: undefined }),
});

const dossierArb = fc
  .record({
    reporting: fc.constantFrom(...REPORTING),
    zone: fc.constantFrom(...ZONES),
    rateUnits: fc.array(fc.bigInt({ min: 1n, max: 10n ** 9n }), {
      minLength: CURRENCIES.length,
      maxLength: CURRENCIES.length,
    }),
    rateScale: fc.integer({ min: 0, max: 8 }),
    transfers: fc.array(transferArb, { maxLength: 40 }),
    sessions: fc.array(
      fc.record({
        minutes: fc.integer({ min: 0, max: 364 * 1440 }),
        offset: fc.constantFrom(...OFFSETS),
      }),
      {
        maxLength: 20,
      },
    ),
  })
  .map(({ reporting, zone, rateUnits, rateScale, transfers, sessions }): Dossier => {
    // Dated before every transfer, so every completed transfer converts.
    const rates = CURRENCIES.filter((c) => c !== reporting).map((c, i) =>
      rate(c, '2017-12-01', decimalText(rateUnits[i] ?? 1n, rateScale)),
    );
    return dossier({
      case: { currency: reporting, timezone: zone },
      persons: [
        person('S1', 'suspect', { residence: 'FR' }),
        person('S2'),
        person('F1', 'intermediary', { residence: 'PH' }),
      ],
      accounts: [
        account('WU-S1', 'S1'),
        account('WU-F1', 'F1'),
        account('WU-X'),
        account('SK-S1', 'S1'),
        account('SK-F1', 'F1'),
      ],
      charges: [
        charge('C1', '2018-01-01', '2018-06-30'),
        charge('C2', '2018-03-01', '2018-12-31', { suspects: ['S1', 'S2'] }),
        charge('C3', '2018-03-01', '2018-12-31', { suspects: ['S2'] }),
      ],
      rates,
      transfers: transfers.map((t, i): Transfer =>
        transfer(
          `T${i}`,
          instantText(t.minutes, t.offset),
          t.from,
          t.to,
          amountText(t.minor, t.currency),
          t.currency,
          {
            status: t.status as Transfer['status'],
            channel: t.channel as Transfer['channel'],
            ...(t.provider ? { provider: t.provider } : {}),
          },
        ),
      ),
      exchanges: sessions.map((s, i) =>
        exchange(`X${i}`, instantText(s.minutes, s.offset), 'SK-S1', ['SK-F1']),
      ),
    });
  });

describe('invariants of the facts', () => {
  it('the total is the exact sum of the converted completed lines, and every breakdown adds up to it', () => {
    fc.assert(
      fc.property(dossierArb, (d) => {
        const facts = computeFacts(d);
        const counted = facts.transfers.filter((l) => l.counted);
        const sum = counted.reduce((acc, l) => acc + (l.converted?.minor ?? 0n), 0n);
        expect(facts.totals.total).toEqual({ minor: sum, currency: d.case.currency });
        expect(facts.totals.completed).toBe(counted.length);
        for (const [name, rows] of Object.entries(facts.breakdowns)) {
          const rowSum = (rows as { total: { minor: bigint }; count: number }[]).reduce(
            (a, r) => a + r.total.minor,
            0n,
          );
          const rowCount = (rows as { count: number }[]).reduce((a, r) => a + r.count, 0);
          expect([name, rowSum, rowCount]).toEqual([name, sum, counted.length]);
        }
        const originalSums = facts.breakdowns.byCurrency.map((r) => [r.key, r.original.minor]);
        const expected = new Map<string, bigint>();
        for (const l of counted)
          expected.set(
            l.transfer.amount.currency,
            (expected.get(l.transfer.amount.currency) ?? 0n) + l.transfer.amount.minor,
          );
        expect(new Map(originalSums as [string, bigint][])).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it("per charge counts equal a direct filter: its suspects' completed transfers, by case-zone date", () => {
    // Who sent what, worked out here from the fixture's accounts (WU-X has no holder).
    const holders: Record<string, string | undefined> = { 'WU-S1': 'S1', 'WU-F1': 'F1' };
    const senderOf = (from: string) => (from.startsWith('WU-') ? holders[from] : from);
    fc.assert(
      fc.property(dossierArb, (d) => {
        const facts = computeFacts(d);
        for (const period of facts.chargePeriods) {
          const inside = facts.transfers.filter(
            (l) =>
              l.transfer.status === 'completed' &&
              period.charge.suspects.includes(senderOf(l.transfer.from) ?? '') &&
              l.date >= period.from &&
              l.date <= period.to,
          );
          expect(period.count).toBe(inside.length);
          expect(period.total.minor).toBe(
            inside.reduce((a, l) => a + (l.converted?.minor ?? 0n), 0n),
          );
        }
        // Same period: the charge against both suspects adds up the two suspects' figures.
        const [, both, s2] = facts.chargePeriods;
        const s1 = computeFacts({
          ...d,
          charges: [charge('C4', '2018-03-01', '2018-12-31', { suspects: ['S1'] })],
        }).chargePeriods[0];
        expect(both?.count).toBe((s1?.count ?? 0) + (s2?.count ?? 0));
        expect(both?.total.minor).toBe((s1?.total.minor ?? 0n) + (s2?.total.minor ?? 0n));
      }),
      { numRuns: 100 },
    );
  });

  it('the chronology is sorted by instant, then kind rank, then id', () => {
    fc.assert(
      fc.property(dossierArb, (d) => {
        const events = computeFacts(d).chronology;
        expect(events).toHaveLength(d.transfers.length + d.exchanges.length + 2 * d.charges.length);
        for (let i = 1; i < events.length; i++) {
          const a = events[i - 1];
          const b = events[i];
          if (!a || !b) continue;
          const key = (e: typeof a) => [e.epochMs, CHRONOLOGY_KIND_RANK[e.kind]] as const;
          const [ta, ra] = key(a);
          const [tb, rb] = key(b);
          expect(ta < tb || (ta === tb && (ra < rb || (ra === rb && a.id <= b.id)))).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('correlation equals a brute-force check of the definition', () => {
    fc.assert(
      fc.property(dossierArb, fc.double({ min: 0.01, max: 200, noNaN: true }), (d, hours) => {
        const facts = computeFacts(d, { windowHours: hours });
        const w = Math.round(hours * 3_600_000);
        const holder = new Map(d.accounts.map((a) => [a.id, a.holder] as const));
        const expected: string[] = [];
        for (const line of facts.transfers) {
          if (!line.counted || line.sender.kind !== 'person') continue;
          for (const x of d.exchanges) {
            const held = [x.from, ...x.to].some((acc) => holder.get(acc) === line.sender.id);
            const gap = x.at.epochMs - line.transfer.at.epochMs;
            if (held && Math.abs(gap) <= w) expected.push(`${line.transfer.id}>${x.id}`);
          }
        }
        const actual = facts.correlation.links.map((l) => `${l.transfer.id}>${l.exchange.id}`);
        expect(actual.sort()).toEqual(expected.sort());
      }),
      { numRuns: 100 },
    );
  });

  it('convertMoney is the nearest minor unit, ties to even', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.constantFrom(...CURRENCIES),
        fc.constantFrom(...CURRENCIES),
        fc.bigInt({ min: 1n, max: 10n ** 10n }),
        fc.integer({ min: 0, max: 10 }),
        (minor, from, to, units, scale) => {
          const result = convertMoney({ minor, currency: from }, { units, scale }, to).minor;
          // exact value × 10^k with k = e_from + scale: compare result·10^k with minor·units·10^e_to
          const k = pow10(exponentOf(from) + scale);
          const exact = minor * units * pow10(exponentOf(to));
          const diff2 = 2n * (result * k - exact); // twice the rounding error, scaled
          const abs = diff2 < 0n ? -diff2 : diff2;
          expect(abs <= k).toBe(true);
          if (abs === k) expect(result % 2n).toBe(0n);
        },
      ),
    );
  });

  it('parseDecimal reads any BigInt text exactly', () => {
    fc.assert(
      fc.property(fc.bigInt(), (n) => {
        expect(parseDecimal(String(n))).toEqual({ units: n, scale: 0 });
        expect(parseDecimal(`${String(n)}.00`)).toEqual({ units: n * 100n, scale: 2 });
      }),
    );
  });
});
