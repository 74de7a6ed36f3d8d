import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from './support/fixture.js';
import { transpileClosure } from './support/transpile-sources.mjs';

// Hashing must stream: a 1 GiB exhibit is verified by a separate, bare node process
// (no test runner in its memory) whose peak RSS must stay under 200 MB. The file is
// sparse, so creating it is instant and reading it costs no disk I/O: about 1-2 s.
const GIB = 1024 * 1024 * 1024;
const ZEROS_1GIB_SHA256 = '49bc20df15e412a64472421e13fe86ff1c5165e18b2afccf160d4dc19fe68a14';
const here = path.dirname(fileURLToPath(import.meta.url));
const src = path.resolve(here, '../../src');

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir('courtfile-memory-');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('verify memory', () => {
  it('hashes a 1 GiB file with a peak RSS under 200 MB', async () => {
    const modulePath = await transpileClosure(
      path.join(src, 'verify/verify-exhibits.ts'),
      path.join(dir, 'js'),
      src,
    );
    const handle = await fs.open(path.join(dir, 'big.bin'), 'w');
    await handle.truncate(GIB);
    await handle.close();

    const { stdout } = await promisify(execFile)(process.execPath, [
      path.join(here, 'support/hash-child.mjs'),
      modulePath,
      dir,
      '4',
      `big.bin:${ZEROS_1GIB_SHA256}`,
    ]);
    const report = JSON.parse(stdout) as {
      findings: string[];
      bytes: number;
      maxRssBytes: number;
      mibPerSecond: number;
    };
    expect(report.findings).toEqual([]);
    expect(report.bytes).toBe(GIB);
    expect(report.maxRssBytes).toBeLessThan(200 * 1024 * 1024);
  }, 60_000);
});
