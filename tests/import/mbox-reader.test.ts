/**
 * mbox reader. The mailbox below is FICTIONAL (example.org/example.net addresses, bland
 * subjects and bodies), and subjects and bodies are checked never to reach the output.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decodeEncodedWords,
  displayName,
  parseAddressList,
} from '../../src/import/readers/mail-address.js';
import { parseMailDate } from '../../src/import/readers/mail-date.js';
import { readMbox } from '../../src/import/readers/mbox.js';
import type { SourceItem } from '../../src/import/types.js';
import { expectValidExchanges } from './valid-exchange.js';
import { fuzzed } from '../helpers/fuzz.js';

const MBOX = [
  'From alice@example.org Thu Mar 14 10:05:00 2024', // 1
  'Return-Path: <alice@example.org>',
  'From: =?utf-8?Q?Alice_M=C3=BCller=2C_Test?= <Alice.Muller@Example.org>',
  'To: "Dupont, Jean" <jean.dupont@example.net>,',
  ' Team: bob@example.net (Bob), carol@example.net;',
  'Subject: =?iso-8859-1?Q?Caf=E9_meeting?=',
  'Bcc: hidden@example.net', // not read: the contract names From, To, Cc and Date
  'Date: Thu, 14 Mar 2024 10:05:00 +0100 (CET)',
  'Message-ID: <fictional-1@example.org>',
  '',
  'Hello, the picnic is on Saturday.',
  '>From the park we go home.', // 12: an escaped From, no split
  '',
  'From bob@example.net Fri Mar 15 08:00:00 2024', // 14
  'From: bob@example.net',
  'Cc: undisclosed-recipients:;, ALICE.MULLER@example.org',
  'Date: 15 Mar 24 03:00 EST',
  'Subject: a folded',
  '  subject line',
  '',
  'Short reply.',
  '',
  'From carol@example.net Sat Mar 16 09:00:00 2024', // 23
  'From: carol@example.net',
  'To: alice.muller@example.org',
  'Date: Sat, 16 Mar 2024',
  '  09:00:00 GMT',
  '',
  'No Message-ID here.',
].join('\r\n');

function read(text: string, zone?: string): SourceItem[] {
  return [
    ...readMbox(new TextEncoder().encode(text), { file: 'box.mbox', ...(zone ? { zone } : {}) }),
  ];
}

const email = (identifier: string) => ({ identifier, kind: 'email' });

describe('readMbox', () => {
  const items = read(MBOX);

  it('yields one email exchange per message, from its headers only', () => {
    expect(items).toEqual([
      {
        type: 'exchange',
        locator: 'message <fictional-1@example.org>',
        line: 1,
        column: 1,
        at: '2024-03-14T10:05:00+01:00',
        kind: 'email',
        from: email('alice.muller@example.org'),
        to: [
          email('jean.dupont@example.net'),
          email('bob@example.net'),
          email('carol@example.net'),
        ],
      },
      {
        type: 'exchange',
        locator: 'message 2',
        line: 14,
        column: 1,
        at: '2024-03-15T03:00:00-05:00',
        kind: 'email',
        from: email('bob@example.net'),
        to: [email('alice.muller@example.org')],
      },
      expect.objectContaining({ locator: 'message 3', line: 23, at: '2024-03-16T09:00:00+00:00' }),
    ]);
  });

  it('never puts a subject, a body or a display name in its output', () => {
    expect(expectValidExchanges(items)).toBe(3);
    const out = JSON.stringify(items);
    for (const text of [
      'picnic',
      'Caf',
      'meeting',
      'folded',
      'reply',
      'Dupont, Jean',
      'Müller',
      'Bob)',
    ])
      expect(out).not.toContain(text);
  });
});

describe('readMbox: findings', () => {
  it('says when the file is not an mbox', () => {
    expect(read('\nSubject: hello\n')).toEqual([
      expect.objectContaining({ code: 'import-format', line: 2, column: 1 }),
    ]);
  });

  it("locates a message's findings at its From_ line, naming the header and its line", () => {
    const text = [
      'From x Thu Mar 14 10:05:00 2024', // 1
      'From: not an address',
      'To: a@example.org',
      'Date: Thu, 14 Mar 2024 10:05:00 +0100',
      '',
      'From x Thu Mar 14 10:05:00 2024', // 6
      'Subject: a bland subject',
      '  folded over two lines',
      'From: a@example.org',
      'To: b@example.org,',
      '\tc@example.org',
      'Date:   yesterday at noon', // 12
      '',
      'From x Thu Mar 14 10:05:00 2024', // 14
      'From: a@example.org',
      'To: b@example.org',
      '',
      'From x Thu Mar 14 10:05:00 2024', // 18
      'From: a@example.org',
      'To: b@example.org',
      'Date: 14 Mar 2024 10:05:00 CET',
      'Message-ID: <m4@example.org>',
      '',
      'From x Thu Mar 14 10:05:00 2024', // 24
      'From: a@example.org',
      'To: b@example.org',
      'Date: 31 Mar 2024 02:30:00',
    ].join('\n');
    const items = read(text, 'Europe/Paris');
    expect(items.map((i) => i.type === 'finding' && [i.code, i.line, i.column, i.locator])).toEqual(
      [
        ['import-value', 1, 1, 'message 1'],
        ['import-value', 6, 1, 'message 2'],
        ['import-value', 14, 1, 'message 3'],
        ['import-value', 18, 1, 'message <m4@example.org>'],
        ['import-time', 24, 1, 'message 5'],
      ],
    );
    expect(items.map((i) => i.type === 'finding' && i.message)).toEqual([
      'From header (line 2): "not an address" is not an e-mail address',
      'Date header (line 12): "yesterday at noon" is not an RFC 5322 date',
      'this message has no Date header',
      'Date header (line 21): the zone "CET" is ambiguous or unknown',
      'Date header (line 27): this time does not exist in Europe/Paris',
    ]);
    expect(read(text.replace('02:30:00', '10:00:00'), undefined).at(-1)).toMatchObject({
      code: 'import-time',
      line: 24,
      column: 1,
      message: 'Date header (line 27): this date has no zone: give --zone',
    });
  });

  it('address problems: each at the From_ line, naming its header', () => {
    const text = [
      '',
      'From x Thu Mar 14 10:05:00 2024', // 2
      'From: <a@example.org',
      'To: "Sample, Ana" <b@example.org>,',
      ' nobody',
      'Cc: c@example.org',
      'Date: 14 Mar 2024 10:05:00 +0000',
      '',
      'From x Thu Mar 14 10:05:00 2024', // 9
      'From: undisclosed-recipients:;',
      'To: b@example.org',
      'Date: 14 Mar 2024 10:05:00 +0000',
      '',
    ].join('\n');
    const items = read(text);
    expect(items.map((i) => i.type === 'finding' && [i.line, i.column, i.message])).toEqual([
      [2, 1, 'From header (line 3): unterminated <address>'],
      [2, 1, 'To header (line 4): "nobody" is not an e-mail address'],
      [9, 1, 'From header (line 10): names no address'],
    ]);
  });

  // RFC 2047, 5 (3): an encoded word is never part of an address. Decoded, such a header
  // made an account of a display name's text.
  it('an encoded word where the address should be is not read as an address', () => {
    const text = [
      'From x Thu Mar 14 10:05:00 2024', // 1
      'From: =?UTF-8?B?emVkLmZpY3RAZXhhbXBsZS5vcmc=?=',
      'To: =?UTF-8?Q?bob.fict=40example.org?=, c@example.org',
      'Date: 14 Mar 2024 10:05:00 +0000',
      '',
    ].join('\n');
    const items = read(text);
    expect(items.map((i) => i.type === 'finding' && [i.line, i.column, i.message])).toEqual([
      // Quoted decoded (session 25: as written, a victim's name in base64 went unmasked).
      [
        1,
        1,
        'From header (line 2): an encoded word ("zed.fict@example.org" once decoded) is not an e-mail address',
      ],
      [
        1,
        1,
        'To header (line 3): an encoded word ("bob.fict@example.org" once decoded) is not an e-mail address',
      ],
    ]);
  });

  it('reports every missing header of a message (From, recipients, Date), each at its From_ line', () => {
    const text = [
      'From x Thu Mar 14 10:05:00 2024', // 1: no From, no recipient
      'Date: Thu, 14 Mar 2024 10:05:00 +0100',
      'Subject: a bland subject',
      '',
      'From x Thu Mar 14 10:05:00 2024', // 5: none of the three
      'Subject: a bland subject',
      '',
      'From x Thu Mar 14 10:05:00 2024', // 8: a To whose one address is bad says why
      'To: nobody',
      'Date: Thu, 14 Mar 2024 10:05:00 +0100',
      '',
    ].join('\n');
    const items = read(text);
    expect(items.map((i) => i.type === 'finding' && [i.code, i.line, i.column, i.locator])).toEqual(
      [
        ['import-value', 1, 1, 'message 1'],
        ['import-value', 1, 1, 'message 1'],
        ['import-value', 5, 1, 'message 2'],
        ['import-value', 5, 1, 'message 2'],
        ['import-value', 5, 1, 'message 2'],
        ['import-value', 8, 1, 'message 3'],
        ['import-value', 8, 1, 'message 3'],
      ],
    );
    expect(items.map((i) => i.type === 'finding' && i.message)).toEqual([
      'this message has no From header',
      'this message has no recipient (To, Cc)',
      'this message has no From header',
      'this message has no recipient (To, Cc)',
      'this message has no Date header',
      'this message has no From header',
      'To header (line 9): "nobody" is not an e-mail address',
    ]);
  });

  it('reads `From :` (blanks before the colon) in a header block as the From header, not a From_ line', () => {
    const text = [
      'From x Thu Mar 14 10:05:00 2024', // 1
      'From : a@example.org',
      'To\t: b@example.org',
      'Date : Thu, 14 Mar 2024 10:05:00 +0100',
      'Message-ID : <m1@example.org>',
      '',
      'body',
      '>From the park we go home.', // an escaped From_ line (mboxo, mboxrd): no split
      '>>From the park, quoted.',
      '',
      'From x Thu Mar 14 11:05:00 2024', // 11
      'From \t: c@example.org',
      'To: b@example.org',
      'Date: Thu, 14 Mar 2024 11:05:00 +0100',
      '',
      'From : not a From_ line in a body either',
      '',
    ].join('\n');
    expect(read(text)).toEqual([
      expect.objectContaining({
        type: 'exchange',
        locator: 'message <m1@example.org>',
        line: 1,
        at: '2024-03-14T10:05:00+01:00',
        from: email('a@example.org'),
        to: [email('b@example.org')],
      }),
      expect.objectContaining({
        type: 'exchange',
        locator: 'message 2',
        line: 11,
        from: email('c@example.org'),
        to: [email('b@example.org')],
      }),
    ]);
    // A file whose first line is a From header is a message, not a mailbox.
    expect(read('From : a@example.org\nTo: b@example.org\n\nbody\n')).toEqual([
      expect.objectContaining({ code: 'import-format', line: 1, column: 1 }),
    ]);
  });

  it('gives a repeated Message-ID the ordinal locator', () => {
    const message =
      'From x Thu Mar 14 10:05:00 2024\nFrom: a@example.org\nTo: b@example.org\nDate: 14 Mar 2024 10:05 +0000\nMessage-ID: <same@example.org>\n\nbody\n';
    expect(read(message + message).map((i) => i.locator)).toEqual([
      'message <same@example.org>',
      'message 2',
    ]);
  });

  it('a Message-ID written as a bare number does not become another message’s locator', () => {
    const message = (id: string) =>
      `From x Thu Mar 14 10:05:00 2024\nFrom: a@example.org\nTo: b@example.org\nDate: 14 Mar 2024 10:05 +0000\n${id}\nbody\n`;
    expect(
      read(message('Message-ID: 2\n') + message('') + message('Message-ID: <3@x.example>\n')).map(
        (i) => i.locator,
      ),
    ).toEqual(['message 1', 'message 2', 'message <3@x.example>']);
  });
});

// Only the first To, Cc, Date or From was read: a second To lost a recipient, a second
// Date that said another day went unnoticed.
describe('readMbox: repeated headers', () => {
  it('a repeated To or Cc adds its recipients, each once', () => {
    const text = [
      'From x Thu Mar 14 10:05:00 2024', // 1
      'From: a@example.org',
      'To: b@example.org',
      'Cc: d@example.org',
      'To: c@example.org,',
      ' B@example.org',
      'Cc: e@example.org',
      'Date: Thu, 14 Mar 2024 10:05:00 +0100',
      '',
      'To: not-a-header@example.org',
    ].join('\n');
    expect(read(text)).toEqual([
      expect.objectContaining({
        type: 'exchange',
        line: 1,
        from: email('a@example.org'),
        to: [
          email('b@example.org'),
          email('c@example.org'),
          email('d@example.org'),
          email('e@example.org'),
        ],
      }),
    ]);
  });

  it('a repeated Date, From or Message-ID with another value is an error at the From_ line', () => {
    const text = [
      'From x Thu Mar 14 10:05:00 2024', // 1
      'From: a@example.org',
      'To: b@example.org',
      'Date: Thu, 14 Mar 2024 10:05:00 +0100',
      'Date: Fri, 15 Mar 2024 18:00:00 +0100', // 5
      'Message-ID: <m1@example.org>',
      '',
      'body',
      'From x Thu Mar 14 10:05:00 2024', // 9
      'From: a@example.org',
      'To: b@example.org',
      'From: c@example.org', // 12
      'Date: Thu, 14 Mar 2024 10:05:00 +0100',
      'Message-ID: <m2@example.org>',
      'Message-ID: <m3@example.org>', // 15
      '',
    ].join('\n');
    const items = read(text);
    expect(items.map((i) => i.type === 'finding' && [i.code, i.line, i.column, i.locator])).toEqual(
      [
        ['import-value', 1, 1, 'message <m1@example.org>'],
        ['import-value', 9, 1, 'message <m2@example.org>'],
        ['import-value', 9, 1, 'message <m2@example.org>'],
      ],
    );
    expect(items.map((i) => i.type === 'finding' && i.message)).toEqual([
      'Date header (line 5): another Date header (line 4) says otherwise; a message has one Date, and which one is true cannot be known',
      'From header (line 12): another From header (line 10) says otherwise; a message has one From, and which one is true cannot be known',
      'Message-ID header (line 15): another Message-ID header (line 14) says otherwise; a message has one Message-ID, and which one is true cannot be known',
    ]);
    expect(JSON.stringify(items)).not.toContain('body');
  });

  it('the same value repeated, written alike or not, is accepted', () => {
    const text = [
      'From x Thu Mar 14 10:05:00 2024',
      'From: a@example.org',
      'From: "Ana Sample" <A@Example.org>',
      'To: b@example.org',
      'Date: Thu, 14 Mar 2024 10:05:00 +0100',
      'Date: Thu, 14 Mar 2024',
      '  10:05:00 +0100 (CET)',
      'Message-ID: <m1@example.org>',
      'Message-ID:  <m1@example.org> ',
      '',
    ].join('\n');
    expect(read(text)).toEqual([
      expect.objectContaining({
        type: 'exchange',
        locator: 'message <m1@example.org>',
        at: '2024-03-14T10:05:00+01:00',
        from: email('a@example.org'),
        to: [email('b@example.org')],
      }),
    ]);
  });
});

describe('mail headers', () => {
  it('decodes encoded words (B and Q; utf-8, iso-8859-1, windows-1252)', () => {
    expect(decodeEncodedWords('=?UTF-8?B?SsOpcsO0bWU=?= =?utf-8?q?_Test?=')).toBe('Jérôme Test');
    expect(decodeEncodedWords('=?iso-8859-1?Q?Andr=E9?= Example')).toBe('André Example');
    expect(decodeEncodedWords('=?windows-1252?Q?=80uro?=')).toBe('€uro');
    expect(decodeEncodedWords('=?x-unknown?Q?abc?=')).toBe('=?x-unknown?Q?abc?=');
  });

  it('splits address lists on commas outside quotes, comments and angles', () => {
    const list = parseAddressList(
      '"Doe, Jane" <jane@example.org>, =?utf-8?Q?Roe=2C_R?= <r@example.org>, (a, comment) x@example.org, G: y@example.org, <@relay.example:z@example.org>;',
    );
    expect(list.mailboxes).toEqual([
      { address: 'jane@example.org', name: 'Doe, Jane' },
      { address: 'r@example.org', name: 'Roe, R' },
      { address: 'x@example.org' },
      { address: 'y@example.org' },
      { address: 'z@example.org' },
    ]);
    expect(parseAddressList('"unterminated <a@example.org>').problem).toBeDefined();
  });

  it('reads RFC 5322 dates with obsolete years and zones', () => {
    expect(parseMailDate('Tue, 1 Jul 2003 10:52:37 +0200')).toEqual({
      ok: true,
      at: '2003-07-01T10:52:37+02:00',
    });
    expect(parseMailDate('1 Jul 03 10:52 PDT')).toEqual({
      ok: true,
      at: '2003-07-01T10:52:00-07:00',
    });
    expect(parseMailDate('Fri, 21 Nov 97 09:55:06 -0000')).toEqual({
      ok: true,
      at: '1997-11-21T09:55:06+00:00',
    });
    expect(parseMailDate('Fri, 21 Nov 097 09:55:06 UT')).toEqual({
      ok: true,
      at: '1997-11-21T09:55:06+00:00',
    });
    expect(parseMailDate('30 Feb 2024 10:00 +0000')).toMatchObject({
      ok: false,
      code: 'import-value',
    });
    expect(parseMailDate('1 Jul 2003 10:52 A')).toMatchObject({ ok: false, code: 'import-value' });
    // The day's name, short or whole, or none; no other word (an audit, session 25).
    expect(parseMailDate('THU, 14 MAR 2024 10:05:00 +0100')).toMatchObject({ ok: true });
    expect(parseMailDate('Thursday, 14 Mar 2024 10:05:00 +0100')).toEqual({
      ok: true,
      at: '2024-03-14T10:05:00+01:00',
    });
    for (const word of ['Blah', 'Zephyrine', 'Thx', 'Thux,', 'Wednesdayish,', 'Fridays', 'Mond'])
      expect(parseMailDate(`${word} 14 Mar 2024 10:05:00 +0100`)).toMatchObject({
        ok: false,
        code: 'import-value',
      });
    // Obsolete mail's longer abbreviations are days' names too.
    for (const word of ['Thur,', 'Thurs', 'thursday', 'THURSDAY ,'])
      expect(parseMailDate(`${word} 14 Mar 2024 10:05:00 +0100`)).toEqual({
        ok: true,
        at: '2024-03-14T10:05:00+01:00',
      });
    expect(parseMailDate('Tues, 14 Mar 2024 10:05:00 +0100')).toMatchObject({
      ok: true,
      weekday: expect.stringMatching(/^the day of the week given, Tuesday, is not that of/),
    });
  });
});

// Found by a hostile-input sweep: a display name's quoted strings were unquoted by a
// pattern that, from each `"` of a string left open (`"` and `\"` repeated), read it to
// its end again: a From header of 128,000 `\"` took 14 s, twice.
describe('mail headers: display names in linear time', () => {
  /** The display name as the pattern read it: the reference. */
  const before = (raw: string) => {
    const unquoted = raw.replace(/"((?:[^"\\]|\\.)*)"/g, (_m, inner: string) =>
      inner.replace(/\\(.)/g, '$1'),
    );
    const name = decodeEncodedWords(unquoted).replace(/\s+/g, ' ').trim();
    return name === '' ? undefined : name;
  };

  it('reads names as before: quoted strings, quoted pairs, a quote left open', () => {
    for (const raw of [
      '"Dupont, Jean"',
      'Jean "le \\"grand\\"" Dupont',
      '"a" "b\\\\" "c',
      '"open \\',
      '"line\\\nend" x "y"',
      '\\"x"',
      '"=?utf-8?Q?Andr=C3=A9?=" Test',
      '',
    ])
      expect(displayName(raw), raw).toBe(before(raw));
    const piece = fc.constantFrom('"', '\\', 'a', ' ', '\n', '\r', '\u2028', 'é', '=?utf-8?q?x?=');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }).map((p) => p.join('')),
        (raw) => {
          expect(displayName(raw)).toBe(before(raw));
        },
      ),
      fuzzed({ numRuns: 20_000, seed: 20260518 }),
    );
  });

  it('reads a From header of a quote and 128,000 quoted pairs left open in linear time', () => {
    const mbox = `From x Thu Mar 14 10:05:00 2024\nFrom: <x@example.org> "${'\\"'.repeat(128_000)}\nTo: b@example.org\nDate: 14 Mar 2024 10:05 +0000\n\nBody.\n`;
    const started = performance.now();
    const items = read(mbox, 'Europe/Paris');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(items).toEqual([
      expect.objectContaining({
        type: 'finding',
        message: 'From header (line 2): unterminated quoted string',
      }),
    ]);
  });
});

describe('readMbox: scale', () => {
  it('reads 50,000 messages with long bodies in linear time', () => {
    const body = 'A bland line of body text.\n'.repeat(40);
    const parts: string[] = [];
    for (let i = 0; i < 50_000; i++)
      parts.push(
        `From x Thu Mar 14 10:05:00 2024\nFrom: a${i % 9}@example.org\nTo: b@example.org\nSubject: s\nDate: 14 Mar 2024 10:05 +0000\nMessage-ID: <m${i}@example.org>\n\n${body}\n`,
      );
    const bytes = new TextEncoder().encode(parts.join(''));
    const started = performance.now();
    let count = 0;
    let lastLine = 0;
    for (const item of readMbox(bytes, { file: 'big.mbox', zone: 'Europe/Paris' }))
      if (item.type === 'exchange') {
        count++;
        lastLine = item.line;
      }
    expect(count).toBe(50_000);
    expect(lastLine).toBe(49_999 * 48 + 1);
    // Generous for a loaded machine; a quadratic reader takes minutes here.
    expect((performance.now() - started) / 1000).toBeLessThan(20);
  });
});

// An audit (session 27): `Date: Wed, 14 Mar 2024 ...` was read without a word, though
// 14 March 2024 was a Thursday (RFC 5322 3.3: the day of the week MUST be the date's).
describe('readMbox: a Date whose day of the week is not the date', () => {
  it('parseMailDate says so and still reads the date as written; a right or absent weekday says nothing', () => {
    expect(parseMailDate('Wed, 14 Mar 2024 10:05:00 +0100')).toEqual({
      ok: true,
      at: '2024-03-14T10:05:00+01:00',
      weekday:
        'the day of the week given, Wednesday, is not that of 14 March 2024, a Thursday: the date is read as written',
    });
    expect(parseMailDate('Thursday, 14 Mar 1899 10:05:00 GMT')).toMatchObject({
      ok: true,
      weekday:
        'the day of the week given, Thursday, is not that of 14 March 1899, a Tuesday: the date is read as written',
    });
    expect(parseMailDate('thu, 14 Mar 2024 10:05:00 +0100')).toEqual({
      ok: true,
      at: '2024-03-14T10:05:00+01:00',
    });
    expect(parseMailDate('14 Mar 24 10:05 EST')).toEqual({
      ok: true,
      at: '2024-03-14T10:05:00-05:00',
    });
    // Years written with 4 digits below 100 are those years (14 March 24 AD, a Thursday).
    expect(parseMailDate('Thu, 14 Mar 0024 10:00:00 +0000')).toEqual({
      ok: true,
      at: '0024-03-14T10:00:00+00:00',
    });
    // Placed in a zone: the weekday of the date as written (15 March 2024, a Friday).
    expect(parseMailDate('Fri, 15 Mar 2024 00:30:00', 'Asia/Manila')).toEqual({
      ok: true,
      at: '2024-03-15T00:30:00+08:00',
    });
  });

  it('an import-value warning at the message, the record still made', () => {
    const box = [
      'From alice@example.org Thu Mar 14 10:05:00 2024',
      'From: alice@example.org',
      'To: bob@example.net',
      'Date: Wed, 14 Mar 2024 10:05:00 +0100',
      'Message-ID: <fictional-wd@example.org>',
      '',
      'Body.',
    ].join('\n');
    const items = read(box);
    expect(
      items.map((i) => (i.type === 'finding' ? [i.severity, i.code, i.line, i.message] : i.type)),
    ).toEqual([
      [
        'warning',
        'import-value',
        1,
        'Date header (line 4): the day of the week given, Wednesday, is not that of 14 March 2024, a Thursday: the date is read as written',
      ],
      'exchange',
    ]);
    expect(items[1]).toMatchObject({ at: '2024-03-14T10:05:00+01:00' });
  });

  it('a repeated Date header (one instant) with a wrong weekday is warned too', () => {
    const box = [
      'From alice@example.org Thu Mar 14 11:00:00 2024',
      'From: alice@example.org',
      'To: bob@example.net',
      'Date: Thu, 14 Mar 2024 11:00:00 +0000',
      'Date: Fri, 14 Mar 2024 11:00:00 +0000',
      '',
      'Body.',
    ].join('\n');
    const items = read(box);
    expect(items.map((i) => (i.type === 'finding' ? [i.severity, i.message] : i.type))).toEqual([
      [
        'warning',
        'Date header (line 5): the day of the week given, Friday, is not that of 14 March 2024, a Thursday: the date is read as written',
      ],
      'exchange',
    ]);
  });
});
