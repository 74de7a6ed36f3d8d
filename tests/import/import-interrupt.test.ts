/**
 * SIGINT / SIGTERM during `courtfile import` (README, "Stopping a command"): the import
 * stops at its next checkpoint, whatever step it is in, writes nothing (OUT absent, or as
 * it was), leaves no temporary file, and the command exits 130 / 143. An audit found an
 * import that went on and wrote OUT with exit 0 after SIGTERM. FICTIONAL TEST DATA.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { InterruptedError } from '../../src/errors.js';
import { runImport } from '../../src/import/run-import.js';
import { fakeIO } from '../helpers/fake-io.js';
import { removeTempDirs } from '../helpers/temp-dossier.js';
import { importArgs, importDossier, importOptions, wuExport } from './support.js';

afterAll(removeTempDirs);

const temporaries = (dir: string): string[] =>
  (readdirSync(dir, { recursive: true }) as string[]).filter((n) => n.includes('courtfile-tmp'));

/**
 * The import of `rows` rows, aborted with SIGTERM the first time its progress line starts
 * with `moment`. OUT is checked in parts (small parts) on a second thread or not.
 */
async function stoppedAt(moment: string, rows: number, thread: boolean) {
  const dir = importDossier(wuExport(rows, { senders: 30, receivers: 60, every: 4 }));
  const controller = new AbortController();
  const said: string[] = [];
  const run = runImport({
    ...importOptions(dir),
    partBytes: 4000,
    checkThread: thread,
    signal: controller.signal,
    onProgress: (what) => {
      said.push(what);
      if (what.startsWith(moment) && !controller.signal.aborted)
        controller.abort(new InterruptedError('terminated', 'SIGTERM'));
    },
  });
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { dir, error, said, aborted: controller.signal.aborted };
}

describe('an import stopped by a signal writes nothing', () => {
  it.each([
    ['checking dossier.yaml', false],
    ['hashing', false],
    ['importing', false],
    ['importing', true],
    ['checking dossier.yaml with', false],
    ['checking dossier.yaml with', true],
    ['writing', false],
  ] as const)(
    'SIGTERM when the progress line says "%s…" (second thread: %s): InterruptedError, no OUT, no temporary',
    async (moment, thread) => {
      const r = await stoppedAt(moment, 1500, thread);
      expect(r.aborted, r.said.join('\n')).toBe(true);
      expect(r.error).toBeInstanceOf(InterruptedError);
      expect(r.error).toMatchObject({ signal: 'SIGTERM' });
      expect(existsSync(path.join(r.dir, 'imported.yaml'))).toBe(false);
      expect(temporaries(r.dir)).toEqual([]);
    },
    60_000,
  );

  it('while reading, the import stops at once, not after the rest of the export', async () => {
    const r = await stoppedAt('importing', 20_000, true);
    expect(r.error).toBeInstanceOf(InterruptedError);
    // One progress line after the abort at most: the one of the batch being read then.
    const first = r.said.findIndex((w) => w.startsWith('importing'));
    expect(r.said.length - first).toBeLessThanOrEqual(2);
    expect(r.said.some((w) => w.startsWith('writing'))).toBe(false);
  }, 60_000);

  it('an OUT already there (a refresh) is left as it was', async () => {
    const dir = importDossier(wuExport(800));
    const out = path.join(dir, 'imported.yaml');
    writeFileSync(out, '# an earlier import, kept\ntransfers: []\n');
    const controller = new AbortController();
    const error = await runImport({
      ...importOptions(dir),
      signal: controller.signal,
      onProgress: (what) => {
        if (what.startsWith('writing')) controller.abort(new InterruptedError());
      },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'InterruptedError', signal: 'SIGINT' });
    expect(readFileSync(out, 'utf8')).toBe('# an earlier import, kept\ntransfers: []\n');
    expect(temporaries(dir)).toEqual([]);
  });

  it('the command: exit 143 and "courtfile: terminated", nothing on standard output', async () => {
    const dir = importDossier(wuExport(1500));
    const controller = new AbortController();
    const fake = fakeIO({ cwd: dir, signal: controller.signal });
    // Aborted as the dossier is read (the first await of the command): before any step.
    queueMicrotask(() => controller.abort(new InterruptedError('terminated', 'SIGTERM')));
    const status = await main(importArgs('imported.yaml'), fake.io);
    expect(status).toBe(143);
    expect(fake.err()).toBe('courtfile: terminated\n');
    expect(fake.out()).toBe('');
    expect(existsSync(path.join(dir, 'imported.yaml'))).toBe(false);
    expect(temporaries(dir)).toEqual([]);
  });
});
