// The rows both render baselines draw, from the dossier's files loaded with js-yaml (core
// schema), so that the baselines also pay for reading the dossier: the long lists of a
// referral, one row per record, as courtfile's referral prints them in full: transfers,
// exchanges, payment/session correlations, and the chronology (transfers and exchanges
// by instant). Correlations are not computed here (that is courtfile's work, measured by
// `summary`): they are read from a `courtfile summary --json` output made before timing.
import fs from 'node:fs';
import yaml from 'js-yaml';

export const FONT = new URL(
  '../../node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  import.meta.url,
).pathname;

/** @typedef {{title: string, header: string[], rows: string[][]}} Section */

/**
 * @param {string[]} files root then included files
 * @param {string | undefined} summaryJson a `courtfile summary --json` output, for the correlations
 * @returns {Section[]}
 */
export function referralSections(files, summaryJson) {
  /** @type {Record<string, unknown>[]} */
  const transfers = [];
  /** @type {Record<string, unknown>[]} */
  const exchanges = [];
  for (const file of files) {
    const doc = /** @type {Record<string, Record<string, unknown>[] | undefined>} */ (
      yaml.load(fs.readFileSync(file, 'utf8'), { schema: yaml.CORE_SCHEMA })
    );
    transfers.push(...(doc?.transfers ?? []));
    exchanges.push(...(doc?.exchanges ?? []));
  }
  const t = (/** @type {Record<string, unknown>} */ r) => [
    String(r.id),
    String(r.at),
    String(r.from),
    String(r.to),
    `${r.amount} ${r.currency}`,
    String(r.channel),
    String(r.evidence),
  ];
  const x = (/** @type {Record<string, unknown>} */ r) => [
    String(r.id),
    String(r.at),
    String(r.kind),
    String(r.from),
    /** @type {string[]} */ (r.to).join(', '),
    String(r.platform ?? ''),
    String(r.evidence),
  ];
  /** @type {Section[]} */
  const sections = [
    {
      title: 'Transfers',
      header: ['Id', 'Instant', 'From', 'To', 'Amount', 'Channel', 'Exhibit'],
      rows: transfers.map(t),
    },
    {
      title: 'Exchanges',
      header: ['Id', 'Instant', 'Kind', 'From', 'To', 'Platform', 'Exhibit'],
      rows: exchanges.map(x),
    },
  ];
  if (summaryJson) {
    const at = new Map([...transfers, ...exchanges].map((r) => [String(r.id), String(r.at)]));
    /** @type {{transfer: string, exchange: string, person?: string, gap?: string}[]} */
    const pairs = JSON.parse(fs.readFileSync(summaryJson, 'utf8')).correlations ?? [];
    sections.push({
      title: 'Correlations',
      header: ['Transfer', 'Instant', 'Exchange', 'Instant', 'Person', 'Gap'],
      rows: pairs.map((p) => [
        p.transfer,
        at.get(p.transfer) ?? '',
        p.exchange,
        at.get(p.exchange) ?? '',
        p.person ?? '',
        p.gap ?? '',
      ]),
    });
  }
  const events = [
    ...transfers.map((r) => ({ r, ms: Date.parse(String(r.at)), row: t(r) })),
    ...exchanges.map((r) => ({ r, ms: Date.parse(String(r.at)), row: x(r) })),
  ];
  events.sort((a, b) => a.ms - b.ms);
  sections.push({
    title: 'Chronology',
    header: ['Id', 'Instant', '', '', '', '', 'Exhibit'],
    rows: events.map((e) => e.row),
  });
  return sections;
}

/** Parse `OUT.pdf [--summary FILE] FILES...`. @param {string[]} argv */
export function parseBaselineArgs(argv) {
  const [out, ...rest] = argv;
  let summary;
  const files = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--summary') summary = rest[++i];
    else files.push(rest[i]);
  }
  if (!out || files.length === 0) {
    process.stderr.write(
      'usage: BASELINE OUT.pdf [--summary SUMMARY.json] ROOT.yaml [INCLUDED.yaml...]\n',
    );
    process.exit(2);
  }
  return { out, summary, files };
}
