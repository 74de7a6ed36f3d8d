/** Every platform reader, on any bytes: no exception, and every finding points inside the file. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readMbox } from '../../src/import/readers/mbox.js';
import { readSkype } from '../../src/import/readers/skype.js';
import { readWhatsapp } from '../../src/import/readers/whatsapp.js';
import type { SourceItem, SourceReader } from '../../src/import/types.js';

const READERS: Record<string, SourceReader> = {
  skype: readSkype,
  whatsapp: readWhatsapp,
  mbox: readMbox,
};

/** Pieces of each format, shuffled into near-misses. */
const PIECES = [
  '{"conversations": [{"id": "8:live:.cid.a", "MessageList": [',
  '{"id": "1", "originalarrivaltime": "2024-03-14T10:00:00Z", "messagetype": "Event/Call", "from": "8:a", "content": "<partlist type=\\"ended\\" callId=\\"c\\"><part identity=\\"b\\"><duration>1e9</duration></part></partlist>"}',
  ']}]}',
  '14/03/2024, 09:06 - Ana: hi\n',
  '[03/14/24, 12:15:00\u202fPM] \u200eBen: \u200eimage omitted\n',
  '99/99/9999, 99:99 - x: y\n',
  'From x Thu Mar 14 10:05:00 2024\n',
  'From: "a, b" <a@example.org>\nTo: (c\nDate: 31 Dec 9999 23:59:59 -2359\n\n',
  '\n',
  '\r\n',
  ',',
  '"',
  '\u00e9',
];

const inputs = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc
    .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 })), { maxLength: 20 })
    .map((parts) => new TextEncoder().encode(parts.join(''))),
);

describe('platform readers on arbitrary bytes', () => {
  for (const [name, reader] of Object.entries(READERS)) {
    it(`${name}: never throws, findings are located inside the file`, () => {
      fc.assert(
        fc.property(inputs, (bytes) => {
          const lines = new TextDecoder().decode(bytes).split('\n').length;
          // These readers are synchronous generators.
          const items = reader(bytes, { file: 'x', zone: 'Europe/Paris' }) as Iterable<SourceItem>;
          for (const { line, column } of items) {
            expect(line).toBeGreaterThanOrEqual(1);
            expect(line).toBeLessThanOrEqual(lines);
            expect(column).toBeGreaterThanOrEqual(1);
          }
        }),
        { numRuns: 300 },
      );
    });
  }
});
