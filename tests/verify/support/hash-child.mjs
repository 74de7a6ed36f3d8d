// Child process for the memory test and for measurements: verifies a one-exhibit dossier
// whose files are the given paths (relative to ROOT) with the given hashes, then prints
// one JSON line: {findings, bytes, seconds, mibPerSecond, maxRssBytes}.
// Usage: node hash-child.mjs VERIFY_MODULE_JS ROOT CONCURRENCY PATH:SHA256...
// (VERIFY_MODULE_JS: src/verify/verify-exhibits.ts transpiled by transpile-sources.mjs)
import { pathToFileURL } from 'node:url';

const [modulePath, rootDir, concurrencyArg, ...specs] = process.argv.slice(2);
const { verifyExhibits } = await import(pathToFileURL(modulePath).href);
const files = specs.map((spec, i) => {
  const at = spec.lastIndexOf(':');
  return {
    path: spec.slice(0, at),
    sha256: spec.slice(at + 1),
    origin: { file: 'dossier.yaml', path: ['evidence', 0, 'files', i] },
  };
});
const dossier = {
  rootDir,
  sources: [],
  evidence: [
    { id: 'E1', files, custody: [], origin: { file: 'dossier.yaml', path: ['evidence', 0] } },
  ],
};
const result = await verifyExhibits(dossier, { concurrency: Number(concurrencyArg) || undefined });
const seconds = result.elapsedMs / 1000;
console.log(
  JSON.stringify({
    findings: result.findings.map((f) => f.code),
    bytes: result.bytes,
    seconds,
    mibPerSecond: result.bytes / 1048576 / seconds,
    // resourceUsage().maxRSS is the kernel's high-water mark, in KiB.
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
