import type * as WorkerThreads from 'node:worker_threads';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { EARLY_THREAD_SOURCE_BYTES, runImport } from '../../src/import/run-import.js';
import { removeTempDirs } from '../helpers/temp-dossier.js';
import { importDossier, importOptions, wuExport, importedOut } from './support.js';

/** FICTIONAL TEST DATA throughout. */
afterAll(removeTempDirs);

/** A thread that fails as one whose script cannot be loaded does: an 'error' event, then 'exit'. */
vi.mock('node:worker_threads', async (original) => {
  const real = await original<typeof WorkerThreads>();
  const { EventEmitter } = await import('node:events');
  class FailingWorker extends EventEmitter {
    static started = 0;
    constructor() {
      super();
      FailingWorker.started++;
      setImmediate(() => {
        this.emit('error', new Error('Cannot find module check-thread.js (fictional)'));
        this.emit('exit', 1);
      });
    }
    postMessage(): void {}
    terminate(): Promise<number> {
      return Promise.resolve(1);
    }
  }
  return { ...real, Worker: FailingWorker, default: { ...real, Worker: FailingWorker } };
});

describe('no second thread', () => {
  it('a thread that cannot start: every part is checked on the main thread, with the same result', async () => {
    const { Worker } = await import('node:worker_threads');
    for (const currency of ['EUR', 'USD']) {
      const whole = importDossier(wuExport(120, { currency }));
      const parted = importDossier(wuExport(120, { currency }));
      const a = await runImport(importOptions(whole));
      const b = await runImport(importOptions(parted, { partBytes: 1500 }));
      expect(b.checkedParts).toBeGreaterThan(20);
      expect(b.checkedOnThread).toBe(0);
      expect(b.written).toBe(currency === 'EUR');
      expect(b.diagnostics).toEqual(a.diagnostics);
      if (currency === 'EUR') expect(importedOut(parted)).toBe(importedOut(whole));
      else expect(a.diagnostics.filter((d) => d.code === 'missing-rate')).toHaveLength(120);
    }
    expect((Worker as unknown as { started: number }).started).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('a thread started early that fails before its first part: the import ends, checked here', async () => {
    const { Worker } = await import('node:worker_threads');
    const started = () => (Worker as unknown as { started: number }).started;
    const csv = wuExport(8000);
    expect(csv.length).toBeGreaterThanOrEqual(EARLY_THREAD_SOURCE_BYTES);
    const whole = importDossier(csv);
    const parted = importDossier(csv);
    const a = await runImport(importOptions(whole, { checkThread: false }));
    const before = started();
    const b = await runImport(importOptions(parted));
    // The early thread, then the one its failure made the first part ask for.
    expect(started() - before).toBe(2);
    expect(b).toMatchObject({ written: true, records: 8000, checkedOnThread: 0 });
    expect(b.checkedParts).toBeGreaterThan(1);
    expect(b.diagnostics).toEqual(a.diagnostics);
    expect(importedOut(parted)).toBe(importedOut(whole));
  }, 60_000);
});
