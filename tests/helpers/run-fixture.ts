import path from 'node:path';
import { readFileSync } from 'node:fs';
import type { Code, Severity } from '../../src/diagnostics/codes.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { PathSegment } from '../../src/model/dossier.js';
import { checkDossier } from '../../src/validate/check-dossier.js';
import type { Marker } from './position.js';
import { positionOf } from './position.js';
import type { DossierFiles } from './temp-dossier.js';
import { writeDossier } from './temp-dossier.js';

/** One diagnostic a fixture must produce: where is given by a marker in the file's text. */
export interface ExpectedDiagnostic {
  readonly code: Code;
  readonly at: Marker;
  /** Default: the root, `dossier.yaml`. */
  readonly file?: string;
  /** Default: `error`. */
  readonly severity?: Severity;
  readonly path?: readonly PathSegment[];
}

/** A small dossier (files written into a temp folder) and every diagnostic it must give. */
export interface Fixture {
  readonly name: string;
  readonly files: DossierFiles;
  readonly expect: readonly ExpectedDiagnostic[];
  /**
   * The YAML parser may add follow-on yaml-syntax diagnostics after the first one (it
   * keeps parsing after a structural error); only the first is then checked exactly.
   */
  readonly cascade?: boolean;
  /** Extra setup in the folder before checking (symbolic links...). */
  readonly setup?: (dir: string) => void;
}

export interface FixtureRun {
  readonly dir: string;
  readonly diagnostics: readonly Diagnostic[];
  /** The expected diagnostics with line/column resolved, in the checker's sort order. */
  readonly expected: readonly Record<string, unknown>[];
}

/** Write the fixture, check `dossier.yaml`, and resolve the expected positions. */
export async function runFixture(fixture: Fixture): Promise<FixtureRun> {
  const dir = writeDossier(fixture.files);
  fixture.setup?.(dir);
  const result = await checkDossier('dossier.yaml', { cwd: dir });
  const order = result.files;
  const expected = fixture.expect
    .map((e) => {
      const file = e.file ?? 'dossier.yaml';
      const text = decoded(dir, file);
      const { line, column } = positionOf(text, e.at);
      return {
        code: e.code,
        file,
        line,
        column,
        severity: e.severity ?? 'error',
        ...(e.path ? { path: e.path } : {}),
      };
    })
    .sort(
      (a, b) =>
        order.indexOf(a.file) - order.indexOf(b.file) ||
        a.line - b.line ||
        a.column - b.column ||
        (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
    );
  return { dir, diagnostics: result.diagnostics, expected };
}

/** The assertion every fixture test makes: exactly the expected diagnostics, in order. */
export function diagnosticsToCompare(fixture: Fixture, run: FixtureRun): readonly unknown[] {
  if (!fixture.cascade) return run.diagnostics;
  const [first, ...rest] = run.diagnostics;
  return [first, ...rest.filter((d) => d.code !== 'yaml-syntax')];
}

/** A file's text, decoded leniently (fixtures with bad bytes mark positions in the valid part). */
function decoded(dir: string, file: string): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(readFileSync(path.join(dir, file)));
}
