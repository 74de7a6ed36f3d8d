/**
 * `templates list --dir`: every template file of the folder is listed, one with errors
 * with their count (docs/templates.md, "Listing templates"). Reported by an audit: one
 * unreadable file (not UTF-8, over 1 MiB) stopped the whole listing (exit 2, nothing
 * listed).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ToolError } from '../../src/errors.js';
import type * as TemplateFileModule from '../../src/templates/template-file.js';
import { fakeIO } from '../helpers/fake-io.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dossier.js';

// A file that cannot be opened any more once the folder has been read (gone, or its
// permissions changed): readTemplateFile throws for it, as it would.
vi.mock('../../src/templates/template-file.js', async (importOriginal) => {
  const real = await importOriginal<typeof TemplateFileModule>();
  return {
    ...real,
    readTemplateFile: (absPath: string, file: string) => {
      if (path.basename(absPath) === 'gone.yaml')
        return Promise.reject(new ToolError(`cannot read template ${file}: permission denied`));
      return real.readTemplateFile(absPath, file);
    },
  };
});

afterAll(removeTempDirs);

const GOOD = 'courtfile_template: 1\nname: nantes\nextends: referral\ndescription: Variante\n';

async function list(dir: string, json: boolean) {
  const f = fakeIO({ cwd: dir });
  const status = await main(['templates', 'list', '--dir', '.', ...(json ? ['--json'] : [])], f.io);
  return { status, out: f.out(), err: f.err() };
}

describe('templates list --dir with a file that cannot be read as a template', () => {
  test('not UTF-8, over 1 MiB, or unreadable: each listed with its error, the others too (exit 0)', async () => {
    const dir = tempDir('courtfile-tpl-list-');
    writeFileSync(
      path.join(dir, 'a-latin1.yaml'),
      Buffer.concat([
        Buffer.from('courtfile_template: 1\nname: latin\nextends: referral\ndescription: "caf'),
        Buffer.from([0xe9, 0x22, 0x0a]),
      ]),
    );
    writeFileSync(path.join(dir, 'b-big.yaml'), GOOD + `# ${'x'.repeat(100)}\n`.repeat(11_000));
    writeFileSync(path.join(dir, 'c-gone.yaml'), GOOD);
    writeFileSync(path.join(dir, 'gone.yaml'), GOOD);
    writeFileSync(path.join(dir, 'nantes.yaml'), GOOD);

    const text = await list(dir, false);
    expect(text.status, text.err).toBe(0);
    expect(text.err).toBe('');
    expect(text.out).toMatch(
      /^a-latin1 +- +\(1 error\(s\): see courtfile templates check\) +a-latin1\.yaml$/m,
    );
    expect(text.out).toMatch(/^b-big +- +\(1 error\(s\)/m);
    expect(text.out).toMatch(/^gone +- +\(1 error\(s\).* gone\.yaml$/m);
    expect(text.out).toMatch(/^nantes +fr, en +Variante +c-gone\.yaml$/m);
    expect(text.out).toMatch(/^nantes +fr, en +Variante +nantes\.yaml$/m);

    const json = await list(dir, true);
    expect(json.status).toBe(0);
    const templates = (
      JSON.parse(json.out) as { templates: { name: string; builtin: boolean; errors: number }[] }
    ).templates.filter((t) => !t.builtin);
    expect(templates.map((t) => [t.name, t.errors])).toEqual([
      ['a-latin1', 1],
      ['b-big', 1],
      ['nantes', 0],
      ['gone', 1],
      ['nantes', 0],
    ]);
  }, 30_000);
});

describe('templates list escapes a template’s own texts (audit, session 25)', () => {
  test('control and bidi characters in a description are shown as escapes', async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'bidi.yaml'),
      'courtfile_template: 1\nname: bidi\nextends: referral\ndescription: "abc \\u202Eevil\\u202C \\e[31mRED\\e[0m (fictional)"\n',
    );
    const f = fakeIO();
    const status = await main(['templates', 'list', '--dir', dir], f.io);
    expect(status).toBe(0);
    const out = f.out();
    // eslint-disable-next-line no-control-regex -- looking for them is the point
    expect(out).not.toMatch(/[\x1b\u202e\u202c]/);
    expect(out).toContain('abc \\u202Eevil\\u202C \\x1B[31mRED\\x1B[0m (fictional)');
  });
});
