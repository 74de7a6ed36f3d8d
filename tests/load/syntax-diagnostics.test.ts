import { afterAll, describe, expect, it } from 'vitest';
import { SYNTAX_FIXTURES } from '../helpers/fixtures/index.js';
import { diagnosticsToCompare, runFixture } from '../helpers/run-fixture.js';
import { removeTempDirs } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

describe('yaml-syntax: one diagnostic at the offending spot', () => {
  it.each(SYNTAX_FIXTURES.map((f) => [f.name, f] as const))('%s', async (_, fixture) => {
    const run = await runFixture(fixture);
    expect(diagnosticsToCompare(fixture, run)).toMatchObject(run.expected);
  });
});
