import { afterEach, describe, expect, it, vi } from 'vitest';

/** What the loading watch asks of V8: heap statistics, and the growth flag once. */
const v8 = vi.hoisted(() => ({ used: 0, flags: [] as string[] }));
vi.mock('node:v8', () => {
  const mocked = {
    getHeapStatistics: () => ({ used_heap_size: v8.used }),
    setFlagsFromString: (flag: string) => {
      v8.flags.push(flag);
    },
  };
  return { ...mocked, default: mocked };
});

afterEach(() => {
  v8.used = 0;
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

  it('import bounds the growth at 100 % from its start; a large dossier (or load) lowers it to 30 %, drawing to 15 %', async () => {
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

  it('`courtfile import` sets the import growth before it reads (and the schema printout does not)', async () => {
    const { runCli, importDossier, importArgs, WU_CSV } = await import('../import/support.js');
    const dir = importDossier(WU_CSV);
    expect((await runCli(['import', '--print-map-schema'], dir)).status).toBe(0);
    expect(v8.flags).toEqual([]);
    const r = await runCli(importArgs('imported.yaml'), dir);
    expect(r.status).toBe(0);
    expect(v8.flags).toEqual(['--heap-growing-percent=100']);
  });
});
