/**
 * Typography of the texts a template writes (labels, headings, paragraphs, header and
 * footer), applied before the placeholders are filled so that data (names, identifiers,
 * free text from the dossier) is never altered.
 *
 * French (the rules of the Lexique des règles typographiques, as the issue asks):
 * - one apostrophe, the typographic one U+2019: `l'affaire` → `l’affaire`;
 * - a narrow no-break space U+202F before `; : ! ?` (in place of the ordinary or no-break
 *   space written there) and inside « »: `ATTENTION : ce` → `ATTENTION\u202f: ce`;
 *   a colon with no space before it (`14:22`, `https://`) is left alone;
 * - a no-break space U+00A0 after `n°` and between a number (or a placeholder) and its
 *   unit: `n° {{n}}`, `{{age}} ans`, `{{size}} octets`, `12 h`.
 * Both languages: a no-break space between a number (or a placeholder) and its unit, and
 * after the `{{labels.case_no}}` placeholder (`n°`, `no.`) before what follows it.
 */
import type { Language } from '../model/dossier.js';
import { NBSP, NNBSP } from './number.js';

/** Units kept on the line of their number. */
const UNITS: Readonly<Record<Language, readonly string[]>> = {
  fr: [
    'ans',
    'an',
    'mois',
    'jours',
    'jour',
    'j',
    'h',
    'min',
    's',
    'octets',
    'octet',
    'Kio',
    'Mio',
    '%',
    '€',
  ],
  en: [
    'years',
    'year',
    'months',
    'month',
    'days',
    'day',
    'd',
    'h',
    'min',
    's',
    'bytes',
    'byte',
    'KiB',
    'MiB',
    '%',
  ],
};

const unitPattern = (lang: Language) =>
  new RegExp(`(\\d|\\}\\}) (${UNITS[lang].join('|')})(?![\\p{L}\\d])`, 'gu');
const UNIT_AFTER = { fr: unitPattern('fr'), en: unitPattern('en') } as const;

/** A space after the `case_no` label's placeholder (`n°`, `no.`): a no-break one. */
const CASE_NO_SPACE = /(\{\{\s*labels\.case_no\s*\}\}) +(?=\S)/g;

/** `text` with the typography of `lang` (see the module comment). */
export function typeset(text: string, lang: Language): string {
  let out = text
    .replace(UNIT_AFTER[lang], `$1${NBSP}$2`)
    // `{{labels.case_no}} {{case.reference}}`: the number sign stays with the number
    // (`Affaire n°` / `2021-PARQUET-…` on two lines of a header was a visual audit's find).
    .replace(CASE_NO_SPACE, `$1${NBSP}`);
  if (lang !== 'fr') return out;
  // A run of spaces is matched from its first one only (the lookbehinds): from each of
  // them, the patterns read it to its end again (a template's 100,000 spaces took 9.5 s),
  // and where they match, they do from the first.
  out = out
    .replace(/'/g, '’')
    .replace(/(?<![ \u00a0\u202f])[ \u00a0\u202f]+([;:!?])/g, `${NNBSP}$1`)
    .replace(/\u00ab[ \u00a0\u202f]*/g, `«${NNBSP}`)
    .replace(/(?<![ \u00a0\u202f])[ \u00a0\u202f]*\u00bb/g, `${NNBSP}»`)
    .replace(/\b([nN])\u00b0 +/g, `$1°${NBSP}`);
  return out;
}

/** Every value of a label table typeset for `lang`. */
export function typesetAll(
  labels: Readonly<Record<string, string>>,
  lang: Language,
): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, typeset(v, lang)]));
}
