/**
 * Regression tests from the reproductions of issue 11, items 3-5: a victim's identity
 * written in free text, with invisible characters, in the case reference or title, or as
 * an account identifier, reaches no output (PDF text, bookmarks, summary, summary --json,
 * manifest.json, diagnostics in every format), and `validate` warns at the field
 * (`victim-identity`). Every name, address and number here is fictional.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import { baseWith } from '../helpers/base-dossier.js';
import { fakeIO } from '../helpers/fake-io.js';
import { removeTempDirs, tempDir, writeDossier } from '../helpers/temp-dossier.js';
import { readPdf } from '../render/pdf-text.js';

afterAll(removeTempDirs);

const VICTIM = `  - id: V1
    role: victim
    pseudonym: Victime A
    age_at_facts: 9`;
const NAMED_VICTIM = `  - id: V1
    role: victim
    pseudonym: Victime A
    name: Zéphyrine Quillabast
    born: 2009-04-12
    aliases: [zephy_09]
    age_at_facts: 9`;
/** Appended to BASE's account list (which comes just before `charges:`). */
const VICTIM_ACCOUNTS = `  - id: A3
    kind: email
    identifier: zephy.q@example.org
    holder: V1
  - id: A4
    kind: phone
    identifier: "+33698765432"
    holder: V1
`;

/** Case-, accent- and invisible-insensitive, separators removed: "does it appear anywhere". */
const squash = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\p{M}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}@]/gu, '');

/** The protected strings of the victim above, squashed. */
const PROTECTED = [
  'zephyrine',
  'quillabast',
  'zephy09',
  'zephyq@exampleorg',
  '698765432',
  '12042009',
  '20090412',
];

function expectClean(output: string): void {
  const s = squash(output);
  for (const p of PROTECTED) expect(s, p).not.toContain(p);
}

function dossier(...edits: (readonly [string, string])[]): string {
  const dir = writeDossier({
    'dossier.yaml': baseWith(
      [VICTIM, NAMED_VICTIM],
      ['charges:\n', `${VICTIM_ACCOUNTS}charges:\n`],
      ...edits,
    ),
  });
  return path.join(dir, 'dossier.yaml');
}

async function run(argv: string[]): Promise<{ status: number; out: string; err: string }> {
  const f = fakeIO();
  const status = await main(argv, f.io);
  return { status, out: f.out(), err: f.err() };
}

function pdftotext(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/**
 * One dossier through validate (its victim-identity findings), render (the PDF's text, as
 * pdftotext and as every string the PDF holds) and packet (its data/transfers.csv).
 */
async function throughOutputs(file: string) {
  const v = await run(['validate', file, '--format', 'json']);
  const found = (
    JSON.parse(v.out) as { diagnostics: { code: string; path: unknown[]; message: string }[] }
  ).diagnostics.filter((d) => d.code === 'victim-identity');
  const out = path.join(tempDir(), 'r.pdf');
  expect((await run(['render', file, '-o', out, '--date', '2024-05-01'])).status).toBe(0);
  const dir = path.join(tempDir(), 'packet');
  expect((await run(['packet', file, '-o', dir, '--date', '2024-05-01'])).status).toBe(0);
  return {
    found,
    paths: found.map((d) => d.path),
    text: pdftotext(out),
    everything: (await readPdf(readFileSync(out))).everything,
    transfers: readFileSync(path.join(dir, 'data', 'transfers.csv'), 'utf8'),
  };
}

describe('item 3: invisible characters do not defeat redaction', () => {
  const file = dossier([
    '    name: Jean Test\n',
    '    name: Jean Test\n    notes: "Vu avec Zephy\\u00adrine Quilla\\u200bbast et ZÉPHY\\u2060RINE (fictif)"\n',
  ]);

  test('validate warns victim-identity at the notes, without repeating the name; --strict fails', async () => {
    const r = await run(['validate', file, '--format', 'json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.out) as {
      diagnostics: {
        code: string;
        line: number;
        column: number;
        path: unknown[];
        message: string;
      }[];
    };
    const found = doc.diagnostics.filter((d) => d.code === 'victim-identity');
    expect(found).toMatchObject([{ line: 14, column: 12, path: ['persons', 0, 'notes'] }]);
    expect(found[0]?.message).toContain('Victime A');
    expect(found[0]?.message).toContain('name');
    expectClean(r.out);
    const strict = await run(['validate', file, '--strict']);
    expect(strict.status).toBe(1);
    expect(strict.out).toMatch(/:14:12: error: .* \[victim-identity\]\n/);
    expectClean(strict.out);
  });

  test('the rendered PDF does not show the name', async () => {
    const out = path.join(tempDir(), 'r.pdf');
    const r = await run(['render', file, '-o', out, '--date', '2024-05-01']);
    expect(r.status).toBe(0);
    expectClean(r.err);
    const pdf = await readPdf(readFileSync(out));
    expect(squash(pdf.everything)).toContain('victimea');
    expectClean(pdf.everything);
    expectClean(pdftotext(out));
    expect(pdftotext(out)).toContain('[masqué]');
  }, 60_000);
});

describe("review (session 34): a pseudonym holding a word of the victim's name", () => {
  // FICTIONAL: the pseudonym "Victime A" beside a name whose last word is "Victime".
  const file = dossier(
    ['    name: Zéphyrine Quillabast\n', '    name: Zéphyrine Victime\n'],
    ['    name: Jean Test\n', '    name: Jean Test\n    notes: "Vu par Victime A (fictif)"\n'],
  );

  test('validate warns at the pseudonym only; the PDF and the CSV name her "Victime A"', async () => {
    const o = await throughOutputs(file);
    expect(o.paths).toEqual([['persons', 1, 'pseudonym']]);
    expect(o.text).toContain('Victime A');
    expect(o.text).not.toMatch(/\[masqué\] A\b/);
    expect(o.text).not.toMatch(/Zéphyrine/);
    expect(o.transfers).not.toContain('Zéphyrine');
  }, 60_000);
});

describe('fix/redact audit: a name hyphenated at a break in free text', () => {
  // A YAML folded scalar joins "Quilla-" and "bast" with a space ("Quilla- bast"); a soft
  // hyphen at a line break ("Zephy\u00ad⏎rine") is a break a reader does not see either.
  const file = dossier(
    [
      '    name: Jean Test\n',
      '    name: Jean Test\n    notes: >\n      Vu avec Zéphyrine Quilla-\n      bast (fictif).\n',
    ],
    ['title: Affaire de test', 'title: "Affaire Zephy\\u00ad\\r\\nrine (fictif)"'],
    [
      '    channel: money_transfer\n',
      '    channel: money_transfer\n    notes: "versé pour ZÉPHYRINE Quilla-\\tbast (fictif)"\n',
    ],
  );

  test('validate warns at both fields; the PDF and the packet CSV do not show the name', async () => {
    const { paths, text, everything, transfers } = await throughOutputs(file);
    expect(paths).toEqual([
      ['case', 'title'],
      ['persons', 0, 'notes'],
      ['transfers', 0, 'notes'],
    ]);
    expect(text.replace(/\s+/g, ' ')).toContain('Vu avec [masqué] (fictif).');
    expectClean(text);
    expectClean(everything);
    expect(transfers).toContain('versé pour [redacted] (fictif)');
    expectClean(transfers);
  }, 60_000);
});

describe('an alias of several words written as a handle or a file name (session 30)', () => {
  // The victim's alias "Zephy Quill", written joined in free text as handles and file
  // names are: each alias was matched only as written, so these were printed whole.
  const file = dossier(
    ['    aliases: [zephy_09]\n', '    aliases: [zephy_09, "Zephy Quill"]\n'],
    ['    name: Jean Test\n', '    name: Jean Test\n    notes: "contacte zephy-quill (fictif)"\n'],
    [
      '    channel: money_transfer\n',
      '    channel: money_transfer\n    notes: "profil zephy_quill, photo ZephyQuill.jpg (fictif)"\n',
    ],
  );

  test('validate warns at both notes; the PDF and the packet CSV do not show it', async () => {
    const { found, paths, text, transfers } = await throughOutputs(file);
    expect(paths).toEqual([
      ['persons', 0, 'notes'],
      ['transfers', 0, 'notes'],
    ]);
    expect(found[0]!.message).toMatch(/Victime A/);
    expect(found[0]!.message).not.toMatch(/quill/i);
    expect(text.replace(/\s+/g, ' ')).toContain('contacte [masqué] (fictif)');
    expect(squash(text)).not.toContain('quill');
    expect(transfers).toContain('profil [redacted], photo [redacted].jpg (fictif)');
    expect(squash(transfers)).not.toContain('quill');
  }, 60_000);
});

// Audit (session 29): a line separator inside a name, which the redactor read as white
// space (two words, "Quilla bast") while the PDF drew nothing for it and a spreadsheet
// shows nothing for it in the packet's CSV ("Quillabast"): the name was printed whole.
describe('audit (session 29): a vertical tab or U+2028 inside a name in free text', () => {
  const file = dossier(
    [
      '    name: Jean Test\n',
      '    name: Jean Test\n    notes: "Vu avec Zéphy\\u2028rine (fictif)"\n',
    ],
    [
      '    channel: money_transfer\n',
      '    channel: money_transfer\n    notes: "versé pour W01 [Quilla\\vbast] (fictif)"\n',
    ],
  );

  test('validate warns at both fields; the PDF and the packet CSV do not show the name', async () => {
    const { paths, text, everything, transfers } = await throughOutputs(file);
    expect(paths).toEqual([
      ['persons', 0, 'notes'],
      ['transfers', 0, 'notes'],
    ]);
    expect(text.replace(/\s+/g, ' ')).toContain('Vu avec [masqué] (fictif)');
    expectClean(text);
    expectClean(everything);
    expect(transfers).toContain('versé pour W01 [[redacted]] (fictif)');
    expectClean(transfers);
  }, 60_000);
});

describe('item 4: a victim named in the case reference or title', () => {
  const file = dossier(
    ['reference: "19-123-000456"', 'reference: "19-123-QUILLABAST"'],
    ['title: Affaire de test', 'title: "Affaire Zéphyrine\\u00a0Quillabast"'],
  );

  test('summary, summary --json and the packet manifest mask it', async () => {
    const text = await run(['summary', file]);
    expect(text.status).toBe(0);
    expect(text.out).toContain('19-123-[masqué]');
    expectClean(text.out + text.err);
    const json = await run(['summary', file, '--json']);
    expect(json.status).toBe(0);
    const doc = JSON.parse(json.out) as { case: { reference: string; title: string } };
    expect(doc.case).toMatchObject({ reference: '19-123-[redacted]', title: 'Affaire [redacted]' });
    expectClean(json.out + json.err);
    const dir = path.join(tempDir(), 'packet');
    const packet = await run(['packet', file, '-o', dir, '--date', '2024-05-01']);
    expect(packet.status).toBe(0);
    const manifest = readFileSync(path.join(dir, 'manifest.json'), 'utf8');
    expect(JSON.parse(manifest)).toMatchObject({ case: { reference: '19-123-[redacted]' } });
    expectClean(manifest + packet.err);
  }, 60_000);

  test('--reveal-victims shows it in the summary; validate warns at both fields', async () => {
    const text = await run(['summary', file, '--reveal-victims']);
    expect(text.out).toContain('Affaire Zéphyrine\u00a0Quillabast');
    const v = await run(['validate', file, '--format', 'json']);
    const codes = (
      JSON.parse(v.out) as { diagnostics: { code: string; path: unknown[] }[] }
    ).diagnostics
      .filter((d) => d.code === 'victim-identity')
      .map((d) => d.path);
    expect(codes).toEqual([
      ['case', 'reference'],
      ['case', 'title'],
    ]);
  });
});

describe('item 5: a victim account identifier in free text', () => {
  const file = dossier([
    'title: Relevés',
    'title: "Courriels de ZEPHY.Q@example.org et du +33 6 98 76 54 32"',
  ]);

  test('not in the evidence index text nor its bookmarks', async () => {
    const out = path.join(tempDir(), 'index.pdf');
    const r = await run([
      'render',
      file,
      '-o',
      out,
      '--template',
      'evidence-index',
      '--date',
      '2024-05-01',
      '--lang',
      'en',
    ]);
    expect(r.status).toBe(0);
    const pdf = await readPdf(readFileSync(out));
    expect(pdf.outline.length).toBeGreaterThan(0);
    expect(pdf.outline.map((o) => o.title).join('\n')).toContain('Courriels de [redacted]');
    expectClean(pdf.everything);
    expectClean(pdftotext(out));
    const v = await run(['validate', file, '--format', 'json']);
    const warned = (
      JSON.parse(v.out) as { diagnostics: { code: string; message: string }[] }
    ).diagnostics.find((d) => d.code === 'victim-identity');
    expect(warned?.message).toContain('account identifier');
  }, 60_000);
});

describe('hostile-input sweep (session 23): date forms, look-alike letters, charge articles', () => {
  // Each exhibit title holds one way of writing the victim's birth date or name; the
  // charge's articles name her. All fictional.
  const TITLES = [
    'Né le 12 04 2009',
    'Date 2009 04 12',
    'Né le 12avril2009',
    'Né le 12avr2009',
    'Born 12april2009',
    'Nacida 12abril2009',
    'Né le 12\u221504\u22152009',
    'Né le 12\u204404\u20442009',
    'Vu avec ᴢᴇᴘʜʏʀɪɴᴇ (fictif)',
    'Vu avec Quillabɑst (fictif)',
  ];
  /** Near misses, shown as written: other dates, groups of other numbers. */
  const NEAR = ['Lot 12 04 2010', 'Réf 2009 04 13', 'Montant 130 420 09'];
  const file = dossier(
    ['articles: ["227-22 CP"]', 'articles: ["227-22 CP", "222-23 CP Zéphyrine Quillabast"]'],
    [
      '    obtained: 2019-02-01\ntransfers:\n',
      `    obtained: 2019-02-01\n${[...TITLES, ...NEAR]
        .map(
          (title, i) =>
            `  - id: EX${i}\n    title: "${title}"\n    kind: document\n    source: Test (fictif)\n    obtained: 2019-02-01\n`,
        )
        .join('')}transfers:\n`,
    ],
  );

  test('validate warns at each; the rendered index shows none of them', async () => {
    const v = await run(['validate', file, '--format', 'json']);
    const paths = (
      JSON.parse(v.out) as { diagnostics: { code: string; path: unknown[] }[] }
    ).diagnostics
      .filter((d) => d.code === 'victim-identity')
      .map((d) => d.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'charges.0.articles.1',
        ...TITLES.map((_, i) => `evidence.${i + 1}.title`),
      ]),
    );
    const out = path.join(tempDir(), 'index.pdf');
    const r = await run([
      'render',
      file,
      '-o',
      out,
      '--template',
      'evidence-index',
      '--date',
      '2024-05-01',
    ]);
    expect(r.status).toBe(0);
    const text = pdftotext(out);
    expectClean(text);
    for (const shown of ['12avril', '12avr2', '12april', '12abril', 'ᴢᴇᴘʜ', 'Quillabɑst'])
      expect(text).not.toContain(shown);
    expect(text.match(/\[masqué\]/g)?.length).toBeGreaterThanOrEqual(TITLES.length);
    for (const title of NEAR) expect(text).toContain(title);
  }, 60_000);
});

// Audit (session 29): a value quoted in a message (a country, an id, a date) was escaped
// before victims' identities were masked: "Quilla\u000bbast", "Zephy\r\nrine" were no
// longer the name to the redactor, and were printed in every format. Values are now
// escaped by the output formats, after masking; a message's line breaks and tabs join the
// words around them (printed escaped, on one line).
describe('audit (session 29): a victim name split by a control character in a quoted value', () => {
  const bad = baseWith(
    [
      VICTIM,
      `${NAMED_VICTIM}
    nationality: "Quilla\\vbast"
    residence: "Quilla-\\tbast"
  - id: "Zephy\\vrine"
    role: other
    name: Autre personne fictive
    born: "Zephy\\r\\nrine"`,
    ],
    ['charges:\n', `${VICTIM_ACCOUNTS}charges:\n`],
  );
  const file = path.join(writeDossier({ 'dossier.yaml': bad }), 'dossier.yaml');

  test.each(['text', 'json', 'github', 'sarif'])('format %s', async (format) => {
    const r = await run(['validate', file, '--format', format]);
    expect(r.status).toBe(1);
    expect(r.out).toContain('invalid-value');
    expect(r.out).toContain('[redacted]');
    expectClean(r.out + r.err);
  });

  test('the four findings are there, masked, at their values', async () => {
    const r = await run(['validate', file, '--format', 'json']);
    const diags = (
      JSON.parse(r.out) as { diagnostics: { code: string; path: unknown[]; message: string }[] }
    ).diagnostics.filter((d) => d.code === 'invalid-value');
    expect(diags.map((d) => d.path.slice(2).join('.'))).toEqual([
      'nationality',
      'residence',
      'id',
      'born',
    ]);
    for (const d of diags) expect(d.message).toMatch(/^"\[redacted\]": /);
  });
});

// Review (session 29): masking a diagnostic's file with its tabs joining words, while the
// other fields masked the same name without, gave SARIF a URI to no file
// (`t_Quilla%09bast/t_%5Bredacted%5D/dossier.yaml`) and JSON two names for one file.
describe('review (session 29): a folder named with a tab inside a victim name', () => {
  test('every field and format names the file the same way', async () => {
    const root = tempDir();
    const dir = path.join(root, 't_Quilla\tbast');
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'dossier.yaml'),
      baseWith([VICTIM, NAMED_VICTIM], ['title: Affaire de test', 'title: 12']),
    );
    const file = path.join(dir, 'dossier.yaml');
    const json = JSON.parse((await run(['validate', file, '--format', 'json'])).out) as {
      diagnostics: { file: string }[];
      dossiers: { file: string }[];
    };
    expect(json.diagnostics.length).toBeGreaterThan(0);
    for (const d of json.diagnostics) expect(d.file).toBe(json.dossiers[0]?.file);
    const sarif = (await run(['validate', file, '--format', 'sarif'])).out;
    const uris = [...sarif.matchAll(/"uri": "([^"]+)"/g)].map((m) => m[1]);
    expect(uris.length).toBeGreaterThan(0);
    expect(new Set(uris.filter((u) => u!.endsWith('dossier.yaml'))).size).toBe(1);
  });
});

describe('item 5: validate never repeats a victim identity in its messages', () => {
  const bad = baseWith(
    [VICTIM, NAMED_VICTIM.replace('born: 2009-04-12', 'born: 2009-13-45')],
    [
      'charges:\n',
      `  - id: A3
    kind: email
    identifier: "zephy.q@@example.org"
    holder: V1
  - id: A4
    kind: phone
    identifier: "+33 6 98 76 54 32"
    holder: V1
  - id: A5
    kind: bank
    identifier: "FR76 3000 6000 0112 3456 7890 180"
    holder: V1
charges:
`,
    ],
    ['    to: A2\n    amount: 45.00', '    to: Zéphyrine Quillabast\n    amount: 45.00'],
  );
  const file = path.join(writeDossier({ 'dossier.yaml': bad }), 'dossier.yaml');

  test.each(['text', 'json', 'github'])('format %s', async (format) => {
    const r = await run(['validate', file, '--format', format]);
    expect(r.status).toBe(1);
    expect(r.out).toContain('invalid-value');
    expect(r.out).toContain('[redacted]');
    expectClean(r.out + r.err);
    expect(squash(r.out)).not.toContain('200913');
    expect(squash(r.out)).not.toContain('fr7630006000011234567890180');
  });

  test('the same findings are there, only masked', async () => {
    const r = await run(['validate', file, '--format', 'json']);
    const diags = (JSON.parse(r.out) as { diagnostics: { code: string; path: unknown[] }[] })
      .diagnostics;
    const paths = diags.map((d) => `${d.code} ${d.path.join('.')}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'invalid-value persons.1.born',
        'invalid-value accounts.2.identifier',
        'invalid-value accounts.3.identifier',
        'invalid-value accounts.4.identifier',
        'unknown-reference transfers.0.to',
      ]),
    );
  });
});

describe('audit (session 25): a file named after a victim is masked in diagnostics', () => {
  // An included file whose name holds the victim's name, with a key the format does not
  // know: the finding is reported, located, in every format, with the name masked.
  const dir = writeDossier({
    'dossier.yaml': baseWith(
      [VICTIM, NAMED_VICTIM],
      ['courtfile: 1\n', 'courtfile: 1\ninclude: [quillabast-notes.yaml]\n'],
    ),
    'quillabast-notes.yaml': '# fictional\nrates: []\nbogus: 1\n',
  });
  const file = path.join(dir, 'dossier.yaml');

  test.each(['text', 'json', 'github', 'sarif'])('validate --format %s', async (format) => {
    const r = await run(['validate', file, '--format', format]);
    expect(r.status).toBe(1);
    expect(r.out).toContain('unknown-key');
    expect(r.out).toMatch(/\[redacted\]-notes\.yaml|%5Bredacted%5D-notes\.yaml/);
    expectClean(r.out + r.err);
  });

  test('validate --format json: the dossier files listed are masked too', async () => {
    const r = await run(['validate', file, '--format', 'json']);
    const doc = JSON.parse(r.out) as {
      diagnostics: { file: string; line: number; column: number }[];
      dossiers: { files: string[] }[];
    };
    expect(doc.diagnostics).toMatchObject([{ file: '[redacted]-notes.yaml', line: 3, column: 1 }]);
    expect(doc.dossiers[0]?.files).toEqual([file, '[redacted]-notes.yaml']);
  });

  test.each([['verify'], ['summary'], ['export', '--to', 'case', '-o', '-']])(
    '%s',
    async (...argv) => {
      const r = await run([...argv.slice(0, 1), file, ...argv.slice(1)]);
      expect(r.status).toBe(1);
      expect(r.out + r.err).toMatch(/\[redacted\]-notes\.yaml:3:1: error: .*\[unknown-key\]/);
      expectClean(r.out + r.err);
    },
  );
});

describe('audit (session 26): the folder and root file named after a victim are masked in SARIF and JSON', () => {
  // The dossier's folder and its root file are named after the victim, and it is named so
  // on the command line (relative to the working folder): SARIF URIs and validate's JSON
  // list of dossiers said her name (percent-encoded, or as given), and a masked root file
  // was joined to its folder twice (`d/d/[redacted].yaml`).
  const top = tempDir();
  const dir = path.join(top, 'Zéphyrine Quillabast case');
  writeDossier(
    {
      'Quillabast.yaml': baseWith(
        [VICTIM, NAMED_VICTIM],
        ['courtfile: 1\n', 'courtfile: 1\ninclude: [notes.yaml]\n'],
      ),
      'notes.yaml': '# fictional\nrates: []\nbogus: 1\n',
    },
    dir,
  );
  const rel = 'Zéphyrine Quillabast case/Quillabast.yaml';
  const runIn = async (argv: string[]) => {
    const f = fakeIO({ cwd: top });
    const status = await main(argv, f.io);
    return { status, out: f.out(), err: f.err() };
  };
  const uris = (out: string): string[] =>
    (
      JSON.parse(out) as {
        runs: {
          results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
        }[];
      }
    ).runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);

  test.each([['validate'], ['verify'], ['packet', '-o', 'pk']])(
    '%s --format sarif',
    async (...argv) => {
      const r = await runIn([argv[0]!, rel, ...argv.slice(1), '--format', 'sarif']);
      expect(r.status).toBe(1);
      expect(uris(r.out)).toEqual(['%5Bredacted%5D%20case/notes.yaml']);
      expectClean(r.out + r.err);
    },
  );

  test('validate --format sarif: the root file itself, once, in its folder', async () => {
    const bad = path.join(top, 'other');
    writeDossier(
      {
        'Quillabast.yaml': baseWith(
          [VICTIM, NAMED_VICTIM],
          ['courtfile: 1\n', 'courtfile: 1\nbogus: 1\n'],
        ),
      },
      bad,
    );
    const r = await runIn(['validate', 'other/Quillabast.yaml', '--format', 'sarif']);
    expect(r.status).toBe(1);
    expect(uris(r.out)).toEqual(['other/%5Bredacted%5D.yaml']);
  });

  test('validate --format json: the dossier is named masked', async () => {
    const r = await runIn(['validate', rel, '--format', 'json']);
    const doc = JSON.parse(r.out) as { dossiers: { file: string; files: string[] }[] };
    expect(doc.dossiers).toMatchObject([
      {
        file: '[redacted] case/[redacted].yaml',
        files: ['[redacted] case/[redacted].yaml', 'notes.yaml'],
      },
    ]);
    expectClean(r.out + r.err);
  });
});
