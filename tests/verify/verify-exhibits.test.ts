import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InterruptedError } from '../../src/errors.js';
import { verifyExhibits } from '../../src/verify/verify-exhibits.js';
import { codesAt, dossierWith, makeTempDir, sha256, writeExhibitFile } from './support/fixture.js';

const onWindows = process.platform === 'win32';
const isRoot = process.getuid?.() === 0;

let root: string;
let outside: string;
beforeEach(async () => {
  root = await makeTempDir();
  outside = await makeTempDir('courtfile-outside-');
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
  await fs.rm(outside, { recursive: true, force: true });
});

describe('verifyExhibits', () => {
  it('accepts intact files and counts them', async () => {
    const a = await writeExhibitFile(root, 'exhibits/E1/a.pdf', 'alpha');
    const b = await writeExhibitFile(root, 'exhibits/E1/b.csv', 'bravo bravo');
    const c = await writeExhibitFile(root, 'exhibits/E2/c.txt', '');
    const result = await verifyExhibits(dossierWith(root, [[a, b], [c]]));
    expect(result.findings).toEqual([]);
    expect(result).toMatchObject({ files: 3, ok: 3, bytes: 5 + 11 });
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it('reports a flipped byte of the same size as hash-mismatch only, at the file entry', async () => {
    const a = await writeExhibitFile(root, 'a.bin', 'original');
    const b = await writeExhibitFile(root, 'b.bin', 'untouched');
    await fs.writeFile(path.join(root, 'b.bin'), 'untoucheD');
    const result = await verifyExhibits(dossierWith(root, [[a, b]]));
    expect(result.findings).toEqual([
      expect.objectContaining({
        code: 'hash-mismatch',
        severity: 'error',
        file: 'dossier.yaml',
        path: ['evidence', 0, 'files', 1],
        anchor: 'value',
      }),
    ]);
    expect(result.findings[0]?.message).toContain(sha256('untoucheD'));
    expect(result.ok).toBe(1);
  });

  it('reports an appended byte as size-mismatch and hash-mismatch', async () => {
    const a = await writeExhibitFile(root, 'a.bin', 'original');
    await fs.appendFile(path.join(root, 'a.bin'), 'x');
    const result = await verifyExhibits(dossierWith(root, [[a]]));
    expect(codesAt(result.findings)).toEqual([
      'size-mismatch@evidence.0.files.0',
      'hash-mismatch@evidence.0.files.0',
    ]);
  });

  it('checks the hash alone when no size is declared', async () => {
    const a = await writeExhibitFile(root, 'a.bin', 'original');
    await fs.appendFile(path.join(root, 'a.bin'), 'x');
    const result = await verifyExhibits(dossierWith(root, [[{ path: a.path, sha256: a.sha256 }]]));
    expect(codesAt(result.findings)).toEqual(['hash-mismatch@evidence.0.files.0']);
  });

  it('compares the declared hash case-insensitively', async () => {
    const a = await writeExhibitFile(root, 'a.bin', 'original');
    const result = await verifyExhibits(
      dossierWith(root, [[{ ...a, sha256: a.sha256.toUpperCase() }]]),
    );
    expect(result.findings).toEqual([]);
  });

  it('reports a missing file', async () => {
    const result = await verifyExhibits(
      dossierWith(root, [[{ path: 'nope/missing.pdf', sha256: sha256('') }]]),
    );
    expect(codesAt(result.findings)).toEqual(['file-missing@evidence.0.files.0']);
    expect(result.ok).toBe(0);
  });

  it('a missing file with a Unicode look-alike (NFC written, NFD on disk) says why', async () => {
    const nfd = 'exhibits/E1/releve\u0301.csv';
    const nfc = nfd.normalize('NFC');
    const a = await writeExhibitFile(root, nfd, 'fictional');
    const result = await verifyExhibits(dossierWith(root, [[{ ...a, path: nfc }]]));
    expect(codesAt(result.findings)).toEqual(['file-missing@evidence.0.files.0']);
    expect(result.findings[0]?.message).toBe(
      `exhibit file "${nfc}" not found; a file whose name differs only in Unicode normalisation exists: "${nfd}"`,
    );
  });

  // An audit: a folder copied from macOS (NFD) under a path indexed in NFC gave a plain
  // "does not exist" with two names that look the same.
  it('a missing file whose folder is a Unicode look-alike (NFC written, NFD on disk) says so, names both', async () => {
    const nfd = 'exhibits/Pie\u0300ces/sous-dossie\u0301/a.csv';
    const nfc = nfd.normalize('NFC');
    const a = await writeExhibitFile(root, nfd, 'fictional');
    const result = await verifyExhibits(dossierWith(root, [[{ ...a, path: nfc }]]));
    expect(codesAt(result.findings)).toEqual(['file-missing@evidence.0.files.0']);
    expect(result.findings[0]?.message).toBe(
      `exhibit file "${nfc}" not found; it exists under a folder whose name differs only in Unicode normalisation: "${nfd}"`,
    );
    // Folder and file name both in the other form.
    const both = 'exhibits/Pie\u0300ces/releve\u0301.csv';
    const b = await writeExhibitFile(root, both, 'fictional too');
    const second = await verifyExhibits(
      dossierWith(root, [[{ ...b, path: both.normalize('NFC') }]]),
    );
    expect(second.findings[0]?.message).toBe(
      `exhibit file "${both.normalize('NFC')}" not found; a file whose name differs only in Unicode normalisation exists: "${both}"`,
    );
    // No look-alike anywhere: the plain message.
    const none = await verifyExhibits(
      dossierWith(root, [[{ ...a, path: 'exhibits/Pièces/autre/a.csv' }]]),
    );
    expect(none.findings[0]?.message).toBe(
      'exhibit file "exhibits/Pièces/autre/a.csv" does not exist',
    );
  });

  // Hostile sweep (session 39): `exhibits/Z/../E1/f`, Z a link out of the root, was read
  // as `exhibits/E1/f` by its text, where the system (and sha256sum) reads the file beside
  // Z's target: the check passed on another file than the one the path names.
  it.skipIf(onWindows)(
    'reads `..` after a linked folder as the system does: from where the link leads',
    async () => {
      const inside = await writeExhibitFile(root, 'exhibits/E1/f.txt', 'FICTIONAL inside');
      await fs.mkdir(path.join(outside, 'Z'));
      await fs.mkdir(path.join(outside, 'E1'));
      await fs.writeFile(path.join(outside, 'E1', 'f.txt'), 'FICTIONAL outside');
      await fs.symlink(path.join(outside, 'Z'), path.join(root, 'exhibits', 'Z'));
      const result = await verifyExhibits(
        dossierWith(root, [[{ ...inside, path: 'exhibits/Z/../E1/f.txt' }]]),
      );
      expect(codesAt(result.findings)).toEqual(['path-outside@evidence.0.files.0']);
      expect(result.findings[0]?.message).toContain(
        `resolves through a symbolic link to ${path.join(await fs.realpath(outside), 'E1', 'f.txt')}, outside the dossier root`,
      );
      // Z a link to another folder of the root: inside, but another file than the one its
      // text names, which the outputs' guard and import read (a review): refused too.
      await writeExhibitFile(root, 'other/sub/keep.txt', 'FICTIONAL');
      await fs.writeFile(path.join(root, 'other', 'letter.txt'), 'FICTIONAL sealed');
      await fs.writeFile(path.join(root, 'exhibits', 'letter.txt'), 'FICTIONAL decoy');
      await fs.symlink(path.join(root, 'other', 'sub'), path.join(root, 'exhibits', 'W'));
      const sealed = {
        path: 'exhibits/W/../letter.txt',
        sha256: sha256('FICTIONAL sealed'),
        size: 16,
      };
      const within = await verifyExhibits(dossierWith(root, [[sealed]]));
      expect(codesAt(within.findings)).toEqual(['path-outside@evidence.0.files.0']);
      expect(within.findings[0]?.message).toContain(
        `has a ".." after a symbolic link: the system reads ${path.join(await fs.realpath(root), 'other', 'letter.txt')}, where its text names ${path.join(await fs.realpath(root), 'exhibits', 'letter.txt')}; write the path without ".."`,
      );
      // Through a folder that is no link, `..` stays where it is: the file is checked.
      await fs.mkdir(path.join(root, 'exhibits', 'Y'));
      const plain = await verifyExhibits(
        dossierWith(root, [[{ ...inside, path: 'exhibits/Y/../E1/f.txt' }]]),
      );
      expect(plain.findings).toEqual([]);
      expect(plain.ok).toBe(1);
    },
  );

  it('rejects paths that leave the root lexically, without touching the disk', async () => {
    await fs.writeFile(path.join(outside, 'x.bin'), 'x');
    const rel = path.relative(root, path.join(outside, 'x.bin')).split(path.sep).join('/');
    const result = await verifyExhibits(
      dossierWith(root, [
        [
          { path: rel, sha256: sha256('x') },
          { path: path.join(outside, 'x.bin'), sha256: sha256('x') },
        ],
      ]),
    );
    expect(codesAt(result.findings)).toEqual([
      'path-outside@evidence.0.files.0',
      'path-outside@evidence.0.files.1',
    ]);
    expect(result.bytes).toBe(0);
  });

  it.skipIf(onWindows)(
    'rejects what validate rejects as written: `..` behind a backslash, the root itself',
    async () => {
      // On POSIX `..\\x.bin` is one name inside the root; validate reads the backslash as a
      // separator (the index may come from Windows) and reports the path: verify agrees.
      await fs.writeFile(path.join(root, '..\\x.bin'), 'x');
      const result = await verifyExhibits(
        dossierWith(root, [
          [
            { path: '..\\x.bin', sha256: sha256('x') },
            { path: '.', sha256: sha256('x') },
          ],
        ]),
      );
      expect(codesAt(result.findings)).toEqual([
        'path-outside@evidence.0.files.0',
        'path-outside@evidence.0.files.1',
      ]);
      expect(result.findings.map((f) => f.message)).toEqual([
        'exhibit path "..\\x.bin" leaves the dossier root',
        'exhibit path "." names the dossier root itself, not a file',
      ]);
      expect(result.bytes).toBe(0);
    },
  );

  it.skipIf(onWindows)(
    'rejects a symbolic link to an outside file even with identical content, without hashing it',
    async () => {
      await fs.writeFile(path.join(outside, 'same.pdf'), 'same content');
      await fs.symlink(path.join(outside, 'same.pdf'), path.join(root, 'link.pdf'));
      const result = await verifyExhibits(
        dossierWith(root, [[{ path: 'link.pdf', sha256: sha256('same content') }]]),
      );
      expect(codesAt(result.findings)).toEqual(['path-outside@evidence.0.files.0']);
      expect(result.bytes).toBe(0);
    },
  );

  it.skipIf(onWindows)(
    'rejects files under a symlinked folder that escapes the root, present or not',
    async () => {
      await fs.writeFile(path.join(outside, 'doc.pdf'), 'doc');
      await fs.mkdir(path.join(root, 'exhibits'));
      await fs.symlink(outside, path.join(root, 'exhibits', 'seized'));
      const result = await verifyExhibits(
        dossierWith(root, [
          [
            { path: 'exhibits/seized/doc.pdf', sha256: sha256('doc') },
            { path: 'exhibits/seized/absent.pdf', sha256: sha256('doc') },
            { path: 'exhibits/seized/deeper/absent.pdf', sha256: sha256('doc') },
          ],
        ]),
      );
      expect(codesAt(result.findings)).toEqual([
        'path-outside@evidence.0.files.0',
        'path-outside@evidence.0.files.1',
        'path-outside@evidence.0.files.2',
      ]);
      expect(result.bytes).toBe(0);
    },
  );

  it.skipIf(onWindows)(
    'rejects a dangling symbolic link that points outside, reports one inside as missing',
    async () => {
      await fs.symlink(path.join(outside, 'gone.pdf'), path.join(root, 'out.pdf'));
      await fs.symlink('gone.pdf', path.join(root, 'in.pdf'));
      const result = await verifyExhibits(
        dossierWith(root, [
          [
            { path: 'out.pdf', sha256: sha256('') },
            { path: 'in.pdf', sha256: sha256('') },
          ],
        ]),
      );
      expect(codesAt(result.findings)).toEqual([
        'path-outside@evidence.0.files.0',
        'file-missing@evidence.0.files.1',
      ]);
    },
  );

  it.skipIf(onWindows)('follows symbolic links that stay inside the root', async () => {
    const real = await writeExhibitFile(root, 'store/real.pdf', 'real');
    await fs.symlink('store', path.join(root, 'alias'));
    await fs.symlink('store/real.pdf', path.join(root, 'link.pdf'));
    const result = await verifyExhibits(
      dossierWith(root, [
        [
          { ...real, path: 'alias/real.pdf' },
          { ...real, path: 'link.pdf' },
        ],
      ]),
    );
    expect(result.findings).toEqual([]);
    expect(result.bytes).toBe(4); // one file behind both paths: hashed once
  });

  it.skipIf(onWindows)(
    'reports a FIFO as not-a-file without blocking',
    async () => {
      execFileSync('mkfifo', [path.join(root, 'pipe.pdf')]);
      const result = await verifyExhibits(
        dossierWith(root, [[{ path: 'pipe.pdf', sha256: sha256('') }]]),
      );
      expect(codesAt(result.findings)).toEqual(['not-a-file@evidence.0.files.0']);
      expect(result.findings[0]?.message).toMatch(/FIFO/);
    },
    5_000,
  );

  it('reports a directory as not-a-file', async () => {
    await fs.mkdir(path.join(root, 'folder.pdf'));
    const result = await verifyExhibits(
      dossierWith(root, [[{ path: 'folder.pdf', sha256: sha256('') }]]),
    );
    expect(codesAt(result.findings)).toEqual(['not-a-file@evidence.0.files.0']);
    expect(result.findings[0]?.message).toMatch(/directory/);
  });

  it('reports a file that changes while it is hashed', async () => {
    const a = await writeExhibitFile(root, 'a.log', 'line 1\n');
    const b = await writeExhibitFile(root, 'b.log', 'stable\n');
    const result = await verifyExhibits(dossierWith(root, [[a, b]]), {
      beforeFinish: async (absPath) => {
        if (path.basename(absPath) === 'a.log') await fs.appendFile(absPath, 'line 2\n');
      },
    });
    expect(codesAt(result.findings)).toEqual(['file-changed@evidence.0.files.0']);
  });

  it('reports a file rewritten in place with the same size while it is hashed', async () => {
    const a = await writeExhibitFile(root, 'a.log', 'AAAA');
    const result = await verifyExhibits(dossierWith(root, [[a]]), {
      beforeFinish: async (absPath) => {
        const h = await fs.open(absPath, 'r+');
        await h.write('B', 0);
        await h.close();
      },
    });
    expect(codesAt(result.findings)).toEqual(['file-changed@evidence.0.files.0']);
  });

  // Caught by the change time: unlinking the hashed inode (rename over it, rm) moves
  // its ctime, so the second fstat differs even though its bytes did not change.
  it('reports a file replaced (renamed over) or removed while it is hashed', async () => {
    const a = await writeExhibitFile(root, 'a.log', 'same bytes\n');
    const b = await writeExhibitFile(root, 'b.log', 'stable\n');
    const c = await writeExhibitFile(root, 'c.log', 'gone soon\n');
    const result = await verifyExhibits(dossierWith(root, [[a, b, c]]), {
      beforeFinish: async (absPath) => {
        const name = path.basename(absPath);
        if (name === 'a.log') {
          // Same content, another file: the hashed bytes match, the path does not name them.
          await fs.writeFile(path.join(root, 'a.new'), 'same bytes\n');
          await fs.rename(path.join(root, 'a.new'), absPath);
        }
        if (name === 'c.log') await fs.rm(absPath);
      },
    });
    expect(codesAt(result.findings)).toEqual([
      'file-changed@evidence.0.files.0',
      'file-changed@evidence.0.files.2',
    ]);
  });

  it('warns about a file with several hard links, and still counts it as ok', async () => {
    const a = await writeExhibitFile(root, 'a.pdf', 'linked');
    await fs.link(path.join(root, 'a.pdf'), path.join(outside, 'elsewhere.pdf'));
    const result = await verifyExhibits(dossierWith(root, [[a]]));
    expect(result.findings).toEqual([
      expect.objectContaining({
        code: 'hard-link',
        severity: 'warning',
        path: ['evidence', 0, 'files', 0],
      }),
    ]);
    expect(result.findings[0]?.message).toContain('2 hard links');
    expect(result.ok).toBe(1);
  });

  it.skipIf(onWindows || isRoot)('reports a file that cannot be read', async () => {
    const a = await writeExhibitFile(root, 'secret.pdf', 'secret');
    await fs.chmod(path.join(root, 'secret.pdf'), 0o000);
    const result = await verifyExhibits(dossierWith(root, [[a]]));
    expect(codesAt(result.findings)).toEqual(['file-unreadable@evidence.0.files.0']);
  });

  it('hashes a file listed twice once, and checks each entry against its own declaration', async () => {
    const a = await writeExhibitFile(root, 'shared.pdf', 'shared bytes');
    const result = await verifyExhibits(
      dossierWith(root, [[a], [{ ...a, sha256: sha256('other') }]]),
    );
    expect(codesAt(result.findings)).toEqual(['hash-mismatch@evidence.1.files.0']);
    expect(result).toMatchObject({ files: 2, ok: 1, bytes: 12 });
  });

  it('keeps findings in index order whatever the completion order', async () => {
    const big = Buffer.alloc(8 * 1024 * 1024, 1);
    const exhibits = [];
    for (let i = 0; i < 6; i++) {
      const content = i % 2 === 0 ? big : `small ${i}`;
      const spec = await writeExhibitFile(root, `f${i}.bin`, content);
      exhibits.push([{ ...spec, sha256: sha256('wrong') }]);
    }
    exhibits.push([{ path: 'missing.bin', sha256: sha256('') }]);
    const result = await verifyExhibits(dossierWith(root, exhibits), { concurrency: 4 });
    expect(codesAt(result.findings)).toEqual([
      ...[0, 1, 2, 3, 4, 5].map((i) => `hash-mismatch@evidence.${i}.files.0`),
      'file-missing@evidence.6.files.0',
    ]);
  });

  it('reports progress up to the total', async () => {
    const a = await writeExhibitFile(root, 'a.bin', Buffer.alloc(3 * 1024 * 1024 + 5, 7));
    const b = await writeExhibitFile(root, 'b.bin', 'small');
    const calls: [number, number][] = [];
    await verifyExhibits(dossierWith(root, [[a, b]]), { onProgress: (d, t) => calls.push([d, t]) });
    expect(calls[0]).toEqual([0, a.size + b.size]);
    expect(calls.at(-1)).toEqual([a.size + b.size, a.size + b.size]);
    expect(calls.every(([d], i) => i === 0 || d >= (calls[i - 1]?.[0] ?? 0))).toBe(true);
  });

  it('rejects with InterruptedError when aborted before or during hashing', async () => {
    const a = await writeExhibitFile(root, 'a.bin', Buffer.alloc(16 * 1024 * 1024, 1));
    const dossier = dossierWith(root, [[a]]);
    await expect(verifyExhibits(dossier, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      InterruptedError,
    );
    const controller = new AbortController();
    const run = verifyExhibits(dossier, {
      signal: controller.signal,
      onProgress: (done) => {
        if (done > 0) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(InterruptedError);
  });

  it('clamps the concurrency to a sane range', async () => {
    const a = await writeExhibitFile(root, 'a.bin', 'a');
    for (const concurrency of [0, -3, 1.5, 1000]) {
      const result = await verifyExhibits(dossierWith(root, [[a]]), { concurrency });
      expect(result.findings).toEqual([]);
    }
  });
});
