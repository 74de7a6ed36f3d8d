/**
 * `courtfile import`: an option that does not apply to the source's format is left out
 * with a note on standard error (`--map` for a platform format: a usage error, exit 2,
 * nothing written), and OUT's header records only the options that applied. FICTIONAL
 * TEST DATA throughout.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OPTION_FORMATS } from '../../src/import/run-import.js';
import { removeTempDirs } from '../helpers/temp-dossier.js';
import { xlsx } from '../helpers/xlsx-writer.js';
import { WU_CSV, WU_MAP, importDossier, runCli } from './support.js';

afterAll(removeTempDirs);

const CHAT = '14/03/2024, 09:06 - Alpha Fict: hello\n14/03/2024, 09:07 - Bravo Fict: hello\n';

const XLSX_MAP = WU_MAP.replace('decimal: ","\n', '')
  .replace('at: {columns: ["Date", "Heure"], format: "dd/MM/yyyy HH:mm"}', 'at: Date')
  .replace(/ {2}status: .*\n/, '');
const BOOK = xlsx('Feuil1', [
  ['Date', 'Montant', 'Devise', 'ID expéditeur', 'ID bénéficiaire', 'MTCN'],
  ['2018-01-14T19:42:00', '120.00', 'EUR', 'WU-FR-0001', 'WU-PH-0042', '4810093726'],
]);

const SKYPE = JSON.stringify({
  userId: 'live:.cid.alpha0001',
  exportDate: '2024-05-01T10:00',
  conversations: [
    {
      id: '8:live:.cid.bravo0002',
      displayName: null,
      threadProperties: null,
      MessageList: [
        {
          id: '1700000000001',
          originalarrivaltime: '2024-03-14T10:00:00.000Z',
          messagetype: 'RichText',
          content: 'hello',
          from: '8:live:.cid.alpha0001',
        },
      ],
    },
  ],
});

const MBOX = [
  'From alpha@example.org Thu Mar 14 10:05:00 2024',
  'From: alpha@example.org',
  'To: bravo@example.org',
  'Date: Thu, 14 Mar 2024 10:05:00 +0100',
  'Message-ID: <1@example.org>',
  '',
  'meeting tomorrow',
  '',
].join('\n');

interface Source {
  readonly name: string;
  readonly bytes: string | Uint8Array;
  /** The options a valid import of it needs. */
  readonly needs: readonly string[];
}

const SOURCES: Record<string, Source> = {
  csv: { name: 'exhibits/export.csv', bytes: WU_CSV, needs: ['--map', 'map.yaml'] },
  xlsx: { name: 'exhibits/export.xlsx', bytes: BOOK, needs: ['--map', 'xmap.yaml'] },
  skype: { name: 'exhibits/messages.json', bytes: SKYPE, needs: [] },
  whatsapp: { name: 'exhibits/chat.txt', bytes: CHAT, needs: ['--zone', 'Europe/Paris'] },
  mbox: { name: 'exhibits/mail.mbox', bytes: MBOX, needs: [] },
};

/** `courtfile import` of `format`'s source, with `extra` options, into out.yaml. */
async function importFormat(format: string, extra: readonly string[], out?: string) {
  const source = SOURCES[format]!;
  const dir = importDossier(source.bytes, WU_MAP, { name: source.name });
  writeFileSync(path.join(dir, 'xmap.yaml'), XLSX_MAP);
  writeFileSync(path.join(dir, 'parts.yaml'), '"Alpha Fict": "+33612345678"\n');
  if (out !== undefined) writeFileSync(path.join(dir, 'out.yaml'), out);
  const r = await runCli(
    [
      ...['import', source.name, '--dossier', 'dossier.yaml', '--evidence', 'E20'],
      ...['-o', 'out.yaml', ...source.needs, ...extra],
    ],
    dir,
  );
  const file = path.join(dir, 'out.yaml');
  return { ...r, written: existsSync(file) ? readFileSync(file, 'utf8') : undefined };
}

describe('courtfile import: options that do not apply to the format', () => {
  it('every source imports without them (the refusals below are the options)', async () => {
    for (const format of Object.keys(SOURCES)) {
      const r = await importFormat(format, []);
      expect(r.status, `${format}: ${r.err}`).toBe(0);
      expect(r.written).toContain(`# format: ${format}\n`);
    }
  });

  // An audit found `--sheet` with WhatsApp written into OUT's header (`# sheet: X`),
  // `--participants` with xlsx too (`# participants sha256: ...`), `--date-order` with
  // xlsx ignored without a word.
  it.each([
    ['whatsapp', ['--sheet', 'X'], ['--sheet is for xlsx, not whatsapp']],
    ['xlsx', ['--participants', 'parts.yaml'], ['--participants is for whatsapp, not xlsx']],
    ['xlsx', ['--date-order', 'dmy'], ['--date-order is for whatsapp, not xlsx']],
    [
      'csv',
      ['--sheet', 'Feuil1', '--date-order', 'dmy', '--participants', 'parts.yaml'],
      [
        '--sheet is for xlsx, not csv',
        '--date-order is for whatsapp, not csv',
        '--participants is for whatsapp, not csv',
      ],
    ],
    [
      'skype',
      ['--zone', 'Europe/Paris'],
      ['--zone is for csv, xlsx, whatsapp and mbox, not skype'],
    ],
    ['skype', ['--participants', 'parts.yaml'], ['--participants is for whatsapp, not skype']],
    ['mbox', ['--date-order', 'mdy'], ['--date-order is for whatsapp, not mbox']],
  ])(
    '%s with %j: imported as without it, a note per option, not in the header',
    async (format, extra, said) => {
      const plain = await importFormat(format, []);
      const r = await importFormat(format, extra);
      expect(r.status, r.err).toBe(0);
      const notes = r.err.split('\n').filter((l) => l.startsWith('courtfile: --'));
      expect(notes).toHaveLength(said.length);
      said.forEach((s, i) => {
        expect(notes[i]).toContain(s);
        expect(notes[i]).toMatch(/: ignored$/);
      });
      expect(plain.err).not.toContain('ignored');
      // The same OUT, byte for byte, as the import without the option.
      expect(r.written).toBeDefined();
      expect(r.written).toBe(plain.written);
    },
  );

  it.each([
    [
      'whatsapp',
      ['--from', 'whatsapp', '--map', 'map.yaml'],
      '--map is for csv and xlsx, not whatsapp',
    ],
    ['mbox', ['--map', 'map.yaml'], '--map is for csv and xlsx, not mbox'],
  ])('%s with %j: usage error, exit 2, nothing written', async (format, extra, said) => {
    const r = await importFormat(format, extra);
    expect(r.status).toBe(2);
    expect(r.err).toContain(said);
    expect(r.err).toMatch(/leave it out/);
    expect(r.out).toBe('');
    expect(r.written).toBeUndefined();
  });

  it('the note says how the format was decided', async () => {
    const inferred = await importFormat('whatsapp', ['--sheet', 'X']);
    expect(inferred.err).toContain(
      'exhibits/chat.txt is read as whatsapp from its extension (.txt without --map): give --from if it is another format',
    );
    const given = await importFormat('xlsx', ['--from', 'xlsx', '--date-order', 'dmy']);
    expect(given.err).toContain('exhibits/export.xlsx is read as xlsx by --from');
  });

  it('an OUT an import wrote is left as it was by a refused --map', async () => {
    const before = (await importFormat('whatsapp', [])).written!;
    const r = await importFormat('whatsapp', ['--from', 'whatsapp', '--map', 'map.yaml'], before);
    expect(r.status).toBe(2);
    expect(r.written).toBe(before);
  });

  it("OUT's header records the options that applied", async () => {
    const chat = await importFormat('whatsapp', [
      ...['--date-order', 'dmy', '--participants', 'parts.yaml'],
    ]);
    expect(chat.status).toBe(0);
    expect(chat.written).toMatch(
      /^# zone: Europe\/Paris\n# date order: dmy\n# participants sha256: [0-9a-f]{64}\n/m,
    );
    const book = await importFormat('xlsx', ['--sheet', 'Feuil1', '--zone', 'Europe/Paris']);
    expect(book.status).toBe(0);
    expect(book.written).toMatch(/^# zone: Europe\/Paris\n# sheet: Feuil1\n/m);
    for (const r of [await importFormat('csv', []), await importFormat('skype', [])]) {
      expect(r.status).toBe(0);
      expect(r.written).not.toMatch(/^# (zone|sheet|date order|participants)/m);
    }
  });

  it('the table of options names formats that exist', () => {
    for (const formats of Object.values(OPTION_FORMATS))
      for (const format of formats) expect(Object.keys(SOURCES)).toContain(format);
  });
});
