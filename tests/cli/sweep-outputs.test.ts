/**
 * Regressions found by the hostile-input sweep of 2026-12-02 (docs/security.md): each
 * test is the reproduction of one finding, on a temp copy of the fictional example.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runExport } from '../../src/cli/commands/export.js';
import { runSchema } from '../../src/cli/commands/schema.js';
import { InterruptedError } from '../../src/errors.js';
import { fakeIO } from '../helpers/fake-io.js';
import { copyExample, removeTempDirs } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

const dir = copyExample();

describe('export', () => {
  test('-o - writes the graph to standard output, never a file named "-"', async () => {
    const { io, out, err } = fakeIO({ cwd: dir });
    const status = await runExport('dossier.yaml', { to: 'case', output: '-' }, io);
    expect(status).toBe(0);
    expect(existsSync(path.join(dir, '-'))).toBe(false);
    const graph = JSON.parse(out()) as { '@graph': unknown[] };
    expect(graph['@graph'].length).toBeGreaterThan(10);
    expect(err()).toMatch(/wrote the graph to standard output/);
  });

  test('a stop signal (SIGINT, SIGTERM) raised while it runs: no file, no temporary', async () => {
    // It used to write the whole file and exit 0 after Ctrl-C: the atomic write did
    // not look at the stop signal.
    const { io } = fakeIO({ cwd: dir, signal: AbortSignal.abort() });
    await expect(
      runExport('dossier.yaml', { to: 'case', output: 'stopped.jsonld' }, io),
    ).rejects.toBeInstanceOf(InterruptedError);
    expect(
      readdirSync(dir).filter((n) => n.includes('stopped') || n.includes('courtfile-tmp')),
    ).toEqual([]);
  });
});

describe('schema', () => {
  test('a stop signal raised while it runs: no file, no temporary', async () => {
    const { io } = fakeIO({ cwd: dir, signal: AbortSignal.abort() });
    await expect(runSchema({ output: 'schema.json' }, io)).rejects.toBeInstanceOf(InterruptedError);
    expect(
      readdirSync(dir).filter((n) => n.includes('schema') || n.includes('courtfile-tmp')),
    ).toEqual([]);
    expect(readFileSync(path.join(dir, 'dossier.yaml'), 'utf8')).toMatch(/^# FICTIONAL/);
  });
});
