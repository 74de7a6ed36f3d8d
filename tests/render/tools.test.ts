/**
 * Checks with external tools when they are installed (CI installs poppler-utils and
 * qpdf; locally the tests are skipped with a message): structure (qpdf --check), every
 * font embedded (pdffonts), U+202F in the ToUnicode maps, and PNG renderings of every
 * page in tests/artifacts/ for a human to look at.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { computeFacts } from '../../src/facts/index.js';
import { renderDocument } from '../../src/render/index.js';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { DATE } from './helpers.js';

const ARTIFACTS = path.resolve('tests/artifacts');
const has = (tool: string) => spawnSync(tool, ['-v'], { stdio: 'ignore' }).error === undefined;
const qpdf = has('qpdf');
const poppler = has('pdffonts') && has('pdftoppm');
if (!qpdf || !poppler) {
  console.warn(
    'tests/render/tools.test.ts: qpdf and/or poppler-utils are not installed; their checks are skipped',
  );
}

const samples: Record<string, string> = {};

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const check = await checkDossier('examples/dossier/dossier.yaml');
  if (!check.dossier) throw new Error('the example dossier does not validate');
  const facts = computeFacts(check.dossier);
  for (const [name, options] of [
    ['referral-fr', { lang: 'fr' as const }],
    ['referral-en', { lang: 'en' as const }],
    ['evidence-index-fr', { template: 'evidence-index' }],
  ] as const) {
    const file = path.join(ARTIFACTS, `${name}.pdf`);
    writeFileSync(file, await renderDocument(check.dossier, facts, { date: DATE, ...options }));
    samples[name] = file;
  }
});

describe.skipIf(!qpdf)('qpdf', () => {
  test('qpdf --check passes; U+202F is in a ToUnicode map', () => {
    for (const file of Object.values(samples)) {
      const out = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
      expect(out.status, out.stdout + out.stderr).toBe(0);
      expect(out.stdout).toContain('No syntax or stream encoding errors');
    }
    const qdf = path.join(ARTIFACTS, 'referral-fr.qdf.pdf');
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', samples['referral-fr'] ?? '', qdf]);
    expect(execFileSync('grep', ['-a', '-c', '<202f>', qdf], { encoding: 'utf8' }).trim()).not.toBe(
      '0',
    );
    rmSync(qdf);
  });
});

describe.skipIf(!poppler)('poppler', () => {
  test('pdffonts: every font embedded, subset, with a Unicode map', () => {
    for (const file of Object.values(samples)) {
      const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .slice(2);
      expect(lines.length).toBeGreaterThan(2);
      for (const line of lines) {
        const cols = line.trim().split(/\s+/);
        // name type... emb sub uni objectID gen
        expect(cols.slice(-5, -2), line).toEqual(['yes', 'yes', 'yes']);
        expect(line).toContain('DejaVu');
      }
    }
  });

  test('every page renders to PNG (tests/artifacts/*.png, to look at)', () => {
    for (const [name, file] of Object.entries(samples)) {
      for (const f of readdirSync(ARTIFACTS))
        if (f.startsWith(`${name}-`) && f.endsWith('.png')) rmSync(path.join(ARTIFACTS, f));
      execFileSync('pdftoppm', ['-r', '60', '-png', file, path.join(ARTIFACTS, name)]);
      const pngs = readdirSync(ARTIFACTS).filter(
        (f) => f.startsWith(`${name}-`) && f.endsWith('.png'),
      );
      const pages = Number(
        /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1],
      );
      expect(pngs).toHaveLength(pages);
    }
  });
});
