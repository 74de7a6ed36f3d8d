/** writeCsv streams: bounded chunks as rows are produced, the same bytes as one string. */
import { describe, expect, it } from 'vitest';
import type { promises as fs } from 'node:fs';
import { csvRecord } from '../../src/export/csv/csv-format.js';
import { writeCsv } from '../../src/export/csv/csv-writer.js';
import { InterruptedError } from '../../src/errors.js';

/** A file handle that records each write. */
function recordingHandle(): { handle: fs.FileHandle; writes: string[] } {
  const writes: string[] = [];
  const handle = {
    write: (data: string) => {
      writes.push(data);
      return Promise.resolve({ bytesWritten: Buffer.byteLength(data), buffer: data });
    },
  } as unknown as fs.FileHandle;
  return { handle, writes };
}

const rows = (n: number, produced: number[]) =>
  (function* () {
    for (let i = 0; i < n; i++) {
      produced.push(i);
      yield [`T${i}`, `${i}.50`, 'a "note", with comma'];
    }
  })();

describe('writeCsv', () => {
  it('writes the BOM, the header and every row in chunks of about 64 KiB', async () => {
    const { handle, writes } = recordingHandle();
    const produced: number[] = [];
    const count = await writeCsv(
      handle,
      ['id', 'amount', 'notes'],
      rows(20_000, produced),
      undefined,
    );
    expect(count).toBe(20_000);
    expect(writes.length).toBeGreaterThan(5);
    for (const w of writes) expect(w.length).toBeLessThan((1 << 16) + 200);
    let expected = '\ufeff' + csvRecord(['id', 'amount', 'notes']);
    for (let i = 0; i < 20_000; i++)
      expected += csvRecord([`T${i}`, `${i}.50`, 'a "note", with comma']);
    expect(writes.join('')).toBe(expected);
  });

  it('stops between chunks when the signal aborts, without producing the remaining rows', async () => {
    const { handle } = recordingHandle();
    const controller = new AbortController();
    controller.abort();
    const produced: number[] = [];
    await expect(
      writeCsv(handle, ['id'], rows(100_000, produced), controller.signal),
    ).rejects.toBeInstanceOf(InterruptedError);
    expect(produced.length).toBeLessThan(5_000);
  });
});
