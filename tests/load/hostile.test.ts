import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { BASE, baseWith } from '../helpers/base-dossier.js';
import { fakeIO } from '../helpers/fake-io.js';
import { linesOf, positionAt, positionOf } from '../helpers/position.js';
import { removeTempDirs, writeDossier } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

/** Check a one-file dossier; assert it finished in time and every diagnostic is inside the text. */
/** Code points in `line`, without an array of them (a line may be 50 MB). */
function codePoints(line: string): number {
  let n = line.length;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = line.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

async function check(content: string | Uint8Array, limitMs = 20_000) {
  const dir = writeDossier({ 'dossier.yaml': content });
  const started = performance.now();
  const result = await checkDossier('dossier.yaml', { cwd: dir });
  expect(performance.now() - started).toBeLessThan(limitMs);
  const text = typeof content === 'string' ? content : new TextDecoder().decode(content);
  const lines = linesOf(text);
  for (const d of result.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines.length);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeLessThanOrEqual(codePoints(lines[d.line - 1] ?? '') + 1);
  }
  return result;
}

function billionLaughs(levels: number): string {
  const names = 'abcdefghij'.slice(0, levels).split('');
  const rows = names.map((n, i) =>
    i === 0
      ? `${n}: &${n} [lol, lol, lol, lol, lol, lol, lol, lol, lol]`
      : `${n}: &${n} [${Array(9)
          .fill(`*${names[i - 1]}`)
          .join(', ')}]`,
  );
  return `courtfile: 1\n${rows.join('\n')}\n`;
}

describe('hostile input gives a located diagnostic, no crash, no hang', () => {
  it('alias bomb (billion laughs, 9 levels): yaml-syntax', async () => {
    const text = billionLaughs(9);
    const result = await check(text);
    // Placed at the alias whose expansion crosses the limit: the aliases of rows b to f
    // add 9*10 + 9*91 + 9*820 + 9*7381 + 9*66430 = 672,588 nodes, g's first *f 597,871.
    expect(result.diagnostics).toMatchObject([
      { code: 'yaml-syntax', ...positionOf(text, { after: 'g: &g [', find: '*f' }) },
    ]);
  });

  // Sweep (session 36): one long text aliased 500,000 times (a few nodes each) passed the
  // node count, and a dossier with a victim took 7 minutes to validate (each alias's text
  // searched for the victim's identity). Aliases may add at most 16 Mi characters of text.
  describe('a text bomb: a long text aliased many times', () => {
    const long = 'a'.repeat(100_000);
    // Fictional data: a victim, a note anchored, a charge's articles aliasing it.
    const withAliases = (n: number, shape: 'scalar' | 'list') =>
      baseWith([
        '    nationality: FR\n',
        shape === 'scalar'
          ? `    nationality: FR\n    notes: &s "${long}"\n`
          : `    nationality: FR\n    aliases: &s ["${long}"]\n`,
      ]) + `x: [${Array(n).fill('*s').join(', ')}]\n`;
    const crossing = (text: string, k: number) => {
      const line = text.split('\n').findIndex((l) => l.startsWith('x: [')) + 1;
      return { line, column: 'x: ['.length + (k - 1) * '*s, '.length + 1 };
    };

    it.each(['scalar', 'list'] as const)(
      'yaml-syntax at the alias that adds the 16,777,217th character (%s anchor), in time',
      async (shape) => {
        const text = withAliases(500, shape);
        const result = await check(text, 10_000);
        // The text is 100,000 characters: the 168th alias brings the added ones past 16 Mi,
        // beyond the file's own length (the 1st to 167th add 16.7 million).
        const limit = 16 * 1024 * 1024 + text.length - 100_000;
        const k = Math.floor(limit / 100_000) + 1;
        expect(result.diagnostics).toMatchObject([
          {
            code: 'yaml-syntax',
            ...crossing(text, k),
            message: `not well-formed YAML: aliases expand to more than ${16 * 1024 * 1024} characters of text beyond the file's own (alias bomb?)`,
          },
        ]);
      },
    );

    // A review: keys are not counted, by either parser, so the same file gets the same
    // diagnostics whichever reads it (an alias as a key added its text in the exact parser
    // only; an anchor on a key's text gave its aliases nothing there).
    it('an alias used as a key adds no text; an anchor on a key gives its aliases its text', async () => {
      const keys =
        baseWith(['    nationality: FR\n', `    nationality: FR\n    notes: &s "${long}"\n`]) +
        `x: [${Array(200).fill('{*s : i}').join(', ')}]\n`;
      for (const text of [keys, `${keys}bad: [\n`]) {
        const result = await check(text, 10_000);
        expect(result.diagnostics.some((d) => /characters of text/.test(d.message))).toBe(false);
      }
      const anchoredKey =
        baseWith() + `y: {? &s "${long}" : 1}\nx: [${Array(500).fill('*s').join(', ')}]\n`;
      const result = await check(anchoredKey, 10_000);
      // (The key's own text is not counted: every alias adds 100,000 beyond the file's length.)
      const limit = 16 * 1024 * 1024 + anchoredKey.length;
      expect(result.diagnostics).toMatchObject([
        { code: 'yaml-syntax', ...crossing(anchoredKey, Math.floor(limit / 100_000) + 1) },
      ]);
    });

    it('fewer aliases pass the alias check', async () => {
      const result = await check(withAliases(150, 'scalar'));
      expect(result.diagnostics.map((d) => d.code)).not.toContain('yaml-syntax');
    });
  });

  // Reported by an audit: a harmless alias before the bomb took the error (the first
  // alias of the file), not the alias at which the count crosses the limit.
  describe('an alias bomb after a harmless alias: at the alias that crosses the limit', () => {
    // Fictional data. Rows x2 to x5 add 10*11 + 10*111 + 10*1111 + 10*11111 = 123,440
    // nodes; each *a5 of x6 adds 111,111: the 8th crosses 1,000,000.
    const rows = ['x0: &a0 "lol"'];
    for (let k = 1; k <= 6; k++)
      rows.push(
        `x${k}: &a${k} [${Array(10)
          .fill(`*a${k - 1}`)
          .join(',')}]`,
      );
    const text =
      baseWith([
        '    nationality: FR\n',
        '    nationality: FR\n    notes: &n "ok"\n    aliases: [*n]\n',
      ]) + `${rows.join('\n')}\n`;
    const line = text.split('\n').indexOf(rows[6]!) + 1;
    const column = 'x6: &a6 ['.length + 7 * '*a5,'.length + 1;

    it('checkDossier: yaml-syntax at the 8th *a5 of x6', async () => {
      const result = await check(text);
      expect(result.diagnostics).toMatchObject([
        {
          code: 'yaml-syntax',
          line,
          column,
          message: 'not well-formed YAML: aliases expand to more than 1000000 nodes (alias bomb?)',
        },
      ]);
    });

    it('without x6 it passes the alias check', async () => {
      const without = text.replace(`${rows[6]!}\n`, '');
      const result = await check(without);
      expect(result.diagnostics.map((d) => d.code)).not.toContain('yaml-syntax');
    });

    it('validate: exit 1, the same place in text, json and github', async () => {
      const dir = writeDossier({ 'dossier.yaml': text });
      const run = async (...format: string[]) => {
        const fake = fakeIO({ cwd: dir });
        const status = await main(['validate', ...format, 'dossier.yaml'], fake.io);
        return { status, out: fake.out() };
      };
      const plain = await run();
      expect(plain.status).toBe(1);
      expect(plain.out.split('\n')[0]).toMatch(
        new RegExp(`^dossier\\.yaml:${line}:${column}: error: .+ \\[yaml-syntax\\]$`),
      );
      const json = await run('--format', 'json');
      expect(json.status).toBe(1);
      expect(JSON.parse(json.out)).toMatchObject({
        errors: 1,
        diagnostics: [{ code: 'yaml-syntax', line, column }],
      });
      const github = await run('--format', 'github');
      expect(github.status).toBe(1);
      expect(github.out).toContain(`line=${line},col=${column},title=yaml-syntax::`);
    });
  });

  it('aliases that expand a little are fine (3 levels)', async () => {
    const result = await check(billionLaughs(3));
    expect(result.diagnostics.map((d) => d.code)).not.toContain('yaml-syntax');
  });

  it('10,000-deep flow nesting: yaml-syntax', async () => {
    const text = `courtfile: 1\nx: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    const result = await check(text);
    expect(result.diagnostics).toMatchObject([{ code: 'yaml-syntax', line: 2 }]);
  });

  it('10,000-deep flow nesting of mappings, unclosed: yaml-syntax', async () => {
    const result = await check(`x: ${'{a: '.repeat(10_000)}\n`);
    expect(result.diagnostics[0]).toMatchObject({ code: 'yaml-syntax', line: 1 });
  });

  it('10,000-deep block nesting (compact sequences): yaml-syntax', async () => {
    const result = await check(`courtfile: 1\nx:\n  ${'- '.repeat(10_000)}x\n`);
    expect(result.diagnostics[0]).toMatchObject({ code: 'yaml-syntax', line: 3 });
  });

  it('2,000-deep block nesting (mappings, one space per level): yaml-syntax', async () => {
    const text = Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' x\n';
    const result = await check(text);
    expect(result.diagnostics[0]).toMatchObject({ code: 'yaml-syntax' });
  });

  describe('a 50 MB scalar', () => {
    const big = 'x'.repeat(50 * 1024 * 1024);
    it('as a text: finishes, memory stays sane, one invalid-value (over 100,000 characters)', async () => {
      const before = process.memoryUsage().rss;
      const text = baseWith(['title: Affaire de test', `title: ${big}`]);
      const result = await check(text, 15_000);
      expect(result.diagnostics).toMatchObject([
        {
          code: 'invalid-value',
          path: ['case', 'title'],
          ...positionAt(text, text.indexOf('title: x') + 'title: '.length),
          message: expect.stringMatching(/: at most 100,000 characters: put longer material/),
        },
      ]);
      expect(result.diagnostics[0]!.message.length).toBeLessThan(200);
      expect(process.memoryUsage().rss - before).toBeLessThan(1024 ** 3);
    });

    it('with an error further down (the position pass reads it too)', async () => {
      const before = process.memoryUsage().rss;
      const text = baseWith(
        ['title: Affaire de test', `title: ${big}`],
        ['nationality: FR', 'nationality: UK'],
      );
      const result = await check(text, 20_000);
      expect(result.diagnostics).toMatchObject([
        { code: 'invalid-value', path: ['case', 'title'] },
        { code: 'invalid-value', path: ['persons', 0, 'nationality'], line: 14, column: 18 },
      ]);
      expect(process.memoryUsage().rss - before).toBeLessThan(1.5 * 1024 ** 3);
    });
  }, 60_000);

  it('invalid UTF-8 throughout (random high bytes): yaml-syntax at 1:1', async () => {
    const result = await check(Uint8Array.from({ length: 4096 }, (_, i) => 0x80 + (i % 64)));
    expect(result.diagnostics).toMatchObject([{ code: 'yaml-syntax', line: 1, column: 1 }]);
  });

  it('NUL bytes only: yaml-syntax at 1:1', async () => {
    const result = await check(new Uint8Array(1000));
    expect(result.diagnostics).toMatchObject([{ code: 'yaml-syntax', line: 1, column: 1 }]);
  });

  it('__proto__ keys are unknown keys and pollute nothing', async () => {
    const text = baseWith(
      ['courtfile: 1\n', 'courtfile: 1\n__proto__: { polluted: yes }\n'],
      ['    name: Jean Test\n', '    name: Jean Test\n    __proto__: { role: victim }\n'],
    );
    const result = await check(text);
    expect(result.diagnostics).toMatchObject([
      { code: 'unknown-key', path: ['__proto__'], ...positionOf(text, '__proto__: { polluted') },
      {
        code: 'unknown-key',
        path: ['persons', 0, '__proto__'],
        ...positionOf(text, '__proto__: { role'),
      },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });

  it('constructor and toString keys are unknown keys', async () => {
    const text = baseWith([
      '    name: Jean Test\n',
      '    name: Jean Test\n    constructor: x\n    toString: y\n',
    ]);
    const result = await check(text);
    expect(result.diagnostics).toMatchObject([
      {
        code: 'unknown-key',
        path: ['persons', 0, 'constructor'],
        ...positionOf(text, 'constructor'),
      },
      { code: 'unknown-key', path: ['persons', 0, 'toString'], ...positionOf(text, 'toString') },
    ]);
  });

  it('an id named __proto__ or constructor is just an id', async () => {
    const text = baseWith(
      ['id: E1', 'id: constructor'],
      ['evidence: E1\nexchanges', 'evidence: constructor\nexchanges'],
      ['    evidence: E1\n', '    evidence: __proto__\n'],
    );
    const result = await check(text);
    expect(result.diagnostics).toMatchObject([
      {
        code: 'unknown-reference',
        path: ['exchanges', 0, 'evidence'],
        ...positionOf(text, '__proto__'),
      },
    ]);
  });

  it.each([
    ['an empty file', ''],
    ['a file with only a comment', '# nothing yet\n'],
    ['a file that is a list', '- courtfile: 1\n'],
    ['a file that is a string', 'courtfile\n'],
  ])('%s: root invalid-type at 1:1', async (_, text) => {
    const result = await check(text);
    expect(result.diagnostics).toMatchObject([
      { code: 'invalid-type', line: 1, column: 1, path: [] },
    ]);
  });

  it('two documents: yaml-syntax at the second', async () => {
    const text = `${BASE}---\ncourtfile: 1\n`;
    const result = await check(text);
    expect(result.diagnostics[0]).toMatchObject({
      code: 'yaml-syntax',
      ...positionOf(text, '---'),
    });
  });

  it('a BOM is accepted and positions do not count it', async () => {
    expect((await check(`\uFEFF${BASE}`)).diagnostics).toEqual([]);
    const text = `\uFEFF${baseWith(['role: suspect', 'role: suspekt'])}`;
    const result = await check(text);
    expect(result.diagnostics).toMatchObject([
      { code: 'invalid-value', ...positionOf(text, 'suspekt') },
    ]);
  });

  it('CRLF line endings: valid, and positions are right', async () => {
    expect((await check(BASE.replace(/\n/g, '\r\n'))).diagnostics).toEqual([]);
    const text = baseWith(
      ['role: suspect', 'role: suspekt'],
      ['amount: 45.00', 'amount: 45.001'],
    ).replace(/\n/g, '\r\n');
    const result = await check(text);
    expect(result.diagnostics).toMatchObject([
      { code: 'invalid-value', ...positionOf(text, 'suspekt') },
      { code: 'amount-precision', ...positionOf(text, '45.001') },
    ]);
  });

  it('CRLF with a syntax error: located on the right line', async () => {
    const text = baseWith(['  title: Affaire', '   title: Affaire']).replace(/\n/g, '\r\n');
    expect((await check(text)).diagnostics[0]).toMatchObject({
      code: 'yaml-syntax',
      ...positionOf(text, 'title: Affaire'),
    });
  });

  it('an include that is a directory or a FIFO: include diagnostic, no hang', async () => {
    const text = baseWith(['courtfile: 1\n', 'courtfile: 1\ninclude: [sub, pipe.yaml]\n']);
    const dir = writeDossier({ 'dossier.yaml': text, 'sub/x.yaml': 'rates: []\n' });
    execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
    const result = await checkDossier('dossier.yaml', { cwd: dir });
    expect(result.diagnostics).toMatchObject([
      { code: 'include', ...positionOf(text, 'sub') },
      { code: 'include', ...positionOf(text, 'pipe.yaml') },
    ]);
  });
});
