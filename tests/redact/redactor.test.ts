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
    // A word hyphenated at a line break (pasted from a printed page) reads as one word.
    ['vu avec Zéphy-\nrine et Quilla-\r\n  bast.', 'vu avec [X] et [X].'],
    // A hyphenated compound broken at its hyphen: each word is masked on its own.
    ['Ana Liza Peña-\nOrvel; Peña-\u2028Orvel', 'Ana [X] [X]-\n[X]; [X]-\u2028[X]'],
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
  /** Every whole-word occurrence of every term, spans merged when they overlap or touch. */
  function naive(text: string, terms: readonly string[], mask: string): string {
    // A word is a run of letters or a run of digits.
    const kind = (c: string | undefined) =>
      c === undefined ? 0 : /[a-z]/.test(c) ? 1 : /[0-9]/.test(c) ? 2 : 0;
    const glued = (a: string | undefined, b: string | undefined) =>
      kind(a) !== 0 && kind(a) === kind(b);
    const spans: [number, number][] = [];
    for (const t of terms) {
      for (let at = text.indexOf(t); at >= 0; at = text.indexOf(t, at + 1)) {
        const end = at + t.length;
        if (glued(t[0], text[at - 1])) continue;
        if (glued(t[t.length - 1], text[end])) continue;
        spans.push([at, end]);
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
