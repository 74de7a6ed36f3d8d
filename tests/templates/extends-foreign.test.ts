import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIO } from '../helpers/fake-io.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

// An audit (session 27): `extends: ../../etc/shadow` (or a symbolic link to any readable
// file) printed every line of that file into the diagnostics, one "unknown key" each.
describe('a template that extends a file that is not a template', () => {
  it.each([
    ['a YAML mapping', 'secretkey: topsecret-value\nsecondkey: [1, 2]\n'],
    ['lines with colons', 'SECRETLINE1:$6$abc:19000:0:99999:7:::\nSECRETLINE2:*:19000::::\n'],
    ['a scalar', 'just some text\nover SECRET lines\n'],
    ['a list', '- SECRETITEM\n- other\n'],
    // A review: the alias's name was quoted in a yaml-syntax error.
    ['an alias to no anchor', 'SECRETA: *SECRETB\n'],
    ['not YAML', 'SECRETC: [unclosed\n  SECRETD: {\n'],
  ])('%s: one located error, nothing of its content quoted', async (_, content) => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'sec'));
    mkdirSync(path.join(dir, 't'));
    writeFileSync(path.join(dir, 'sec', 'file.txt'), content);
    writeFileSync(
      path.join(dir, 't', 't.yaml'),
      'courtfile_template: 1\nname: t\nextends: ../sec/file.txt\n',
    );
    const { io, out, err } = fakeIO({ cwd: dir, env: { NO_COLOR: '1' } });
    const status = await main(['templates', 'check', 't/t.yaml', '--format', 'json'], io);
    expect(status).toBe(1);
    const report = JSON.parse(out()) as {
      diagnostics: { file: string; line: number; code: string; message: string }[];
    };
    expect(report.diagnostics).toHaveLength(1);
    expect(report.diagnostics[0]).toMatchObject({
      file: 'sec/file.txt',
      line: 1,
      code: 'template-schema',
    });
    for (const secret of ['secret', 'SECRET', 'topsecret', '19000'])
      expect(out() + err()).not.toContain(secret);
  });
});
