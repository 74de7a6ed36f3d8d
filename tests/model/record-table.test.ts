import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minorUnits } from '../../src/facts/currencies.js';
import { fingerprintDossier } from '../../src/facts/fingerprint.js';
import { computeFacts, summaryDocument } from '../../src/facts/index.js';
import type { Dossier, Exchange, Transfer } from '../../src/model/dossier.js';
import {
  ExchangeTable,
  TransferTable,
  plainExchange,
  plainTransfer,
} from '../../src/model/record-table.js';
import { renderDocument } from '../../src/render/index.js';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { account, at, dossier, exchange, person, rate, transfer } from '../facts/build.js';
import { EXAMPLE_DIR } from '../helpers/temp-dossier.js';
import { fuzzed } from '../helpers/fuzz.js';

/**
 * The compact form (records in column tables, read through views) against the object
 * model (one plain object per record): the same fields, the same facts, the same summary
 * JSON, the same fingerprint and the same bytes of PDF.
 */

/** The dossier with every transfer and exchange a plain object. */
const plain = (d: Dossier): Dossier => ({
  ...d,
  transfers: d.transfers.map(plainTransfer),
  exchanges: d.exchanges.map(plainExchange),
});
const plainDossier = (parts: Parameters<typeof dossier>[0]): Dossier => plain(dossier(parts));

const CURRENCIES = ['EUR', 'USD', 'JPY', 'BHD', 'CLF'] as const;
const PARTIES = ['S1', 'F1', 'WU-S1', 'WU-F1', 'WU-X'] as const;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Instant texts of every form parseInstant accepts: seconds or not, fractions, Z, ±HH:MM, -00:00. */
const instantOf = (yearArb: fc.Arbitrary<number>) =>
  fc
    .record({
      year: yearArb,
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      second: fc.option(fc.integer({ min: 0, max: 59 }), { nil: undefined }),
      fraction: fc.option(fc.stringMatching(/^[0-9]{1,9}$/), { freq: 4, nil: undefined }),
      offset: fc.constantFrom(
        'Z',
        '+00:00',
        '-00:00',
        '+01:00',
        '-05:00',
        '+05:45',
        '-09:30',
        '+14:00',
      ),
    })
    .map(({ year, month, day, hour, minute, second, fraction, offset }) => {
      let text = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`;
      if (second !== undefined) {
        text += `:${pad(second)}`;
        if (fraction !== undefined) text += `.${fraction}`;
      }
      return text + offset;
    });

/** Amount texts with an exact value in minor units: canonical, trailing zeros, `12.`, `.5`, exponents, big. */
const amountArb = fc
  .record({
    currency: fc.constantFrom(...CURRENCIES),
    units: fc.oneof(
      fc.bigInt({ min: 1n, max: 10n ** 7n }),
      fc.bigInt({ min: 1n, max: 10n ** 22n }),
    ),
    form: fc.constantFrom('exact', 'short', 'zeros', 'dot', 'exp', 'lead'),
  })
  .map(({ currency, units, form }) => {
    const e = minorUnits(currency) ?? 2;
    const digits = units.toString();
    const split = (text: string, scale: number) =>
      scale === 0
        ? text
        : `${text.padStart(scale + 1, '0').slice(0, -scale)}.${text.padStart(scale + 1, '0').slice(-scale)}`;
    switch (form) {
      case 'short': // fewer decimals than the currency has: `12.5` EUR
        return { currency, text: split(digits, Math.max(0, e - 1)) };
      case 'zeros': // more decimals, all zeros: `12.500` EUR
        return { currency, text: `${split(digits, e)}${e === 0 ? '.0' : '00'}` };
      case 'dot':
        return { currency, text: `${digits}.` };
      case 'exp':
        return { currency, text: `${digits}e0` };
      case 'lead':
        return { currency, text: `0${split(digits, e)}` };
      default:
        return { currency, text: split(digits, e) };
    }
  });

const transferOf = (instantArb: fc.Arbitrary<string>) =>
  fc.record({
    at: instantArb,
    from: fc.constantFrom(...PARTIES),
    to: fc.constantFrom(...PARTIES),
    amount: amountArb,
    status: fc.constantFrom('completed', 'completed', 'attempted', 'reversed'),
    channel: fc.constantFrom('money_transfer', 'card', 'crypto'),
    provider: fc.option(fc.constantFrom('Western Union', 'MoneyGram'), { nil: undefined }),
    reference: fc.option(fc.string({ minLength: 1, maxLength: 30 }), { nil: undefined }),
    notes: fc.option(fc.string({ minLength: 1, maxLength: 40 }), { nil: undefined }),
    source: fc.option(fc.constantFrom('row 8', 'Feuil1 row 12', 'message 1234567890123'), {
      nil: undefined,
    }),
  });

const exchangeOf = (instantArb: fc.Arbitrary<string>) =>
  fc.record({
    at: instantArb,
    end: fc.option(instantArb, { nil: undefined }),
    kind: fc.constantFrom('live_session', 'video_call', 'message', 'call'),
    platform: fc.option(fc.constantFrom('Skype', 'Messenger'), { nil: undefined }),
    to: fc.constantFrom(['SK-F1'], ['SK-F1', 'SK-S1'], ['SK-X']),
    summary: fc.option(fc.constantFrom('Session vidéo en direct.', 'Message.'), { nil: undefined }),
    source: fc.option(fc.constantFrom('line 3', 'message 1234567890123'), { nil: undefined }),
  });

/**
 * A dossier of the object model: every record a plain object (as plainTransfer makes
 * them, with `currency` beside `amount` as a loaded record has it: the fingerprint,
 * printed in documents, hashes it).
 */
const dossierOf = (instantArb: fc.Arbitrary<string>, maxLength: number) =>
  fc
    .record({
      transfers: fc.array(transferOf(instantArb), { maxLength }),
      exchanges: fc.array(exchangeOf(instantArb), { maxLength: maxLength / 2 }),
    })
    .map(({ transfers, exchanges }): Dossier =>
      plainDossier({
        persons: [person('S1'), person('F1', 'intermediary')],
        accounts: [
          account('WU-S1', 'S1'),
          account('WU-F1', 'F1'),
          account('WU-X'),
          account('SK-S1', 'S1'),
          account('SK-F1', 'F1'),
          account('SK-X'),
        ],
        rates: CURRENCIES.filter((c) => c !== 'EUR').map((c) => rate(c, '0001-01-01', '1.5')),
        transfers: transfers.map((t, i): Transfer =>
          transfer(`T${i}`, t.at, t.from, t.to, t.amount.text, t.amount.currency, {
            status: t.status as Transfer['status'],
            channel: t.channel as Transfer['channel'],
            ...(t.provider ? { provider: t.provider } : {}),
            ...(t.reference ? { reference: t.reference } : {}),
            ...(t.notes ? { notes: t.notes } : {}),
            ...(t.source ? { source: { evidence: 'E1', locator: t.source } } : {}),
          }),
        ),
        exchanges: exchanges.map((x, i): Exchange =>
          exchange(`X${i}`, x.at, 'SK-S1', [...x.to], x.kind as Exchange['kind'], {
            ...(x.end ? { end: at(x.end) } : {}),
            ...(x.platform ? { platform: x.platform } : {}),
            ...(x.summary ? { summary: x.summary } : {}),
            ...(x.source ? { source: { evidence: 'E1', locator: x.source } } : {}),
          }),
        ),
      }),
    );

/** The same dossier with its transfers and exchanges in tables, read through views. */
const compact = (d: Dossier): Dossier => ({
  ...d,
  transfers: TransferTable.of(d.transfers).views(),
  exchanges: ExchangeTable.of(d.exchanges).views(),
});

/** A record's fields without its origin (a table keeps file and list index only). */
const fields = (r: Transfer | Exchange) => {
  const { origin: _origin, ...rest } = 'amountText' in r ? plainTransfer(r) : plainExchange(r);
  return rest;
};

const summaryJson = (d: Dossier): string =>
  JSON.stringify(summaryDocument(d, computeFacts(d), fingerprintDossier(d)), (_k, v: unknown) =>
    typeof v === 'bigint' ? `${v}n` : v,
  );

/** Years 0002-9998 (every padding), or mostly a few recent years. */
const dossierArb = dossierOf(
  instantOf(fc.oneof(fc.integer({ min: 2, max: 9998 }), fc.integer({ min: 2015, max: 2020 }))),
  30,
);
/** For documents: two years (a document's timeline and chronology grow with the span). */
const documentArb = dossierOf(instantOf(fc.integer({ min: 2017, max: 2018 })), 20);

describe('compact records against the object model', () => {
  it('every field reads back as written (instant and amount texts, bigint amounts, sources)', () => {
    fc.assert(
      fc.property(dossierArb, (d) => {
        const c = compact(d);
        expect(c.transfers.map(fields)).toEqual(d.transfers.map(fields));
        expect(c.exchanges.map(fields)).toEqual(d.exchanges.map(fields));
        // The same view every time a record is read from the list (facts key maps by record).
        if (c.transfers.length > 0) expect(c.transfers[0]).toBe(c.transfers[0]);
      }),
      fuzzed({ numRuns: 300, seed: 20261202 }),
    );
  });

  /** The string pool as the rollback test reads it. */
  interface TestPool {
    readonly texts: readonly string[];
    id(text: string): number;
  }
  /** A table with its pool's index left out (compared by what it finds, above). */
  const comparable = (t: TransferTable) => {
    const { pool, ...rest } = t as unknown as { pool: { texts: readonly string[] } };
    return { ...rest, pooled: pool.texts };
  };

  it('rollback to a mark leaves a table as if the rows after it had never been added', () => {
    // A file whose plain-block reading is abandoned after its rows were added (DraftReader.streamFor).
    fc.assert(
      fc.property(dossierArb, dossierArb, fc.nat(), (d, other, at) => {
        for (const [Table, kept, dropped] of [
          [TransferTable, d.transfers, other.transfers],
          [ExchangeTable, d.exchanges, other.exchanges],
        ] as const) {
          const k = kept.length === 0 ? 0 : at % (kept.length + 1);
          const whole = (Table.of as (r: readonly unknown[]) => TransferTable)(kept);
          const table = new Table() as TransferTable;
          // The list index as `of` takes it: the origin's, else the position.
          const indexOf = (r: Transfer | Exchange, i: number) => {
            const n = r.origin.path[1];
            return r.origin.path.length === 2 && typeof n === 'number' ? n : i;
          };
          const add = (r: Transfer | Exchange, position: number) => {
            const i = indexOf(r, position);
            return Table === TransferTable
              ? table.add(
                  { ...(r as Transfer), currency: (r as Transfer).amount.currency },
                  (r as Transfer).amountText,
                  (r as Transfer).amount.minor,
                  r.origin.file,
                  i,
                )
              : (table as unknown as ExchangeTable).add(r as Exchange, r.origin.file, i);
          };
          kept.slice(0, k).forEach((r, i) => add(r, i));
          const mark = table.mark();
          dropped.forEach((r, i) => add(r, 1000 + i));
          table.rollback(mark);
          kept.slice(k).forEach((r, i) => add(r, k + i));
          expect(comparable(table.finish())).toStrictEqual(comparable(whole));
          // The pool's index (a StringTable: its seed, hashes and counters are its own)
          // finds each pooled text at its number, as the whole table's does.
          const pools = [table, whole].map((t) => (t as unknown as { pool: TestPool }).pool);
          for (const pool of pools)
            pool.texts.forEach((text, n) => expect(pool.id(`${text}`)).toBe(n));
          expect(pools[0]!.id('not pooled')).toBe(pools[1]!.id('not pooled'));
        }
      }),
      fuzzed({ numRuns: 200, seed: 20261205 }),
    );
  });

  it('gives the same facts, summary JSON and fingerprint', () => {
    fc.assert(
      fc.property(dossierArb, (d) => {
        const c = compact(d);
        expect(summaryJson(c)).toBe(summaryJson(d));
        expect(fingerprintDossier(c)).toBe(fingerprintDossier(d));
        const [fc1, fd] = [computeFacts(c), computeFacts(d)];
        expect(fc1.chronology.map((e) => [e.kind, e.id, e.epochMs])).toEqual(
          fd.chronology.map((e) => [e.kind, e.id, e.epochMs]),
        );
        expect(fc1.transfers.map((l) => [l.transfer.id, l.date, l.converted])).toEqual(
          fd.transfers.map((l) => [l.transfer.id, l.date, l.converted]),
        );
      }),
      fuzzed({ numRuns: 150, seed: 20261202 }),
    );
  });

  it('gives the same bytes of PDF (generated dossiers)', async () => {
    await fc.assert(
      fc.asyncProperty(documentArb, async (d) => {
        const c = compact(d);
        const [a, b] = await Promise.all(
          [c, d].map(async (x) =>
            Buffer.from(await renderDocument(x, computeFacts(x), { date: '2024-05-01' })),
          ),
        );
        expect(a!.equals(b!)).toBe(true);
      }),
      fuzzed({ numRuns: 4, seed: 20261202 }),
    );
  }, 120_000);

  it('the loaded example (views) and its plain copy give the same summary JSON and PDF bytes', async () => {
    const { dossier: loaded } = await checkDossier(path.join(EXAMPLE_DIR, 'dossier.yaml'));
    const views = loaded!;
    const objects = plain(views);
    expect(Object.keys(objects.transfers[0]!)).toContain('amountText');
    expect(Object.keys(views.transfers[0]!)).not.toContain('amountText');
    expect(summaryJson(views)).toBe(summaryJson(objects));
    expect(fingerprintDossier(views)).toBe(fingerprintDossier(objects));
    const [a, b] = await Promise.all(
      [views, objects].map(async (x) =>
        Buffer.from(await renderDocument(x, computeFacts(x), { date: '2024-05-01' })),
      ),
    );
    expect(a!.length).toBeGreaterThan(10_000);
    expect(a!.equals(b!)).toBe(true);
  }, 120_000);
});
