import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runRender } from '../../src/cli/commands/render.js';
import { UsageError } from '../../src/errors.js';
import type * as RenderModule from '../../src/render/index.js';
import { readPdf } from '../render/pdf-text.js';
import { BASE } from '../helpers/base-dossier.js';
import { ensureBuilt, runBin } from '../helpers/built-cli.js';
import { fakeIO } from '../helpers/fake-io.js';
import { positionOf } from '../helpers/position.js';
import {
  EXAMPLE_DIR,
  edit,
  removeTempDirs,
  tempDir,
  writeDossier,
} from '../helpers/temp-dossier.js';

// A failure injected into the drawing pass when FAIL_AT_PAGE is set (see the last test).
const failAt = vi.hoisted(() => ({ page: 0 }));
vi.mock('../../src/render/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof RenderModule>();
  return {
    ...real,
    renderDocumentTo: (...args: Parameters<typeof real.renderDocumentTo>) => {
      const [dossier, facts, options, sink] = args;
      const onPage = (page: number) => {
        if (failAt.page > 0 && page === failAt.page) throw new Error('injected failure');
      };
      return real.renderDocumentTo(dossier, facts, { ...options, onPage }, sink);
    },
  };
});

afterAll(removeTempDirs);

const example = path.join(EXAMPLE_DIR, 'dossier.yaml');

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('courtfile render', () => {
  test('writes the PDF atomically and says so', async () => {
    const out = path.join(tempDir(), 'referral.pdf');
    const f = fakeIO();
    expect(await runRender(example, { output: out, date: '2024-05-01' }, f.io)).toBe(0);
    expect(f.err()).toMatch(/^wrote .*referral\.pdf \(\d+ pages, \d+ KiB\)\n$/);
    const pdf = await readPdf(readFileSync(out));
    expect(pdf.info.Title).toContain('19-123-000456');
    expect(readdirSync(path.dirname(out))).toEqual(['referral.pdf']);
  });

  test('--lang en and SOURCE_DATE_EPOCH', async () => {
    const out = path.join(tempDir(), 'r.pdf');
    const f = fakeIO({ env: { SOURCE_DATE_EPOCH: '1714521600' } });
    expect(await runRender(example, { output: out, lang: 'en' }, f.io)).toBe(0);
    const pdf = await readPdf(readFileSync(out));
    expect(pdf.info.Language).toBe('en');
    expect(pdf.info.CreationDate).toBe('D:20240501000000Z');
  });

  test('an invalid dossier: diagnostics on stderr, exit 1, nothing written', async () => {
    const dir = writeDossier({ 'dossier.yaml': edit(BASE, 'amount: 45.00', 'amount: 45.001') });
    const out = path.join(dir, 'out.pdf');
    const f = fakeIO();
    expect(
      await runRender(path.join(dir, 'dossier.yaml'), { output: out, date: '2024-05-01' }, f.io),
    ).toBe(1);
    expect(f.err()).toMatch(/dossier\.yaml:\d+:\d+: error: .*\[amount-precision\]/);
    expect(existsSync(out)).toBe(false);
  });

  test('--strict: warnings stop the render', async () => {
    const dir = writeDossier({
      'dossier.yaml': edit(
        BASE,
        'evidence:\n',
        'evidence:\n  - { id: E9, title: Inutile, kind: other, source: X, obtained: 2019-02-01 }\n',
      ),
    });
    const out = path.join(dir, 'out.pdf');
    const f = fakeIO();
    expect(
      await runRender(
        path.join(dir, 'dossier.yaml'),
        { output: out, date: '2024-05-01', strict: true },
        f.io,
      ),
    ).toBe(1);
    // Printed as the error it counts as.
    expect(f.err()).toMatch(
      /^\S*dossier\.yaml:\d+:\d+: error: .* \[unused-evidence\]\n1 error, 0 warnings\n$/,
    );
    expect(existsSync(out)).toBe(false);
  });

  // Review of session 34: the warnings annex printed the file as typed on the command
  // line (an absolute temporary path in a court document; two spellings, two PDFs).
  test('the warnings annex names files from the dossier folder, however the path was typed', async () => {
    const dir = writeDossier({
      'dossier.yaml': edit(
        BASE,
        'evidence:\n',
        'evidence:\n  - { id: E9, title: Inutile, kind: other, source: X, obtained: 2019-02-01 }\n',
      ),
    });
    const bytes: Buffer[] = [];
    for (const [cwd, file] of [
      [dir, 'dossier.yaml'],
      [path.dirname(dir), path.join(path.basename(dir), '.', 'dossier.yaml')],
      [tempDir(), path.join(dir, 'dossier.yaml')],
    ] as const) {
      const out = path.join(tempDir(), 'r.pdf');
      const f = fakeIO({ cwd });
      expect(await runRender(file, { output: out, date: '2024-05-01' }, f.io)).toBe(0);
      // The terminal keeps the name as typed.
      expect(f.err()).toContain(`${path.normalize(file)}:`);
      bytes.push(readFileSync(out));
    }
    const text = (await readPdf(bytes[0]!)).pages.join('\n');
    expect(text).toMatch(/(^|\s)dossier\.yaml:\d+:\d+/);
    expect(text).not.toContain(dir);
    expect(bytes[1]).toEqual(bytes[0]);
    expect(bytes[2]).toEqual(bytes[0]);
  });

  test('built binary: --strict with a character no font draws in the case title of `init`: an error, exit 1, nothing written', async () => {
    await ensureBuilt();
    const dir = path.join(tempDir(), 'case');
    expect(runBin(['init', dir]).status).toBe(0);
    const file = path.join(dir, 'dossier.yaml');
    const text = readFileSync(file, 'utf8');
    const title = "  title: 'Example case";
    expect(text).toContain(title);
    writeFileSync(file, text.replace(title, "  title: '\ue000 Example case"));
    const at = positionOf(readFileSync(file, 'utf8'), '\ue000');
    const out = path.join(dir, 'out.pdf');
    const before = readdirSync(dir).sort();
    const r = runBin(['render', file, '-o', out, '--date', '2024-05-01', '--strict']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      new RegExp(
        // At the value (its opening quote), as a located diagnostic.
        `^${escapeRegExp(file)}:${at.line}:${at.column - 1}: error: .*U\\+E000.* \\[missing-glyph\\]$`,
      ),
    );
    expect(lines[1]).toBe('1 error, 0 warnings');
    // Nothing written: no PDF, no temporary file beside it.
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(existsSync(out)).toBe(false);
  }, 120_000);

  test('a bad --date or template name: exit 2 through main', async () => {
    const out = path.join(tempDir(), 'x.pdf');
    const f = fakeIO();
    expect(await main(['render', example, '-o', out, '--date', '2024-02-30'], f.io)).toBe(2);
    await expect(
      runRender(example, { output: out, date: '2024-02-30' }, fakeIO().io),
    ).rejects.toBeInstanceOf(UsageError);
    expect(
      await main(['render', example, '-o', out, '--template', 'nonexistent'], fakeIO().io),
    ).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  test('a bad template file: diagnostics, exit 1', async () => {
    const dir = tempDir();
    const tpl = path.join(dir, 't.yaml');
    writeFileSync(
      tpl,
      'courtfile_template: 1\nname: t\nextends: referral\nsections:\n  - type: nope\n',
    );
    const f = fakeIO();
    expect(
      await runRender(
        example,
        { output: path.join(dir, 'x.pdf'), date: '2024-05-01', template: tpl },
        f.io,
      ),
    ).toBe(1);
    expect(f.err()).toMatch(/t\.yaml:5:\d+: error: .*\[template-section\]/);
  });

  // Reported by an audit: with --strict, a character no embedded font has in the
  // template's own texts was still only a warning, and OUT was replaced.
  describe('a template text with a character no font has (U+13001)', () => {
    const template = () => {
      const dir = tempDir();
      const tpl = path.join(dir, 'glyph.yaml');
      writeFileSync(
        tpl,
        'courtfile_template: 1\nname: glyph\nextends: referral\nsections:\n  - type: cover\n  - type: text\n    title: Note\n    body: { fr: "Signe \u{13001} (fictif)", en: "Sign \u{13001}" }\n',
      );
      return { dir, tpl };
    };

    test('a warning that names it; the PDF is written', async () => {
      const { dir, tpl } = template();
      const out = path.join(dir, 'x.pdf');
      const f = fakeIO();
      expect(
        await runRender(example, { output: out, date: '2024-05-01', template: tpl }, f.io),
      ).toBe(0);
      // Located where the template writes it, in each language's text (a text missing
      // in the document's language is drawn from another), as templates check gives it.
      const text = readFileSync(tpl, 'utf8');
      const fr = positionOf(text, { after: 'Signe ', find: '\u{13001}' });
      const en = positionOf(text, { after: 'Sign ', find: '\u{13001}' });
      const line = (at: { line: number; column: number }) =>
        `${tpl}:${at.line}:${at.column}: warning: no bundled font can draw "\u{13001}" (U+13001): it prints as "\ufffd" [template-render]\n`;
      expect(f.err()).toContain(
        `courtfile: warning: characters of the template's texts without a glyph in the embedded fonts were drawn as "\ufffd": \u{13001}, where listed below\n` +
          line(fr) +
          line(en),
      );
      expect(f.err()).toMatch(/\nwrote .*x\.pdf \(\d+ pages?, \d+ KiB\)\n$/);
      expect(existsSync(out)).toBe(true);
    });

    test('with --strict: an error, exit 1, an existing OUT left as it was, no temporary file', async () => {
      const { dir, tpl } = template();
      const out = path.join(dir, 'x.pdf');
      writeFileSync(out, 'previous');
      const f = fakeIO();
      expect(
        await runRender(
          example,
          { output: out, date: '2024-05-01', template: tpl, strict: true },
          f.io,
        ),
      ).toBe(1);
      const text = readFileSync(tpl, 'utf8');
      const line = (after: string) => {
        const at = positionOf(text, { after, find: '\u{13001}' });
        return `${tpl}:${at.line}:${at.column}: error: no bundled font can draw "\u{13001}" (U+13001): it prints as "\ufffd" [template-render]\n`;
      };
      expect(f.err()).toBe(
        `courtfile: error: characters of the template's texts without a glyph in the embedded fonts were drawn as "\ufffd": \u{13001}, where listed below; ${out} is not written (--strict)\n` +
          line('Signe ') +
          line('Sign '),
      );
      expect(readFileSync(out, 'utf8')).toBe('previous');
      expect(readdirSync(dir).sort()).toEqual(['glyph.yaml', 'x.pdf']);
    });
  });

  test('an unwritable target: exit 2, nothing left behind', async () => {
    const dir = tempDir();
    const f = fakeIO();
    expect(
      await main(
        ['render', example, '-o', path.join(dir, 'missing', 'x.pdf'), '--date', '2024-05-01'],
        f.io,
      ),
    ).toBe(2);
    // Refused before the render since the sweep of 2026-12-02 (it failed after it).
    expect(f.err()).toMatch(/refusing to write .*x\.pdf: its folder does not exist/);
    if (process.getuid?.() !== 0) {
      chmodSync(dir, 0o500);
      expect(
        await main(
          ['render', example, '-o', path.join(dir, 'x.pdf'), '--date', '2024-05-01'],
          fakeIO().io,
        ),
      ).toBe(2);
      chmodSync(dir, 0o700);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  test('a failure in the middle of the render leaves the previous file intact', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'referral.pdf');
    writeFileSync(out, 'previous version');
    failAt.page = 3;
    try {
      expect(await main(['render', example, '-o', out, '--date', '2024-05-01'], fakeIO().io)).toBe(
        2,
      );
    } finally {
      failAt.page = 0;
    }
    expect(readFileSync(out, 'utf8')).toBe('previous version');
    expect(readdirSync(dir)).toEqual(['referral.pdf']);
  });
});
