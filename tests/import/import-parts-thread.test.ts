import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { EarlyThread } from '../../src/import/check-parts.js';
import { RecordBuilder } from '../../src/import/build-records.js';
import { EARLY_THREAD_SOURCE_BYTES, runImport } from '../../src/import/run-import.js';
import { removeTempDirs } from '../helpers/temp-dossier.js';
import {
  NOTES_MAP,
  WU_MAP,
  importDossier,
  importOptions as options,
  wuExport,
  importedOut,
  withVictimName,
} from './support.js';

/** FICTIONAL TEST DATA throughout. */
afterAll(removeTempDirs);

const ACCOUNTS_YAML_OF = RecordBuilder.prototype.accountsYamlOf;

/** The same import three ways: OUT whole, in parts on this thread, in parts on a second thread. */
async function threeWays(
  csv: string,
  map = WU_MAP,
  extra: Parameters<typeof options>[1] = {},
  root: (text: string) => string = (text) => text,
) {
  const dirs = [importDossier(csv, map), importDossier(csv, map), importDossier(csv, map)];
  for (const d of dirs) {
    const file = path.join(d, 'dossier.yaml');
    writeFileSync(file, root(readFileSync(file, 'utf8')));
  }
  const whole = await runImport(options(dirs[0]!, extra));
  const alone = await runImport(
    options(dirs[1]!, { ...extra, partBytes: 1500, checkThread: false }),
  );
  const thread = await runImport(options(dirs[2]!, { ...extra, partBytes: 1500 }));
  const out = dirs.map((d) => {
    const f = path.join(d, 'imported.yaml');
    return existsSync(f) ? readFileSync(f, 'utf8') : undefined;
  });
  return { whole, alone, thread, out };
}

describe('parts of OUT checked on a second thread while the export is read', () => {
  it('the same OUT, byte for byte, and the same diagnostics as one check of the whole', async () => {
    const r = await threeWays(wuExport(300, { senders: 40, receivers: 90, every: 3 }));
    expect(r.whole).toMatchObject({ written: true, records: 300, checkedParts: 1 });
    expect(r.alone).toMatchObject({ written: true, records: 300, checkedOnThread: 0 });
    expect(r.thread).toMatchObject({ written: true, records: 300 });
    expect(r.thread.checkedParts).toBeGreaterThan(40);
    // The thread ran (from the TypeScript sources here) and checked parts.
    expect(r.thread.checkedOnThread).toBeGreaterThan(0);
    expect(r.out[0]).toBeDefined();
    expect(r.out[1]).toBe(r.out[0]);
    expect(r.out[2]).toBe(r.out[0]);
    // 90 receivers and 40 senders, made over the first 270 rows: new-account warnings.
    expect(r.whole.diagnostics.filter((d) => d.code === 'import-new-account')).toHaveLength(130);
    expect(r.alone.diagnostics).toEqual(r.whole.diagnostics);
    expect(r.thread.diagnostics).toEqual(r.whole.diagnostics);
  }, 60_000);

  it('multi-byte notes, written in blocks smaller than some records: the parts start where their records do', async () => {
    // Notes of 1 to 3 bytes a character, some records longer than a block (written alone).
    const notes = ['é', '€', '日本', 'a'];
    let csv = 'Date;Montant;Devise;De;A;Notes\n';
    for (let i = 0; i < 120; i++)
      csv += `${String(1 + (i % 28)).padStart(2, '0')}/03/2018;${100 + i},50;EUR;WU-FR-000${i % 7};WU-PH-00${i % 11};${notes[i % 4]!.repeat(1 + ((i * 37) % 250))}\n`;
    const r = await threeWays(csv, NOTES_MAP, { writeBytes: 600 });
    expect(r.whole).toMatchObject({ written: true, records: 120, checkedParts: 1 });
    expect(r.thread.checkedOnThread).toBeGreaterThan(0);
    expect(r.alone.checkedParts).toBeGreaterThan(20);
    expect(r.thread.diagnostics).toEqual(r.whole.diagnostics);
    expect(r.alone.diagnostics).toEqual(r.whole.diagnostics);
    // Row 8 (i = 6): 223 times 日本, 1,338 bytes.
    expect(r.out[0]).toContain(`notes: "${'日本'.repeat(223)}"`);
    expect(r.out[1]).toBe(r.out[0]);
    expect(r.out[2]).toBe(r.out[0]);
    // Blocks of the default size: the same bytes.
    const dir = importDossier(csv, NOTES_MAP);
    expect((await runImport(options(dir))).written).toBe(true);
    expect(importedOut(dir)).toBe(r.out[0]);
  });

  it('each new account is in the file of one part only; the others name it by its id', async () => {
    // Exports name the same identifiers over many rows: a part held every account its
    // records named (~7,200 of 8,000 in each part of a 100,000-row export), read again and
    // checked again in every part.
    const written: number[] = [];
    const spy = vi.spyOn(RecordBuilder.prototype, 'accountsYamlOf').mockImplementation(function (
      this: RecordBuilder,
      indexes: readonly number[],
    ) {
      written.push(...indexes);
      return ACCOUNTS_YAML_OF.call(this, indexes);
    });
    try {
      const dir = importDossier(wuExport(300, { senders: 40, receivers: 90, every: 3 }));
      const r = await runImport(options(dir, { partBytes: 1500 }));
      expect(r).toMatchObject({ written: true, records: 300, newAccounts: 130 });
      expect(r.checkedParts).toBeGreaterThan(40);
      expect(r.checkedOnThread).toBeGreaterThan(0);
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect([...written].sort((x, y) => x - y)).toEqual(Array.from({ length: 130 }, (_, k) => k));
    } finally {
      spy.mockRestore();
    }
  }, 60_000);

  it("the dossier's rules' errors: at their records' rows in SOURCE, once, whichever thread found them", async () => {
    // USD without rates: a missing-rate error on every record.
    const r = await threeWays(
      wuExport(150, { senders: 40, receivers: 90, currency: 'USD', every: 2 }),
    );
    expect(r.out).toEqual([undefined, undefined, undefined]);
    const rates = (x: typeof r.whole) => x.diagnostics.filter((d) => d.code === 'missing-rate');
    expect(rates(r.whole)).toHaveLength(150);
    expect(r.thread.checkedOnThread).toBeGreaterThan(0);
    expect(r.alone.diagnostics).toEqual(r.whole.diagnostics);
    expect(r.thread.diagnostics).toEqual(r.whole.diagnostics);
    // Record k (OUT's transfers.k.currency, moved by its index): row k + 2, line k + 2.
    expect(rates(r.thread).map((d) => [d.file, d.line, d.column])).toEqual(
      Array.from({ length: 150 }, (_, k) => ['exhibits/export.csv', k + 2, 1]),
    );
  }, 60_000);

  it("accounts' own findings once each, where SOURCE first gives their identifier, though parts hold different accounts", async () => {
    // A platform naming the victim: a victim-identity warning on every new account (in
    // the accounts list, after all the records) and on every record's provider. (The
    // check's warnings are shown when it finds errors: USD without rates.)
    const map = WU_MAP.replaceAll('Western Union', 'Agence Lucie Fictive');
    const r = await threeWays(
      wuExport(200, { senders: 40, receivers: 90, every: 4, currency: 'USD' }),
      map,
      {},
      (text) => withVictimName(text, 'Lucie Fictive'),
    );
    // Records' findings are at their row's column 1, accounts' at the identifier's field.
    const onAccounts = (x: typeof r.whole) =>
      x.diagnostics.filter((d) => d.code === 'victim-identity' && d.column > 1);
    const at = (d: { line: number; column: number }) => `${d.line}:${d.column}`;
    expect(onAccounts(r.whole).length).toBe(90);
    expect(new Set(onAccounts(r.thread).map(at)).size).toBe(90);
    expect(r.thread.checkedOnThread).toBeGreaterThan(0);
    expect(r.alone.diagnostics).toEqual(r.whole.diagnostics);
    expect(r.thread.diagnostics).toEqual(r.whole.diagnostics);
    // An account of OUT (after its 200 records) is where its identifier was first met, as
    // its import-new-account warning: the first, WU-FR-0000, at row 2's fifth field.
    expect(onAccounts(r.thread)[0]).toMatchObject({
      file: 'exhibits/export.csv',
      line: 2,
      column: 29,
      path: [],
    });
    const made = new Set(
      r.thread.diagnostics.filter((d) => d.code === 'import-new-account').map(at),
    );
    expect(onAccounts(r.thread).every((d) => made.has(at(d)))).toBe(true);
  }, 60_000);

  it('--skip-invalid: parts checked before the skipped records are known land on the rows of the records OUT holds', async () => {
    const r = await threeWays(
      wuExport(150, { senders: 40, receivers: 90, currency: 'USD', bad: [3, 77, 149] }),
      WU_MAP,
      {
        skipInvalid: true,
      },
    );
    // Every record fails the check with the dossier (no USD rate): with --skip-invalid
    // all are left out, their errors warnings, and an OUT without records is written.
    expect(r.whole).toMatchObject({ written: true, records: 0, skipped: 150 });
    expect(r.thread).toMatchObject({ written: true, records: 0, skipped: 150 });
    expect(r.thread.checkedOnThread).toBeGreaterThan(0);
    expect(r.alone.diagnostics).toEqual(r.whole.diagnostics);
    expect(r.thread.diagnostics).toEqual(r.whole.diagnostics);
    // OUT's record k is the k-th row read that was not skipped (rows 5, 79 and 151 were).
    const rates = r.thread.diagnostics.filter((d) => d.code === 'missing-rate');
    expect(rates.map((d) => [d.file, d.line, d.column])).toEqual(
      Array.from({ length: 150 }, (_, i) => i)
        .filter((i) => ![3, 77, 149].includes(i))
        .map((i) => ['exhibits/export.csv', i + 2, 1]),
    );
  }, 60_000);

  it('a large export: the thread started before the dossier is checked checks parts; stopped when unused', async () => {
    const csv = wuExport(8000);
    expect(csv.length).toBeGreaterThanOrEqual(EARLY_THREAD_SOURCE_BYTES);
    const whole = importDossier(csv);
    const parted = importDossier(csv);
    const a = await runImport(options(whole, { checkThread: false }));
    const take = vi.spyOn(EarlyThread.prototype, 'take');
    const stops = vi.spyOn(Worker.prototype, 'terminate');
    let b: Awaited<ReturnType<typeof runImport>>;
    try {
      b = await runImport(options(parted));
      // The parts went to the thread started early: it was taken while it ran, and it is
      // the only one (an unused early thread and a second one would be two stopped).
      expect(take.mock.results[0]?.value).toBeInstanceOf(Worker);
      expect(stops).toHaveBeenCalledTimes(1);
    } finally {
      take.mockRestore();
      stops.mockRestore();
    }
    expect(a).toMatchObject({ written: true, records: 8000, checkedOnThread: 0 });
    expect(b).toMatchObject({ written: true, records: 8000 });
    // A first part of about 1 MiB, then parts of about 4 MiB: 8,000 transfers make two.
    expect(b.checkedParts).toBe(2);
    expect(b.checkedOnThread).toBeGreaterThanOrEqual(1);
    expect(b.diagnostics).toEqual(a.diagnostics);
    expect(importedOut(parted)).toBe(importedOut(whole));

    // SOURCE does not match its evidence record: the import stops before any part, and
    // the thread started for it is stopped (else the process would not end).
    const terminate = vi.spyOn(Worker.prototype, 'terminate');
    try {
      const wrong = importDossier(csv, WU_MAP, { declaredSha: 'a'.repeat(64) });
      const c = await runImport(options(wrong));
      expect(c.written).toBe(false);
      expect(c.diagnostics.map((d) => d.code)).toEqual(['import-source']);
      expect(terminate).toHaveBeenCalledTimes(1);
      // An error in the first row: no part is checked, the thread is stopped once.
      const bad = importDossier(wuExport(8000, { bad: [0] }));
      const d = await runImport(options(bad));
      expect(d.written).toBe(false);
      expect(d.diagnostics.filter((x) => x.code === 'import-value')).toHaveLength(1);
      expect(terminate).toHaveBeenCalledTimes(2);
    } finally {
      terminate.mockRestore();
    }
  }, 120_000);
});
