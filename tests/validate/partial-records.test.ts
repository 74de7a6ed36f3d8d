/**
 * A record that fails its schema still has its record-level rules run on the fields
 * that passed theirs (date-order, amount-precision, missing-rate...): one run reports
 * all of its problems, none twice, and none from a field that failed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Code } from '../../src/diagnostics/codes.js';
import type { PathSegment } from '../../src/model/dossier.js';
import { BASE, baseWith } from '../helpers/base-dossier.js';
import { positionAt } from '../helpers/position.js';
import { checkedText, diagnosticsOf } from '../helpers/check-text.js';
import { removeTempDirs } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

/** The code and path of every diagnostic of a one-file dossier. */
const codes = async (text: string) => (await checkedText(text)).map((d) => [d.code, d.path]);

/** The record of each list in BASE that a case replaces. */
const BASE_RECORD = {
  transfers:
    '  - id: T1\n    at: 2018-02-03T14:22:00+01:00\n    from: P1\n    to: A2\n    amount: 45.00\n    currency: EUR\n    channel: money_transfer\n    evidence: E1\n',
  exchanges:
    '  - id: X1\n    at: 2018-02-03T15:00:00+01:00\n    kind: message\n    from: A1\n    to: [A2]\n    evidence: E1\n',
  charges:
    '  - id: C1\n    qualification: Corruption de mineur\n    articles: ["227-22 CP"]\n    nature: delit\n    suspects: [P1]\n    victims: [V1]\n    period: { from: 2018-01-01, to: 2018-12-31 }\n',
  evidence:
    '  - id: E1\n    title: Relevés\n    kind: financial_record\n    source: Banque\n    obtained: 2019-02-01\n',
} as const;

type List = keyof typeof BASE_RECORD;

/** A record's fields as written (key, YAML text of the value), in a block or a flow mapping. */
function recordText(fields: readonly (readonly [string, string])[], flow: boolean): string {
  const pairs = fields.map(([k, v]) => `${k}: ${v}`);
  return flow ? `  - {${pairs.join(', ')}}\n` : `  - ${pairs.join('\n    ')}\n`;
}

/** `at` for a finding at the record's mapping (its `{`, or its first key). */
const MAPPING = '';

interface Expected {
  readonly code: Code;
  readonly path: readonly PathSegment[];
  /** The text written at the reported node: found after `after` (default: the path's key), in the record. */
  readonly at: string;
  readonly after?: string;
}

interface Case {
  readonly name: string;
  readonly list: List;
  readonly fields: readonly (readonly [string, string])[];
  readonly expect: readonly Expected[];
}

const T1 = (
  channel: string,
  notes?: string,
  currency = 'USD',
  at = '"2018-03-01T10:00:00+01:00"',
) =>
  [
    ['id', 'T1'],
    ['at', at],
    ['from', 'A1'],
    ['to', 'A2'],
    ['amount', '10.001'],
    ['currency', currency],
    ['channel', channel],
    ['evidence', 'E1'],
    ...(notes === undefined ? [] : [['notes', notes] as const]),
  ] as const;

const CASES: readonly Case[] = [
  {
    name: 'a transfer with a bad channel: amount-precision and missing-rate too',
    list: 'transfers',
    fields: T1('foo'),
    expect: [
      { code: 'amount-precision', path: ['transfers', 0, 'amount'], at: '10.001' },
      { code: 'missing-rate', path: ['transfers', 0, 'currency'], at: 'USD' },
      { code: 'invalid-value', path: ['transfers', 0, 'channel'], at: 'foo' },
    ],
  },
  {
    name: 'a transfer with notes: 5: amount-precision and missing-rate too',
    list: 'transfers',
    fields: T1('cash', '5'),
    expect: [
      { code: 'amount-precision', path: ['transfers', 0, 'amount'], at: '10.001' },
      { code: 'missing-rate', path: ['transfers', 0, 'currency'], at: 'USD' },
      { code: 'invalid-type', path: ['transfers', 0, 'notes'], at: '5' },
    ],
  },
  {
    name: 'a charge with place: 3 and a period that ends before it starts',
    list: 'charges',
    fields: [
      ['id', 'C1'],
      ['qualification', 'Corruption de mineur'],
      ['articles', '["227-22 CP"]'],
      ['nature', 'delit'],
      ['suspects', '[P1]'],
      ['period', '{from: 2018-12-31, to: 2018-01-01}'],
      ['place', '3'],
    ],
    expect: [
      { code: 'date-order', path: ['charges', 0, 'period', 'to'], at: '2018-01-01' },
      { code: 'invalid-type', path: ['charges', 0, 'place'], at: '3' },
    ],
  },
  {
    name: 'an exchange with platform: 7 that ends before it starts',
    list: 'exchanges',
    fields: [
      ['id', 'X1'],
      ['at', '"2018-02-03T15:00:00+01:00"'],
      ['end', '"2018-02-03T14:00:00+01:00"'],
      ['kind', 'call'],
      ['platform', '7'],
      ['from', 'A1'],
      ['to', '[A2]'],
      ['evidence', 'E1'],
    ],
    expect: [
      { code: 'date-order', path: ['exchanges', 0, 'end'], at: '"2018-02-03T14:00:00+01:00"' },
      { code: 'invalid-type', path: ['exchanges', 0, 'platform'], at: '7' },
    ],
  },
  {
    name: 'an exhibit with seal: 5 and a custody event before it was obtained',
    list: 'evidence',
    fields: [
      ['id', 'E1'],
      ['title', 'Relevés'],
      ['kind', 'financial_record'],
      ['source', 'Banque'],
      ['obtained', '2019-02-01'],
      ['seal', '5'],
      ['custody', '[{at: "2019-01-15T10:00:00+01:00", action: received, by: Lt Test}]'],
    ],
    expect: [
      { code: 'invalid-type', path: ['evidence', 0, 'seal'], at: '5' },
      {
        code: 'date-order',
        path: ['evidence', 0, 'custody', 0, 'at'],
        at: '"2019-01-15T10:00:00+01:00"',
      },
    ],
  },
  {
    name: 'a transfer with a misspelt key and no channel: amount-precision and missing-rate too',
    list: 'transfers',
    fields: [...T1('cash').filter(([k]) => k !== 'channel'), ['chanel', 'cash']],
    expect: [
      { code: 'required', path: ['transfers', 0, 'channel'], at: MAPPING },
      { code: 'amount-precision', path: ['transfers', 0, 'amount'], at: '10.001' },
      { code: 'missing-rate', path: ['transfers', 0, 'currency'], at: 'USD' },
      { code: 'unknown-key', path: ['transfers', 0, 'chanel'], at: 'chanel', after: '' },
    ],
  },
  // The failing field is one the rule needs: the rule gives nothing for that record (the
  // rules that need only fields that passed still run).
  {
    name: 'a transfer whose currency fails: no amount-precision, no missing-rate',
    list: 'transfers',
    fields: T1('cash', undefined, 'usd', '"0001-01-01T00:00:00+01:00"'),
    expect: [
      { code: 'invalid-value', path: ['transfers', 0, 'at'], at: '"0001-01-01T00:00:00+01:00"' },
      { code: 'invalid-value', path: ['transfers', 0, 'currency'], at: 'usd' },
    ],
  },
  {
    name: 'an exchange whose end fails (no offset): no date-order',
    list: 'exchanges',
    fields: [
      ['id', 'X1'],
      ['at', '"9999-12-31T23:30:00Z"'],
      ['end', '"2018-02-03T14:00:00"'],
      ['kind', 'call'],
      ['from', 'A1'],
      ['to', '[A2]'],
      ['evidence', 'E1'],
    ],
    expect: [
      // In Paris, 10000-01-01 00:30: outside the years (its `at` passed its schema).
      { code: 'invalid-value', path: ['exchanges', 0, 'at'], at: '"9999-12-31T23:30:00Z"' },
      { code: 'invalid-value', path: ['exchanges', 0, 'end'], at: '"2018-02-03T14:00:00"' },
    ],
  },
  {
    name: 'a charge whose period fails: no date-order',
    list: 'charges',
    fields: [
      ['id', 'C1'],
      ['qualification', 'Corruption de mineur'],
      ['articles', '["227-22 CP"]'],
      ['nature', 'crime'],
      ['suspects', '[P1]'],
      ['period', '{from: 2018-12-31, to: 2018-02-30}'],
    ],
    expect: [
      // A crime referred to the tribunal correctionnel: a warning (its nature passed).
      { code: 'jurisdiction', path: ['charges', 0, 'nature'], at: 'crime' },
      { code: 'invalid-value', path: ['charges', 0, 'period', 'to'], at: '2018-02-30' },
    ],
  },
  {
    name: 'an exhibit whose custody fails: no date-order',
    list: 'evidence',
    fields: [
      ['id', 'E1'],
      ['title', 'Relevés'],
      ['kind', 'financial_record'],
      ['source', 'Banque'],
      ['obtained', '2019-02-01'],
      ['files', `[{path: ../outside.pdf, sha256: "${'0'.repeat(64)}"}]`],
      ['custody', '[{at: "2019-01-15T10:00:00+01:00", action: lost, by: Lt Test}]'],
    ],
    expect: [
      { code: 'path-outside', path: ['evidence', 0, 'files', 0, 'path'], at: '../outside.pdf' },
      { code: 'invalid-value', path: ['evidence', 0, 'custody', 0, 'action'], at: 'lost' },
    ],
  },
];

/** Where `e` is reported: its text, after its key, in the record starting at `start`. */
function expectedAt(text: string, start: number, e: Expected) {
  if (e.at === MAPPING) return { code: e.code, path: e.path, ...positionAt(text, start + 4) };
  const key = e.after ?? `${String(e.path[e.path.length - 1])}: `;
  const keyAt = text.indexOf(key, start);
  const at = text.indexOf(e.at, keyAt);
  if (keyAt < 0 || at < 0) throw new Error(`${e.at} not found`);
  return { code: e.code, path: e.path, ...positionAt(text, at) };
}

describe.each([
  ['block mapping', false],
  ['flow mapping', true],
])('%s', (_, flow) => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const record = recordText(c.fields, flow);
    const text = baseWith([BASE_RECORD[c.list], record]);
    const start = text.indexOf(record);
    // The custody event's `at` is the first `at: ` after the record's own keys.
    const expected = c.expect.map((e) =>
      expectedAt(text, start, e.path[3] === 'at' ? { ...e, after: 'custody: ' } : e),
    );
    const found = await diagnosticsOf(text);
    expect(found).toEqual([...expected].sort((a, b) => a.line - b.line || a.column - b.column));
  });
});

it('the base dossier is valid (the cases above change one record)', async () => {
  expect(await diagnosticsOf(BASE)).toEqual([]);
});

// A charge that is not even a mapping may be a crime: the jurisdiction error ("every
// charge is a délit") was still given for a case referred to the cour d'assises.
it('a charge that is not a mapping leaves the referral to the cour d’assises unjudged', async () => {
  const base = baseWith(['referral: tribunal_correctionnel', 'referral: cour_assises']);
  expect(await codes(base)).toEqual([['jurisdiction', ['case', 'referral']]]);
  const withString = base.replace('evidence:\n  - id: E1', '  - C2\nevidence:\n  - id: E1');
  expect(withString).not.toBe(base);
  expect(await codes(withString)).toEqual([['invalid-type', ['charges', 1]]]);
});

// A victim whose record fails its schema (here a birth date that is not a date) is still a
// victim by the fields that passed: a note that names her is still warned about.
it('a victim record that fails its schema still has its name looked for in the texts', async () => {
  const named = baseWith(
    ['    pseudonym: Victime A\n', '    pseudonym: Victime A\n    name: Quillane Zorbetti\n'],
    ['    source: Banque\n', '    source: Banque (compte de Quillane Zorbetti)\n'],
  );
  expect(await codes(named)).toEqual([['victim-identity', ['evidence', 0, 'source']]]);
  const failing = named.replace(
    '    age_at_facts: 9\n',
    '    age_at_facts: 9\n    born: 2009-02-30\n',
  );
  expect(failing).not.toBe(named);
  expect(await codes(failing)).toEqual([
    ['invalid-value', ['persons', 1, 'born']],
    ['victim-identity', ['evidence', 0, 'source']],
  ]);
});

// A case block that fails its schema (here its time zone) still has its referral judged
// against the charges, and its texts looked at for a victim's name, by the fields that
// passed: fixing the time zone must not bring a new warning.
describe('a case block that fails its schema', () => {
  const found = async (text: string) =>
    (await checkedText(text)).map((d) => ({
      code: d.code,
      severity: d.severity,
      line: d.line,
      column: d.column,
    }));
  const badZone = [
    '  opened: 2019-01-21\n',
    '  opened: 2019-01-21\n  timezone: Mars/Olympus\n',
  ] as const;
  const at = (text: string, after: string, find: string) =>
    positionAt(text, text.indexOf(find, text.indexOf(after)));

  it('a crime at the tribunal correctionnel: the warning comes with the time zone error', async () => {
    const text = baseWith(badZone, ['nature: delit', 'nature: crime']);
    expect(await found(text)).toEqual([
      { code: 'invalid-value', severity: 'error', ...at(text, 'timezone: ', 'Mars/Olympus') },
      { code: 'jurisdiction', severity: 'warning', ...at(text, 'nature: ', 'crime') },
    ]);
  });

  it('the cour d’assises with only délits: the error comes with the time zone error', async () => {
    const text = baseWith(badZone, ['referral: tribunal_correctionnel', 'referral: cour_assises']);
    expect(await found(text)).toEqual([
      { code: 'jurisdiction', severity: 'error', ...at(text, 'referral: ', 'cour_assises') },
      { code: 'invalid-value', severity: 'error', ...at(text, 'timezone: ', 'Mars/Olympus') },
    ]);
  });

  it('with an unknown key too (left out, as in records)', async () => {
    const text = baseWith(
      ['  opened: 2019-01-21\n', '  opened: 2019-01-21\n  timezone: Mars/Olympus\n  juge: X\n'],
      ['nature: delit', 'nature: crime'],
    );
    expect((await found(text)).map((d) => d.code)).toEqual([
      'invalid-value',
      'unknown-key',
      'jurisdiction',
    ]);
  });

  it('a referral that fails is not judged', async () => {
    const text = baseWith(['referral: tribunal_correctionnel', 'referral: cour_supreme']);
    expect((await found(text)).map((d) => d.code)).toEqual(['invalid-value']);
  });

  it('a victim’s name in the case title is still warned about', async () => {
    const text = baseWith(
      badZone,
      ['  title: Affaire de test\n', '  title: Affaire Quillane Zorbetti\n'],
      ['    pseudonym: Victime A\n', '    pseudonym: Victime A\n    name: Quillane Zorbetti\n'],
    );
    expect(await found(text)).toEqual([
      { code: 'victim-identity', severity: 'warning', ...at(text, 'title: ', 'Affaire Quillane') },
      { code: 'invalid-value', severity: 'error', ...at(text, 'timezone: ', 'Mars/Olympus') },
    ]);
  });
});

// The error's message says what is wrong: no crime among the charges, or no charge at all.
it('the cour d’assises with no charge at all says so, not that every charge is a délit', async () => {
  const message = async (text: string) =>
    (await checkedText(text)).filter((d) => d.code === 'jurisdiction').map((d) => d.message);
  const assises = ['referral: tribunal_correctionnel', 'referral: cour_assises'] as const;
  const charge = BASE.slice(BASE.indexOf('charges:\n'), BASE.indexOf('evidence:\n'));
  expect(await message(baseWith(assises))).toEqual([
    expect.stringMatching(/requires at least one charge of nature crime; every charge is a délit$/),
  ]);
  expect(await message(baseWith(assises, [charge, '']))).toEqual([
    expect.stringMatching(
      /requires at least one charge of nature crime; the dossier has no charge$/,
    ),
  ]);
});

// Reported by an audit: `files: [{path: /etc/hostname, sha256: <63 digits>}]` gave only
// the digest's error; the absolute path came once the digest was mended.
describe('an exhibit whose files fail their schema: their paths are checked in the same run', () => {
  it('an absolute path beside a short digest; a good path beside a negative size', async () => {
    const text = baseWith([
      '    obtained: 2019-02-01\n',
      '    obtained: 2019-02-01\n    files:\n      - {path: /etc/hostname, sha256: ' +
        'a'.repeat(63) +
        '}\n      - {path: ok.txt, sha256: ' +
        'b'.repeat(64) +
        ', size: -1}\n',
    ]);
    const found = await diagnosticsOf(text);
    expect(found.map((d) => [d.code, d.path.join('.')])).toEqual([
      ['path-outside', 'evidence.0.files.0.path'],
      ['invalid-value', 'evidence.0.files.0.sha256'],
      ['invalid-value', 'evidence.0.files.1.size'],
    ]);
  });
});
