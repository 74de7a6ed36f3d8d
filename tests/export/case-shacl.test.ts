import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseDocumentText } from '../../src/export/case/export-case.js';
import type { Dossier } from '../../src/model/dossier.js';
import { checkDossier } from '../../src/validate/check-dossier.js';
import type { CaseReport } from '../case/case-validate.mjs';
import { validateCase } from '../case/case-validate.mjs';
import { EXAMPLE_DIR, REPO_ROOT, removeTempDirs, tempDir } from '../helpers/temp-dossier.js';

/**
 * The CASE export against the CASE 1.4.0 SHACL shapes (with SHACL-SPARQL), using the
 * validator and ontology vendored under tests/case/: zero violations for the example and
 * for a generated 1,000-record dossier; broken variants are reported.
 */

afterAll(removeTempDirs);

async function load(root: string): Promise<Dossier> {
  const check = await checkDossier(root, { cwd: REPO_ROOT });
  expect(check.errors).toBe(0);
  if (!check.dossier) throw new Error('no model');
  return check.dossier;
}

const validate = (doc: unknown, name = 'export.jsonld'): Promise<CaseReport> =>
  validateCase([{ name: path.join(REPO_ROOT, name), doc }]);

/** The results that are not the shapes' advisory "end IRIs with a UUID" (sh:Info). */
const notes = (r: CaseReport) => r.results.filter((x) => x.severity !== 'Info');

/** The example's case namespace (`kb:`). */
const KB = 'urn:courtfile:case:19-123-000456:';

interface Graph {
  '@context': Record<string, string>;
  '@graph': Record<string, unknown>[];
}

let example: Graph;

beforeAll(async () => {
  example = JSON.parse(
    caseDocumentText(await load(path.join(EXAMPLE_DIR, 'dossier.yaml'))),
  ) as Graph;
});

describe('CASE 1.4 shapes', () => {
  it('the example dossier conforms: no violation, no warning', async () => {
    const report = await validate(example);
    expect(notes(report)).toEqual([]);
    expect(report).toMatchObject({ conforms: true, violations: 0, warnings: 0 });
    // The only advisory: IRIs do not end with a UUID (they are derived from record ids).
    expect(new Set(report.results.map((r) => r.message))).toEqual(
      new Set(['UcoThings are suggested to end with a UUID.']),
    );
  });

  it('a generated 1,000-record dossier conforms', async () => {
    const dir = tempDir('courtfile-case-gen-');
    execFileSync(process.execPath, [
      path.join(REPO_ROOT, 'bench/generate.js'),
      ...['--out', dir, '--transfers', '600', '--exchanges', '400'],
      ...['--exhibits', '3', '--exhibit-bytes', '1K', '--seed', '5'],
    ]);
    const dossier = await load(path.join(dir, 'dossier.yaml'));
    const doc = JSON.parse(caseDocumentText(dossier)) as Graph;
    const types = doc['@graph'].map((n) => n['@type']);
    expect(types.filter((t) => t === 'courtfile:MoneyTransfer')).toHaveLength(600);
    const exchanges = types.filter((t) =>
      ['uco-observable:Message', 'uco-observable:EmailMessage', 'uco-observable:Call'].includes(
        t as string,
      ),
    );
    expect(exchanges).toHaveLength(400);
    expect(dossier.persons.some((p) => p.role === 'victim')).toBe(true);
    const report = await validate(doc);
    expect(notes(report)).toEqual([]);
    expect(report.conforms).toBe(true);
  }, 120_000);
});

describe('broken graphs are reported', () => {
  const hashOf = (doc: Graph) => {
    const file = doc['@graph'].find((n) => n['@id'] === 'kb:exhibit-E01/file-1') as {
      'uco-core:hasFacet': { 'uco-observable:hash'?: Record<string, unknown>[] }[];
    };
    const hash = file['uco-core:hasFacet'][1]?.['uco-observable:hash']?.[0];
    if (!hash) throw new Error('no hash on kb:exhibit-E01/file-1');
    return hash;
  };
  const copy = (): Graph => structuredClone(example);

  it('a plain-string hashValue', async () => {
    const doc = copy();
    const hash = hashOf(doc);
    hash['uco-types:hashValue'] =
      '448662d98724330ddc26780f473f63e4789ce7f13c962c955ccdcc4b8a8ef40c';
    const report = await validate(doc);
    expect(report.conforms).toBe(false);
    expect(notes(report)).toEqual([
      expect.objectContaining({
        severity: 'Violation',
        focusIri: `${KB}exhibit-E01/file-1/sha256`,
        path: 'uco-types:hashValue',
        component: 'sh:DatatypeConstraintComponent',
      }),
    ]);
  });

  it('a node without @id (a blank node)', async () => {
    const doc = copy();
    delete hashOf(doc)['@id'];
    const report = await validate(doc);
    expect(notes(report)).toEqual([
      expect.objectContaining({
        severity: 'Violation',
        message: 'UcoThings are required to not be blank nodes.',
        focusIsBlank: true,
      }),
      expect.objectContaining({
        severity: 'Violation',
        focusIri: `${KB}exhibit-E01/file-1/content-data-facet`,
        path: 'uco-observable:hash',
        component: 'sh:NodeKindConstraintComponent',
      }),
    ]);
  });

  it('a term UCO does not define', async () => {
    const doc = copy();
    const hash = hashOf(doc);
    hash['uco-types:hashAlgorithm'] = hash['uco-types:hashMethod'];
    delete hash['uco-types:hashMethod'];
    const report = await validate(doc);
    expect(report.conforms).toBe(false);
    expect(notes(report).map((r) => [r.component, r.focusIri, r.path])).toEqual(
      expect.arrayContaining([
        ['undefined-concept', `${KB}exhibit-E01/file-1/sha256`, '-'],
        [
          'sh:MinCountConstraintComponent',
          `${KB}exhibit-E01/file-1/sha256`,
          'uco-types:hashMethod',
        ],
      ]),
    );
  });

  it('UCO shapes apply to the extension class: a MoneyTransfer with a plain-string startTime', async () => {
    const doc = copy();
    const transfer = doc['@graph'].find((n) => n['@id'] === 'kb:transfer-T-001');
    if (!transfer) throw new Error('no kb:transfer-T-001');
    transfer['uco-action:startTime'] = '2018-01-14T19:42:00+01:00';
    const report = await validate(doc);
    expect(notes(report)).toEqual([
      expect.objectContaining({
        severity: 'Violation',
        focusIri: `${KB}transfer-T-001`,
        path: 'uco-action:startTime',
        component: 'sh:DatatypeConstraintComponent',
      }),
    ]);
    // It is the in-graph rdfs:subClassOf declaration that brings the shapes: without it,
    // the same mistake goes unseen (and transfers are no UcoObject the investigation may list).
    doc['@graph'] = doc['@graph'].filter((n) => n['@id'] !== 'courtfile:MoneyTransfer');
    const undeclared = notes(await validate(doc));
    expect(undeclared.filter((r) => r.path === 'uco-action:startTime')).toEqual([]);
    expect(new Set(undeclared.map((r) => `${r.focusIri} ${r.path} ${r.message}`))).toEqual(
      new Set([
        `${KB}investigation uco-core:object Value is not an instance of uco-core:UcoObject`,
      ]),
    );
  });

  it('hashMethod typed with HashNameVocab draws a warning in UCO 1.4 (why the export writes a plain string)', async () => {
    const doc = copy();
    doc['@context'] = {
      ...doc['@context'],
      'uco-vocabulary': 'https://ontology.unifiedcyberontology.org/uco/vocabulary/',
    };
    hashOf(doc)['uco-types:hashMethod'] = {
      '@type': 'uco-vocabulary:HashNameVocab',
      '@value': 'SHA256',
    };
    const report = await validate(doc);
    expect(report.violations).toBe(0);
    expect(notes(report)).toEqual([
      expect.objectContaining({ severity: 'Warning', path: 'uco-types:hashMethod' }),
    ]);
  });
});

describe('the vendored ontology', () => {
  it('is the shared copy, unchanged, with its licence', () => {
    const dir = path.join(REPO_ROOT, 'tests/case/ontology');
    expect(readFileSync(path.join(dir, 'LICENSE-CASE-Utilities-Python'), 'utf8')).toContain(
      'Apache License',
    );
    expect(readFileSync(path.join(dir, 'case-1.4.0.ttl'), 'utf8')).toContain(
      '<https://ontology.caseontology.org/case/investigation>',
    );
  });
});
