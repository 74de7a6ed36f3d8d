import { describe, expect, it } from 'vitest';
import { computeFacts } from '../../src/facts/index.js';
import { fingerprintDossier } from '../../src/facts/fingerprint.js';
import { formatZonedTime } from '../../src/locale/date.js';
import {
  account,
  at,
  charge,
  custody,
  dossier,
  exchange,
  exhibit,
  person,
  transfer,
} from './build.js';

const persons = [person('S1'), person('F1', 'intermediary')];
const accounts = [
  account('SK-S1', 'S1', { kind: 'video' }),
  account('SK-F1', 'F1', { kind: 'video' }),
];

describe('chronology', () => {
  const facts = computeFacts(
    dossier({
      persons,
      accounts,
      charges: [charge('C1', '2018-03-25', '2018-10-28')],
      evidence: [
        exhibit('E1', {
          custody: [
            custody('2018-10-28T02:30:00+01:00'),
            custody('2018-10-29T09:00:00+01:00', 'sealed'),
          ],
        }),
      ],
      transfers: [
        transfer('T2', '2018-10-28T02:30:00+02:00', 'S1', 'F1', '10.00'), // 00:30Z
        transfer('T1', '2018-03-25T02:30:00+01:00', 'S1', 'F1', '10.00'), // 01:30Z, Paris 03:30 +02:00
        transfer('T0', '2018-03-25T00:00:00+01:00', 'S1', 'F1', '10.00'), // same instant as the charge start
      ],
      exchanges: [
        exchange('X1', '2018-03-25T09:00:00+08:00', 'SK-S1', ['SK-F1'], 'live_session', {
          end: at('2018-03-25T10:00:00+08:00'),
        }), // 01:00Z – 02:00Z
        exchange('X0', '2018-03-25T00:00:00+01:00', 'SK-S1', ['SK-F1']),
      ],
    }),
  );
  const rows = facts.chronology.map(
    (e) => `${e.kind} ${e.id} ${formatZonedTime(e.local, 'fr', { offset: true })}`,
  );

  it('merges everything by true instant with the documented tie order', () => {
    expect(rows).toEqual([
      'charge-start C1 25/03/2018 00:00 UTC+01:00',
      'transfer T0 25/03/2018 00:00 UTC+01:00',
      'exchange-start X0 25/03/2018 00:00 UTC+01:00',
      'exchange-start X1 25/03/2018 03:00 UTC+02:00',
      'transfer T1 25/03/2018 03:30 UTC+02:00',
      'exchange-end X1 25/03/2018 04:00 UTC+02:00',
      'transfer T2 28/10/2018 02:30 UTC+02:00',
      'custody E1 28/10/2018 02:30 UTC+01:00',
      'charge-end C1 28/10/2018 23:59 UTC+01:00',
      'custody E1 29/10/2018 09:00 UTC+01:00',
    ]);
  });

  it('keeps the source text of instants and the dates of charge events', () => {
    const start = facts.chronology[0];
    expect(start).toMatchObject({
      kind: 'charge-start',
      date: '2018-03-25',
      epochMs: Date.UTC(2018, 2, 24, 23),
    });
    const end = facts.chronology.find((e) => e.kind === 'charge-end');
    expect(end).toMatchObject({ date: '2018-10-28', epochMs: Date.UTC(2018, 9, 28, 23) - 1 });
    const t1 = facts.chronology.find((e) => e.id === 'T1');
    expect(t1?.kind === 'transfer' && t1.instant.text).toBe('2018-03-25T02:30:00+01:00');
    const custodyEvents = facts.chronology.filter((e) => e.kind === 'custody');
    expect(
      custodyEvents.map((e) => (e.kind === 'custody' ? [e.index, e.custody.action] : [])),
    ).toEqual([
      [0, 'received'],
      [1, 'sealed'],
    ]);
  });
  it('transfer and exchange events read their record: same fields as a plain event, in JSON too', () => {
    for (const e of facts.chronology) {
      if (e.kind !== 'transfer' && e.kind !== 'exchange-start' && e.kind !== 'exchange-end')
        continue;
      const record = e.kind === 'transfer' ? e.transfer : e.exchange;
      // A transfer's event is its line (the chronology's rows read the parties there):
      // no second object per transfer.
      if (e.kind === 'transfer') {
        expect(e.line).toBe(facts.transfers.find((l) => l.transfer === e.transfer));
        expect(e).toBe(e.line);
      }
      const instant = e.kind === 'exchange-end' ? e.exchange.end! : record.at;
      expect(e.id).toBe(record.id);
      expect(e.instant).toEqual(instant);
      expect(e.epochMs).toBe(instant.epochMs);
      // A plain object with the event's fields (a transfer's amount is a bigint: no JSON
      // text), and a transfer's line's fields with them.
      const plain = (e as unknown as { toJSON(): Record<string, unknown> }).toJSON();
      const event = {
        kind: e.kind,
        id: record.id,
        epochMs: instant.epochMs,
        local: e.local,
        instant,
        [e.kind === 'transfer' ? 'transfer' : 'exchange']: record,
      };
      if (e.kind === 'transfer') {
        const l = e.line;
        expect(plain).toEqual({
          ...event,
          date: l.date,
          month: l.month,
          sender: l.sender,
          beneficiary: l.beneficiary,
          counted: l.counted,
          ...(l.rate ? { rate: l.rate } : {}),
          ...(l.converted ? { converted: l.converted } : {}),
        });
        expect(l.month).toBe(l.date.slice(0, 7));
        expect(l.counted).toBe(l.transfer.status === 'completed');
      } else expect(plain).toEqual(event);
      if (e.kind !== 'transfer')
        expect(JSON.parse(JSON.stringify(e))).toMatchObject({ kind: e.kind, id: record.id });
    }
    const x1End = facts.chronology.find((e) => e.kind === 'exchange-end');
    expect(x1End && formatZonedTime(x1End.local, 'fr', { offset: true })).toBe(
      '25/03/2018 04:00 UTC+02:00',
    );
  });

  it('transfers naming the same account or person share one party', () => {
    const [a, b] = facts.transfers;
    expect(a!.sender).toEqual({ kind: 'person', id: 'S1' });
    expect(a!.sender).toBe(b!.sender);
    expect(a!.beneficiary).toBe(b!.beneficiary);
  });
});

// Fictional records. St John's clocks went back on 2009-11-01 from 00:01 NDT to 23:01 NST
// on 31 October: T2, after T1 (1 November), is dated 31 October.
describe('chronology where clocks go back across midnight (America/St_Johns)', () => {
  it('ends a charge period at the last instant of its last date', () => {
    const facts = computeFacts(
      dossier({
        case: { timezone: 'America/St_Johns' },
        persons,
        charges: [
          charge('C1', '2009-10-01', '2009-10-31'),
          charge('C2', '2009-11-01', '2009-11-30'),
        ],
        transfers: [
          transfer('T1', '2009-11-01T02:30:30Z', 'S1', 'F1', '100.00'),
          transfer('T2', '2009-11-01T02:45:00Z', 'S1', 'F1', '1.00'),
        ],
      }),
    );
    expect(facts.chronology.map((e) => `${e.kind} ${e.id}`)).toEqual([
      'charge-start C1',
      'charge-start C2',
      'transfer T1',
      'transfer T2',
      'charge-end C1',
      'charge-end C2',
    ]);
    const end = facts.chronology.find((e) => e.kind === 'charge-end' && e.id === 'C1');
    expect(end).toMatchObject({ date: '2009-10-31', epochMs: Date.UTC(2009, 10, 1, 3, 30) - 1 });
  });
});

describe('fingerprintDossier', () => {
  const base = dossier({
    persons,
    accounts,
    transfers: [transfer('T1', '2018-02-03T14:22:00+01:00', 'S1', 'F1', '10.00')],
  });

  it('is a SHA-256 hex digest, stable across calls', () => {
    expect(fingerprintDossier(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintDossier(base)).toBe(fingerprintDossier(base));
  });

  it('ignores where records were written, the file list and the root folder', () => {
    const moved = {
      ...base,
      rootDir: '/elsewhere',
      sources: [],
      transfers: base.transfers.map((t) => ({
        ...t,
        origin: { file: 'other.yaml', path: ['transfers', 9] },
      })),
    };
    expect(fingerprintDossier(moved)).toBe(fingerprintDossier(base));
  });

  it('does not depend on key order but on every value', () => {
    const reordered = {
      ...base,
      case: Object.fromEntries(Object.entries(base.case).reverse()) as typeof base.case,
    };
    expect(fingerprintDossier(reordered)).toBe(fingerprintDossier(base));
    const t = base.transfers[0];
    if (!t) throw new Error('no transfer');
    const changed = {
      ...base,
      transfers: [{ ...t, amount: { ...t.amount, minor: t.amount.minor + 1n } }],
    };
    expect(fingerprintDossier(changed)).not.toBe(fingerprintDossier(base));
    const renamed = { ...base, case: { ...base.case, reference: '19-123-000457' } };
    expect(fingerprintDossier(renamed)).not.toBe(fingerprintDossier(base));
  });
});

describe('records of one instant are ordered by id in natural order', () => {
  const instant = '2018-05-01T10:00:00+02:00';
  const ids = ['C2', 'C11', 'C1', 'C10', 'C3', 'C01'];
  const facts = computeFacts(
    dossier({
      persons,
      accounts,
      transfers: ['T10', 'T2', 'T1', 'T11', 'T9'].map((id) =>
        transfer(id, instant, 'S1', 'F1', '10.00'),
      ),
      exchanges: ids.map((id) => exchange(id, instant, 'SK-S1', ['SK-F1'])),
    }),
  );

  it('in the chronology (digit runs by value, then text)', () => {
    expect(facts.chronology.map((e) => e.id)).toEqual([
      'T1',
      'T2',
      'T9',
      'T10',
      'T11',
      'C01',
      'C1',
      'C2',
      'C3',
      'C10',
      'C11',
    ]);
  });

  it('in the transfer lines', () => {
    expect(facts.transfers.map((l) => l.transfer.id)).toEqual(['T1', 'T2', 'T9', 'T10', 'T11']);
  });
});
