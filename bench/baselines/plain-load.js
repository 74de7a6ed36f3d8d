#!/usr/bin/env node
// Information row beside the js-yaml floor: courtfile's own plain-block YAML reader
// (dist/load/parse-plain-blocks.js, the reader `validate` tries first) loading the same
// files, and nothing else, exactly as yaml-load.js does with js-yaml. Exits 1 if the
// reader gives up on a file (the comparison would then be meaningless).
//
//   node bench/baselines/plain-load.js FILE...
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');
const { parsePlainBlocks } = await import(
  pathToFileURL(path.join(dist, 'load/parse-plain-blocks.js')).href
);

let records = 0;
for (const file of process.argv.slice(2)) {
  const doc = parsePlainBlocks(fs.readFileSync(file, 'utf8'));
  if (doc === undefined) {
    process.stderr.write(`${file}: the plain-block reader gives up on this file\n`);
    process.exit(1);
  }
  for (const value of Object.values(doc ?? {})) if (Array.isArray(value)) records += value.length;
}
process.stdout.write(`${records} records\n`);
