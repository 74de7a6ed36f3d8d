import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { computeFacts, moneyToDecimalString } from '../../src/facts/index.js';
import { caseDocumentChunks, caseDocumentText } from '../../src/export/case/export-case.js';
import { caseBase, encodeReference } from '../../src/export/case/ids.js';
import { dateTime } from '../../src/export/case/literals.js';
import { parseInstant } from '../../src/facts/time.js';
import { EXTENSION_PROPERTIES } from '../../src/export/case/vocabulary.js';
import type { Dossier } from '../../src/model/dossier.js';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { BASE, baseWith } from '../helpers/base-dossier.js';
import { ensureBuilt, runBin } from '../helpers/built-cli.js';
import { fakeIO } from '../helpers/fake-io.js';
import {
  EXAMPLE_DIR,
  REPO_ROOT,
  edit,
  removeTempDirs,
  tempDir,
  writeDossier,
} from '../helpers/temp-dossier.js';

/** `courtfile export --to case`: structure, determinism, victim protection, the command. */

afterAll(removeTempDirs);

type GraphNode = Record<string, unknown> & { '@id': string; '@type': string | string[] };
interface Graph {
  '@context': Record<string, string>;
  '@graph': GraphNode[];
}

async function load(root: string): Promise<Dossier> {
  const check = await checkDossier(root, { cwd: REPO_ROOT });
  expect(check.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (!check.dossier) throw new Error('no model');
  return check.dossier;
}

const example = () => load(path.join(EXAMPLE_DIR, 'dossier.yaml'));
const parse = (text: string) => JSON.parse(text) as Graph;
const text = (g: Graph) => JSON.stringify(g);
const byId = (g: Graph) => new Map(g['@graph'].map((n) => [n['@id'], n] as const));

/** Every `@id` anywhere in the document (nodes, facets, hashes), with how often it is defined. */
function definedIds(value: unknown, out = new Map<string, number>()): Map<string, number> {
  if (Array.isArray(value)) for (const v of value) definedIds(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o['@id'] === 'string' && '@type' in o)
      out.set(o['@id'], (out.get(o['@id']) ?? 0) + 1);
    for (const [k, v] of Object.entries(o)) if (k !== '@context') definedIds(v, out);
  }
  return out;
}

/** Every node object anywhere: each must have an @id (no blank nodes). */
function nodesWithoutId(value: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) for (const v of value) nodesWithoutId(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('@type' in o && !('@value' in o) && !('@id' in o)) out.push(o);
    for (const [k, v] of Object.entries(o)) if (k !== '@context') nodesWithoutId(v, out);
  }
  return out;
}

describe('the graph of the example dossier', () => {
  it('has one node per record, every node (facets and hashes too) with its own @id', async () => {
    const dossier = await example();
    const g = parse(caseDocumentText(dossier));
    expect(g['@context'].kb).toBe('urn:courtfile:case:19-123-000456:');
    const ids = definedIds(g['@graph']);
    expect([...ids.values()].every((n) => n === 1)).toBe(true);
    expect(nodesWithoutId(g['@graph'])).toEqual([]);
    const count = (type: string) => g['@graph'].filter((n) => n['@type'] === type).length;
    expect(count('uco-identity:Person')).toBe(dossier.persons.length);
    expect(count('case-investigation:ProvenanceRecord')).toBe(dossier.evidence.length);
    expect(count('uco-observable:File')).toBe(
      dossier.evidence.reduce((n, e) => n + e.files.length, 0),
    );
    expect(count('case-investigation:InvestigativeAction')).toBe(
      dossier.evidence.reduce((n, e) => n + e.custody.length, 0),
    );
    expect(count('courtfile:MoneyTransfer')).toBe(dossier.transfers.length);
    expect(count('case-investigation:Investigation')).toBe(1);
  });

  it('the investigation lists every record node, in graph order, and nothing else', async () => {
    const g = parse(caseDocumentText(await example()));
    const inv = byId(g).get('kb:investigation') as unknown as {
      'uco-core:object': { '@id': string }[];
    };
    const listed = inv['uco-core:object'].map((o) => o['@id']);
    const records = g['@graph']
      .map((n) => n['@id'])
      .filter((id) => id.startsWith('kb:') && id !== 'kb:investigation');
    expect(listed).toEqual(records);
  });

  it('files carry the declared SHA-256 as lower-case xsd:hexBinary, method SHA256', async () => {
    const dossier = await example();
    const g = byId(parse(caseDocumentText(dossier)));
    const e01 = dossier.evidence.find((e) => e.id === 'E01')!;
    const file = g.get('kb:exhibit-E01/file-1') as unknown as {
      'uco-core:hasFacet': [
        Record<string, unknown>,
        { 'uco-observable:hash': Record<string, unknown>[] },
      ];
    };
    expect(file['uco-core:hasFacet'][0]).toMatchObject({
      '@type': 'uco-observable:FileFacet',
      'uco-observable:filePath': e01.files[0]!.path,
      'uco-observable:sizeInBytes': e01.files[0]!.size,
    });
    expect(file['uco-core:hasFacet'][1]['uco-observable:hash']).toEqual([
      {
        '@id': 'kb:exhibit-E01/file-1/sha256',
        '@type': 'uco-types:Hash',
        'uco-types:hashMethod': 'SHA256',
        'uco-types:hashValue': { '@type': 'xsd:hexBinary', '@value': e01.files[0]!.sha256 },
      },
    ]);
    expect(g.get('kb:exhibit-E01')).toMatchObject({
      '@type': 'case-investigation:ProvenanceRecord',
      'case-investigation:exhibitNumber': 'E01',
      'uco-core:object': [{ '@id': 'kb:exhibit-E01/file-1' }, { '@id': 'kb:exhibit-E01/file-2' }],
    });
    expect(g.get('kb:exhibit-E02/custody-1')).toMatchObject({
      '@type': 'case-investigation:InvestigativeAction',
      'uco-core:name': 'received',
      'uco-action:startTime': { '@type': 'xsd:dateTime', '@value': '2019-02-20T08:12:00Z' },
      'uco-action:result': [{ '@id': 'kb:exhibit-E02' }],
    });
  });

  it('exchanges by kind: EmailMessage, Call with duration, Message', async () => {
    const g = byId(parse(caseDocumentText(await example())));
    expect(g.get('kb:exchange-X-003')?.['@type']).toBe('uco-observable:EmailMessage');
    expect(g.get('kb:exchange-X-001')?.['@type']).toBe('uco-observable:Message');
    expect(g.get('kb:exchange-X-002')).toMatchObject({
      '@type': 'uco-observable:Call',
      'courtfile:exchangeKind': 'live_session',
      'uco-core:hasFacet': [
        {
          '@type': 'uco-observable:CallFacet',
          'uco-observable:duration': 35 * 60,
          'uco-observable:from': { '@id': 'kb:account-ACC-P3-SKYPE' },
          'uco-observable:to': [{ '@id': 'kb:account-ACC-P1-SKYPE' }],
        },
      ],
    });
  });

  it('transfers: exact amount, and the converted amount and rate the facts use', async () => {
    const dossier = await example();
    const g = byId(parse(caseDocumentText(dossier)));
    const facts = computeFacts(dossier);
    const line = facts.transfers.find((l) => l.transfer.id === 'T-003')!;
    expect(g.get('kb:transfer-T-003')).toMatchObject({
      '@type': 'courtfile:MoneyTransfer',
      'courtfile:amount': { '@type': 'xsd:decimal', '@value': '160.00' },
      'courtfile:currency': 'USD',
      'courtfile:convertedAmount': {
        '@type': 'xsd:decimal',
        '@value': moneyToDecimalString(line.converted!),
      },
      'courtfile:reportingCurrency': 'EUR',
      'courtfile:sender': { '@id': 'kb:account-ACC-P2-REMIT' },
      'uco-action:performer': { '@id': 'kb:person-P2' },
      'uco-action:startTime': { '@type': 'xsd:dateTime', '@value': '2018-02-18T21:05:00Z' },
    });
    // The extension class is declared, under a UCO class, in the graph itself.
    expect(g.get('courtfile:MoneyTransfer')).toMatchObject({
      '@type': 'owl:Class',
      'rdfs:subClassOf': { '@id': 'uco-action:Action' },
    });
  });
});

describe('provenance of each record (an audit found it missing)', () => {
  it('a record with `source` names the exhibit and the row it was read from', async () => {
    const g = byId(parse(caseDocumentText(await example())));
    expect(g.get('kb:transfer-T-001')).toMatchObject({
      'courtfile:evidence': { '@id': 'kb:exhibit-E01' },
      'courtfile:sourceEvidence': { '@id': 'kb:exhibit-E01' },
      'courtfile:sourceLocator': 'row 5',
    });
    expect(g.get('kb:exchange-X-001')).toMatchObject({
      'courtfile:sourceEvidence': { '@id': 'kb:exhibit-E05' },
      'courtfile:sourceLocator': 'row 5',
    });
  });

  it('a record without `source` has neither property', async () => {
    const dossier = await example();
    const bare = dossier.transfers.find((t) => t.source === undefined);
    expect(bare).toBeDefined();
    const node = byId(parse(caseDocumentText(dossier))).get(`kb:transfer-${bare!.id}`);
    expect(node).toBeDefined();
    expect(node).not.toHaveProperty('courtfile:sourceEvidence');
    expect(node).not.toHaveProperty('courtfile:sourceLocator');
  });
});

describe('same dossier, same bytes', () => {
  it('twice the same text; chunks join to the same text', async () => {
    const dossier = await example();
    const a = caseDocumentText(dossier);
    expect(caseDocumentText(dossier)).toBe(a);
    expect([...caseDocumentChunks(dossier)].join('')).toBe(a);
    expect(a.endsWith('\n  ]\n}\n')).toBe(true);
  });

  it('does not depend on the order of the records in the YAML', async () => {
    const twoTransfers = baseWith([
      'transfers:\n',
      `transfers:
  - id: T0
    at: 2018-02-01T09:00+01:00
    from: P1
    to: A2
    amount: 10
    currency: EUR
    channel: cash
    evidence: E1
`,
    ]);
    const t1 = twoTransfers.slice(
      twoTransfers.indexOf('  - id: T1'),
      twoTransfers.indexOf('exchanges:'),
    );
    const t0 = twoTransfers.slice(
      twoTransfers.indexOf('  - id: T0'),
      twoTransfers.indexOf('  - id: T1'),
    );
    const swapped = edit(twoTransfers, t0 + t1, t1 + t0);
    const a = await load(path.join(writeDossier({ 'd.yaml': twoTransfers }), 'd.yaml'));
    const b = await load(path.join(writeDossier({ 'd.yaml': swapped }), 'd.yaml'));
    expect(b.transfers.map((t) => t.id)).toEqual(['T1', 'T0']);
    expect(caseDocumentText(b)).toBe(caseDocumentText(a));
    // An instant written to the minute gets xsd:dateTime seconds, its offset kept.
    const g = byId(parse(caseDocumentText(a)));
    expect(g.get('kb:transfer-T0')?.['uco-action:startTime']).toEqual({
      '@type': 'xsd:dateTime',
      '@value': '2018-02-01T09:00:00+01:00',
    });
  });

  it('the investigation’s focus does not depend on the order of the charges', async () => {
    const c2 = `  - id: C2
    qualification: Traite des êtres humains
    articles: ["225-4-1 CP"]
    nature: delit
    suspects: [P1]
    victims: [V1]
    period: { from: 2018-01-01, to: 2018-12-31 }
`;
    const c1 = BASE.slice(BASE.indexOf('  - id: C1'), BASE.indexOf('evidence:'));
    const a = await load(path.join(writeDossier({ 'd.yaml': baseWith([c1, c1 + c2]) }), 'd.yaml'));
    const b = await load(path.join(writeDossier({ 'd.yaml': baseWith([c1, c2 + c1]) }), 'd.yaml'));
    expect(b.charges.map((c) => c.id)).toEqual(['C2', 'C1']);
    expect(caseDocumentText(b)).toBe(caseDocumentText(a));
    const investigation = parse(caseDocumentText(a))['@graph'].find((n) =>
      String(n['@type']).includes('Investigation'),
    );
    expect(investigation?.['case-investigation:focus']).toEqual([
      'Corruption de mineur',
      'Traite des êtres humains',
    ]);
  });
});

describe('victims', () => {
  // FICTIONAL: a victim with a civil name, birth date and alias, an account she holds,
  // a note that names her, and a record id that contains her name.
  const dossierText = baseWith(
    [
      '  - id: V1\n    role: victim\n    pseudonym: Victime A\n',
      '  - id: V-Ondine\n    role: victim\n    pseudonym: Victime A\n    name: Ondine Fictivara\n    born: 2010-03-09\n    aliases: [Dinette]\n',
    ],
    ['victims: [V1]', 'victims: [V-Ondine]'],
    [
      '    identifier: "+639170000123"\n',
      '    identifier: "+639170000123"\n    holder: V-Ondine\n',
    ],
    ['    source: Banque\n', '    source: Banque (relevés de Ondine Fictivara)\n'],
  );
  const protectedStrings = ['Ondine', 'Fictivara', 'Dinette', '2010-03-09', '639170000123'];

  it('pseudonyms only by default: no name, birth date, alias, identifier, in text or IRIs', async () => {
    const dossier = await load(path.join(writeDossier({ 'd.yaml': dossierText }), 'd.yaml'));
    const text = caseDocumentText(dossier);
    for (const s of protectedStrings) expect(text).not.toContain(s);
    const g = byId(parse(text));
    expect(g.get('kb:withheld-person-2')).toMatchObject({
      'uco-core:name': 'Victime A',
      'courtfile:role': 'victim',
    });
    const account = g.get('kb:account-A2') as unknown as { 'uco-core:hasFacet': unknown[] };
    expect(account['uco-core:hasFacet']).toEqual([
      {
        '@id': 'kb:account-A2/account-facet',
        '@type': 'uco-observable:AccountFacet',
        'uco-observable:owner': { '@id': 'kb:withheld-person-2' },
      },
    ]);
    expect(g.get('kb:exhibit-E1')?.['courtfile:source']).toBe('Banque (relevés de [redacted])');
  });

  it('a record locator holding her name (an mbox Message-ID): masked like any text', async () => {
    const text = edit(
      dossierText,
      '    channel: money_transfer\n    evidence: E1\n',
      '    channel: money_transfer\n    evidence: E1\n    source: {evidence: E1, locator: "message <ondine.fictivara@example.test>"}\n',
    );
    const dossier = await load(path.join(writeDossier({ 'd.yaml': text }), 'd.yaml'));
    const g = byId(parse(caseDocumentText(dossier)));
    expect(g.get('kb:transfer-T1')).toMatchObject({
      'courtfile:sourceEvidence': { '@id': 'kb:exhibit-E1' },
      'courtfile:sourceLocator': 'message <[redacted].[redacted]@example.test>',
    });
  });

  it('a case reference holding a victim name: withheld from the case namespace and masked', async () => {
    const text = edit(
      dossierText,
      'reference: "19-123-000456"',
      'reference: "19-123 Ondine Fictivara"',
    );
    const dossier = await load(path.join(writeDossier({ 'd.yaml': text }), 'd.yaml'));
    const g = parse(caseDocumentText(dossier));
    expect(g['@context'].kb).toBe('urn:courtfile:case:19-123%20withheld:');
    expect(byId(g).get('kb:investigation')?.['uco-core:name']).toBe('19-123 [redacted]');
    expect(JSON.stringify(g)).not.toContain('Fictivara');
  });

  // Reported by a hostile-input sweep: documents masked both, the export wrote them.
  it('an exhibit id and a suspect’s account identifier holding a victim’s name: masked', async () => {
    const text = edit(
      dossierText.replace(/\bE1\b/g, 'E-Fictivara'),
      'identifier: jean.test@example.net',
      'identifier: fictivara.fan@example.net',
    );
    const dossier = await load(path.join(writeDossier({ 'd.yaml': text }), 'd.yaml'));
    const out = caseDocumentText(dossier);
    expect(out).not.toContain('Fictivara');
    const g = byId(parse(out));
    const exhibit = [...g.values()].find(
      (n) => n['@type'] === 'case-investigation:ProvenanceRecord',
    );
    expect(exhibit?.['case-investigation:exhibitNumber']).toBe('E-[redacted]');
    const account = g.get('kb:account-A1') as unknown as {
      'uco-core:hasFacet': Record<string, unknown>[];
    };
    expect(account['uco-core:hasFacet'][0]?.['uco-observable:accountIdentifier']).toBe(
      '[redacted].fan@example.net',
    );
    const revealed = caseDocumentText(dossier, { revealVictims: true });
    expect(revealed).toContain('"E-Fictivara"');
    expect(revealed).toContain('fictivara.fan@example.net');
  });

  it('--reveal-victims writes them, IRIs unchanged', async () => {
    const dossier = await load(path.join(writeDossier({ 'd.yaml': dossierText }), 'd.yaml'));
    const text = caseDocumentText(dossier, { revealVictims: true });
    for (const s of protectedStrings) expect(text).toContain(s);
    const g = byId(parse(text));
    expect(g.get('kb:withheld-person-2')).toMatchObject({
      'uco-core:name': 'Ondine Fictivara',
      'courtfile:birth': { '@type': 'xsd:date', '@value': '2010-03-09' },
      'courtfile:alias': ['Dinette'],
    });
    expect(text).not.toContain('kb:person-V-Ondine');
  });
});

describe('the extension namespace', () => {
  it('docs/export.md documents every class and property the graph declares', async () => {
    const doc = readFileSync(path.join(REPO_ROOT, 'docs/export.md'), 'utf8');
    const g = parse(caseDocumentText(await example()));
    const declared = g['@graph'].filter((n) => n['@id'].startsWith('courtfile:'));
    expect(declared.length).toBe(Object.keys(EXTENSION_PROPERTIES).length + 1);
    for (const n of declared) expect(doc).toContain(`\`${n['@id']}\``);
    // And every courtfile: term used in the graph is declared in it.
    const used = new Set(
      text(g)
        .match(/"courtfile:[A-Za-z]+"/g)
        ?.map((m) => m.slice(1, -1)),
    );
    expect([...used].filter((t) => !declared.some((n) => n['@id'] === t))).toEqual([]);
  });
});

describe('IRIs', () => {
  it('the case reference is percent-encoded into the case namespace', () => {
    expect(encodeReference('19-123-000456')).toBe('19-123-000456');
    expect(encodeReference('2019/12 é')).toBe('2019%2F12%20%C3%A9');
    expect(caseBase('PARQUET:42')).toBe('urn:courtfile:case:PARQUET%3A42:');
  });
});

describe('courtfile export (command)', () => {
  it('writes the file atomically and reports it', async () => {
    const out = path.join(tempDir(), 'case.jsonld');
    const f = fakeIO({ cwd: REPO_ROOT });
    const status = await main(
      ['export', path.join(EXAMPLE_DIR, 'dossier.yaml'), '--to', 'case', '-o', out],
      f.io,
    );
    expect(status).toBe(0);
    expect(f.err()).toMatch(/^wrote .*case\.jsonld \(CASE\/UCO 1\.4 JSON-LD, \d+ KiB\)\n$/);
    expect(readFileSync(out, 'utf8')).toBe(caseDocumentText(await example()));
  });

  it('a dossier with errors: exit 1, diagnostics, an existing output left untouched', async () => {
    const dir = writeDossier({
      'd.yaml': baseWith(['from: P1\n    to: A2', 'from: P9\n    to: A2']),
    });
    const out = path.join(dir, 'case.jsonld');
    writeFileSync(out, 'before');
    const f = fakeIO({ cwd: dir });
    const status = await main(['export', 'd.yaml', '--to', 'case', '-o', 'case.jsonld'], f.io);
    expect(status).toBe(1);
    expect(f.err()).toMatch(/d\.yaml:\d+:\d+: error/);
    expect(readFileSync(out, 'utf8')).toBe('before');
  });

  it('warnings: written (exit 0), but not with --strict (exit 1)', async () => {
    const dir = writeDossier({
      'd.yaml': baseWith([
        '    obtained: 2019-02-01\n',
        '    obtained: 2019-02-01\n  - id: E2\n    title: Autre\n    kind: document\n    source: Banque\n    obtained: 2019-02-01\n',
      ]),
    });
    const lax = fakeIO({ cwd: dir });
    expect(await main(['export', 'd.yaml', '--to', 'case', '-o', 'a.jsonld'], lax.io)).toBe(0);
    expect(lax.err()).toMatch(/warning.*unused-evidence|unused-evidence.*warning/);
    expect(existsSync(path.join(dir, 'a.jsonld'))).toBe(true);
    const strict = fakeIO({ cwd: dir });
    expect(
      await main(['export', 'd.yaml', '--to', 'case', '-o', 'b.jsonld', '--strict'], strict.io),
    ).toBe(1);
    expect(existsSync(path.join(dir, 'b.jsonld'))).toBe(false);
    // Under --strict the warning is printed and counted as an error.
    expect(strict.err()).toMatch(
      /^d\.yaml:\d+:\d+: error: .* \[unused-evidence\]\n1 error, 0 warnings\n$/,
    );
  });

  it('usage errors: no --to, an unknown format, no -o (exit 2, nothing written)', async () => {
    const dir = tempDir();
    const file = path.join(EXAMPLE_DIR, 'dossier.yaml');
    for (const args of [
      ['-o', 'x.jsonld'],
      ['--to', 'stix', '-o', 'x.jsonld'],
      ['--to', 'case'],
    ]) {
      const f = fakeIO({ cwd: dir });
      expect(await main(['export', file, ...args], f.io)).toBe(2);
      expect(f.err()).toMatch(/error: /);
    }
    expect(existsSync(path.join(dir, 'x.jsonld'))).toBe(false);
  });
});

describe('courtfile export (built binary)', () => {
  it('--help names the format and the options; the written file is the in-process text', async () => {
    await ensureBuilt();
    const help = runBin(['export', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--to <format>[\s\S]*"case"[\s\S]*--reveal-victims/);
    const out = path.join(tempDir(), 'case.jsonld');
    const r = runBin(['export', 'examples/dossier/dossier.yaml', '--to', 'case', '-o', out]);
    expect(r).toMatchObject({ status: 0, stdout: '' });
    expect(readFileSync(out, 'utf8')).toBe(caseDocumentText(await example()));
  }, 120_000);
});

describe('xsd:dateTime of an instant', () => {
  const instant = (text: string) => {
    const parsed = parseInstant(text);
    if (!parsed) throw new Error(`not an instant: ${text}`);
    return parsed;
  };

  it('keeps the text as written, seconds added', () => {
    expect(dateTime(instant('2018-03-01T09:00+05:30'))['@value']).toBe('2018-03-01T09:00:00+05:30');
    expect(dateTime(instant('2018-03-01T09:00:00.0009Z'))['@value']).toBe(
      '2018-03-01T09:00:00.0009Z',
    );
  });

  // Beyond xsd's ±14:00 the instant is written in UTC: the digits beyond the millisecond
  // were dropped (`.000Z` for `.0009`).
  it('beyond ±14:00: in UTC, every fraction digit kept', () => {
    expect(dateTime(instant('2018-03-01T15:00:00.123456789+15:00'))['@value']).toBe(
      '2018-03-01T00:00:00.123456789Z',
    );
    expect(dateTime(instant('2018-03-01T15:00:00.5+15:00'))['@value']).toBe(
      '2018-03-01T00:00:00.500Z',
    );
  });
});
