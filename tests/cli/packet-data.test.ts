/**
 * The packet's CSV data files (data/transfers.csv, exchanges.csv, correlations.csv) made
 * from a small fictional dossier: exact amounts (trailing zeros, JPY, BHD), instants as
 * written and in the case time zone, victims pseudonymised, RFC 4180 quoting, formula
 * guard, manifest entries, `--check`, and the same bytes twice.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { isoInZone } from '../../src/export/csv/data-tables.js';
import { parseCsv } from '../helpers/csv.js';
import { fakeIO } from '../helpers/fake-io.js';
import { removeTempDirs, tempDir, writeDossier } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

const SLOW = 120_000;
const VICTIM_NAME = 'Zéphyrine Quillabast';
const VICTIM_PHONE = '+639170000123';

/** Fictional data only: every name, account and amount is invented for this test. */
const DOSSIER = `courtfile: 1
case:
  reference: "19-123-000999"
  title: Affaire fictive (test des fichiers CSV)
  court: Tribunal judiciaire de Paris
  procedure: preliminary
  referral: tribunal_correctionnel
  opened: 2019-01-21
  prepared_by: Capitaine Test
persons:
  - id: P1
    role: suspect
    name: Jean Test
  - id: V1
    role: victim
    name: ${VICTIM_NAME}
    pseudonym: Victime A
    born: 2009-04-12
    aliases: [zephy_09]
accounts:
  - id: A1
    kind: messaging
    platform: Skype
    identifier: jean.test.fictif
    holder: P1
  - id: A2
    kind: phone
    identifier: "${VICTIM_PHONE}"
    holder: V1
  - id: A3
    kind: phone
    identifier: "+33612345678"
  - id: A4
    kind: email
    identifier: zephy.q@example.org
    holder: V1
evidence:
  - id: E1
    title: Relevés fictifs
    kind: financial_record
    source: Banque fictive
    obtained: 2019-02-01
rates:
  - { currency: JPY, date: 2018-01-01, rate: "0.0061" }
  - { currency: BHD, date: 2018-01-01, rate: "2.43120" }
transfers:
  - id: T1
    at: 2018-02-03T14:22:00+01:00
    from: P1
    to: A2
    amount: "1250.50"
    currency: EUR
    channel: money_transfer
    provider: Western Union
    reference: 'REF, "quoted"'
    evidence: E1
    notes: "=HYPERLINK(\\"http://x.example\\") pour ${VICTIM_NAME}"
  - id: T2
    at: 2018-07-01T10:00:00Z
    from: P1
    to: A3
    amount: 5000
    currency: JPY
    channel: online_payment
    reference: "+33612345678"
    evidence: E1
    source: {evidence: E1, locator: "row 8"}
    notes: "deux\\nlignes"
  - id: T3
    at: 2018-07-02T10:00:00.250+02:00
    from: P1
    to: A3
    amount: "12.345"
    currency: BHD
    channel: bank_transfer
    status: attempted
    evidence: E1
    provider: "Z\u200béphyrine Pay"
    notes: "écrit à zephy.q@example.org, tél. +63 917 000 0123, née le 12/04/2009, alias zephy_09"
exchanges:
  - id: X1
    at: 2018-02-03T20:00:00+01:00
    end: 2018-02-03T20:30:00+01:00
    kind: live_session
    platform: Skype
    from: A1
    to: [A2, A3]
    summary: Session vidéo avec ${VICTIM_NAME}, décrite sans contenu
    evidence: E1
`;

interface Run {
  readonly status: number;
  readonly err: string;
  readonly out: string;
}

async function courtfile(cwd: string, ...args: string[]): Promise<Run> {
  const { io, out, err } = fakeIO({ cwd, env: { NO_COLOR: '1' } });
  const status = await main(args, io);
  return { status, out: out(), err: err() };
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The rows of a data file as objects keyed by the header (after checking BOM and CRLF). */
function readTable(file: string): Record<string, string>[] {
  const text = readFileSync(file, 'utf8');
  expect(text.startsWith('\ufeff'), file).toBe(true);
  const [header, ...rows] = parseCsv(text.slice(1));
  return rows.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? ''])));
}

let dossierDir: string;
let packet: string;
let made: Run;

beforeAll(async () => {
  dossierDir = writeDossier({ 'dossier.yaml': DOSSIER });
  packet = path.join(tempDir('courtfile-packet-data-'), 'packet');
  made = await courtfile(
    dossierDir,
    'packet',
    'dossier.yaml',
    '-o',
    packet,
    '--date',
    '2021-06-04',
  );
}, SLOW);

describe('data/transfers.csv', () => {
  it('has every transfer, with exact amounts in their currency and converted', () => {
    expect(made.status, made.err).toBe(0);
    const rows = readTable(path.join(packet, 'data/transfers.csv'));
    expect(rows.map((r) => r.id)).toEqual(['T1', 'T2', 'T3']);
    expect(
      rows.map((r) => [r.amount, r.currency, r.converted, r.reporting_currency, r.rate]),
    ).toEqual([
      ['1250.50', 'EUR', '1250.50', 'EUR', '1'],
      ['5000', 'JPY', '30.50', 'EUR', '0.0061'],
      // 12.345 × 2.4312 = 30.013164, rounded half to even; an attempted transfer is not
      // counted. The rate as the dossier writes it, its final zero kept (a YAML number
      // would keep none: docs/packet.md).
      ['12.345', 'BHD', '30.01', 'EUR', '2.43120'],
    ]);
    expect(rows.map((r) => [r.status, r.counted, r.rate_date])).toEqual([
      ['completed', 'yes', ''],
      ['completed', 'yes', '2018-01-01'],
      ['attempted', 'no', '2018-01-01'],
    ]);
  });

  it('gives each instant as written and on the case time zone clock, with offsets', () => {
    const rows = readTable(path.join(packet, 'data/transfers.csv'));
    expect(rows.map((r) => [r.at, r.at_case_tz])).toEqual([
      ['2018-02-03T14:22:00+01:00', '2018-02-03T14:22:00+01:00'],
      ['2018-07-01T10:00:00Z', '2018-07-01T12:00:00+02:00'],
      ['2018-07-02T10:00:00.250+02:00', '2018-07-02T10:00:00.250+02:00'],
    ]);
  });

  it('shows the victim by pseudonym, never by name or phone number', () => {
    const text = readFileSync(path.join(packet, 'data/transfers.csv'), 'utf8');
    expect(text).not.toContain('Quillabast');
    expect(text).not.toContain('Zéphyrine');
    expect(text).not.toContain(VICTIM_PHONE);
    const t1 = readTable(path.join(packet, 'data/transfers.csv'))[0];
    expect(t1).toMatchObject({
      from: 'P1',
      from_person: 'Jean Test',
      to: 'A2',
      to_person: 'Victime A',
      to_account: 'phone',
    });
    expect(t1?.notes).toBe('\'=HYPERLINK("http://x.example") pour [redacted]');
  });

  it('quotes fields with commas, quotes and line breaks; keeps a phone number exact', () => {
    const text = readFileSync(path.join(packet, 'data/transfers.csv'), 'utf8');
    expect(text).toContain(',"REF, ""quoted""",');
    const [t1, t2] = readTable(path.join(packet, 'data/transfers.csv'));
    expect(t2).toMatchObject({
      reference: '+33612345678',
      to_account: 'phone +33612345678',
      notes: 'deux\nlignes',
      source_evidence: 'E1',
      source_locator: 'row 8',
    });
    expect(t1).toMatchObject({ source_evidence: '', source_locator: '' });
  });
});

/** Case-, accent- and invisible-insensitive, separators removed: "does it appear anywhere". */
const squash = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\p{M}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}@]/gu, '');

describe('victims in every data file', () => {
  it('no name, alias, birth date or account identifier, even disguised in free text', () => {
    const secrets = [
      'zephyrine',
      'quillabast',
      'zephy09',
      'zephyq@exampleorg',
      '639170000123',
      '12042009',
    ];
    for (const name of ['transfers', 'exchanges', 'correlations']) {
      const text = squash(readFileSync(path.join(packet, `data/${name}.csv`), 'utf8'));
      for (const secret of secrets) expect(text, `${secret} in ${name}.csv`).not.toContain(secret);
    }
    const t3 = readTable(path.join(packet, 'data/transfers.csv'))[2];
    expect(t3?.provider).toBe('[redacted] Pay');
    // As in the PDFs: the phone number's digits are masked, the "+" before them stays.
    expect(t3?.notes).toBe(
      'écrit à [redacted], tél. +[redacted], née le [redacted], alias [redacted]',
    );
  });
});

describe('data/exchanges.csv and data/correlations.csv', () => {
  it('lists the exchange with its accounts, the victim masked', () => {
    const text = readFileSync(path.join(packet, 'data/exchanges.csv'), 'utf8');
    expect(text).not.toContain('Quillabast');
    expect(text).not.toContain(VICTIM_PHONE);
    expect(readTable(path.join(packet, 'data/exchanges.csv'))).toEqual([
      {
        id: 'X1',
        at: '2018-02-03T20:00:00+01:00',
        at_case_tz: '2018-02-03T20:00:00+01:00',
        end: '2018-02-03T20:30:00+01:00',
        end_case_tz: '2018-02-03T20:30:00+01:00',
        kind: 'live_session',
        platform: 'Skype',
        from: 'A1',
        from_person: 'Jean Test',
        from_account: 'Skype jean.test.fictif',
        to: 'A2 A3',
        to_persons: 'Victime A; ',
        to_accounts: 'phone; phone +33612345678',
        summary: 'Session vidéo avec [redacted], décrite sans contenu',
        evidence: 'E1',
        source_evidence: '',
        source_locator: '',
      },
    ]);
  });

  it('links the payment to the session with its exact signed gap', () => {
    const rows = readTable(path.join(packet, 'data/correlations.csv'));
    expect(rows).toEqual([
      expect.objectContaining({
        transfer: 'T1',
        amount: '1250.50',
        currency: 'EUR',
        exchange: 'X1',
        exchange_kind: 'live_session',
        person: 'P1',
        person_name: 'Jean Test',
        gap_seconds: '20280',
      }),
    ]);
  });
});

describe('the packet around the data files', () => {
  it('lists them in the manifest with their SHA-256 and size, and --check passes', async () => {
    const manifest = JSON.parse(readFileSync(path.join(packet, 'manifest.json'), 'utf8')) as {
      files: { path: string; sha256: string; size: number }[];
    };
    const data = manifest.files.filter((f) => f.path.startsWith('data/'));
    expect(data.map((f) => f.path)).toEqual([
      'data/correlations.csv',
      'data/exchanges.csv',
      'data/transfers.csv',
    ]);
    for (const entry of data) {
      const bytes = readFileSync(path.join(packet, entry.path));
      expect(entry).toEqual({ path: entry.path, sha256: sha256(bytes), size: bytes.length });
    }
    const check = await courtfile(dossierDir, 'packet', '--check', packet);
    expect(check.status, check.out).toBe(0);
    expect(check.out).toMatch(/^5 file\(s\) listed in the manifest/);
  });

  it(
    'gives the same bytes again, and the victim with --reveal-victims',
    async () => {
      const again = path.join(tempDir('courtfile-packet-data-'), 'again');
      expect(
        (await courtfile(dossierDir, 'packet', 'dossier.yaml', '-o', again, '--date', '2021-06-04'))
          .status,
      ).toBe(0);
      for (const name of ['transfers', 'exchanges', 'correlations']) {
        const a = readFileSync(path.join(packet, `data/${name}.csv`));
        expect(readFileSync(path.join(again, `data/${name}.csv`)).equals(a), name).toBe(true);
      }
      const revealed = path.join(tempDir('courtfile-packet-data-'), 'revealed');
      const run = await courtfile(
        dossierDir,
        'packet',
        'dossier.yaml',
        '-o',
        revealed,
        '--date',
        '2021-06-04',
        '--reveal-victims',
      );
      expect(run.status).toBe(0);
      const t1 = readTable(path.join(revealed, 'data/transfers.csv'))[0];
      expect(t1).toMatchObject({
        to_person: `Victime A (${VICTIM_NAME})`,
        to_account: `phone ${VICTIM_PHONE}`,
      });
    },
    SLOW,
  );
});

describe('isoInZone: the case-zone instant keeps its nanoseconds (audit, session 25)', () => {
  it('sub-millisecond fractions as written, so that the column sorts as the instants do', () => {
    const ms = Date.UTC(2018, 2, 25, 1, 30, 0);
    expect(isoInZone(ms, 'Europe/Paris')).toBe('2018-03-25T03:30:00+02:00');
    expect(isoInZone(ms, 'Europe/Paris', 90_000)).toBe('2018-03-25T03:30:00.00009+02:00');
    expect(isoInZone(ms - 1, 'Europe/Paris', 999_900)).toBe('2018-03-25T03:29:59.9999999+02:00');
    expect(isoInZone(ms + 250, 'Europe/Paris')).toBe('2018-03-25T03:30:00.250+02:00');
    expect(isoInZone(ms + 250, 'Europe/Paris', 500)).toBe('2018-03-25T03:30:00.2500005+02:00');
  });
});
