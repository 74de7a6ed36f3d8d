/**
 * Importing a file of an exhibit whose records the dossier already holds: refused, one
 * duplicate-id error, nothing written; the refresh of the file that holds them still
 * works. Every export below is FICTIONAL.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { runImport } from '../../src/import/run-import.js';
import { baseWith } from '../helpers/base-dossier.js';
import { edit, mutate, removeTempDirs, writeDossier } from '../helpers/temp-dossier.js';
import {
  WU_CSV,
  WU_MAP,
  importArgs,
  importDossier,
  importOptions,
  runCli,
  runImportJson,
  sha256,
  wuExport,
} from './support.js';

afterAll(removeTempDirs);

const read = (dir: string, rel: string): string => readFileSync(path.join(dir, rel), 'utf8');

/** The root file of `dir` with `include: [files]`. */
function includeIn(dir: string, files: readonly string[]): void {
  const file = path.join(dir, 'dossier.yaml');
  const text = read(dir, 'dossier.yaml').replace(/^include: .*\n/m, '');
  writeFileSync(
    file,
    edit(text, 'courtfile: 1\n', `courtfile: 1\ninclude: [${files.join(', ')}]\n`),
  );
}

describe('importing again into another file', () => {
  it('csv: refused with one duplicate-id at the first row, naming the file that holds it; the refresh of that file gives the same bytes', async () => {
    const dir = importDossier(WU_CSV);
    const first = await runImportJson(dir, [], 'out.yaml');
    expect(first.status).toBe(0);
    includeIn(dir, ['out.yaml']);
    const again = await runImportJson(dir, [], 'out2.yaml');
    expect(again.status).toBe(1);
    expect(again.err).toContain('nothing written to out2.yaml');
    expect(existsSync(path.join(dir, 'out2.yaml'))).toBe(false);
    const errors = again.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([
      { code: 'duplicate-id', severity: 'error', file: 'exhibits/export.csv', line: 2, column: 1 },
    ]);
    const text = again.messages[again.diagnostics.indexOf(errors[0]!)]!;
    expect(text).toContain('"E20.row-2"');
    expect(text).toContain('out.yaml (line 9)');
    expect(text).toContain('3 of the 3 record(s)');
    expect(text).toContain('-o out.yaml');
    const shown = await runCli(importArgs('out2.yaml'), dir);
    expect(shown.status).toBe(1);
    expect(shown.out).toMatchInlineSnapshot(`
      "exhibits/export.csv:2:1: error: id "E20.row-2" is already used by the transfer at transfers.0 in out.yaml (line 9): this file of exhibit E20 is already imported into out.yaml (3 of the 3 record(s) read have ids the dossier holds), and importing it into another file would count each record twice. Refresh that file instead (-o out.yaml), or take it out of the dossier's includes, then import again [duplicate-id]
      nothing written to out2.yaml
      1 error, 0 warnings
      "
    `);
    // The refresh of out.yaml: written again, byte for byte.
    const refresh = await runImportJson(dir, [], 'out.yaml');
    expect(refresh.status).toBe(0);
    expect(refresh.written).toBe(first.written);
    expect((await runCli(['validate', 'dossier.yaml'], dir)).status).toBe(0);
  });
});

/**
 * A FICTIONAL Skype export: two conversations each with a message of id 1700000000001
 * (message ids are not unique across conversations), hence the same locator twice.
 */
const SKYPE = JSON.stringify({
  userId: 'live:.cid.owner0001',
  exportDate: '2024-05-01T10:00',
  conversations: ['live:.cid.friend0002', 'live:.cid.third0003'].map((other, i) => ({
    id: `8:${other}`,
    displayName: null,
    threadProperties: null,
    MessageList: [
      {
        id: '1700000000001',
        originalarrivaltime: `2024-03-1${4 + i}T10:00:00.000Z`,
        messagetype: 'RichText',
        content: 'See you at the bakery',
        from: '8:live:.cid.owner0001',
      },
    ],
  })),
});

/** A dossier whose evidence record `id` has the files `files` (path: text). */
function exhibitDossier(id: string, files: Readonly<Record<string, string>>, map?: string): string {
  const list = Object.entries(files)
    .map(([p, text]) => `      - {path: "${p}", sha256: ${sha256(text)}}\n`)
    .join('');
  const root = baseWith([
    'evidence:\n',
    `evidence:\n  - id: ${id}\n    title: Export (fictif)\n    kind: communication_log\n    source: Prestataire fictif\n    obtained: 2019-02-01\n    files:\n${list}`,
  ]);
  return writeDossier({ 'dossier.yaml': root, ...files, ...(map ? { 'map.yaml': map } : {}) });
}

async function importJson(dir: string, args: string[]) {
  const r = await runCli(['import', ...args, '--dossier', 'dossier.yaml', '--format', 'json'], dir);
  const diagnostics = (JSON.parse(r.out) as { diagnostics: Diagnostic[] }).diagnostics;
  return { ...r, diagnostics, errors: diagnostics.filter((d) => d.severity === 'error') };
}

describe('ids within one import, and against the dossier', () => {
  it('skype: a repeated locator still gets its suffix; importing the export again into another file is refused, both counted', async () => {
    const dir = exhibitDossier('E40', { 'exhibits/messages.json': SKYPE });
    const args = (out: string) => ['exhibits/messages.json', '--evidence', 'E40', '-o', out];
    const first = await importJson(dir, args('chat.yaml'));
    expect(first.errors).toEqual([]);
    expect(first.status).toBe(0);
    const ids = [...read(dir, 'chat.yaml').matchAll(/^ {2}- id: (E40\.message-\S+)$/gm)];
    expect(ids.map((m) => m[1])).toEqual([
      'E40.message-1700000000001',
      'E40.message-1700000000001-2',
    ]);
    includeIn(dir, ['chat.yaml']);
    const again = await importJson(dir, args('chat2.yaml'));
    expect(again.status).toBe(1);
    expect(existsSync(path.join(dir, 'chat2.yaml'))).toBe(false);
    expect(again.errors).toMatchObject([{ code: 'duplicate-id', file: 'exhibits/messages.json' }]);
    expect(again.errors[0]!.message).toContain('"E40.message-1700000000001"');
    expect(again.errors[0]!.message).toContain('into chat.yaml (2 of the 2 record(s) read');
    const text = read(dir, 'chat.yaml');
    const refresh = await importJson(dir, args('chat.yaml'));
    expect(refresh.status).toBe(0);
    expect(read(dir, 'chat.yaml')).toBe(text);
  });

  it('an id derived from evidence and locator that a record written by hand has: refused, not given a suffix', async () => {
    const dir = importDossier(WU_CSV);
    mutate(path.join(dir, 'dossier.yaml'), '  - id: T1\n', '  - id: E20.row-3\n');
    const r = await runImportJson(dir, [], 'out.yaml');
    expect(r.status).toBe(1);
    expect(r.written).toBeUndefined();
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([
      { code: 'duplicate-id', severity: 'error', file: 'exhibits/export.csv', line: 3, column: 1 },
    ]);
    const text = r.messages[r.diagnostics.indexOf(errors[0]!)]!;
    expect(text).toMatch(
      /^id "E20\.row-3" is already used by the transfer at transfers\.0 in dossier\.yaml \(line \d+\): /,
    );
    expect(text).toContain('locator (row 3)');
    expect(text).toContain('(1 of the 3 record(s) read has an id the dossier holds)');
  });

  it("two files of one exhibit: the second steps over the first's ids, as before; importing it again into a third file is refused", async () => {
    const part1 = wuExport(3);
    const part2 = wuExport(4, { senders: 3 });
    const dir = exhibitDossier(
      'E20',
      { 'exhibits/part1.csv': part1, 'exhibits/part2.csv': part2 },
      WU_MAP,
    );
    const args = (source: string, out: string) => [
      source,
      '--evidence',
      'E20',
      '--map',
      'map.yaml',
      '-o',
      out,
    ];
    expect((await importJson(dir, args('exhibits/part1.csv', 'o1.yaml'))).status).toBe(0);
    includeIn(dir, ['o1.yaml']);
    const second = await importJson(dir, args('exhibits/part2.csv', 'o2.yaml'));
    expect(second.errors).toEqual([]);
    expect(second.status).toBe(0);
    const o2 = read(dir, 'o2.yaml');
    expect([...o2.matchAll(/^ {2}- id: (E20\.row-\S+)$/gm)].map((m) => m[1])).toEqual([
      'E20.row-2-2',
      'E20.row-3-2',
      'E20.row-4-2',
      'E20.row-5',
    ]);
    includeIn(dir, ['o1.yaml', 'o2.yaml']);
    expect((await runCli(['validate', 'dossier.yaml'], dir)).status).toBe(0);
    const third = await importJson(dir, args('exhibits/part2.csv', 'o3.yaml'));
    expect(third.status).toBe(1);
    expect(third.errors).toMatchObject([
      { code: 'duplicate-id', file: 'exhibits/part2.csv', line: 2, column: 1 },
    ]);
    expect(third.errors[0]!.message).toContain('"E20.row-2-2"');
    expect(third.errors[0]!.message).toContain('-o o2.yaml');
    expect(existsSync(path.join(dir, 'o3.yaml'))).toBe(false);
    // The refresh of either file: the same bytes.
    expect((await importJson(dir, args('exhibits/part2.csv', 'o2.yaml'))).status).toBe(0);
    expect(read(dir, 'o2.yaml')).toBe(o2);
  });

  it('OUT checked in parts (on the thread, on this one, into a large dossier): the same one error, nothing written', async () => {
    const csv = wuExport(120);
    const ways = {
      thread: { partBytes: 1500 },
      alone: { partBytes: 1500, checkThread: false },
      large: { partBytes: 1500, largeBaseBytes: 1, largeBasePartBytes: 9000 },
    } as const;
    for (const [way, extra] of Object.entries(ways)) {
      const dir = importDossier(csv);
      expect((await runImport(importOptions(dir, { output: 'out.yaml' }))).written).toBe(true);
      includeIn(dir, ['out.yaml']);
      const r = await runImport(importOptions(dir, { output: 'out2.yaml', ...extra }));
      expect([way, r.written, r.records]).toEqual([way, false, 120]);
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toMatchObject([
        { code: 'duplicate-id', file: 'exhibits/export.csv', line: 2, column: 1 },
      ]);
      expect(r.diagnostics[0]!.message).toContain('120 of the 120 record(s)');
      expect(existsSync(path.join(dir, 'out2.yaml'))).toBe(false);
    }
  }, 60_000);
});
