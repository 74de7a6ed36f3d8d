/**
 * Regressions found by the hostile-input sweep of 2026-12-02 (docs/security.md): each
 * test is the reproduction of one finding, on a temp copy of the fictional example.
 */
import {
  closeSync,
  existsSync,
  lstatSync,
  openSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  symlinkSync,
  linkSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runExport } from '../../src/cli/commands/export.js';
import { runRender } from '../../src/cli/commands/render.js';
import { runSchema } from '../../src/cli/commands/schema.js';
import { InterruptedError, ToolError } from '../../src/errors.js';
import { writeFileAtomic } from '../../src/output/atomic-write.js';
import { assertSameFolder, checkOutputTarget } from '../../src/output/output-target.js';
import type { CliIO } from '../../src/cli/io.js';
import { fakeIO } from '../helpers/fake-io.js';
import { copyExample, removeTempDirs } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

const dir = copyExample();

describe('export', () => {
  test('-o - writes the graph to standard output, never a file named "-"', async () => {
    const { io, out, err } = fakeIO({ cwd: dir });
    const status = await runExport('dossier.yaml', { to: 'case', output: '-' }, io);
    expect(status).toBe(0);
    expect(existsSync(path.join(dir, '-'))).toBe(false);
    const graph = JSON.parse(out()) as { '@graph': unknown[] };
    expect(graph['@graph'].length).toBeGreaterThan(10);
    expect(err()).toMatch(/wrote the graph to standard output/);
  });

  test('a stop signal (SIGINT, SIGTERM) raised while it runs: no file, no temporary', async () => {
    // It used to write the whole file and exit 0 after Ctrl-C: the atomic write did
    // not look at the stop signal.
    const { io } = fakeIO({ cwd: dir, signal: AbortSignal.abort() });
    await expect(
      runExport('dossier.yaml', { to: 'case', output: 'stopped.jsonld' }, io),
    ).rejects.toBeInstanceOf(InterruptedError);
    expect(
      readdirSync(dir).filter((n) => n.includes('stopped') || n.includes('courtfile-tmp')),
    ).toEqual([]);
  });
});

// A helper's sweep (session 37): an exhibit file beside dossier.yaml whose name on disk is
// NFD (copied from macOS) while the dossier lists it in NFC, the file verify names as the
// exhibit, was replaced by `render -o` and `export -o` given its name on disk, exit 0.
describe('an exhibit listed under a name that differs only in Unicode normalisation', () => {
  test('is refused by render and export given its name on disk; it is left as it was', async () => {
    const d = copyExample();
    const text = 'Reçu fictif (pièce de test).\n';
    const nfd = 'rec\u0327u.txt';
    writeFileSync(path.join(d, nfd), text);
    const sha = createHash('sha256').update(text).digest('hex');
    const file = path.join(d, 'dossier.yaml');
    const yaml = readFileSync(file, 'utf8');
    const listed = '      - path: exhibits/E01/wu-transactions-2018.csv.txt\n';
    expect(yaml).toContain(listed);
    writeFileSync(
      file,
      yaml.replace(listed, `      - path: "re\u00e7u.txt"\n        sha256: ${sha}\n${listed}`),
    );
    const { io, err } = fakeIO({ cwd: d });
    await expect(runRender('dossier.yaml', { output: nfd }, io)).rejects.toThrow(
      /refusing to write rec\u0327u\.txt: it is an exhibit file of E01 \(listed under a name that differs only in Unicode normalisation\)/,
    );
    await expect(
      runExport('dossier.yaml', { to: 'case', output: nfd }, fakeIO({ cwd: d }).io),
    ).rejects.toThrow(/it is an exhibit file of E01/);
    expect(readFileSync(path.join(d, nfd), 'utf8')).toBe(text);
    expect(err()).not.toMatch(/wrote/);
  });
});

// A helper's sweep (session 37): `render -o - >> exhibits/E01/x.txt` (and `1<>`) wrote into
// the exhibit, exit 0, where `-o /dev/stdout` is refused as the exhibit it is.
describe('standard output that is a file', () => {
  test.each([
    ['render', (io: CliIO) => runRender('dossier.yaml', { output: '-' }, io)],
    ['export', (io: CliIO) => runExport('dossier.yaml', { to: 'case', output: '-' }, io)],
  ])(
    '%s -o -: an exhibit file, or a file in an exhibit folder, is refused; nothing written',
    async (_, run) => {
      const d = copyExample();
      const exhibit = path.join(d, 'exhibits/E01/wu-cover-letter.txt');
      const before = readFileSync(exhibit);
      const fd = openSync(exhibit, 'a');
      try {
        const f = fakeIO({ cwd: d, stdoutFd: fd });
        await expect(run(f.io)).rejects.toThrow(
          /refusing to write to standard output: it is exhibits\/E01\/wu-cover-letter\.txt \(an exhibit file of E01\)/,
        );
        expect(f.outBytes().length).toBe(0);
      } finally {
        closeSync(fd);
      }
      expect(readFileSync(exhibit)).toEqual(before);
      const other = openSync(path.join(d, 'exhibits/E01/new.txt'), 'a');
      try {
        const f = fakeIO({ cwd: d, stdoutFd: other });
        await expect(run(f.io)).rejects.toThrow(/it is a file in the exhibit folder exhibits\/E01/);
      } finally {
        closeSync(other);
      }
      // A file elsewhere is written as before.
      const ok = openSync(path.join(d, 'out.bin'), 'a');
      try {
        const f = fakeIO({ cwd: d, stdoutFd: ok });
        expect(await run(f.io)).toBe(0);
        expect(f.outBytes().length).toBeGreaterThan(1000);
      } finally {
        closeSync(ok);
      }
    },
  );
});

describe('schema', () => {
  test('a stop signal raised while it runs: no file, no temporary', async () => {
    const { io } = fakeIO({ cwd: dir, signal: AbortSignal.abort() });
    await expect(runSchema({ output: 'schema.json' }, io)).rejects.toBeInstanceOf(InterruptedError);
    expect(
      readdirSync(dir).filter((n) => n.includes('schema') || n.includes('courtfile-tmp')),
    ).toEqual([]);
    expect(readFileSync(path.join(dir, 'dossier.yaml'), 'utf8')).toMatch(/^# FICTIONAL/);
  });
});

describe('an existing YAML file is never replaced by a PDF or JSON output', () => {
  // `schema -o dossier.yaml` reads no dossier, so the guard did not know the file: it
  // replaced the dossier with the JSON Schema (exit 0). The same for another dossier's
  // file given to render or export.
  const other = copyExample();
  const before = readFileSync(path.join(other, 'dossier.yaml'), 'utf8');
  writeFileSync(path.join(dir, 'Notes.YML'), 'a: 1\n');

  test.each([
    ['schema', (out: string) => runSchema({ output: out }, fakeIO({ cwd: dir }).io)],
    [
      'render',
      (out: string) => runRender('dossier.yaml', { output: out }, fakeIO({ cwd: dir }).io),
    ],
    [
      'export',
      (out: string) =>
        runExport('dossier.yaml', { to: 'case', output: out }, fakeIO({ cwd: dir }).io),
    ],
  ])('%s', async (_, run) => {
    for (const out of [
      path.join(other, 'dossier.yaml'),
      path.join(other, 'transfers.yaml'),
      'Notes.YML',
    ]) {
      const refused = run(out);
      await expect(refused).rejects.toBeInstanceOf(ToolError);
      await expect(refused).rejects.toThrow(/it is an existing YAML file/);
    }
    expect(readFileSync(path.join(other, 'dossier.yaml'), 'utf8')).toBe(before);
    expect(readFileSync(path.join(dir, 'Notes.YML'), 'utf8')).toBe('a: 1\n');
  });

  test('a new .yaml name is still written (the rule is about replacing)', async () => {
    const { io } = fakeIO({ cwd: dir });
    expect(await runSchema({ output: 'new-schema.yaml' }, io)).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'new-schema.yaml'), 'utf8'))).toHaveProperty(
      '$schema',
    );
  });
});

describe('schema -o replaces only a file that holds a JSON Schema', () => {
  // Reported by a hostile-input sweep: `schema -o exhibits/E03/statement.txt` replaced
  // the exhibit (exit 0; verify: hash-mismatch), directly and through links: schema
  // reads no dossier, so the guard did not know the exhibits.
  test('an exhibit (directly, through a symbolic or hard link) is refused, untouched', async () => {
    const d = copyExample();
    const exhibit = path.join(d, 'exhibits/E01/wu-cover-letter.txt');
    const before = readFileSync(exhibit);
    symlinkSync(exhibit, path.join(d, 'soft.json'));
    linkSync(exhibit, path.join(d, 'hard.json'));
    for (const out of ['exhibits/E01/wu-cover-letter.txt', 'soft.json', 'hard.json']) {
      const refused = runSchema({ output: out }, fakeIO({ cwd: d }).io);
      await expect(refused).rejects.toBeInstanceOf(ToolError);
      await expect(refused).rejects.toThrow(/does not hold a JSON Schema \(an exhibit\?\)/);
    }
    expect(readFileSync(exhibit)).toEqual(before);
  });

  // A helper's sweep (session 33): any JSON was replaced, and platform exports are JSON.
  test('a JSON export (an exhibit) and a packet manifest are refused, untouched', async () => {
    const d = copyExample();
    const files = {
      'messages.json': '{"messages": [{"id": 1, "content": "fictional"}]}\n',
      'list.json': '[{"$schema": "not first"}]\n',
      'manifest.json': '{\n  "format": "courtfile-packet/1"\n}\n',
    };
    for (const [out, text] of Object.entries(files)) {
      writeFileSync(path.join(d, out), text);
      const refused = runSchema({ output: out }, fakeIO({ cwd: d }).io);
      await expect(refused).rejects.toThrow(/does not hold a JSON Schema \(an exhibit\?\)/);
      expect(readFileSync(path.join(d, out), 'utf8')).toBe(text);
    }
  });

  test('a schema written before, an empty file and a new file are written', async () => {
    const d = copyExample();
    writeFileSync(
      path.join(d, 'old.json'),
      '\ufeff  {\n  "$schema": "https://json-schema.org/draft/2020-12/schema"}\n',
    );
    writeFileSync(path.join(d, 'empty.json'), '');
    for (const out of ['old.json', 'empty.json', 'new.json']) {
      expect(await runSchema({ output: out }, fakeIO({ cwd: d }).io)).toBe(0);
      expect(JSON.parse(readFileSync(path.join(d, out), 'utf8'))).toHaveProperty('$schema');
    }
  });
});

describe('a folder of the output path swapped for a link while courtfile works', () => {
  // render -o out/wu-cover-letter.txt, then (during the render) out -> exhibits/E01:
  // the rename went through the link and replaced the exhibit (verify: size-mismatch).
  test('is refused before the rename; the exhibit and the link target are untouched', async () => {
    const d = copyExample();
    const exhibit = path.join(d, 'exhibits/E01/wu-cover-letter.txt');
    const before = readFileSync(exhibit);
    mkdirSync(path.join(d, 'out'));
    const check = await checkOutputTarget({
      path: path.join(d, 'out/wu-cover-letter.txt'),
      shown: 'out/wu-cover-letter.txt',
      kind: 'file',
      cwd: d,
    });
    renameSync(path.join(d, 'out'), path.join(d, 'out.real'));
    symlinkSync(path.join(d, 'exhibits/E01'), path.join(d, 'out'));
    const target = path.join(d, 'out/wu-cover-letter.txt');
    const write = writeFileAtomic(target, 'not an exhibit', {
      beforeRename: () => assertSameFolder(target, check, 'out/wu-cover-letter.txt'),
    });
    await expect(write).rejects.toThrow(
      /refusing to write out\/wu-cover-letter.txt: its folder changed/,
    );
    expect(readFileSync(exhibit)).toEqual(before);
    expect(readdirSync(path.join(d, 'exhibits/E01')).sort()).toEqual([
      'wu-cover-letter.txt',
      'wu-transactions-2018.csv.txt',
    ]);
  });

  test('a target that is a link to a file elsewhere: that file is replaced, the link stays', async () => {
    const d = copyExample();
    writeFileSync(path.join(d, 'elsewhere.json'), '');
    symlinkSync(path.join(d, 'elsewhere.json'), path.join(d, 'link.json'));
    const { io } = fakeIO({ cwd: d });
    expect(await runSchema({ output: 'link.json' }, io)).toBe(0);
    expect(lstatSync(path.join(d, 'link.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(path.join(d, 'elsewhere.json'), 'utf8'))).toHaveProperty(
      '$schema',
    );
  });
});

describe('file outputs refused before any work', () => {
  test.each([
    ['x.pdf/', /refusing to write x.pdf\/: it ends with a slash/],
    ['missing/x.pdf', /refusing to write missing\/x.pdf: its folder does not exist/],
    ['dossier.yaml/x.pdf', /refusing to write dossier.yaml\/x.pdf: its folder does not exist/],
  ])('%s', async (out, message) => {
    // `render -o x.pdf/` wrote a file x.pdf; `-o missing/x.pdf` failed only after the
    // whole render.
    const { io } = fakeIO({ cwd: dir });
    await expect(runSchema({ output: out }, io)).rejects.toThrow(message);
    expect(existsSync(path.join(dir, 'x.pdf'))).toBe(false);
  });
});

// A helper's sweep (session 33): an exhibit listed under a folder name written in NFC,
// whose folder on disk is the same name in NFD (copied from macOS): verify names that
// file as the exhibit (file-missing, "a folder whose name differs only in Unicode
// normalisation"), and `render -o` / `export -o` replaced it, exit 0.
describe('an exhibit whose folder differs only in Unicode normalisation', () => {
  test('render -o and export -o onto it, or beside it: refused, untouched', async () => {
    const d = copyExample();
    const nfd = 'pie\u0300ces';
    mkdirSync(path.join(d, 'exhibits', nfd));
    const exhibit = path.join(d, 'exhibits', nfd, 'rapport.txt');
    writeFileSync(exhibit, 'scellé fictif\n');
    const root = path.join(d, 'dossier.yaml');
    const listed = '      - path: exhibits/E08/pv-synthese.txt\n';
    const text = readFileSync(root, 'utf8');
    expect(text).toContain(listed);
    writeFileSync(
      root,
      text.replace(
        listed,
        `      - path: exhibits/pi\u00e8ces/rapport.txt\n        sha256: ${sha256Of('scellé fictif\n')}\n${listed}`,
      ),
    );
    const before = readFileSync(exhibit);
    for (const out of [`exhibits/${nfd}/rapport.txt`, `exhibits/${nfd}/new.pdf`]) {
      const render = runRender('dossier.yaml', { output: out }, fakeIO({ cwd: d }).io);
      await expect(render).rejects.toThrow(/it is in the exhibit folder exhibits\/pie\u0300ces/);
      const graph = runExport('dossier.yaml', { to: 'case', output: out }, fakeIO({ cwd: d }).io);
      await expect(graph).rejects.toThrow(/it is in the exhibit folder/);
    }
    expect(readFileSync(exhibit)).toEqual(before);
    expect(existsSync(path.join(d, 'exhibits', nfd, 'new.pdf'))).toBe(false);
  });
});

function sha256Of(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
