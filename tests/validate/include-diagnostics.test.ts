import { afterAll, describe, expect, it } from 'vitest';
import { INCLUDE_FIXTURES } from '../helpers/fixtures/index.js';
import { diagnosticsToCompare, runFixture } from '../helpers/run-fixture.js';
import { removeTempDirs } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

describe('include, unused-evidence, path-outside', () => {
  it.each(INCLUDE_FIXTURES.map((f) => [f.name, f] as const))('%s', async (_, fixture) => {
    const run = await runFixture(fixture);
    expect(diagnosticsToCompare(fixture, run)).toMatchObject(run.expected);
  });
});
