#!/usr/bin/env node
// Peer for `courtfile validate`: what a team would do without courtfile. Parse each file
// with js-yaml (core schema) and validate it with ajv (JSON Schema draft 2020-12, all
// errors) against courtfile's own exported schema (`courtfile schema`, and
// `courtfile schema --included` for included files). Schema compilation is counted, as
// in a one-shot CLI run (ajv-cli). No cross-record checks (ids, references, rates): it
// does less than courtfile, so courtfile being faster is a meaningful target.
//
//   node bench/baselines/ajv-validate.js ROOT_SCHEMA.json INCLUDED_SCHEMA.json ROOT.yaml [INCLUDED.yaml...]
import fs from 'node:fs';
import yaml from 'js-yaml';
import Ajv2020Module from 'ajv/dist/2020.js';

const Ajv2020 = /** @type {typeof import('ajv/dist/2020.js').default} */ (
  /** @type {any} */ (Ajv2020Module).default ?? Ajv2020Module
);
const [rootSchemaFile, includedSchemaFile, root, ...included] = process.argv.slice(2);
if (!root) {
  process.stderr.write('usage: ajv-validate.js ROOT_SCHEMA INCLUDED_SCHEMA ROOT [INCLUDED...]\n');
  process.exit(2);
}
const ajv = new Ajv2020({ allErrors: true, strict: false });
// ajv-formats is not installed: the two formats the schema uses, checked like ajv-formats' "fast" mode.
ajv.addFormat('date', /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/);
ajv.addFormat(
  'date-time',
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/i,
);
const validateRoot = ajv.compile(JSON.parse(fs.readFileSync(rootSchemaFile, 'utf8')));
const validateIncluded = ajv.compile(JSON.parse(fs.readFileSync(includedSchemaFile, 'utf8')));

let errors = 0;
for (const [file, validate] of [
  [root, validateRoot],
  ...included.map((f) => [f, validateIncluded]),
]) {
  const doc = yaml.load(fs.readFileSync(file, 'utf8'), {
    schema: yaml.CORE_SCHEMA,
    filename: file,
  });
  if (!validate(doc)) {
    errors += validate.errors?.length ?? 1;
    for (const e of (validate.errors ?? []).slice(0, 5))
      process.stderr.write(`${file}: ${e.instancePath} ${e.message}\n`);
  }
}
process.stdout.write(`${errors} errors\n`);
process.exitCode = errors > 0 ? 1 : 0;
