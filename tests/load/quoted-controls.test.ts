/**
 * YAML 1.2 (5.1) admits every non-C0 character inside quoted scalars, for JSON's sake: a
 * dossier written as JSON may hold a mis-decoded Windows-1252 `\u0092` in a name. Such a
 * file is read, its values kept, and its other findings placed where they are (they were
 * all at 1:1 while the exact parser refused what js-yaml accepted). FICTIONAL data.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { parseExact } from '../../src/load/parse-exact.js';
import { parseFast } from '../../src/load/parse-fast.js';
import { baseWith } from '../helpers/base-dossier.js';
import { REPO_ROOT, removeTempDirs, writeDossier } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

const CASES = [
  ['U+0092 in a double-quoted scalar', '"Affaire\u0092s de test"', 'Affaire\u0092s de test'],
  ['U+0080 in a single-quoted scalar', "'Affaire\u0080 de test'", 'Affaire\u0080 de test'],
  [
    'DEL and U+FFFE in a double-quoted scalar',
    '"Affaire\u007f de\ufffe test"',
    'Affaire\u007f de\ufffe test',
  ],
] as const;

describe('controls other than C0 inside quoted scalars', () => {
  it.each(CASES)(
    '%s: read, and another finding placed at its line and column',
    async (_, written, value) => {
      const text = baseWith(
        ['  title: Affaire de test', `  title: ${written}`],
        ['  court: Tribunal', '  extra: 1\n  court: Tribunal'],
      );
      expect(parseFast(text, 'dossier.yaml')).toMatchObject({
        ok: true,
        value: { case: { title: value } },
      });
      expect(parseExact(text).problems).toEqual([]);
      const root = path.join(writeDossier({ 'dossier.yaml': text }), 'dossier.yaml');
      const { diagnostics } = await checkDossier(root, { cwd: REPO_ROOT });
      const lines = text.split('\n');
      const line = lines.findIndex((l) => l === '  extra: 1') + 1;
      expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
        ['unknown-key', line, 3],
      ]);
    },
  );

  // Reported by a review: a block scalar's line that starts with a quote is no quoted
  // scalar (the lexer's token for a body at column 0 starts with it).
  it('a block scalar whose body starts with a quote is checked as a block scalar', () => {
    for (const text of [
      '--- |\n"x\u007fy"\n',
      'a: |\n  "x\u007fy"\n',
      'a: >- # note\n  "x\u007fy"\n',
    ])
      expect(parseFast(text, 'f.yaml'), JSON.stringify(text)).toMatchObject({
        ok: false,
        problem: { offset: text.indexOf('\u007f') },
      });
  });

  it('a C0 control is refused even quoted; a C1 control outside the quotes of the same line is found', () => {
    expect(parseFast('a: "x\u0007y"\n', 'f.yaml')).toMatchObject({
      ok: false,
      problem: { offset: 5 },
    });
    const text = 'a: "x\u0080y" # note\u0081\n';
    for (const parsed of [
      parseFast(text, 'f.yaml'),
      { ok: false, problem: parseExact(text).problems[0] },
    ])
      expect(parsed).toMatchObject({
        ok: false,
        problem: {
          offset: text.indexOf('\u0081'),
          message: 'character U+0081 is not allowed outside a quoted string in a YAML file',
        },
      });
  });
});
