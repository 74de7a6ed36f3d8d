/**
 * SpillFile (src/render/layout/spill-file.ts): what the measuring pass keeps for the
 * drawing pass goes to a temporary file past a threshold. The bytes read back are the
 * bytes appended, in any order, across write batches and read windows; the file's name
 * is gone as soon as it is opened and its descriptor is closed by `close`; a folder where
 * no file can be made keeps everything in memory.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { RowStore } from '../../src/render/blocks/row-store.js';
import { BODY, MONO, item } from './row-items.js';
import { SpillFile } from '../../src/render/layout/spill-file.js';
import { hasProcFds, openDescriptorsIn, openFilesIn } from './open-files.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'courtfile-spill-test-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Deterministic bytes: chunk i of `size` bytes. */
function chunk(i: number, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let k = 0; k < size; k++) bytes[k] = (i * 31 + k * 7) & 0xff;
  return bytes;
}

describe('SpillFile', () => {
  test('spilled from the first byte: every chunk reads back, in order and out of order, across batches', () => {
    const file = new SpillFile({ directory: dir, threshold: 0 });
    // Small chunks, chunks straddling the 256 KiB batches and windows, one larger than a batch.
    const sizes = [0, 1, 5000, 300_000, 17, 262_144, 70_000, 1_000_000, 3, 40_000];
    for (let i = 0; i < 200; i++) sizes.push((i * 7919) % 9000);
    const offsets = sizes.map((size, i) => file.append(chunk(i, size)));
    expect(file.spilled).toBe(true);
    expect(file.size).toBe(sizes.reduce((a, b) => a + b, 0));
    expect(offsets[1]).toBe(0);
    expect(offsets[3]).toBe(5001);
    // The name is gone at once (unlinked when opened), the descriptor is open.
    expect(readdirSync(dir)).toEqual([]);
    if (hasProcFds) expect(openFilesIn(dir)).toHaveLength(1);
    const order = sizes.map((_, i) => i);
    for (const i of [...order, ...order.reverse(), 3, 7, 1, 7, 3]) {
      const got = file.read(offsets[i] as number, sizes[i] as number);
      expect(Buffer.from(got).equals(Buffer.from(chunk(i, sizes[i] as number)))).toBe(true);
    }
    // Appending after reading goes on at the end.
    const after = file.append(chunk(999, 1234));
    expect(Buffer.from(file.read(after, 1234)).equals(Buffer.from(chunk(999, 1234)))).toBe(true);
    expect(
      Buffer.from(file.read(offsets[2] as number, 5000)).equals(Buffer.from(chunk(2, 5000))),
    ).toBe(true);
    file.close();
    file.close();
    if (hasProcFds) expect(openFilesIn(dir)).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('under the threshold nothing goes to a file; past it everything does', () => {
    const file = new SpillFile({ directory: dir, threshold: 10_000 });
    const a = file.append(chunk(1, 6000));
    expect(file.spilled).toBe(false);
    if (hasProcFds) expect(openFilesIn(dir)).toEqual([]);
    const b = file.append(chunk(2, 6000));
    expect(file.spilled).toBe(true);
    if (hasProcFds) expect(openFilesIn(dir)).toHaveLength(1);
    expect(Buffer.from(file.read(a, 6000)).equals(Buffer.from(chunk(1, 6000)))).toBe(true);
    expect(Buffer.from(file.read(b, 6000)).equals(Buffer.from(chunk(2, 6000)))).toBe(true);
    file.close();
    if (hasProcFds) expect(openFilesIn(dir)).toEqual([]);
  });

  test.skipIf(!hasProcFds)(
    'the file holds the bytes encrypted: no text of the documents on the disk',
    () => {
      const file = new SpillFile({ directory: dir, threshold: 0 });
      // FICTIONAL: a name as a row of a document would hold it, over several batches.
      const text = Buffer.from('Maria Fictiva Santos (victime, nom révélé) '.repeat(20_000));
      const at = [file.append(text), file.append(text.subarray(7, 70_007))];
      // Read back right at any offset, mid-block included (a read writes the last batch).
      expect(Buffer.from(file.read(at[0]!, text.length)).equals(text)).toBe(true);
      expect(Buffer.from(file.read(at[1]!, 70_000)).equals(text.subarray(7, 70_007))).toBe(true);
      expect(Buffer.from(file.read(13, 29)).equals(text.subarray(13, 42))).toBe(true);
      const [open] = openDescriptorsIn(dir);
      const onDisk = readFileSync(open!.path);
      expect(onDisk.length).toBe(text.length + 70_000);
      expect(onDisk.includes('Fictiva')).toBe(false);
      expect(onDisk.includes(text.subarray(0, 16))).toBe(false);
      // Another file of the same bytes has another key: its bytes differ too.
      const other = new SpillFile({ directory: dir, threshold: 0 });
      other.read(other.append(text), 1);
      const second = openDescriptorsIn(dir).find((d) => d.path !== open!.path)!;
      expect(readFileSync(second.path).subarray(0, 4096).equals(onDisk.subarray(0, 4096))).toBe(
        false,
      );
      other.close();
      file.close();
    },
  );

  test('a folder where no file can be made: everything stays in memory, reads are right', () => {
    const file = new SpillFile({ directory: path.join(dir, 'missing', 'folder'), threshold: 0 });
    const offsets = [100, 70_000, 300_000].map((size, i) => file.append(chunk(i, size)));
    expect(file.spilled).toBe(false);
    [100, 70_000, 300_000].forEach((size, i) => {
      expect(
        Buffer.from(file.read(offsets[i] as number, size)).equals(Buffer.from(chunk(i, size))),
      ).toBe(true);
    });
    expect(() => file.read(0, file.size + 1)).toThrow(/internal/);
    file.close();
  });
});

describe('RowStore over a spilled file', () => {
  test('rows of two tables sharing one file read back as added (property)', () => {
    const line = fc.record({
      text: fc.string({ unit: 'grapheme', maxLength: 40 }),
      width: fc.double({ min: 0, max: 500, noNaN: true }),
      mono: fc.boolean(),
    });
    const table = fc.array(
      fc.array(fc.array(line, { maxLength: 3 }), { minLength: 3, maxLength: 3 }),
      { maxLength: 300 },
    );
    fc.assert(
      fc.property(table, table, (first, second) => {
        const file = new SpillFile({ directory: dir, threshold: 0 });
        try {
          const tables = [first, second].map((rows) =>
            rows.map((cells) =>
              cells.map((lines) => lines.map((l) => item(l.text, l.width, l.mono ? MONO : BODY))),
            ),
          );
          const stores = tables.map(() => new RowStore(3, file));
          // Interleaved, as two tables never are: records are found by offset, not by order.
          const longest = Math.max(...tables.map((t) => t.length));
          for (let i = 0; i < longest; i++) {
            tables.forEach((rows, t) => {
              const cells = rows[i];
              if (cells) stores[t]?.add(cells, i / 7);
            });
          }
          stores.forEach((s) => s.trim());
          tables.forEach((rows, t) => {
            const store = stores[t] as RowStore;
            expect(store.count).toBe(rows.length);
            rows.forEach((cells, i) => {
              expect(store.cells(i)).toEqual(cells);
              expect(store.height(i)).toBe(i / 7);
            });
          });
        } finally {
          file.close();
        }
      }),
      { numRuns: 25 },
    );
  });
});
