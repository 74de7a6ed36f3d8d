/**
 * WhatsApp and mbox exports read from the file a window at a time: the same items and
 * positions whatever the read size, lines over the bound refused where they are, and a
 * window that does not grow with the file. FICTIONAL TEST DATA throughout.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineWindow } from '../../src/import/readers/line-window.js';
import {
  MAX_HEADER_BLOCK,
  MAX_LINE_BYTES as MBOX_LINE,
  readMbox,
} from '../../src/import/readers/mbox.js';
import { MAX_LINE_BYTES as CHAT_LINE, readWhatsapp } from '../../src/import/readers/whatsapp.js';
import type { SourceItem } from '../../src/import/types.js';
import { repeatingSource, sourceOf } from './byte-source.js';

const LRM = '\u200e';
const NNBSP = '\u202f';
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const OPTIONS = { file: 'x', zone: 'Asia/Manila' };

/** Android: CRLF and LF, a BOM, marks, multi-byte names, multi-line messages, system lines. */
const CHAT = encode(
  [
    '\ufeff14/03/2024, 09:05 - Messages and calls are end-to-end encrypted.',
    '14/03/2024, 09:06 - Rolando Tést: Good morning, the weather is mild\r',
    'a second line of the same message, déjà vu 🌤️',
    '',
    '14/03/2024, 09:07 - +63 917 555 0101: <Media omitted>\r',
    `14/03/2024, 21:08 - ${LRM}\u202a+63 917 555 0101\u202c: ${LRM}<Media omitted>`,
    `14/03/2024, 21:09 - Rolando Tést: ${LRM}Missed voice call`,
    '15/03/2024, 08:00 - Rolando Tést added +63 917 555 0102',
    '31/03/2024, 23:59 - Rolando Tést: last one, no line break at the end',
  ].join('\n'),
);

/** iOS, 12-hour clock: its marks, a narrow no-break space before PM, CRLF, a multi-line message. */
const CHAT_IOS = encode(
  [
    `[14/03/2024, 9:05:00${NNBSP}AM] Rolando Tést: ${LRM}Messages and calls are end-to-end encrypted.`,
    `[14/03/2024, 9:06:30${NNBSP}AM] Rolando Tést: Good morning 🌤️\r`,
    'a second line, déjà vu',
    `[14/03/2024, 9:08:12${NNBSP}PM] ${LRM}\u202a+63 917 555 0101\u202c: ${LRM}image omitted`,
    `[14/03/2024, 9:09:00${NNBSP}PM] Rolando Tést: ${LRM}Missed voice call`,
  ].join('\n'),
);

/** From_ lines, a `>From` escape, folded headers, CRLF, a Latin-1 header, a body without a blank line. */
const MBOX = Uint8Array.from([
  ...encode(
    [
      'From alice@example.org Thu Mar 14 10:05:00 2024',
      'From: "Dupont, Jean" <Jean.Dupont@example.org>',
      'To: bob@example.org,\r',
      '\tcarol@example.org',
      'Subject: =?UTF-8?Q?r=C3=A9union?=',
      'Date: Thu, 14 Mar 2024 10:05:00 +0100',
      'Message-ID: <m1@example.org>',
      '',
      'Bland body.',
      '>From the garden, nothing.',
      '',
      'From bob@example.org Thu Mar 14 11:00:00 2024\r',
      'From: bob@example.org\r',
      'Cc: alice@example.org\r',
      'Date: 14 Mar 2024 11:00 +0000\r',
      '\r',
      'Body.\r',
      'From carol@example.org Thu Mar 14 12:00:00 2024',
      'From: carol@example.org',
      'To: ',
    ].join('\n'),
  ),
  ...[0xe9, 0x20], // raw Latin-1 "é " inside the To header (read as Windows-1252)
  ...encode('<bob@example.org>\nDate: 14 Mar 2024 12:00 +0000'),
]);

const read = (
  reader: typeof readWhatsapp,
  input: Parameters<typeof readWhatsapp>[0],
): SourceItem[] => [...reader(input, OPTIONS)];

describe('read a window at a time: the same items and positions whatever the read size', () => {
  for (const [name, reader, bytes, count] of [
    ['whatsapp', readWhatsapp, CHAT, 5],
    ['whatsapp (iOS)', readWhatsapp, CHAT_IOS, 3],
    ['mbox', readMbox, MBOX, 3],
  ] as const) {
    it(`${name}: read sizes 1 to 4096`, () => {
      const whole = read(reader, bytes);
      expect(whole.filter((i) => i.type === 'exchange')).toHaveLength(count);
      for (let readBytes = 1; readBytes <= 4096; readBytes++)
        expect(read(reader, sourceOf(bytes, readBytes))).toEqual(whole);
    });
  }

  it('whatsapp: each message at its physical line', () => {
    expect(read(readWhatsapp, sourceOf(CHAT, 5)).map((i) => [i.type, i.line])).toEqual([
      ['exchange', 2],
      ['exchange', 5],
      ['exchange', 6],
      ['exchange', 7],
      ['exchange', 9],
    ]);
  });

  it('mbox: folded and 8-bit headers read across windows, each message at its From_ line', () => {
    const items = read(readMbox, sourceOf(MBOX, 3));
    expect(items.map((i) => [i.type, i.line, i.locator])).toEqual([
      ['exchange', 1, 'message <m1@example.org>'],
      ['exchange', 12, 'message 2'],
      ['exchange', 18, 'message 3'],
    ]);
    expect(items[0]).toMatchObject({
      from: { identifier: 'jean.dupont@example.org' },
      to: [{ identifier: 'bob@example.org' }, { identifier: 'carol@example.org' }],
    });
  });

  const PIECES = [
    '14/03/2024, 09:06 - Ana: hi\n',
    '[03/14/24, 12:15:00\u202fPM] \u200eBen: \u200eimage omitted\r\n',
    'From x Thu Mar 14 10:05:00 2024\n',
    'From: a@example.org\n',
    'To: b@example.org,\n',
    ' c@example.org\n',
    'Date: 14 Mar 2024 10:05 +0000\n',
    '>From y\n',
    '\n',
    '\r\n',
    '\r',
    '\u00e9',
    '🌤️',
    '\ufeff',
  ];
  const files = fc
    .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), { maxLength: 25 })
    .map((parts) => encode(parts.join('')));

  it('any file, any read size: the same items (property)', () => {
    fc.assert(
      fc.property(files, fc.integer({ min: 1, max: 4096 }), (bytes, readBytes) => {
        for (const reader of [readWhatsapp, readMbox])
          expect(read(reader, sourceOf(bytes, readBytes))).toEqual(read(reader, bytes));
      }),
      { numRuns: 400 },
    );
  });
});

describe('LineWindow', () => {
  /** Lines as split whole: LF, a CR before it (or at the end) dropped, a BOM skipped. */
  function reference(bytes: Uint8Array, maxLine: number) {
    const text = Buffer.from(bytes).toString('latin1');
    const body = text.startsWith('\xef\xbb\xbf') ? text.slice(3) : text;
    const parts = body.split('\n');
    if (parts.at(-1) === '') parts.pop();
    return parts.map((raw, k) => {
      const truncated = raw.length > maxLine;
      const shown = truncated ? raw.slice(0, maxLine) : raw.replace(/\r$/, '');
      return { line: k + 1, text: shown, truncated };
    });
  }
  function lines(input: Uint8Array | ReturnType<typeof sourceOf>, maxLine: number) {
    const window = new LineWindow(input, maxLine);
    const out = [];
    for (let l = window.next(); l; l = window.next())
      out.push({
        line: l.line,
        text: Buffer.from(window.bytes.subarray(l.start, l.end)).toString('latin1'),
        truncated: l.truncated,
      });
    return { out, windowBytes: window.windowBytes };
  }

  it('gives the lines of a whole split, long ones cut at the bound, whatever the read size', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc
        .array(fc.constantFrom('a', 'bb', '\n', '\r', '\r\n', '\ufeff', 'é', 'x'.repeat(40)))
        .map((p) => encode(p.join(''))),
    );
    fc.assert(
      fc.property(
        bytes,
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 50 }),
        (b, readBytes, maxLine) => {
          const expected = reference(b, maxLine);
          expect(lines(b, maxLine).out).toEqual(expected);
          const windowed = lines(sourceOf(b, readBytes), maxLine);
          expect(windowed.out).toEqual(expected);
          expect(windowed.windowBytes).toBeLessThanOrEqual(maxLine + 1 + readBytes);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('lines over the bound: a located import-format error, the rest unread', () => {
  it('whatsapp: a 1 GiB line (made as read) is refused at its line, past the bound', () => {
    const head = '14/03/2024, 09:06 - Ana: hi\n14/03/2024, 09:07 - Benn: ';
    const source = repeatingSource(head, 'é', 1 << 29, '\n', 1 << 20, 0);
    const started = performance.now();
    expect(read(readWhatsapp, source)).toEqual([
      {
        type: 'finding',
        code: 'import-format',
        severity: 'error',
        line: 2,
        // The first character past CHAT_LINE bytes: 26 bytes of head, then 2 bytes a character.
        column: 27 + (CHAT_LINE - 26) / 2,
        message: `this line is longer than ${CHAT_LINE} bytes: not a WhatsApp chat export`,
      },
    ]);
    expect((performance.now() - started) / 1000).toBeLessThan(10);
  });

  it('whatsapp: a line of exactly the bound is read', () => {
    const chat = `14/03/2024, 09:06 - Ana: hi\n${'x'.repeat(CHAT_LINE)}\n14/03/2024, 09:07 - Ben: yo\n`;
    const items = read(readWhatsapp, sourceOf(encode(chat), 4096));
    expect(items.map((i) => [i.type, i.line])).toEqual([
      ['exchange', 1],
      ['exchange', 3],
    ]);
  });

  const message = (n: number) =>
    `From x Thu Mar 14 10:05:00 2024\nFrom: a@example.org\nTo: b@example.org\nDate: 14 Mar 2024 10:05 +0000\nMessage-ID: <m${n}@example.org>\n`;

  it("mbox: a header line over the bound is refused at its message's From_ line, naming its line", () => {
    const source = repeatingSource(
      `${message(1)}\nbody\n${message(2)}X-Long: `,
      'y',
      MBOX_LINE,
      '\n\n',
      1 << 16,
      0,
    );
    expect(read(readMbox, source)).toEqual([
      expect.objectContaining({ type: 'exchange', line: 1 }),
      expect.objectContaining({
        type: 'finding',
        code: 'import-format',
        line: 8,
        column: 1,
        message: `line 13, a header line of this message, is longer than ${MBOX_LINE} bytes: not a mailbox`,
      }),
    ]);
  });

  it('mbox: a header block over the bound is refused at its From_ line', () => {
    const source = repeatingSource(
      `${message(1)}`,
      `X-Trace: ${'z'.repeat(1000)}\n`,
      Math.ceil(MAX_HEADER_BLOCK / 1000),
      '\nbody\n',
      1 << 20,
      0,
    );
    expect(read(readMbox, source)).toEqual([
      expect.objectContaining({
        type: 'finding',
        code: 'import-format',
        line: 1,
        column: 1,
        message: `the headers of this message are longer than ${MAX_HEADER_BLOCK} bytes: not a mailbox`,
      }),
    ]);
  });

  it('mbox: a body line longer than any bound is stepped over; lines after it stay exact', () => {
    const source = repeatingSource(
      `${message(1)}\n`,
      'b',
      3 * MBOX_LINE,
      `\n>From x\n${message(2)}`,
      1 << 20,
      0,
    );
    expect(read(readMbox, source).map((i) => [i.type, i.line, i.locator])).toEqual([
      ['exchange', 1, 'message <m1@example.org>'],
      ['exchange', 9, 'message <m2@example.org>'],
    ]);
  });
});
