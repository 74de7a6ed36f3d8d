import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { baseWith } from '../helpers/base-dossier.js';
import type { Marker } from '../helpers/position.js';
import { positionOf } from '../helpers/position.js';
import type { DossierFiles } from '../helpers/temp-dossier.js';
import { removeTempDirs } from '../helpers/temp-dossier.js';
import { runFixture } from '../helpers/run-fixture.js';
import { MAX_TEXT, MAX_TEXT_LENGTH } from '../../src/schema/scalars.js';

afterAll(removeTempDirs);

type Edit = readonly [string, string];

/** Every diagnostic of a dossier: code, place, path and message. */
async function diagnose(files: DossierFiles): Promise<readonly Diagnostic[]> {
  const run = await runFixture({ name: 'scalars', files, expect: [] });
  return run.diagnostics;
}

const rootWith = (...edits: Edit[]): DossierFiles => ({ 'dossier.yaml': baseWith(...edits) });

/** What one diagnostic must be, its place given by a marker in the root file. */
function expected(text: string, code: string, at: Marker, message: string | RegExp) {
  return { code, ...positionOf(text, at), message };
}

async function expectOnly(
  edit: Edit,
  code: string,
  at: Marker,
  message: string | RegExp,
): Promise<void> {
  const files = rootWith(edit);
  const diags = await diagnose(files);
  const want = expected(files['dossier.yaml'] as string, code, at, message);
  expect(diags).toHaveLength(1);
  expect(diags[0]).toMatchObject({ code: want.code, line: want.line, column: want.column });
  if (typeof message === 'string') expect(diags[0]!.message).toBe(message);
  else expect(diags[0]!.message).toMatch(message);
}

describe('a fixed choice of words given another YAML type is invalid-type', () => {
  it.each([
    [
      'procedure: ~',
      ['procedure: preliminary', 'procedure: ~'],
      { after: 'procedure: ', find: '~' },
      'expected one of: preliminary, judicial (a string), found nothing (null)',
    ],
    [
      'referral: 1',
      ['referral: tribunal_correctionnel', 'referral: 1'],
      { after: 'referral: ', find: '1' },
      'expected one of: tribunal_correctionnel, cour_criminelle, cour_assises (a string), found an integer',
    ],
    [
      'language: null',
      ['  prepared_by: Capitaine Test', '  prepared_by: Capitaine Test\n  language: null'],
      { after: 'language: ', find: 'null' },
      'expected one of: fr, en (a string), found nothing (null)',
    ],
    [
      'role: [suspect]',
      ['role: suspect', 'role: [suspect]'],
      '[suspect]',
      'expected one of: suspect, victim, intermediary, witness, other (a string), found a list',
    ],
    [
      'status: true (a transfer: fast path first)',
      ['    channel: money_transfer', '    channel: money_transfer\n    status: true'],
      'true',
      'expected one of: completed, attempted, reversed (a string), found a boolean',
    ],
    [
      'channel: 3',
      ['channel: money_transfer', 'channel: 3'],
      { after: 'channel: ', find: '3' },
      'expected one of: money_transfer, bank_transfer, card, online_payment, crypto, cash, other (a string), found an integer',
    ],
    [
      'exchange kind: null',
      ['kind: message', 'kind: null'],
      { after: 'kind: null', find: 'null' },
      'expected one of: message, email, call, video_call, live_session, file_transfer, other (a string), found nothing (null)',
    ],
    [
      'account kind: 0x10 (a hexadecimal number)',
      ['kind: email', 'kind: 0x10'],
      '0x10',
      'expected one of: email, phone, messaging, video, forum, bank, money_transfer, payment, crypto, other (a string), found the hexadecimal number 0x10',
    ],
    [
      'nature: [delit]',
      ['nature: delit', 'nature: [delit]'],
      '[delit]',
      'expected one of: crime, delit (a string), found a list',
    ],
    [
      'custody action: {}',
      [
        '    obtained: 2019-02-01\n',
        '    obtained: 2019-02-01\n    custody:\n      - { at: 2019-02-02T10:00:00Z, action: {}, by: Lt Test }\n',
      ],
      '{},',
      'expected one of: received, sealed, opened, copied, analysed, transferred, returned (a string), found a mapping',
    ],
  ] as const)('%s', async (_, edit, at, message) => {
    await expectOnly(edit, 'invalid-type', at, message);
  });

  it('a word that is not one of them stays invalid-value', async () => {
    await expectOnly(
      ['procedure: preliminary', 'procedure: prelim'],
      'invalid-value',
      'prelim',
      '"prelim" is not allowed here; must be one of: preliminary, judicial',
    );
  });

  // Reported: an empty text was quoted as the culprit (`"": must not be empty`), which
  // named nothing; the key (or the list and the item) is named instead.
  it.each([
    [
      ['    nationality: FR', '    nationality: FR\n    notes: ""'],
      { after: 'notes: ', find: '""' },
      '"notes" must not be empty',
    ],
    [
      ['    nationality: FR', '    nationality: FR\n    aliases: [Jeannot, ""]'],
      { after: 'Jeannot, ', find: '""' },
      'item 2 of "aliases" must not be empty',
    ],
  ] as const)('an empty text names its key: %s', async (edit, at, message) => {
    await expectOnly(edit, 'invalid-value', at, message);
  });

  it('a format version with more digits than a number holds: invalid-value, no zod wording', async () => {
    await expectOnly(
      ['courtfile: 1', 'courtfile: 10000000000000000000001'],
      'invalid-value',
      { after: 'courtfile: ', find: '1' },
      'the number 10000000000000000000001 is out of range: it has more digits than a number holds exactly',
    );
  });

  it('a number where the format version (a number) is expected stays invalid-value', async () => {
    await expectOnly(
      ['courtfile: 1', 'courtfile: 2'],
      'invalid-value',
      { after: 'courtfile: 2', find: '2' },
      'must be 1',
    );
  });
});

describe('a finding inside an aliased node is placed at the alias', () => {
  const CASE =
    'courtfile: 1\ncase: {reference: "1", title: T, court: C, procedure: preliminary, ' +
    'referral: tribunal_correctionnel, opened: 2024-01-15, prepared_by: X}\n';
  const summary = (d: Diagnostic) => `${d.line}:${d.column} ${d.code} ${d.path?.join('.')}`;

  it('a duplicate id through an alias: at the alias, not at the anchor', async () => {
    const text = `${CASE}persons:\n  - &p {id: P1, role: suspect, name: S}\n  - {id: P2, role: suspect, name: S}\n  - *p\n`;
    const diags = await diagnose({ 'dossier.yaml': text });
    expect(diags.map(summary)).toEqual(['6:5 duplicate-id persons.2.id']);
  });

  it('findings in the anchored record: at the anchor for the record, at the alias for its copy', async () => {
    const text = `${CASE}persons:\n  - &p {id: P1, role: suspect, nmae: S}\n  - {id: P2, role: suspect, name: S}\n  - *p\n`;
    const diags = await diagnose({ 'dossier.yaml': text });
    expect(diags.map(summary)).toEqual([
      '4:8 required persons.0.name',
      '4:32 unknown-key persons.0.nmae',
      '6:5 duplicate-id persons.2.id',
      '6:5 required persons.2.name',
      '6:5 unknown-key persons.2.nmae',
    ]);
  });

  it('an alias inside an aliased node: at the first alias on the way', async () => {
    const text = `${CASE}persons:\n  - id: P1\n    role: suspect\n    name: S\n    aliases: &a [x, &r ~]\n  - id: P2\n    role: suspect\n    name: S\n    aliases: *a\n  - id: P3\n    role: suspect\n    name: *r\n`;
    const diags = await diagnose({ 'dossier.yaml': text });
    expect(diags.map(summary)).toEqual([
      '7:24 invalid-type persons.0.aliases.1',
      '11:14 invalid-type persons.1.aliases.1',
      '14:11 invalid-type persons.2.name',
    ]);
  });
});

describe('an unquoted number a double cannot hold exactly', () => {
  const quote = '(YAML read it as a number: write it in quotes)';
  it.each([
    [
      'case reference',
      ['reference: "19-123-000456"', 'reference: 19123000456000000001'],
      '19123000456000000001',
      `expected a string, found the number 19123000456000000001 ${quote}`,
    ],
    [
      'case title (a decimal)',
      ['title: Affaire de test', 'title: 0.12345678901234567891'],
      '0.12345678901234567891',
      `expected a string, found the number 0.12345678901234567891 ${quote}`,
    ],
    [
      'account identifier',
      ['identifier: jean.test@example.net', 'identifier: 12345678901234567890'],
      '12345678901234567890',
      `expected a string, found the number 12345678901234567890 ${quote}`,
    ],
    [
      'transfer reference (fast path first)',
      [
        '    channel: money_transfer',
        '    channel: money_transfer\n    reference: 1234567890123456789012',
      ],
      '1234567890123456789012',
      `expected a string, found the number 1234567890123456789012 ${quote}`,
    ],
    [
      'a list of strings',
      ['articles: ["227-22 CP"]', 'articles: ["227-22 CP", 22722000000000000000001]'],
      '22722000000000000000001',
      `expected a string, found the number 22722000000000000000001 ${quote}`,
    ],
  ] as const)('where text is expected: invalid-type (%s)', async (_, edit, at, message) => {
    await expectOnly(edit, 'invalid-type', at, message);
  });

  it('a small number there says the same', async () => {
    await expectOnly(
      ['reference: "19-123-000456"', 'reference: 123'],
      'invalid-type',
      { after: 'reference: 123', find: '123' },
      `expected a string, found an integer ${quote}`,
    );
  });

  it('age out of range: invalid-value naming the range', async () => {
    await expectOnly(
      ['age_at_facts: 9', 'age_at_facts: 99999999999999999999'],
      'invalid-value',
      '99999999999999999999',
      'the number 99999999999999999999 is out of range: must be a whole number from 0 to 120',
    );
  });

  it('a file size beyond 2^53 - 1: invalid-value naming the range', async () => {
    const sha = 'a'.repeat(64);
    await expectOnly(
      [
        '    obtained: 2019-02-01\n',
        `    obtained: 2019-02-01\n    files:\n      - path: exhibits/a.txt\n        sha256: ${sha}\n        size: 9007199254740993\n`,
      ],
      'invalid-value',
      '9007199254740993',
      'the number 9007199254740993 is out of range: must be a whole number from 0 to 9007199254740991 (2^53 - 1)',
    );
  });

  it('a year of birth: invalid-value', async () => {
    await expectOnly(
      ['    nationality: FR', '    nationality: FR\n    born: 99999999999999999999'],
      'invalid-value',
      '99999999999999999999',
      'the number 99999999999999999999: expected a date YYYY-MM-DD or a 4-digit year',
    );
  });

  it('a negative amount: invalid-value', async () => {
    await expectOnly(
      ['amount: 45.00', 'amount: -123456789012345678901234.56'],
      'invalid-value',
      '-123456789012345678901234.56',
      'the number -123456789012345678901234.56: must be greater than 0',
    );
  });

  it('amounts and rates keep it exactly, as its decimal text', async () => {
    const files = rootWith(
      ['amount: 45.00', 'amount: 123456789012345678901234.56'],
      [
        '    evidence: E1\nexchanges:',
        '    evidence: E1\n  - id: T2\n    at: 2018-02-04T14:22:00+01:00\n    from: P1\n    to: A2\n' +
          '    amount: 10000000000000000000001.50\n    currency: USD\n    channel: cash\n    evidence: E1\n' +
          'rates:\n  - currency: USD\n    date: 2018-01-01\n    rate: 0.912345678901234567891\nexchanges:',
      ],
    );
    const run = await runFixture({ name: 'exact', files, expect: [] });
    expect(run.diagnostics).toEqual([]);
    const { checkDossier } = await import('../../src/validate/check-dossier.js');
    const result = await checkDossier('dossier.yaml', { cwd: run.dir });
    const [t1, t2] = result.dossier!.transfers;
    expect(t1!.amountText).toBe('123456789012345678901234.56');
    expect(t1!.amount.minor).toBe(12345678901234567890123456n);
    expect(t2!.amountText).toBe('10000000000000000000001.50');
    expect(result.dossier!.rates[0]!.rateText).toBe('0.912345678901234567891');
  });
});

describe('a path ending with "/" or with an empty part is invalid-value', () => {
  const sha = 'b'.repeat(64);
  const files = (includes: string, exhibitPath: string): DossierFiles => ({
    'dossier.yaml': baseWith(
      ['courtfile: 1', `courtfile: 1\ninclude: [${includes}]`],
      [
        '    obtained: 2019-02-01\n',
        `    obtained: 2019-02-01\n    files:\n      - path: "${exhibitPath}"\n        sha256: ${sha}\n`,
      ],
    ),
    'sub/c.yaml': 'rates: []\n',
    'sub/f.txt': 'x',
  });

  it.each([
    ['sub/c.yaml/', 'a path names a file: it does not end with "/"'],
    ['sub//c.yaml', 'a path has no empty part: write one "/" between names'],
  ])('include %s', async (written, problem) => {
    const f = files(written, 'sub/f.txt');
    const diags = await diagnose(f);
    const want = positionOf(f['dossier.yaml'] as string, written);
    expect(diags).toMatchObject([
      { code: 'invalid-value', path: ['include', 0], ...want, message: `"${written}": ${problem}` },
    ]);
  });

  it.each([
    ['sub/f.txt/', 'a path names a file: it does not end with "/"'],
    ['sub//f.txt', 'a path has no empty part: write one "/" between names'],
  ])('exhibit file %s', async (written, problem) => {
    const f = files('sub/c.yaml', written);
    const diags = await diagnose(f);
    const want = positionOf(f['dossier.yaml'] as string, `"${written}"`);
    expect(diags).toMatchObject([
      {
        code: 'invalid-value',
        path: ['evidence', 0, 'files', 0, 'path'],
        ...want,
        message: `"${written}": ${problem}`,
      },
    ]);
  });

  // The hostile-input sweep of session 23: `exhibits\E08\x.txt` passed validate, then
  // verify said file-missing (on Linux the backslash is part of a name).
  it('a backslash between folders is invalid-value, with the path to write', async () => {
    const f = files('sub\\c.yaml', 'sub\\\\f.txt');
    const diags = await diagnose(f);
    const root = f['dossier.yaml'] as string;
    expect(diags).toMatchObject([
      {
        code: 'invalid-value',
        path: ['include', 0],
        ...positionOf(root, 'sub\\c.yaml'),
        message: '"sub\\\\c.yaml": folders are separated by "/", not "\\" (write "sub/c.yaml")',
      },
      {
        code: 'invalid-value',
        path: ['evidence', 0, 'files', 0, 'path'],
        ...positionOf(root, '"sub\\\\f.txt"'),
        message: '"sub\\\\f.txt": folders are separated by "/", not "\\" (write "sub/f.txt")',
      },
    ]);
  });

  it('no path to write when the slashed path has problems of its own', async () => {
    const f = files('sub/c.yaml', 'sub\\\\\\\\f.txt');
    const diags = await diagnose(f);
    expect(diags).toMatchObject([
      {
        code: 'invalid-value',
        path: ['evidence', 0, 'files', 0, 'path'],
        message: '"sub\\\\\\\\f.txt": folders are separated by "/", not "\\"',
      },
    ]);
  });

  it('an include path over 100,000 characters: one invalid-value, said of a path', async () => {
    const long = `sub/${'d'.repeat(100_000)}.yaml`;
    const diags = await diagnose(files(long, 'sub/f.txt'));
    expect(diags).toMatchObject([
      {
        code: 'invalid-value',
        path: ['include', 0],
        message: expect.stringMatching(/: a path has at most 100,000 characters$/),
      },
    ]);
  });

  // A review found the form check hiding the more serious one: path-outside.
  it('an exhibit path that leaves the root is path-outside, whatever its form', async () => {
    const f = files('sub/c.yaml', '../sub//f.txt');
    const diags = await diagnose(f);
    expect(diags).toMatchObject([
      {
        code: 'path-outside',
        path: ['evidence', 0, 'files', 0, 'path'],
        ...positionOf(f['dossier.yaml'] as string, '"../sub//f.txt"'),
      },
    ]);
  });

  it('the same paths written plainly pass', async () => {
    const diags = await diagnose(files('sub/c.yaml', 'sub/f.txt'));
    expect(diags).toEqual([]);
  });
});

describe('IBAN spacing', () => {
  const bank = (written: string): Edit => [
    'kind: phone\n    identifier: "+639170000123"',
    `kind: bank\n    identifier: "${written}"`,
  ];
  const how = 'write it without spaces, or in groups of four characters with one space between';

  it.each([
    'GB82WEST12345698765432',
    'GB82 WEST 1234 5698 7654 32',
    'FR76 3000 6000 0112 3456 7890 189',
    'FR7630006000011234567890189',
  ])('%s is accepted', async (written) => {
    expect(await diagnose(rootWith(bank(written)))).toEqual([]);
  });

  it.each([
    [' GB82WEST12345698765432', `a space before or after it: ${how}`],
    ['GB82WEST12345698765432 ', `a space before or after it: ${how}`],
    ['GB82  WEST12345698765432', `two spaces in a row: ${how}`],
    ['GB82 WEST  1234 5698 7654 32', `two spaces in a row: ${how}`],
    ['GB82 WEST12345698765432', `spaces that do not separate groups of four: ${how}`],
  ])('"%s" is invalid-value', async (written, problem) => {
    await expectOnly(
      bank(written),
      'invalid-value',
      `"${written}"`,
      `"${written}" is not a valid IBAN: ${problem}`,
    );
  });
});

describe('values quoted as written', () => {
  it.each([
    ['-0', '"-0": must be greater than 0'],
    ['-0.0', '"-0.0": must be greater than 0'],
    ['-1.50', '"-1.50": must be greater than 0'],
  ])('amount: %s', async (written, message) => {
    await expectOnly(
      ['amount: 45.00', `amount: ${written}`],
      'invalid-value',
      { after: `amount: ${written}`, find: written },
      message,
    );
  });

  it('-0.0 where text is expected is "a number", not "an integer"', async () => {
    await expectOnly(
      ['title: Affaire de test', 'title: -0.0'],
      'invalid-type',
      '-0.0',
      'expected a string, found a number (YAML read it as a number: write it in quotes)',
    );
  });

  it.each([
    ['~', 'unknown key "~"'],
    ['True', 'unknown key "True"'],
    ['"null"', 'unknown key "null"'],
  ])('an unknown key %s is named as written', async (key, message) => {
    await expectOnly(
      ['    name: Jean Test', `    name: Jean Test\n    ${key}: x`],
      'unknown-key',
      `${key}: x`,
      message,
    );
  });
});

describe('a free text longer than 100,000 characters is invalid-value', () => {
  // The hostile-input sweep of session 23: a 50 MB note took 3 GB and 40,000 pages to render.
  const long = (n: number) => 'Texte fictif. '.repeat(Math.ceil(n / 14)).slice(0, n);
  const withNotes = (n: number) =>
    rootWith([
      '    channel: money_transfer\n',
      `    channel: money_transfer\n    notes: "${long(n)}"\n`,
    ]);

  it('at 100,001 characters: at the text, saying the limit (the fast path agrees)', async () => {
    const f = withNotes(100_001);
    const root = f['dossier.yaml'] as string;
    expect(await diagnose(f)).toMatchObject([
      {
        code: 'invalid-value',
        path: ['transfers', 0, 'notes'],
        ...positionOf(root, { after: 'notes: ', find: '"Texte' }),
        message: /: at most 100,000 characters: put longer material in an exhibit file$/,
      },
    ]);
  });

  it('100,000 characters pass', async () => {
    expect(await diagnose(withNotes(100_000))).toEqual([]);
  });
});

describe('MAX_TEXT', () => {
  it('is MAX_TEXT_LENGTH as messages write it', () => {
    expect(MAX_TEXT).toBe(MAX_TEXT_LENGTH.toLocaleString('en-US'));
  });
});

describe('an instant whose offset is beyond ±18:00', () => {
  it('is invalid-value naming the offset, not "not a real date and time"', async () => {
    const f = rootWith(['at: 2018-02-03T14:22:00+01:00', 'at: 2018-02-03T14:22:00+18:01']);
    expect(await diagnose(f)).toMatchObject([
      {
        code: 'invalid-value',
        path: ['transfers', 0, 'at'],
        message: expect.stringContaining(
          'the offset +18:01 is not one: at most ±18:00, minutes 00 to 59',
        ),
      },
    ]);
  });
});
