import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A tiny .xlsx writer for tests (FICTIONAL data only): a zip of the given XML parts,
 * deflated, with a real central directory. Cells: strings go to shared strings, numbers
 * are written as given (`{n: '33.329999999999998'}`), `{date: serial}` with a date style,
 * `{iso: '2024-03-01T19:30:00'}` as an ISO 8601 date cell (`t="d"`) with that style,
 * `{error: '#N/A'}` as an error cell (`t="e"`), `{sharedIndex: '7'}` as a shared string
 * cell holding that index as it is (in the table or not).
 */
export type XCell =
  | string
  | { n: string }
  | { date: number; style?: number }
  | { inline: string }
  | { iso: string; style?: number }
  | { error: string }
  | { sharedIndex: string }
  | undefined;

/** A zip of `files`, deflated (method 8) or, with `stored`, stored as they are (method 0). */
function zip(files: Record<string, string | Uint8Array>, { stored = false } = {}): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data =
      typeof content === 'string'
        ? Buffer.from(content, 'utf8')
        : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    const comp = stored ? data : deflateRawSync(data);
    const method = stored ? 0 : 8;
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(comp.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    locals.push(local, nameBuf, comp);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(method, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(comp.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(nameBuf.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, nameBuf);
    offset += 30 + nameBuf.length + comp.length;
  }
  const dirBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dirBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dirBuf, end]));
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const colName = (i: number): string =>
  i < 26 ? String.fromCharCode(65 + i) : colName(Math.floor(i / 26) - 1) + colName(i % 26);

export function xlsx(
  sheetName: string,
  rows: readonly (readonly XCell[])[],
  extra: Record<string, string | Uint8Array> = {},
): Uint8Array {
  const shared: string[] = [];
  const rowXml = rows
    .map((row, r) => {
      const cells = row
        .map((c, i) => {
          const ref = `${colName(i)}${r + 1}`;
          if (c === undefined) return '';
          if (typeof c === 'string') {
            shared.push(c);
            return `<c r="${ref}" t="s"><v>${shared.length - 1}</v></c>`;
          }
          if ('n' in c) return `<c r="${ref}"><v>${c.n}</v></c>`;
          if ('iso' in c) return `<c r="${ref}" t="d" s="${c.style ?? 1}"><v>${esc(c.iso)}</v></c>`;
          if ('error' in c) return `<c r="${ref}" t="e"><v>${esc(c.error)}</v></c>`;
          if ('sharedIndex' in c) return `<c r="${ref}" t="s"><v>${esc(c.sharedIndex)}</v></c>`;
          if ('inline' in c)
            return `<c r="${ref}" t="inlineStr"><is><t>${esc(c.inline)}</t></is></c>`;
          return `<c r="${ref}" s="${c.style ?? 1}"><v>${c.date}</v></c>`;
        })
        .join('');
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join('');
  return zip({
    '[Content_Types].xml': '<?xml version="1.0"?><Types/>',
    'xl/workbook.xml': `<?xml version="1.0"?><workbook xmlns:r="r"><sheets><sheet name="${esc(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0"?><Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/styles.xml':
      '<?xml version="1.0"?><styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>',
    'xl/sharedStrings.xml': `<?xml version="1.0"?><sst>${shared.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0"?><worksheet><sheetData>${rowXml}</sheetData></worksheet>`,
    ...extra,
  });
}

export { zip };
