#!/usr/bin/env node
// `npm run demo`: the main job on the bundled (fictional) example dossier:
// validate, verify the exhibit files, print the summary, render the referral PDF.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../dist/cli/main.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dossier = 'examples/dossier/dossier.yaml';
const output = 'demo/referral.pdf';
const io = { stdout: process.stdout, stderr: process.stderr, cwd: root, env: process.env };

mkdirSync(path.join(root, 'demo'), { recursive: true });
for (const argv of [
  ['validate', dossier],
  ['verify', dossier],
  ['summary', dossier],
  ['render', dossier, '-o', output],
]) {
  process.stdout.write(`\n$ courtfile ${argv.join(' ')}\n`);
  const status = await main(argv, io);
  if (status !== 0) {
    process.exitCode = status;
    break;
  }
}
if (!process.exitCode) {
  process.stdout.write(`\nThe referral PDF of the example is in ${path.join(root, output)}\n`);
}
