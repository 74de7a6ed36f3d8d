import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DossierCheck } from '../../src/validate/check-dossier.js';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { runSummary } from '../../src/cli/commands/summary.js';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { UsageError } from '../../src/errors.js';
import { fingerprintDossier } from '../../src/facts/fingerprint.js';
import type { Dossier } from '../../src/model/dossier.js';
import { account, charge, dossier, exchange, person, rate, transfer } from '../facts/build.js';

vi.mock('../../src/validate/check-dossier.js', () => ({ checkDossier: vi.fn() }));
const mockedCheck = vi.mocked(checkDossier);

function fakeIO(env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: { write: (s: string) => (out.push(s), true) },
    stderr: { write: (s: string) => (err.push(s), true), isTTY: true },
    cwd: '/work',
    env,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

function valid(d: Dossier, warnings = 0): DossierCheck {
  const diagnostics = Array.from({ length: warnings }, () => ({
    code: 'unused-evidence' as const,
    severity: 'warning' as const,
    file: 'dossier.yaml',
    line: 3,
    column: 5,
    message: 'exhibit "E9" is cited by no charge, transfer, exchange or account',
    path: ['evidence', 8],
  }));
  return { dossier: d, diagnostics, errors: 0, warnings, files: ['dossier.yaml'] };
}

/** Hand figures: 100.00 + 40.00 (50.00 USD × 0.8) + 22.12 (25.00 USD × 0.8850, tie → even) = 162.12 EUR. */
const caseDossier = dossier({
  persons: [
    person('S1', 'suspect', { name: 'Jean DUPONT', residence: 'FR' }),
    person('F1', 'intermediary', { name: 'Maria SANTOS', residence: 'PH' }),
    person('V1', 'victim', {
      name: 'Secret CIVILNAME',
      pseudonym: 'Léa',
      born: '2009-04-02',
      aliases: ['HiddenAlias'],
    }),
  ],
  accounts: [
    account('WU-S1', 'S1'),
    account('WU-F1', 'F1'),
    account('SK-S1', 'S1', { kind: 'video', platform: 'Skype' }),
    account('SK-F1', 'F1', { kind: 'video', platform: 'Skype' }),
    account('SK-V1', 'V1', { kind: 'video', platform: 'Skype' }),
  ],
  charges: [charge('C1', '2018-02-01', '2018-03-31', { victims: ['V1'] })],
  rates: [rate('USD', '2018-01-01', '0.8000'), rate('USD', '2018-03-01', '0.8850')],
  transfers: [
    transfer('T1', '2018-02-03T14:22:00+01:00', 'WU-S1', 'WU-F1', '100.00', 'EUR', {
      provider: 'Western Union',
    }),
    transfer('T2', '2018-02-10T10:00:00+01:00', 'S1', 'F1', '50.00', 'USD', {
      provider: 'Western Union',
    }),
    transfer('T3', '2018-03-05T09:00:00+01:00', 'S1', 'V1', '25.00', 'USD', {
      channel: 'online_payment',
    }),
    transfer('T4', '2018-03-06T09:00:00+01:00', 'S1', 'F1', '75.00', 'EUR', {
      status: 'attempted',
    }),
  ],
  exchanges: [
    exchange('X1', '2018-02-04T16:52:00+01:00', 'SK-F1', ['SK-S1'], 'live_session', {
      platform: 'Skype',
    }),
    exchange('X2', '2018-03-05T08:00:00+08:00', 'SK-S1', ['SK-V1'], 'video_call', {
      platform: 'Skype',
    }),
    exchange('X3', '2018-03-05T10:00:00+01:00', 'SK-S1', ['SK-V1'], 'message'),
  ],
});

beforeEach(() => {
  mockedCheck.mockReset();
});

describe('courtfile summary --json', () => {
  it('prints the figures, the correlations with gaps, and keys in a fixed order', async () => {
    mockedCheck.mockResolvedValue(valid(caseDossier));
    const { io, stdout, stderr } = fakeIO();
    expect(await runSummary('dossier.yaml', { json: true }, io)).toBe(0);
    expect(mockedCheck).toHaveBeenCalledWith('dossier.yaml', {
      cwd: '/work',
      onProgress: expect.any(Function),
    });
    expect(stderr()).toBe('');
    const doc = JSON.parse(stdout());
    expect(Object.keys(doc)).toEqual([
      'version',
      'case',
      'fingerprint',
      'window_hours',
      'transfers',
      'breakdowns',
      'charges',
      'exchanges',
      'correlations',
      'linked_transfers',
      'counts',
      'period',
    ]);
    expect(doc.transfers).toEqual({
      count: 3,
      total: '162.12',
      currency: 'EUR',
      all: 4,
      completed: 3,
      attempted: 1,
      reversed: 0,
      first: { id: 'T1', at: '2018-02-03T14:22:00+01:00', date: '2018-02-03' },
      last: { id: 'T3', at: '2018-03-05T09:00:00+01:00', date: '2018-03-05' },
    });
    expect(doc.fingerprint).toBe(fingerprintDossier(caseDossier));
    expect(doc.window_hours).toBe(48);
    expect(doc.exchanges).toMatchObject({ count: 3, sessions: 2, live_sessions: 1 });
    // X2 starts 2018-03-05T00:00Z, T3 is at 08:00Z: 8 hours before.
    expect(doc.correlations).toEqual([
      { transfer: 'T1', exchange: 'X1', person: 'S1', gap_seconds: 95_400, gap: '+1 d 02:30' },
      { transfer: 'T3', exchange: 'X2', person: 'S1', gap_seconds: -28_800, gap: '-0 d 08:00' },
    ]);
    expect(doc.linked_transfers).toEqual({ linked: 2, unlinked: 1 });
    expect(doc.breakdowns.by_sender).toEqual([
      { id: 'S1', kind: 'person', count: 3, total: '162.12' },
    ]);
    expect(doc.breakdowns.by_beneficiary_country).toEqual([
      { country: 'PH', count: 2, total: '140.00' },
      { country: 'unknown', count: 1, total: '22.12' },
    ]);
    expect(doc.breakdowns.by_currency).toEqual([
      { currency: 'EUR', count: 1, amount: '100.00', total: '100.00' },
      { currency: 'USD', count: 2, amount: '75.00', total: '62.12' },
    ]);
    expect(doc.breakdowns.by_provider).toEqual([
      { provider: 'Western Union', count: 2, total: '140.00' },
      { provider: null, count: 1, total: '22.12' },
    ]);
    expect(doc.charges).toEqual([
      { id: 'C1', from: '2018-02-01', to: '2018-03-31', count: 3, total: '162.12' },
    ]);
    expect(doc.period).toEqual({ from: '2018-02-01', to: '2018-03-31', basis: 'charges' });
  });

  it('takes the window in hours, fractional too', async () => {
    mockedCheck.mockResolvedValue(valid(caseDossier));
    const { io, stdout } = fakeIO();
    expect(await runSummary('dossier.yaml', { json: true, window: 26.5 }, io)).toBe(0);
    const doc = JSON.parse(stdout());
    expect(doc.window_hours).toBe(26.5);
    expect(doc.correlations.map((c: { exchange: string }) => c.exchange)).toEqual(['X1', 'X2']);
    const narrow = fakeIO();
    expect(await runSummary('dossier.yaml', { json: true, window: 7.5 }, narrow.io)).toBe(0);
    expect(JSON.parse(narrow.stdout()).correlations).toEqual([]);
    await expect(runSummary('dossier.yaml', { window: 0 }, fakeIO().io)).rejects.toThrow(
      UsageError,
    );
    await expect(runSummary('dossier.yaml', { window: Number.NaN }, fakeIO().io)).rejects.toThrow(
      UsageError,
    );
  });
});

describe('courtfile summary (terminal report)', () => {
  it('fits 80 columns, uses the case language, and shows no victim identity', async () => {
    mockedCheck.mockResolvedValue(valid(caseDossier));
    const { io, stdout } = fakeIO();
    expect(await runSummary('dossier.yaml', {}, io)).toBe(0);
    const text = stdout();
    for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    expect(text).toContain('162,12\u00a0€');
    expect(text).toContain('03/02/2018 14:22');
    expect(text).toContain('+1\u00a0j\u00a002\u00a0h\u00a030');
    expect(text).toContain('V1 · Léa');
    for (const secret of [
      'Secret CIVILNAME',
      'CIVILNAME',
      '2009-04-02',
      '02/04/2009',
      'HiddenAlias',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('follows --lang en, and shows victims’ names only when asked', async () => {
    mockedCheck.mockResolvedValue(valid(caseDossier));
    const en = fakeIO();
    await runSummary('dossier.yaml', { lang: 'en' }, en.io);
    expect(en.stdout()).toContain('€162.12');
    expect(en.stdout()).toContain('2018-02-03 14:22');
    expect(en.stdout()).toContain('+1\u00a0d\u00a02\u00a0h\u00a030\u00a0min');
    expect(en.stdout()).not.toContain('CIVILNAME');
    const revealed = fakeIO();
    await runSummary('dossier.yaml', { lang: 'en', revealVictims: true }, revealed.io);
    expect(revealed.stdout()).toContain('Secret CIVILNAME (Léa)');
  });

  it('never shows victim names in --json, even when asked', async () => {
    mockedCheck.mockResolvedValue(valid(caseDossier));
    const { io, stdout } = fakeIO();
    await runSummary('dossier.yaml', { json: true, revealVictims: true }, io);
    expect(stdout()).not.toContain('CIVILNAME');
    expect(stdout()).not.toContain('Léa');
  });
});

describe('courtfile summary on a dossier with problems', () => {
  it('prints the diagnostics on stderr and exits 1', async () => {
    mockedCheck.mockResolvedValue({
      diagnostics: [
        {
          code: 'missing-rate',
          severity: 'error',
          file: 'dossier.yaml',
          line: 40,
          column: 15,
          message:
            'no USD rate dated on or before 2018-03-31 (Europe/Paris) to convert this transfer to EUR',
          path: ['transfers', 2, 'currency'],
        },
      ],
      errors: 1,
      warnings: 0,
      files: ['dossier.yaml'],
    });
    const { io, stdout, stderr } = fakeIO({ NO_COLOR: '1' });
    expect(await runSummary('dossier.yaml', { json: true }, io)).toBe(1);
    expect(stdout()).toBe('');
    expect(stderr()).toBe(
      'dossier.yaml:40:15: error: no USD rate dated on or before 2018-03-31 (Europe/Paris) to convert this transfer to EUR [missing-rate]\n1 error, 0 warnings\n',
    );
  });

  it('prints warnings on stderr and still summarises', async () => {
    mockedCheck.mockResolvedValue(valid(caseDossier, 1));
    const { io, stdout, stderr } = fakeIO({ NO_COLOR: '1' });
    expect(await runSummary('dossier.yaml', { json: true }, io)).toBe(0);
    expect(stderr()).toContain('dossier.yaml:3:5: warning:');
    expect(JSON.parse(stdout()).transfers.total).toBe('162.12');
  });

  it('--strict: a warning counts as an error (stderr, nothing on stdout, exit 1)', async () => {
    mockedCheck.mockResolvedValue(valid(caseDossier, 1));
    const { io, stdout, stderr } = fakeIO({ NO_COLOR: '1' });
    expect(await runSummary('dossier.yaml', { json: true, strict: true }, io)).toBe(1);
    // Printed as the error it counts as: same place, same code.
    expect(stderr()).toMatch(
      /^dossier\.yaml:3:5: error: .* \[unused-evidence\]\n1 error, 0 warnings\n$/,
    );
    expect(stdout()).toBe('');
    mockedCheck.mockResolvedValue(valid(caseDossier, 0));
    const clean = fakeIO({ NO_COLOR: '1' });
    expect(await runSummary('dossier.yaml', { json: true, strict: true }, clean.io)).toBe(0);
    expect(JSON.parse(clean.stdout()).transfers.total).toBe('162.12');
    // The command line takes the option.
    mockedCheck.mockResolvedValue(valid(caseDossier, 1));
    const cli = fakeIO({ NO_COLOR: '1' });
    expect(await main(['summary', 'dossier.yaml', '--strict'], cli.io)).toBe(1);
    expect(cli.stdout()).toBe('');
    expect(cli.stderr()).toContain('dossier.yaml:3:5: error:');
    expect(cli.stderr()).not.toContain('warning:');
  });
});
