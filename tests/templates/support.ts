/**
 * Helpers for template tests: write template files into a temp folder, check them, and
 * find where a marker sits in a fixture (expected positions always come from the text).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { checkTemplate } from '../../src/templates/load-template.js';
import { REPO_ROOT, tempDir } from '../helpers/temp-dossier.js';
import type { Marker } from '../helpers/position.js';
import { positionOf } from '../helpers/position.js';

export { removeTempDirs, tempDir } from '../helpers/temp-dossier.js';

export const BUILTIN_REFERRAL = readFileSync(
  path.join(REPO_ROOT, 'templates/referral.yaml'),
  'utf8',
);

/** Write `files` (name → text) into a new temp folder; returns the folder. */
export function writeTemplates(files: Readonly<Record<string, string>>): string {
  const dir = tempDir('courtfile-tpl-');
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

/** A template that extends referral, with `body` as the rest of the file. */
export function child(body: string, name = 'custom'): string {
  return `courtfile_template: 1\nname: ${name}\nextends: referral\n${body}`;
}

/** Check one template text written as `name` in a temp folder (the folder is the cwd). */
export async function checkText(
  text: string,
  name = 'custom.yaml',
  others: Readonly<Record<string, string>> = {},
): Promise<{ diagnostics: readonly Diagnostic[]; file: string; dir: string }> {
  const dir = writeTemplates({ ...others, [name]: text });
  const { diagnostics } = await checkTemplate(name, { cwd: dir });
  return { diagnostics, file: name, dir };
}

/** Expect exactly one diagnostic with `code` at `marker` of `text` (in `file`), and return it. */
export function expectOneAt(
  diagnostics: readonly Diagnostic[],
  code: Diagnostic['code'],
  text: string,
  marker: Marker,
  file?: string,
): Diagnostic {
  const { line, column } = positionOf(text, marker);
  const found = diagnostics.filter(
    (d) => d.code === code && d.line === line && d.column === column && (!file || d.file === file),
  );
  expect(
    found,
    `${code} at ${line}:${column} in ${JSON.stringify(diagnostics, null, 1)}`,
  ).toHaveLength(1);
  return found[0] as Diagnostic;
}
