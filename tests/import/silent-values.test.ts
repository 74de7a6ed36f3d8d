/**
 * Inputs that gave a record with a wrong value, or lost a value, with exit status 0
 * (a helper's sweep of the mbox and xlsx readers, session 32). FICTIONAL TEST DATA.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs } from '../helpers/temp-dossier.js';
import { zip } from '../helpers/xlsx-writer.js';
import { importDossier, runCli } from './support.js';

afterAll(removeTempDirs);

async function importFile(
  source: string | Uint8Array,
  name: string,
  map?: string,
): Promise<{ status: number; out: string; written: string | undefined }> {
  const dir = importDossier(source, map ?? '', { name });
  const args = ['import', name, '--dossier', 'dossier.yaml', '--evidence', 'E20', '-o', 'out.yaml'];
  const r = await runCli(map === undefined ? args : [...args, '--map', 'map.yaml'], dir);
  const out = path.join(dir, 'out.yaml');
  return { ...r, written: existsSync(out) ? readFileSync(out, 'utf8') : undefined };
}

const mbox = (headers: string[]) =>
  [
    'From alice@example.org Thu Mar 14 10:05:00 2024',
    ...headers,
    'Date: Thu, 14 Mar 2024 10:05:00 +0100',
    '',
    'texte fictif',
    '',
  ].join('\n');

describe('mbox: an address list or Message-ID read wrong', () => {
  it.each([
    [
      'From',
      'From: <alice@example.org> <mallory@example.net>',
      'two <addresses> without a comma between them',
    ],
    [
      'To',
      'To: <bob@example.net> <carol@example.net>',
      'two <addresses> without a comma between them',
    ],
    [
      'Cc',
      'Cc: <dan@example.net>: erin@example.net',
      'text after an <address> (a comma missing between two addresses?)',
    ],
    [
      'To',
      'To: <bob@example.net> carol@example.net',
      'text after an <address> (a comma missing between two addresses?)',
    ],
  ])(
    '%s without a comma between two addresses is an error, not a lost address',
    async (_h, header, problem) => {
      const headers = [
        header.startsWith('From:') ? header : 'From: <alice@example.org>',
        header.startsWith('From:') ? 'To: <bob@example.net>' : header,
      ];
      const r = await importFile(mbox(headers), 'exhibits/box.mbox');
      expect(r.status).toBe(1);
      expect(r.written).toBeUndefined();
      const name = header.slice(0, header.indexOf(':'));
      const line = name === 'From' ? 2 : 3;
      expect(r.out).toContain(`error: ${name} header (line ${line}): ${problem} [import-value]`);
    },
  );

  it('well-formed lists, comments and groups are still read whole', async () => {
    const r = await importFile(
      mbox([
        'From: "Dupont, Alice" <alice@example.org> (bureau)',
        'To: <bob@example.net>, carol@example.net (Carol), Team: dan@example.net;',
        'Message-ID: (relay <x@relay.example>) <m1@example.org> (fin)',
      ]),
      'exhibits/box.mbox',
    );
    expect(r.status).toBe(0);
    expect(r.written).toContain('locator: "message <m1@example.org>"');
    expect(r.written).not.toContain('relay');
    for (const who of ['bob@example.net', 'carol@example.net', 'dan@example.net'])
      expect(r.written).toContain(who);
  });
});

function book(cells: string, opts: { date1904?: boolean; numFmts?: string; xfs: string[] }) {
  const ns = 'http://schemas.openxmlformats.org';
  const header =
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Date</t></is></c><c r="B1" t="inlineStr"><is><t>Montant</t></is></c><c r="C1" t="inlineStr"><is><t>De</t></is></c><c r="D1" t="inlineStr"><is><t>A</t></is></c></row>';
  const row = `<row r="2">${cells}<c r="C2" t="inlineStr"><is><t>WU-1</t></is></c><c r="D2" t="inlineStr"><is><t>WU-2</t></is></c></row>`;
  return zip({
    '[Content_Types].xml': `<?xml version="1.0"?><Types xmlns="${ns}/package/2006/content-types"/>`,
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships">${opts.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${ns}/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': `<?xml version="1.0"?><styleSheet xmlns="${ns}/spreadsheetml/2006/main">${opts.numFmts ? `<numFmts>${opts.numFmts}</numFmts>` : ''}<cellXfs>${opts.xfs.map((id) => `<xf numFmtId="${id}"/>`).join('')}</cellXfs></styleSheet>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0"?><worksheet xmlns="${ns}/spreadsheetml/2006/main"><sheetData>${header}${row}</sheetData></worksheet>`,
  });
}

const MAP = (decimal: string) => `courtfile-map: 1
records: transfers
zone: Europe/Paris
decimal: "${decimal}"
fields:
  at: Date
  amount: Montant
  currency: {value: EUR}
  from: {column: De, account: money_transfer}
  to: {column: A, account: money_transfer}
  channel: {value: money_transfer}
`;
const HHMM = '<numFmt numFmtId="164" formatCode="hh:mm"/>';

describe('xlsx: a value the sheet does not show', () => {
  it.each([
    ['a 1904 workbook, hh:mm, 0.8125', true, '<c r="A2" s="1"><v>0.8125</v></c>', '0.8125'],
    ['a 1900 workbook, hh:mm, 1.8125', false, '<c r="A2" s="1"><v>1.8125</v></c>', '1.8125'],
    ['a 1904 workbook, t="d" 19:30:00', true, '<c r="A2" t="d"><v>19:30:00</v></c>', '0.8125'],
  ])(
    'a time-only cell mapped alone as at is refused (%s), not given a day',
    async (_what, date1904, cell, holds) => {
      const r = await importFile(
        book(`${cell}<c r="B2"><v>10</v></c>`, { date1904, numFmts: HHMM, xfs: ['0', '164'] }),
        'exhibits/export.xlsx',
        MAP('.'),
      );
      expect(r.status).toBe(1);
      expect(r.written).toBeUndefined();
      expect(r.out).toContain(`at: the date cell holds ${holds}, a time of day without a date`);
    },
  );

  it('a date-styled number cell mapped as amount is read as the number it holds, point as separator', async () => {
    const r = await importFile(
      book('<c r="A2" s="1"><v>45352.5</v></c><c r="B2" s="1"><v>1.234</v></c>', {
        numFmts: '<numFmt numFmtId="165" formatCode="dd/mm/yyyy hh:mm"/>',
        xfs: ['0', '165'],
      }),
      'exhibits/export.xlsx',
      MAP(','),
    );
    // EUR has two decimals: 1.234 is refused as too precise, never read as 1234.
    expect(r.written ?? '').not.toContain('amount: "1234"');
    expect(r.out).toContain('1.234');
  });
});
