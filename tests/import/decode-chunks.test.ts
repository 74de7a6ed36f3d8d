import { describe, expect, it } from 'vitest';
import type { CsvEncoding } from '../../src/import/csv/decode-chunks.js';
import type { CsvDecodeError } from '../../src/import/csv/parse-csv.js';
import { decodeChunks } from '../../src/import/csv/decode-chunks.js';

/** Fictional text only. */
async function decode(parts: number[][] | Uint8Array[], encoding?: CsvEncoding) {
  async function* gen() {
    for (const p of parts) yield p instanceof Uint8Array ? p : new Uint8Array(p);
  }
  const out: (string | CsvDecodeError)[] = [];
  for await (const x of decodeChunks(gen(), encoding)) out.push(x);
  return out;
}
/** The text, each decode error shown as `<its first word>` (`<!...>` when fatal). */
const text = (xs: (string | CsvDecodeError)[]) =>
  xs
    .map((x) => (typeof x === 'string' ? x : `<${x.fatal ? '!' : ''}${x.message.split(' ')[0]}>`))
    .join('');
const messages = (xs: (string | CsvDecodeError)[]) =>
  xs.flatMap((x) => (typeof x === 'string' ? [] : [x.message]));
const R = '\ufffd';

describe('decoding chunks', () => {
  it('UTF-8 characters split across chunks, a BOM dropped', async () => {
    const bytes = new TextEncoder().encode('\ufeffé€😀;x');
    const parts = [...bytes].map((b) => [b]); // one byte per chunk
    expect(text(await decode(parts))).toBe('é€😀;x');
  });
  it('each invalid sequence: an error naming its bytes, then one U+FFFD, and the text goes on', async () => {
    const r = await decode([
      [0x61, 0x62],
      [0xe9, 0x63, 0xe2, 0x82, 0x41, 0x80],
      [0xf0, 0x9f, 0x98, 0x80, 0x64],
    ]);
    expect(text(r)).toBe(`ab<a>${R}c<bytes>${R}A<a>${R}😀d`);
    expect(messages(r)).toEqual([
      'a byte that is not UTF-8 (0xe9): set encoding in the mapping (e.g. windows-1252)',
      'bytes that are not UTF-8 (0xe2 0x82): set encoding in the mapping (e.g. windows-1252)',
      'a byte that is not UTF-8 (0x80): set encoding in the mapping (e.g. windows-1252)',
    ]);
    // An overlong form and an encoded surrogate: their first byte alone (WHATWG's count).
    expect(text(await decode([[0xc0, 0xaf, 0xed, 0xa0, 0x80]]))).toBe(
      `<a>${R}<a>${R}<a>${R}<a>${R}<a>${R}`,
    );
    // The file ends inside a character.
    const cut = await decode([[0x61, 0xe2, 0x82]]);
    expect(text(cut)).toBe(`a<the>${R}`);
    expect(messages(cut)).toEqual([
      'the file ends inside a UTF-8 character (bytes 0xe2 0x82; truncated file?)',
    ]);
  });
  it('windows-1252, true ISO 8859-1, UTF-16BE with its BOM', async () => {
    expect(text(await decode([[0x80, 0xe9]], 'windows-1252'))).toBe('€é');
    expect(text(await decode([[0x80, 0xe9]], 'iso-8859-1'))).toBe('\u0080é');
    expect(text(await decode([[0x93, 0x41, 0x94, 0x99, 0x9f]], 'windows-1252'))).toBe('“A”™Ÿ');
    // 0x81 is no windows-1252 character: an error, not a silent control character.
    const w = await decode([[0x41, 0x81, 0x42, 0x9d]], 'windows-1252');
    expect(text(w)).toBe(`A<a>${R}B<a>${R}`);
    expect(messages(w)[0]).toBe(
      'a byte that is not a windows-1252 character (0x81): the file is in another encoding',
    );
    expect(text(await decode([[0xfe, 0xff, 0x00], [0xe9]]))).toBe('é');
  });
  it('a BOM that contradicts the declared encoding is an error', async () => {
    expect(text(await decode([[0xff, 0xfe, 0x61, 0x00]], 'utf-8'))).toBe('<!the>');
  });
  it('UTF-16: surrogate pairs across chunks; an unpaired surrogate and a last odd byte reported, the text goes on', async () => {
    const le = [...Buffer.from('a😀b', 'utf16le')];
    // Cut inside the surrogate pair and inside a code unit.
    expect(text(await decode([[0xff, 0xfe, ...le.slice(0, 3)], le.slice(3, 5), le.slice(5)]))).toBe(
      'a😀b',
    );
    const lone = await decode([[0xff, 0xfe, 0x61, 0x00, 0x00, 0xd8, 0x62, 0x00, 0x63]]);
    expect(text(lone)).toBe(`a<bytes>${R}b<the>${R}`);
    expect(messages(lone)).toEqual([
      'bytes that are not valid utf-16le (0x00 0xd8: half of a surrogate pair)',
      'the file ends inside a utf-16le character (byte 0x63; truncated file?)',
    ]);
    const be = await decode([[0x00, 0x61, 0xdc, 0x00, 0x00, 0x62]], 'utf-16be');
    expect(text(be)).toBe(`a<bytes>${R}b`);
    expect(messages(be)[0]).toBe(
      'bytes that are not valid utf-16be (0xdc 0x00: half of a surrogate pair)',
    );
  });
});
