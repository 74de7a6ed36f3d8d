/**
 * `render` streams the PDF into its temporary file as pages are drawn: same bytes as the
 * in-memory API (renderDocument), on a document larger than one output batch, to a file
 * and to stdout; a failure part way leaves no temporary file beside the target.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import { computeFacts } from '../../src/facts/index.js';
import { renderDocument, renderDocumentTo } from '../../src/render/index.js';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { fakeIO } from '../helpers/fake-io.js';
import { REPO_ROOT, removeTempDirs, tempDir } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

describe('render streams its output', () => {
  let dossierFile: string;
  let expected: Buffer;

  beforeAll(async () => {
    const dir = tempDir('courtfile-stream-');
    dossierFile = path.join(dir, 'd', 'dossier.yaml');
    // FICTIONAL data from the benchmark generator: a PDF of several output batches.
    execFileSync(process.execPath, [
      path.join(REPO_ROOT, 'bench/generate.js'),
      '--out',
      path.join(dir, 'd'),
      '--transfers',
      '600',
      '--exchanges',
      '300',
      '--exhibits',
      '1',
    ]);
    const check = await checkDossier(dossierFile, {});
    if (!check.dossier) throw new Error('the generated dossier does not load');
    expected = Buffer.from(
      await renderDocument(check.dossier, computeFacts(check.dossier), {
        date: '2024-05-01',
        diagnostics: check.diagnostics,
      }),
    );
  }, 120_000);

  test('the file written has the bytes of renderDocument', async () => {
    expect(expected.length).toBeGreaterThan(256 * 1024); // more than one output batch
    const dir = tempDir();
    const out = path.join(dir, 'r.pdf');
    const f = fakeIO();
    expect(await main(['render', dossierFile, '-o', out, '--date', '2024-05-01'], f.io)).toBe(0);
    expect(readFileSync(out).equals(expected)).toBe(true);
    const kib = Math.round(expected.length / 1024);
    expect(f.err()).toContain(`(${/\((\d+) pages/.exec(f.err())?.[1]} pages, ${kib} KiB)`);
    expect(readdirSync(dir)).toEqual(['r.pdf']);
  }, 120_000);

  test('`-o -` writes the same bytes to stdout', async () => {
    const f = fakeIO();
    expect(await main(['render', dossierFile, '-o', '-', '--date', '2024-05-01'], f.io)).toBe(0);
    expect(f.outBytes().equals(expected)).toBe(true);
  }, 120_000);

  test('renderDocumentTo hands the same bytes to its sink, in order, and counts them', async () => {
    const check = await checkDossier(dossierFile, {});
    if (!check.dossier) throw new Error('the generated dossier does not load');
    const chunks: Uint8Array[] = [];
    const summary = await renderDocumentTo(
      check.dossier,
      computeFacts(check.dossier),
      { date: '2024-05-01', diagnostics: check.diagnostics },
      { write: (chunk) => chunks.push(Buffer.from(chunk)) },
    );
    const streamed = Buffer.concat(chunks);
    expect(streamed.equals(expected)).toBe(true);
    expect(summary.size).toBe(expected.length);
    // Streamed: the header comes first, in a chunk of its own (not the document at the end).
    expect(chunks.length).toBeGreaterThan(1000);
    expect(Buffer.from(chunks[0] ?? []).toString('latin1')).toMatch(/^%PDF-1\.7/);
  }, 120_000);

  test('an interruption while pages are being written removes the temporary file', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'r.pdf');
    const controller = new AbortController();
    let written = 0;
    // Abort once the temporary file has received pages (the render yields every ~50 ms).
    const poll = setInterval(() => {
      for (const name of readdirSync(dir)) {
        // The file may be gone between the listing and its stat (renamed, or removed on the
        // interruption this test causes): then it has no size to read.
        const size = statSync(path.join(dir, name), { throwIfNoEntry: false })?.size ?? 0;
        if (name.includes('courtfile-tmp') && size > 64 * 1024) {
          written = size;
          controller.abort();
        }
      }
    }, 2);
    try {
      const f = fakeIO({ signal: controller.signal });
      expect(await main(['render', dossierFile, '-o', out, '--date', '2024-05-01'], f.io)).toBe(
        130,
      );
    } finally {
      clearInterval(poll);
    }
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(expected.length);
    expect(readdirSync(dir)).toEqual([]);
  }, 120_000);
});
