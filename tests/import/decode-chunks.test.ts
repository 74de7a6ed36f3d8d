import { describe, expect, it } from 'vitest';
import type { CsvEncoding } from '../../src/import/csv/decode-chunks.js';
import { decodeChunks } from '../../src/import/csv/decode-chunks.js';

/** Fictional text only. */
async function decode(parts: number[][] | Uint8Array[], encoding?: CsvEncoding) {
  async function* gen() {
    for (const p of parts) yield p instanceof Uint8Array ? p : new Uint8Array(p);
  }
  const out: (string | { message: string })[] = [];
  for await (const x of decodeChunks(gen(), encoding)) out.push(x);
  return out;
}
const text = (xs: (string | { message: string })[]) =>
  xs.map((x) => (typeof x === 'string' ? x : `<${x.message.split(' ')[0]}>`)).join('');

describe('decoding chunks', () => {
  it('UTF-8 characters split across chunks, a BOM dropped', async () => {
    const bytes = new TextEncoder().encode('\ufeffé€😀;x');
    const parts = [...bytes].map((b) => [b]); // one byte per chunk
    expect(text(await decode(parts))).toBe('é€😀;x');
  });
  it('an invalid byte ends the text where it is; a truncated character at the end too', async () => {
    const r = await decode([
      [0x61, 0x62],
      [0xe9, 0x63],
    ]);
    expect(text(r)).toBe('ab<a>');
    expect(text(await decode([[0x61, 0xc3]]))).toBe('a<the>');
  });
  it('windows-1252, true ISO 8859-1, UTF-16BE with its BOM', async () => {
    expect(text(await decode([[0x80, 0xe9]], 'windows-1252'))).toBe('€é');
    expect(text(await decode([[0x80, 0xe9]], 'iso-8859-1'))).toBe('\u0080é');
    expect(text(await decode([[0x93, 0x41, 0x94, 0x99, 0x9f]], 'windows-1252'))).toBe('“A”™Ÿ');
    // 0x81 is no windows-1252 character: an error, not a silent control character.
    expect(text(await decode([[0x41, 0x81, 0x42]], 'windows-1252'))).toBe('A<byte>');
    expect(text(await decode([[0xfe, 0xff, 0x00], [0xe9]]))).toBe('é');
  });
  it('a BOM that contradicts the declared encoding is an error', async () => {
    expect(text(await decode([[0xff, 0xfe, 0x61, 0x00]], 'utf-8'))).toBe('<the>');
  });
});
