import { afterAll, describe, expect, it } from 'vitest';
import { RULE_FIXTURES, VALID_FIXTURES } from '../helpers/fixtures/index.js';
import { diagnosticsToCompare, runFixture } from '../helpers/run-fixture.js';
import { removeTempDirs } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

describe('cross-record rules', () => {
  it.each(RULE_FIXTURES.map((f) => [f.name, f] as const))('%s', async (_, fixture) => {
    const run = await runFixture(fixture);
    expect(diagnosticsToCompare(fixture, run)).toMatchObject(run.expected);
  });
});

describe('near misses of the rules are valid (0 errors, 0 warnings)', () => {
  it.each(VALID_FIXTURES.map((f) => [f.name, f] as const))('%s', async (_, fixture) => {
    const run = await runFixture(fixture);
    expect(run.diagnostics).toEqual([]);
  });
});
