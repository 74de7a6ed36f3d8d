/**
 * WhatsApp and mbox imports through the command: bounded memory on a 200 MB export, the
 * sealed digest checked on what is read, a line over the bound refused with nothing
 * written. FICTIONAL TEST DATA throughout.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runImport } from '../../src/import/run-import.js';
import { removeTempDirs } from '../helpers/temp-dossier.js';
import { WU_MAP, importDossier } from './support.js';

afterAll(removeTempDirs);

const REPO = path.resolve(import.meta.dirname, '../..');
const NAMES = ['Ana Fictif', 'Ben Fictif', '+63 917 555 0101'];

/** A message of `lines` lines: its head, then bland continuation lines. */
function message(i: number, lines: number): string {
  const day = String(1 + (i % 28)).padStart(2, '0');
  const time = `${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
  const text = `${day}/03/2024, ${time} - ${NAMES[i % 3]}: texte fictif numéro ${i}\n`;
  return text + 'une ligne de plus du même message, sans rien de réel dedans\r\n'.repeat(lines - 1);
}

const importChat = (dir: string, name: string, output: string, from: 'whatsapp' | 'mbox') =>
  runImport({
    source: name,
    dossier: 'dossier.yaml',
    evidence: 'E20',
    output,
    from,
    zone: 'Asia/Manila',
    dateOrder: 'dmy',
    cwd: dir,
  });

describe('WhatsApp and mbox: what is read is what was sealed', () => {
  it('a chat changed after its digest was declared: import-source, nothing written', async () => {
    const chat = [0, 1, 2, 3].map((i) => message(i, 2)).join('');
    const dir = importDossier(chat, WU_MAP, { name: 'exhibits/chat.txt' });
    const ok = await importChat(dir, 'exhibits/chat.txt', 'a.yaml', 'whatsapp');
    expect(ok).toMatchObject({ written: true, records: 4 });
    writeFileSync(path.join(dir, 'exhibits/chat.txt'), chat.replace('01/03', '02/03'));
    const changed = await importChat(dir, 'exhibits/chat.txt', 'b.yaml', 'whatsapp');
    expect(changed.written).toBe(false);
    expect(changed.diagnostics.map((d) => d.code)).toEqual(['import-source']);
    expect(existsSync(path.join(dir, 'b.yaml'))).toBe(false);
  });

  it('a line over the bound: import-format at its line, exit 1, no OUT', async () => {
    const chat = `${message(0, 1)}${message(1, 1).trimEnd()} ${'x'.repeat(2 << 20)}\n${message(2, 1)}`;
    const dir = importDossier(chat, WU_MAP, { name: 'exhibits/chat.txt' });
    const r = await importChat(dir, 'exhibits/chat.txt', 'out.yaml', 'whatsapp');
    expect(r.written).toBe(false);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'import-format', file: 'exhibits/chat.txt', line: 2 }),
    ]);
    expect(existsSync(path.join(dir, 'out.yaml'))).toBe(false);

    const mbox = `From x Thu Mar 14 10:05:00 2024\nFrom: a@example.org\nTo: ${'b'.repeat(5 << 20)}\n\n`;
    const mdir = importDossier(mbox, WU_MAP, { name: 'exhibits/box.mbox' });
    const m = await importChat(mdir, 'exhibits/box.mbox', 'out.yaml', 'mbox');
    expect(m.written).toBe(false);
    // At the message's From_ line; the message names the header line.
    expect(m.diagnostics).toEqual([
      expect.objectContaining({
        code: 'import-format',
        file: 'exhibits/box.mbox',
        line: 1,
        message: expect.stringMatching(/^line 3, a header line of this message, is longer than/),
      }),
    ]);
    expect(existsSync(path.join(mdir, 'out.yaml'))).toBe(false);
  });
});

/**
 * Writes a chat of `count` messages of `lines` lines each as E20's sealed file, imports it
 * with the built command in a child of at most 64 MB of old space, and returns the file's
 * size, the child's peak RSS in bytes and the OUT it wrote.
 */
function importBuiltChat(count: number, lines: number) {
  const dir = importDossier('', WU_MAP, {
    name: 'exhibits/chat.txt',
    declaredSha: '0'.repeat(64),
  });
  const file = path.join(dir, 'exhibits/chat.txt');
  const hash = createHash('sha256');
  const fd = openSync(file, 'w');
  let size = 0;
  for (let i = 0; i < count; i++) {
    const chunk = Buffer.from(message(i, lines));
    hash.update(chunk);
    writeSync(fd, chunk);
    size += chunk.length;
  }
  closeSync(fd);
  const dossier = path.join(dir, 'dossier.yaml');
  writeFileSync(dossier, readFileSync(dossier, 'utf8').replace('0'.repeat(64), hash.digest('hex')));
  // The child reports its own peak RSS as it exits.
  const report = `data:text/javascript,process.on('exit',()=>process.stderr.write('maxRSS='+process.resourceUsage().maxRSS))`;
  const r = spawnSync(
    process.execPath,
    [
      '--max-old-space-size=64',
      '--import',
      report,
      path.join(REPO, 'bin', 'courtfile.js'),
      ...['import', 'exhibits/chat.txt', '--dossier', 'dossier.yaml', '--evidence', 'E20'],
      ...['--from', 'whatsapp', '--zone', 'Asia/Manila', '-o', 'chat.yaml', '--format', 'json'],
    ],
    { cwd: dir, encoding: 'utf8', timeout: 240_000 },
  );
  expect(r.stderr).not.toMatch(/heap out of memory/i);
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout).import).toMatchObject({ written: true, records: count });
  const maxRssKiB = Number(/maxRSS=(\d+)/.exec(r.stderr)?.[1]);
  expect(maxRssKiB).toBeGreaterThan(0);
  return { size, maxRss: maxRssKiB * 1024, out: readFileSync(path.join(dir, 'chat.yaml'), 'utf8') };
}

describe('a WhatsApp export is read from the file, not into memory', () => {
  it('a 200 MB export peaks at the RSS of a 50 MB one with as many messages', () => {
    const built = path.join(REPO, 'dist', 'cli', 'main.js');
    expect(existsSync(built), 'npm run build first').toBe(true);
    // 16,000 messages either way: the same records, OUT and checking; only the bytes read
    // differ (~12.5 KB a message against ~3.1 KB).
    const count = 16_000;
    const small = importBuiltChat(count, 50);
    const large = importBuiltChat(count, 200);
    expect(large.size).toBeGreaterThan(200e6);
    expect(large.size - small.size).toBeGreaterThan(150e6);
    // Measured 170-205 MB for both (the records and the checking thread, not the file);
    // reading the file into memory would put its 150 MB more on the larger one. The RSS
    // of one run moves by up to ~30 MB with the collector's timing: a third of the
    // difference in size is the bound.
    expect(Math.abs(large.maxRss - small.maxRss)).toBeLessThan((large.size - small.size) / 3);
    expect(large.maxRss).toBeLessThan(300e6);
    expect(large.out).toContain(`locator: "line ${(count - 1) * 200 + 1}"`);
    expect(large.out).not.toContain('fictif numéro');
  }, 300_000);
});
