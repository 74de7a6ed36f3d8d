/**
 * Instants written with digits beyond the millisecond are ordered, windowed and checked
 * to the nanosecond written, on both ways a dossier is read: records taken over into the
 * compact tables (plain-block reader) and records copied from js-yaml's objects.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSummary } from '../../src/cli/commands/summary.js';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { computeFacts } from '../../src/facts/index.js';
import { compareInstants, parseInstant, subMsNanosOfText } from '../../src/facts/time.js';
import { ExchangeTable, plainExchange } from '../../src/model/record-table.js';
import { baseWith } from '../helpers/base-dossier.js';
import { fakeIO } from '../helpers/fake-io.js';
import { diagnosticsOf } from '../helpers/check-text.js';
import { positionOf } from '../helpers/position.js';
import { removeTempDirs, writeDossier } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

const at = (text: string) => parseInstant(text)!;

describe('parseInstant keeps the nanoseconds beyond the millisecond', () => {
  it.each([
    ['2018-03-01T09:00:00.0009Z', 900_000],
    ['2018-03-01T09:00:00.0001Z', 100_000],
    ['2018-03-01T09:00:00.123456789Z', 456_789],
    ['2018-03-01T09:00:00.000000001+01:00', 1],
    ['2018-03-01T09:00:00.1234Z', 400_000],
  ])('%s', (text, nanos) => {
    expect(at(text).subMsNanos).toBe(nanos);
    expect(subMsNanosOfText(text)).toBe(nanos);
  });

  it('leaves it out when there is none (the three-member shape of most instants)', () => {
    for (const text of [
      '2018-03-01T09:00Z',
      '2018-03-01T09:00:00.123Z',
      '2018-03-01T09:00:00.123000Z',
    ])
      expect(Object.keys(at(text))).toEqual(['text', 'epochMs', 'offsetMinutes']);
  });

  it('compares to the nanosecond', () => {
    expect(
      compareInstants(at('2018-03-01T09:00:00.0001Z'), at('2018-03-01T09:00:00.0009Z')),
    ).toBeLessThan(0);
    expect(
      compareInstants(at('2018-03-01T10:00:00.0009+01:00'), at('2018-03-01T09:00:00.0001Z')),
    ).toBeGreaterThan(0);
    expect(compareInstants(at('2018-03-01T09:00:00.00010Z'), at('2018-03-01T09:00:00.0001Z'))).toBe(
      0,
    );
    expect(
      compareInstants(at('2018-03-01T09:00:00.000999999Z'), at('2018-03-01T09:00:00.001Z')),
    ).toBeLessThan(0);
  });

  it('is kept by the exchange table and its plain copies', () => {
    const x = {
      id: 'X1',
      at: at('2018-03-01T09:00:00.0009Z'),
      end: at('2018-03-01T09:00:01Z'),
      kind: 'other' as const,
      from: 'A1',
      to: ['A2'],
      evidence: 'E1',
      origin: { file: 'd.yaml', path: ['exchanges', 0] },
    };
    const view = ExchangeTable.of([x]).view(0);
    expect(view.at.subMsNanos).toBe(900_000);
    expect(view.end?.subMsNanos).toBeUndefined();
    expect(plainExchange(view).at).toEqual(x.at);
    expect(Object.keys(plainExchange(view).end!)).toEqual(['text', 'epochMs', 'offsetMinutes']);
  });
});

const RECORDS = `transfers:
  - {id: T-1, at: "2018-03-01T09:00:00.0009Z", from: A1, to: A2, amount: 10, currency: EUR, channel: other, evidence: E1}
  - {id: T-2, at: "2018-03-01T09:00:00.0001Z", from: A1, to: A2, amount: 20, currency: EUR, channel: other, evidence: E1}
exchanges:
  - {id: X-1, at: "2018-03-03T09:00:00.0009Z", kind: live_session, from: A2, to: [A1], evidence: E1}
`;

/** BASE with the records above in place of its own (`block`: one key a line, read in place). */
function dossierText(records: string): string {
  const base = baseWith();
  return `${base.slice(0, base.indexOf('transfers:\n'))}${records}`;
}

/** The same records written one key a line (the plain-block reader's compact path). */
function asBlocks(records: string): string {
  return records.replace(/^ {2}- \{(.*)\}$/gm, (_, body: string) => {
    const pairs = body.split(/, (?=[a-z]+: )/);
    return pairs.map((p, i) => `${i === 0 ? '  - ' : '    '}${p}`).join('\n');
  });
}

async function summaryOf(text: string) {
  const dir = writeDossier({ 'dossier.yaml': text });
  const { io, out, err } = fakeIO({ env: { NO_COLOR: '1' } });
  const status = await runSummary(path.join(dir, 'dossier.yaml'), { json: true }, io);
  return { status, doc: status === 0 ? JSON.parse(out()) : undefined, err: err() };
}

describe.each([
  ['flow mappings (copied records)', (r: string) => r],
  ['block mappings (records taken over in place)', asBlocks],
])('summary --json, %s', (_, form) => {
  it('orders transfers by the nanosecond: T-2 is first', async () => {
    const { status, doc } = await summaryOf(dossierText(form(RECORDS)));
    expect(status).toBe(0);
    expect(doc.transfers.first.id).toBe('T-2');
    expect(doc.transfers.last.id).toBe('T-1');
  });

  it('links a session 48 h after to the nanosecond, not 48 h + 0.8 ms after', async () => {
    const { doc } = await summaryOf(dossierText(form(RECORDS)));
    expect(doc.correlations).toEqual([
      { transfer: 'T-1', exchange: 'X-1', person: 'P1', gap_seconds: 172800, gap: '+2 d 00:00' },
    ]);
  });

  it('does not link a session 48 h + 100 ns after; gives an exact gap inside the window', async () => {
    const records = RECORDS.replace('2018-03-03T09:00:00.0009Z', '2018-03-03T09:00:00.0001001Z');
    const { doc } = await summaryOf(dossierText(form(records)));
    expect(doc.correlations).toEqual([
      // T-1 (.0009) to X-1 (.0001001): 48 h − 0.7999 ms.
      {
        transfer: 'T-1',
        exchange: 'X-1',
        person: 'P1',
        gap_seconds: 172799.9992001,
        gap: '+1 d 23:59:59',
      },
    ]);
  });
});

describe.each([
  ['flow mappings (copied records)', (r: string) => r],
  ['block mappings (records taken over in place)', asBlocks],
])('the rules compare to the nanosecond, %s', (_, form) => {
  it('an exchange ending 800 ns before it starts is date-order, at its end', async () => {
    const end = '"2018-03-02T09:00:00.0001Z"';
    const text = dossierText(
      form(
        `${RECORDS}  - {id: X-9, at: "2018-03-02T10:00:00.0009+01:00", end: ${end}, kind: other, from: A1, to: [A2], evidence: E1}\n`,
      ),
    );
    expect(await diagnosticsOf(text)).toEqual([
      { code: 'date-order', path: ['exchanges', 1, 'end'], ...positionOf(text, end) },
    ]);
  });

  it('an exchange ending at its start to the nanosecond is valid', async () => {
    const text = dossierText(
      form(
        `${RECORDS}  - {id: X-9, at: "2018-03-02T10:00:00.0009+01:00", end: "2018-03-02T09:00:00.00090Z", kind: other, from: A1, to: [A2], evidence: E1}\n`,
      ),
    );
    expect(await diagnosticsOf(text)).toEqual([]);
  });
});

describe('custody order to the nanosecond', () => {
  const custody = (...ats: string[]) =>
    dossierText(RECORDS).replace(
      '    obtained: 2019-02-01\n',
      `    obtained: 2019-02-01\n    custody:\n${ats.map((a) => `      - { at: "${a}", action: received, by: Lt Test }\n`).join('')}`,
    );

  it('.0002Z then .0001Z is date-order at the second event', async () => {
    const text = custody('2019-02-02T10:00:00.0002Z', '2019-02-02T10:00:00.0001Z');
    expect(await diagnosticsOf(text)).toEqual([
      {
        code: 'date-order',
        path: ['evidence', 0, 'custody', 1, 'at'],
        ...positionOf(text, '"2019-02-02T10:00:00.0001Z"'),
      },
    ]);
  });

  it('.0001Z then .0002Z is valid', async () => {
    expect(
      await diagnosticsOf(custody('2019-02-02T10:00:00.0001Z', '2019-02-02T10:00:00.0002Z')),
    ).toEqual([]);
  });
});

describe('chronology to the nanosecond', () => {
  it('T-2 (.0001Z) comes before T-1 (.0009Z); a charge ends after its last nanosecond', async () => {
    const records = RECORDS.replace(
      'exchanges:\n',
      'exchanges:\n  - {id: X-0, at: "2018-12-31T23:59:59.999999999+01:00", kind: message, from: A1, to: [A2], evidence: E1}\n',
    );
    const dir = writeDossier({ 'dossier.yaml': dossierText(records) });
    const { dossier } = await checkDossier(path.join(dir, 'dossier.yaml'));
    const events = computeFacts(dossier!).chronology.map((e) => `${e.kind} ${e.id}`);
    expect(events).toEqual([
      'charge-start C1',
      'transfer T-2',
      'transfer T-1',
      'exchange-start X-1',
      'exchange-start X-0',
      'charge-end C1',
    ]);
  });
});
