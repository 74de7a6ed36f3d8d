import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/built-cli.js';
import { EXAMPLE_DIR, REPO_ROOT, writeDossier } from '../helpers/temp-dossier.js';

/**
 * Which YAML parsers a check loads, in a fresh process of the built program: the
 * plain-block reader reads a plain dossier alone, and the `yaml` package (the exact
 * parser, for placing findings) and js-yaml (the fallback) are loaded only when needed.
 * Loading `yaml` costs a command about 10 ms of its start on Node 20.
 */
function parsersLoadedBy(dossier: string): { yaml: boolean; jsYaml: boolean; findings: string[] } {
  const script = `
    import { createRequire } from 'node:module';
    import { checkDossier } from ${JSON.stringify(path.join(REPO_ROOT, 'dist/validate/check-dossier.js'))};
    const check = await checkDossier(${JSON.stringify(dossier)});
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    const has = (name) => loaded.some((file) => file.includes('/node_modules/' + name + '/'));
    process.stdout.write(JSON.stringify({
      yaml: has('yaml'),
      jsYaml: has('js-yaml'),
      findings: check.diagnostics.map((d) => d.code),
    }));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`the check failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { yaml: boolean; jsYaml: boolean; findings: string[] };
}

describe('YAML parsers loaded by a check', () => {
  beforeAll(ensureBuilt, 300_000);

  it('the example dossier is read by the plain-block reader alone', () => {
    const loaded = parsersLoadedBy(path.join(EXAMPLE_DIR, 'dossier.yaml'));
    expect(loaded).toEqual({ yaml: false, jsYaml: false, findings: [] });
  });

  it('a finding to place loads the exact parser; a flow mapping over lines, js-yaml', () => {
    // `{` spread over two lines: the plain-block reader gives up and js-yaml reads it;
    // the unknown key is then placed by the exact parser (yaml).
    const dir = writeDossier({
      'dossier.yaml': [
        '# FICTIONAL TEST DATA',
        'courtfile: 1',
        'case: {reference: "X-1",',
        '  title: "Fictional case"}',
        'colour: blue',
        '',
      ].join('\n'),
    });
    const loaded = parsersLoadedBy(path.join(dir, 'dossier.yaml'));
    expect(loaded.findings).toContain('unknown-key');
    expect(loaded.yaml).toBe(true);
    expect(loaded.jsYaml).toBe(true);
  });
});
