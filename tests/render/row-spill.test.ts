/**
 * The rows kept between the layout passes go to a temporary file (src/render/layout/
 * spill-file.ts): the PDF is the same bytes as with the rows in memory, the file is open
 * while the document is drawn, and neither its name nor its descriptor outlives the render,
 * whether it succeeds or fails.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { computeFacts, fingerprintDossier } from '../../src/facts/index.js';
import type { LayoutInput } from '../../src/render/document.js';
import { layoutAndDrawToBytes } from '../../src/render/document.js';
import { loadTemplate } from '../../src/templates/load-template.js';
import { makeDossier } from './fixtures.js';
import { hasProcFds, openFilesIn } from './open-files.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'courtfile-row-spill-test-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const dossier = makeDossier({ transfers: 400 });
const facts = computeFacts(dossier);

async function input(extra: Partial<LayoutInput>): Promise<LayoutInput> {
  return {
    dossier,
    facts,
    template: await loadTemplate('referral'),
    lang: 'fr',
    generated: '2024-05-01',
    reveal: false,
    fingerprint: fingerprintDossier(dossier),
    warnings: [],
    version: '0.0.0-test',
    ...extra,
  };
}

describe('rows spilled to a temporary file between the layout passes', () => {
  test('same bytes as rows kept in memory; the file is open while drawing, closed after', async () => {
    const inMemory = await layoutAndDrawToBytes(
      await input({ rowSpill: { directory: dir, threshold: Infinity } }),
    );
    const openWhileDrawing: number[] = [];
    const spilled = await layoutAndDrawToBytes(
      await input({
        rowSpill: { directory: dir, threshold: 0 },
        onPage: () => openWhileDrawing.push(openFilesIn(dir).length),
      }),
    );
    expect(spilled.pages).toBe(inMemory.pages);
    expect(spilled.pages).toBeGreaterThan(10);
    expect(Buffer.from(spilled.bytes).equals(Buffer.from(inMemory.bytes))).toBe(true);
    if (hasProcFds) expect(new Set(openWhileDrawing)).toEqual(new Set([1]));
    expect(readdirSync(dir)).toEqual([]);
    expect(openFilesIn(dir)).toEqual([]);
  });

  test('a render that fails while drawing closes and removes the file', async () => {
    let seen = 0;
    await expect(
      layoutAndDrawToBytes(
        await input({
          rowSpill: { directory: dir, threshold: 0 },
          onPage: (page) => {
            seen = openFilesIn(dir).length;
            if (page === 3) throw new Error('stop at page 3');
          },
        }),
      ),
    ).rejects.toThrow('stop at page 3');
    if (hasProcFds) expect(seen).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
    expect(openFilesIn(dir)).toEqual([]);
  });

  test('an interrupted render closes and removes the file', async () => {
    const controller = new AbortController();
    await expect(
      layoutAndDrawToBytes(
        await input({
          rowSpill: { directory: dir, threshold: 0 },
          signal: controller.signal,
          onPage: (page) => {
            if (page === 2) controller.abort();
          },
        }),
      ),
    ).rejects.toThrow();
    expect(readdirSync(dir)).toEqual([]);
    expect(openFilesIn(dir)).toEqual([]);
  });
});
