import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { failureLines, main } from '../../src/cli/main.js';
import { fileUri } from '../../src/diagnostics/sarif.js';
import { baseWith } from '../helpers/base-dossier.js';
import { fakeIO } from '../helpers/fake-io.js';
import { removeTempDirs, tempDir, writeDossier } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string };
      region: { startLine: number; startColumn: number };
    };
  }[];
}
interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string }[] } };
    invocations?: {
      executionSuccessful: boolean;
      toolExecutionNotifications: { level: string; message: { text: string } }[];
    }[];
    results: SarifResult[];
  }[];
}

async function run(argv: string[], cwd: string) {
  const fake = fakeIO({ cwd });
  const status = await main(argv, fake.io);
  return { status, log: JSON.parse(fake.out()) as SarifLog, err: fake.err() };
}

/** The essentials of each result: code, level, file URI, line, column. */
const brief = (log: SarifLog) =>
  log.runs[0]!.results.map((r) => ({
    ruleId: r.ruleId,
    level: r.level,
    uri: r.locations[0]!.physicalLocation.artifactLocation.uri,
    line: r.locations[0]!.physicalLocation.region.startLine,
    column: r.locations[0]!.physicalLocation.region.startColumn,
  }));

describe('--format sarif', () => {
  it('validate: one SARIF 2.1.0 run, a rule per code used, files relative to the working folder', async () => {
    const cwd = tempDir();
    mkdirSync(path.join(cwd, 'case a'));
    writeDossier(
      {
        'dossier.yaml': baseWith(
          ['courtfile: 1\n', 'courtfile: 1\ninclude: [sub/more.yaml]\n'],
          ['role: suspect', 'role: suspekt'],
        ),
        'sub/more.yaml': 'rates:\n  - { currency: USD, date: 2018-02-30, rate: 1 }\n',
      },
      path.join(cwd, 'case a'),
    );
    const r = await run(['validate', 'case a/dossier.yaml', '--format', 'sarif'], cwd);
    expect(r.status).toBe(1);
    expect(r.log.version).toBe('2.1.0');
    const driver = r.log.runs[0]!.tool.driver;
    expect(driver.name).toBe('courtfile');
    expect(driver.rules.map((x) => x.id)).toEqual(['invalid-value']);
    expect(brief(r.log)).toEqual([
      {
        ruleId: 'invalid-value',
        level: 'error',
        uri: 'case%20a/dossier.yaml',
        line: 13,
        column: 11,
      },
      {
        ruleId: 'invalid-value',
        level: 'error',
        uri: 'case%20a/sub/more.yaml',
        line: 2,
        column: 28,
      },
    ]);
    for (const res of r.log.runs[0]!.results) {
      expect(driver.rules[res.ruleIndex]!.id).toBe(res.ruleId);
      expect(res.message.text.length).toBeGreaterThan(0);
    }
  });

  it('an absolute path on the command line still gives URIs relative to the working folder', async () => {
    const cwd = tempDir();
    const dir = writeDossier(
      {
        'dossier.yaml': baseWith(['courtfile: 1\n', 'courtfile: 1\ninclude: [more.yaml]\n']),
        'more.yaml': 'rates:\n  - { currency: USD, date: 2018-02-30, rate: 1 }\n',
      },
      path.join(cwd, 'far', 'case'),
    );
    const root = path.join(dir, 'dossier.yaml');
    const work = path.join(cwd, 'work');
    mkdirSync(work);
    const v = await run(['validate', root, '--format', 'sarif'], work);
    expect(v.status).toBe(1);
    expect(brief(v.log).map((x) => [x.uri, x.line])).toEqual([['../far/case/more.yaml', 2]]);
    const t = path.join(cwd, 'bad.yaml');
    writeFileSync(t, 'courtfile-template: 1\nnmae: x\n');
    const c = await run(['templates', 'check', t, '--format', 'sarif', '--no-render'], work);
    expect(c.status).toBe(1);
    expect(new Set(brief(c.log).map((x) => x.uri))).toEqual(new Set(['../bad.yaml']));
    const missing = writeDossier(
      {
        'dossier.yaml': baseWith([
          '    obtained: 2019-02-01\n',
          `    obtained: 2019-02-01\n    files:\n      - { path: missing.pdf, sha256: "${'a'.repeat(64)}" }\n`,
        ]),
      },
      path.join(cwd, 'far', 'case2'),
    );
    const f = await run(['verify', path.join(missing, 'dossier.yaml'), '--format', 'sarif'], work);
    expect(brief(f.log).map((x) => [x.ruleId, x.uri])).toEqual([
      ['file-missing', '../far/case2/dossier.yaml'],
    ]);
  });

  it('validate: a valid dossier gives a log with no results (and exit 0)', async () => {
    const dir = writeDossier({ 'dossier.yaml': baseWith() });
    const r = await run(['validate', 'dossier.yaml', '--format', 'sarif'], dir);
    expect(r.status).toBe(0);
    expect(r.log.runs[0]!.results).toEqual([]);
    expect(r.log.runs[0]!.tool.driver.rules).toEqual([]);
  });

  it('verify: warnings are level warning, located in the root file', async () => {
    const dir = writeDossier({
      'dossier.yaml': baseWith([
        '    obtained: 2019-02-01\n',
        '    obtained: 2019-02-01\n    files:\n      - { path: missing.pdf, sha256: "' +
          'a'.repeat(64) +
          '" }\n',
      ]),
    });
    const r = await run(['verify', 'dossier.yaml', '--format', 'sarif'], dir);
    expect(r.status).toBe(1);
    expect(brief(r.log)).toEqual([
      expect.objectContaining({ ruleId: 'file-missing', level: 'error', uri: 'dossier.yaml' }),
    ]);
  });

  it('templates check: a bad template file is a result at its line', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'bad.yaml'), 'courtfile-template: 1\nnmae: x\n');
    const r = await run(
      ['templates', 'check', 'bad.yaml', '--format', 'sarif', '--no-render'],
      dir,
    );
    expect(r.status).toBe(1);
    const results = brief(r.log);
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((x) => x.uri === 'bad.yaml' && x.level === 'error')).toBe(true);
  });

  // Reported by an audit: a command that could not do its job (exit 2) printed nothing on
  // stdout with --format sarif, and a pipeline uploading the log got an empty file.
  it('exit 2: still one log, whose invocation did not succeed and says why', async () => {
    const dir = writeDossier({ 'dossier.yaml': baseWith() });
    const cases: [string[], RegExp][] = [
      [['validate', 'missing.yaml', '--format', 'sarif'], /^cannot read missing\.yaml: /],
      [['verify', '--format=sarif', 'missing.yaml'], /^cannot read missing\.yaml: /],
      [['import', 'x.csv', '--format', 'sarif'], /^import needs --dossier/],
      [['templates', 'check', 'nope.yaml', '--format', 'sarif'], /^cannot read template /],
      [['validate', '--format', 'sarif', '--no-such-option', 'dossier.yaml'], /--no-such-option/],
    ];
    for (const [argv, why] of cases) {
      const r = await run(argv, dir);
      expect(r.status, argv.join(' ')).toBe(2);
      expect(r.log.version).toBe('2.1.0');
      expect(r.log.runs[0]!.results).toEqual([]);
      const [invocation] = r.log.runs[0]!.invocations ?? [];
      expect(invocation?.executionSuccessful, argv.join(' ')).toBe(false);
      expect(invocation?.toolExecutionNotifications.map((n) => n.level)).toEqual(['error']);
      expect(invocation?.toolExecutionNotifications[0]!.message.text).toMatch(why);
    }
    // One dossier read, one not: the readable one's results, and the other's failure.
    const both = await run(['validate', 'dossier.yaml', 'missing.yaml', '--format', 'sarif'], dir);
    expect(both.status).toBe(2);
    expect(both.log.runs[0]!.invocations?.[0]?.toolExecutionNotifications).toEqual([
      { level: 'error', message: { text: expect.stringMatching(/^cannot read missing\.yaml/) } },
    ]);
    // A run that did its job has no invocation: the log is as it always was.
    const ok = await run(['validate', 'dossier.yaml', '--format', 'sarif'], dir);
    expect(ok.status).toBe(0);
    expect(ok.log.runs[0]!.invocations).toBeUndefined();
  });

  it('--format json, exit 2: one document too, the reasons in failures', async () => {
    const dir = writeDossier({ 'dossier.yaml': baseWith() });
    for (const argv of [
      ['validate', 'missing.yaml', '--format', 'json'],
      ['verify', 'missing.yaml', '--format', 'json'],
      ['import', 'x.csv', '--format', 'json'],
    ]) {
      const fake = fakeIO({ cwd: dir });
      expect(await main(argv, fake.io), argv.join(' ')).toBe(2);
      const doc = JSON.parse(fake.out()) as { errors: number; failures?: string[] };
      expect(doc.errors).toBe(0);
      expect(doc.failures, argv.join(' ')).toEqual([
        expect.stringMatching(/missing\.yaml|--dossier/),
      ]);
      // verify's document keeps its key: null, no file checked (docs/verify.md).
      if (argv[0] === 'verify') expect(doc).toHaveProperty('verify', null);
      else expect(doc).not.toHaveProperty('verify');
    }
    const ok = fakeIO({ cwd: dir });
    expect(await main(['validate', 'dossier.yaml', '--format', 'json'], ok.io)).toBe(0);
    expect(JSON.parse(ok.out())).not.toHaveProperty('failures');
  });

  it('only for the commands that take --format', async () => {
    const dir = writeDossier({ 'dossier.yaml': baseWith() });
    // render has no --format: commander's error, and nothing on stdout (a PDF goes there).
    const render = fakeIO({ cwd: dir });
    expect(await main(['render', 'dossier.yaml', '-o', '-', '--format', 'json'], render.io)).toBe(
      2,
    );
    expect(render.out()).toBe('');
  });

  it('failures: the reasons as stderr gave them, without terminal escapes, warnings or notes', () => {
    expect(
      failureLines(
        [
          '\rchecking records\x1b[K',
          '\r\x1b[K',
          'courtfile: warning: the signing key k is open to other users\n',
          'courtfile: cannot write the packet p: directory not empty\n',
        ],
        2,
      ),
    ).toEqual(['cannot write the packet p: directory not empty']);
    expect(failureLines(['(run with --help for usage)\n'], 2)).toEqual([
      'courtfile ended with exit status 2',
    ]);
  });

  it('file URIs: segments percent-encoded, backslashes become slashes, absolute paths made relative', () => {
    expect(fileUri('a b/c#d.yaml')).toBe('a%20b/c%23d.yaml');
    expect(fileUri('sub\\x.yaml')).toBe('sub/x.yaml');
    expect(fileUri('/tmp/x y.yaml', '/tmp')).toBe('x%20y.yaml');
    expect(fileUri('/tmp/x y.yaml', '/work/a')).toBe('../../tmp/x%20y.yaml');
    expect(fileUri('/tmp/d/x.yaml', '/tmp/d/sub')).toBe('../x.yaml');
  });
});
