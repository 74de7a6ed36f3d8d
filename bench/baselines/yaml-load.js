#!/usr/bin/env node
// Floor for `courtfile validate`: the fastest JS YAML parser (js-yaml 4, ~14x `yaml`)
// loading each file with the YAML 1.2 core schema, and nothing else: no positions, no
// schema, no cross-record rules. courtfile cannot do less work than this.
//
//   node bench/baselines/yaml-load.js FILE...
import fs from 'node:fs';
import yaml from 'js-yaml';

let records = 0;
for (const file of process.argv.slice(2)) {
  const doc = yaml.load(fs.readFileSync(file, 'utf8'), {
    schema: yaml.CORE_SCHEMA,
    filename: file,
  });
  for (const value of Object.values(doc ?? {})) if (Array.isArray(value)) records += value.length;
}
process.stdout.write(`${records} records\n`);
