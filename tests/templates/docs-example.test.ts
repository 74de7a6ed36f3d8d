/**
 * docs/templates.md stays true: its annotated example passes `templates check` (trial
 * render included) without a single diagnostic, its CI recipe is well-formed YAML, and
 * its table of label parameters is the one the check uses.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, test } from 'vitest';
import { checkTemplates } from '../../src/templates/check-templates.js';
import { LABEL_PARAMS } from '../../src/templates/label-keys.js';
import { REPO_ROOT } from '../helpers/temp-dossier.js';
import { removeTempDirs, tempDir } from './support.js';

afterAll(removeTempDirs);

const DOC = readFileSync(path.join(REPO_ROOT, 'docs/templates.md'), 'utf8');
const YAML_BLOCKS = [...DOC.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

describe('docs/templates.md', () => {
  test('the annotated example passes templates check, trial render included', async () => {
    const example = YAML_BLOCKS.find((b) => b.includes('courtfile_template: 1'));
    expect(example).toBeDefined();
    const dir = tempDir();
    writeFileSync(path.join(dir, 'nantes.yaml'), example ?? '');
    const report = await checkTemplates(['nantes.yaml'], { cwd: dir });
    expect(report.failures).toEqual([]);
    expect(report.diagnostics).toEqual([]);
    expect(report.checked).toEqual([expect.objectContaining({ name: 'referral-nantes' })]);
  });

  test('the CI recipe is a workflow running validate and templates check with --format github', () => {
    const workflow = YAML_BLOCKS.find((b) => b.includes('runs-on:'));
    const steps = (
      parse(workflow ?? '') as { jobs: { check: { steps: { run?: string }[] } } }
    ).jobs.check.steps.map((s) => s.run ?? '');
    expect(steps).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^npx courtfile validate --format github /),
        expect.stringMatching(/^npx courtfile templates check --format github /),
      ]),
    );
  });

  test('the table of label parameters is LABEL_PARAMS', () => {
    const documented = new Map<string, string>();
    for (const [, keys, params] of DOC.matchAll(
      /^\| ((?:`[a-z_.]+`(?:, )?)+) \| ((?:`[a-z_]+`(?:, )?)+) \|$/gm,
    ))
      for (const key of (keys ?? '').match(/[a-z_.]+/g) ?? [])
        documented.set(key, (params ?? '').match(/[a-z_]+/g)?.join(',') ?? '');
    for (const [key, params] of Object.entries(LABEL_PARAMS))
      expect(documented.get(key), key).toBe(params.join(','));
  });
});
