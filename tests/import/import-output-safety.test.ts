/**
 * `import -o` goes through the same output guard as every other output (issue 11, item
 * 1): never among the exhibit folders, never over a FIFO or a read-only file. Fictional data.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runImport } from '../../src/import/run-import.js';
import { removeTempDirs } from '../helpers/temp-dossier.js';
import {
  WU_CSV,
  WU_MAP,
  importArgs,
  importDossier,
  nameVictim,
  runCli,
  runImportJson,
} from './support.js';

afterAll(removeTempDirs);

const importTo = (dir: string, out: string) => runCli(importArgs(out), dir);

/** The victim's name these tests give the dossier (fictional). */
const VICTIM_NAME = 'Zéphyrine Quillabast';

describe('import -o refuses what it must not write', () => {
  it('a new file in an exhibit folder', async () => {
    const dir = importDossier(WU_CSV);
    const r = await importTo(dir, 'exhibits/imported.yaml');
    expect(r.status).toBe(2);
    expect(r.err).toMatch(
      /refusing to write exhibits\/imported\.yaml: it is in the exhibit folder exhibits/,
    );
    expect(existsSync(path.join(dir, 'exhibits/imported.yaml'))).toBe(false);
  });

  it('a FIFO (no hang, left a FIFO) and a read-only file (left as it was)', async () => {
    const dir = importDossier(WU_CSV);
    execFileSync('mkfifo', [path.join(dir, 'fifo.yaml')]);
    const r = await importTo(dir, 'fifo.yaml');
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/refusing to write fifo\.yaml: it is a FIFO/);
    expect(lstatSync(path.join(dir, 'fifo.yaml')).isFIFO()).toBe(true);

    writeFileSync(path.join(dir, 'ro.yaml'), 'transfers: []\n');
    chmodSync(path.join(dir, 'ro.yaml'), 0o444);
    const r2 = await importTo(dir, 'ro.yaml');
    expect(r2.status).toBe(2);
    expect(r2.err).toMatch(/refusing to write ro\.yaml: the file is read-only/);
    expect(readFileSync(path.join(dir, 'ro.yaml'), 'utf8')).toBe('transfers: []\n');
  });
});

// A helper's sweep (session 37): OUT's folder swapped for a link to an exhibit folder while
// SOURCE was hashed; render, export and schema refused the rename, import made it: the
// exhibit replaced by the import's output, exit 0.
describe("import -o: OUT's folder swapped for a link while courtfile works", () => {
  it('is refused before the rename; the exhibit folder is left as it was', async () => {
    const dir = importDossier(WU_CSV);
    mkdirSync(path.join(dir, 'inc'));
    const exhibits = path.join(dir, 'exhibits');
    const before = readdirSync(exhibits).map((f) => [f, readFileSync(path.join(exhibits, f))]);
    let swapped = false;
    const run = runImport({
      source: 'exhibits/export.csv',
      evidence: 'E20',
      map: 'map.yaml',
      dossier: 'dossier.yaml',
      output: 'inc/export.csv',
      cwd: dir,
      onProgress: (what) => {
        if (swapped || !what.startsWith('hashing')) return;
        swapped = true;
        renameSync(path.join(dir, 'inc'), path.join(dir, 'inc.old'));
        symlinkSync(exhibits, path.join(dir, 'inc'));
      },
    });
    await expect(run).rejects.toThrow(/refusing to write inc\/export\.csv: its folder changed/);
    expect(swapped).toBe(true);
    expect(readdirSync(exhibits).map((f) => [f, readFileSync(path.join(exhibits, f))])).toEqual(
      before,
    );
    expect(readdirSync(path.join(dir, 'inc.old'))).toEqual([]);
  });
});

// A helper's sweep (session 33): OUT an included FIFO, in a dossier with an unknown
// reference, was read for the ids it held (to tell references to records the import
// rewrites) before the output guard refused it: the reading waited for a writer forever,
// beyond SIGINT and SIGTERM.
it('an included FIFO as OUT, the dossier with an unknown reference: refused, no hang', async () => {
  const dir = importDossier(WU_CSV, WU_MAP, { include: ['fifo.yaml'] });
  const root = path.join(dir, 'dossier.yaml');
  const text = readFileSync(root, 'utf8');
  const ghost = text.replace(/^( +from: )\S+$/m, '$1GHOST-1');
  expect(ghost).not.toBe(text);
  writeFileSync(root, ghost);
  execFileSync('mkfifo', [path.join(dir, 'fifo.yaml')]);
  const r = await importTo(dir, 'fifo.yaml');
  // The dossier's own error is reported (the FIFO holds none of its ids), nothing written.
  expect(r.status).toBe(1);
  expect(r.out).toMatch(/GHOST-1.*\[unknown-reference\]/);
  expect(lstatSync(path.join(dir, 'fifo.yaml')).isFIFO()).toBe(true);
}, 20_000);

describe('import -o a symbolic link: followed to the file it leads to', () => {
  it('a link to an include: the include is written, the link stays a link', async () => {
    const dir = importDossier(WU_CSV, WU_MAP, { include: ['imports/wu.yaml'] });
    mkdirSync(path.join(dir, 'imports'));
    writeFileSync(path.join(dir, 'imports/wu.yaml'), 'transfers: []\n');
    symlinkSync('imports/wu.yaml', path.join(dir, 'wu.yaml'));
    const r = await importTo(dir, 'wu.yaml');
    expect(r.status).toBe(0);
    expect(readlinkSync(path.join(dir, 'wu.yaml'))).toBe('imports/wu.yaml');
    expect(readFileSync(path.join(dir, 'imports/wu.yaml'), 'utf8')).toMatch(
      /^# Generated by courtfile import/,
    );
  });

  it('a dangling link into an exhibit folder: refused, nothing written', async () => {
    const dir = importDossier(WU_CSV);
    symlinkSync('exhibits/imported.yaml', path.join(dir, 'imported.yaml'));
    const r = await importTo(dir, 'imported.yaml');
    expect(r.status).toBe(2);
    expect(r.err).toMatch(
      /refusing to write imported\.yaml \(a symbolic link to exhibits\/imported\.yaml\): it is in the exhibit folder exhibits/,
    );
    expect(readlinkSync(path.join(dir, 'imported.yaml'))).toBe('exhibits/imported.yaml');
    expect(existsSync(path.join(dir, 'exhibits/imported.yaml'))).toBe(false);
  });
});

describe('import -o never replaces a file written by hand', () => {
  it('an include holding records, listed or not: exit 2, left as it was, nothing read', async () => {
    const hand = 'persons:\n  - {id: P9, role: other, name: Personne fictive}\n';
    const dir = importDossier(WU_CSV, WU_MAP, { include: ['hand.yaml'] });
    writeFileSync(path.join(dir, 'hand.yaml'), hand);
    writeFileSync(path.join(dir, 'notes.yaml'), '# notes (fictional)\nevidence:\n  - x\n');
    for (const out of ['hand.yaml', 'notes.yaml']) {
      const r = await importTo(dir, out);
      expect(r.status).toBe(2);
      expect(r.err).toContain(`-o ${out} is a file courtfile import did not write`);
    }
    expect(readFileSync(path.join(dir, 'hand.yaml'), 'utf8')).toBe(hand);
    // The dossier needs what it holds (an account's holder is P9): refused all the same,
    // not reported as the others' unknown references.
    const root = path.join(dir, 'dossier.yaml');
    writeFileSync(root, readFileSync(root, 'utf8').replace('holder: P1', 'holder: P9'));
    const needed = await importTo(dir, 'hand.yaml');
    expect(needed.status).toBe(2);
    expect(needed.err).toContain('-o hand.yaml is a file courtfile import did not write');
    expect(readFileSync(path.join(dir, 'hand.yaml'), 'utf8')).toBe(hand);
  });

  // A helper's sweep (session 33): notes written as keys without values, and keys no
  // included file has, were taken for a file without data and replaced, exit 0.
  it.each([
    'Call WU liaison about MTCN 1234567890:\nAsk the bank for FR76 statements:\n',
    'transfers: []\nto do:\n',
    'notes: []\n',
  ])('keys that are no record list (%j): refused, left as it was', async (hand) => {
    const dir = importDossier(WU_CSV);
    writeFileSync(path.join(dir, 'notes.yaml'), hand);
    const r = await importTo(dir, 'notes.yaml');
    expect(r.status).toBe(2);
    expect(r.err).toContain('-o notes.yaml is a file courtfile import did not write');
    expect(readFileSync(path.join(dir, 'notes.yaml'), 'utf8')).toBe(hand);
  });

  it('an exhibit file is refused as such, without being opened', async () => {
    const dir = importDossier(WU_CSV);
    const r = await importTo(dir, 'exhibits/export.csv');
    expect(r.status).toBe(2);
    expect(r.err).not.toContain('did not write');
    expect(r.err).toMatch(/refusing to write exhibits\/export\.csv/);
  });

  it('a file that holds no data (an include listed before its first import) or an earlier import: replaced', async () => {
    const dir = importDossier(WU_CSV, WU_MAP, { include: ['imported.yaml'] });
    writeFileSync(
      path.join(dir, 'imported.yaml'),
      '# to be imported (fictional)\ntransfers: []\naccounts:\nexchanges: []\n',
    );
    expect((await importTo(dir, 'imported.yaml')).status).toBe(0);
    const first = readFileSync(path.join(dir, 'imported.yaml'), 'utf8');
    expect(first).toMatch(/^# Generated by courtfile import/);
    // The refresh: an import wrote it.
    expect((await importTo(dir, 'imported.yaml')).status).toBe(0);
    expect(readFileSync(path.join(dir, 'imported.yaml'), 'utf8')).toBe(first);
  });

  // Review (session 25): the first version of the check of the first key read only the
  // first 64 KiB, and took an import's own header longer than that (the rows skipped by
  // --skip-invalid, each named) for a file edited by hand.
  it('an import whose header is longer than 64 KiB (8,000 skipped rows) is refreshed', async () => {
    const bad = Array.from(
      { length: 8000 },
      (_, i) => `01/03/2018;10:00;douze;EUR;WU-FR-0001;WU-PH-0042;${9000 + i};PAYE\r\n`,
    ).join('');
    const dir = importDossier(WU_CSV + bad, WU_MAP, { include: ['imported.yaml'] });
    writeFileSync(path.join(dir, 'imported.yaml'), 'transfers: []\n');
    const args = importArgs('imported.yaml', ['--skip-invalid']);
    expect((await runCli(args, dir)).status).toBe(0);
    const first = readFileSync(path.join(dir, 'imported.yaml'), 'utf8');
    expect(first.indexOf('\ntransfers:')).toBeGreaterThan(64 * 1024);
    const again = await runCli(args, dir);
    expect(again.err).toBe('');
    expect(again.status).toBe(0);
    expect(readFileSync(path.join(dir, 'imported.yaml'), 'utf8')).toBe(first);
  });

  // Audit (session 25): an import's file edited to declare an exhibit of its own (kept in
  // an exhibit folder beside it) was replaced, exit 0, and the exhibit vanished with it.
  it.each([
    ['just after the list', (text: string) => `${text}evidence:\n  - id: E21\n`],
    [
      'past the first MiB, after a long comment',
      (text: string) => `${text}# ${'fictional '.repeat(120_000)}\ninclude: [more.yaml]\n`,
    ],
    ['a CR LF file', (text: string) => `${text.replaceAll('\n', '\r\n')}persons: []\r\n`],
    [
      // YAML lets the whole root mapping be indented (a review: no line started at the
      // first column, so the first version saw no key at all).
      'the whole file indented by one space',
      (text: string) =>
        text
          .split('\n')
          .map((l) => (l === '' || l.startsWith('#') ? l : ` ${l}`))
          .join('\n') + ' evidence: []\n',
    ],
  ])(
    'an earlier import edited by hand to hold another key (%s): refused, untouched',
    async (_, editOf) => {
      const dir = importDossier(WU_CSV, WU_MAP, { include: ['imported.yaml'] });
      writeFileSync(path.join(dir, 'imported.yaml'), 'transfers: []\n');
      expect((await importTo(dir, 'imported.yaml')).status).toBe(0);
      const first = readFileSync(path.join(dir, 'imported.yaml'), 'utf8');
      const edited = editOf(first);
      writeFileSync(path.join(dir, 'imported.yaml'), edited);
      const lineOfKey =
        edited
          .split('\n')
          .findIndex((l) => /^ ?[a-z]/.test(l) && !/^(transfers|accounts):/.test(l)) + 1;
      const r = await importTo(dir, 'imported.yaml');
      expect(r.status).toBe(2);
      expect(r.err).toBe(
        `courtfile: -o imported.yaml was written by an import and then edited: line ${lineOfKey} holds what an import never writes (its top-level keys are transfers or exchanges, and accounts), which the import would lose: give another file name, or move that file away first\n`,
      );
      expect(readFileSync(path.join(dir, 'imported.yaml'), 'utf8')).toBe(edited);
    },
  );
});

describe('import diagnostics and header mask a victim (issue 11, redaction everywhere)', () => {
  it("a victim's name in a cell is not repeated in the message", async () => {
    const csv = WU_CSV.replace('WU-PH-0042;4810093726', 'Zéphy\u00adrine Quillabast;4810093726');
    const map = WU_MAP.replace(
      'to: {column: "ID bénéficiaire", account: money_transfer, platform: Western Union}',
      'to: {column: "ID bénéficiaire", account: phone}',
    );
    const dir = importDossier(csv, map);
    nameVictim(dir, VICTIM_NAME);
    const r = await runImportJson(dir);
    expect(r.status).toBe(1);
    const bad = r.diagnostics.findIndex((d) => d.code === 'import-value');
    expect(r.diagnostics[bad]).toMatchObject({ file: 'exhibits/export.csv', line: 2 });
    expect(r.messages[bad]).toContain('[redacted]');
    expect(r.out).not.toMatch(/Quillabast|Zéphy/);
  });

  it.each(['text', 'json', 'github', 'sarif'])(
    'an export named after a victim: its name masked in the locations (--format %s)',
    async (format) => {
      // A row that fails (an unreadable amount) gives a finding located in the export.
      const csv = WU_CSV.replace(/;(\d+),(\d+);/, ';douze;');
      expect(csv).not.toBe(WU_CSV);
      const name = 'exhibits/quillabast-export.csv';
      const dir = importDossier(csv, WU_MAP, { name });
      nameVictim(dir, VICTIM_NAME);
      const args = importArgs('imported.yaml', ['--format', format]);
      args[1] = name;
      const r = await runCli(args, dir);
      expect(r.status).toBe(1);
      expect(r.out + r.err).toContain('import-value');
      expect(r.out + r.err).toMatch(/\[redacted\]-export\.csv|%5Bredacted%5D-export\.csv/);
      expect(r.out + r.err).not.toMatch(/quillabast|Zéphy/i);
    },
  );

  it("an mbox From: that is an encoded word spelling a victim's name: quoted decoded, masked", async () => {
    const encoded = Buffer.from('Zéphyrine Quillabast').toString('base64');
    const mbox = [
      'From x Thu Mar 14 10:05:00 2024',
      `From: =?UTF-8?B?${encoded}?=`,
      'To: agent.fictif@example.org',
      'Date: 14 Mar 2024 10:05:00 +0000',
      '',
      '',
    ].join('\n');
    const dir = importDossier(mbox, WU_MAP, { name: 'exhibits/box.mbox' });
    nameVictim(dir, VICTIM_NAME);
    const r = await runCli(
      [
        'import',
        'exhibits/box.mbox',
        '--dossier',
        'dossier.yaml',
        '--evidence',
        'E20',
        '-o',
        'imported.yaml',
      ],
      dir,
    );
    expect(r.status).toBe(1);
    expect(r.out).toContain('an encoded word ("[redacted]" once decoded) is not an e-mail address');
    expect(r.out + r.err).not.toContain(encoded);
    expect(r.out + r.err).not.toMatch(/quillabast|Zéphy/i);
  });

  it('an export named after a victim: masked in the ignored-option note and in a refusal', async () => {
    const name = 'exhibits/quillabast-export.csv';
    const dir = importDossier(WU_CSV, WU_MAP, { name });
    nameVictim(dir, VICTIM_NAME);
    const args = importArgs('imported.yaml', ['--sheet', 'Feuil1']);
    args[1] = name;
    const noted = await runCli(args, dir);
    expect(noted.err).toContain(
      'courtfile: --sheet is for xlsx, not csv (exhibits/[redacted]-export.csv',
    );
    const refused = await runCli(
      importArgs(name).map((a) => (a === 'exhibits/export.csv' ? name : a)),
      dir,
    );
    expect(refused.status).toBe(2);
    expect(refused.err).toMatch(
      /^courtfile: refusing to write exhibits\/\[redacted\]-export\.csv: /,
    );
    expect(noted.out + noted.err + refused.out + refused.err).not.toMatch(/quillabast|Zéphy/i);
  });

  it('SARIF, run from the folder above the dossier: the masked export keeps its URI', async () => {
    const name = 'exhibits/quillabast-export.csv';
    const dir = importDossier(WU_CSV.replace(/;(\d+),(\d+);/, ';douze;'), WU_MAP, { name });
    nameVictim(dir, VICTIM_NAME);
    const up = path.basename(dir);
    const args = importArgs(`${up}/imported.yaml`, ['--format', 'sarif']).map((a) =>
      a === 'dossier.yaml' || a === 'map.yaml' ? `${up}/${a}` : a,
    );
    args[1] = `${up}/${name}`;
    const r = await runCli(args, path.dirname(dir));
    expect(r.status).toBe(1);
    // Not taken for a dossier file once masked (`UP/UP/exhibits/...`).
    expect(r.out).toContain(`"uri": "${up}/exhibits/%5Bredacted%5D-export.csv"`);
  });

  it('a dossier with errors, in a file named after a victim, and an OUT named after her: masked', async () => {
    const dir = importDossier(WU_CSV, WU_MAP, { include: ['quillabast-rates.yaml'] });
    nameVictim(dir, VICTIM_NAME);
    writeFileSync(
      path.join(dir, 'quillabast-rates.yaml'),
      '# fictional\nrates:\n  - {currency: USD, date: 2018-01-01, rate: abc}\n',
    );
    const r = await runCli(importArgs('quillabast-out.yaml'), dir);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/^\[redacted\]-rates\.yaml:3:\d+: error: .*\[invalid-value\]$/m);
    expect(r.out).toContain('nothing written to [redacted]-out.yaml');
    expect(r.out + r.err).not.toMatch(/quillabast|Zéphy/i);
  });
});
