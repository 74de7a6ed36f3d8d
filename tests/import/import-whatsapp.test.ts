import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs } from '../helpers/temp-dossier.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { WU_MAP, importDossier, runCli } from './support.js';

/** FICTIONAL TEST DATA throughout. */
afterAll(removeTempDirs);

const CHAT = '14/03/2024, 09:06 - Alice: hello\n' + '14/03/2024, 09:07 - Bob: hello\n';

/** `courtfile import` of a WhatsApp export `chat` (E20's file), with `extra` options. */
async function importChat(chat: string, extra: string[] = [], files: Record<string, string> = {}) {
  const dir = importDossier(chat, WU_MAP, { name: 'exhibits/chat.txt' });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const r = await runCli(
    [
      ...['import', 'exhibits/chat.txt', '--dossier', 'dossier.yaml', '--evidence', 'E20'],
      ...['--from', 'whatsapp', '--zone', 'Europe/Paris', '-o', 'chat.yaml', '--format', 'json'],
      ...extra,
    ],
    dir,
  );
  const diagnostics = r.out ? (JSON.parse(r.out) as { diagnostics: Diagnostic[] }).diagnostics : [];
  return {
    status: r.status,
    err: r.err,
    dir,
    diagnostics: diagnostics.map((d) => ({
      code: d.code,
      file: d.file,
      line: d.line,
      column: d.column,
    })),
    messages: diagnostics.map((d) => d.message),
  };
}

describe('courtfile import --participants', () => {
  it('an unquoted number as an identifier is invalid-type at it (write it in quotes), exit 1', async () => {
    const participants =
      'Alice: "+33612345678"\nBob: 0033698765432\nCarol: 0612345678\nDan: +33612345678\n';
    const r = await importChat(CHAT, ['--participants', 'parts.yaml'], {
      'parts.yaml': participants,
    });
    expect(r.status).toBe(1);
    expect(r.diagnostics).toEqual([
      { code: 'invalid-type', file: 'parts.yaml', line: 2, column: 6 },
      { code: 'invalid-type', file: 'parts.yaml', line: 3, column: 8 },
      { code: 'invalid-type', file: 'parts.yaml', line: 4, column: 6 },
    ]);
    expect(r.messages[0]).toContain('write it in quotes');
    // Quoted, the identifier is read as written.
    const ok = await importChat(CHAT, ['--participants', 'parts.yaml'], {
      'parts.yaml': 'Alice: "+33612345678"\nBob: "0033698765432"\n',
    });
    expect(ok.status).toBe(0);
    expect(ok.messages.join('\n')).toContain('messaging "0033698765432"');
    // OUT's header names the participants file by the SHA-256 of its bytes.
    const digest = createHash('sha256')
      .update(readFileSync(path.join(ok.dir, 'parts.yaml')))
      .digest('hex');
    expect(readFileSync(path.join(ok.dir, 'chat.yaml'), 'utf8')).toContain(
      `# participants sha256: ${digest}\n`,
    );
  });
});

describe('courtfile import: one identifier held by several accounts', () => {
  it("the account of the export's platform is chosen, whatever its kind or place", async () => {
    // A wallet of a payment service (declared first) and a WhatsApp account share a number.
    const dir = importDossier(CHAT, WU_MAP, { name: 'exhibits/chat.txt' });
    const root = path.join(dir, 'dossier.yaml');
    const text = readFileSync(root, 'utf8');
    expect(text).toContain('accounts:\n');
    writeFileSync(
      root,
      text.replace(
        'accounts:\n',
        'accounts:\n' +
          '  - {id: A-WALLET, kind: payment, platform: GCash, identifier: "+639170000999"}\n' +
          '  - {id: A-WA, kind: messaging, platform: whatsapp, identifier: "+639170000999"}\n',
      ),
    );
    writeFileSync(path.join(dir, 'parts.yaml'), 'Alice: "+639170000999"\nBob: "+639170000123"\n');
    const r = await runCli(
      [
        ...['import', 'exhibits/chat.txt', '--dossier', 'dossier.yaml', '--evidence', 'E20'],
        ...['--from', 'whatsapp', '--zone', 'Europe/Paris', '-o', 'chat.yaml'],
        ...['--participants', 'parts.yaml'],
      ],
      dir,
    );
    expect(r.status).toBe(0);
    const out = readFileSync(path.join(dir, 'chat.yaml'), 'utf8');
    // Alice writes to Bob, then Bob to Alice; Bob's number is A2's (a phone, no platform).
    expect(out).toMatch(/from: A-WA\n\s+to: \[A2\]/);
    expect(out).toMatch(/from: A2\n\s+to: \[A-WA\]/);
    expect(out).not.toContain('A-WALLET');
  });
});

describe('courtfile import: ": " in a group name or a participant name', () => {
  it('a group created with ": " in its name makes no participant; a listed name is read whole', async () => {
    const chat = [
      '14/03/2024, 09:06 - Alice created group "Trip: 2024"',
      '14/03/2024, 09:07 - Alice: hello',
      '14/03/2024, 09:08 - Alice added Dr: Bob',
      '14/03/2024, 09:09 - Dr: Bob: hello',
      '',
    ].join('\n');
    const r = await importChat(chat, ['--participants', 'parts.yaml'], {
      'parts.yaml': '"Dr: Bob": "+33698765432"\n',
    });
    expect(r.status).toBe(0);
    // Each at the name where it first writes (Dr: Bob at line 4, though a recipient before).
    expect(r.diagnostics).toEqual([
      { code: 'import-new-account', file: 'exhibits/chat.txt', line: 2, column: 21 },
      { code: 'import-new-account', file: 'exhibits/chat.txt', line: 4, column: 21 },
    ]);
    expect(r.messages).toEqual([
      expect.stringContaining('messaging "Alice"'),
      expect.stringContaining('phone "+33698765432"'),
    ]);
    const out = readFileSync(path.join(r.dir, 'chat.yaml'), 'utf8');
    expect(out).toContain('locator: "line 2"');
    expect(out).toContain('locator: "line 4"');
    expect(out).not.toContain('line 1"');
    expect(out).not.toContain('line 3"');
    for (const text of ['Trip', 'hello', 'Dr']) expect(out).not.toContain(text);
  });
});

describe('courtfile import: iOS system lines', () => {
  // An audit found the old iOS group notice read as a message of "Group Fict", made a new
  // account and put in every message's `to`.
  it('an old group encryption notice and "created this group" make no participant', async () => {
    const chat = [
      '[14/03/2020, 09:05:00] Group Fict: \u200eMessages to this group are now secured with end-to-end encryption.',
      '[14/03/2020, 09:05:01] Group Fict: \u200eAlpha Fict created this group',
      '[14/03/2020, 09:05:02] Group Fict: \u200eLes messages envoyés dans ce groupe sont désormais protégés avec le chiffrement de bout en bout.',
      '[14/03/2020, 09:05:03] Group Fict: \u200eAlpha Fict a créé ce groupe',
      '[14/03/2020, 09:06:00] Alpha Fict: hello',
      '[14/03/2020, 09:07:00] Bravo Fict: meeting tomorrow',
      '',
    ].join('\n');
    const r = await importChat(chat);
    expect(r.status).toBe(0);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['import-new-account', 'import-new-account']);
    expect(r.messages).toEqual([
      expect.stringContaining('messaging "Alpha Fict"'),
      expect.stringContaining('messaging "Bravo Fict"'),
    ]);
    const out = readFileSync(path.join(r.dir, 'chat.yaml'), 'utf8');
    expect(out).not.toContain('Group Fict');
    expect(out.match(/locator: "line \d+"/g)).toEqual(['locator: "line 5"', 'locator: "line 6"']);
    expect(out.match(/^ {4}to: .*$/gm)?.map((to) => to.split(',').length)).toEqual([1, 1]);
  });
});

describe('courtfile import: iOS individual chats, the notices after the other participant', () => {
  // A review found every line of the phone's owner refused ("no other participant writes"),
  // exit 1, nothing written: the other participant, whose name the notices are written
  // after, was taken for the chat's name, as they only deleted messages or only called.
  it.each([
    [
      'who only deletes messages',
      [
        '[12/03/2021, 10:00:00] Ana Fict: \u200eMessages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.',
        '[12/03/2021, 10:01:00] Ana Fict: \u200eThis message was deleted.',
        '[12/03/2021, 10:02:00] Bob Fict: Hello',
        '[12/03/2021, 10:03:00] Ana Fict: \u200eThis message was deleted.',
        '[12/03/2021, 10:04:00] Bob Fict: ok',
      ],
      ['message', 'message', 'message', 'message'],
    ],
    [
      'who only calls, in German',
      [
        '[12.03.21, 10:00:00] Ana Fict: \u200eNachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Niemand außerhalb dieses Chats kann sie lesen.',
        '[12.03.21, 10:01:00] Ana Fict: \u200eVideoanruf \u200e12 Min.',
        '[12.03.21, 10:02:00] Bob Fict: Hallo',
        '[13.03.21, 22:03:00] Ana Fict: \u200eSprachanruf \u200e3 Min.',
        '[13.03.21, 22:04:00] Bob Fict: ok',
      ],
      ['video_call', 'message', 'call', 'message'],
    ],
  ])('the participant %s is kept: the chat is imported', async (_, lines, kinds) => {
    const r = await importChat([...lines, ''].join('\n'), ['--date-order', 'dmy']);
    expect(r.status).toBe(0);
    expect(r.messages).toEqual([
      expect.stringContaining('messaging "Ana Fict"'),
      expect.stringContaining('messaging "Bob Fict"'),
    ]);
    const out = readFileSync(path.join(r.dir, 'chat.yaml'), 'utf8');
    expect(out.match(/locator: "line \d+"/g)).toEqual(
      [2, 3, 4, 5].map((n) => `locator: "line ${n}"`),
    );
    const exchanges = out.split('\naccounts:')[0]!;
    expect(exchanges.match(/^ {4}kind: .*$/gm)?.map((k) => k.trim().slice(6))).toEqual(kinds);
  });
});

describe('courtfile import: a NUL byte in a WhatsApp export', () => {
  // A review found an export padded with NULs to its end refused as a whole.
  it('NULs that only pad the end of the file are no error; the file is still the sealed one', async () => {
    const chat = '14/03/2024, 09:06 - Alpha Fict: hello\n14/03/2024, 09:07 - Bravo Fict: hi\n';
    const text = new TextEncoder().encode(chat);
    const padded = new Uint8Array(text.length + 8192);
    padded.set(text);
    const dir = importDossier(padded, WU_MAP, { name: 'exhibits/chat.txt' });
    const r = await runCli(
      [
        ...['import', 'exhibits/chat.txt', '--dossier', 'dossier.yaml', '--evidence', 'E20'],
        ...['--from', 'whatsapp', '--zone', 'Europe/Paris', '-o', 'chat.yaml', '--format', 'json'],
      ],
      dir,
    );
    expect(r.status).toBe(0);
    const codes = (JSON.parse(r.out) as { diagnostics: Diagnostic[] }).diagnostics.map(
      (d) => d.code,
    );
    expect(codes).toEqual(['import-new-account', 'import-new-account']);
    const out = readFileSync(path.join(dir, 'chat.yaml'), 'utf8');
    expect(out.match(/locator: "line \d+"/g)).toEqual(['locator: "line 1"', 'locator: "line 2"']);
    // The padding is hashed with the file: the sealed digest is the padded file's.
    expect(out).toContain(`# sha256: ${createHash('sha256').update(padded).digest('hex')}`);
  });

  // An audit found OUT written with `identifier: "Bravo\u0000Fict"`.
  it.each([[[]], [['--skip-invalid']]])(
    'is import-format at it, exit 1, nothing written (%j)',
    async (extra) => {
      // NULs padding the end too: they are not reported, the others are.
      const chat = [
        '14/03/2024, 09:06 - Alpha Fict: hello',
        '14/03/2024, 09:07 - Bravo\u0000Fict: hello',
        '14/03/2024, 09:08 - Charlie Fict: meeting\u0000 tomorrow',
        '14/03/2024, 09:09 - Delta Fict: hello',
        '\u0000'.repeat(64),
      ].join('\n');
      const r = await importChat(chat, extra);
      expect(r.status).toBe(1);
      const errors = r.diagnostics.filter((d) => d.code === 'import-format');
      expect(errors).toEqual([
        { code: 'import-format', file: 'exhibits/chat.txt', line: 2, column: 26 },
        { code: 'import-format', file: 'exhibits/chat.txt', line: 3, column: 42 },
      ]);
      expect(r.messages.filter((m) => m.includes('NUL'))).toHaveLength(2);
      expect(r.messages.join('\n')).toContain('a NUL byte: a binary file');
      expect(r.messages.join('\n')).not.toMatch(/Bravo|Charlie/);
      expect(existsSync(path.join(r.dir, 'chat.yaml'))).toBe(false);
    },
  );
});

describe('courtfile import: where a WhatsApp new account is reported', () => {
  // An audit found every import-new-account warning at the chat's first message (2:1),
  // although the phone number first writes at line 10.
  it('at the name where each identifier first writes, not at the first message', async () => {
    const chat = [
      '14/03/2024, 09:05 - Messages and calls are end-to-end encrypted.',
      '14/03/2024, 09:06 - Alpha Fict: hello',
      '14/03/2024, 09:07 - Bravo Fict: meeting tomorrow',
      'second line of the message',
      '15/03/2024, 21:10 - Alpha Fict: <Media omitted>',
      '15/03/2024, 21:11 - Alpha Fict added Charlie Fict',
      '15/03/2024, 21:14 - +63 917 555 0101: hello again',
      '15/03/2024, 21:15 - \u200e\u202aDelta Fict\u202c: <Media omitted>',
      '',
    ].join('\n');
    const r = await importChat(chat);
    expect(r.status).toBe(0);
    expect(r.diagnostics).toEqual([
      { code: 'import-new-account', file: 'exhibits/chat.txt', line: 2, column: 21 },
      { code: 'import-new-account', file: 'exhibits/chat.txt', line: 3, column: 21 },
      { code: 'import-new-account', file: 'exhibits/chat.txt', line: 7, column: 21 },
      // After the marks around the name: at its first letter.
      { code: 'import-new-account', file: 'exhibits/chat.txt', line: 8, column: 23 },
    ]);
    expect(r.messages).toEqual([
      expect.stringContaining('messaging "Alpha Fict"'),
      expect.stringContaining('messaging "Bravo Fict"'),
      expect.stringContaining('phone "+639175550101"'),
      expect.stringContaining('messaging "Delta Fict"'),
    ]);
  });

  it('two names --participants maps to one number: at the first one', async () => {
    const chat = [
      '14/03/2024, 09:06 - Alpha Fict: hello',
      '14/03/2024, 09:07 - Bravo Fict: hello',
      '14/03/2024, 09:08 - Bravo New: meeting tomorrow',
      '',
    ].join('\n');
    const r = await importChat(chat, ['--participants', 'parts.yaml'], {
      'parts.yaml': '"Bravo Fict": "+33698765432"\n"Bravo New": "+33 6 98 76 54 32"\n',
    });
    expect(r.status).toBe(0);
    expect(r.diagnostics).toEqual([
      { code: 'import-new-account', file: 'exhibits/chat.txt', line: 1, column: 21 },
      { code: 'import-new-account', file: 'exhibits/chat.txt', line: 2, column: 21 },
    ]);
    expect(r.messages[1]).toContain('phone "+33698765432"');
  });
});

// Import sweep (session 38): an export whose lines end with a CR alone was read as one
// line and refused for what that line seemed to be ("no other participant writes in this
// chat"; past 1 MiB, "longer than 1048576 bytes"). It is told as what it is.
describe('courtfile import --from whatsapp: lines ended by a carriage return alone', () => {
  it('is import-format at the first CR, saying so; nothing written', async () => {
    for (const chat of [CHAT.replaceAll('\n', '\r'), CHAT.replaceAll('\n', '\r').repeat(20_000)]) {
      const r = await importChat(chat);
      expect(r.status).toBe(1);
      expect(r.diagnostics).toEqual([
        { code: 'import-format', file: 'exhibits/chat.txt', line: 1, column: 33 },
      ]);
      expect(r.messages[0]).toMatch(
        /^the lines of this file end with a carriage return alone \(CR/,
      );
      expect(existsSync(path.join(r.dir, 'chat.yaml'))).toBe(false);
    }
  });

  it('a CR inside a message of an LF or CR LF export is no such thing', async () => {
    for (const end of ['\n', '\r\n']) {
      const chat = `14/03/2024, 09:06 - Alice: hello\rthere${end}14/03/2024, 09:07 - Bob: hello${end}`;
      // Review (session 38): a first message quoting another's head after a CR was refused.
      const quoting = `14/03/2024, 09:06 - Alice: il m'a écrit :\r14/03/2024, 08:00 - Bob: rdv${end}14/03/2024, 09:07 - Bob: hello${end}`;
      expect((await importChat(quoting)).status).toBe(0);
      const r = await importChat(chat);
      expect(r.status).toBe(0);
    }
  });
});
