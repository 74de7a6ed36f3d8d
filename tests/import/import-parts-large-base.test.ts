import { afterAll, describe, expect, it, vi } from 'vitest';
import type { BodyPart } from '../../src/import/check-parts.js';
import { mergeParts, runImport } from '../../src/import/run-import.js';
import { removeTempDirs } from '../helpers/temp-dossier.js';
import { importDossier, importOptions, wuExport, importedOut } from './support.js';

/** FICTIONAL TEST DATA throughout. */
afterAll(removeTempDirs);

const part = (
  start: number,
  bytes: number,
  line: number,
  lines: number,
  index: number,
): BodyPart => ({
  start,
  bytes,
  line,
  lines,
  index,
  records: lines / 10,
});

describe('parts merged for a large dossier', () => {
  it('few groups under the size, about equal, each consecutive, accounts once and in order', () => {
    // Six parts of 100 bytes (10 lines, 1 record each) under 250 bytes: 3 groups of 2.
    const parts = Array.from({ length: 6 }, (_, i) => part(100 * i, 100, 10 * i, 10, i));
    const named = [[0, 1], [2], [1, 3], [], [4], [3, 5]];
    const groups = mergeParts(parts, named, 250);
    expect(groups.map((g) => g.part)).toEqual([
      { start: 0, bytes: 200, line: 0, lines: 20, index: 0, records: 2 },
      { start: 200, bytes: 200, line: 20, lines: 20, index: 2, records: 2 },
      { start: 400, bytes: 200, line: 40, lines: 20, index: 4, records: 2 },
    ]);
    expect(groups.map((g) => g.named)).toEqual([
      [0, 1, 2],
      [1, 3],
      [3, 4, 5],
    ]);
    // Everything fits: one group; a part larger than the size: a group of its own.
    expect(mergeParts(parts, named, 10_000)).toHaveLength(1);
    const big = [part(0, 100, 0, 10, 0), part(100, 900, 10, 10, 1), part(1000, 100, 20, 10, 2)];
    expect(mergeParts(big, [[], [], []], 500).map((g) => g.part.bytes)).toEqual([100, 900, 100]);
  });

  it('parts of a little more than a quarter of the size: ceil(total / size) runs, not one per three parts', () => {
    // As the import makes them: 4 MiB and a record, merged up to 16 MiB.
    const size = 4 * 2 ** 20 + 300;
    const parts = Array.from({ length: 11 }, (_, i) => part(size * i, size, 10 * i, 10, i));
    const groups = mergeParts(parts, [], 16 * 2 ** 20);
    expect(groups).toHaveLength(3);
    expect(groups.map((g) => g.part.records)).toEqual([4, 3, 4]);
    // A first part of 1 MiB and a short last one (as the import's): still ceil(total / size).
    const mixed = [1, 4, 4, 4, 4, 4, 4, 4, 4, 0.7].map((mib) => mib * 2 ** 20);
    let at = 0;
    const runs = mergeParts(
      mixed.map((bytes, i) => ({
        ...part(at, bytes, 10 * i, 10, i),
        start: (at += bytes) - bytes,
      })),
      [],
      24.6 * 2 ** 20,
    );
    expect(runs.map((g) => g.part.records)).toEqual([5, 5]);
  });

  it('any sizes: runs in order, every part once, none empty or over the size and an average part', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 2000; round++) {
      const count = 1 + random(30);
      const sizes = Array.from({ length: count }, () => 1 + random(40));
      let start = 0;
      const parts = sizes.map((bytes, i) => {
        const p = { start, bytes, line: 10 * i, lines: 10, index: i, records: 1 };
        start += bytes;
        return p;
      });
      const named = sizes.map(() => [random(5), random(5)]);
      const max = 1 + random(60);
      const total = start;
      const groups = mergeParts(parts, named, max);
      expect(groups.reduce((n, g) => n + g.part.records, 0)).toBe(count);
      let next = 0;
      for (const g of groups) {
        expect(g.part.start).toBe(parts[next]!.start);
        expect(g.part.index).toBe(next);
        const own = parts.slice(next, next + g.part.records);
        expect(g.part.bytes).toBe(own.reduce((n, p) => n + p.bytes, 0));
        if (own.length > 1) expect(g.part.bytes).toBeLessThanOrEqual(max + total / count);
        const union = [...new Set(own.flatMap((p) => named[p.index]!))].sort((a, b) => a - b);
        expect(g.named).toEqual(union);
        next += g.part.records;
      }
    }
  });
});

describe('import into a large dossier', () => {
  it('OUT checked once, on this thread, after the reading: the same OUT and diagnostics as in parts', async () => {
    for (const currency of ['EUR', 'USD']) {
      const csv = wuExport(120, { currency });
      const threaded = importDossier(csv);
      const large = importDossier(csv);
      const a = await runImport(importOptions(threaded, { partBytes: 1500 }));
      const b = await runImport(importOptions(large, { partBytes: 1500, largeBaseBytes: 1 }));
      expect(a.checkedParts).toBeGreaterThan(20);
      expect(a.checkedOnThread).toBeGreaterThan(0);
      expect(b).toMatchObject({ checkedParts: 1, checkedOnThread: 0, records: 120 });
      expect(b.written).toBe(currency === 'EUR');
      expect(b.diagnostics).toEqual(a.diagnostics);
      if (currency === 'EUR') expect(importedOut(large)).toBe(importedOut(threaded));
      else expect(b.diagnostics.filter((d) => d.code === 'missing-rate')).toHaveLength(120);
    }
  }, 60_000);

  it("OUT larger than a part: checked in merged parts, errors at their records' rows in SOURCE", async () => {
    const csv = wuExport(120, { currency: 'USD' });
    const whole = importDossier(csv);
    const large = importDossier(csv);
    const a = await runImport(importOptions(whole, { checkThread: false }));
    const b = await runImport(
      importOptions(large, { partBytes: 1500, largeBaseBytes: 1, largeBasePartBytes: 9000 }),
    );
    expect(a.checkedParts).toBe(1);
    // About 40 KB of records in groups of at most 9,000 bytes of 1,500-byte parts.
    expect(b.checkedParts).toBeGreaterThanOrEqual(5);
    expect(b.checkedParts).toBeLessThanOrEqual(8);
    expect(b.checkedOnThread).toBe(0);
    expect(b.written).toBe(false);
    const rates = b.diagnostics.filter((d) => d.code === 'missing-rate');
    // Record k (OUT's transfers.k.currency, moved by its index): row k + 2, line k + 2.
    expect(rates.map((d) => [d.file, d.line, d.column])).toEqual(
      Array.from({ length: 120 }, (_, k) => ['exhibits/export.csv', k + 2, 1]),
    );
    expect(b.diagnostics).toEqual(a.diagnostics);
  }, 60_000);

  it('--skip-invalid: merged parts land on the rows of the records OUT holds, the skipped ones left out', async () => {
    const csv = wuExport(150, { senders: 40, receivers: 90, currency: 'USD', bad: [3, 77, 149] });
    const whole = importDossier(csv);
    const large = importDossier(csv);
    const a = await runImport(importOptions(whole, { checkThread: false, skipInvalid: true }));
    const b = await runImport(
      importOptions(large, {
        skipInvalid: true,
        partBytes: 1500,
        largeBaseBytes: 1,
        largeBasePartBytes: 9000,
      }),
    );
    // Every record fails the check with the dossier (no USD rate): with --skip-invalid
    // all are left out (a second run, checked once more), an OUT without records written.
    expect(a).toMatchObject({ written: true, records: 0, skipped: 150, checkedParts: 2 });
    expect(b).toMatchObject({ written: true, records: 0, skipped: 150, checkedOnThread: 0 });
    expect(b.checkedParts).toBeGreaterThanOrEqual(5);
    expect(b.diagnostics).toEqual(a.diagnostics);
    // OUT's record k is the k-th row read that was not skipped (rows 5, 79 and 151 were).
    const rates = b.diagnostics.filter((d) => d.code === 'missing-rate');
    expect(rates.map((d) => [d.file, d.line, d.column])).toEqual(
      Array.from({ length: 150 }, (_, i) => i)
        .filter((i) => ![3, 77, 149].includes(i))
        .map((i) => ['exhibits/export.csv', i + 2, 1]),
    );
  }, 60_000);

  it('the CLI is told when the dossier is large (to keep the heap tight), not otherwise', async () => {
    const csv = wuExport(20);
    const told = vi.fn();
    const small = await runImport(importOptions(importDossier(csv), { onLargeDossier: told }));
    expect(small.written).toBe(true);
    expect(told).not.toHaveBeenCalled();
    const large = await runImport(
      importOptions(importDossier(csv), { onLargeDossier: told, largeBaseBytes: 1 }),
    );
    expect(large.written).toBe(true);
    expect(told).toHaveBeenCalledTimes(1);
  });
});
