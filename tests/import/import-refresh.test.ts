/**
 * Refreshing an import (OUT already an include of the dossier) whose records another
 * include refers to. Every chat, export and name below is FICTIONAL; texts are bland.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { idsInFile } from '../../src/import/ids-in-file.js';
import { runImport } from '../../src/import/run-import.js';
import { baseWith } from '../helpers/base-dossier.js';
import { mutate, removeTempDirs, tempDir, writeDossier } from '../helpers/temp-dossier.js';
import { WU_MAP, runCli, sha256, wuExport } from './support.js';

afterAll(removeTempDirs);

/** A root file with one evidence record per exhibit file (`id: path`). */
function rootWith(exhibits: Readonly<Record<string, { path: string; text: string }>>): string {
  const records = Object.entries(exhibits)
    .map(
      ([id, f]) =>
        `  - id: ${id}\n    title: Export ${id} (fictif)\n    kind: communication_log\n    source: Prestataire fictif\n    obtained: 2019-02-01\n    files:\n      - {path: "${f.path}", sha256: ${sha256(f.text)}}\n`,
    )
    .join('');
  return baseWith(['evidence:\n', `evidence:\n${records}`]);
}

/** The root's include list set to `files`. */
function includeIn(dir: string, files: readonly string[]): void {
  const file = path.join(dir, 'dossier.yaml');
  const text = readFileSync(file, 'utf8').replace(/^include: .*\n/m, '');
  writeFileSync(
    file,
    text.replace(/^courtfile: 1\n/, `courtfile: 1\ninclude: [${files.join(', ')}]\n`),
  );
}

/** Exhibit `rel` of evidence `id` replaced by `text` (its declared hash with it). */
function replaceExhibit(dir: string, rel: string, text: string): void {
  const old = readFileSync(path.join(dir, rel), 'utf8');
  writeFileSync(path.join(dir, rel), text);
  mutate(path.join(dir, 'dossier.yaml'), sha256(old), sha256(text));
}

const read = (dir: string, rel: string): string => readFileSync(path.join(dir, rel), 'utf8');

const CHAT_1 = [
  '14/03/2024, 09:06 - Rolando: Good morning',
  '14/03/2024, 09:07 - Bea Sample: Hello, the weather is mild',
  '',
].join('\n');
const CHAT_2 = [
  '15/03/2024, 10:06 - Rolando: See you later',
  '15/03/2024, 10:07 - Cid Example: Fine',
  '',
].join('\n');

async function importChat(dir: string, source: string, evidence: string, out: string) {
  const r = await runCli(
    [
      'import',
      source,
      '--dossier',
      'dossier.yaml',
      '--evidence',
      evidence,
      '--zone',
      'Europe/Paris',
      '-o',
      out,
      '--format',
      'json',
    ],
    dir,
  );
  const diagnostics = (JSON.parse(r.out) as { diagnostics: Diagnostic[] }).diagnostics;
  return { ...r, diagnostics };
}

/**
 * o5.yaml from chat 1 (new accounts for Rolando and Bea Sample), included; o6.yaml from
 * chat 2, which names Rolando again (o5's account), included.
 */
async function chained() {
  const dir = writeDossier({
    'dossier.yaml': rootWith({
      E30: { path: 'exhibits/chat1.txt', text: CHAT_1 },
      E31: { path: 'exhibits/chat2.txt', text: CHAT_2 },
    }),
    'exhibits/chat1.txt': CHAT_1,
    'exhibits/chat2.txt': CHAT_2,
  });
  const first = await importChat(dir, 'exhibits/chat1.txt', 'E30', 'o5.yaml');
  expect(first.status).toBe(0);
  includeIn(dir, ['o5.yaml']);
  const second = await importChat(dir, 'exhibits/chat2.txt', 'E31', 'o6.yaml');
  expect(second.status).toBe(0);
  includeIn(dir, ['o5.yaml', 'o6.yaml']);
  const rolando = /id: (E30\.acct-\w+)\n.*\n.*\n\s+identifier: Rolando\n/.exec(
    read(dir, 'o5.yaml'),
  )![1]!;
  // o6 reuses o5's account, and makes one of its own.
  expect(read(dir, 'o6.yaml')).toContain(`from: ${rolando}\n`);
  expect(read(dir, 'o6.yaml')).toContain('identifier: "Cid Example"');
  expect((await runCli(['validate', 'dossier.yaml'], dir)).status).toBe(0);
  return { dir, rolando, first: read(dir, 'o5.yaml') };
}

describe('refreshing an import another include refers to (CLI)', () => {
  it('re-importing into OUT rewrites it, byte for byte as first written; the dossier validates', async () => {
    const { dir, first } = await chained();
    const again = await importChat(dir, 'exhibits/chat1.txt', 'E30', 'o5.yaml');
    expect(again.err).toContain('wrote o5.yaml: 2 record(s), 2 new account(s)');
    expect(again.status).toBe(0);
    expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(read(dir, 'o5.yaml')).toBe(first);
    expect((await runCli(['validate', 'dossier.yaml'], dir)).status).toBe(0);
  });

  // Reported by an audit: E10's export imported into E9's include replaced E9's
  // transfers and accounts, exit 0 (only an unused-evidence warning for E9 said so).
  it("another exhibit's import into OUT is refused (exit 2), OUT untouched; its own refresh is not", async () => {
    const { dir, first } = await chained();
    const other = await runCli(
      [
        'import',
        'exhibits/chat2.txt',
        '--dossier',
        'dossier.yaml',
        '--evidence',
        'E31',
        '--zone',
        'Europe/Paris',
        '-o',
        'o5.yaml',
      ],
      dir,
    );
    expect(other.status).toBe(2);
    expect(other.err).toContain(
      '-o o5.yaml holds the import of exhibit E30 (exhibits/chat1.txt): importing exhibit E31 there would replace its records',
    );
    expect(read(dir, 'o5.yaml')).toBe(first);
    expect((await importChat(dir, 'exhibits/chat1.txt', 'E30', 'o5.yaml')).status).toBe(0);
  });

  it('a refresh that no longer makes an account another file uses: unknown-reference there, OUT untouched', async () => {
    const { dir, rolando, first } = await chained();
    // The exhibit as sealed again: Rolando is now shown as another name.
    replaceExhibit(dir, 'exhibits/chat1.txt', CHAT_1.replace('Rolando', 'Dan Sample'));
    const r = await importChat(dir, 'exhibits/chat1.txt', 'E30', 'o5.yaml');
    expect(r.status).toBe(1);
    expect(r.err).toContain('nothing written to o5.yaml');
    expect(
      r.diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => [d.file, d.line, d.column, d.code, d.message]),
    ).toEqual([
      // o6.yaml's first exchange's `from`, its second's `to`.
      ['o6.yaml', 13, 11, 'unknown-reference', `"${rolando}" names no account in this dossier`],
      ['o6.yaml', 22, 10, 'unknown-reference', `"${rolando}" names no account in this dossier`],
    ]);
    // The import did run (its new accounts are reported): the check with the new OUT stopped it.
    expect(r.diagnostics.filter((d) => d.code === 'import-new-account')).toHaveLength(2);
    expect(read(dir, 'o5.yaml')).toBe(first);
  });

  it('a reference to no record at all, even in OUT, still stops the import before the export is read', async () => {
    const { dir, first } = await chained();
    mutate(path.join(dir, 'o6.yaml'), 'to: [E31.acct-', 'to: [NOWHERE1, E31.acct-');
    const r = await importChat(dir, 'exhibits/chat1.txt', 'E30', 'o5.yaml');
    expect(r.status).toBe(1);
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.file, d.line, d.code])).toEqual([
      ['o6.yaml', 14, 'unknown-reference'],
    ]);
    expect(errors[0]!.message).toContain('"NOWHERE1"');
    expect(r.diagnostics.some((d) => d.code === 'import-new-account')).toBe(false);
    expect(read(dir, 'o5.yaml')).toBe(first);
  });

  it('OUT that the root does not include: references to it stay errors of the dossier', async () => {
    const { dir, first } = await chained();
    includeIn(dir, ['o6.yaml']);
    const r = await importChat(dir, 'exhibits/chat1.txt', 'E30', 'o5.yaml');
    expect(r.status).toBe(1);
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.file, d.line, d.code])).toEqual([
      ['o6.yaml', 13, 'unknown-reference'],
      ['o6.yaml', 22, 'unknown-reference'],
    ]);
    expect(r.diagnostics.some((d) => d.code === 'import-new-account')).toBe(false);
    expect(read(dir, 'o5.yaml')).toBe(first);
  });
});

/**
 * OUT checked in parts (small parts; on the thread, on this one, into a "large" dossier):
 * a part holds only the accounts its records name, so another file's reference to one of
 * OUT's accounts is unknown in the other parts' checks.
 */
describe('refreshing an import another include refers to, OUT checked in parts', () => {
  const FIRST = wuExport(120);
  const SECOND = wuExport(11); // every receiver (k % 11) and sender (k % 7) of FIRST

  async function setup() {
    const dir = writeDossier({
      'dossier.yaml': rootWith({
        E20: { path: 'exhibits/first.csv', text: FIRST },
        E21: { path: 'exhibits/second.csv', text: SECOND },
      }),
      'exhibits/first.csv': FIRST,
      'exhibits/second.csv': SECOND,
      'map.yaml': WU_MAP,
    });
    const opts = (source: string, evidence: string, output: string) => ({
      source,
      evidence,
      output,
      dossier: 'dossier.yaml',
      map: 'map.yaml',
      cwd: dir,
    });
    expect((await runImport(opts('exhibits/first.csv', 'E20', 'o5.yaml'))).written).toBe(true);
    includeIn(dir, ['o5.yaml']);
    const second = await runImport(opts('exhibits/second.csv', 'E21', 'o6.yaml'));
    expect(second).toMatchObject({ written: true, newAccounts: 0 });
    includeIn(dir, ['o5.yaml', 'o6.yaml']);
    return {
      dir,
      first: read(dir, 'o5.yaml'),
      refresh: opts('exhibits/first.csv', 'E20', 'o5.yaml'),
    };
  }

  const WAYS = {
    whole: {},
    thread: { partBytes: 1500 },
    alone: { partBytes: 1500, checkThread: false },
    large: { partBytes: 1500, largeBaseBytes: 1, largeBasePartBytes: 9000 },
  } as const;

  it('the refresh is written, byte for byte as first, however OUT is checked', async () => {
    for (const [way, extra] of Object.entries(WAYS)) {
      const { dir, first, refresh } = await setup();
      const r = await runImport({ ...refresh, ...extra });
      expect([way, r.written, r.diagnostics.filter((d) => d.severity === 'error')]).toEqual([
        way,
        true,
        [],
      ]);
      if (way !== 'whole') expect(r.checkedParts).toBeGreaterThan(3);
      if (way === 'thread') expect(r.checkedOnThread).toBeGreaterThan(0);
      expect(read(dir, 'o5.yaml')).toBe(first);
    }
  }, 60_000);

  it('a refresh that drops an account o6 names: the same errors, in o6, however OUT is checked', async () => {
    const results: Diagnostic[][] = [];
    for (const [way, extra] of Object.entries(WAYS)) {
      const { dir, first, refresh } = await setup();
      // Receiver WU-PH-0010 is gone from the export.
      replaceExhibit(dir, 'exhibits/first.csv', wuExport(120, { receivers: 10 }));
      const r = await runImport({ ...refresh, ...extra });
      expect([way, r.written]).toEqual([way, false]);
      if (way !== 'whole') expect(r.checkedParts).toBeGreaterThan(3);
      results.push([...r.diagnostics]);
      expect(read(dir, 'o5.yaml')).toBe(first);
    }
    const errors = results[0]!.filter((d) => d.severity === 'error');
    // Row 11 of the second export (k = 10) is o6's 11th transfer: its `to`.
    expect(errors.map((d) => [d.file, d.line, d.code, d.path.join('.')])).toEqual([
      ['o6.yaml', 7 + 1 + 12 * 10 + 4, 'unknown-reference', 'transfers.10.to'],
    ]);
    for (const r of results.slice(1)) expect(r).toEqual(results[0]);
  }, 60_000);
});

describe('idsInFile', () => {
  it('finds whole words only, across its 1 MiB reads, and stops at no long run', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'o.yaml');
    const pad = (n: number) => ' '.repeat(n);
    // "E1.acct-split" straddles the first 1 MiB boundary; "E1.acct-long" ends a run of 70
    // id characters (no id); "xE1.acct-word" holds E1.acct-word but is another word.
    const head = `  - id: E1.acct-a\n${pad((1 << 20) - 24)}`;
    const text =
      `${head}E1.acct-split\n` +
      `from: ${'a'.repeat(58)}E1.acct-long\n` +
      `to: [xE1.acct-word, "E1.acct-b"]\n# E1.acct-c`;
    writeFileSync(file, text);
    expect(head.length).toBeLessThan(1 << 20);
    expect(head.length + 'E1.acct-split'.length).toBeGreaterThan(1 << 20);
    const wanted = [
      'E1.acct-a',
      'E1.acct-split',
      'E1.acct-long',
      'E1.acct-word',
      'E1.acct-b',
      'E1.acct-c',
      'E1.acct-none',
    ];
    expect([...(await idsInFile(file, new Set(wanted)))].sort()).toEqual([
      'E1.acct-a',
      'E1.acct-b',
      'E1.acct-c',
      'E1.acct-split',
    ]);
    expect(await idsInFile(path.join(dir, 'missing.yaml'), new Set(wanted))).toEqual(new Set());
  });

  it('reads only a regular file: a FIFO or a folder gives nothing, without waiting', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [path.join(dir, 'fifo.yaml')]);
    expect(await idsInFile(path.join(dir, 'fifo.yaml'), new Set(['E1']))).toEqual(new Set());
    expect(await idsInFile(dir, new Set(['E1']))).toEqual(new Set());
  }, 10_000);
});

// An audit (session 27): files replaced by a command lost the permissions the user gave
// them (a report made 0640 came back 0644); OUT, replaced by a new import, keeps them too.
describe('an OUT imported again keeps its permission bits', () => {
  it('0640 before, 0640 after', async () => {
    const { importDossier, importArgs, WU_CSV } = await import('./support.js');
    const dir = importDossier(WU_CSV);
    expect((await runCli(importArgs('imported.yaml'), dir)).status).toBe(0);
    const out = path.join(dir, 'imported.yaml');
    chmodSync(out, 0o640);
    expect((await runCli(importArgs('imported.yaml'), dir)).status).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o640);
  });
});
