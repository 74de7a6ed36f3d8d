// Fictional import fixtures for the `import` benchmark group, made on the fly in the
// bench cache: a dossier root with one evidence record whose file is a money-transfer
// CSV export of N rows (or a Skype messages.json of about N bytes), and its mapping.
// Deterministic: the same arguments give the same bytes. All data is fictional.
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const MAP = `courtfile-map: 1
records: transfers
zone: Europe/Paris
decimal: ","
delimiter: ";"
fields:
  at: {columns: ["Date", "Heure"], format: "dd/MM/yyyy HH:mm"}
  amount: Montant
  currency: Devise
  from: {column: "ID expéditeur", account: money_transfer, platform: Western Union}
  to: {column: "ID bénéficiaire", account: money_transfer, platform: Western Union}
  channel: {value: money_transfer}
  provider: {value: Western Union}
  reference: MTCN
  status: {column: Statut, map: {PAYE: completed, ANNULE: reversed, "EN ATTENTE": attempted}}
  notes: Motif
`;

const HEADER = 'Date;Heure;Montant;Devise;ID expéditeur;ID bénéficiaire;MTCN;Statut;Motif\r\n';
const STATUS = ['PAYE', 'PAYE', 'PAYE', 'ANNULE', 'EN ATTENTE'];
const MOTIF = ['Aide familiale', 'Frais de scolarité', '"Loyer; mars"', 'Cadeau', ''];

/** A small deterministic generator (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function root(file, sha256, size, kind) {
  return `courtfile: 1
case:
  reference: "19-123-000456"
  title: Affaire fictive (banc d'essai)
  court: Tribunal judiciaire de Paris
  procedure: preliminary
  referral: tribunal_correctionnel
  opened: 2019-01-21
  prepared_by: Capitaine Fictif
persons:
  - id: P1
    role: suspect
    name: Jean Fictif
    nationality: FR
  - id: V1
    role: victim
    pseudonym: Victime A
    age_at_facts: 12
accounts:
  - id: A1
    kind: money_transfer
    platform: Western Union
    identifier: WU-FR-0001
    holder: P1
charges:
  - id: C1
    qualification: Corruption de mineur
    articles: ["227-22 CP"]
    nature: delit
    suspects: [P1]
    victims: [V1]
    period: { from: 2018-01-01, to: 2020-12-31 }
evidence:
  - id: E20
    title: Export fictif
    kind: ${kind}
    source: Prestataire fictif
    obtained: 2021-02-01
    files:
      - {path: "${file}", sha256: ${sha256}, size: ${size}}
`;
}

/** Write `file` from chunks produced by `next()` (undefined ends), hashing as it goes. */
function writeStreamed(abs, next) {
  const fd = fs.openSync(`${abs}.part`, 'w');
  const hash = createHash('sha256');
  let size = 0;
  try {
    for (let s = next(); s !== undefined; s = next()) {
      const b = Buffer.from(s, 'utf8');
      hash.update(b);
      fs.writeSync(fd, b);
      size += b.length;
    }
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(`${abs}.part`, abs);
  return { sha256: hash.digest('hex'), size };
}

/**
 * dir/{dossier.yaml, map.yaml, exhibits/export.csv} with `rows` transfer rows
 * (~100 bytes a row; a few thousand distinct senders and receivers). Reused when present.
 */
export function ensureCsvFixture(dir, rows, seed = 1) {
  const done = path.join(dir, 'dossier.yaml');
  if (fs.existsSync(done)) return dir;
  fs.mkdirSync(path.join(dir, 'exhibits'), { recursive: true });
  const r = rng(seed);
  let i = 0;
  const base = Date.UTC(2018, 0, 1);
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  const { sha256, size } = writeStreamed(path.join(dir, 'exhibits', 'export.csv'), () => {
    if (i > rows) return undefined;
    if (i === 0) {
      i++;
      return HEADER;
    }
    let s = '';
    for (let k = 0; k < 2000 && i <= rows; k++, i++) {
      // Minutes from 2018-01-01 stepping forward; times placed at 10:00-21:59 (no DST gaps).
      const d = new Date(base + (Math.floor(i / 8) * 86_400_000) / 64);
      const day = `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
      const time = `${pad(10 + Math.floor(r() * 12))}:${pad(Math.floor(r() * 60))}`;
      const cents = Math.floor(r() * 200_000) + 1000;
      const amount = `${Math.floor(cents / 100)},${pad(cents % 100)}`;
      const from = r() < 0.3 ? 'WU-FR-0001' : `WU-FR-${pad(Math.floor(r() * 3000), 4)}`;
      const to = `WU-PH-${pad(Math.floor(r() * 5000), 4)}`;
      const mtcn = String(4_000_000_000 + i);
      s += `${day};${time};${amount};EUR;${from};${to};${mtcn};${STATUS[i % 5]};${MOTIF[i % 5]}\r\n`;
    }
    return s;
  });
  fs.writeFileSync(path.join(dir, 'map.yaml'), MAP);
  fs.writeFileSync(done, root('exhibits/export.csv', sha256, size, 'financial_record'));
  return dir;
}

/**
 * dir/{dossier.yaml, exhibits/messages.json}: a Skype export of about `bytes` bytes
 * (conversations of text messages with long fictional texts, media and calls).
 */
export function ensureSkypeFixture(dir, bytes, seed = 1) {
  const done = path.join(dir, 'dossier.yaml');
  if (fs.existsSync(done)) return dir;
  fs.mkdirSync(path.join(dir, 'exhibits'), { recursive: true });
  const r = rng(seed);
  const perConversation = 20_000;
  let written = 0;
  let n = 0;
  let conv = 0;
  let state = 'start';
  const filler = 'Texte fictif de message pour le banc d essai. '.repeat(40);
  const { sha256, size } = writeStreamed(path.join(dir, 'exhibits', 'messages.json'), () => {
    if (state === 'end') return undefined;
    if (state === 'start') {
      state = 'conv';
      return '{"userId":"8:live:.cid.fictif0001","exportDate":"2021-01-01T00:00:00Z","conversations":[';
    }
    if (written >= bytes) {
      state = 'end';
      return ']}\n';
    }
    let s = `${conv ? ',' : ''}{"id":"8:live:.cid.contact${conv}","displayName":null,"properties":{},"threadProperties":null,"MessageList":[`;
    for (let k = 0; k < perConversation && (k === 0 || written + s.length < bytes); k++, n++) {
      const t = new Date(Date.UTC(2020, 0, 1) + n * 37_000).toISOString();
      const from = r() < 0.5 ? '8:live:.cid.fictif0001' : `8:live:.cid.contact${conv}`;
      const media = n % 50 === 0;
      s += `${k ? ',' : ''}{"id":"${1_600_000_000_000 + n}","displayName":null,"originalarrivaltime":"${t}","messagetype":"${media ? 'RichText/Media_GenericFile' : 'RichText'}","version":${1_600_000_000_000 + n},"content":"${media ? '<URIObject></URIObject>' : filler}","conversationid":"8:live:.cid.contact${conv}","from":"${from}","properties":null,"amsreferences":null}`;
    }
    s += ']}';
    conv++;
    written += s.length;
    return s;
  });
  fs.writeFileSync(done, root('exhibits/messages.json', sha256, size, 'communication_log'));
  return dir;
}

/**
 * dir/: the generated dossier at `dossierDir` (dossier.yaml, its includes and exhibits)
 * with the CSV fixture at `csvDir` added to it (its export, mapping and evidence record
 * E20): an import into a large dossier. Reused when present.
 * @param {string} dir @param {string} dossierDir @param {string} csvDir
 */
export function ensureLargeDossierImportFixture(dir, dossierDir, csvDir) {
  const done = path.join(dir, 'dossier.yaml');
  if (fs.existsSync(done)) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(dossierDir, dir, {
    recursive: true,
    filter: (f) => f !== path.join(dossierDir, 'dossier.yaml'),
  });
  for (const f of ['exhibits/export.csv', 'map.yaml'])
    fs.copyFileSync(path.join(csvDir, f), path.join(dir, f));
  // E20's item in the CSV fixture's evidence list, up to the next top-level key.
  const small = fs.readFileSync(path.join(csvDir, 'dossier.yaml'), 'utf8');
  const from = small.indexOf('\n  - id: E20\n') + 1;
  const next = small.slice(from).search(/^\S/m);
  const e20 = small.slice(from, next < 0 ? undefined : from + next);
  const text = fs.readFileSync(path.join(dossierDir, 'dossier.yaml'), 'utf8');
  const at = text.indexOf('\nevidence:\n');
  if (from === 0 || at < 0) throw new Error(`cannot add E20 to ${done}`);
  const cut = at + '\nevidence:\n'.length;
  fs.writeFileSync(`${done}.part`, text.slice(0, cut) + e20 + text.slice(cut));
  fs.renameSync(`${done}.part`, done);
  return dir;
}
