import { afterAll, describe, expect, it } from 'vitest';
import { SHAPE_FIXTURES } from '../helpers/fixtures/index.js';
import { baseWith } from '../helpers/base-dossier.js';
import { diagnosticsToCompare, runFixture } from '../helpers/run-fixture.js';
import { removeTempDirs } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

describe('unknown-key, required, invalid-type', () => {
  it.each(SHAPE_FIXTURES.map((f) => [f.name, f] as const))('%s', async (_, fixture) => {
    const run = await runFixture(fixture);
    expect(diagnosticsToCompare(fixture, run)).toMatchObject(run.expected);
  });
});

describe('unknown-key suggestions', () => {
  it.each([
    ['nmae', 'name', ['    name: Jean Test', '    nmae: Jean Test']],
    ['Role', 'role', ['    role: suspect', '    Role: suspect']],
    ['ammount', 'amount', ['    amount: 45.00', '    ammount: 45.00']],
  ] as const)('%s suggests %s', async (typo, suggestion, change) => {
    const run = await runFixture({
      name: typo,
      files: { 'dossier.yaml': baseWith(change) },
      expect: [],
    });
    const unknown = run.diagnostics.find((d) => d.code === 'unknown-key');
    expect(unknown?.message).toContain(`"${suggestion}"`);
  });

  it('suggests nothing for a key far from every known key', async () => {
    const change = ['    name: Jean Test', '    name: Jean Test\n    xyzzy: 1'] as const;
    const run = await runFixture({
      name: 'xyzzy',
      files: { 'dossier.yaml': baseWith(change) },
      expect: [],
    });
    expect(run.diagnostics).toMatchObject([{ code: 'unknown-key', path: ['persons', 0, 'xyzzy'] }]);
    expect(run.diagnostics[0]?.message).not.toMatch(/did you mean/i);
  });
});
