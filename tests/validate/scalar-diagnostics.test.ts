import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { baseWith } from '../helpers/base-dossier.js';
import type { Marker } from '../helpers/position.js';
import { positionOf } from '../helpers/position.js';
import type { DossierFiles } from '../helpers/temp-dossier.js';
import { removeTempDirs } from '../helpers/temp-dossier.js';
import { runFixture } from '../helpers/run-fixture.js';

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

  it('a number where the format version (a number) is expected stays invalid-value', async () => {
    await expectOnly(
      ['courtfile: 1', 'courtfile: 2'],
      'invalid-value',
      { after: 'courtfile: 2', find: '2' },
      'must be 1',
    );
  });
});
