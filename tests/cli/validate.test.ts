import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { baseWith } from '../helpers/base-dossier.js';
import { fakeIO } from '../helpers/fake-io.js';
import { positionOf } from '../helpers/position.js';
import {
  EXAMPLE_DIR,
  copyExample,
  mutate,
  removeTempDirs,
  writeDossier,
} from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

const TEXT_LINE =
  /^(?<file>[^:]+):(?<line>\d+):(?<column>\d+): (?<severity>error|warning): .+ \[(?<code>[a-z-]+)\]$/;
const COUNT_LINE = /^(\d+) errors?, (\d+) warnings?$/;
const GITHUB_LINE = /^::(error|warning) file=([^,]+),line=(\d+),col=(\d+),title=([a-z-]+)::.+$/;
// eslint-disable-next-line no-control-regex -- looking for ANSI escapes is the point
const ESC = /\x1b/;
// eslint-disable-next-line no-control-regex -- stripping ANSI escapes is the point
const ANSI_SGR = /\x1b\[\d+m/g;

/** A dossier with two errors (root and include) and a warning. */
const ROOT = baseWith(
  ['courtfile: 1\n', 'courtfile: 1\ninclude: [more.yaml]\n'],
  ['role: suspect', 'role: suspekt'],
  [
    'transfers:\n',
    '  - id: E2\n    title: T\n    kind: document\n    source: S\n    obtained: 2019-02-01\ntransfers:\n',
  ],
);
const MORE = 'rates:\n  - { currency: USD, date: 2018-02-30, rate: 1 }\n';
const files = { 'dossier.yaml': ROOT, 'more.yaml': MORE };

async function run(argv: string[], options: Parameters<typeof fakeIO>[0] = {}) {
  const fake = fakeIO(options);
  const status = await main(argv, fake.io);
  return { status, out: fake.out(), err: fake.err() };
}

describe('validate (in-process)', () => {
  it('the example is valid: exit 0, a single count line', async () => {
    const r = await run(['validate', 'dossier.yaml'], { cwd: EXAMPLE_DIR });
    expect(r).toMatchObject({ status: 0, out: '0 errors, 0 warnings\n', err: '' });
  });

  it('text: one compiler-style line per diagnostic, then the counts', async () => {
    const r = await run(['validate', 'dossier.yaml'], { cwd: writeDossier(files) });
    expect(r.status).toBe(1);
    const lines = r.out.trimEnd().split('\n');
    const parsed = lines.slice(0, -1).map((l) => TEXT_LINE.exec(l)?.groups);
    expect(parsed).toEqual([
      {
        file: 'dossier.yaml',
        severity: 'error',
        code: 'invalid-value',
        ...strings(positionOf(ROOT, 'suspekt')),
      },
      {
        file: 'dossier.yaml',
        severity: 'warning',
        code: 'unused-evidence',
        ...strings(positionOf(ROOT, 'E2')),
      },
      {
        file: 'more.yaml',
        severity: 'error',
        code: 'invalid-value',
        ...strings(positionOf(MORE, '2018-02-30')),
      },
    ]);
    expect(lines.at(-1)).toMatch(COUNT_LINE);
    expect(lines.at(-1)).toBe('2 errors, 1 warning');
  });

  it('text output shape (messages elided)', async () => {
    const r = await run(['validate', 'dossier.yaml'], { cwd: writeDossier(files) });
    expect(r.out.replace(/: (error|warning): .+ \[/g, ': $1: … [')).toMatchInlineSnapshot(`
      "dossier.yaml:13:11: error: … [invalid-value]
      dossier.yaml:42:9: warning: … [unused-evidence]
      more.yaml:2:28: error: … [invalid-value]
      2 errors, 1 warning
      "
    `);
  });

  it('json: one document with counts and located diagnostics', async () => {
    const r = await run(['validate', '--format', 'json', 'dossier.yaml'], {
      cwd: writeDossier(files),
    });
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.out) as { errors: number; warnings: number; diagnostics: unknown[] };
    expect(doc).toMatchObject({ errors: 2, warnings: 1 });
    expect(doc.diagnostics).toHaveLength(3);
    for (const d of doc.diagnostics) {
      expect(d).toEqual({
        file: expect.any(String),
        line: expect.any(Number),
        column: expect.any(Number),
        severity: expect.stringMatching(/^(error|warning)$/),
        code: expect.any(String),
        message: expect.any(String),
        path: expect.any(Array),
      });
    }
    expect(doc.diagnostics[2]).toMatchObject({
      file: 'more.yaml',
      path: ['rates', 0, 'date'],
      ...positionOf(MORE, '2018-02-30'),
    });
  });

  it('github: one workflow command per diagnostic', async () => {
    const r = await run(['validate', '--format', 'github', 'dossier.yaml'], {
      cwd: writeDossier(files),
    });
    expect(r.status).toBe(1);
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l).toMatch(GITHUB_LINE);
    const { line, column } = positionOf(MORE, '2018-02-30');
    expect(lines[2]).toMatch(
      new RegExp(`^::error file=more\\.yaml,line=${line},col=${column},title=invalid-value::`),
    );
  });

  it('github and text print every diagnostic, one line each (1,101 of them)', async () => {
    // 1,100 rates with an impossible date: 1,100 errors.
    const many = `rates:\n${'  - { currency: USD, date: 2018-02-30, rate: 1 }\n'.repeat(1100)}`;
    const cwd = writeDossier({ 'dossier.yaml': ROOT, 'more.yaml': many });
    const github = await run(['validate', '--format', 'github', 'dossier.yaml'], { cwd });
    const lines = github.out.trimEnd().split('\n');
    expect(lines).toHaveLength(1102);
    for (const l of lines) expect(l).toMatch(GITHUB_LINE);
    expect(lines[1101]).toMatch(/^::error file=more\.yaml,line=1101,col=\d+,title=invalid-value::/);
    const text = await run(['validate', 'dossier.yaml'], { cwd });
    const textLines = text.out.trimEnd().split('\n');
    expect(textLines).toHaveLength(1103);
    for (const l of textLines.slice(0, 1102)) expect(l).toMatch(TEXT_LINE);
    expect(textLines[1101]).toMatch(/^more\.yaml:1101:\d+: error: .* \[invalid-value\]$/);
    expect(textLines[1102]).toBe('1101 errors, 1 warning');
  });

  describe('colour only on a terminal, never with NO_COLOR', () => {
    const cases: [string, { isTTY: boolean; env: Record<string, string> }, boolean][] = [
      ['terminal', { isTTY: true, env: {} }, true],
      ['terminal, NO_COLOR=1', { isTTY: true, env: { NO_COLOR: '1' } }, false],
      ['terminal, NO_COLOR empty', { isTTY: true, env: { NO_COLOR: '' } }, false],
      [
        'terminal, NO_COLOR and FORCE_COLOR',
        { isTTY: true, env: { NO_COLOR: '1', FORCE_COLOR: '1' } },
        false,
      ],
      ['terminal, FORCE_COLOR=0', { isTTY: true, env: { FORCE_COLOR: '0' } }, false],
      ['pipe', { isTTY: false, env: {} }, false],
      ['pipe, FORCE_COLOR=1', { isTTY: false, env: { FORCE_COLOR: '1' } }, false],
    ];
    it.each(cases)('%s', async (_, options, coloured) => {
      const r = await run(['validate', 'dossier.yaml'], { cwd: writeDossier(files), ...options });
      expect(ESC.test(r.out)).toBe(coloured);
      // Without the escapes, the lines are the same as without colour.
      const plain = r.out.replace(ANSI_SGR, '').trimEnd().split('\n');
      for (const l of plain.slice(0, -1)) expect(l).toMatch(TEXT_LINE);
    });
    it.each(['json', 'github'])('%s is never coloured, even on a terminal', async (format) => {
      const r = await run(['validate', '--format', format, 'dossier.yaml'], {
        cwd: writeDossier(files),
        isTTY: true,
      });
      expect(r.out).not.toMatch(ESC);
    });
  });

  describe('--strict: a warning is an error, in every format', () => {
    const WARNED = baseWith(['nature: delit', 'nature: crime']);
    const at = positionOf(WARNED, 'crime');

    it('text: exit 1, `error:` and the count line', async () => {
      const cwd = writeDossier({ 'dossier.yaml': WARNED });
      const lax = await run(['validate', 'dossier.yaml'], { cwd });
      expect(lax.status).toBe(0);
      expect(lax.out).toMatch(/: warning: .* \[jurisdiction\]\n0 errors, 1 warning\n$/);
      const strict = await run(['validate', '--strict', 'dossier.yaml'], { cwd });
      expect(strict.status).toBe(1);
      const lines = strict.out.trimEnd().split('\n');
      expect(lines.map((l) => TEXT_LINE.exec(l)?.groups)).toEqual([
        { file: 'dossier.yaml', severity: 'error', code: 'jurisdiction', ...strings(at) },
        undefined,
      ]);
      expect(lines.at(-1)).toBe('1 error, 0 warnings');
    });

    it('json: severity error, counted among the errors, also per dossier', async () => {
      const cwd = writeDossier({ 'dossier.yaml': WARNED });
      const r = await run(['validate', '--strict', '--format', 'json', 'dossier.yaml'], { cwd });
      expect(r.status).toBe(1);
      const doc = JSON.parse(r.out) as {
        errors: number;
        warnings: number;
        diagnostics: { severity: string; code: string }[];
        dossiers: { file: string; errors: number; warnings: number }[];
      };
      expect(doc.errors).toBe(1);
      expect(doc.warnings).toBe(0);
      expect(doc.diagnostics.map((d) => [d.severity, d.code])).toEqual([['error', 'jurisdiction']]);
      expect(doc.dossiers).toMatchObject([{ file: 'dossier.yaml', errors: 1, warnings: 0 }]);
      // Without --strict, the same document says warning.
      const lax = JSON.parse(
        (await run(['validate', '--format', 'json', 'dossier.yaml'], { cwd })).out,
      ) as typeof doc;
      expect([lax.errors, lax.warnings, lax.diagnostics[0]!.severity]).toEqual([0, 1, 'warning']);
      expect(lax.dossiers).toMatchObject([{ errors: 0, warnings: 1 }]);
    });

    it('json, several dossiers: each one counts its own warnings as errors', async () => {
      const a = writeDossier({ 'dossier.yaml': WARNED });
      const b = writeDossier(files);
      const r = await run([
        'validate',
        '--strict',
        '--format',
        'json',
        path.join(a, 'dossier.yaml'),
        path.join(b, 'dossier.yaml'),
      ]);
      expect(r.status).toBe(1);
      const doc = JSON.parse(r.out) as {
        errors: number;
        warnings: number;
        diagnostics: { severity: string }[];
        dossiers: { errors: number; warnings: number }[];
      };
      // The second dossier: two errors and a warning (see ROOT).
      expect(doc.dossiers.map((d) => [d.errors, d.warnings])).toEqual([
        [1, 0],
        [3, 0],
      ]);
      expect([doc.errors, doc.warnings]).toEqual([4, 0]);
      expect(new Set(doc.diagnostics.map((d) => d.severity))).toEqual(new Set(['error']));
    });

    it('github: ::error', async () => {
      const cwd = writeDossier({ 'dossier.yaml': WARNED });
      const r = await run(['validate', '--strict', '--format', 'github', 'dossier.yaml'], { cwd });
      expect(r.status).toBe(1);
      const lines = r.out.trimEnd().split('\n');
      expect(lines.map((l) => GITHUB_LINE.exec(l)?.slice(1))).toEqual([
        ['error', 'dossier.yaml', String(at.line), String(at.column), 'jurisdiction'],
      ]);
    });

    it('sarif: level error', async () => {
      const cwd = writeDossier({ 'dossier.yaml': WARNED });
      const r = await run(['validate', '--strict', '--format', 'sarif', 'dossier.yaml'], { cwd });
      expect(r.status).toBe(1);
      const log = JSON.parse(r.out) as {
        runs: {
          tool: { driver: { rules: { id: string; defaultConfiguration?: unknown }[] } };
          results: { ruleId: string; level: string }[];
        }[];
      };
      const run0 = log.runs[0]!;
      expect(run0.results.map((x) => [x.ruleId, x.level])).toEqual([['jurisdiction', 'error']]);
      // No rule declares a default level that would say otherwise.
      expect(run0.tool.driver.rules.map((x) => [x.id, x.defaultConfiguration])).toEqual([
        ['jurisdiction', undefined],
      ]);
    });
  });

  it('several dossiers: one invalid gives exit 1, and all are reported', async () => {
    const a = copyExample();
    const b = copyExample();
    mutate(path.join(b, 'transfers.yaml'), 'amount: 120\n', 'amount: 120.001\n');
    const c = writeDossier({ 'dossier.yaml': baseWith(['nature: delit', 'nature: crime']) });
    const r = await run([
      'validate',
      path.join(a, 'dossier.yaml'),
      path.join(b, 'dossier.yaml'),
      path.join(c, 'dossier.yaml'),
    ]);
    expect(r.status).toBe(1);
    const diagnostics = r.out.split('\n').filter((l) => TEXT_LINE.test(l));
    expect(diagnostics).toEqual([
      expect.stringMatching(/transfers\.yaml:\d+:\d+: error: .*\[amount-precision\]$/),
      expect.stringContaining('[jurisdiction]'),
    ]);
    expect(r.out).toMatch(/^1 error, 1 warning$/m);
  });

  it.each([
    ['a missing file', ['validate', 'nope.yaml']],
    ['a directory', ['validate', '.']],
    ['an unknown option', ['validate', '--bogus', 'dossier.yaml']],
    ['an unknown format', ['validate', '--format', 'xml', 'dossier.yaml']],
    ['an unknown command', ['frobnicate']],
    ['no file', ['validate']],
    ['no arguments', []],
  ])('%s: exit 2 with a message on stderr', async (_, argv) => {
    const r = await run(argv, { cwd: EXAMPLE_DIR });
    expect(r.status).toBe(2);
    expect(r.err).not.toBe('');
  });

  it('a missing file among valid ones: the others are still checked, exit 2', async () => {
    const r = await run(['validate', 'nope.yaml', 'dossier.yaml'], { cwd: EXAMPLE_DIR });
    expect(r.status).toBe(2);
    expect(r.err).toContain('nope.yaml');
    expect(r.out).toContain('0 errors, 0 warnings');
  });
});

function strings(p: { line: number; column: number }): { line: string; column: string } {
  return { line: String(p.line), column: String(p.column) };
}
