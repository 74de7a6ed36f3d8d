import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A tiny .xlsx writer for tests (FICTIONAL data only): a zip of the given XML parts,
 * deflated, with a real central directory. Cells: strings go to shared strings, numbers
 * are written as given (`{n: '33.329999999999998'}`), `{date: serial}` with a date style,
 * `{iso: '2024-03-01T19:30:00'}` as an ISO 8601 date cell (`t="d"`) with that style,
 * `{error: '#N/A'}` as an error cell (`t="e"`), `{sharedIndex: '7'}` as a shared string
 * cell holding that index as it is (in the table or not), `{formula: 'IF(B2>10,"A","B")'}`
 * as a formula cell without its result (as written by a program, never opened in a
 * spreadsheet: `t="str"`, no value), `{formula, t: 'n'}` the same as a number cell;
 * `value` is the XML written after the formula (`<v/>`, `<v></v>`, `<v>3</v>`).
 */
export type XCell =
  | string
  | { n: string }
  | { date: number; style?: number }
  | { inline: string }
  | { iso: string; style?: number }
  | { error: string }
  | { sharedIndex: string }
  | { formula: string; t?: 'str' | 'n'; value?: string }
  | undefined;

/**
 * A zip of `files`, deflated (method 8) or, with `stored`, stored as they are (method 0).
 * With `zip64`, written as zip64 writers do (as Python's zipfile with force_zip64, or
 * Java's with Zip64Mode.Always, write a small file): each central directory entry gives
 * its sizes and offset as 0xFFFFFFFF and their values in a zip64 extended information
 * extra field (id 0x0001); with `zip64: 'all'`, the end record gives its count, size and
 * offset as 0xFFFF and 0xFFFFFFFF too, their values in a zip64 end of central directory
 * record, which a zip64 locator points to.
 */
function zip(
  files: Record<string, string | Uint8Array>,
  { stored = false, zip64 }: { stored?: boolean; zip64?: 'entries' | 'all' } = {},
): Uint8Array {
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
    dir.writeUInt16LE(zip64 ? 45 : 20, 4);
    dir.writeUInt16LE(zip64 ? 45 : 20, 6);
    dir.writeUInt16LE(method, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(zip64 ? 0xffffffff : comp.length, 20);
    dir.writeUInt32LE(zip64 ? 0xffffffff : data.length, 24);
    dir.writeUInt16LE(nameBuf.length, 28);
    dir.writeUInt32LE(zip64 ? 0xffffffff : offset, 42);
    if (zip64) {
      // The extra field: id, size, then the uncompressed size, the compressed size, the offset.
      const extra = Buffer.alloc(28);
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(data.length), 4);
      extra.writeBigUInt64LE(BigInt(comp.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
      dir.writeUInt16LE(extra.length, 30);
      central.push(dir, nameBuf, extra);
    } else central.push(dir, nameBuf);
    offset += 30 + nameBuf.length + comp.length;
  }
  const dirBuf = Buffer.concat(central);
  const count = Object.keys(files).length;
  const all = zip64 === 'all';
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(all ? 0xffff : count, 8);
  end.writeUInt16LE(all ? 0xffff : count, 10);
  end.writeUInt32LE(all ? 0xffffffff : dirBuf.length, 12);
  end.writeUInt32LE(all ? 0xffffffff : offset, 16);
  if (!all) return new Uint8Array(Buffer.concat([...locals, dirBuf, end]));
  const end64 = Buffer.alloc(56);
  end64.writeUInt32LE(0x06064b50, 0);
  end64.writeBigUInt64LE(44n, 4); // the size of the rest of the record
  end64.writeUInt16LE(45, 12);
  end64.writeUInt16LE(45, 14);
  end64.writeBigUInt64LE(BigInt(count), 24);
  end64.writeBigUInt64LE(BigInt(count), 32);
  end64.writeBigUInt64LE(BigInt(dirBuf.length), 40);
  end64.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + dirBuf.length), 8);
  locator.writeUInt32LE(1, 16); // disks
  return new Uint8Array(Buffer.concat([...locals, dirBuf, end64, locator, end]));
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const colName = (i: number): string =>
  i < 26 ? String.fromCharCode(65 + i) : colName(Math.floor(i / 26) - 1) + colName(i % 26);

export function xlsx(
  sheetName: string,
  rows: readonly (readonly XCell[])[],
  extra: Record<string, string | Uint8Array> = {},
  /** Merged ranges (`A2:A4`), listed after the sheet's data as Excel writes them. */
  merged: readonly string[] = [],
  /** Rows (1-based) written `hidden="1"`, as a filter or Hide Rows leaves them. */
  hidden: readonly number[] = [],
  /** Columns (1-based) written hidden (`<col min max hidden="1"/>`). */
  hiddenColumns: readonly number[] = [],
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
          if ('formula' in c)
            return `<c r="${ref}"${c.t === 'n' ? '' : ' t="str"'}><f>${esc(c.formula)}</f>${c.value ?? ''}</c>`;
          if ('sharedIndex' in c) return `<c r="${ref}" t="s"><v>${esc(c.sharedIndex)}</v></c>`;
          if ('inline' in c)
            return `<c r="${ref}" t="inlineStr"><is><t>${esc(c.inline)}</t></is></c>`;
          return `<c r="${ref}" s="${c.style ?? 1}"><v>${c.date}</v></c>`;
        })
        .join('');
      return `<row r="${r + 1}"${hidden.includes(r + 1) ? ' hidden="1"' : ''}>${cells}</row>`;
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
    'xl/worksheets/sheet1.xml': `<?xml version="1.0"?><worksheet>${
      hiddenColumns.length === 0
        ? ''
        : `<cols>${hiddenColumns.map((n) => `<col min="${n}" max="${n}" width="0" hidden="1"/>`).join('')}</cols>`
    }<sheetData>${rowXml}</sheetData>${
      merged.length === 0
        ? ''
        : `<mergeCells count="${merged.length}">${merged.map((ref) => `<mergeCell ref="${esc(ref)}"/>`).join('')}</mergeCells>`
    }</worksheet>`,
    ...extra,
  });
}

export { zip };
