import { describe, expect, it } from 'vitest';
import { computeFacts } from '../../src/facts/index.js';
import { account, charge, dossier, exchange, person, rate, transfer } from './build.js';

const eur = (minor: bigint) => ({ minor, currency: 'EUR' });

/**
 * Hand computation (EUR; USD at 0.8000 from 2018-01-01):
 *   T1 03/02 S1 (via WU-S1) → F1 (via WU-F1)  100.00 EUR  money_transfer  Western Union
 *   T2 10/02 S2 → F1                           50.00 USD = 40.00  online_payment  PayPal
 *   T3 05/03 WU-X (no holder) → F1 (WU-F1)     25.00 USD = 20.00  money_transfer  Western Union
 *   T4 06/03 S1 (via WU-S1) → WU-Y (no holder) 10.00 EUR  card  (no provider)
 *   T5 attempted 999.00, T6 reversed 500.00: not counted.
 *   Total 170.00 EUR over 4 completed transfers.
 */
const facts = computeFacts(
  dossier({
    persons: [
      person('S1', 'suspect', { residence: 'FR' }),
      person('S2', 'suspect', { residence: 'GB' }),
      person('F1', 'intermediary', { residence: 'PH' }),
    ],
    accounts: [account('WU-S1', 'S1'), account('WU-F1', 'F1'), account('WU-X'), account('WU-Y')],
    rates: [rate('USD', '2018-01-01', '0.8000')],
    charges: [
      charge('C1', '2018-02-01', '2018-02-28', { suspects: ['S1', 'S2'] }),
      charge('C2', '2018-03-05', '2018-03-05', { suspects: ['S1', 'S2'] }),
      charge('C3', '2019-01-01', '2019-12-31', { suspects: ['S1', 'S2'] }),
      charge('C4', '2018-02-01', '2018-03-31', { suspects: ['S1'] }),
      charge('C5', '2018-02-01', '2018-03-31', { suspects: ['S2'] }),
    ],
    transfers: [
      transfer('T4', '2018-03-06T12:00:00+01:00', 'WU-S1', 'WU-Y', '10.00', 'EUR', {
        channel: 'card',
      }),
      transfer('T1', '2018-02-03T14:22:00+01:00', 'WU-S1', 'WU-F1', '100.00', 'EUR', {
        provider: 'Western Union',
      }),
      transfer('T2', '2018-02-10T10:00:00+01:00', 'S2', 'F1', '50.00', 'USD', {
        channel: 'online_payment',
        provider: 'PayPal',
      }),
      transfer('T3', '2018-03-05T09:00:00+01:00', 'WU-X', 'WU-F1', '25.00', 'USD', {
        provider: 'Western Union',
      }),
      transfer('T5', '2018-02-11T10:00:00+01:00', 'S1', 'F1', '999.00', 'EUR', {
        status: 'attempted',
      }),
      transfer('T6', '2018-02-12T10:00:00+01:00', 'S1', 'F1', '500.00', 'EUR', {
        status: 'reversed',
      }),
    ],
  }),
);

describe('breakdowns of completed transfers', () => {
  it('totals and counts', () => {
    expect(facts.totals).toMatchObject({
      all: 6,
      completed: 4,
      attempted: 1,
      reversed: 1,
      total: eur(17000n),
    });
    expect(facts.totals.first?.transfer.id).toBe('T1');
    expect(facts.totals.last?.transfer.id).toBe('T4');
  });

  it('resolves senders and beneficiaries through account holders', () => {
    const t1 = facts.transfers.find((l) => l.transfer.id === 'T1');
    expect(t1?.sender).toEqual({ kind: 'person', id: 'S1', account: 'WU-S1' });
    expect(t1?.beneficiary).toEqual({ kind: 'person', id: 'F1', account: 'WU-F1' });
    const t3 = facts.transfers.find((l) => l.transfer.id === 'T3');
    expect(t3?.sender).toEqual({ kind: 'account', id: 'WU-X', account: 'WU-X' });
    const t2 = facts.transfers.find((l) => l.transfer.id === 'T2');
    expect(t2?.sender).toEqual({ kind: 'person', id: 'S2' });
  });

  it('by sender and by beneficiary', () => {
    expect(facts.breakdowns.bySender).toEqual([
      { key: 'S1', kind: 'person', count: 2, total: eur(11000n) },
      { key: 'S2', kind: 'person', count: 1, total: eur(4000n) },
      { key: 'WU-X', kind: 'account', count: 1, total: eur(2000n) },
    ]);
    expect(facts.breakdowns.byBeneficiary).toEqual([
      { key: 'F1', kind: 'person', count: 3, total: eur(16000n) },
      { key: 'WU-Y', kind: 'account', count: 1, total: eur(1000n) },
    ]);
  });

  it('by beneficiary country, channel, provider', () => {
    expect(facts.breakdowns.byBeneficiaryCountry).toEqual([
      { key: 'PH', count: 3, total: eur(16000n) },
      { key: null, count: 1, total: eur(1000n) },
    ]);
    expect(facts.breakdowns.byChannel).toEqual([
      { key: 'money_transfer', count: 2, total: eur(12000n) },
      { key: 'online_payment', count: 1, total: eur(4000n) },
      { key: 'card', count: 1, total: eur(1000n) },
    ]);
    expect(facts.breakdowns.byProvider).toEqual([
      { key: 'Western Union', count: 2, total: eur(12000n) },
      { key: 'PayPal', count: 1, total: eur(4000n) },
      { key: null, count: 1, total: eur(1000n) },
    ]);
  });

  it('by original currency (in that currency and converted) and by month', () => {
    expect(facts.breakdowns.byCurrency).toEqual([
      { key: 'EUR', count: 2, total: eur(11000n), original: eur(11000n) },
      { key: 'USD', count: 2, total: eur(6000n), original: { minor: 7500n, currency: 'USD' } },
    ]);
    expect(facts.breakdowns.byMonth).toEqual([
      { key: '2018-02', count: 2, total: eur(14000n) },
      { key: '2018-03', count: 2, total: eur(3000n) },
    ]);
  });

  it("per charge: its own suspects' completed transfers in its period, inclusive, by case-zone date", () => {
    // C1 (S1, S2; February): T1 (S1 through WU-S1) 100.00 + T2 (S2) 40.00; T5, T6 not completed.
    // C2 (S1, S2; 5 March): T3 only, sent from WU-X, which nobody is known to hold: nobody's.
    // C4 (S1; February-March): T1 100.00 + T4 (S1 through WU-S1) 10.00. C5 (S2): T2 40.00.
    expect(facts.chargePeriods.map(({ charge: c, ...rest }) => ({ id: c.id, ...rest }))).toEqual([
      { id: 'C1', from: '2018-02-01', to: '2018-02-28', count: 2, total: eur(14000n) },
      { id: 'C2', from: '2018-03-05', to: '2018-03-05', count: 0, total: eur(0n) },
      { id: 'C3', from: '2019-01-01', to: '2019-12-31', count: 0, total: eur(0n) },
      { id: 'C4', from: '2018-02-01', to: '2018-03-31', count: 2, total: eur(11000n) },
      { id: 'C5', from: '2018-02-01', to: '2018-03-31', count: 1, total: eur(4000n) },
    ]);
  });

  it('a suspect named twice in a charge counts once', () => {
    const f = computeFacts(
      dossier({
        persons: [person('S1'), person('F1', 'intermediary')],
        charges: [charge('C1', '2018-02-01', '2018-02-28', { suspects: ['S1', 'S1'] })],
        transfers: [transfer('T1', '2018-02-03T14:22:00+01:00', 'S1', 'F1', '5.00')],
      }),
    );
    expect(f.chargePeriods[0]).toMatchObject({ count: 1, total: eur(500n) });
  });

  it('the period of facts spans the charges', () => {
    expect(facts.period).toEqual({ from: '2018-02-01', to: '2019-12-31', basis: 'charges' });
  });
});

describe('charge periods at the edges of a day', () => {
  it('dates by the case zone: 23:30Z on the last day is already the next day in Paris', () => {
    const f = computeFacts(
      dossier({
        persons: [person('S1'), person('F1', 'intermediary')],
        charges: [charge('C1', '2018-02-01', '2018-02-28')],
        transfers: [
          transfer('IN1', '2018-02-01T00:00:00+01:00', 'S1', 'F1', '1.00'),
          transfer('IN2', '2018-02-28T23:59:59+01:00', 'S1', 'F1', '2.00'),
          transfer('IN3', '2018-01-31T23:30:00Z', 'S1', 'F1', '4.00'), // Paris 01/02 00:30: inside
          transfer('OUT2', '2018-02-28T23:30:00Z', 'S1', 'F1', '8.00'), // Paris 01/03 00:30: outside
          transfer('OUT3', '2018-01-31T23:59:59+01:00', 'S1', 'F1', '16.00'),
        ],
      }),
    );
    expect(f.chargePeriods[0]).toMatchObject({ count: 3, total: eur(700n) });
  });

  it('without charges, the period runs from the first to the last record', () => {
    const f = computeFacts(
      dossier({
        persons: [person('S1'), person('F1', 'intermediary')],
        transfers: [
          transfer('T1', '2018-03-01T00:30:00+01:00', 'S1', 'F1', '1.00'),
          transfer('T2', '2018-02-28T23:30:00Z', 'S1', 'F1', '1.00'),
        ],
      }),
    );
    expect(f.period).toEqual({ from: '2018-03-01', to: '2018-03-01', basis: 'records' });
    expect(computeFacts(dossier()).period).toBeUndefined();
  });
});

// Fictional records. In St John's, clocks went back on 2009-11-01 from 00:01 NDT (-02:30)
// to 23:01 NST (-03:30) on 31 October: 02:31Z-03:30Z is 31 October again, after the first
// minute of 1 November (02:30Z-02:31Z). Later instants, earlier dates.
describe('clocks going back across midnight (America/St_Johns 2009-11-01)', () => {
  const persons = [person('S1'), person('S2'), person('F1', 'intermediary')];
  const transfers = [
    transfer('T1', '2009-11-01T02:30:30Z', 'S1', 'F1', '100.00'), // 1 Nov 00:00:30 NDT
    transfer('T2', '2009-11-01T02:45:00Z', 'S1', 'F1', '1.00'), // 31 Oct 23:15 NST
    transfer('T3', '2009-11-01T03:29:00Z', 'S1', 'F1', '2.00'), // 31 Oct 23:59 NST
    transfer('T4', '2009-11-01T03:30:00Z', 'S1', 'F1', '4.00'), // 1 Nov 00:00 NST
    transfer('T5', '2009-10-15T12:00:00Z', 'S2', 'F1', '8.00'), // S2's dates in order
    transfer('T6', '2009-11-02T12:00:00Z', 'S2', 'F1', '16.00'),
  ];
  const case_ = { timezone: 'America/St_Johns' };

  it('counts a transfer for the charge whose period holds its date, not its neighbour by instant', () => {
    const f = computeFacts(
      dossier({
        case: case_,
        persons,
        charges: [
          charge('C1', '2009-10-01', '2009-10-31', { suspects: ['S1', 'S2'] }),
          charge('C2', '2009-11-01', '2009-11-30', { suspects: ['S1', 'S2'] }),
          charge('C3', '2009-10-31', '2009-10-31', { suspects: ['S1'] }),
          charge('C4', '2009-11-01', '2009-11-01', { suspects: ['S1'] }),
        ],
        transfers,
      }),
    );
    expect(f.transfers.map((l) => l.date)).toEqual([
      '2009-10-15',
      '2009-11-01',
      '2009-10-31',
      '2009-10-31',
      '2009-11-01',
      '2009-11-02',
    ]);
    expect(f.chargePeriods.map((c) => [c.charge.id, c.count, c.total.minor])).toEqual([
      ['C1', 3, 1100n], // T2, T3, T5
      ['C2', 3, 12000n], // T1, T4, T6
      ['C3', 2, 300n], // T2, T3
      ['C4', 2, 10400n], // T1, T4
    ]);
  });

  it('without charges, the period runs from the earliest to the latest date', () => {
    const f = computeFacts(dossier({ case: case_, persons, transfers: transfers.slice(0, 2) }));
    expect(f.period).toEqual({ from: '2009-10-31', to: '2009-11-01', basis: 'records' });
    const g = computeFacts(
      dossier({
        case: case_,
        persons,
        exchanges: [
          exchange('X1', '2009-11-01T02:30:30Z', 'S1', ['F1']),
          exchange('X2', '2009-11-01T02:45:00Z', 'S1', ['F1']),
        ],
      }),
    );
    expect(g.period).toEqual({ from: '2009-10-31', to: '2009-11-01', basis: 'records' });
  });
});
