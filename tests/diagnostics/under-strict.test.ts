import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import {
  countDiagnostics,
  countsUnderStrict,
  underStrict,
} from '../../src/diagnostics/diagnostic.js';
import { formatDiagnostics } from '../../src/diagnostics/format.js';

const at = (line: number, severity: Diagnostic['severity'], code: Diagnostic['code']) =>
  ({
    code,
    severity,
    file: 'dossier.yaml',
    line,
    column: 3,
    message: `message ${line}`,
    path: ['evidence', line],
  }) satisfies Diagnostic;

const mixed: readonly Diagnostic[] = [
  at(1, 'error', 'required'),
  at(2, 'warning', 'unused-evidence'),
  at(3, 'warning', 'missing-glyph'),
];

describe('underStrict', () => {
  it('without strict: the same array, warnings stay warnings', () => {
    expect(underStrict(mixed, false)).toBe(mixed);
    expect(underStrict(mixed, undefined)).toBe(mixed);
  });

  it('with strict: every warning an error, code, place and message unchanged, input untouched', () => {
    const strict = underStrict(mixed, true);
    expect(strict).toEqual(mixed.map((d) => ({ ...d, severity: 'error' })));
    expect(strict[0]).toBe(mixed[0]);
    expect(mixed.map((d) => d.severity)).toEqual(['error', 'warning', 'warning']);
    expect(countDiagnostics(strict)).toEqual({ errors: 3, warnings: 0 });
  });

  it('with strict and no warning: the same array', () => {
    const errors = [at(1, 'error', 'required')];
    expect(underStrict(errors, true)).toBe(errors);
    expect(underStrict([], true)).toEqual([]);
  });

  it('every format then says error', () => {
    const strict = underStrict(mixed, true);
    const text = formatDiagnostics('text', strict, { color: false });
    expect(text).not.toContain('warning:');
    expect(text.trimEnd().split('\n').at(-1)).toBe('3 errors, 0 warnings');
    const json = JSON.parse(formatDiagnostics('json', strict, { color: false })) as {
      errors: number;
      warnings: number;
      diagnostics: { severity: string }[];
    };
    expect([json.errors, json.warnings]).toEqual([3, 0]);
    expect(json.diagnostics.every((d) => d.severity === 'error')).toBe(true);
    expect(formatDiagnostics('github', strict, { color: false })).not.toContain('::warning');
    const sarif = JSON.parse(formatDiagnostics('sarif', strict, { color: false })) as {
      runs: { results: { level: string }[] }[];
    };
    expect(sarif.runs[0]!.results.map((r) => r.level)).toEqual(['error', 'error', 'error']);
  });
});

describe('countsUnderStrict', () => {
  it('adds the warnings to the errors with strict, keeps other members', () => {
    const counts = { file: 'a.yaml', errors: 1, warnings: 2 };
    expect(countsUnderStrict(counts, true)).toEqual({ file: 'a.yaml', errors: 3, warnings: 0 });
    expect(countsUnderStrict(counts, false)).toBe(counts);
    const none = { errors: 1, warnings: 0 };
    expect(countsUnderStrict(none, true)).toBe(none);
  });
});
