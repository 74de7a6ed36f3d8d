#!/usr/bin/env node
// FICTIONAL TEST DATA GENERATOR - every person, account, IBAN, phone number, e-mail
// address, reference, amount and date it writes is invented by a seeded pseudo-random
// generator. Any resemblance to a real person, case or account is accidental.
//
// Writes a valid, realistic, multi-file courtfile dossier (format version 1) for the
// benchmarks: a root dossier.yaml (case, persons, accounts, charges, evidence, rates)
// that includes transfers-NNN.yaml and exchanges-NNN.yaml chunks, plus exhibit files of
// chosen sizes listed with their SHA-256 and size. Same options + same seed = same bytes.
//
//   node bench/generate.js --out DIR [--transfers N] [--exchanges M] [--exhibits K]
//        [--exhibit-bytes B] [--seed S] [--chunk C] [--force]
//
// B accepts K/M/G suffixes (binary: 256M = 268435456 bytes); each of the K exhibit files
// has B bytes. Exhibit content is an AES-256-CTR keystream keyed by the seed: fast to
// write (several GB/s), incompressible like the media exports of a real case.

import { createCipheriv, createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Buffer } from 'node:buffer';

/** Bump when the output for the same options changes, so cached dossiers are rebuilt. */
export const GENERATOR_VERSION = 4;
export const MANIFEST_NAME = 'bench-manifest.json';

/**
 * @typedef {object} GenerateOptions
 * @property {string} out            folder to write (created; must be empty or made by this generator)
 * @property {number} transfers      number of transfer records
 * @property {number} exchanges      number of exchange records
 * @property {number} exhibits       number of exhibit files
 * @property {number} exhibitBytes   size of each exhibit file, in bytes
 * @property {string} seed           seed of every pseudo-random choice
 * @property {number} chunk          records per included file
 */

/**
 * @typedef {object} Manifest
 * @property {number} generator
 * @property {Omit<GenerateOptions, 'out'>} options
 * @property {string} root                       root file, relative to out
 * @property {string[]} includes                 included files, relative to out
 * @property {{path: string, size: number, sha256: string}[]} exhibits
 * @property {Record<string, number>} counts     records per list
 * @property {number} yamlBytes                  bytes of YAML (root + includes)
 * @property {number} exhibitBytes               bytes of exhibit files
 */

export const DEFAULTS = Object.freeze({
  transfers: 1000,
  exchanges: 500,
  exhibits: 4,
  exhibitBytes: 64 * 1024,
  seed: '1',
  chunk: 20000,
});

// ---------------------------------------------------------------------------------------
// Seeded pseudo-random numbers (sfc32), one independent stream per purpose so that, e.g.,
// changing the number of exchanges does not change the transfers.

/** @param {string} seed @param {string} stream */
function makeRng(seed, stream) {
  const h = createHash('sha256').update(`courtfile-bench:${seed}:${stream}`).digest();
  let a = h.readUInt32LE(0);
  let b = h.readUInt32LE(4);
  let c = h.readUInt32LE(8);
  let d = h.readUInt32LE(12);
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return {
    next,
    /** integer in [lo, hi] */
    int: (/** @type {number} */ lo, /** @type {number} */ hi) =>
      lo + Math.floor(next() * (hi - lo + 1)),
    /** @template T @param {readonly T[]} list @returns {T} */
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (/** @type {number} */ p) => next() < p,
    digits: (/** @type {number} */ n) => {
      let s = '';
      for (let i = 0; i < n; i++) s += Math.floor(next() * 10);
      return s;
    },
  };
}

// ---------------------------------------------------------------------------------------
// Time: instants written with the UTC offset of the zone where they were recorded.

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const PERIOD_START = Date.UTC(2017, 0, 1);
const PERIOD_END = Date.UTC(2019, 0, 1);

/** @param {number} y @param {number} month 0-based @returns {number} day of month */
function lastSunday(y, month) {
  const last = new Date(Date.UTC(y, month + 1, 0));
  return last.getUTCDate() - last.getUTCDay();
}
/** @param {number} y @param {number} month @param {number} n @returns {number} */
function nthSunday(y, month, n) {
  const first = new Date(Date.UTC(y, month, 1)).getUTCDay();
  return 1 + ((7 - first) % 7) + 7 * (n - 1);
}
/** @type {Map<number, {eu: [number, number], us: [number, number]}>} */
const dstCache = new Map();
/** @param {number} y */
function dst(y) {
  let v = dstCache.get(y);
  if (!v) {
    v = {
      eu: [Date.UTC(y, 2, lastSunday(y, 2), 1), Date.UTC(y, 9, lastSunday(y, 9), 1)],
      us: [Date.UTC(y, 2, nthSunday(y, 2, 2), 7), Date.UTC(y, 10, nthSunday(y, 10, 1), 6)],
    };
    dstCache.set(y, v);
  }
  return v;
}

/** Zones the records are written in; offsets in minutes (DST for Europe and New York). */
const ZONES = {
  paris: (/** @type {number} */ ms) =>
    inRange(ms, dst(new Date(ms).getUTCFullYear()).eu) ? 120 : 60,
  london: (/** @type {number} */ ms) =>
    inRange(ms, dst(new Date(ms).getUTCFullYear()).eu) ? 60 : 0,
  bucharest: (/** @type {number} */ ms) =>
    inRange(ms, dst(new Date(ms).getUTCFullYear()).eu) ? 180 : 120,
  newyork: (/** @type {number} */ ms) =>
    inRange(ms, dst(new Date(ms).getUTCFullYear()).us) ? -240 : -300,
  manila: () => 480,
  tokyo: () => 540,
  utc: () => 0,
};
/** @param {number} ms @param {[number, number]} r */
function inRange(ms, r) {
  return ms >= r[0] && ms < r[1];
}

const p2 = (/** @type {number} */ n) => (n < 10 ? '0' : '') + n;

/** ISO 8601 with the zone's offset; "Z" for the utc zone. @param {number} ms @param {keyof typeof ZONES} zone */
function instant(ms, zone) {
  const off = ZONES[zone](ms);
  const d = new Date(ms + off * 60_000);
  const sec = d.getUTCSeconds();
  let s = `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}T${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
  if (sec !== 0) s += `:${p2(sec)}`;
  if (zone === 'utc') return `${s}Z`;
  const a = Math.abs(off);
  return `${s}${off < 0 ? '-' : '+'}${p2(Math.floor(a / 60))}:${p2(a % 60)}`;
}

/** @param {number} ms */
const isoDate = (ms) => new Date(ms).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------
// YAML helpers: every free text is written double-quoted (JSON escapes are valid YAML).

const q = (/** @type {string} */ s) => JSON.stringify(s);

/** @param {number} cents @param {Rng} rng */
function eurAmount(cents, rng) {
  const r = rng.next();
  if (r < 0.35) return String(Math.max(1, Math.round(cents / 100))); // 120
  const whole = Math.floor(cents / 100);
  const frac = p2(cents % 100);
  if (r < 0.65) return `${whole}.${frac}`; // 160.00 (a YAML number, read exactly)
  if (r < 0.9) return q(`${whole}.${frac}`); // "85.50"
  return cents % 10 === 0 ? `${whole}.${frac[0]}` : `${whole}.${frac}`; // 85.5
}

/** @typedef {ReturnType<typeof makeRng>} Rng */

// ---------------------------------------------------------------------------------------
// Fictional names and identifiers.

const FR_FIRST = [
  'Laurent',
  'Ionuț',
  'Mathieu',
  'Sébastien',
  'Grégoire',
  'Cédric',
  'Thierry',
  'Dorin',
  'Mihai',
  'Răzvan',
  'Olivier',
  'Benoît',
  'Jérôme',
  'Pascal',
  'Étienne',
  'Frédéric',
  'Hervé',
  'Aurélien',
];
const FR_LAST = [
  'Besnier',
  'Mărășteanu',
  'Quéré',
  'Lefèvre',
  'Roussel',
  'Popescu',
  'Garnier',
  'Vasilescu',
  'Châtelain',
  'Moreau',
  'Dumitrescu',
  'Kerbrat',
  'Delaunay',
  'Ionescu',
  'Arnaud',
  'Perrin',
  'Le Gall',
  'Ştefănescu',
];
const PH_FIRST = [
  'Maricel',
  'Jhoanna',
  'Rowena',
  'Arnel',
  'Jomar',
  'Lorna',
  'Marites',
  'Rhodora',
  'Edgardo',
  'Cristina',
  'Analyn',
  'Rodel',
  'Jessa Mae',
  'Rhea Lyn',
];
const PH_LAST = [
  'Dela Peña',
  'Cabañero',
  'Villareal',
  'Bautista',
  'Macaraeg',
  'Dimaculangan',
  'Santos',
  'Ibañez',
  'Pangilinan',
  'Magbanua',
  'Tolentino',
  'Buenaventura',
];
const CITIES_FR = [
  'Paris (18e)',
  'Montreuil',
  'Lyon',
  'Marseille',
  'Lille',
  'Nantes',
  'Strasbourg',
  'Toulouse',
];
const CITIES_PH = ['Cebu', 'Taguig', 'Pasay', 'Cagayan de Oro', 'Iloilo', 'Davao', 'Angeles'];

const ascii = (/** @type {string} */ s) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z]+/g, '.')
    .toLowerCase();

/** Remainder modulo 97 of a string of digits. @param {string} digits */
function mod97(digits) {
  let r = 0;
  for (let i = 0; i < digits.length; i++) r = (r * 10 + (digits.charCodeAt(i) - 48)) % 97;
  return r;
}

/** A French IBAN with a valid RIB key and valid mod-97 check digits. @param {Rng} rng */
function frenchIban(rng) {
  const bank = `3${rng.digits(4)}`;
  const branch = rng.digits(5);
  const account = rng.digits(11);
  const key = 97 - mod97(String(89 * Number(bank) + 15 * Number(branch) + 3 * Number(account)));
  const bban = `${bank}${branch}${account}${p2(key)}`;
  const check = 98 - mod97(`${bban}152700`); // "FR00": F=15, R=27
  return `FR${p2(check)}${bban}`;
}

// ---------------------------------------------------------------------------------------
// The cast: persons and their accounts, scaled with the number of records.

/**
 * The identifier with its trailing number one up, same width (`RMT-FICT-FR-09999` →
 * `RMT-FICT-FR-10000`, `…99999` → `…00000`). Not for IBANs (their check digits).
 * @param {string} identifier @param {string} kind
 */
function nextNumber(identifier, kind) {
  const m = /^(.*?)(\d+)$/.exec(identifier);
  if (!m || kind === 'bank') throw new Error(`cannot make ${kind} identifier ${identifier} unique`);
  const width = m[2].length;
  const next = String((BigInt(m[2]) + 1n) % 10n ** BigInt(width)).padStart(width, '0');
  return `${m[1]}${next}`;
}

/** @param {number} v @param {number} lo @param {number} hi */
const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
const pad3 = (/** @type {number} */ n) => String(n).padStart(3, '0');

/** @param {GenerateOptions} o */
function makeCast(o) {
  const rng = makeRng(o.seed, 'cast');
  // About 150 transfers per suspect over the two years (a payment a week or so, a few
  // suspects much more): many customers of a few facilitators, as in mass cases.
  const suspects = clamp(Math.ceil(o.transfers / 150), 2, 5000);
  const intermediaries = clamp(Math.ceil(o.transfers / 400), 2, 2000);
  const victims = clamp(Math.ceil(o.transfers / 800), 2, 2000);
  const years = [];
  for (
    let y = new Date(PERIOD_START).getUTCFullYear();
    y < new Date(PERIOD_END).getUTCFullYear();
    y++
  )
    years.push(y);
  /** @type {{id: string, name: string, role: string, yaml: string}[]} */
  const persons = [];
  const S = (/** @type {number} */ i) => `S${pad3(i + 1)}`;
  const I = (/** @type {number} */ i) => `I${pad3(i + 1)}`;
  for (let i = 0; i < suspects; i++) {
    const name = `${rng.pick(FR_FIRST)} ${rng.pick(FR_LAST)}`;
    const born = rng.int(1955, 1995);
    persons.push({
      id: S(i),
      name,
      role: 'suspect',
      yaml: [
        `  - id: ${S(i)}`,
        '    role: suspect',
        `    name: ${q(name)}`,
        `    born: ${rng.chance(0.5) ? `${born}-${p2(rng.int(1, 12))}-${p2(rng.int(1, 28))}` : born}`,
        `    nationality: ${rng.chance(0.7) ? 'FR' : 'RO'}`,
        '    residence: FR',
        `    aliases: [${q(`${ascii(name).split('.')[0]}_${String(born).slice(2)}`)}]`,
        `    notes: ${q(`Domicilié à ${rng.pick(CITIES_FR)} (fictif). Expéditeur d'envois d'argent et de paiements en ligne.`)}`,
      ].join('\n'),
    });
  }
  for (let i = 0; i < intermediaries; i++) {
    const name = `${rng.pick(PH_FIRST)} ${rng.pick(PH_LAST)}`;
    persons.push({
      id: I(i),
      name,
      role: 'intermediary',
      yaml: [
        `  - id: ${I(i)}`,
        '    role: intermediary',
        `    name: ${q(name)}`,
        `    born: ${rng.int(1970, 1998)}`,
        '    nationality: PH',
        '    residence: PH',
        `    notes: ${q(`Bénéficiaire des envois ; organise des sessions vidéo depuis ${rng.pick(CITIES_PH)} (fictif).`)}`,
      ].join('\n'),
    });
  }
  for (let i = 0; i < victims; i++) {
    const id = `V${pad3(i + 1)}`;
    const lines = [
      `  - id: ${id}`,
      '    role: victim',
      `    pseudonym: ${q(`Victime ${pad3(i + 1)}`)}`,
    ];
    if (rng.chance(0.7)) {
      lines.push(`    name: ${q(`${rng.pick(PH_FIRST)} ${rng.pick(PH_LAST)}`)}`);
      lines.push(`    born: ${rng.int(2003, 2012)}`);
    }
    lines.push(`    age_at_facts: ${rng.int(5, 14)}`, '    residence: PH');
    persons.push({ id, name: '', role: 'victim', yaml: lines.join('\n') });
  }
  for (let i = 0; i < 2; i++) {
    const id = `W${pad3(i + 1)}`;
    persons.push({
      id,
      name: '',
      role: 'witness',
      yaml: [
        `  - id: ${id}`,
        '    role: witness',
        `    name: ${q(`${rng.pick(FR_FIRST)} ${rng.pick(FR_LAST)}`)}`,
        '    residence: FR',
        `    notes: ${q("Analyste conformité d'un prestataire de transfert d'argent (fictif).")}`,
      ].join('\n'),
    });
  }

  const first = years[0];
  /** @type {string[]} */
  const evidence = [];
  const ev = {
    wu: years.map((y) => `E-WU-${y}`),
    remit: years.map((y) => `E-REMIT-${y}`),
    bank: years.map((y) => `E-BANK-${y}`),
    platform: years.map((y) => `E-PLATFORM-${y}`),
    crypto: 'E-CRYPTO',
    nbi: 'E-NBI',
    pv: 'E-PV',
    witness: 'E-TEMOIN',
    device: Array.from({ length: suspects }, (_, i) => `E-DEV-${S(i)}`),
  };
  /** @type {string[]} */
  const accounts = [];
  /** Kind and identifier of each account written. */
  const identifiers = new Set();
  /** @param {string} id @param {string} kind @param {string|undefined} platform @param {string} identifier @param {string} holder @param {string|undefined} attribution */
  const account = (id, kind, platform, drawn, holder, attribution) => {
    // Random digits collide now and then (five digits, hundreds of suspects): the next
    // number up keeps the identifier unique within its kind, as validate wants
    // (duplicate-account), without drawing again (the rest of the dossier is unchanged).
    let identifier = drawn;
    while (identifiers.has(`${kind} ${identifier}`)) identifier = nextNumber(identifier, kind);
    identifiers.add(`${kind} ${identifier}`);
    const lines = [`  - id: ${id}`, `    kind: ${kind}`];
    if (platform) lines.push(`    platform: ${q(platform)}`);
    lines.push(`    identifier: ${q(identifier)}`, `    holder: ${holder}`);
    if (attribution) lines.push(`    attribution: ${attribution}`);
    accounts.push(lines.join('\n'));
  };
  const hex = (/** @type {number} */ n) => {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[rng.int(0, 15)];
    return s;
  };
  for (let i = 0; i < suspects; i++) {
    const p = persons[i];
    const dev = ev.device[i];
    account(
      `ACC-${p.id}-EMAIL`,
      'email',
      'Messagerie web',
      `${ascii(p.name)}.${p.id.toLowerCase()}@example.net`,
      p.id,
      dev,
    );
    account(`ACC-${p.id}-PHONE`, 'phone', undefined, `+336${rng.digits(8)}`, p.id, dev);
    account(`ACC-${p.id}-VIDEO`, 'video', 'Skype', `live:.cid.${hex(16)}`, p.id, ev.platform[0]);
    account(
      `ACC-${p.id}-WU`,
      'money_transfer',
      'Western Union',
      `WU-FICT-FR-${rng.digits(6)}`,
      p.id,
      `E-WU-${first}`,
    );
    account(
      `ACC-${p.id}-BANK`,
      'bank',
      'Banque fictive de Paris',
      frenchIban(rng),
      p.id,
      `E-BANK-${first}`,
    );
    account(
      `ACC-${p.id}-REMIT`,
      'money_transfer',
      'Remitly',
      `RMT-FICT-FR-${rng.digits(5)}`,
      p.id,
      `E-REMIT-${first}`,
    );
    account(
      `ACC-${p.id}-BTC`,
      'crypto',
      'Bitcoin',
      `bc1q${hex(38)}`,
      p.id,
      rng.chance(0.6) ? ev.crypto : undefined,
    );
  }
  for (let i = 0; i < intermediaries; i++) {
    const p = persons[suspects + i];
    const attribution = rng.chance(0.8) ? ev.nbi : undefined;
    account(
      `ACC-${p.id}-EMAIL`,
      'email',
      undefined,
      `${ascii(p.name)}.${p.id.toLowerCase()}@example.com`,
      p.id,
      attribution,
    );
    account(`ACC-${p.id}-PHONE`, 'phone', undefined, `+639${rng.digits(9)}`, p.id, ev.nbi);
    account(`ACC-${p.id}-VIDEO`, 'video', 'Skype', `live:.cid.${hex(16)}`, p.id, ev.nbi);
    account(
      `ACC-${p.id}-WU`,
      'money_transfer',
      'Western Union',
      `WU-FICT-PH-RECEIVER-${rng.digits(5)}`,
      p.id,
      ev.nbi,
    );
    account(`ACC-${p.id}-WALLET`, 'payment', 'GCash', `+639${rng.digits(9)}`, p.id, attribution);
    account(`ACC-${p.id}-BTC`, 'crypto', 'Bitcoin', `bc1q${hex(38)}`, p.id, undefined);
  }
  evidence.push(
    ...ev.wu,
    ...ev.remit,
    ...ev.bank,
    ...ev.platform,
    ev.crypto,
    ev.nbi,
    ...ev.device,
    ev.pv,
    ev.witness,
  );
  return { suspects, intermediaries, victims, years, persons, accounts, ev, evidence, S, I };
}

// ---------------------------------------------------------------------------------------
// Transfers: sorted instants over two years; channel decides provider, currency and zone.

/** @typedef {{channel: string, provider?: string, zone: keyof typeof ZONES, currency: string, from: string, to: string, evidence: string, reference?: string}} TransferShape */

const CHANNELS = /** @type {const} */ ([
  ['money_transfer', 0.45],
  ['bank_transfer', 0.18],
  ['online_payment', 0.22],
  ['crypto', 0.05],
  ['card', 0.07],
  ['cash', 0.03],
]);

/** @param {GenerateOptions} o @param {ReturnType<typeof makeCast>} cast */
function makeTransfers(o, cast) {
  const rng = makeRng(o.seed, 'transfers');
  const n = o.transfers;
  const at = new Float64Array(n);
  for (let i = 0; i < n; i++)
    at[i] = PERIOD_START + Math.floor(rng.next() * ((PERIOD_END - PERIOD_START) / 1000)) * 1000;
  at.sort();
  const sender = new Int32Array(n);
  const completed = new Uint8Array(n);
  /** @type {string[]} */
  const records = new Array(n);
  const width = Math.max(6, String(n).length);
  const yearIndex = (/** @type {number} */ ms) =>
    clamp(new Date(ms).getUTCFullYear() - cast.years[0], 0, cast.years.length - 1);
  for (let i = 0; i < n; i++) {
    if (rng.chance(0.2)) at[i] = Math.floor(at[i] / 60_000) * 60_000; // some recorded to the minute
    // A few suspects are much more active than the others.
    const s = Math.floor(rng.next() ** 1.5 * cast.suspects);
    const r = (s * 7 + rng.int(0, 2)) % cast.intermediaries;
    sender[i] = s;
    const S = cast.S(s);
    const I = cast.I(r);
    const y = yearIndex(at[i]);
    let u = rng.next();
    let channel = 'other';
    for (const [c, p] of CHANNELS) {
      if (u < p) {
        channel = c;
        break;
      }
      u -= p;
    }
    /** @type {TransferShape} */
    let t;
    const date = isoDate(at[i]).replace(/-/g, '');
    switch (channel) {
      case 'money_transfer': {
        const gbp = rng.chance(0.15);
        t = {
          channel,
          provider: 'Western Union',
          zone: gbp ? 'london' : 'paris',
          currency: gbp ? 'GBP' : 'EUR',
          from: rng.chance(0.9) ? `ACC-${S}-WU` : S,
          to: rng.chance(0.85) ? `ACC-${I}-WU` : I,
          evidence: cast.ev.wu[y],
          reference: q(rng.digits(10)),
        };
        break;
      }
      case 'bank_transfer':
        t = {
          channel,
          provider: 'Banque fictive de Paris',
          zone: 'paris',
          currency: 'EUR',
          from: `ACC-${S}-BANK`,
          to: rng.chance(0.5) ? I : `ACC-${I}-WALLET`,
          evidence: cast.ev.bank[y],
          reference: q(`VIR-FICT-${date}-${rng.digits(4)}`),
        };
        break;
      case 'online_payment':
        t = {
          channel,
          provider: 'Remitly',
          zone: rng.chance(0.6) ? 'newyork' : 'utc',
          currency: 'USD',
          from: `ACC-${S}-REMIT`,
          to: `ACC-${I}-WALLET`,
          evidence: cast.ev.remit[y],
          reference: q(
            `RMT-FICT-${rng
              .int(0, 36 ** 6 - 1)
              .toString(36)
              .toUpperCase()
              .padStart(6, '0')}`,
          ),
        };
        break;
      case 'crypto':
        t = {
          channel,
          zone: 'utc',
          currency: 'EUR',
          from: `ACC-${S}-BTC`,
          to: `ACC-${I}-BTC`,
          evidence: cast.ev.crypto,
          reference: q(rng.digits(16)),
        };
        break;
      case 'card':
        t = {
          channel,
          provider: 'Carte bancaire (fictive)',
          zone: 'tokyo',
          currency: 'JPY',
          from: `ACC-${S}-BANK`,
          to: `ACC-${I}-WALLET`,
          evidence: cast.ev.bank[y],
          reference: q(`CB-FICT-${rng.digits(6)}`),
        };
        break;
      default:
        t = {
          channel: 'cash',
          zone: 'manila',
          currency: 'EUR',
          from: S,
          to: I,
          evidence: cast.ev.pv,
        };
    }
    let amount;
    if (t.currency === 'JPY') {
      const yen = rng.int(30, 1500) * 100;
      amount = rng.chance(0.8) ? String(yen) : q(String(yen));
    } else {
      amount = eurAmount(rng.int(2000, 90000), rng);
    }
    const u2 = rng.next();
    const status = u2 < 0.92 ? 'completed' : u2 < 0.97 ? 'attempted' : 'reversed';
    completed[i] = status === 'completed' ? 1 : 0;
    let rec =
      `  - id: T-${String(i + 1).padStart(width, '0')}\n` +
      `    at: ${instant(at[i], t.zone)}\n` +
      `    from: ${t.from}\n` +
      `    to: ${t.to}\n` +
      `    amount: ${amount}\n` +
      `    currency: ${t.currency}\n` +
      `    channel: ${t.channel}\n`;
    if (t.provider) rec += `    provider: ${q(t.provider)}\n`;
    if (t.reference) rec += `    reference: ${t.reference}\n`;
    if (status !== 'completed' || rng.chance(0.6)) rec += `    status: ${status}\n`;
    rec += `    evidence: ${t.evidence}\n`;
    if (rng.chance(0.03)) {
      rec += `    notes: ${q(rng.pick(['Retrait en espèces par la bénéficiaire (fictif).', "Montant déclaré « aide familiale » par l'expéditeur.", 'Opération signalée par le prestataire : montant fractionné.', "Remise de la main à la main, selon l'audition du témoin."]))}\n`;
    }
    records[i] = rec;
  }
  return { at, sender, completed, records, yearIndex };
}

// ---------------------------------------------------------------------------------------
// Exchanges: a third are live sessions or video calls within 48 h of a completed
// transfer by the same suspect (the correlations the tool must find); the rest are
// messages, e-mails, calls and file transfers at random times.

const SUMMARIES = {
  message: [
    'Messages échangés sur la plateforme (métadonnées seules).',
    'Prise de contact ; paiement évoqué (métadonnées).',
  ],
  email: [
    "Courriel relatif aux modalités d'un envoi d'argent.",
    'Courriel avec pièce jointe (non ouverte).',
  ],
  call: ["Appel téléphonique (durée relevée par l'opérateur)."],
  video_call: ['Appel vidéo (métadonnées de la plateforme).'],
  live_session: ['Session vidéo en direct (métadonnées de la plateforme).'],
  file_transfer: ['Transfert de fichier signalé par la plateforme (contenu non consulté).'],
  other: ['Connexion simultanée des deux comptes (journal de la plateforme).'],
};

/** @param {GenerateOptions} o @param {ReturnType<typeof makeCast>} cast @param {ReturnType<typeof makeTransfers>} tr */
function makeExchanges(o, cast, tr) {
  const rng = makeRng(o.seed, 'exchanges');
  const m = o.exchanges;
  const at = new Float64Array(m);
  /** @type {string[]} */
  const body = new Array(m);
  for (let k = 0; k < m; k++) {
    let kind;
    let from;
    let to;
    let zone;
    let evidence;
    let platform;
    let ms;
    let end;
    const linked = tr.at.length > 0 && rng.chance(0.33);
    if (linked) {
      let j = rng.int(0, tr.at.length - 1);
      for (let tries = 0; tries < 20 && !tr.completed[j]; tries++) j = rng.int(0, tr.at.length - 1);
      const S = cast.S(tr.sender[j]);
      const I = cast.I((tr.sender[j] * 7 + rng.int(0, 2)) % cast.intermediaries);
      ms = tr.at[j] + Math.round((rng.next() * 2 - 1) * 47 * 3600) * 1000;
      kind = rng.chance(0.75) ? 'live_session' : 'video_call';
      [from, to] =
        kind === 'live_session' || rng.chance(0.5)
          ? [`ACC-${I}-VIDEO`, `ACC-${S}-VIDEO`]
          : [`ACC-${S}-VIDEO`, `ACC-${I}-VIDEO`];
      zone = rng.chance(0.6) ? 'manila' : 'utc';
      platform = 'Skype';
      evidence = cast.ev.platform[tr.yearIndex(ms)];
      end = ms + rng.int(10, 90) * 60_000;
    } else {
      const s = Math.floor(rng.next() ** 1.5 * cast.suspects);
      const S = cast.S(s);
      const I = cast.I((s * 7 + rng.int(0, 2)) % cast.intermediaries);
      ms = PERIOD_START + Math.floor(rng.next() * ((PERIOD_END - PERIOD_START) / 1000)) * 1000;
      const u = rng.next();
      kind =
        u < 0.45
          ? 'message'
          : u < 0.65
            ? 'email'
            : u < 0.85
              ? 'call'
              : u < 0.93
                ? 'file_transfer'
                : u < 0.97
                  ? 'video_call'
                  : 'other';
      const acc = kind === 'email' ? 'EMAIL' : kind === 'call' ? 'PHONE' : 'VIDEO';
      const outgoing = rng.chance(0.55);
      from = outgoing ? `ACC-${S}-${acc}` : `ACC-${I}-${acc}`;
      to = outgoing ? `ACC-${I}-${acc}` : `ACC-${S}-${acc}`;
      if (outgoing && kind === 'message' && cast.intermediaries > 1 && rng.chance(0.08)) {
        to = `${to}, ACC-${cast.I((s * 7 + 3) % cast.intermediaries)}-${acc}`; // a group conversation
      }
      platform = acc === 'VIDEO' ? 'Skype' : undefined;
      const fromDevice = kind === 'email' || kind === 'call' || rng.chance(0.3);
      evidence = fromDevice ? cast.ev.device[s] : cast.ev.platform[tr.yearIndex(ms)];
      zone = fromDevice
        ? rng.chance(0.8)
          ? 'paris'
          : 'bucharest'
        : rng.chance(0.5)
          ? 'manila'
          : 'utc';
      end = kind === 'call' || kind === 'video_call' ? ms + rng.int(1, 45) * 60_000 : undefined;
    }
    if (rng.chance(0.2)) {
      ms = Math.floor(ms / 60_000) * 60_000;
      if (end !== undefined) end = Math.floor(end / 60_000) * 60_000;
    }
    at[k] = ms;
    let rec = `    at: ${instant(ms, /** @type {keyof typeof ZONES} */ (zone))}\n`;
    if (end !== undefined)
      rec += `    end: ${instant(Math.max(end, ms), /** @type {keyof typeof ZONES} */ (zone))}\n`;
    rec += `    kind: ${kind}\n`;
    if (platform) rec += `    platform: ${platform}\n`;
    rec += `    from: ${from}\n    to: [${to}]\n`;
    if (rng.chance(0.6))
      rec += `    summary: ${q(rng.pick(SUMMARIES[/** @type {keyof typeof SUMMARIES} */ (kind)]))}\n`;
    rec += `    evidence: ${evidence}\n`;
    body[k] = rec;
  }
  // Logs are chronological: number the records in time order.
  const order = Array.from({ length: m }, (_, k) => k).sort((a, b) => at[a] - at[b] || a - b);
  const width = Math.max(6, String(m).length);
  return order.map((k, i) => `  - id: X-${String(i + 1).padStart(width, '0')}\n${body[k]}`);
}

// ---------------------------------------------------------------------------------------
// Evidence index (with exhibit files), charges, rates, case.

/** @param {ReturnType<typeof makeCast>} cast @param {Map<string, {path: string, size: number, sha256: string}[]>} files @param {string} seed */
function evidenceYaml(cast, files, seed) {
  const rng = makeRng(seed, 'evidence');
  const custodyBy = [
    'Lt A. Ferrandier, OFMIN (fictif)',
    'Brigadier S. Okonkwo-Lemaire, OFMIN (fictif)',
    "Groupe d'appui technique, OFMIN (fictif)",
  ];
  /** @type {string[]} */
  const out = [];
  let seal = 0;
  for (const id of cast.evidence) {
    const y = id.match(/-(\d{4})$/)?.[1];
    /** @type {[string, string, string]} */
    let meta;
    if (id.startsWith('E-WU-'))
      meta = [
        `Export des envois Western Union ${y} (réponse à réquisition)`,
        'financial_record',
        'Western Union (réponse à réquisition, fictif)',
      ];
    else if (id.startsWith('E-REMIT-'))
      meta = [
        `Export des transactions Remitly ${y}`,
        'financial_record',
        'Remitly (réponse à réquisition, fictif)',
      ];
    else if (id.startsWith('E-BANK-'))
      meta = [
        `Relevés bancaires ${y} des comptes attribués`,
        'financial_record',
        'Établissements bancaires (réquisitions, fictif)',
      ];
    else if (id.startsWith('E-PLATFORM-'))
      meta = [
        `Journaux de connexion et métadonnées d'appels vidéo ${y}`,
        'communication_log',
        'Éditeur de la plateforme de visioconférence (fictif)',
      ];
    else if (id === 'E-CRYPTO')
      meta = [
        'Analyse des transactions en cryptomonnaie',
        'financial_record',
        "Prestataire d'analyse de chaîne de blocs (fictif)",
      ];
    else if (id === 'E-NBI')
      meta = [
        "Rapport du NBI et de l'AMLC (Philippines), entraide pénale",
        'foreign_report',
        'National Bureau of Investigation, Philippines (fictif)',
      ];
    else if (id.startsWith('E-DEV-'))
      meta = [
        `Rapport d'extraction du téléphone saisi chez ${id.slice(6)}`,
        'device_extraction',
        "OFMIN, groupe d'appui technique (fictif)",
      ];
    else if (id === 'E-PV')
      meta = ["Procès-verbal de synthèse de l'enquête", 'police_report', 'OFMIN (fictif)'];
    else
      meta = [
        "Procès-verbal d'audition du témoin W001 (signalement initial)",
        'police_report',
        'OFMIN (fictif)',
      ];
    const obtained = Date.UTC(2019, 1 + rng.int(0, 3), rng.int(1, 28));
    const lines = [
      `  - id: ${id}`,
      `    title: ${q(meta[0])}`,
      `    kind: ${meta[1]}`,
      `    source: ${q(meta[2])}`,
      `    obtained: ${isoDate(obtained)}`,
    ];
    if (meta[1] !== 'police_report') lines.push(`    seal: ${q(`OFMIN-2019-${pad3(++seal)}`)}`);
    const list = files.get(id);
    if (list && list.length > 0) {
      lines.push('    files:');
      for (const f of list)
        lines.push(
          `      - path: ${q(f.path)}`,
          `        sha256: ${f.sha256}`,
          `        size: ${f.size}`,
        );
    }
    // Custody: chronological, none before the day the exhibit was obtained.
    let t = obtained + 8 * HOUR + rng.int(0, 120) * 60_000; // 09:00-11:00 in Paris
    const actions =
      meta[1] === 'police_report'
        ? ['received']
        : ['received', 'sealed', 'opened', 'copied', 'analysed'];
    lines.push('    custody:');
    for (const action of actions) {
      const by = action === 'received' || action === 'sealed' ? custodyBy[0] : rng.pick(custodyBy);
      lines.push(
        `      - { at: ${instant(t, rng.chance(0.8) ? 'paris' : 'utc')}, action: ${action}, by: ${q(by)} }`,
      );
      // The next event: within the hour after reception, else a later working day (07:00-16:00 UTC).
      t =
        action === 'received'
          ? t + rng.int(20, 90) * 60_000
          : Math.floor(t / DAY) * DAY + rng.int(1, 10) * DAY + rng.int(7 * 60, 16 * 60) * 60_000;
    }
    out.push(lines.join('\n'));
  }
  return out;
}

/** Monthly rates from the month before the period, for every foreign currency used. @param {string} seed */
function ratesYaml(seed) {
  const rng = makeRng(seed, 'rates');
  /** @type {[string, number, number][]} currency, base rate, decimals */
  const currencies = [
    ['USD', 0.85, 4],
    ['GBP', 1.13, 4],
    ['JPY', 0.0076, 6],
  ];
  /** @type {string[]} */
  const out = [];
  for (const [cur, base, decimals] of currencies) {
    let rate = base;
    for (
      let ms = Date.UTC(2016, 11, 1);
      ms < PERIOD_END;
      ms = Date.UTC(new Date(ms).getUTCFullYear(), new Date(ms).getUTCMonth() + 1, 1)
    ) {
      const d = new Date(ms);
      const wd = d.getUTCDay();
      const day = ms + (wd === 6 ? 2 : wd === 0 ? 1 : 0) * DAY; // first business day
      rate *= 1 + (rng.next() - 0.5) * 0.03;
      const text = rate.toFixed(decimals);
      out.push(
        `  - { currency: ${cur}, date: ${isoDate(day)}, rate: ${rng.chance(0.2) ? q(text) : text}, source: BCE }`,
      );
    }
  }
  return out;
}

/** @param {ReturnType<typeof makeCast>} cast */
function chargesYaml(cast) {
  const suspects = cast.persons.filter((p) => p.role === 'suspect').map((p) => p.id);
  const victims = cast.persons.filter((p) => p.role === 'victim').map((p) => p.id);
  const list = (/** @type {string[]} */ ids) => `[${ids.join(', ')}]`;
  const financial = cast.evidence.filter((id) =>
    /^E-(WU|REMIT|BANK|CRYPTO|NBI|PV|TEMOIN)/.test(id),
  );
  const comms = cast.evidence.filter((id) => /^E-(PLATFORM|DEV|PV)/.test(id));
  const period = `{ from: ${isoDate(PERIOD_START)}, to: ${isoDate(PERIOD_END - DAY)} }`;
  return [
    [
      '  - id: C1',
      `    qualification: ${q('Complicité, par instigation, de viols commis sur des mineurs de quinze ans')}`,
      `    articles: ${list(['"121-7 CP"', '"222-23 CP"', '"222-24 CP"'])}`,
      '    nature: crime',
      `    suspects: ${list(suspects)}`,
      `    victims: ${list(victims)}`,
      `    period: ${period}`,
      `    place: ${q('France ; faits principaux commis aux Philippines')}`,
      `    evidence: ${list(financial)}`,
    ].join('\n'),
    [
      '  - id: C2',
      `    qualification: ${q('Corruption de mineurs de quinze ans')}`,
      `    articles: ${list(['"227-22 CP"'])}`,
      '    nature: delit',
      `    suspects: ${list(suspects)}`,
      `    victims: ${list(victims)}`,
      `    period: ${period}`,
      `    evidence: ${list(comms)}`,
    ].join('\n'),
  ];
}

// ---------------------------------------------------------------------------------------
// Exhibit files: AES-256-CTR keystream (deterministic per seed and file), hashed as written.

const BLOCK = 4 * 1024 * 1024;

/** @param {string} abs @param {number} size @param {string} seed @param {number} index @returns {string} sha256 */
function writeExhibit(abs, size, seed, index) {
  const key = createHash('sha256').update(`courtfile-bench-exhibit:${seed}:${index}`).digest();
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  const zeros = Buffer.alloc(Math.min(BLOCK, Math.max(size, 1)));
  const hash = createHash('sha256');
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const fd = fs.openSync(abs, 'w');
  try {
    for (let left = size; left > 0;) {
      const n = Math.min(left, zeros.length);
      const block = cipher.update(zeros.subarray(0, n));
      hash.update(block);
      for (let off = 0; off < block.length;) off += fs.writeSync(fd, block, off);
      left -= n;
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

// ---------------------------------------------------------------------------------------

const HEADER = (/** @type {string} */ what, /** @type {GenerateOptions} */ o) =>
  `# FICTIONAL TEST DATA - no real person, case or account\n` +
  `#\n` +
  `# Generated by bench/generate.js (courtfile benchmarks), seed ${q(o.seed)}: every name,\n` +
  `# number, account, IBAN, reference and date is invented by a pseudo-random generator.\n` +
  `# ${what}\n`;

/** Options with defaults, validated. @param {Partial<GenerateOptions> & {out: string}} o @returns {GenerateOptions} */
export function normalizeOptions(o) {
  const r = {
    ...DEFAULTS,
    ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)),
  };
  for (const k of /** @type {const} */ (['transfers', 'exchanges', 'exhibits', 'exhibitBytes'])) {
    if (!Number.isSafeInteger(r[k]) || r[k] < 0)
      throw new Error(
        `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} must be a whole number >= 0`,
      );
  }
  if (!Number.isSafeInteger(r.chunk) || r.chunk < 1)
    throw new Error('--chunk must be a whole number >= 1');
  if (!r.out) throw new Error('--out DIR is required');
  return {
    out: path.resolve(r.out),
    transfers: r.transfers,
    exchanges: r.exchanges,
    exhibits: r.exhibits,
    exhibitBytes: r.exhibitBytes,
    seed: String(r.seed),
    chunk: r.chunk,
  };
}

/** @param {GenerateOptions} o */
const manifestKey = (o) =>
  JSON.stringify({
    generator: GENERATOR_VERSION,
    transfers: o.transfers,
    exchanges: o.exchanges,
    exhibits: o.exhibits,
    exhibitBytes: o.exhibitBytes,
    seed: o.seed,
    chunk: o.chunk,
  });

/** @param {string} out @returns {Manifest | undefined} */
export function readManifest(out) {
  try {
    return JSON.parse(fs.readFileSync(path.join(out, MANIFEST_NAME), 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The manifest of an existing dossier made with the same options, when every file it
 * lists is still there with its size; undefined otherwise.
 * @param {GenerateOptions} o
 */
export function reusableManifest(o) {
  const m = readManifest(o.out);
  if (
    !m ||
    manifestKey({ ...m.options, out: o.out }) !== manifestKey(o) ||
    m.generator !== GENERATOR_VERSION
  )
    return undefined;
  for (const rel of [m.root, ...m.includes])
    if (!fs.existsSync(path.join(o.out, rel))) return undefined;
  for (const f of m.exhibits) {
    try {
      if (fs.statSync(path.join(o.out, f.path)).size !== f.size) return undefined;
    } catch {
      return undefined;
    }
  }
  return m;
}

/** Remove what a previous run wrote (only files its manifest lists). @param {string} out */
function clearPrevious(out) {
  if (!fs.existsSync(out)) return;
  const previous = readManifest(out);
  if (!previous) {
    if (fs.readdirSync(out).length > 0)
      throw new Error(
        `${out} is not empty and was not written by bench/generate.js; choose another --out`,
      );
    return;
  }
  for (const rel of [
    previous.root,
    ...previous.includes,
    ...previous.exhibits.map((f) => f.path),
    MANIFEST_NAME,
  ]) {
    fs.rmSync(path.join(out, rel), { force: true });
  }
  fs.rmSync(path.join(out, 'exhibits'), { recursive: true, force: true });
}

/**
 * Write the dossier. Returns its manifest (also written to OUT/bench-manifest.json).
 * @param {GenerateOptions} o
 * @returns {Manifest}
 */
export function generateDossier(o) {
  clearPrevious(o.out);
  fs.mkdirSync(o.out, { recursive: true });
  const cast = makeCast(o);

  // Exhibit files first: the index needs their hashes.
  const fileEvidence = cast.evidence.filter((id) => !/^E-(PV|TEMOIN)$/.test(id));
  /** @type {Map<string, {path: string, size: number, sha256: string}[]>} */
  const files = new Map();
  /** @type {Manifest['exhibits']} */
  const exhibits = [];
  for (let i = 0; i < o.exhibits; i++) {
    const ev = fileEvidence[i % fileEvidence.length];
    const name = ev.startsWith('E-DEV-')
      ? 'extraction'
      : ev.startsWith('E-PLATFORM-')
        ? 'logs'
        : ev === 'E-NBI'
          ? 'report'
          : 'export';
    const rel = `exhibits/${ev}/${name}-part-${pad3(i + 1)}.bin`;
    const f = {
      path: rel,
      size: o.exhibitBytes,
      sha256: writeExhibit(path.join(o.out, rel), o.exhibitBytes, o.seed, i),
    };
    exhibits.push(f);
    const list = files.get(ev) ?? [];
    list.push(f);
    files.set(ev, list);
  }

  const tr = makeTransfers(o, cast);
  const ex = makeExchanges(o, cast, tr);
  /** @type {string[]} */
  const includes = [];
  let yamlBytes = 0;
  /** @param {string} list @param {string[]} records @param {string} what */
  const writeChunks = (list, records, what) => {
    for (let start = 0, n = 1; start < records.length; start += o.chunk, n++) {
      const rel = `${list}-${pad3(n)}.yaml`;
      const part = records.slice(start, start + o.chunk);
      const text = `${HEADER(`Included by dossier.yaml: ${what}, records ${start + 1} to ${start + part.length}.`, o)}\n${list}:\n${part.join('\n')}`;
      fs.writeFileSync(path.join(o.out, rel), text);
      yamlBytes += Buffer.byteLength(text);
      includes.push(rel);
    }
  };
  writeChunks(
    'transfers',
    tr.records,
    'money transfers reconstructed from provider and bank exports',
  );
  writeChunks('exchanges', ex, 'electronic-exchange log (metadata only, never content)');

  const rng = makeRng(o.seed, 'case');
  const root = [
    HEADER(
      'Root file: case, persons, accounts, charges, evidence and rates; records in the included files.',
      o,
    ),
    'courtfile: 1',
    '',
    'case:',
    `  reference: ${q(`19-${rng.digits(3)}-${rng.digits(6)}`)}`,
    `  title: ${q("Sessions d'abus diffusées en direct, commandées et payées depuis la France (dossier fictif de test de charge)")}`,
    '  court: Tribunal judiciaire de Paris',
    '  office: Parquet de Paris, section des mineurs',
    '  unit: Office mineurs (OFMIN)',
    '  procedure: judicial',
    '  referral: cour_criminelle',
    '  opened: 2019-01-21',
    `  prepared_by: ${q('Capitaine M. Ravenel, OFMIN (personnage fictif)')}`,
    '  language: fr',
    '  timezone: Europe/Paris',
    '  currency: EUR',
    `  classification: ${q('DIFFUSION RESTREINTE - DONNÉES FICTIVES DE TEST')}`,
    '',
    includes.length > 0 ? `include:\n${includes.map((f) => `  - ${f}`).join('\n')}\n` : '',
    'persons:',
    cast.persons.map((p) => p.yaml).join('\n\n'),
    '',
    'accounts:',
    cast.accounts.join('\n\n'),
    '',
    'charges:',
    chargesYaml(cast).join('\n\n'),
    '',
    'evidence:',
    evidenceYaml(cast, files, o.seed).join('\n\n'),
    '',
    '# Declared exchange rates: 1 unit of `currency` = `rate` EUR, valid from `date` (fictional values).',
    'rates:',
    ratesYaml(o.seed).join('\n'),
    '',
  ].join('\n');
  fs.writeFileSync(path.join(o.out, 'dossier.yaml'), root);
  yamlBytes += Buffer.byteLength(root);

  /** @type {Manifest} */
  const manifest = {
    generator: GENERATOR_VERSION,
    options: {
      transfers: o.transfers,
      exchanges: o.exchanges,
      exhibits: o.exhibits,
      exhibitBytes: o.exhibitBytes,
      seed: o.seed,
      chunk: o.chunk,
    },
    root: 'dossier.yaml',
    includes,
    exhibits,
    counts: {
      persons: cast.persons.length,
      accounts: cast.accounts.length,
      charges: 2,
      evidence: cast.evidence.length,
      transfers: o.transfers,
      completedTransfers: tr.completed.reduce((n, c) => n + c, 0),
      exchanges: o.exchanges,
    },
    yamlBytes,
    exhibitBytes: o.exhibits * o.exhibitBytes,
  };
  fs.writeFileSync(path.join(o.out, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * Reuse the dossier in o.out when it was made with the same options, else write it.
 * @param {GenerateOptions} o
 * @returns {{manifest: Manifest, reused: boolean}}
 */
export function ensureDossier(o) {
  const m = reusableManifest(o);
  if (m) return { manifest: m, reused: true };
  return { manifest: generateDossier(o), reused: false };
}

/** "256M" -> 268435456. @param {string} s */
export function parseBytes(s) {
  const m = /^(\d+)([KMG]i?B?)?$/i.exec(s.trim());
  if (!m) throw new Error(`not a size: ${s} (e.g. 4096, 64K, 256M, 2G)`);
  const unit = (m[2] ?? '').charAt(0).toUpperCase();
  return (
    Number(m[1]) * (unit === 'K' ? 1024 : unit === 'M' ? 1024 ** 2 : unit === 'G' ? 1024 ** 3 : 1)
  );
}

const USAGE = `usage: node bench/generate.js --out DIR [--transfers N] [--exchanges M] [--exhibits K]
       [--exhibit-bytes B] [--seed S] [--chunk C] [--force]

Writes a valid, fictional, multi-file courtfile dossier into DIR (new, empty, or written
by this generator before). Defaults: ${DEFAULTS.transfers} transfers, ${DEFAULTS.exchanges} exchanges,
${DEFAULTS.exhibits} exhibit files of ${DEFAULTS.exhibitBytes} bytes each, seed ${DEFAULTS.seed}, ${DEFAULTS.chunk} records per included file.
B takes K/M/G suffixes (binary). Without --force, a dossier already in DIR with the same
options is reused.`;

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {Record<string, string | boolean>} */
  const a = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') a.help = true;
    else if (arg === '--force') a.force = true;
    else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const key = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      a[key] = value;
    } else throw new Error(`unexpected argument ${arg}`);
  }
  return a;
}

/** @param {string | boolean | undefined} v */
const int = (v) => (typeof v === 'string' ? (/^\d+$/.test(v) ? Number(v) : NaN) : undefined);

async function cli() {
  let a;
  try {
    a = parseArgs(process.argv.slice(2));
    const known = new Set([
      'help',
      'force',
      'out',
      'transfers',
      'exchanges',
      'exhibits',
      'exhibit-bytes',
      'seed',
      'chunk',
    ]);
    for (const k of Object.keys(a)) if (!known.has(k)) throw new Error(`unknown option --${k}`);
    if (a.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const o = normalizeOptions({
      out: /** @type {string} */ (a.out),
      transfers: int(a.transfers),
      exchanges: int(a.exchanges),
      exhibits: int(a.exhibits),
      exhibitBytes:
        typeof a['exhibit-bytes'] === 'string' ? parseBytes(a['exhibit-bytes']) : undefined,
      seed: typeof a.seed === 'string' ? a.seed : undefined,
      chunk: int(a.chunk),
    });
    const t0 = process.hrtime.bigint();
    const { manifest, reused } = a.force
      ? { manifest: generateDossier(o), reused: false }
      : ensureDossier(o);
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    const mb = (/** @type {number} */ n) => (n / 1024 / 1024).toFixed(1);
    process.stdout.write(
      `${reused ? 'reused' : 'wrote'} ${path.join(o.out, manifest.root)}: ${manifest.counts.transfers} transfers, ` +
        `${manifest.counts.exchanges} exchanges in ${manifest.includes.length} included file(s), ${mb(manifest.yamlBytes)} MiB of YAML; ` +
        `${manifest.exhibits.length} exhibit file(s), ${mb(manifest.exhibitBytes)} MiB (${secs.toFixed(1)} s)\n`,
    );
    return 0;
  } catch (err) {
    process.stderr.write(
      `generate: ${err instanceof Error ? err.message : String(err)}\n${a?.help ? '' : `\n${USAGE}\n`}`,
    );
    return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await cli();
}
