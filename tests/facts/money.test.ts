import { describe, expect, it } from 'vitest';
import { computeFacts, findMissingRates } from '../../src/facts/index.js';
import { convertMoney, moneyToDecimalString, sumMoney } from '../../src/facts/money.js';
import { parseDecimal } from '../../src/facts/decimal.js';
import { ToolError } from '../../src/errors.js';
import { account, dossier, person, rate, transfer } from './build.js';

const r = (text: string) => parseDecimal(text) ?? { units: 0n, scale: 0 };

describe('convertMoney (half to even, exact)', () => {
  it('rounds a tie to the even cent', () => {
    // 25.00 × 0.8850 = 22.125 → 22.12 ; 25.00 × 0.8854 = 22.135 → 22.14
    expect(convertMoney({ minor: 2500n, currency: 'USD' }, r('0.8850'), 'EUR')).toEqual({
      minor: 2212n,
      currency: 'EUR',
    });
    expect(convertMoney({ minor: 2500n, currency: 'USD' }, r('0.8854'), 'EUR')).toEqual({
      minor: 2214n,
      currency: 'EUR',
    });
    // not a tie: 25.00 × 0.88502 = 22.1255 → 22.13
    expect(convertMoney({ minor: 2500n, currency: 'USD' }, r('0.88502'), 'EUR').minor).toBe(2213n);
  });

  it('converts from and to currencies without decimals (JPY)', () => {
    // 10 000 JPY × 0.0075 = 75.00 EUR; 1 234 JPY × 0.00765 = 9.4401 → 9.44
    expect(convertMoney({ minor: 10000n, currency: 'JPY' }, r('0.0075'), 'EUR').minor).toBe(7500n);
    expect(convertMoney({ minor: 1234n, currency: 'JPY' }, r('0.00765'), 'EUR').minor).toBe(944n);
    // 1.00 EUR × 130.5 = 130.5 → 130 JPY (even); 3.00 EUR × 130.5 = 391.5 → 392 JPY
    expect(convertMoney({ minor: 100n, currency: 'EUR' }, r('130.5'), 'JPY')).toEqual({
      minor: 130n,
      currency: 'JPY',
    });
    expect(convertMoney({ minor: 300n, currency: 'EUR' }, r('130.5'), 'JPY').minor).toBe(392n);
  });

  it('converts from and to a 3-decimal currency (BHD)', () => {
    // 12.345 BHD × 2.2222 = 27.4320590 → 27.43 EUR
    expect(convertMoney({ minor: 12345n, currency: 'BHD' }, r('2.2222'), 'EUR').minor).toBe(2743n);
    // 1.00 EUR × 0.4325 = 0.4325 → 0.432 BHD (even); 3.00 EUR × 0.4325 = 1.2975 → 1.298 BHD
    expect(convertMoney({ minor: 100n, currency: 'EUR' }, r('0.4325'), 'BHD').minor).toBe(432n);
    expect(convertMoney({ minor: 300n, currency: 'EUR' }, r('0.4325'), 'BHD').minor).toBe(1298n);
    // a rate with fewer decimals than the gap: 100.00 EUR × 2 = 200.000 BHD
    expect(convertMoney({ minor: 10000n, currency: 'EUR' }, r('2'), 'BHD').minor).toBe(200000n);
  });

  it('writes plain decimal strings with the currency decimals', () => {
    expect(moneyToDecimalString({ minor: 123456n, currency: 'EUR' })).toBe('1234.56');
    expect(moneyToDecimalString({ minor: 5n, currency: 'EUR' })).toBe('0.05');
    expect(moneyToDecimalString({ minor: 1235n, currency: 'JPY' })).toBe('1235');
    expect(moneyToDecimalString({ minor: 12345n, currency: 'BHD' })).toBe('12.345');
    expect(moneyToDecimalString({ minor: 1n, currency: 'CLF' })).toBe('0.0001');
  });

  it('refuses to add different currencies', () => {
    expect(() => sumMoney('EUR', [{ minor: 1n, currency: 'USD' }])).toThrow(/USD/);
  });
});

describe('conversion of transfers', () => {
  const parties = {
    persons: [person('S1'), person('F1', 'intermediary')],
    accounts: [account('WU-S1', 'S1')],
  };

  it('takes the rate by the calendar date in the case zone, not the transfer’s own offset', () => {
    const facts = computeFacts(
      dossier({
        ...parties,
        rates: [rate('USD', '2018-03-31', '0.8100'), rate('USD', '2018-04-01', '0.8200')],
        transfers: [
          // own date 03-31 (Z); Paris 2018-04-01 01:30 → rate of 04-01
          transfer('A', '2018-03-31T23:30:00Z', 'S1', 'F1', '100.00', 'USD'),
          // own date 04-01 (Manila); Paris 2018-03-31 23:00 → rate of 03-31
          transfer('B', '2018-04-01T05:00:00+08:00', 'S1', 'F1', '100.00', 'USD'),
        ],
      }),
    );
    const byId = new Map(facts.transfers.map((l) => [l.transfer.id, l] as const));
    expect(byId.get('A')).toMatchObject({
      date: '2018-04-01',
      converted: { minor: 8200n, currency: 'EUR' },
    });
    expect(byId.get('A')?.rate).toMatchObject({
      kind: 'declared',
      rate: { date: '2018-04-01', rateText: '0.8200' },
    });
    expect(byId.get('B')).toMatchObject({
      date: '2018-03-31',
      converted: { minor: 8100n, currency: 'EUR' },
    });
    expect(facts.totals.total).toEqual({ minor: 16300n, currency: 'EUR' });
    // B (21:00Z) is before A (23:30Z).
    expect(facts.transfers.map((l) => l.transfer.id)).toEqual(['B', 'A']);
  });

  it('uses the latest rate dated on or before the date; the same date counts', () => {
    const facts = computeFacts(
      dossier({
        ...parties,
        rates: [
          rate('USD', '2018-01-01', '0.80'),
          rate('USD', '2018-02-03', '0.90'),
          rate('USD', '2018-03-01', '1'),
        ],
        transfers: [
          transfer('T1', '2018-02-02T23:59:00+01:00', 'S1', 'F1', '10.00', 'USD'),
          transfer('T2', '2018-02-03T00:00:00+01:00', 'S1', 'F1', '10.00', 'USD'),
        ],
      }),
    );
    expect(facts.transfers.map((l) => l.converted?.minor)).toEqual([800n, 900n]);
  });

  it('keeps converted amounts exact on both sides of 2^53 minor units', () => {
    // A line keeps its converted amount as a number when it is a safe integer, else as
    // the Money: 2^53 - 1 cents and 2^53 + 1 cents (not a double) read back exactly.
    const facts = computeFacts(
      dossier({
        ...parties,
        rates: [rate('USD', '2018-01-01', '1')],
        transfers: [
          transfer('T1', '2018-02-03T10:00:00Z', 'S1', 'F1', '90071992547409.91', 'USD'),
          transfer('T2', '2018-02-03T11:00:00Z', 'S1', 'F1', '90071992547409.93', 'USD'),
          transfer('T3', '2018-02-03T12:00:00Z', 'S1', 'F1', '-0.01', 'USD'),
        ],
      }),
    );
    const converted = facts.transfers.map((l) => l.converted);
    expect(converted).toEqual([
      { minor: 9007199254740991n, currency: 'EUR' },
      { minor: 9007199254740993n, currency: 'EUR' },
      { minor: -1n, currency: 'EUR' },
    ]);
    expect(facts.totals.total).toEqual({ minor: 18014398509481983n, currency: 'EUR' });
  });

  it('converts the reporting currency at 1 without any rate', () => {
    const facts = computeFacts(
      dossier({
        ...parties,
        transfers: [transfer('T1', '2018-02-03T14:22:00+01:00', 'WU-S1', 'F1', '1250.50')],
      }),
    );
    expect(facts.transfers[0]).toMatchObject({
      rate: { kind: 'identity' },
      converted: { minor: 125050n },
    });
    expect(facts.totals).toMatchObject({
      all: 1,
      completed: 1,
      total: { minor: 125050n, currency: 'EUR' },
    });
  });

  it('reports in JPY and BHD when the case says so', () => {
    const jpy = computeFacts(
      dossier({
        case: { currency: 'JPY' },
        ...parties,
        rates: [rate('EUR', '2018-01-01', '130.5')],
        transfers: [
          transfer('T1', '2018-02-03T10:00:00Z', 'S1', 'F1', '1.00'),
          transfer('T2', '2018-02-04T10:00:00Z', 'S1', 'F1', '3.00'),
          transfer('T3', '2018-02-05T10:00:00Z', 'S1', 'F1', '5000', 'JPY'),
        ],
      }),
    );
    expect(jpy.transfers.map((l) => l.converted?.minor)).toEqual([130n, 392n, 5000n]);
    expect(jpy.totals.total).toEqual({ minor: 5522n, currency: 'JPY' });

    const bhd = computeFacts(
      dossier({
        case: { currency: 'BHD' },
        ...parties,
        rates: [rate('EUR', '2018-01-01', '0.4325')],
        transfers: [
          transfer('T1', '2018-02-03T10:00:00Z', 'S1', 'F1', '1.00'),
          transfer('T2', '2018-02-04T10:00:00Z', 'S1', 'F1', '3.00'),
          transfer('T3', '2018-02-05T10:00:00Z', 'S1', 'F1', '0.005', 'BHD'),
        ],
      }),
    );
    expect(bhd.totals.total).toEqual({ minor: 432n + 1298n + 5n, currency: 'BHD' });
  });

  it('counts only completed transfers; others are listed apart, converted when a rate exists', () => {
    const facts = computeFacts(
      dossier({
        ...parties,
        rates: [rate('USD', '2018-02-01', '0.8850')],
        transfers: [
          transfer('T1', '2018-02-03T10:00:00Z', 'S1', 'F1', '25.00', 'USD'),
          transfer('T2', '2018-02-03T11:00:00Z', 'S1', 'F1', '999.00', 'USD', {
            status: 'attempted',
          }),
          transfer('T3', '2018-01-03T11:00:00Z', 'S1', 'F1', '500.00', 'USD', {
            status: 'reversed',
          }),
        ],
      }),
    );
    expect(facts.totals).toMatchObject({
      all: 3,
      completed: 1,
      attempted: 1,
      reversed: 1,
      total: { minor: 2212n },
    });
    const [t3, t1, t2] = facts.transfers;
    expect(t3).toMatchObject({ counted: false, transfer: { id: 'T3' } });
    expect(t3?.converted).toBeUndefined(); // no USD rate before 2018-02-01
    expect(t1).toMatchObject({ counted: true, converted: { minor: 2212n } });
    expect(t2).toMatchObject({ counted: false, converted: { minor: 88412n } }); // 999 × 0.885 = 884.115 → 884.12
    expect(facts.totals.first?.transfer.id).toBe('T1');
    expect(facts.totals.last?.transfer.id).toBe('T1');
  });

  it('refuses to total a completed transfer without a rate, and lists it for the validator', () => {
    const d = dossier({
      ...parties,
      rates: [rate('USD', '2018-04-01', '0.82')],
      transfers: [transfer('T1', '2018-03-31T23:30:00+02:00', 'S1', 'F1', '10.00', 'USD')],
    });
    expect(() => computeFacts(d)).toThrow(ToolError);
    expect(findMissingRates(d)).toEqual([{ transfer: d.transfers[0], date: '2018-03-31' }]);
  });
});
