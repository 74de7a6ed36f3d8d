#!/usr/bin/env node
// Baseline for `courtfile import` of a CSV: csv-parse (the field's streaming CSV parser,
// a devDependency used only here) parsing the same file into records (objects keyed by
// the header's column names), streaming, and nothing else: no mapping, no dates, no
// amounts, no accounts, no YAML, no check against the dossier.
//
//   node bench/baselines/csv-parse.js FILE.csv [DELIMITER]
import fs from 'node:fs';
import { parse } from 'csv-parse';

const [file, delimiter = ';'] = process.argv.slice(2);
let records = 0;
const parser = fs
  .createReadStream(file)
  .pipe(parse({ delimiter, columns: true, bom: true, info: true }));
for await (const record of parser) if (record.record) records++;
process.stdout.write(`${records} records\n`);
