/**
 * Object streams and the cross-reference stream (src/render/object-streams.ts): objects
 * put there are read back by qpdf with their values, text strings in any script.
 */
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { describe, expect, test } from 'vitest';
import { ObjectStreams, OffsetTable, pdfText } from '../../src/render/object-streams.js';
import { hasQpdf, qpdfView, trailerId } from './qpdf.js';

async function build(
  objects: number,
  text: string,
  xrefChunkRows?: number,
): Promise<{ bytes: Buffer; ids: number[] }> {
  const doc = new PDFDocument({ autoFirstPage: false, compress: true });
  const chunks: Uint8Array[] = [];
  doc.on('data', (c: Uint8Array) => chunks.push(c));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  const streams = new ObjectStreams(doc, xrefChunkRows);
  doc.addPage({ size: [200, 200], margin: 0 });
  const ids: number[] = [];
  for (let i = 0; i < objects; i++) {
    const id = streams.reserve();
    ids.push(id);
    streams.put(id, `<</N ${i}/T${pdfText(text)}/Next ${id + 1} 0 R>>`);
  }
  // The last one points at an object pdfkit writes itself.
  (doc as unknown as { _root: { data: Record<string, unknown> } })._root.data.Test = streams.cite(
    ids[0] ?? 0,
  );
  streams.flush();
  doc.end();
  await ended;
  return { bytes: Buffer.concat(chunks), ids };
}

describe('pdfText', () => {
  test('printable ASCII as a literal string (parentheses and backslash escaped), other text as UTF-16BE hex', () => {
    expect(pdfText('a (b) \\ c')).toBe('(a \\(b\\) \\\\ c)');
    expect(pdfText('é’')).toBe('<FEFF00e92019>');
    expect(pdfText('\u{1F600}')).toBe('<FEFFd83dde00>');
  });
});

describe.skipIf(!hasQpdf)('object streams', () => {
  test('a thousand objects over several streams read back with qpdf; the trailer /ID is in the xref stream', async () => {
    const text = 'Montant (EUR) — mois d’août, 1 000 € 😀';
    const { bytes, ids } = await build(1000, text);
    const view = qpdfView(bytes);
    try {
      ids.forEach((id, i) => {
        const dict = view.objects.get(`${id} 0 R`)?.dict;
        expect(dict).toMatchObject({ '/N': i, '/T': `u:${text}` });
      });
      expect(view.trailer['/Type']).toBe('/XRef');
      expect(trailerId(bytes)).toMatch(/^[0-9a-f]{32}$/);
      const root = view.objects.get(String(view.trailer['/Root']))?.dict;
      expect(root?.['/Test']).toBe(`${ids[0]} 0 R`);
      const streamsWritten = [...view.objects.values()].filter(
        (o) => o.dict['/Type'] === '/ObjStm',
      );
      expect(streamsWritten.length).toBe(3);
    } finally {
      view.dispose();
    }
  });
});

/** The cross-reference stream's data (the last stream of the file), and its /Length. */
function xrefStream(bytes: Buffer): { data: Buffer; length: number } {
  const dict = bytes.lastIndexOf('/Type /XRef');
  const length = Number(/\/Length (\d+)/.exec(bytes.subarray(dict).toString('latin1'))?.[1]);
  const start = bytes.indexOf('stream\n', dict) + 'stream\n'.length;
  return { data: bytes.subarray(start, start + length), length };
}

describe('the cross-reference stream deflated in chunks', () => {
  test('inflates to the same rows as deflated whole, for any chunk size', async () => {
    const whole = await build(1000, 'x');
    const rows = inflateSync(xrefStream(whole.bytes).data);
    // Objects 0..n: 7 bytes each (W [1 4 2]); the document has more than the 1000 put.
    expect(rows.length % 7).toBe(0);
    expect(rows.length / 7).toBeGreaterThan(1000);
    for (const chunkRows of [1, 7, 64, 333, 4096]) {
      const chunked = await build(1000, 'x', chunkRows);
      const x = xrefStream(chunked.bytes);
      // Same document but for the compressed xref data (and the /Length and startxref).
      expect(inflateSync(x.data).equals(rows)).toBe(true);
      expect(x.data.equals(xrefStream(whole.bytes).data)).toBe(chunkRows >= rows.length / 7);
    }
  });

  test.skipIf(!hasQpdf)(
    'qpdf reads every object of a document whose xref was chunked',
    async () => {
      const text = 'Montant — 1 000 € 😀';
      const { bytes, ids } = await build(1000, text, 50);
      const view = qpdfView(bytes);
      try {
        ids.forEach((id, i) => {
          expect(view.objects.get(`${id} 0 R`)?.dict).toMatchObject({ '/N': i, '/T': `u:${text}` });
        });
        expect(view.trailer['/Type']).toBe('/XRef');
      } finally {
        view.dispose();
      }
    },
  );
});

describe("OffsetTable (pdfkit's _offsets: 4 bytes an object, runs once a block is complete)", () => {
  test('pushes, sets and reads across blocks; unwritten objects read null', () => {
    const table = new OffsetTable();
    expect(table.push(15)).toBe(1);
    expect(table.push(null)).toBe(2);
    for (let i = 2; i < 140_000; i++) table.push(null);
    expect(table.length).toBe(140_000);
    table.set(1, -(1 + 2 * 65536 + 399));
    table.set(65_535, 1_000_000);
    table.set(65_536, 2_147_483_647);
    table.set(139_999, 42);
    expect(table.get(0)).toBe(15);
    expect(table.get(1)).toBe(-(1 + 2 * 65536 + 399));
    expect(table.get(2)).toBeNull();
    expect(table.get(65_535)).toBe(1_000_000);
    expect(table.get(65_536)).toBe(2_147_483_647);
    expect(table.get(139_999)).toBe(42);
    expect(table.get(140_000)).toBeNull();
  });

  test('offsets of 2 GiB and more are kept exactly; what it cannot hold is refused, not wrapped', () => {
    const table = new OffsetTable();
    table.push(null);
    table.push(null);
    table.set(0, 2 ** 31);
    table.set(1, 2 ** 32 + 5);
    expect(table.get(0)).toBe(2 ** 31);
    expect(table.get(1)).toBe(2 ** 32 + 5);
    table.set(1, 77); // an offset set again replaces the one kept aside
    expect(table.get(1)).toBe(77);
    expect(() => table.set(2, 10)).toThrow(/object 3 was never reserved/);
    expect(() => table.set(0, -(2 ** 31))).toThrow(/out of range/);
    expect(() => table.set(0, 0)).toThrow(/out of range/);
    expect(() => table.set(0, 1.5)).toThrow(/out of range/);
    expect(() => table.set(0, 2 ** 53)).toThrow(/out of range/);
    expect(table.get(0)).toBe(2 ** 31);
  });

  test('a complete block is kept as runs and reads back every entry as it was set', () => {
    const table = new OffsetTable();
    const n = 2 * 65_536 + 10;
    const expected: (number | null)[] = [];
    for (let i = 0; i < n; i++) table.push(null);
    // Like a render: mostly members of consecutive streams (codes one after another,
    // across stream boundaries), a direct offset now and then, one far offset; set out
    // of order within each block.
    let code = 0;
    let offset = 1_000;
    for (let i = 0; i < n; i++) {
      if (i === 70_000) expected.push(2 ** 31 + 3);
      else if (i % 97 === 5) expected.push((offset += 1_234));
      else expected.push(-(1 + code++));
    }
    const order = [...expected.keys()].sort((a, b) => (a % 7) - (b % 7) || a - b);
    const lastBlock = order.filter((i) => i >= 2 * 65_536);
    for (const i of order) if (i < 2 * 65_536) table.set(i, expected[i] as number);
    // Two complete blocks as runs (~1,400 runs of 6 bytes), the last one not yet set.
    expect(table.bytes).toBeLessThan(65_536 * 4 + 2 * 20_000);
    const wrong = (from: number, to: number) =>
      expected.slice(from, to).flatMap((v, k) => (table.get(from + k) === v ? [] : [from + k]));
    expect(wrong(0, 2 * 65_536)).toEqual([]);
    for (const i of [131_071, 3, 65_536, 70_000, 5, 131_000, 0])
      expect(table.get(i)).toBe(expected[i]);
    expect(lastBlock.filter((i) => table.get(i) !== null)).toEqual([]);
    for (const i of lastBlock) table.set(i, expected[i] as number);
    expect(
      expected.flatMap((v, i) => (table.get(n - 1 - i) === expected[n - 1 - i] ? [] : [i])),
    ).toEqual([]);
    expect(wrong(0, n)).toEqual([]);
    // Set again after its block became runs: back to entries, the others unchanged.
    table.set(65_540, 77);
    expect(table.get(65_540)).toBe(77);
    expect(table.get(65_539)).toBe(expected[65_539]);
    expect(table.get(65_541)).toBe(expected[65_541]);
    expect(table.get(70_000)).toBe(2 ** 31 + 3);
  });

  test('a block written but for a few objects becomes runs once two newer blocks exist; they are set in place', () => {
    const table = new OffsetTable();
    for (let i = 0; i < 2 * 65_536; i++) table.push(null);
    // Block 0 all members of consecutive codes but 200 entries left unset (numbered long
    // before they are written); block 1 not set yet.
    const pending = Array.from({ length: 200 }, (_, k) => 37 + k * 300);
    const code = (i: number) => -(1 + 5 * 65_536 + i);
    for (let i = 0; i < 65_536; i++) if (!pending.includes(i)) table.set(i, code(i));
    expect(table.bytes).toBe(2 * 65_536 * 4);
    table.push(null); // the first entry of block 2: block 0 (two behind) becomes runs
    expect(table.bytes).toBeLessThan(2 * 65_536 * 4 + 4_000);
    expect(pending.filter((i) => table.get(i) !== null)).toEqual([]);
    expect(table.get(36)).toBe(code(36));
    expect(table.get(38)).toBe(code(38));
    // Filled in place: still runs while some are unset (the block is not expanded again).
    for (const i of pending.slice(0, 100)) table.set(i, 500 + i);
    expect(table.bytes).toBeLessThan(2 * 65_536 * 4 + 4_000);
    for (const i of pending.slice(100)) table.set(i, 500 + i);
    expect(table.bytes).toBeLessThan(2 * 65_536 * 4 + 4_000);
    const wrong = [...Array(65_536).keys()].filter(
      (i) => table.get(i) !== (pending.includes(i) ? 500 + i : code(i)),
    );
    expect(wrong).toEqual([]);
    // A block with more than 256 entries unset stays entries.
    const other = new OffsetTable();
    for (let i = 0; i < 2 * 65_536; i++) other.push(i < 65_536 - 300 ? code(i) : null);
    other.push(null);
    expect(other.bytes).toBe(3 * 65_536 * 4);
  });

  test('a complete block of unrelated offsets stays entries (runs would not be smaller)', () => {
    const table = new OffsetTable();
    for (let i = 0; i < 65_536; i++) table.push(10 + ((i * 7_919) % 65_521) * 3);
    expect(table.bytes).toBe(65_536 * 4);
    const wrong = [...Array(65_536).keys()].filter(
      (i) => table.get(i) !== 10 + ((i * 7_919) % 65_521) * 3,
    );
    expect(wrong).toEqual([]);
  });

  test('a document of more objects than a block: every put object is in its object stream', async () => {
    const { bytes, ids } = await build(70_000, 'x');
    const rows = inflateSync(xrefStream(bytes).data);
    const streams = new Set<number>();
    ids.forEach((id, i) => {
      const at = id * 7;
      expect(rows[at]).toBe(2);
      expect(rows.readUInt16BE(at + 5)).toBe(i % 400);
      streams.add(rows.readUInt32BE(at + 1));
    });
    expect(streams.size).toBe(Math.ceil(70_000 / 400));
    // Each stream's own row: an object in the file, at an offset that starts "N 0 obj".
    for (const stream of streams) {
      const at = stream * 7;
      expect(rows[at]).toBe(1);
      const offset = rows.readUInt32BE(at + 1);
      expect(bytes.subarray(offset, offset + 20).toString('latin1')).toMatch(
        new RegExp(`^${stream} 0 obj`),
      );
    }
  });
});
