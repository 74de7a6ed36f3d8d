// Measure verifyExhibits against `sha256sum` on the same files (see docs/verify.md).
// Usage: node tests/verify/support/bench-verify.mjs DIR [CONCURRENCY,...] [RUNS]
// Hashes every regular file directly in DIR. Warm page cache: run once before measuring.
// Set BENCH_DROP_CACHES=1 (Linux, root) to drop the page cache before every run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transpileClosure } from './transpile-sources.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const src = path.resolve(here, '../../../src');
const [dir, concurrencyList = '1,2,4', runsArg = '3'] = process.argv.slice(2);
if (!dir) throw new Error('usage: bench-verify.mjs DIR [CONCURRENCY,...] [RUNS]');
const names = readdirSync(dir)
  .filter((n) => statSync(path.join(dir, n)).isFile())
  .sort();
const bytes = names.reduce((s, n) => s + statSync(path.join(dir, n)).size, 0);
const out = mkdtempSync(path.join(os.tmpdir(), 'courtfile-bench-'));
const modulePath = await transpileClosure(path.join(src, 'verify/verify-exhibits.ts'), out, src);

const dropCaches = () => {
  if (process.env.BENCH_DROP_CACHES) {
    execFileSync('sync');
    writeFileSync('/proc/sys/vm/drop_caches', '3');
  }
};
const sums = new Map(
  execFileSync('sha256sum', names, { cwd: dir, maxBuffer: 1 << 28 })
    .toString()
    .trim()
    .split('\n')
    .map((line) => [line.slice(66), line.slice(0, 64)]),
);
const specs = names.map((n) => `${n}:${sums.get(n)}`);
const results = {};
const record = (label, seconds, rss) => (results[label] ??= []).push({ seconds, rss });
for (let run = 0; run < Number(runsArg); run++) {
  dropCaches();
  let t = performance.now();
  execFileSync('sha256sum', names, { cwd: dir, stdio: 'ignore' });
  record('sha256sum', (performance.now() - t) / 1000, 0);
  dropCaches();
  t = performance.now();
  execFileSync('openssl', ['dgst', '-sha256', ...names], { cwd: dir, stdio: 'ignore' });
  record('openssl dgst', (performance.now() - t) / 1000, 0);
  for (const c of concurrencyList.split(',')) {
    dropCaches();
    const child = execFileSync(
      process.execPath,
      [path.join(here, 'hash-child.mjs'), modulePath, dir, c, ...specs],
      {
        maxBuffer: 1 << 28,
      },
    );
    const r = JSON.parse(child.toString());
    if (r.findings.length) throw new Error(`unexpected findings: ${r.findings.join(', ')}`);
    record(`courtfile c=${c}`, r.seconds, r.maxRssBytes);
  }
}
rmSync(out, { recursive: true, force: true });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mib = bytes / 1048576;
console.log(`${names.length} files, ${mib.toFixed(0)} MiB, ${runsArg} runs (best and median):`);
for (const [label, rs] of Object.entries(results)) {
  const best = Math.min(...rs.map((r) => r.seconds));
  const med = median(rs.map((r) => r.seconds));
  const rss = Math.max(...rs.map((r) => r.rss));
  console.log(
    `  ${label.padEnd(16)} best ${(mib / best).toFixed(0).padStart(5)} MiB/s (${best.toFixed(2)} s)` +
      `  median ${(mib / med).toFixed(0).padStart(5)} MiB/s` +
      (rss ? `  max RSS ${(rss / 1048576).toFixed(0)} MB` : ''),
  );
}
