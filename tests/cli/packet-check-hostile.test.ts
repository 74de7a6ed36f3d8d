/**
 * `courtfile packet --check` on hostile packets (issue 11, items 10, 11 and 17): it opens
 * nothing outside the packet, never blocks on a FIFO or a device, bounds what it reads of
 * manifest.json, refuses absolute paths and `..`, is linear in entries, and places entry
 * problems at their own line and column. Each test is built from a reproduction.
 * The packets are small fictional folders made here, not rendered documents.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  symlinkSync,
  ftruncateSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { checkPacket } from '../../src/output/check-packet.js';
import { describePacketFiles } from '../../src/output/manifest.js';
import { fakeIO } from '../helpers/fake-io.js';
import { positionOf } from '../helpers/position.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

interface Report {
  errors: number;
  diagnostics: {
    file: string;
    line: number;
    column: number;
    code: string;
    message: string;
    path: (string | number)[];
  }[];
  packet: { files: number; bytes: number; signature: { state: string } };
}

/** `courtfile packet --check DIR --format json` from `cwd`. */
async function check(
  cwd: string,
  dir: string,
): Promise<{ status: number; report: Report; err: string }> {
  const { io, out, err } = fakeIO({ cwd, env: { NO_COLOR: '1' } });
  const status = await main(['packet', '--check', dir, '--format', 'json'], io);
  return { status, report: (out() ? JSON.parse(out()) : {}) as Report, err: err() };
}

const sha256 = (bytes: string | Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** A fictional packet in parent/packet: `files`, and a manifest listing them as courtfile does. */
async function makePacket(
  files: Record<string, string> = {
    'referral.pdf': '%PDF fictional referral\n',
    'evidence-index.pdf': '%PDF fictional index\n',
  },
) {
  const parent = tempDir('courtfile-hostile-');
  const dir = path.join(parent, 'packet');
  mkdirSync(dir);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  const manifest = { format: 'courtfile-packet/1', files: await describePacketFiles(dir) };
  writeManifest(dir, manifest);
  return { parent, dir, manifest };
}

type Entry = { path: unknown; sha256?: unknown; size?: unknown } | unknown;

function writeManifest(
  dir: string,
  manifest: { files: Entry[] } & Record<string, unknown>,
): string {
  const text = JSON.stringify(manifest, null, 2) + '\n';
  writeFileSync(path.join(dir, 'manifest.json'), text);
  return text;
}

/** An outside folder with a file whose hash a forged manifest can list. */
function outsideSecret(): { folder: string; file: string; entry: (p: string) => Entry } {
  const folder = tempDir('courtfile-outside-');
  const file = path.join(folder, 'secret.txt');
  const content = 'fictional content outside the packet\n';
  writeFileSync(file, content);
  return {
    folder,
    file,
    entry: (p) => ({ path: p, sha256: sha256(content), size: Buffer.byteLength(content) }),
  };
}

const codes = (r: Report) => r.diagnostics.map((d) => d.code).sort();

describe('manifest.json that is not a regular file of the packet', () => {
  it('a FIFO: refused at once as not-a-file, exit 1 (it used to hang)', async () => {
    const { parent, dir } = await makePacket();
    rmSync(path.join(dir, 'manifest.json'));
    expect(spawnSync('mkfifo', [path.join(dir, 'manifest.json')]).status).toBe(0);
    const started = Date.now();
    const { status, report } = await check(parent, 'packet');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(status).toBe(1);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({
        code: 'not-a-file',
        file: path.join('packet', 'manifest.json'),
        line: 1,
        column: 1,
      }),
    ]);
    expect(report.diagnostics[0]?.message).toMatch(/FIFO/);
  });

  it('a symbolic link to a valid manifest outside: not followed, exit 1 (it used to pass)', async () => {
    const { parent, dir } = await makePacket();
    const outside = path.join(tempDir('courtfile-outside-'), 'manifest.json');
    renameSync(path.join(dir, 'manifest.json'), outside);
    symlinkSync(outside, path.join(dir, 'manifest.json'));
    const { status, report } = await check(parent, 'packet');
    expect(status).toBe(1);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ code: 'not-a-file', line: 1, column: 1 }),
    ]);
    expect(report.diagnostics[0]?.message).toMatch(/symbolic link/);
  });

  it('a symbolic link to /dev/zero: refused unread, exit 1 (it used to read 600 MB)', async () => {
    const { parent, dir } = await makePacket();
    rmSync(path.join(dir, 'manifest.json'));
    symlinkSync('/dev/zero', path.join(dir, 'manifest.json'));
    const { status, report } = await check(parent, 'packet');
    expect(status).toBe(1);
    expect(codes(report)).toEqual(['not-a-file']);
  });

  it.skipIf(process.getuid?.() !== 0)(
    'a character device (root only): refused unopened, exit 1',
    async () => {
      const { parent, dir } = await makePacket();
      rmSync(path.join(dir, 'manifest.json'));
      expect(spawnSync('mknod', [path.join(dir, 'manifest.json'), 'c', '1', '5']).status).toBe(0);
      const { status, report } = await check(parent, 'packet');
      expect(status).toBe(1);
      expect(report.diagnostics).toEqual([expect.objectContaining({ code: 'not-a-file' })]);
      expect(report.diagnostics[0]?.message).toMatch(/character device/);
    },
  );

  it('larger than the limit (64 MiB): a located manifest error, nothing read, exit 1', async () => {
    const { parent, dir } = await makePacket();
    const fd = openSync(path.join(dir, 'manifest.json'), 'r+');
    ftruncateSync(fd, 64 * 1024 * 1024 + 1); // sparse: no 64 MiB written to disk
    closeSync(fd);
    const { status, report } = await check(parent, 'packet');
    expect(status).toBe(1);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ code: 'manifest', line: 1, column: 1 }),
    ]);
    expect(report.diagnostics[0]?.message).toMatch(/67108865 bytes, more than/);
  });

  it('a million empty entries: refused at the limit of values, with bounded memory (it ran out of memory)', async () => {
    const { parent, dir } = await makePacket();
    const text = `{"files": [${'{},'.repeat(1_000_000)}{}]}`;
    writeFileSync(path.join(dir, 'manifest.json'), text);
    // Values: the top object, "files", then entry k is value k + 3; entry 999,998 is one too many.
    const { status, report } = await check(parent, 'packet');
    expect(status).toBe(1);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ code: 'manifest', line: 1, column: 12 + 3 * 999_998 }),
    ]);
    expect(report.diagnostics[0]?.message).toMatch(/more than 1000000 values/);
  });

  it('a manifest missing altogether is still exit 2 (the tool cannot do its job)', async () => {
    const { parent, dir } = await makePacket();
    rmSync(path.join(dir, 'manifest.json'));
    const { status, err } = await check(parent, 'packet');
    expect(status).toBe(2);
    expect(err).toMatch(/cannot read packet\/manifest\.json: no such file or directory/);
  });
});

describe('listed paths that lead out of the packet', () => {
  it('sub/x under a symbolic link sub -> /outside: path-outside at the entry, never opened', async () => {
    const { parent, dir, manifest } = await makePacket();
    const secret = outsideSecret();
    symlinkSync(secret.folder, path.join(dir, 'sub'));
    const text = writeManifest(dir, {
      ...manifest,
      files: [...manifest.files, secret.entry('sub/secret.txt')],
    });
    const { status, report } = await check(parent, 'packet');
    expect(status).toBe(1);
    // One finding: the link itself is not also reported as "not in its manifest".
    expect(report.diagnostics).toEqual([
      expect.objectContaining({
        code: 'path-outside',
        path: ['files', 2, 'path'],
        ...positionOf(text, '"path": "sub/secret.txt"'),
      }),
    ]);
    expect(report.diagnostics[0]?.message).toMatch(/"sub", a symbolic link/);
    expect(report.packet.bytes).toBe(
      manifest.files.reduce((sum, f) => sum + f.size, 0), // the outside file was not hashed
    );
  });

  it('a listed symbolic link to a file outside: not-a-file, not followed', async () => {
    const { parent, dir, manifest } = await makePacket();
    const secret = outsideSecret();
    symlinkSync(secret.file, path.join(dir, 'copy.txt'));
    writeManifest(dir, { ...manifest, files: [...manifest.files, secret.entry('copy.txt')] });
    const { status, report } = await check(parent, 'packet');
    expect(status).toBe(1);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ code: 'not-a-file', path: ['files', 2, 'path'] }),
    ]);
  });

  it('a listed symbolic link to /dev/zero: not-a-file, nothing read', async () => {
    const { parent, dir, manifest } = await makePacket();
    symlinkSync('/dev/zero', path.join(dir, 'zero.bin'));
    writeManifest(dir, {
      ...manifest,
      files: [...manifest.files, { path: 'zero.bin', sha256: '0'.repeat(64), size: 1 }],
    });
    const started = Date.now();
    const { status, report } = await check(parent, 'packet');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(status).toBe(1);
    expect(codes(report)).toEqual(['not-a-file']);
  });

  it('a listed FIFO inside the packet: not-a-file, no hang', async () => {
    const { parent, dir, manifest } = await makePacket();
    expect(spawnSync('mkfifo', [path.join(dir, 'pipe')]).status).toBe(0);
    writeManifest(dir, {
      ...manifest,
      files: [...manifest.files, { path: 'pipe', sha256: '0'.repeat(64), size: 0 }],
    });
    const { status, report } = await check(parent, 'packet');
    expect(status).toBe(1);
    expect(codes(report)).toEqual(['not-a-file']);
  });

  it('an absolute path pointing inside the packet: path-outside (it used to pass)', async () => {
    const { parent, dir, manifest } = await makePacket();
    const real = manifest.files[0]!;
    const absolute = { ...real, path: path.join(dir, real.path) };
    const text = writeManifest(dir, { ...manifest, files: [absolute, manifest.files[1]!] });
    const { status, report } = await check(parent, 'packet');
    expect(status).toBe(1);
    // The file is now listed by no entry: reported at "files", before the entry.
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ code: 'manifest', path: ['files'] }),
      expect.objectContaining({
        code: 'path-outside',
        path: ['files', 0, 'path'],
        ...positionOf(text, `"path": ${JSON.stringify(absolute.path)}`),
      }),
    ]);
    expect(report.diagnostics[1]?.message).toMatch(/absolute path/);
  });

  // The last column: whether the first file is then reported as "not in its manifest":
  // not when the refused path names it on paper (an audit: `data/../evidence-index.pdf`
  // gave both, where an entry with a problem is to count as listing its file).
  it.each([
    ['a ".." segment that stays inside', 'sub/../referral.pdf', /".." segment/, false],
    ['a ".." that leaves', '../packet/referral.pdf', /".." segment/, true],
    ['a backslash', 'sub\\referral.pdf', /backslash/, true],
    ['a Windows drive', 'C:/referral.pdf', /absolute/, true],
  ])('%s: path-outside', async (_, listed, message, unlisted) => {
    const { parent, dir, manifest } = await makePacket();
    mkdirSync(path.join(dir, 'sub'));
    const [first, second] = manifest.files as [
      { path: string; sha256: string; size: number },
      Entry,
    ];
    // `referral.pdf` in the cases stands for the first entry's file.
    writeManifest(dir, {
      ...manifest,
      files: [{ ...first, path: listed.replace('referral.pdf', first.path) }, second],
    });
    const { status, report } = await check(parent, 'packet');
    expect(status).toBe(1);
    const outside = report.diagnostics.filter((d) => d.code === 'path-outside');
    expect(outside).toEqual([expect.objectContaining({ path: ['files', 0, 'path'] })]);
    expect(outside[0]?.message).toMatch(message);
    const notListed = report.diagnostics.filter(
      (d) =>
        d.code === 'manifest' &&
        d.message.includes(`"${first.path}"`) &&
        d.message.includes('not in its manifest'),
    );
    expect(notListed).toHaveLength(unlisted ? 1 : 0);
  });
});

// An audit (session 27): `./referral.pdf`, `referral.pdf/`, `data//x` and `data/./x` passed
// the check, as did sizes written `65583.0000000000001` or `6.5583e4`; a packet never
// writes them so, and the dossier side refuses such paths.
describe('paths and sizes written otherwise than a packet writes them', () => {
  it.each([['./referral.pdf'], ['referral.pdf/'], ['sub//referral.pdf'], ['sub/./referral.pdf']])(
    '%s: a manifest error at the path; the file counts as listed',
    async (listed) => {
      const { parent, dir, manifest } = await makePacket({
        'sub/referral.pdf': '%PDF fictional referral\n',
        'referral.pdf': '%PDF fictional top\n',
      });
      const files = manifest.files as { path: string; sha256: string; size: number }[];
      const target = files.find(
        (f) =>
          f.path ===
          listed.replace('/./', '/').replace('//', '/').replace(/^\.\//, '').replace(/\/$/, ''),
      )!;
      writeManifest(dir, {
        ...manifest,
        files: files.map((f) => (f === target ? { ...f, path: listed } : f)),
      });
      const { status, report } = await check(parent, 'packet');
      expect(status).toBe(1);
      expect(report.diagnostics).toEqual([
        expect.objectContaining({
          code: 'manifest',
          path: ['files', files.indexOf(target), 'path'],
          message: expect.stringContaining(
            `"path" is not written as a packet's paths are: "${listed}" for "${target.path}"`,
          ),
        }),
      ]);
    },
  );

  it('a size in digits after any amount of white space is read as such (a review)', async () => {
    const { parent, dir, manifest } = await makePacket();
    const text = writeManifest(dir, manifest);
    writeFileSync(
      path.join(dir, 'manifest.json'),
      text.replaceAll('"size": ', `"size":${' '.repeat(70)}\n `),
    );
    const { status, report } = await check(parent, 'packet');
    expect([status, report.diagnostics]).toEqual([0, []]);
  });

  it.each([['65583.0000000000001'], ['6.5583e4']])(
    'a size written %s: a manifest error',
    async (written) => {
      const { parent, dir, manifest } = await makePacket();
      const text = writeManifest(dir, manifest);
      const first = manifest.files[0] as { size: number };
      writeFileSync(
        path.join(dir, 'manifest.json'),
        text.replace(
          `"size": ${first.size}`,
          `"size": ${written.replace('65583', String(first.size)).replace('6.5583e4', `${first.size / 10}e1`)}`,
        ),
      );
      const { status, report } = await check(parent, 'packet');
      expect(status).toBe(1);
      expect(report.diagnostics.map((d) => [d.code, d.path])).toContainEqual([
        'manifest',
        ['files', 0, 'size'],
      ]);
    },
  );
});

// Audit (session 29): a size of digits only, too large to be read exactly, was called
// "not a whole number of bytes".
describe('a size of 26 digits in the manifest', () => {
  it('is out of range, said as verify says it', async () => {
    const { parent, dir, manifest } = await makePacket();
    const text = writeManifest(dir, manifest);
    const first = manifest.files[0] as { size: number };
    writeFileSync(
      path.join(dir, 'manifest.json'),
      text.replace(`"size": ${first.size}`, '"size": 99999999999999999999999999'),
    );
    const { status, report } = await check(parent, 'packet');
    expect(status).toBe(1);
    const found = report.diagnostics.find((d) => d.path.join('.') === 'files.0.size');
    expect(found?.message).toContain(
      '"size" is out of range: a whole number of bytes from 0 to 9007199254740991',
    );
  });
});

describe('an empty folder in the packet (audit, session 25)', () => {
  it('is reported as not in its manifest, once, with the folders that hold files left alone', async () => {
    const { parent, dir } = await makePacket();
    mkdirSync(path.join(dir, 'empty', 'deeper'), { recursive: true });
    const { status, report } = await check(parent, 'packet');
    expect(status).toBe(1);
    // `empty` holds `deeper`: only the innermost, empty one is reported.
    expect(report.diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        'manifest',
        expect.stringContaining(
          '"empty/deeper/" is in the packet but not in its manifest (an empty folder)',
        ),
      ],
    ]);
  });
});

// Hostile sweep (session 39): a folder whose name is not UTF-8 made the listing fail
// ("cannot list the packet: no such file or directory", exit 2, no location).
describe('a name in the packet that is not UTF-8', () => {
  it.skipIf(process.platform !== 'linux')(
    'is reported as not in its manifest, by its bytes, exit 1; a file named with those escapes stays apart',
    async () => {
      const { parent, dir } = await makePacket();
      const odd = Buffer.concat([Buffer.from(path.join(dir, 'd')), Buffer.from([0xff])]);
      mkdirSync(odd);
      writeFileSync(Buffer.concat([odd, Buffer.from('/f')]), 'FICTIONAL');
      writeFileSync(path.join(dir, 'd\\xff'), 'FICTIONAL look-alike');
      const { status, report } = await check(parent, 'packet');
      expect(status).toBe(1);
      const said = report.diagnostics.map((d) => `${d.code}: ${d.message}`);
      expect(said).toHaveLength(2);
      expect(said).toContainEqual(
        expect.stringContaining(
          'manifest: "d\\xff" is in the packet but not in its manifest (a name that is not UTF-8, its other bytes written \\xHH)',
        ),
      );
      expect(said).toContainEqual(
        expect.stringMatching(/^manifest: "d\\xff" is in the packet but not in its manifest$/),
      );
    },
  );
});

describe('manifest problems are placed at their own line and column', () => {
  it('an entry without sha256: at that entry, and its file is not "not in its manifest"', async () => {
    const { parent, dir, manifest } = await makePacket();
    const [first, second] = manifest.files as [
      { path: string; size: number },
      { path: string; sha256: string; size: number },
    ];
    const text = writeManifest(dir, {
      ...manifest,
      files: [
        { path: first.path, size: first.size },
        { ...second, size: 'big' },
      ],
    });
    const { status, report } = await check(parent, 'packet');
    expect(status).toBe(1);
    expect(report.diagnostics).toEqual([
      // The entry has no "sha256" key: its opening brace.
      expect.objectContaining({
        code: 'manifest',
        path: ['files', 0, 'sha256'],
        ...positionOf(text, { after: '"files": [', find: '{' }),
      }),
      expect.objectContaining({
        code: 'manifest',
        path: ['files', 1, 'size'],
        ...positionOf(text, '"size": "big"'),
      }),
    ]);
    expect(report.diagnostics.some((d) => /not in its manifest/.test(d.message))).toBe(false);
  });

  it('on a one-line manifest, mismatches point at their own column', async () => {
    const { parent, dir, manifest } = await makePacket();
    writeFileSync(path.join(dir, 'referral.pdf'), '%PDF altered\n');
    const text = JSON.stringify(manifest);
    writeFileSync(path.join(dir, 'manifest.json'), text);
    const { status, report } = await check(parent, 'packet');
    expect(status).toBe(1);
    const i = manifest.files.findIndex((f) => f.path === 'referral.pdf');
    expect(report.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      [
        'hash-mismatch',
        1,
        positionOf(text, { after: '"path":"referral.pdf"', find: '"sha256"' }).column,
      ],
      [
        'size-mismatch',
        1,
        positionOf(text, { after: '"path":"referral.pdf"', find: '"size"' }).column,
      ],
    ]);
    expect(report.diagnostics[0]?.path).toEqual(['files', i, 'sha256']);
  });

  it('a JSON syntax error at its line; a key written twice; deep nesting', async () => {
    const { parent, dir } = await makePacket();
    const file = path.join(dir, 'manifest.json');
    writeFileSync(file, '{\n  "files": [\n    {"path": "a" "sha256": "x"}\n  ]\n}\n');
    let { status, report } = await check(parent, 'packet');
    expect(status).toBe(1);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ code: 'manifest', line: 3, column: 18 }),
    ]);

    const twice =
      '{\n  "files": [],\n  "files": [{"path": "../../etc/passwd", "sha256": "", "size": 0}]\n}\n';
    writeFileSync(file, twice);
    ({ status, report } = await check(parent, 'packet'));
    expect(status).toBe(1);
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'manifest',
        ...positionOf(twice, '"files": [{'),
      }),
    );

    writeFileSync(file, '['.repeat(100_000));
    ({ status, report } = await check(parent, 'packet'));
    expect(status).toBe(1);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ code: 'manifest', line: 1, column: 65 }),
    ]);
    expect(report.diagnostics[0]?.message).toMatch(/nested more than 64/);
  });

  it('invalid UTF-8 in the manifest: located at the bad byte', async () => {
    const { parent, dir } = await makePacket();
    writeFileSync(
      path.join(dir, 'manifest.json'),
      Buffer.concat([Buffer.from('{\n  "files": ["'), Buffer.from([0xff]), Buffer.from('"]\n}\n')]),
    );
    const { status, report } = await check(parent, 'packet');
    expect(status).toBe(1);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ code: 'manifest', line: 2, column: 14 }),
    ]);
  });
});

describe('files of every size', () => {
  it('a 3 MiB file is hashed too, and one changed byte in it is found', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 'fictional ');
    const { parent, dir, manifest } = await makePacket({ 'annex.bin': big.toString('latin1') });
    let { status, report } = await check(parent, 'packet');
    expect(status).toBe(0);
    expect(report.packet).toEqual({ files: 1, bytes: big.length, signature: { state: 'absent' } });
    big[big.length - 10] = 0x21;
    writeFileSync(path.join(dir, 'annex.bin'), big);
    ({ status, report } = await check(parent, 'packet'));
    expect(status).toBe(1);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ code: 'hash-mismatch', path: ['files', 0, 'sha256'] }),
    ]);
    expect(report.diagnostics[0]?.message).toContain(sha256(big));
    expect(manifest.files[0]?.size).toBe(big.length);
  });
});

describe('cost is linear in the number of entries', () => {
  /** CPU time of one in-process check (less sensitive than wall time to a busy machine). */
  async function cpuSeconds(
    dir: string,
  ): Promise<{ seconds: number; diagnostics: number; files: number }> {
    const before = process.cpuUsage();
    const result = await checkPacket(dir, '/');
    const used = process.cpuUsage(before);
    return {
      seconds: (used.user + used.system) / 1e6,
      diagnostics: result.diagnostics.length,
      files: result.files,
    };
  }

  it('20,000 files present: well under the 12 s it used to take', async () => {
    const parent = tempDir('courtfile-large-');
    const dir = path.join(parent, 'packet');
    mkdirSync(dir);
    const files: { path: string; sha256: string; size: number }[] = [];
    for (let i = 0; i < 20_000; i++) {
      const name = `f${String(i).padStart(5, '0')}.txt`;
      const content = `fictional file ${i}\n`;
      writeFileSync(path.join(dir, name), content);
      files.push({ path: name, sha256: sha256(content), size: content.length });
    }
    writeManifest(dir, { files });
    const run = await cpuSeconds(dir);
    expect(run).toMatchObject({ diagnostics: 0, files: 20_000 });
    // About 0.5 s on an idle machine; the quadratic search took 12 s.
    expect(run.seconds).toBeLessThan(4);
  }, 120_000);

  it('at most 500,000 problems are kept, then one says the check stopped', async () => {
    const parent = tempDir('courtfile-large-');
    const dir = path.join(parent, 'packet');
    mkdirSync(dir);
    // Three problems in each of 240,000 entries: 720,000 in all.
    const entry = '{"path": 1, "sha256": 1, "size": "a"}';
    writeFileSync(
      path.join(dir, 'manifest.json'),
      `{"files": [${Array(240_000).fill(entry).join(',')}]}`,
    );
    const result = await checkPacket(dir, '/');
    expect(result.diagnostics).toHaveLength(500_001);
    expect(result.diagnostics[0]).toMatchObject({ code: 'manifest', line: 1, column: 1 });
    expect(result.diagnostics[0]?.message).toMatch(
      /more than 500000 problems: the check stopped there, and 220000 or more/,
    );
  }, 120_000);

  it('200,000 entries (files missing): seconds, not the 120 s and more it used to take', async () => {
    const parent = tempDir('courtfile-large-');
    const dir = path.join(parent, 'packet');
    mkdirSync(dir);
    const files = Array.from({ length: 200_000 }, (_, i) => ({
      path: `m${String(i).padStart(6, '0')}.pdf`,
      sha256: '0'.repeat(64),
      size: 1,
    }));
    const text = writeManifest(dir, { files });
    expect(text.length).toBeGreaterThan(20_000_000);
    const run = await cpuSeconds(dir);
    expect(run).toMatchObject({ diagnostics: 200_000, files: 200_000 });
    expect(run.seconds).toBeLessThan(20);
  }, 180_000);
});
