import { afterAll, describe, expect, it } from 'vitest';
import { baseWith } from '../helpers/base-dossier.js';
import { runBin } from '../helpers/built-cli.js';
import { randomWords } from '../helpers/random-words.js';
import { removeTempDirs, writeDossier } from '../helpers/temp-dossier.js';

/** FICTIONAL TEST DATA: random letters, no real name. */
afterAll(removeTempDirs);

/** victim-identity findings of validating BASE with these aliases and this summary. */
function identityFindings(
  list: readonly string[],
  summary: string,
  env: Record<string, string> = {},
) {
  const dir = writeDossier({
    'dossier.yaml': baseWith(
      [
        '    age_at_facts: 9\n',
        `    age_at_facts: 9\n    aliases:\n${list.map((a) => `      - ${a}\n`).join('')}`,
      ],
      ['    to: [A2]\n', `    to: [A2]\n    summary: "${summary}"\n`],
    ),
  });
  const r = runBin(['validate', '--format', 'json', 'dossier.yaml'], { cwd: dir, env });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).not.toContain(summary);
  return (JSON.parse(r.stdout) as { diagnostics: { code: string }[] }).diagnostics.filter(
    (d) => d.code === 'victim-identity',
  );
}

describe('a case with thousands of aliases of two words', () => {
  it("the last one's handle form is recognised too (other forms were made for the first 65,536 characters)", () => {
    // 3,000 aliases of two 8-letter words: ~200,000 characters of other forms.
    const words = randomWords(6_000, 8, 20261206);
    const list = Array.from({ length: 3_000 }, (_, i) => `"${words[2 * i]} ${words[2 * i + 1]}"`);
    const handle = `${words[5_998]}_${words[5_999]}`;
    expect(identityFindings(list, `Échange avec ${handle} (fictif)`)).toHaveLength(1);
  }, 60_000);
});

describe('a victim listed with 100,000 long aliases (hostile input)', () => {
  it('validate runs within a 400 MB heap and still finds the last alias in a summary', () => {
    // 4 million characters of aliases: the redactor's automaton held a Map entry per
    // character, in the heap (2.2 GB and 20 s at 60 letters); it is now typed arrays,
    // whose contents the heap limit does not count.
    const all = randomWords(100_000, 40, 20261206);
    const found = identityFindings(all, `Échange au sujet de ${all.at(-1)!} (fictif)`, {
      NODE_OPTIONS: '--max-old-space-size=400',
    });
    // BASE's 57 lines before the summary, with the list's key and 100,000 aliases.
    expect(found).toMatchObject([
      { line: 100_057, column: 14, path: ['exchanges', 0, 'summary'], severity: 'warning' },
    ]);
  }, 60_000);
});
