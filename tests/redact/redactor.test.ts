/**
 * The redaction module on its own: what is masked (names, name parts, permutations,
 * aliases, birth dates, account identifiers) and that invisible characters, dashes, case,
 * accents and NFKC variants cannot get a protected string past it. All names fictional.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { IdentitySource } from '../../src/redact/index.js';
import { foldWithOrigin } from '../../src/redact/fold.js';
import { foldText, Redactor } from '../../src/redact/index.js';
import { identityTerms } from '../../src/redact/identities.js';

const SOURCE: IdentitySource = {
  persons: [
    {
      id: 'V1',
      role: 'victim',
      pseudonym: 'Victime A',
      name: 'Zéphyrine Quillabast',
      born: '2009-04-12',
      aliases: ['zephy_09'],
    },
    { id: 'V2', role: 'victim', pseudonym: 'Victime B', name: 'Ana Liza Peña-Orvel' },
    { id: 'P1', role: 'suspect', name: 'Dorval Quentin' },
  ],
  accounts: [
    { kind: 'email', identifier: 'zephy.q@example.org', holder: 'V1' },
    { kind: 'phone', identifier: '+33612345678', holder: 'V1' },
    { kind: 'bank', identifier: 'FR7630006000011234567890189', holder: 'V2' },
    { kind: 'email', identifier: 'dorval@example.org', holder: 'P1' },
  ],
};
const r = Redactor.forDossier(SOURCE, { mask: '[X]' });

describe('Redactor.scrub', () => {
  test.each([
    ['Vu avec Zephy\u00adrine Quillabast.', 'Vu avec [X].'],
    ['Vu avec Zéphy\u200brine\u200c Quilla\u200dbast\u2060\ufeff.', 'Vu avec [X].'],
    ['Vu avec \u202eZephyrine\u202c.', 'Vu avec \u202e[X].'],
    ['QUILLABAST, Zéphyrine', '[X]'],
    ['Quillabast Zephyrine', '[X]'],
    ['Mlle Quillabast seule', 'Mlle [X] seule'],
    ['Ｚｅｐｈｙｒｉｎｅ (pleine chasse)', '[X] (pleine chasse)'],
    ['Ze\u0301phyrine', '[X]'],
    ['Peña\u2011Orvel, Ana Liza', '[X]'],
    ['Ana Liza Pena\u2010Orvel', '[X]'],
    ['Ana seule', 'Ana seule'],
    // Audit of 2026-12-06: a short part (under 4 letters, not masked alone) was left
    // beside the part it goes with ("[X] Mae"), and a name joined as file names and
    // handles join words was not found at all.
    ['Ana Liza seule, Liza Peña aussi', '[X] seule, [X] [X] aussi'],
    [
      'photos/ana-liza-pena-orvel.jpg, ana_liza.txt, liza.pena',
      'photos/[X]-[X].jpg, [X].txt, [X].[X]',
    ],
    ['compte AnaLizaPenaOrvel, ou AnaLizaPena', 'compte [X], ou [X]'],
    // Near misses: a short part alone, another order, a glued pair under 10 letters.
    ['Anastasia et Ana; liza-ana (autre ordre)', 'Anastasia et Ana; [X]-ana (autre ordre)'],
    ['el fiscal analiza', 'el fiscal analiza'],
    ['née le 12/04/2009', 'née le [X]'],
    ['born 12 April 2009, or April 12, 2009', 'born [X], or [X]'],
    ['née le 12 avril 2009 (2009-04-12)', 'née le [X] ([X])'],
    ['seule l’année 2009 reste', 'seule l’année 2009 reste'],
    // Sweep of 2026-12-02: birth dates in forms people write and the first list missed.
    ['12/04/09, 12.4.09, 12-04-09', '[X], [X], [X]'],
    ['2009-4-12, 2009.04.12, 20090412, 12042009', '[X], [X], [X], [X]'],
    ['12 avr. 2009, 12 AVR 2009, 12-avr-2009', '[X], [X], [X]'],
    ['12th April 2009, the 12th of April 2009', '[X], the [X]'],
    ['April 12th, 2009, Apr. 12, 2009, 12-Apr-2009', '[X], [X], [X]'],
    ['US 04/12/2009 or 4/12/2009', 'US [X] or [X]'],
    // Sweep of 2026-12-05: Spanish and Tagalog months (Filipino documents), passport
    // style, German, two-digit years after a month, other numeric layouts.
    ['12 Abril 2009, Abril 12, 2009, 12 de abril de 2009', '[X], [X], [X]'],
    ['12 Hunyo 2009 (not her month), 12-abr-2009', '12 Hunyo 2009 (not her month), [X]'],
    ['12APR2009, 12 APR 09, 12APR09, Apr-12-2009', '[X], [X], [X], [X]'],
    ['12 April, 2009; 12. April 2009; 12 avril 09', '[X]; [X]; [X]'],
    ['2009.4.12, 4.12.2009, 12 / 04 / 2009, 12_04_2009', '[X], [X], [X], [X]'],
    ['12.IV.2009 et 2009年4月12日', '[X] et [X]'],
    ['dossier 120409 et 090412', 'dossier [X] et [X]'],
    ['ref 1204091 and 0904120 stay', 'ref 1204091 and 0904120 stay'],
    // A word hyphenated at a line break (pasted from a printed page) reads as one word.
    ['vu avec Zéphy-\nrine et Quilla-\r\n  bast.', 'vu avec [X] et [X].'],
    // A hyphenated compound broken at its hyphen: each word is masked on its own, and the
    // compound whole (its hyphen dropped by the joining pass, as in the term "penaorvel").
    ['Ana Liza Peña-\nOrvel; Peña-\u2028Orvel', '[X]; [X]'],
    ['Quillabast\u2010\n\u00adZephyrine', '[X]\u2010\n\u00ad[X]'],
    ['pseudo zephy_09 et zephy-\n_09', 'pseudo [X] et zephy-\n_09'],
    ['une ligne-\nun saut, 2009-\n04-12', 'une ligne-\nun saut, 2009-\n04-12'],
    ['ref. 4820090412 and 2009041255 stay', 'ref. 4820090412 and 2009041255 stay'],
    ['écrire à ZEPHY.Q@EXAMPLE.ORG.', 'écrire à [X].'],
    ['tél. +33 6 12 34 56 78 ou 06.12.34.56.78', 'tél. +[X] ou [X]'],
    ['IBAN FR76 3000 6000 0112 3456 7890 189', 'IBAN [X]'],
    ['pseudo zephy_09 et @zephy_09', 'pseudo [X] et @[X]'],
    ['Dorval Quentin, dorval@example.org', 'Dorval Quentin, dorval@example.org'],
    ['Analyse financière, Zephyrines', 'Analyse financière, Zephyrines'],
    ['zephyrine2009, 2009quillabast, né12/04/2009', '[X]2009, 2009[X], né[X]'],
    [
      'QUILL\u0410B\u0410ST (Cyrillic A), Z\u0395PHYRIN\u0395 (Greek E)',
      '[X] (Cyrillic A), [X] (Greek E)',
    ],
    ['Анна и Марк', 'Анна и Марк'],
    ['\u{1F600}Zephyrine\u{1F600} et \u{1D419}ephyrine', '\u{1F600}[X]\u{1F600} et [X]'],
  ])('%j', (text, expected) => {
    expect(r.scrub(text)).toBe(expected);
  });

  // Reported by an audit: a note writing the victim's Arabic name with a Persian keyboard
  // (yeh U+06CC for U+064A and U+0649) was shown in the PDF. FICTIONAL names.
  test('an Arabic name written with Persian or Urdu letters is masked', () => {
    const arabic = Redactor.forDossier(
      {
        persons: [{ id: 'V3', role: 'victim', pseudonym: 'Victime C', name: 'ليلى الوهمية كريمة' }],
        accounts: [],
      },
      { mask: '[X]' },
    );
    for (const written of [
      'لیلی الوهمیة کریمة', // Persian yeh and keheh
      'ليلي الوهميه كريمه', // final yeh for alef maksura, heh for teh marbuta
      'لیلے الوہمیۃ کریمۃ', // Urdu
      'ليـلى الوهمية كريمة', // tatweel
    ])
      expect(arabic.scrub(`ملاحظة ${written} انتهى`), written).toBe('ملاحظة [X] انتهى');
    // Another name, sharing none of the words, is left alone.
    expect(arabic.scrub('كريم الحسن')).toBe('كريم الحسن');
  });

  test('nothing to mask: the same string back; reveal masks nothing', () => {
    const text = 'Versement\u00a0de 1\u202f234,56\u00a0€ — réf. 2018-02-03';
    expect(r.scrub(text)).toBe(text);
    const revealed = Redactor.forDossier(SOURCE, { mask: '[X]', reveal: true });
    expect(revealed.scrub('Zephyrine Quillabast')).toBe('Zephyrine Quillabast');
  });

  test('mentions says which victim and which kind, never the identity', () => {
    expect(
      r.mentions('Vu Quillabast le 12/04/2009 ; IBAN FR76 3000 6000 0112 3456 7890 189'),
    ).toEqual([
      { victim: 'Victime A', kind: 'name' },
      { victim: 'Victime A', kind: 'birth date' },
      { victim: 'Victime B', kind: 'account identifier' },
    ]);
    expect(r.mentions('Dorval Quentin')).toEqual([]);
  });

  test('linear on hostile text: long runs of almost-matches', () => {
    const hostile = `${'zephyrin'.repeat(50_000)} ${'+3361234567'.repeat(20_000)} ${'a\u00ad'.repeat(100_000)}`;
    const t0 = performance.now();
    const out = r.scrub(`${hostile} Zephyrine`);
    expect(out.endsWith(' [X]')).toBe(true);
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  test('linear on hyphens at line breaks (the second, joining pass)', () => {
    const t0 = performance.now();
    const out = r.scrub(
      `${'zephy-\n'.repeat(100_000)}${'-\t \u00ad'.repeat(100_000)}\nZephy-\nrine`,
    );
    expect(out.endsWith('\n[X]')).toBe(true);
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  // Session 39: each match inside a pseudonym searched the pseudonym's places from the
  // text's start (40,000 repeats: 14 s).
  test('linear on a pseudonym that holds a word of the name, repeated', () => {
    const named = Redactor.forDossier(
      {
        persons: [
          { id: 'V', role: 'victim', pseudonym: 'Victime Marie', name: 'Marie Quillabast' },
        ],
        accounts: [],
      },
      { mask: '[X]' },
    );
    const t0 = performance.now();
    const out = named.scrub(`${'Victime Marie a dit. '.repeat(40_000)}Marie et Quillabast.`);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(out.startsWith('Victime Marie a dit. Victime Marie a dit.')).toBe(true);
    expect(out.endsWith('a dit. [X] et [X].')).toBe(true);
    expect(out.split('Victime Marie').length - 1).toBe(40_000);
  });

  test('linear with nested terms too: aliases a², a³, … a³⁰⁰ over a text of "a"s', () => {
    const aliases = Array.from({ length: 299 }, (_, k) => 'a'.repeat(k + 2));
    const nested = Redactor.forDossier(
      { persons: [{ id: 'V', role: 'victim', pseudonym: 'V', aliases }], accounts: [] },
      { mask: '#' },
    );
    const t0 = performance.now();
    const out = nested.scrub(`${'a'.repeat(300_000)} ${'aa '.repeat(50_000)}b aaa`);
    expect(out.startsWith('a'.repeat(300_000))).toBe(true);
    expect(out.endsWith(`${'# '.repeat(50_000)}b #`)).toBe(true);
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});

/** The disguises of the audit of fix/redact (the example dossier's victim and four others). */
const AUDIT: IdentitySource = {
  persons: [
    { id: 'V1', role: 'victim', pseudonym: 'Victime A', name: 'Jessa Mae Fictoria' },
    { id: 'V2', role: 'victim', pseudonym: 'Victime B', name: '王小明' },
    { id: 'V3', role: 'victim', pseudonym: 'Victime C', name: 'สมหญิงใจดี' },
    { id: 'V4', role: 'victim', pseudonym: 'Victime D', name: 'נועה כהן' },
    { id: 'V5', role: 'victim', pseudonym: 'Victime E', name: 'فاطمة حسين' },
    { id: 'V6', role: 'victim', pseudonym: 'Victime F', aliases: ['さくら', 'علي'] },
    { id: 'V7', role: 'victim', pseudonym: 'Victime G', name: 'Ana Liza Peña-Orvel' },
  ],
  accounts: [],
};
const audit = Redactor.forDossier(AUDIT, { mask: '[X]' });

// Review of 2026-12-06: runs of a name's words must not mask common phrases or other
// people's names (FICTIONAL names).
describe('runs of the words of a name', () => {
  const runs = Redactor.forDossier(
    {
      persons: [
        { id: 'V1', role: 'victim', pseudonym: 'Victime A', name: 'Maria de la Cruz' },
        { id: 'V2', role: 'victim', pseudonym: 'Victime B', name: 'Le Van An' },
        { id: 'V3', role: 'victim', pseudonym: 'Victime C', name: 'Mar Tina Lopez' },
        { id: 'V4', role: 'victim', pseudonym: 'Victime D', name: 'Rose Mary' },
        { id: 'V5', role: 'victim', pseudonym: 'Victime E', name: 'Jessa Mae Fictoria' },
        { id: 'P1', role: 'suspect', name: 'Martina Delacroix' },
      ],
      accounts: [],
    },
    { mask: '[X]' },
  );
  test.each([
    ['réponse de la plateforme', 'réponse de la plateforme'],
    ['le van blanc, REF-2018-LE-AN-01', 'le van blanc, REF-2018-LE-AN-01'],
    ['Martina Delacroix, rosemary oil', 'Martina Delacroix, rosemary oil'],
    ['vue à la Cruz, de la Cruz', 'vue à [X], [X]'],
    ['Jessa Mae, Mae Fictoria, mae_fictoria.png', '[X], [X], [X].png'],
    ['JessaMaeFictoria, MaeFictoria, MariaDeLaCruz', '[X], [X], [X]'],
    ['JessaMae (8 letters glued: not a form)', 'JessaMae (8 letters glued: not a form)'],
  ])('%j', (text, expected) => {
    expect(runs.scrub(text)).toBe(expected);
  });
});

// Review of 2026-12-07: a pseudonym holding a word of a victim's name ("Victim A" for
// "Real Victim Name", "Marie D." for "Marie Dupont") was printed "[masqué] A" wherever
// documents name her (FICTIONAL names).
describe("a victim's pseudonym is shown as written, even holding a word of a name", () => {
  const named = Redactor.forDossier(
    {
      persons: [
        { id: 'V1', role: 'victim', pseudonym: 'Victim A', name: 'Real Victim Name' },
        { id: 'V2', role: 'victim', pseudonym: 'Marie D.', name: 'Marie Dupontel' },
        { id: 'P1', role: 'suspect', name: 'Victim Suspectson', pseudonym: 'Victim' },
      ],
      accounts: [],
    },
    { mask: '[X]' },
  );
  test.each([
    ['Victim A, then Marie D.', 'Victim A, then Marie D.'],
    ['VICTIM A (victim a)', 'VICTIM A (victim a)'],
    // Outside a pseudonym written whole, the words are masked as before.
    ['Victim alone, Victim AB, Marie Dupontel', '[X] alone, [X] AB, [X]'],
    ['Real Victim Name wrote to Victim A', '[X] wrote to Victim A'],
    // Only victims' pseudonyms: a suspect's `pseudonym` key exempts nothing.
    ['Victim Suspectson', '[X] Suspectson'],
  ])('%j', (text, expected) => {
    expect(named.scrub(text)).toBe(expected);
  });

  test('mentions: none inside a pseudonym, except when the pseudonym itself is checked', () => {
    expect(named.mentions('sent to Victim A')).toEqual([]);
    expect(named.mentions('Victim A', true)).toEqual([{ victim: 'Victim A', kind: 'name' }]);
    expect(named.mentions('Marie D.', true)).toEqual([{ victim: 'Marie D.', kind: 'name' }]);
    expect(named.mentions('sent to Victim B')).toEqual([{ victim: 'Victim A', kind: 'name' }]);
  });
});

describe('an alias of several words, joined as handles and file names join words', () => {
  const joined = Redactor.forDossier(
    {
      persons: [
        {
          id: 'V1',
          role: 'victim',
          pseudonym: 'Victime A',
          aliases: ['Zephy Quill', 'Petite Etoile', 'Li Na', 'zephy_09', 'mira.belle_77'],
        },
        { id: 'P1', role: 'suspect', name: 'Dorval Quentin', aliases: ['Grand Loup'] },
      ],
      accounts: [],
    },
    { mask: '[X]' },
  );
  test.each([
    ['pseudo zephy_quill, zephy-quill, Zephy.Quill', 'pseudo [X], [X], [X]'],
    ['compte ZephyQuill (glued: 10 letters)', 'compte [X] (glued: 10 letters)'],
    ['photo petite_etoile.jpg, PetiteEtoile', 'photo [X].jpg, [X]'],
    // Never the alias's words alone: an alias may be made of common words.
    ['une petite maison, une etoile', 'une petite maison, une etoile'],
    // Glued, a short alias is too often a word: not a form ("lina").
    ['LiNa, li_na', 'LiNa, [X]'],
    // Written as a handle in the dossier: its other joinings too.
    ['zephy_09 et zephy-09, zephy 09', '[X] et [X], [X]'],
    ['Mira Belle 77, mira-belle-77, MiraBelle77', '[X], [X], [X]'],
    // A suspect's alias is not protected.
    ['grand_loup', 'grand_loup'],
  ])('%j', (text, expected) => {
    expect(joined.scrub(text)).toBe(expected);
  });
});

test("a hostile dossier's aliases: their other forms are bounded, the aliases as written all kept", () => {
  // 40,000 aliases of 8 words: five forms of each (~6 million characters) made the
  // redactor's automaton outgrow a Map; they are bounded to 4 Mi characters.
  const aliases = Array.from(
    { length: 40_000 },
    (_, k) => `alias ${k} fictif ${k} de la liste ${k}`,
  );
  const terms = identityTerms({
    persons: [{ id: 'V', role: 'victim', pseudonym: 'V', aliases }],
    accounts: [],
  }).filter((t) => t.kind === 'alias');
  const written = new Set(aliases.map((a) => foldText(a)));
  expect(terms.filter((t) => written.has(t.text))).toHaveLength(40_000);
  const others = terms.filter((t) => !written.has(t.text));
  const chars = others.reduce((n, t) => n + t.text.length, 0);
  expect(chars).toBeGreaterThan(2 ** 22 - 100);
  expect(chars).toBeLessThanOrEqual(2 ** 22);
});

describe('audit of fix/redact: hyphenation, unspaced scripts, clitics, tatweel', () => {
  test.each([
    // a. a soft hyphen at a line break
    ['vu avec Fic\u00ad\ntoria .', 'vu avec [X] .', 'A'],
    ['vu avec Fic\u00ad\r\ntoria .', 'vu avec [X] .', 'A'],
    ['Jessa Mae Fic\u00ad\n\u200btoria', '[X]', 'A'],
    // b. a hyphen followed by white space (a YAML folded scalar joins lines with a space)
    ['Jessa Mae Fic- toria .', '[X] .', 'A'],
    ['vu Fic-\ttoria, Fic\u2011\u00a0toria', 'vu [X], [X]', 'A'],
    // a compound broken at a line break, one of its words hyphenated at another
    ['Vu avec Ana Liza Pe-\nña-\nOrvel', 'Vu avec [X]', 'G'],
    // c. scripts written without spaces: the name inside a longer run
    ['受害人王小明于二〇一八年', '受害人[X]于二〇一八年', 'B'],
    ['王小明', '[X]', 'B'],
    ['สมหญิงใจดีอายุ', '[X]อายุ', 'C'],
    ['さくらさんと', '[X]さんと', 'F'],
    ['Fictoria王小明 (touching spans: one mask)', '[X] (touching spans: one mask)', 'A'],
    // d. Hebrew and Arabic one-letter prefixes: the prefix stays, the name is masked
    ['לנועה כהן', 'ל[X]', 'D'],
    ['ושלנועה כהן אמרה', 'ושל[X] אמרה', 'D'],
    ['ראיתי בנועה', 'ראיתי ב[X]', 'D'],
    ['وفاطمة حسين', 'و[X]', 'E'],
    ['وبالفاطمة حسين ولحسين', 'وبال[X] ول[X]', 'E'],
    ['وعلي', 'و[X]', 'F'],
    // e. Arabic tatweel inside the name
    ['فـاطمة حسـين', '[X]', 'E'],
    ['فـــاطمة', '[X]', 'E'],
    // f. (audit, session 29) a line separator that a reader may not see: a vertical tab (a
    // word processor's manual line break), form feed, NEL, U+2028, U+2029 inside the name
    // (a spreadsheet shows "Fic\u000btoria" as "Fictoria"); as white space it still splits
    // a name into its words, and with a hyphen it is a hyphenated break.
    ['W01 [Fic\u000btoria] fin', 'W01 [[X]] fin', 'A'],
    ['Fic\u000ctoria', '[X]', 'A'],
    ['Fic\u0085toria', '[X]', 'A'],
    ['vu Fic\u2028toria, Fic\u2029toria', 'vu [X], [X]', 'A'],
    ['Jessa\u2028Mae\u2029Fictoria', '[X]', 'A'],
    ['Jessa Mae Fic-\u2028toria', '[X]', 'A'],
    ['Jessa Mae Fic\u00ad\u000b\u200btoria', '[X]', 'A'],
  ])('%j', (text, expected, victim) => {
    expect(audit.scrub(text)).toBe(expected);
    expect(audit.mentions(text).map((m) => m.victim)).toContain(`Victime ${victim}`);
  });

  test.each([
    'Paris - Lyon, un trait- puis rien',
    'Fic-toria',
    'Mae',
    'תנועה (ת is not a prefix)',
    'וכהןן',
    'ولفاطمةح',
    'حسينة',
    'เมื่อวานสมหญิง',
    '王小',
    'Analyse- ment',
  ])('not masked, no mention: %j', (text) => {
    expect(audit.scrub(text)).toBe(text);
    expect(audit.mentions(text)).toEqual([]);
  });

  test('one-letter prefixes only before Hebrew and Arabic terms', () => {
    const latin = Redactor.forDossier(
      { persons: [{ id: 'V', role: 'victim', pseudonym: 'V', name: 'Aline Bove' }], accounts: [] },
      { mask: '#' },
    );
    expect(latin.scrub('waline, lbove, Aline')).toBe('waline, lbove, #');
  });

  test('linear on hostile text: unspaced runs, clitics, spaced hyphens', () => {
    const t0 = performance.now();
    const out = audit.scrub(
      `${'王小'.repeat(100_000)}${'ולו'.repeat(50_000)} ${'ב-  '.repeat(50_000)}${'\u00ad '.repeat(50_000)}王小明`,
    );
    expect(out.endsWith('[X]')).toBe(true);
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});

/** Characters a hostile dossier can slip into a name without changing how it reads. */
const INVISIBLES = [
  '\u00ad',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u200e',
  '\u202a',
  '\u2066',
  '\u034f',
  '\ufe0f',
  '\u0007',
];
const DASHES = ['-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2212', '\ufe63', '\uff0d'];

/** A disguised copy of `term`: invisible characters inserted, case changed, NFKC variants. */
function disguise(term: string): fc.Arbitrary<string> {
  const chars = [...term];
  return fc
    .tuple(
      fc.array(fc.tuple(fc.nat(chars.length), fc.constantFrom(...INVISIBLES)), { maxLength: 6 }),
      fc.array(fc.boolean(), { minLength: chars.length, maxLength: chars.length }),
      fc.constantFrom<'NFC' | 'NFD' | 'NFKC' | 'NFKD'>('NFC', 'NFD', 'NFKC', 'NFKD'),
      fc.boolean(),
      fc.constantFrom(...DASHES),
    )
    .map(([inserts, upper, form, fullwidth, dash]) => {
      let out = chars.map((c, i) => {
        let ch = upper[i] ? c.toUpperCase() : c.toLowerCase();
        if (ch === '-') ch = dash;
        if (fullwidth && /[a-z0-9]/i.test(ch)) ch = String.fromCharCode(ch.charCodeAt(0) + 0xfee0);
        return ch.normalize(form);
      });
      for (const [at, inv] of inserts) out = [...out.slice(0, at), inv, ...out.slice(at)];
      return out.join('');
    });
}

const NAME_PARTS = ['Zéphyrine', 'Quillabast', 'Ørsolya', 'Brâncuși', 'Straßmann', 'Lévy-Ndiaye'];

/** A redactor of one victim (V9), masking with `[X]`. */
const oneVictim = (name: string, aliases: string[] = [], pseudonym = 'Victime P') =>
  Redactor.forDossier(
    { persons: [{ id: 'V9', role: 'victim', pseudonym, name, aliases }], accounts: [] },
    { mask: '[X]' },
  );

/** A redactor of one victim (V9) and a case block, masking with `[X]`. */
const withCase = (name: string, pseudonym: string, caseBlock: { court: string; office?: string }) =>
  Redactor.forDossier(
    {
      persons: [{ id: 'V9', role: 'victim', pseudonym, name, aliases: [] }],
      accounts: [],
      case: caseBlock,
    },
    { mask: '[X]' },
  );

/** `text` masked as `expected`, and mentioning the name of `name`'s victim (Victime J). */
function masksTheName(name: string, text: string, expected: string): void {
  const r = oneVictim(name, [], 'Victime J');
  expect(r.scrub(text)).toBe(expected);
  expect(r.mentions(text)).toEqual([{ victim: 'Victime J', kind: 'name' }]);
}

// A helper's sweep (session 42): characters the fold drops as invisible, and modifier
// letters, glued a victim's name to the next word ("fictoriaconcerné", no match), while
// the PDF and the text outputs show a gap, a box or a mark between them: the name was
// shown, in documents, metadata, manifest, summary and CASE export, with no warning.
describe('characters read as nothing but drawn as something, beside a name', () => {
  const victim = oneVictim('Jessa Mae Fictoria', [], 'Victime J');
  test.each([
    ['\u3164', 'a Hangul filler, drawn blank'],
    ['\u115f', 'a Hangul choseong filler'],
    ['\uffa0', 'a halfwidth Hangul filler'],
    ['\u180e', 'the Mongolian vowel separator (a box)'],
    ['\u180b', 'a Mongolian variation selector'],
    ['\u17b4', 'a Khmer inherent vowel'],
    ['\u{1d173}', 'a musical format character'],
    ['\u{e0041}', 'a tag character'],
    ['\u{e0100}', 'a variation selector'],
    ['\u{1bca0}', 'a shorthand format control'],
    ['\u0640', 'the tatweel, drawn as a stroke'],
    ['\ua788', 'a modifier letter with no glyph'],
    ['\u2e2f', 'the vertical tilde'],
    ['\u02bb', 'a turned comma, read as an apostrophe'],
    ['\u02b9', 'a modifier prime'],
    ['\ua78c', 'the saltillo'],
    ['\u0001', 'a control character'],
    ['\u00ad', 'a soft hyphen'],
    ['\u200b', 'a zero-width space'],
  ])('%j (%s) between the name and a word, on either side', (ch) => {
    for (const [text, expected] of [
      // A combining mark just after the name is taken into its mask.
      [`Dossier Fictoria${ch}concerné.`, `Dossier [X]${/^\p{M}$/u.test(ch) ? '' : ch}concerné.`],
      [`vu d${ch}Fictoria hier`, `vu d${ch}[X] hier`],
    ]) {
      expect(victim.scrub(text!)).toBe(expected);
      expect(victim.mentions(text!)).toEqual([{ victim: 'Victime J', kind: 'name' }]);
    }
    // Inside the name it still hides nothing: the plain reading drops it.
    const inside = `Vu Fic${ch}toria.`;
    if (
      ch !== '\u0001' &&
      ch !== '\u02bb' &&
      ch !== '\u02b9' &&
      ch !== '\ua78c' &&
      ch !== '\ua788' &&
      ch !== '\u2e2f'
    )
      expect(victim.scrub(inside)).toBe('Vu [X].');
  });

  // Review (session 42): the first fix parted words at every such character at once, so
  // one never drawn inside the name (U+200B) and one drawn as glue (U+3164) hid it; a
  // name holding one (`Kaʻiulani`) was parted where the text was, and missed; a hyphen
  // before a filler was not a line-break hyphen.
  test.each([
    ['Dossier Fic\u200btoria\u3164concerné.', 'Dossier [X]\u3164concerné.', 'name'],
    ['Dossier Fic\u00adtoria\u0640concerné.', 'Dossier [X]\u0640concerné.', 'name'],
    // The mask takes in the invisible characters just after the name (U+180E here).
    ['Dossier Ｆｉｃ\u2060ｔｏｒｉａ\u180e\u3164x.', 'Dossier [X]\u3164x.', 'name'],
    ['Jemae Fic\u200btoria\u3164x', '[X]\u3164x', 'alias'],
    ['Né le 12/0\u200b4/2009\u3164123', 'Né le [X]\u3164123', 'birth date'],
    ['contact zorblax.qu\u200bip\u02bbx', 'contact [X]\u02bbx', 'account identifier'],
    ['Dossier Kaʻiulani\u3164concerné.', 'Dossier [X]\u3164concerné.', 'name'],
    ['Dossier Kaʻiulani\u200bconcerné.', 'Dossier [X]\u200bconcerné.', 'name'],
    ['Dossier Fic-\u3164toria concerné.', 'Dossier [X] concerné.', 'name'],
    // The mask takes in the marks just after the name (its last letter's, as far as the
    // text says).
    ['Dossier Fictoria\u0903concerné.', 'Dossier [X]concerné.', 'name'],
  ])('%j', (text, expected, kind) => {
    const r = Redactor.forDossier(
      {
        persons: [
          {
            id: 'V9',
            role: 'victim',
            pseudonym: 'Victime J',
            name: 'Jessa Mae Fictoria',
            born: '2009-04-12',
            aliases: ['Jemae Fictoria'],
          },
          { id: 'V8', role: 'victim', pseudonym: 'Victime J', name: 'Leilani Kaʻiulani' },
        ],
        accounts: [{ kind: 'email', identifier: 'zorblax.quip@example.net', holder: 'V9' }],
      },
      { mask: '[X]' },
    );
    expect(r.scrub(text)).toBe(expected);
    expect(r.mentions(text).map((m) => m.kind)).toContain(kind);
  });

  // Second review (session 42): one kind for every drawn character parted a name's own
  // vowel signs or `ʻ` with the glue, and no piece was left to find; the tatweel that
  // stretches an Arabic word parted it; a mask left the name's last vowel sign.
  test.each([
    ['प्रियंका शर्मा', 'प्रियंका\ue000आई', '[X]\ue000आई'],
    ['प्रियंका शर्मा', 'प्रियंका\u0640आई', '[X]\u0640आई'],
    ['प्रियंका शर्मा', 'प्रियंका\u0378आई', '[X]\u0378आई'],
    ['प्रियंका शर्मा', 'शर्मा प्रियंका\u0640आई', '[X]\u0640आई'],
    ['प्रियंका शर्मा', 'प्रियंका शर्मा\ue000आई', '[X]\ue000आई'],
    ['Gʻani Rahimov', 'Gʻani\ue000temoin', '[X]\ue000temoin'],
    ['Gʻani Rahimov', 'Gʻani\u0640temoin', '[X]\u0640temoin'],
    ['Gʻani Rahimov', 'Gʻani\u200btemoin', '[X]\u200btemoin'],
    // A tatweel parts words in that reading, also inside one stretched Arabic word: a
    // part that is a word of her name is masked, as an ordinary word that folds like one
    // is (a third review: telling joining letters apart left `زهراـعلي` shown, and was
    // quadratic in a run of tatweels).
    ['مریم حسین‌زاده', 'او شاهـزاده است', 'او شاهـ[X] است'],
    ['زهرا مرادی', 'زهراـعلي', '[X]ـعلي'],
    ['زهرا مرادی', 'مرادیـمريم', '[X]ـمريم'],
    ['مریم حسین‌زاده', 'Rapport حسین\u0640x', 'Rapport [X]\u0640x'],
  ])('victim %s: %j', (name, text, expected) => {
    const r = oneVictim(name, [], 'Victime J');
    expect(r.scrub(text)).toBe(expected);
    expect(r.mentions(text).length).toBe(expected === text ? 0 : 1);
  });

  // Left in session 42, closed in 43: a word of the name that holds a vowel sign or a
  // modifier letter, glued to the next word by another character of the same kind. The
  // reading that parts the glue parts the name too (`g ani temoin`), and the plain
  // reading keeps the glue (`gʻanihtemoin`): the MARKED reading marks both, and each
  // word of the name is also a term with its marks. A review of a first fix found names
  // split at non-ASCII dashes and commas, and `Maʼruf`, still shown.
  test.each([
    ['Gʻani\u2010Rahimov', 'Gʻaniʻtemoin', '[X]ʻtemoin'],
    ['Gʻani\u2013Rahimov', 'Gʻaniʰtemoin', '[X]ʰtemoin'],
    ['Rahimov\uff0cGʻani', 'Gʻaniʻtemoin', '[X]ʻtemoin'],
    ['प्रियंका\u2010शर्मा', 'प्रियंका\u02b0आई', '[X]\u02b0आई'],
    ['Maʼruf Karimov', 'Maʼruf est venu.', '[X] est venu.'],
    ['Maʼruf Karimov', 'Maʼrufʼtemoin', '[X]ʼtemoin'],
    ['Daʻla Keawe', 'Daʻla est venue', '[X] est venue'],
    ['प्रियंका शर्मा', 'प्रियंका\u02b0आई', '[X]\u02b0आई'],
    ['प्रियंका शर्मा', 'रिपोर्ट: प्रियंका\ua78bआई', 'रिपोर्ट: [X]\ua78bआई'],
    ['प्रियंका शर्मा', 'आई\u02b0प्रियंका', 'आई\u02b0[X]'],
    ['Gʻani Rahimov', 'Gʻani\u02b0temoin', '[X]\u02b0temoin'],
    ['Gʻani Rahimov', 'Gʻaniʻtemoin', '[X]ʻtemoin'],
    ['Kaʻiulani Keawe', 'Kaʻiulaniʻhale', '[X]ʻhale'],
    // With an unseen character glued on the other side too (two kinds together).
    ['Gʻani Rahimov', 'x\u200bGʻaniʰtemoin', 'x\u200b[X]ʰtemoin'],
  ])('victim %s: %j, a word of the name glued by a character of its own kind', masksTheName);

  // A second review (of bb9e2be): invisible characters inside the name and doubled marks
  // kept it hidden; pseudonyms and institutional names were masked in the new reading;
  // and a boundary at every spacing vowel sign matched syllables inside Indic words.
  test.each([
    ['Gʻani Rahimov', 'Gʻa\u00adniʻtemoin', '[X]ʻtemoin'],
    ['Gʻani Rahimov', 'Gʻa\u200bniʻtemoin', '[X]ʻtemoin'],
    ['Gʻani Rahimov', 'Gʻa\u2028niʻtemoin', '[X]ʻtemoin'],
    ['Gʻani Rahimov', 'G\u200bʻaniʻtemoin', '[X]ʻtemoin'],
    ['Gʻani Rahimov', 'Gʻʻaniʻtemoin', '[X]ʻtemoin'],
    ['Gʻani Rahimov', 'témoin\ue000Gʻaniʻtemoin', 'témoin\ue000[X]ʻtemoin'],
    ['Gʻani Rahimov', 'témoin\u0640Gʻaniʻtemoin', 'témoin\u0640[X]ʻtemoin'],
    ['Gʻa\u00adni Rahimov', 'Gʻaniʻtemoin', '[X]ʻtemoin'],
    ['प्रियंका शर्मा', 'प्\u200dरियंकाʰआई', '[X]ʰआई'],
    ['प्रियंका शर्मा', 'प्\u200cरियंकाʰआई', '[X]ʰआई'],
    // A spacing mark away from its script (after Latin letters) is glue; the mask takes
    // it in, as it takes the combining marks after a name.
    ['Gʻani Rahimov', 'Gʻani\u0903temoin', '[X]temoin'],
  ])('victim %s: %j (marks with invisible characters)', masksTheName);

  test('pseudonyms and institutional names that hold marks are shown in every reading', () => {
    for (const [name, pseudonym, court] of [
      ['Gʻani Rahimov', 'Gʻani R.', 'Tribunal de Gʻani'],
      ['Maʼruf Karimov', 'Maʼruf K.', 'Tribunal de Maʼruf'],
      ['प्रकाश कुमार', 'प्रकाश के.', 'न्यायालय प्रकाश नगर'],
      ['Kapiʻolani Keawe', 'Kapiʻolani S.', 'Tribunal de Keawe'],
    ] as const) {
      const r = withCase(name, pseudonym, { court });
      for (const text of [`${pseudonym} est venu`, court])
        expect([r.scrub(text), r.mentions(text)]).toEqual([text, []]);
      // The name itself is still masked.
      const first = name.split(' ')[0]!;
      expect(r.scrub(`${first}ʰtemoin`)).toBe('[X]ʰtemoin');
    }
  });

  test('a place name read with its marks does not withdraw a court name from the exemptions', () => {
    // Third review: `Kāneʻohe` read with a MARK holds `kane`, a second part of the
    // victim's name in the institutional names: `Hilo District Court` was masked.
    for (const [name, court, office] of [
      ['Kane Hilo', 'Hilo District Court', 'Kāneʻohe Prosecutor Office'],
      ['Lana Kona', 'Kona District Court', 'Lānaʻi Police Substation'],
    ] as const) {
      const r = withCase(name, 'Victime J', { court, office });
      expect([r.scrub(court), r.mentions(court)]).toEqual([court, []]);
    }
  });

  test('a word that holds the name after a mark, or its syllables, is not the name', () => {
    for (const [name, text] of [
      ['முருகன் செல்வம்', 'திருமுருகன் கோவில்'],
      ['प्रकाश कुमार', 'रविप्रकाश आया, विद्याप्रकाश'],
      // "Published": the name's syllables, then a vowel sign and more letters.
      ['प्रकाश कुमार', 'पुस्तक प्रकाशित हुई'],
      ['Gʻani Rahimov', 'Oʻgʻani'],
      ['Maʼruf Karimov', 'taʼmaʼruf'],
      // Third review: a word that starts with an ʻokina is another word (`ʻaʻala`,
      // "fragrance", is not the name `Aʻala`), as in the plain reading.
      ['Aʻala Puʻuhonua', 'ke ʻaʻala o ka pua'],
      ['Gʻani Rahimov', 'temoin ʻGʻani'],
    ] as const) {
      const r = oneVictim(name, [], 'Victime J');
      expect([r.scrub(text), r.mentions(text)], name).toEqual([text, []]);
    }
  });

  test('a word of the name with its marks is matched whole only, and only where marks stand', () => {
    const r = oneVictim('Gʻani Rahimov', [], 'Victime J');
    for (const text of ['ani ʰ temoin', 'G ʰ temoin', 'Gʻanisherʰtemoin', 'Mᵉ Gʻ anim', 'G ani'])
      expect([r.scrub(text), r.mentions(text)]).toEqual([text, []]);
    // A review of a first fix, which parted each word with white space: under 4 letters
    // once its marks are left out, or written with spaces where the name has marks, an
    // ordinary word is not the name.
    for (const [name, text] of [
      ['ʻOla Kahale', 'Una ola gigante, Ola Nordmann'],
      ['ʻAna Keawe', 'Ana est venue'],
      ['Daʻla Keawe', 'Le da la mano.'],
      ['Tuʻi Keawe', 'tu i'],
    ] as const) {
      const victim = oneVictim(name, [], 'Victime J');
      expect([victim.scrub(text), victim.mentions(text)]).toEqual([text, []]);
    }
  });

  test('a long run of tatweels, with or without marks, is read in linear time', () => {
    const victim = oneVictim('زهرا مرادی', [], 'Victime J');
    const started = performance.now();
    for (const text of ['\u0640'.repeat(64_000), `ب${'\u0640\u064e'.repeat(32_000)}ب`]) {
      expect(victim.scrub(text)).toBe(text);
      expect(victim.mentions(text)).toEqual([]);
    }
    // Quadratic, this took minutes (16,000 tatweels: 7 s a call).
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  test('combining marks stay on their letter; other words are left alone', () => {
    // An accent written apart is part of its letter: "Fictoriá" is not the name.
    expect(victim.scrub('Fictoria\u0301zz')).toBe('Fictoria\u0301zz');
    expect(victim.scrub('Ficto\u3164riazz, mae\u3164stro')).toBe('Ficto\u3164riazz, mae\u3164stro');
    expect(victim.mentions('sans nom\u3164ici')).toEqual([]);
    // Ordinary text gets no other reading: Mᵉ and 2ᵉ (modifier letters) are parted, only.
    expect(victim.scrub('Mᵉ Dupont, 2ᵉ étage, 19-123-000456')).toBe(
      'Mᵉ Dupont, 2ᵉ étage, 19-123-000456',
    );
  });
});

// Review (session 37): the non-joiner folded to nothing, so a Persian surname written
// with one in a note (`حسین‌زاده`, fictional) was one word there and the victim's name
// written with a space (`حسین زاده`) was not found: the name was shown. It is white space
// to the fold now, and text holding one is also matched without it.
describe('the zero-width non-joiner of Persian compound names', () => {
  const ZWNJ = '\u200c';
  const victim = oneVictim;
  test.each([
    // The name written with a space: the note with a non-joiner, or one at a line end.
    // Its two parts, each a name of hers, masked as one word (was `[X]‌[X]`, drawn `[X][X]`).
    ['مریم حسین زاده', `دیدار با حسین${ZWNJ}زاده.`, 'دیدار با [X].'],
    ['مریم حسین زاده', `مریم${ZWNJ}ها`, `[X]${ZWNJ}ها`],
    // The name written with a non-joiner: the note with a space, with one, or glued.
    [`مریم حسین${ZWNJ}زاده`, 'دیدار با حسین زاده.', 'دیدار با [X] [X].'],
    [`مریم حسین${ZWNJ}زاده`, `دیدار با حسین${ZWNJ}زاده.`, 'دیدار با [X].'],
    [`مریم حسین${ZWNJ}زاده`, 'دیدار با حسینزاده.', 'دیدار با [X].'],
    // Slipped inside a Latin name, it still hides nothing.
    ['Zéphyrine Quillabast', `Vu Zéphy${ZWNJ}rine Quil${ZWNJ}labast.`, 'Vu [X].'],
  ])('victim %s: %s', (name, text, expected) => {
    const r = victim(name);
    expect(r.scrub(text)).toBe(expected);
    expect(r.mentions(text).length).toBe(1);
  });

  // Review (session 37): one reading dropped the non-joiners with the line separators, and
  // no reading dropped them alone; an account identifier written with one was protected
  // only as two words.
  test.each([
    ['Zéphyrine Quillabast', `Vu Zéphy${ZWNJ}rine\u2028par lettre.`, 'Vu [X]\u2028par lettre.'],
    ['Zéphyrine Quillabast', `Quilla${ZWNJ}bast\u000bZéphyrine`, '[X]'],
    ['مریم حسینزاده', `دیدار با حسین${ZWNJ}زاده\u2028امروز`, 'دیدار با [X]\u2028امروز'],
  ])('victim %s, a non-joiner beside a line separator: %s', (name, text, expected) => {
    const r = victim(name);
    expect(r.scrub(text)).toBe(expected);
    expect(r.mentions(text).length).toBe(1);
  });

  // Second review (session 37): the separators were only ever dropped with the
  // non-joiners; a diagnostic's one-line reading replaced the separators' reading; a
  // non-joiner before a line-break hyphen turned dehyphenation off.
  test.each([
    [`Fic\u2028toria${ZWNJ}par`, false, `[X]${ZWNJ}par`],
    [`par${ZWNJ}Fic\u000btoria`, false, `par${ZWNJ}[X]`],
    ['Fic\u2028toria\npar', true, '[X]\npar'],
    ['par\tFic\u000btoria', true, 'par\t[X]'],
    [`Fic\ttoria${ZWNJ}par`, true, `[X]${ZWNJ}par`],
    [`vu Fic${ZWNJ}-\ntoria au guichet`, false, 'vu [X] au guichet'],
  ])('victim Jessa Mae Fictoria: %j (one line: %s)', (text, inline, expected) => {
    const r = victim('Jessa Mae Fictoria');
    expect(r.scrub(text, inline)).toBe(expected);
    if (!inline) expect(r.mentions(text).length).toBe(1);
  });

  test('an account identifier written with a non-joiner is also protected without it', () => {
    const r = Redactor.forDossier(
      {
        persons: [{ id: 'V9', role: 'victim', pseudonym: 'Victime P', name: 'Victime fictive' }],
        accounts: [
          { kind: 'email', identifier: `mae${ZWNJ}fic.victime@example.net`, holder: 'V9' },
          { kind: 'handle', identifier: `zephy${ZWNJ}quill77`, holder: 'V9' },
        ],
      },
      { mask: '[X]' },
    );
    expect(r.scrub('Écrit à maefic.victime@example.net.')).toBe('Écrit à [X].');
    expect(r.scrub(`Écrit à mae${ZWNJ}fic.victime@example.net.`)).toBe('Écrit à [X].');
    expect(r.scrub('Compte zephyquill77 (fictif).')).toBe('Compte [X] (fictif).');
  });

  test('an alias written with a non-joiner is matched with it, with a space and without it', () => {
    const r = victim('Victime fictive', [`گل${ZWNJ}بانو`]);
    for (const text of [`گل${ZWNJ}بانو`, 'گل بانو', 'گلبانو'])
      expect(r.scrub(`پیام از ${text}.`), text).toBe('پیام از [X].');
  });
});

describe('property: redacted text never contains a protected string', () => {
  test('disguised names, aliases, e-mails in surrounding text', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NAME_PARTS),
        fc.constantFrom(...NAME_PARTS),
        fc.constantFrom('kiki_2009', 'lune-bleue', 'Petit.Poisson'),
        fc.string({ maxLength: 8 }).map((s) => s.replace(/[\p{L}\p{N}]/gu, '')),
        fc.nat(3),
        (given, surname, alias, glue, which) => {
          const name = `${given} ${surname}`;
          const email = `${alias.toLowerCase().replace(/[^a-z0-9]/g, '')}@example.org`;
          const red = Redactor.forDossier(
            {
              persons: [{ id: 'V', role: 'victim', pseudonym: 'V', name, aliases: [alias] }],
              accounts: [{ kind: 'email', identifier: email, holder: 'V' }],
            },
            { mask: '#' },
          );
          const target = [name, `${surname}, ${given}`, alias, email][which] ?? name;
          fc.assert(
            fc.property(disguise(target), (disguised) => {
              const out = foldText(red.scrub(`Note ${glue}${disguised}${glue} fin`));
              for (const p of [given, surname, alias, email]) {
                for (const piece of foldText(p).split(/[\s-]/)) {
                  if ([...piece].length >= 4) expect(out).not.toContain(piece);
                }
              }
            }),
            { numRuns: 20 },
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  test('names hyphenated at a break (soft hyphen, hyphen and white space), with invisibles', () => {
    const breaks = fc.constantFrom(
      '-\n',
      '-\r\n',
      '\u00ad\n',
      '\u00ad\r\n',
      '\u00ad \n ',
      '- ',
      '-\t',
      '-  \n  ',
      '\u2010\n ',
      '\u2011\u00a0',
      '\u2013\u2028',
    );
    const word = fc.string({ maxLength: 12 }).map((s) => s.replace(/[\p{L}\p{N}]/gu, '') || ' ');
    fc.assert(
      fc.property(
        fc.constantFrom(...NAME_PARTS, 'Fictoria', 'Tolentino'),
        fc.constantFrom(...NAME_PARTS, 'Jessa Mae'),
        fc.array(fc.tuple(fc.nat(), breaks), { minLength: 1, maxLength: 3 }),
        word,
        fc.constantFrom('NFC', 'NFD'),
        (surname, given, cuts, glue, form) => {
          const name = `${given} ${surname}`;
          const red = Redactor.forDossier(
            { persons: [{ id: 'V', role: 'victim', pseudonym: 'V', name }], accounts: [] },
            { mask: '#' },
          );
          // Cut between two letters of the name (never next to a space or a hyphen).
          const chars = [...name];
          const places = chars
            .map((_, i) => i)
            .filter(
              (i) => i > 0 && /\p{L}/u.test(chars[i - 1] ?? '') && /\p{L}/u.test(chars[i] ?? ''),
            );
          const at = cuts.map(([k, cut]) => [places[k % places.length] ?? 1, cut] as const);
          for (const [i, cut] of at.sort((a, b) => b[0] - a[0])) chars.splice(i, 0, cut);
          const INVISIBLE = ['\u200b', '\u2060', '\ufeff', '\u00ad'];
          // The glue (punctuation, dashes, white space) is glued to the name, not to another
          // word: "avec- Zé-⏎phyrine" reads two ways at once (see docs/security.md).
          const text = `Vu avec ${glue}${chars.join('').normalize(form)}${glue} (fictif)`;
          for (const disguised of [
            text,
            text.replace(/\n/g, `\n${INVISIBLE[cuts.length] ?? ''}`),
          ]) {
            const out = red.scrub(disguised);
            expect(red.mentions(disguised)).toEqual([{ victim: 'V', kind: 'name' }]);
            for (const read of [foldText(out), foldText(out, true)]) {
              for (const piece of foldText(name).split(/[\s-]/)) {
                if ([...piece].length >= 4) expect(read).not.toContain(piece);
              }
            }
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  test('names of unspaced, Hebrew and Arabic scripts inside running text', () => {
    const names = [
      '王小明',
      '山田はなこ',
      'สมหญิงใจดี',
      'ສົມໃຈ',
      'សុខា',
      'နီလာ',
      'נועה כהן',
      'فاطمة حسين',
    ];
    const filler = fc.constantFrom(
      '受害人',
      'は',
      'อายุ',
      ' ',
      '、',
      'ו',
      'ל',
      'و',
      'بال',
      ' ... ',
      '123',
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.array(filler, { maxLength: 3 }),
        fc.array(filler, { maxLength: 3 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('\u200b', '\u0640', '\u00ad', '\u200d')), {
          maxLength: 3,
        }),
        (name, before, after, inserts) => {
          const red = Redactor.forDossier(
            { persons: [{ id: 'V', role: 'victim', pseudonym: 'V', name }], accounts: [] },
            { mask: '#' },
          );
          const chars = [...name];
          for (const [at, inv] of inserts) chars.splice(at % (chars.length + 1), 0, inv);
          // Any filler may come before a name of an unspaced script; before a Hebrew or
          // Arabic name, fillers are separated by spaces, and one-letter prefixes of the
          // name's script may be glued to it.
          const hebrew = /[\u0590-\u05ff]/u.test(name);
          const arabic = /[\u0600-\u06ff]/u.test(name);
          const clitics = hebrew ? ['ו', 'ל', 'ושל', ''] : ['و', 'وال', 'بال', 'ف', ''];
          const joined =
            hebrew || arabic
              ? `${before.join(' ')} ${clitics[before.length] ?? ''}`
              : before.join('');
          const text = `${joined}${chars.join('')}${after.join('')}`;
          const out = red.scrub(text);
          expect(foldText(out)).not.toContain(foldText(name));
          expect(red.mentions(text)).toEqual([{ victim: 'V', kind: 'name' }]);
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('disguised phone numbers and IBANs', () => {
    const seps = fc.constantFrom('', ' ', '.', '-', '\u00a0', '\u2011', '\u200b');
    fc.assert(
      fc.property(
        fc.array(seps, { minLength: 27, maxLength: 27 }),
        fc.boolean(),
        (between, national) => {
          const digits = national ? '0612345678' : '+33612345678';
          const phone = [...digits].map((d, i) => d + (between[i] ?? '')).join('');
          const iban = [...'FR7630006000011234567890189']
            .map((d, i) => d + (between[i] ?? ''))
            .join('');
          const out = r
            .scrub(`tél ${phone} ; ${iban.toLowerCase()} fin`)
            .replace(/[^\p{L}\p{N}]/gu, '');
          expect(out).not.toContain('612345678');
          expect(out.toLowerCase()).not.toContain('30006000011234567890189');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('property: the automaton finds what a naive search finds', () => {
  /**
   * Every whole-word occurrence of every term, in the text as written and in the text
   * with hyphens followed by spaces between two letters removed with the spaces ("b- a"
   * read "ba"), spans merged when they overlap or touch.
   */
  function naive(text: string, terms: readonly string[], mask: string): string {
    // A word is a run of letters or a run of digits.
    const kind = (c: string | undefined) =>
      c === undefined ? 0 : /[a-z]/.test(c) ? 1 : /[0-9]/.test(c) ? 2 : 0;
    const glued = (a: string | undefined, b: string | undefined) =>
      kind(a) !== 0 && kind(a) === kind(b);
    let joined = '';
    const origin: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const hyphen = /^-( +)[a-z]/.exec(text.slice(i));
      if (hyphen && kind(text[i - 1]) === 1) {
        i += hyphen[1]?.length ?? 0;
        continue;
      }
      joined += text[i] ?? '';
      origin.push(i);
    }
    const spans: [number, number][] = [];
    for (const [read, at0] of [
      [text, (k: number) => k],
      [joined, (k: number) => origin[k] ?? 0],
    ] as const) {
      for (const t of terms) {
        for (let at = read.indexOf(t); at >= 0; at = read.indexOf(t, at + 1)) {
          const end = at + t.length;
          if (glued(t[0], read[at - 1])) continue;
          if (glued(t[t.length - 1], read[end])) continue;
          spans.push([at0(at), at0(end - 1) + 1]);
        }
      }
    }
    spans.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
    const merged: [number, number][] = [];
    for (const [s, e] of spans) {
      const top = merged[merged.length - 1];
      if (top && s <= top[1]) top[1] = Math.max(top[1], e);
      else merged.push([s, e]);
    }
    let out = '';
    let last = 0;
    for (const [s, e] of merged) {
      out += text.slice(last, s) + mask;
      last = e;
    }
    return out + text.slice(last);
  }

  test('random terms over a small alphabet', () => {
    const piece = fc.constantFrom('a', 'b', '1', ' ', '-', ',');
    const termArb = fc
      .array(piece, { minLength: 2, maxLength: 5 })
      .map((p) => p.join('').trim())
      .filter((t) => t.length >= 2 && !t.includes('  '));
    fc.assert(
      fc.property(
        fc.uniqueArray(termArb, { minLength: 1, maxLength: 6 }),
        fc.array(piece, { maxLength: 40 }).map((p) => p.join('').replace(/ {2,}/g, ' ')),
        (terms, text) => {
          const red = new Redactor(
            terms.map((t) => ({ text: t, kind: 'alias', victim: 'V', compact: false })),
            '#',
          );
          expect(red.scrub(text)).toBe(naive(text, terms, '#'));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('foldText', () => {
  test('its ASCII shortcut folds as the general path does', () => {
    const chars = [
      ...'aZé Ü09,.-/()€→—–’…«»ßſǅ\u00a0\u202f\u2009\t\u00ad\u200b',
      'e\u0301',
      '\u{1F600}',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 30 }), (picked) => {
        const text = picked.join('');
        const ascii = text.replace(/[^\x20-\x7e]/g, '');
        expect(foldText(ascii)).toBe(foldWithOrigin(ascii, false).folded);
        expect(foldText(text)).toBe(foldWithOrigin(text).folded);
      }),
      { numRuns: 2000 },
    );
  });

  test('its run-by-run path (mostly ASCII text) folds as the general path does', () => {
    // Runs of printable ASCII with spaces, between characters that fold to "", " ", "-",
    // several letters ("ß" -> "ss", "ǅ"), a space plus nothing ("¨" -> " "), or surrogates.
    const chars = [
      ...'ab Z  1.-',
      ...'éÜß¨´¸ǅ\u00a0\u202f\u2009\t\n\r\u00ad\u200b\ufeff\u2011\u2212\u0301ｆ',
      'Quillabast',
      '  ',
      '\u{1F600}',
      '\ud800',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 40 }), (picked) => {
        const text = picked.join('');
        expect(foldText(text)).toBe(foldWithOrigin(text, false).folded);
      }),
      { numRuns: 5000 },
    );
  });
});

describe("the case's institutional names (court, office, unit, time zone)", () => {
  // A victim named like the court's city (fictional): her first name alone is masked in
  // free text, but not where it names the court or the zone, which identify no one.
  const nancy = Redactor.forDossier(
    {
      persons: [{ id: 'V1', role: 'victim', pseudonym: 'Victime A', name: 'Nancy Fictivelle' }],
      accounts: [],
      case: {
        court: 'Tribunal judiciaire de Nancy',
        office: 'Parquet de Nancy',
        timezone: 'Europe/Paris',
      },
    },
    { mask: '[X]' },
  );

  test.each([
    ['Tribunal judiciaire de Nancy — Affaire n° 1', 'Tribunal judiciaire de Nancy — Affaire n° 1'],
    ['TRIBUNAL JUDICIAIRE DE NANCY', 'TRIBUNAL JUDICIAIRE DE NANCY'],
    ['Parquet de Nancy, section des mineurs', 'Parquet de Nancy, section des mineurs'],
    // Anywhere else, the name part is masked as before.
    ['Nancy a été entendue', '[X] a été entendue'],
    [
      'Tribunal judiciaire de Nancy ; Nancy a été entendue',
      'Tribunal judiciaire de Nancy ; [X] a été entendue',
    ],
    // Part of the phrase only: not the court's name.
    ['judiciaire de Nancy', 'judiciaire de [X]'],
    ['Tribunal de Nancy', 'Tribunal de [X]'],
    // The whole name is always masked, even where it runs on from the court's name.
    ['Tribunal judiciaire de Nancy Fictivelle', 'Tribunal judiciaire de [X]'],
  ])('%j → %j', (text, expected) => {
    expect(nancy.scrub(text)).toBe(expected);
  });

  test.each([
    // The whole name inside an institutional name, however written: masked, and mentioned.
    [
      { court: 'Tribunal judiciaire de Nancy-Fictivelle' },
      'Tribunal judiciaire de Nancy-Fictivelle',
    ],
    [{ court: 'Tribunal judiciaire (Fictivelle,Nancy)' }, 'Tribunal judiciaire (Fictivelle,Nancy)'],
    // A one-word field is no institutional name: "Fictivelle" stays masked everywhere.
    [{ court: 'Tribunal judiciaire de Nancy', unit: 'Fictivelle' }, 'Contact : Mme Fictivelle'],
    [{ court: 'Tribunal judiciaire de Nancy', unit: 'Fictivelle' }, 'Fictivelle'],
    // Two fields that would show two parts of her name: neither does.
    [{ court: 'TJ de Nancy', unit: 'Brigade Fictivelle' }, 'TJ de Nancy'],
    [{ court: 'TJ de Nancy', unit: 'Brigade Fictivelle' }, 'Brigade Fictivelle'],
  ])('case %j: %j is masked', (caseBlock, text) => {
    const strict = Redactor.forDossier(
      {
        persons: [{ id: 'V1', role: 'victim', pseudonym: 'Victime A', name: 'Nancy Fictivelle' }],
        accounts: [],
        case: caseBlock,
      },
      { mask: '[X]' },
    );
    expect(strict.scrub(text)).toContain('[X]');
    expect(strict.mentions(text)).not.toEqual([]);
  });

  test('mentions(): the court does not mention the victim; her name elsewhere does', () => {
    expect(nancy.mentions('Tribunal judiciaire de Nancy')).toEqual([]);
    expect(nancy.mentions('vue à Nancy')).toEqual([{ victim: 'Victime A', kind: 'name' }]);
  });
});
