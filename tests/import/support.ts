import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli/main.js';
import type { runImport } from '../../src/import/run-import.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { baseWith } from '../helpers/base-dossier.js';
import { fakeIO } from '../helpers/fake-io.js';
import { writeDossier } from '../helpers/temp-dossier.js';

/** FICTIONAL TEST DATA: a money-transfer export in the shape of a requisition answer. */
export const WU_CSV =
  'Date;Heure;Montant;Devise;ID expéditeur;ID bénéficiaire;MTCN;Statut\r\n' +
  '14/01/2018;19:42;120,00;EUR;WU-FR-0001;WU-PH-0042;4810093726;PAYE\r\n' +
  '03/02/2018;14:22;"1 085,50 €";EUR;WU-FR-0001;WU-PH-0042;4810093727;ANNULE\r\n' +
  '10/03/2018;10:15;240,00;EUR;WU-FR-0001;WU-PH-0077;4810093728;EN ATTENTE\r\n';

/** A mapping of `Date;Montant;Devise;De;A;Notes` (dates only, a note per row). */
export const NOTES_MAP = `courtfile-map: 1
records: transfers
zone: Europe/Paris
decimal: ","
fields:
  at: {column: Date, format: "dd/MM/yyyy"}
  amount: Montant
  currency: Devise
  from: {column: De, account: money_transfer}
  to: {column: A, account: money_transfer}
  channel: {value: money_transfer}
  notes: Notes
`;

export const WU_MAP = `courtfile-map: 1
records: transfers
zone: Europe/Paris
decimal: ","
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
`;

export const sha256 = (b: string | Uint8Array): string =>
  createHash('sha256').update(b).digest('hex');

/**
 * A temp dossier (the base test dossier) with evidence record E20 whose file is
 * `exhibits/export.csv` (or `name`) holding `source`, and `map.yaml`.
 */
export function importDossier(
  source: string | Uint8Array,
  map: string = WU_MAP,
  options: { name?: string; include?: string[]; declaredSha?: string } = {},
): string {
  const name = options.name ?? 'exhibits/export.csv';
  const root = baseWith(
    [
      'courtfile: 1\n',
      `courtfile: 1\n${options.include ? `include: [${options.include.join(', ')}]\n` : ''}`,
    ],
    [
      'evidence:\n',
      `evidence:\n  - id: E20\n    title: Export (fictif)\n    kind: financial_record\n    source: Prestataire fictif\n    obtained: 2019-02-01\n    files:\n      - {path: "${name}", sha256: ${options.declaredSha ?? sha256(source)}}\n`,
    ],
  );
  return writeDossier({ 'dossier.yaml': root, [name]: source, 'map.yaml': map });
}

export async function runCli(argv: string[], cwd: string) {
  const fake = fakeIO({ cwd });
  const status = await main(argv, fake.io);
  return { status, out: fake.out(), err: fake.err() };
}

/** `import exhibits/export.csv` of the dossier made by importDossier, with its map, into `out`. */
export function importArgs(out: string, extra: string[] = []): string[] {
  return [
    'import',
    'exhibits/export.csv',
    '--dossier',
    'dossier.yaml',
    '--evidence',
    'E20',
    '--map',
    'map.yaml',
    '-o',
    out,
    ...extra,
  ];
}

/** `courtfile import` with --format json; diagnostics parsed. */
export async function runImportJson(dir: string, extra: string[] = [], out = 'imported.yaml') {
  const r = await runCli(importArgs(out, ['--format', 'json', ...extra]), dir);
  const doc = r.out ? (JSON.parse(r.out) as { diagnostics: Diagnostic[] }) : { diagnostics: [] };
  const file = path.join(dir, out);
  return {
    ...r,
    diagnostics: doc.diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      file: d.file,
      line: d.line,
      column: d.column,
    })),
    messages: doc.diagnostics.map((d) => d.message),
    written: existsSync(file) ? readFileSync(file, 'utf8') : undefined,
  };
}

/**
 * A FICTIONAL export of `rows` transfers in WU_CSV's shape (WU_MAP reads it): row i on
 * day 1 + i % 28 of March 2018, amount `100 + i,50` (or "douze", unreadable, for the rows
 * in `bad`), sender WU-FR-k % senders and receiver WU-PH-k % receivers where k = i / every
 * (new accounts keep being made while the parts of OUT are checked).
 */
export function wuExport(
  rows: number,
  o: {
    currency?: string;
    bad?: readonly number[];
    every?: number;
    senders?: number;
    receivers?: number;
  } = {},
): string {
  const header = WU_CSV.slice(0, WU_CSV.indexOf('\r\n'));
  let csv = `${header}\r\n`;
  for (let i = 0; i < rows; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const k = Math.floor(i / (o.every ?? 1));
    const amount = o.bad?.includes(i) ? 'douze' : `${100 + i},50`;
    const from = String(k % (o.senders ?? 7)).padStart(4, '0');
    const to = String(k % (o.receivers ?? 11)).padStart(4, '0');
    csv += `${day}/03/2018;1${i % 10}:${String(i % 60).padStart(2, '0')};${amount};${o.currency ?? 'EUR'};WU-FR-${from};WU-PH-${to};${4_810_000_000 + i};PAYE\r\n`;
  }
  return csv;
}

/** The OUT that importOptions' runs write in `dir` (imported.yaml), as text. */
export const importedOut = (dir: string): string =>
  readFileSync(path.join(dir, 'imported.yaml'), 'utf8');

/** runImport's options for the dossier made by importDossier (SOURCE, map, E20, imported.yaml). */
export const importOptions = (
  dir: string,
  extra: Partial<Parameters<typeof runImport>[0]> = {},
): Parameters<typeof runImport>[0] => ({
  source: 'exhibits/export.csv',
  dossier: 'dossier.yaml',
  evidence: 'E20',
  map: 'map.yaml',
  output: 'imported.yaml',
  cwd: dir,
  ...extra,
});

/** A dossier's text with its victim V1 (pseudonym Victime A) given a `name` (fictional). */
export function withVictimName(text: string, name: string): string {
  return text.replace(
    '    pseudonym: Victime A\n',
    `    pseudonym: Victime A\n    name: ${name}\n`,
  );
}

/** The dossier in `dir` (its dossier.yaml) with its victim V1 given a `name` (fictional). */
export function nameVictim(dir: string, name: string): void {
  const root = path.join(dir, 'dossier.yaml');
  writeFileSync(root, withVictimName(readFileSync(root, 'utf8'), name));
}
