import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumberLiteral } from '../../src/load/core-scalars.js';
import { parseFast } from '../../src/load/parse-fast.js';
import {
  AccountSchema,
  ChargeSchema,
  CustodyEventSchema,
  ExchangeSchema,
  ExhibitFileSchema,
  ExhibitSchema,
  PersonSchema,
  RateSchema,
  TransferSchema,
} from '../../src/schema/dossier.js';
import type { RecordTexts } from '../../src/validate/fast-records.js';
import {
  fastAccount,
  fastCharge,
  fastExchange,
  fastExhibit,
  fastPerson,
  fastRate,
  fastTransfer,
  isId,
  recordTexts,
} from '../../src/validate/fast-records.js';
import { amountText } from '../../src/validate/rules/amount-precision.js';
import { ID_PATTERN, isDecimalWritten } from '../../src/schema/scalars.js';
import { EXAMPLE_DIR } from '../helpers/temp-dossier.js';
import { TRICKY_SCALARS } from '../helpers/yaml-mutations.js';
import { fuzzed } from '../helpers/fuzz.js';

/**
 * The fast path must never accept what the zod schema refuses, and must build exactly
 * what zod builds (same keys, same values, same key order) for what it accepts; taking
 * a record over in place (`reuse`) gives the same values, in any key order.
 */

type Item = Record<string, unknown>;

function listOf(file: string, list: string): Item[] {
  const parsed = parseFast(readFileSync(path.join(EXAMPLE_DIR, file), 'utf8'), file);
  if (!parsed.ok) throw new Error(`${file} does not parse`);
  return (parsed.value as Record<string, Item[]>)[list]!;
}

const TRANSFERS = listOf('transfers.yaml', 'transfers');
const EXCHANGES = listOf('exchanges.yaml', 'exchanges');
const ACCOUNTS = listOf('dossier.yaml', 'accounts');
const PERSONS = listOf('dossier.yaml', 'persons');
const EXHIBITS = listOf('dossier.yaml', 'evidence');
const RATES = listOf('dossier.yaml', 'rates');
/** The example's charges, and variants of them (fictional) with each optional key left out or added. */
const CHARGES: Item[] = listOf('dossier.yaml', 'charges').flatMap((c) => {
  const { victims: _v, place: _p, evidence: _e, ...bare } = c;
  return [c, bare, { ...bare, evidence: ['E1'], place: 'Paris (fictif)' }];
});

const CASES = [
  { name: 'transfers', items: TRANSFERS, fast: fastTransfer, schema: TransferSchema },
  { name: 'exchanges', items: EXCHANGES, fast: fastExchange, schema: ExchangeSchema },
  { name: 'accounts', items: ACCOUNTS, fast: fastAccount, schema: AccountSchema },
  { name: 'persons', items: PERSONS, fast: fastPerson, schema: PersonSchema },
  { name: 'exhibits', items: EXHIBITS, fast: fastExhibit, schema: ExhibitSchema },
  { name: 'charges', items: CHARGES, fast: fastCharge, schema: ChargeSchema },
  { name: 'rates', items: RATES, fast: fastRate, schema: RateSchema },
] as const;

type Schema = (typeof CASES)[number]['schema'];

/** Values a field may be replaced with: YAML scalars as js-yaml reads them, and odd shapes. */
const scalarValues = TRICKY_SCALARS.map((s) => {
  const parsed = parseFast(`v: ${s}\n`, 'x');
  return parsed.ok ? (parsed.value as Item).v : s;
});
const oddValue = fc.oneof(
  fc.constantFrom(...scalarValues),
  fc.constantFrom(
    null,
    '',
    ' ',
    'EUR',
    'eur',
    'XXX',
    'ZZZ',
    'completed',
    'reversed',
    'cash',
    'live_session',
    'money_transfer',
    'bank',
    'Bank',
    'P1',
    '2018-02-30T10:00:00Z',
    '2018-02-03T10:00:00',
    '2018-02-03T24:00:00+01:00',
    '2018-02-03T10:00+01:00',
    '2018-02-03T10:00:00.123456789-03:30',
    '12.345',
    '0.00',
    '1e3',
    '+12',
    ' 12 ',
    -5,
    0,
    Number.NaN,
    Infinity,
    1e21,
    // unquoted decimals a double cannot hold: amounts take their text, text fields refuse them
    new NumberLiteral('123456789012345678901234.56', 'inexact'),
    new NumberLiteral('12345678901234567890', 'inexact'),
    new NumberLiteral('-12345678901234567890', 'inexact'),
    new NumberLiteral('0x10', 'hexadecimal'),
    '9-bad-id',
    'A'.repeat(65),
    // texts at the length limit (100,000 characters) and one past it
    'x'.repeat(100_000),
    'x'.repeat(100_001),
    ['x'.repeat(100_001)],
    [],
    ['ACC-1'],
    ['', 'ACC-1'],
    [1],
    {},
    // values for persons' and exhibits' fields
    'victim',
    'witness',
    'FR',
    'fr',
    'XK',
    'ZZ',
    1966,
    1966.5,
    999,
    '1966',
    '1990-11-27',
    '1990-02-30',
    '1990-11-27T10:00:00Z',
    8,
    121,
    -1,
    2.5,
    'financial_record',
    'sealed',
    'exhibits/a.bin',
    'exhibits\\a.bin',
    'exhibits//a.bin',
    'exhibits/',
    '../a.bin',
    'a'.repeat(64),
    'g'.repeat(64),
    [{ path: 'exhibits/a.bin', sha256: 'a'.repeat(64) }],
    [{ path: 'exhibits/a.bin', sha256: 'a'.repeat(64), size: 12 }],
    [{ sha256: 'a'.repeat(64), path: 'exhibits/a.bin' }],
    [{ path: 'exhibits/a.bin', sha256: 'a'.repeat(63) }],
    [{ path: 'exhibits/a.bin', sha256: 'a'.repeat(64), size: -1 }],
    [{ path: 'exhibits/a.bin', sha256: 'a'.repeat(64), colour: 1 }],
    [{ at: '2019-05-25T10:40+02:00', action: 'received', by: 'Lt A. Test (fictif)' }],
    [{ at: '2019-05-25T10:40+02:00', action: 'received', by: 'Lt A. Test', note: 'n' }],
    [{ at: '2019-05-25T10:40', action: 'received', by: 'Lt A. Test' }],
    [{ at: '2019-05-25T10:40+02:00', action: 'eaten', by: 'Lt A. Test' }],
    [{ at: '2019-05-25T10:40+02:00', action: 'received', by: '' }],
    [null],
    [[]],
    // values for charges' fields
    'delit',
    'crime',
    ['227-22 CP'],
    ['P1', 'P2'],
    [''],
    { from: '2018-01-01', to: '2018-12-31' },
    { from: '2018-01-01' },
    { from: '2018-01-01', to: '2018-02-30' },
    { from: '2018-01-01', to: '2018-12-31', by: 'x' },
    { from: 20180101, to: '2018-12-31' },
    '0.0175',
    '57.12',
    0.0175,
    '2019-03-01',
    // values for `source`
    { evidence: 'E1', locator: 'row 2' },
    { locator: 'row 2', evidence: 'E1' },
    { evidence: 'E1' },
    { evidence: '', locator: 'row 2' },
    { evidence: 'E1', locator: 'row 2', extra: 1 },
    { evidence: 1, locator: 'row 2' },
  ),
  fc.string({ maxLength: 8 }),
);

/** Give `item` its own enumerable `key` (`__proto__` too, as a parsed mapping may have it). */
const put = (item: Item, key: string, value: unknown): void => {
  Object.defineProperty(item, key, { value, enumerable: true, writable: true, configurable: true });
};

/** A copy that `reuse` may complete in place without touching `item` (lists copied too). */
const copyOf = (item: Item): Item =>
  Object.fromEntries(Object.entries(item).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v]));

function expectSameAsZod(
  fast: (i: Item, reuse?: boolean, texts?: RecordTexts) => unknown,
  schema: Schema,
  item: Item,
): boolean {
  const quick = fast(item);
  const reference = schema.safeParse(item);
  if (quick !== undefined) {
    expect(reference.success, `fast path accepted what zod refuses: ${JSON.stringify(item)}`).toBe(
      true,
    );
    expect(quick).toStrictEqual(reference.data);
    expect(Object.keys(quick as object)).toEqual(Object.keys(reference.data as object));
  }
  // Taken over in place (a file without aliases), with repeated texts shared: the same
  // decision and the same values (key order aside).
  const reused = fast(copyOf(item), true, recordTexts());
  expect(reused === undefined).toBe(quick === undefined);
  if (reused !== undefined) expect(reused).toStrictEqual(reference.data);
  return quick !== undefined;
}

describe.each(CASES)('fast path for $name', ({ items, fast, schema }) => {
  it('accepts every valid record of the example dossier, with the output of zod', () => {
    expect(items.length).toBeGreaterThan(5);
    for (const item of items) expect(expectSameAsZod(fast, schema, item)).toBe(true);
  });

  it('never accepts what zod refuses, and agrees on what it accepts (random edits)', () => {
    const keys = Object.keys(schema.shape);
    const edit = fc.oneof(
      fc.record({
        op: fc.constant('set' as const),
        key: fc.constantFrom(...keys, 'colour', '__proto__'),
        value: oddValue,
      }),
      fc.record({ op: fc.constant('delete' as const), key: fc.constantFrom(...keys) }),
    );
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        fc.nat(items.length - 1),
        fc.array(edit, { minLength: 1, maxLength: 3 }),
        (n, edits) => {
          const item: Item = { ...items[n]! };
          for (const e of edits) {
            if (e.op === 'delete') delete item[e.key];
            else put(item, e.key, e.value);
          }
          if (expectSameAsZod(fast, schema, item)) accepted++;
          else refused++;
        },
      ),
      fuzzed({ numRuns: 3000, seed: 20261123 }),
    );
    // Both sides of the comparison were exercised.
    expect(accepted).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(50);
  });
});

describe('amountText', () => {
  it('is a valid amount as written: a string as it is, a number through String()', () => {
    // Only plain digits with an optional point and more digits pass the schema as a
    // string: nothing to trim nor strip, whatever is around them in the text.
    const edge = fc.constantFrom(' ', '\u00a0', '\u2009', '\t', '+', '-', '\u3000', '1', '.', 'é');
    fc.assert(
      fc.property(edge, fc.string({ unit: 'grapheme', maxLength: 8 }), edge, (a, mid, b) => {
        for (const v of [mid, `${a}${mid}`, `${mid}${b}`, `${a}${mid}${b}`]) {
          if (isDecimalWritten(v)) expect(v).toMatch(/^[0-9]+(?:\.[0-9]+)?$/);
          expect(amountText(v)).toBe(v);
        }
      }),
      fuzzed({ numRuns: 500, seed: 20261202 }),
    );
    for (const refused of [' 12.50', '12.50 ', '+12.50', '\u00a012.50', '12.', '.5', '1e3', ''])
      expect(isDecimalWritten(refused)).toBe(false);
    expect(isDecimalWritten('12.50')).toBe(true);
    expect(amountText('12.50')).toBe('12.50');
    expect(amountText(12.5)).toBe('12.5');
  });
});

describe('an unquoted amount a double cannot hold exactly', () => {
  it('is taken as its text by the fast path, as by zod', () => {
    const item: Item = {
      ...TRANSFERS[0]!,
      amount: new NumberLiteral('123456789012345678901234.56', 'inexact'),
    };
    expect(expectSameAsZod(fastTransfer, TransferSchema, item)).toBe(true);
    expect(fastTransfer(item)?.amount).toBe('123456789012345678901234.56');
    expect(fastTransfer(copyOf(item), true, recordTexts())?.amount).toBe(
      '123456789012345678901234.56',
    );
  });

  it('is refused by both in a text field', () => {
    const item: Item = {
      ...TRANSFERS[0]!,
      reference: new NumberLiteral('1234567890123456789012', 'inexact'),
    };
    expect(expectSameAsZod(fastTransfer, TransferSchema, item)).toBe(false);
    expect(TransferSchema.safeParse(item).success).toBe(false);
  });
});

describe('fast path for exhibits: edits inside their files and custody events', () => {
  it('never accepts what zod refuses, and agrees on what it accepts', () => {
    const nested = EXHIBITS.filter(
      (e) => Array.isArray(e.files) && e.files.length > 0 && Array.isArray(e.custody),
    );
    expect(nested.length).toBeGreaterThan(2);
    const keysOf = {
      files: [...Object.keys(ExhibitFileSchema.shape), 'colour', '__proto__'],
      custody: [...Object.keys(CustodyEventSchema.shape), 'colour', '__proto__'],
    };
    const edit = fc.record({
      list: fc.constantFrom('files' as const, 'custody' as const),
      at: fc.nat(3),
      key: fc.nat(5),
      remove: fc.boolean(),
      value: oddValue,
    });
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        fc.nat(nested.length - 1),
        fc.array(edit, { minLength: 1, maxLength: 3 }),
        (n, edits) => {
          const exhibit = nested[n]!;
          const item: Item = {
            ...exhibit,
            files: (exhibit.files as Item[]).map((f) => ({ ...f })),
            custody: (exhibit.custody as Item[]).map((c) => ({ ...c })),
          };
          for (const e of edits) {
            const list = item[e.list] as Item[];
            const target = list[e.at % list.length]!;
            const key = keysOf[e.list][e.key % keysOf[e.list].length]!;
            if (e.remove) delete target[key];
            else put(target, key, e.value);
          }
          if (expectSameAsZod(fastExhibit, ExhibitSchema, item)) accepted++;
          else refused++;
        },
      ),
      fuzzed({ numRuns: 2000, seed: 20261208 }),
    );
    expect(accepted).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(50);
  });
});

describe('fast paths for persons and exhibits at the edges of their fields', () => {
  // For these values the fast path takes exactly what zod takes (it falls back to zod
  // only for shapes it does not read, never for a plain value of a field it reads).
  const person = PERSONS.find((p) => p.role === 'victim')!;
  const exhibit = EXHIBITS.find((e) => Array.isArray(e.files) && Array.isArray(e.custody))!;
  const withFile = (change: Item): Item => ({
    ...exhibit,
    files: [{ ...(exhibit.files as Item[])[0]!, ...change }],
  });
  const withEvent = (change: Item): Item => ({
    ...exhibit,
    custody: [{ ...(exhibit.custody as Item[])[0]!, ...change }],
  });
  type Case = [string, (item: Item) => unknown, Schema, Item];
  const cases: Case[] = [
    ...[0, 120, 121, -1, 2.5, -0, Number.NaN].map((v): Case => [
      `age_at_facts ${v}`,
      fastPerson,
      PersonSchema,
      { ...person, age_at_facts: v },
    ]),
    ...[999, 1000, 9999, 10000, 1990.5, '0999', '1990-02-29', '1992-02-29', '1990-1-01'].map(
      (v): Case => [`born ${v}`, fastPerson, PersonSchema, { ...person, born: v }],
    ),
    ...['FR', 'PH', 'XX', 'fr', 'FRA', ''].map((v): Case => [
      `nationality ${v}`,
      fastPerson,
      PersonSchema,
      { ...person, nationality: v },
    ]),
    ...[[], ['a'], [''], ['a', 1]].map((v): Case => [
      `aliases ${JSON.stringify(v)}`,
      fastPerson,
      PersonSchema,
      { ...person, aliases: v },
    ]),
    ...[0, 1, -1, 2 ** 53, 2 ** 53 - 1, 1.5].map((v): Case => [
      `file size ${v}`,
      fastExhibit,
      ExhibitSchema,
      withFile({ size: v }),
    ]),
    ...['a.bin', 'a/b.bin', 'a\\b.bin', 'a//b', 'a/', '/abs', '../up', ''].map((v): Case => [
      `file path ${v}`,
      fastExhibit,
      ExhibitSchema,
      withFile({ path: v }),
    ]),
    ...['A'.repeat(64), 'f'.repeat(64), 'f'.repeat(65), 'x'.repeat(64)].map((v): Case => [
      `sha256 ${v.slice(0, 2)}x${v.length}`,
      fastExhibit,
      ExhibitSchema,
      withFile({ sha256: v }),
    ]),
    ...[
      '2019-05-25T10:40:00Z',
      '2019-05-25T10:40',
      '2019-02-30T10:40Z',
      '2019-05-25T10:40:00.123456789+05:45',
    ].map((v): Case => [`custody at ${v}`, fastExhibit, ExhibitSchema, withEvent({ at: v })]),
    ...['2019-02-28', '2019-02-29', '2019-2-28', 20190228].map((v): Case => [
      `obtained ${v}`,
      fastExhibit,
      ExhibitSchema,
      { ...exhibit, obtained: v },
    ]),
    ...(
      [
        ['articles', []],
        ['articles', ['227-22 CP', '']],
        ['suspects', []],
        ['victims', []],
        ['victims', ['']],
        ['period', { from: '2018-01-01', to: '2018-12-31' }],
        ['period', { from: '2018-01-01', to: '2018-12-31', by: 'x' }],
        ['period', { from: '2018-01-01' }],
        ['period', ['2018-01-01', '2018-12-31']],
        ['period', null],
        ['nature', 'Crime'],
      ] as const
    ).map(([key, v]): Case => [
      `charge ${key} ${JSON.stringify(v)}`,
      fastCharge,
      ChargeSchema,
      { ...CHARGES[0]!, [key]: v },
    ]),
    ...(
      [
        ['rate', '0'],
        ['rate', '0.0'],
        ['rate', '1e3'],
        ['rate', 57.12],
        ['rate', new NumberLiteral('123456789012345678901234.56', 'inexact')],
        ['currency', 'XXX'],
        ['currency', 'EUR'],
        ['date', '2019-02-29'],
        ['source', ''],
      ] as const
    ).map(([key, v]): Case => [
      `rate ${key} ${String(v)}`,
      fastRate,
      RateSchema,
      { ...RATES[0]!, [key]: v },
    ]),
  ];
  it.each(cases)(
    '%s: taken by the fast path exactly when zod takes it',
    (_, fast, schema, item) => {
      const quick = fast(item);
      expect(quick !== undefined).toBe(schema.safeParse(item).success);
      expectSameAsZod(fast, schema, item);
    },
  );
});

describe('isId', () => {
  it('is ID_PATTERN.test', () => {
    const idChar = fc.constantFrom(...'aZz09_.-é ÀK\n'.split(''), '\u212A', '\u0130');
    fc.assert(
      fc.property(
        fc.array(idChar, { maxLength: 70 }).map((a) => a.join('')),
        (s) => {
          expect(isId(s)).toBe(ID_PATTERN.test(s));
        },
      ),
      fuzzed({ numRuns: 5000, seed: 20261208 }),
    );
    for (const s of ['A', 'a'.repeat(64), 'a'.repeat(65), '9A', '-A', 'A-', 'A\n', '', 'T-000001'])
      expect(isId(s), JSON.stringify(s)).toBe(ID_PATTERN.test(s));
    expect(isId(42)).toBe(false);
  });
});
