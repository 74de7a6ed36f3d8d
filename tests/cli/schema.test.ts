import { readFileSync } from 'node:fs';
import path from 'node:path';
// The named export: under NodeNext the default import of this CommonJS module is not typed as the class.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseFast } from '../../src/load/parse-fast.js';
import { fakeIO } from '../helpers/fake-io.js';
import { SHAPE_FIXTURES, VALID_FIXTURES } from '../helpers/fixtures/index.js';
import { ensureBuilt, runBin } from '../helpers/built-cli.js';
import { EXAMPLE_DIR, removeTempDirs, tempDir } from '../helpers/temp-dossier.js';

beforeAll(ensureBuilt, 180_000);
afterAll(removeTempDirs);

async function schemaOutput(argv: string[] = []): Promise<Record<string, unknown>> {
  const fake = fakeIO();
  expect(await main(['schema', ...argv], fake.io)).toBe(0);
  return JSON.parse(fake.out()) as Record<string, unknown>;
}

function yamlValue(text: string): unknown {
  const parsed = parseFast(text, 'test.yaml');
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return parsed.value;
}

const exampleRoot = () =>
  yamlValue(readFileSync(path.join(EXAMPLE_DIR, 'dossier.yaml'), 'utf8')) as Record<
    string,
    unknown
  >;

function omit(record: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = record;
  return rest;
}

describe('courtfile schema', () => {
  it('prints a draft 2020-12 JSON Schema', async () => {
    const schema = await schemaOutput();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
  });

  describe('with ajv', () => {
    let validate: ReturnType<InstanceType<typeof Ajv2020>['compile']>;
    beforeAll(async () => {
      validate = new Ajv2020({
        strict: true,
        allowUnionTypes: true,
        validateFormats: false,
      }).compile(await schemaOutput());
    });

    it('accepts the example root file', () => {
      expect(validate(exampleRoot()), JSON.stringify(validate.errors)).toBe(true);
    });

    it('rejects it with an unknown key, at the top or in a record', () => {
      expect(validate({ ...exampleRoot(), comment: 'x' })).toBe(false);
      const root = exampleRoot();
      const persons = root.persons as Record<string, unknown>[];
      expect(
        validate({ ...root, persons: [{ ...persons[0], nmae: 'x' }, ...persons.slice(1)] }),
      ).toBe(false);
    });

    it.each(VALID_FIXTURES.map((f) => [f.name, f] as const))(
      'accepts the valid fixture: %s',
      (_, f) => {
        expect(
          validate(yamlValue(f.files['dossier.yaml'] as string)),
          JSON.stringify(validate.errors),
        ).toBe(true);
      },
    );

    it.each(SHAPE_FIXTURES.map((f) => [f.name, f] as const))(
      'rejects the shape fixture: %s',
      (_, f) => {
        expect(validate(yamlValue(f.files['dossier.yaml'] as string))).toBe(false);
      },
    );

    // Review of session 34: these passed the schema while validate refused them.
    it("states decimals > 0 as written, a victim's pseudonym and anyone else's name", () => {
      const root = exampleRoot();
      const included = yamlValue(readFileSync(path.join(EXAMPLE_DIR, 'transfers.yaml'), 'utf8'));
      const transfers = (included as { transfers: Record<string, unknown>[] }).transfers;
      const persons = root.persons as Record<string, unknown>[];
      const withAmount = (amount: unknown) => ({
        ...root,
        transfers: [{ ...transfers[0], amount }, ...transfers.slice(1)],
      });
      for (const amount of [0, -5, '0', '0.00', '10,00', '-5', '1e3', '.5', '5.', 'x'])
        expect(validate(withAmount(amount)), String(amount)).toBe(false);
      for (const amount of [0.1, 120, '0.10', '120', '1064.89', '0.001'])
        expect(validate(withAmount(amount)), String(amount)).toBe(true);
      const victim = persons.findIndex((p) => p.role === 'victim');
      const suspect = persons.findIndex((p) => p.role === 'suspect');
      const without = (i: number, key: string) => ({
        ...root,
        persons: persons.map((p, k) => (k === i ? omit(p, key) : p)),
      });
      expect(validate(without(victim, 'pseudonym'))).toBe(false);
      expect(validate(without(suspect, 'name'))).toBe(false);
      expect(validate(without(victim, 'name')), JSON.stringify(validate.errors)).toBe(true);
    });
  });

  it('--included: the schema of an included file accepts the example includes', async () => {
    const validate = new Ajv2020({
      strict: true,
      allowUnionTypes: true,
      validateFormats: false,
    }).compile(await schemaOutput(['--included']));
    for (const name of ['transfers.yaml', 'exchanges.yaml']) {
      expect(validate(yamlValue(readFileSync(path.join(EXAMPLE_DIR, name), 'utf8'))), name).toBe(
        true,
      );
    }
    expect(validate({ courtfile: 1 })).toBe(false);
  });

  it('-o FILE writes the same document', async () => {
    const dir = tempDir();
    const fake = fakeIO({ cwd: dir });
    expect(await main(['schema', '-o', 'schema.json'], fake.io)).toBe(0);
    expect(fake.out()).toBe('');
    expect(JSON.parse(readFileSync(path.join(dir, 'schema.json'), 'utf8'))).toEqual(
      await schemaOutput(),
    );
  });

  it('the built binary prints the same schema, exit 0', async () => {
    const r = runBin(['schema']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(await schemaOutput());
  });

  it('-o into a folder that does not exist: exit 2', () => {
    const r = runBin(['schema', '-o', path.join(tempDir(), 'no/such/dir/schema.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toBe('');
  });
});
