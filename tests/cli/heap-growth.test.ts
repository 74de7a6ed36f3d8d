import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** What the loading watch asks of V8: heap statistics, and the growth flag once. */
const v8 = vi.hoisted(() => ({ used: 0, limit: 4144 * 1024 * 1024, flags: [] as string[] }));
vi.mock('node:v8', () => {
  const mocked = {
    getHeapStatistics: () => ({ used_heap_size: v8.used, heap_size_limit: v8.limit }),
    setFlagsFromString: (flag: string) => {
      v8.flags.push(flag);
    },
  };
  return { ...mocked, default: mocked };
});

afterEach(() => {
  v8.used = 0;
  v8.limit = 4144 * 1024 * 1024;
  v8.flags = [];
  vi.resetModules();
});

const MiB = 1024 * 1024;

describe('heap growth of the CLI', () => {
  it('loadingWatch passes the progress text on and tightens once the heap reaches 192 MiB', async () => {
    const { loadingWatch } = await import('../../src/cli/heap-growth.js');
    const said: string[] = [];
    const watch = loadingWatch((what) => said.push(what));
    v8.used = 191 * MiB;
    watch('reading a.yaml');
    expect(v8.flags).toEqual([]);
    v8.used = 192 * MiB;
    watch('reading b.yaml (2/3)');
    watch('reading c.yaml (3/3)');
    expect(v8.flags).toEqual(['--heap-growing-percent=30']);
    expect(said).toEqual(['reading a.yaml', 'reading b.yaml (2/3)', 'reading c.yaml (3/3)']);
  });

  it('without a progress line it only watches the heap', async () => {
    const { loadingWatch } = await import('../../src/cli/heap-growth.js');
    v8.used = 500 * MiB;
    loadingWatch()('reading a.yaml');
    expect(v8.flags).toEqual(['--heap-growing-percent=30']);
  });

  it('by record count (drawing): from 30,000 transfers and exchanges, at 15 %, once in a process', async () => {
    const { tightenHeapGrowth, tightenHeapGrowthIfLarge, tightenHeapGrowthNow } =
      await import('../../src/cli/heap-growth.js');
    tightenHeapGrowth(29_999);
    expect(v8.flags).toEqual([]);
    tightenHeapGrowth(30_000);
    v8.used = 500 * MiB;
    tightenHeapGrowthIfLarge();
    tightenHeapGrowthNow();
    tightenHeapGrowth(80_000);
    expect(v8.flags).toEqual(['--heap-growing-percent=15']);
  });

  it('a large load sets 30 %, a drawing command then lowers it to 15 %, never raised again', async () => {
    const { tightenHeapGrowth, tightenHeapGrowthIfLarge, tightenHeapGrowthNow } =
      await import('../../src/cli/heap-growth.js');
    v8.used = 192 * MiB;
    tightenHeapGrowthIfLarge();
    tightenHeapGrowthNow();
    expect(v8.flags).toEqual(['--heap-growing-percent=30']);
    tightenHeapGrowth(29_999);
    expect(v8.flags).toEqual(['--heap-growing-percent=30']);
    tightenHeapGrowth(75_000);
    tightenHeapGrowthNow();
    tightenHeapGrowthIfLarge();
    expect(v8.flags).toEqual(['--heap-growing-percent=30', '--heap-growing-percent=15']);
  });

  it('drawingWatch (render, packet): the loading watch, and 15 % from the file that brings 30,000 records', async () => {
    const { drawingWatch } = await import('../../src/cli/heap-growth.js');
    const { onProgress, onRecords } = drawingWatch();
    onRecords(0); // the root file
    onRecords(29_999);
    v8.used = 100 * MiB;
    onProgress('reading b.yaml (2/3)');
    expect(v8.flags).toEqual([]);
    onRecords(30_000);
    expect(v8.flags).toEqual(['--heap-growing-percent=15']);
    v8.used = 500 * MiB;
    onProgress('checking records');
    expect(v8.flags).toEqual(['--heap-growing-percent=15']);
  });

  it('import bounds the growth at 100 %; a large dossier (or load) then lowers it to 30 %', async () => {
    const { tightenHeapGrowthForImport, tightenHeapGrowthIfLarge, tightenHeapGrowthNow } =
      await import('../../src/cli/heap-growth.js');
    tightenHeapGrowthForImport();
    tightenHeapGrowthForImport();
    expect(v8.flags).toEqual(['--heap-growing-percent=100']);
    v8.used = 191 * MiB;
    tightenHeapGrowthIfLarge();
    expect(v8.flags).toEqual(['--heap-growing-percent=100']);
    v8.used = 192 * MiB;
    tightenHeapGrowthIfLarge();
    expect(v8.flags).toEqual(['--heap-growing-percent=100', '--heap-growing-percent=30']);
    tightenHeapGrowthNow();
    tightenHeapGrowthForImport();
    expect(v8.flags).toEqual(['--heap-growing-percent=100', '--heap-growing-percent=30']);
  });

  it('with a heap limit under 2 GiB (V8 then caps its own factor at 2 or less) import leaves the growth to V8', async () => {
    const { tightenHeapGrowthForImport } = await import('../../src/cli/heap-growth.js');
    v8.limit = 2047 * MiB;
    tightenHeapGrowthForImport();
    expect(v8.flags).toEqual([]);
    v8.limit = 2048 * MiB;
    tightenHeapGrowthForImport();
    expect(v8.flags).toEqual(['--heap-growing-percent=100']);
  });

  it('`courtfile import` sets the import growth once the import is accepted, not on a refusal', async () => {
    const { runCli, importDossier, importArgs, WU_CSV } = await import('../import/support.js');
    const dir = importDossier(WU_CSV);
    expect((await runCli(['import', '--print-map-schema'], dir)).status).toBe(0);
    // Refused before the reading: no --map for a CSV, an unknown format, a wrong digest.
    const noMap = importArgs('imported.yaml').filter(
      (a, i, all) => a !== '--map' && all[i - 1] !== '--map',
    );
    expect((await runCli(noMap, dir)).status).toBe(2);
    const other = importArgs('imported.yaml').map((a) =>
      a === 'exhibits/export.csv' ? 'map.yaml' : a,
    );
    expect((await runCli(other, dir)).status).not.toBe(0);
    writeFileSync(path.join(dir, 'exhibits/export.csv'), WU_CSV + '\n');
    expect((await runCli(importArgs('imported.yaml'), dir)).status).toBe(1);
    expect(v8.flags).toEqual([]);
    writeFileSync(path.join(dir, 'exhibits/export.csv'), WU_CSV);
    const r = await runCli(importArgs('imported.yaml'), dir);
    expect(r.status).toBe(0);
    expect(v8.flags).toEqual(['--heap-growing-percent=100']);
  });
});
