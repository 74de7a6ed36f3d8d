/**
 * Regressions found by the hostile-input sweep of 2026-12-02 (docs/security.md): each
 * test is the reproduction of one finding, on a temp copy of the fictional example.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runExport } from '../../src/cli/commands/export.js';
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
});
