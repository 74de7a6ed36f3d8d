/**
 * Hand-built dossiers for renderer tests (independent of the YAML loader): a small case
 * with every kind of record, and a generator of large ones.
 */
import type {
  Account,
  Charge,
  Dossier,
  Exchange,
  Exhibit,
  Instant,
  Person,
  Rate,
  Transfer,
} from '../../src/model/dossier.js';

const origin = { file: 'dossier.yaml', path: [] };

export function instant(text: string): Instant {
  const m = /([+-])(\d\d):(\d\d)$/.exec(text);
  const offsetMinutes = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return { text, epochMs: Date.parse(text), offsetMinutes };
}

export interface VictimNames {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly born?: string;
}

export interface FixtureOptions {
  /** Names of the victims (the first two also get pseudonyms "Victime A", "Victime B"). */
  readonly victims?: readonly VictimNames[];
  /** Number of generated transfers (default: the 6 written ones). */
  readonly transfers?: number;
  readonly language?: 'fr' | 'en';
  readonly title?: string;
  readonly exhibitTitle?: string;
  readonly notes?: string;
}

const HASH = 'a3f1c2d4e5b6978812345678901234567890abcdefabcdefabcdef0123456789';

function persons(victims: readonly VictimNames[], notes: string | undefined): Person[] {
  const list: Person[] = [
    {
      id: 'P1',
      role: 'suspect',
      name: 'Ionuț-Cristian Mărășteanu',
      born: '1979-08-03',
      nationality: 'RO',
      residence: 'FR',
      aliases: ['cristi_79'],
      notes: notes ?? 'Expéditeur des fonds.',
      origin,
    },
    {
      id: 'P2',
      role: 'intermediary',
      name: 'Maricel Dela Peña Ibañez',
      nationality: 'PH',
      residence: 'PH',
      aliases: [],
      origin,
    },
  ];
  victims.forEach((v, i) => {
    list.push({
      id: `V${i + 1}`,
      role: 'victim',
      pseudonym: `Victime ${String.fromCharCode(65 + i)}`,
      name: v.name,
      ...(v.born ? { born: v.born } : {}),
      ageAtFacts: 8 + i,
      residence: 'PH',
      aliases: v.aliases ?? [],
      origin,
    });
  });
  return list;
}

function accounts(victims: readonly VictimNames[]): Account[] {
  const list: Account[] = [
    {
      id: 'A-P1-WU',
      kind: 'money_transfer',
      platform: 'Western Union',
      identifier: 'WU-FICT-FR-000417',
      holder: 'P1',
      origin,
    },
    {
      id: 'A-P1-SKYPE',
      kind: 'video',
      platform: 'Skype',
      identifier: 'live:.cid.f1c7a0e5b2d3fict',
      holder: 'P1',
      origin,
    },
    {
      id: 'A-P2-SKYPE',
      kind: 'video',
      platform: 'Skype',
      identifier: 'live:.cid.3a7c90e1d5b8fict',
      holder: 'P2',
      origin,
    },
    {
      id: 'A-P2-BANK',
      kind: 'bank',
      platform: 'Banque',
      identifier: 'FR7630999004170001234567804',
      holder: 'P2',
      origin,
    },
  ];
  victims.forEach((v, i) => {
    const local = v.name.toLowerCase().replace(/[^a-z]+/g, '.') || 'victim';
    list.push({
      id: `A-V${i + 1}`,
      kind: 'email',
      identifier: `${local}@example.ph`,
      holder: `V${i + 1}`,
      origin,
    });
  });
  return list;
}

function exhibits(title: string | undefined): Exhibit[] {
  return [
    {
      id: 'E01',
      title: title ?? 'Export des envois Western Union 2018',
      kind: 'financial_record',
      source: 'Western Union',
      obtained: '2019-02-14',
      seal: 'OFMIN-2019-01',
      files: [
        { path: 'exhibits/E01/wu-transactions-2018.csv', sha256: HASH, size: 202769, origin },
      ],
      custody: [
        {
          at: instant('2019-02-14T10:20:00+01:00'),
          action: 'received',
          by: 'Lt A. Ferrandier',
          origin,
        },
        {
          at: instant('2019-02-14T11:05:00+01:00'),
          action: 'sealed',
          by: 'Lt A. Ferrandier',
          origin,
        },
      ],
      origin,
    },
    {
      id: 'E02',
      title: 'Journaux de connexion',
      kind: 'communication_log',
      source: 'Plateforme vidéo',
      obtained: '2019-03-18',
      files: [],
      custody: [],
      origin,
    },
  ];
}

const CHANNELS = ['money_transfer', 'bank_transfer', 'online_payment'] as const;

function transfers(count: number | undefined): Transfer[] {
  const written: [string, string, string, string, 'EUR' | 'USD'][] = [
    ['2018-01-14T19:42:00+01:00', 'A-P1-WU', 'P2', '120.00', 'EUR'],
    ['2018-02-03T14:22:00+01:00', 'A-P1-WU', 'P2', '85.50', 'EUR'],
    ['2018-02-18T21:05:00Z', 'P1', 'A-P2-BANK', '1160.00', 'USD'],
    ['2018-03-10T10:15:00+01:00', 'A-P1-WU', 'P2', '240.00', 'EUR'],
    ['2018-03-25T03:30:00+02:00', 'A-P1-WU', 'P2', '60.50', 'EUR'],
    ['2018-05-12T17:10:00+02:00', 'P1', 'P2', '1234.56', 'EUR'],
  ];
  const n = count ?? written.length;
  const out: Transfer[] = [];
  for (let i = 0; i < n; i++) {
    const w = written[i % written.length] as (typeof written)[number];
    const at =
      count === undefined
        ? w[0]
        : new Date(Date.UTC(2018, 0, 1) + i * 3_600_000 * 7).toISOString().replace('.000Z', 'Z');
    const [units, cents] = w[3].split('.') as [string, string];
    const minor = BigInt(units) * 100n + BigInt(cents) + BigInt(count === undefined ? 0 : i % 97);
    out.push({
      id: `T-${String(i + 1).padStart(5, '0')}`,
      at: instant(at),
      from: w[1],
      to: w[2],
      amount: { minor, currency: w[4] },
      amountText: w[3],
      channel: CHANNELS[i % 3] as Transfer['channel'],
      provider: i % 3 === 0 ? 'Western Union' : 'Remitly',
      reference: `48100${String(93726 + i).padStart(6, '0')}`,
      status: i === 3 ? 'attempted' : 'completed',
      evidence: 'E01',
      origin,
    });
  }
  return out;
}

function exchanges(): Exchange[] {
  return [
    {
      id: 'X-001',
      at: instant('2018-01-15T03:30:00+01:00'),
      end: instant('2018-01-15T04:05:00+01:00'),
      kind: 'live_session',
      platform: 'Skype',
      from: 'A-P2-SKYPE',
      to: ['A-P1-SKYPE'],
      summary: 'Session vidéo en direct',
      evidence: 'E02',
      origin,
    },
    {
      id: 'X-002',
      at: instant('2018-02-04T15:10:00+01:00'),
      kind: 'message',
      platform: 'Skype',
      from: 'A-P1-SKYPE',
      to: ['A-P2-SKYPE'],
      evidence: 'E02',
      origin,
    },
  ];
}

const charges = (victims: number): Charge[] => [
  {
    id: 'C1',
    qualification: 'Complicité de viols commis sur des mineurs de quinze ans',
    articles: ['121-7 CP', '222-23 CP'],
    nature: 'crime',
    suspects: ['P1'],
    victims: Array.from({ length: victims }, (_, i) => `V${i + 1}`),
    period: { from: '2018-01-12', to: '2018-12-10' },
    place: 'Paris',
    evidence: ['E01', 'E02'],
    origin,
  },
];

const rates: Rate[] = [
  {
    currency: 'USD',
    date: '2017-12-01',
    rate: { units: 8330n, scale: 4 },
    rateText: '0.8330',
    source: 'BCE',
    origin,
  },
];

/** A small but complete dossier; `transfers: n` generates n transfers instead. */
export function makeDossier(options: FixtureOptions = {}): Dossier {
  const victims = options.victims ?? [
    { name: 'Jessa Mae Fictoria', aliases: ['Jemae'], born: '2009-04-12' },
  ];
  return {
    rootDir: '/tmp/dossier',
    sources: [{ name: 'dossier.yaml', absPath: '/tmp/dossier/dossier.yaml', sha256: HASH }],
    case: {
      reference: '19-123-000456',
      title:
        options.title ?? 'Sessions diffusées en direct depuis les Philippines (dossier fictif)',
      court: 'Tribunal judiciaire de Paris',
      office: 'Parquet de Paris, section des mineurs',
      unit: 'Office mineurs (OFMIN)',
      procedure: 'judicial',
      referral: 'cour_criminelle',
      opened: '2019-01-21',
      preparedBy: 'Capitaine M. Ravenel',
      language: options.language ?? 'fr',
      timezone: 'Europe/Paris',
      currency: 'EUR',
    },
    persons: persons(victims, options.notes),
    accounts: accounts(victims),
    charges: charges(victims.length),
    evidence: exhibits(options.exhibitTitle),
    transfers: transfers(options.transfers),
    exchanges: exchanges(),
    rates,
  };
}

/** A validation warning for the warnings annex (an exhibit that nothing cites). */
export const unusedEvidenceWarning = {
  code: 'unused-evidence' as const,
  severity: 'warning' as const,
  file: 'dossier.yaml',
  line: 42,
  column: 5,
  message: 'exhibit "E02" is cited by nothing',
  path: ['evidence', 1],
};
