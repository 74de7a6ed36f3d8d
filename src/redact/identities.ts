/**
 * What identifies a victim, as protected terms in folded form (see fold.ts): names and
 * their parts, aliases, birth dates in the forms documents and people write them, and the
 * identifiers of accounts the victim holds. Built from the normalized model or, for the
 * diagnostics of a dossier with errors, from the parsed YAML as written (every field is
 * read defensively: anything that is not a string is ignored).
 */
import { MARK, MARKED, MARK_UNIT, NOT_WORD, foldText, partedForms, unitClass } from './fold.js';

/** The kind of identity a term protects (said in the `victim-identity` warning). */
export type IdentityKind = 'name' | 'alias' | 'birth date' | 'account identifier';

/** One protected term. `compact` terms are matched on letters and digits only. */
export interface IdentityTerm {
  readonly text: string;
  readonly kind: IdentityKind;
  /** The victim it belongs to, as documents show them: pseudonym, or id. */
  readonly victim: string;
  readonly compact: boolean;
}

/** The fields read from a person; the model's Person and a parsed YAML mapping both fit. */
export interface PersonLike {
  readonly id?: unknown;
  readonly role?: unknown;
  readonly name?: unknown;
  readonly pseudonym?: unknown;
  readonly born?: unknown;
  readonly aliases?: unknown;
}

export interface AccountLike {
  readonly kind?: unknown;
  readonly identifier?: unknown;
  readonly holder?: unknown;
}

/** The case's institutional fields (the model's CaseInfo and a parsed YAML mapping both fit). */
export interface CaseLike {
  readonly court?: unknown;
  readonly office?: unknown;
  readonly unit?: unknown;
  readonly timezone?: unknown;
}

/** Persons and accounts of a dossier (model or parsed YAML), and its case block. */
export interface IdentitySource {
  readonly persons: Iterable<PersonLike>;
  readonly accounts: Iterable<AccountLike>;
  readonly case?: CaseLike | undefined;
}

/**
 * The case's institutional names, folded: court, prosecutor's office, unit, time zone.
 * Public, the same for every case of that court, they identify no one: a victim's
 * one-word name, or one part of a name, met inside one of them is not masked there
 * (a victim called Nancy, and the Tribunal judiciaire de Nancy). Whole names are.
 */
export function publicPhrases(source: IdentitySource): string[] {
  const c = source.case;
  if (!c) return [];
  const out: string[] = [];
  for (const v of [c.court, c.office, c.unit, c.timezone]) addFolded(out, v);
  return out;
}

/**
 * The victims' pseudonyms, folded (see Redactor.inPseudonym), also as the readings that
 * part words read them (`Kapiʻolani S.` as `kapi olani s.`).
 */
export function pseudonymPhrases(source: IdentitySource): string[] {
  const out: string[] = [];
  for (const p of source.persons) {
    const pseudonym = p.role === 'victim' ? str(p.pseudonym) : undefined;
    if (pseudonym === undefined) continue;
    for (const form of [pseudonym, ...partedForms(pseudonym)]) addFolded(out, form);
  }
  return out;
}

/**
 * Add `v`, when it is a string, folded and trimmed, unless empty or already there; and
 * as the MARKED reading folds it, when that holds a MARK (a pseudonym `Gʻani R.` is
 * shown in that reading too).
 */
function addFolded(out: string[], v: unknown): void {
  const text = str(v);
  if (text === undefined) return;
  for (const folded of [foldText(text).trim(), foldText(text, false, MARKED).trim()])
    if (folded.length > 0 && !out.includes(folded)) out.push(folded);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const EN_MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
]; // prettier-ignore
const FR_MONTHS = [
  'janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre',
]; // prettier-ignore

/** Spanish months, and the Tagalog ones (from Spanish) where they differ (folded). */
const ES_MONTHS = [
  'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio',
  'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre',
]; // prettier-ignore
const TL_MONTHS = [
  'enero', 'pebrero', 'marso', 'abril', 'mayo', 'hunyo',
  'hulyo', 'agosto', 'setyembre', 'oktubre', 'nobyembre', 'disyembre',
]; // prettier-ignore
/** German months (folded: `marz`). */
const DE_MONTHS = [
  'januar', 'februar', 'marz', 'april', 'mai', 'juni',
  'juli', 'august', 'september', 'oktober', 'november', 'dezember',
]; // prettier-ignore
const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii'];

/** French abbreviations (folded: no accents), written with or without their full stop. */
const FR_ABBREVIATIONS = [
  'janv', 'fevr', 'mars', 'avr', 'mai', 'juin', 'juil', 'aout', 'sept', 'oct', 'nov', 'dec',
]; // prettier-ignore

function ordinal(day: number): string {
  if (day % 10 === 1 && day !== 11) return 'st';
  if (day % 10 === 2 && day !== 12) return 'nd';
  if (day % 10 === 3 && day !== 13) return 'rd';
  return 'th';
}

/**
 * A full birth date as documents and people write it (a fixed number of forms, each
 * matched case-insensitively as a whole word):
 * - numeric: ISO `2009-04-12`, `2009/04/12`, `2009.04.12`, unpadded `2009-4-12`; day
 *   first `12/04/2009`, `12.04.2009`, `12-04-2009`, unpadded `12/4/2009`, with a
 *   two-digit year `12/04/09`, `12.4.09`; month first `04/12/2009`, `4/12/2009`;
 *   compact `20090412`, `12042009`;
 * - fr: `12 avril 2009`, `1er avril 2009`, `12 avr. 2009`, `12 avr 2009`, `12-avr-2009`;
 * - en: `12 April 2009`, `12 Apr 2009`, `12 Apr. 2009`, `12-Apr-2009`, `April 12, 2009`,
 *   `Apr. 12, 2009`, ordinals `12th April 2009`, `12th of April 2009`, `April 12th, 2009`,
 *   `12 April, 2009`, `Apr-12-2009`; as on passports and travel documents `12APR2009`,
 *   `12APR09`, `12 APR 09`;
 * - es and tl (the months Filipino documents use): `12 abril 2009`, `12 de abril de 2009`,
 *   `abril 12, 2009`, `12-abr-2009`; de: `12. April 2009`, `12. Apr. 2009`;
 * - a two-digit year after a month name: `12 avril 09`, `12 April 09`;
 * - other numeric layouts: `2009.4.12`, month first with points `4.12.2009`, spaced
 *   `12 / 04 / 2009`, `12_04_2009`, spaced `12 04 2009`, `2009 04 12`, a Roman month
 *   `12.IV.2009`, `2009年4月12日`, and six digits day first or year first `120409`,
 *   `090412`;
 * - a month name glued to its numbers: `12avril2009`, `12avr2009`, `12april2009`,
 *   `12abril2009` (with the passports' `12APR2009` above).
 * Dates spelt in words ("the twelfth of April") or in another order ("avril 2009, le
 * 12") are not: docs/security.md says so.
 * A birth year alone is not a term: it would mask every date, amount and reference
 * that contains the year.
 */
export function birthDateForms(born: string): string[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(born.trim());
  if (!m) return /^\d{4}$/.test(born.trim()) ? [] : [born];
  const [, y, mm, dd] = m as unknown as [string, string, string, string];
  const d = String(Number(dd));
  const mo = String(Number(mm));
  const yy = y.slice(2);
  const forms = [`${y}-${mm}-${dd}`, `${y}/${mm}/${dd}`, `${y}.${mm}.${dd}`];
  forms.push(`${y}-${mo}-${d}`, `${y}/${mo}/${d}`, `${y}${mm}${dd}`, `${dd}${mm}${y}`);
  for (const sep of ['/', '.', '-']) {
    forms.push(`${dd}${sep}${mm}${sep}${y}`, `${d}${sep}${mo}${sep}${y}`);
    forms.push(`${dd}${sep}${mm}${sep}${yy}`, `${d}${sep}${mo}${sep}${yy}`);
  }
  forms.push(`${mm}/${dd}/${y}`, `${mo}/${d}/${y}`);
  forms.push(`${y}.${mo}.${d}`, `${mm}.${dd}.${y}`, `${mo}.${d}.${y}`);
  forms.push(`${dd} / ${mm} / ${y}`, `${d} / ${mo} / ${y}`, `${dd}_${mm}_${y}`);
  forms.push(`${dd} ${mm} ${y}`, `${d} ${mo} ${y}`, `${y} ${mm} ${dd}`, `${y} ${mo} ${d}`);
  forms.push(`${dd}${mm}${yy}`, `${yy}${mm}${dd}`);
  forms.push(`${y}年${mo}月${d}日`, `${y}年${mm}月${dd}日`);
  const roman = ROMAN[Number(mm) - 1];
  if (roman) for (const sep of ['.', ' ', '-', '/']) forms.push(`${d}${sep}${roman}${sep}${y}`);
  const days = new Set([d, dd]);
  const en = EN_MONTHS[Number(mm) - 1];
  if (en) {
    const th = `${d}${ordinal(Number(d))}`;
    const abbr = en.slice(0, 3);
    for (const name of new Set([en, abbr, `${abbr}.`])) {
      for (const day of days) forms.push(`${day} ${name} ${y}`, `${day}-${name}-${y}`);
      forms.push(`${name} ${d}, ${y}`, `${name} ${d} ${y}`);
      forms.push(`${th} ${name} ${y}`, `${th} of ${name} ${y}`);
      forms.push(`${name} ${th}, ${y}`, `${name} ${th} ${y}`);
      for (const day of days) forms.push(`${day} ${name}, ${y}`, `${day} ${name} ${yy}`);
      forms.push(`${name}-${d}-${y}`, `${name}-${dd}-${y}`);
    }
    for (const day of days)
      forms.push(`${day}${abbr}${y}`, `${day}${abbr}${yy}`, `${day}${en}${y}`);
  }
  const months = new Set([ES_MONTHS, TL_MONTHS].map((list) => list[Number(mm) - 1] ?? ''));
  for (const name of months) {
    if (name === '') continue;
    const abbr = name.slice(0, 3);
    for (const n of new Set([name, abbr, `${abbr}.`]))
      for (const day of days) forms.push(`${day} ${n} ${y}`, `${day}-${n}-${y}`);
    for (const day of days) forms.push(`${day} de ${name} de ${y}`, `${day} de ${name} ${y}`);
    for (const day of days) forms.push(`${day}${name}${y}`, `${day}${abbr}${y}`);
    forms.push(`${name} ${d}, ${y}`, `${name} ${d} ${y}`);
  }
  const de = DE_MONTHS[Number(mm) - 1];
  if (de) {
    for (const n of new Set([de, de.slice(0, 3), `${de.slice(0, 3)}.`]))
      for (const day of days) forms.push(`${day}. ${n} ${y}`);
  }
  const fr = FR_MONTHS[Number(mm) - 1];
  const frAbbr = FR_ABBREVIATIONS[Number(mm) - 1];
  if (fr && frAbbr) {
    for (const name of new Set([fr, frAbbr, `${frAbbr}.`])) {
      for (const day of days)
        forms.push(`${day} ${name} ${y}`, `${day}-${name}-${y}`, `${day} ${name} ${yy}`);
      if (!name.endsWith('.')) for (const day of days) forms.push(`${day}${name}${y}`);
      if (d === '1') forms.push(`1er ${name} ${y}`);
    }
  }
  return [...new Set(forms)];
}

/** Names of more words than this are not rotated (their parts are still protected). */
const MAX_ROTATED_WORDS = 8;
/** Letters-and-digits forms of longer identifiers are not made (the whole identifier still is). */
const MAX_COMPACT = 128;

/** White space, hyphen, apostrophes (', U+2019, modifier U+02BC), dot, comma. */
const PART_SEPARATORS = /[\s\-'\u2019\u02bc.,]+/u;

/** How a file name, a handle or a user name joins two words: `jessa-mae`, `jessa_mae`. */
const NAME_JOINERS = [' ', '-', '_', '.'] as const;
/** A name's words glued (`JessaMaeFictoria`) are a form from this many letters. */
const MIN_GLUED_LETTERS = 10;
/** Runs of words longer than this are not made: overlapping shorter runs cover them. */
const MAX_RUN_WORDS = 3;
/** Runs are made of names up to this length (a person's name is far shorter; a hostile one is not). */
const MAX_RUN_NAME = 128;

const letterCount = (text: string): number => text.replace(/[^\p{L}\p{N}]/gu, '').length;

/**
 * A name, its rotations ("Surname, Given" and "Surname Given"), its parts of 4 letters or
 * more, and its hyphenated compounds without their hyphens. Then runs of 2 or 3 of its
 * words, in their order:
 * - written apart or joined by NAME_JOINERS, when the run holds a part under 4 letters
 *   and one of 4 or more ("Jessa Mae", "mae-fictoria"): the short part, not masked alone
 *   ("Mae"), is masked beside the part it goes with; a run of short parts only ("de la")
 *   is not a form: it would mask common words;
 * - glued, and the whole name glued (`JessaMaeFictoria`, as handles and file names write
 *   them), from MIN_GLUED_LETTERS letters: a shorter glued pair is too often a word of
 *   its own ("Ana Liza" glued is Spanish for "analyses", "Rose Mary" is "rosemary").
 */
export function nameForms(name: string): string[] {
  const folded = foldText(name).trim();
  const words = folded.split(' ').filter((w) => w !== '');
  const forms = [folded, folded.replace(/-/g, ' ')];
  // Rotations of a name of reasonable length only: their total size grows as the square
  // of the number of words, and a hostile dossier may write a name of a million words.
  for (let k = 1; k < words.length && words.length <= MAX_ROTATED_WORDS; k++) {
    const rest = words.slice(0, k).join(' ');
    const head = words.slice(k).join(' ');
    forms.push(`${head} ${rest}`, `${head}, ${rest}`, `${head},${rest}`);
  }
  for (const part of folded.split(PART_SEPARATORS)) {
    if ([...part].filter((c) => /[\p{L}\p{N}]/u.test(c)).length >= 4) forms.push(part);
  }
  const parts = folded.split(/[\s,-]+/u).filter((w) => w !== '');
  if (parts.length <= MAX_ROTATED_WORDS && folded.length <= MAX_RUN_NAME) {
    const long = parts.map((part) => letterCount(part) >= 4);
    const glue = (run: readonly string[]): void => {
      const glued = run.join('').replace(/[^\p{L}\p{N}]/gu, '');
      if (glued.length >= MIN_GLUED_LETTERS) forms.push(glued);
    };
    for (let from = 0; from < parts.length - 1; from++) {
      for (let to = from + 2; to <= Math.min(parts.length, from + MAX_RUN_WORDS); to++) {
        const run = parts.slice(from, to);
        const kinds = long.slice(from, to);
        if (!kinds.includes(true)) continue;
        if (kinds.includes(false)) for (const joiner of NAME_JOINERS) forms.push(run.join(joiner));
        glue(run);
      }
    }
    if (parts.length > MAX_RUN_WORDS) glue(parts);
  }
  // A hyphenated compound also without its hyphen ("levyndiaye"): the joining pass reads
  // "Lé-⏎vy-⏎Ndiaye" so, not knowing which break is a compound's.
  if (folded.includes('-')) {
    forms.push(folded.replace(/-/g, ''));
    for (const word of words) if (word.includes('-')) forms.push(word.replace(/-/g, ''));
  }
  return forms;
}

/** The digits of a phone number and its national forms (`+33612345678` → `0612345678`...). */
function phoneForms(identifier: string): string[] {
  const digits = identifier.replace(/\D/g, '');
  if (digits.length < 8 || digits.length > MAX_COMPACT) return [];
  const forms = [digits];
  for (let cc = 1; cc <= 3; cc++) forms.push(`0${digits.slice(cc)}`);
  return forms;
}

/** The account identifier, its e-mail local part or handle, and its letters and digits. */
function identifierForms(kind: string | undefined, identifier: string): IdentityTermDraft[] {
  const folded = foldText(identifier).trim();
  const out: IdentityTermDraft[] = [{ text: folded, compact: false }];
  const at = folded.indexOf('@');
  if (at > 0) out.push({ text: folded.slice(0, at), compact: false, min: 4 });
  if (at === 0) out.push({ text: folded.slice(1), compact: false, min: 4 });
  const compact = folded.replace(/[^\p{L}\p{N}]/gu, '');
  const digits = compact.replace(/\D/g, '').length;
  if (compact.length >= 8 && compact.length <= MAX_COMPACT && digits >= 4) {
    out.push({ text: compact, compact: true });
  }
  if (kind === 'phone' || /^\+?[\d\s().-]{8,}$/.test(identifier.trim())) {
    for (const p of phoneForms(identifier)) out.push({ text: p, compact: true });
  }
  return out;
}

/**
 * An alias as a whole, and an alias of several words (written apart, or joined by `-`,
 * `_` or `.` as handles are: `Zephy Quill`, `zephy_quill`) also with its words joined
 * each other way (`zephy quill`, `zephy-quill`, `zephy_quill`, `zephy.quill`) and glued
 * from MIN_GLUED_LETTERS letters (`ZephyQuill`): forms of the whole alias only, never its
 * words alone (an alias may be made of common words, "Petite Etoile"). The alias as
 * written first.
 */
export function aliasForms(alias: string): string[] {
  const folded = foldText(alias).trim();
  const forms = [folded];
  const words = folded.split(ALIAS_JOINERS).filter((w) => w !== '');
  if (words.length < 2 || words.length > MAX_ROTATED_WORDS || folded.length > MAX_RUN_NAME)
    return forms;
  for (const joiner of NAME_JOINERS) {
    const joined = words.join(joiner);
    if (joined !== folded) forms.push(joined);
  }
  const glued = words.join('').replace(/[^\p{L}\p{N}]/gu, '');
  if (glued.length >= MIN_GLUED_LETTERS) forms.push(glued);
  return forms;
}

/** What separates an alias's words: white space and the joiners of handles (NAME_JOINERS). */
const ALIAS_JOINERS = /[\s_.-]+/u;

/**
 * Characters of the other forms of aliases (aliasForms) a dossier gets in all: past it,
 * an alias is matched only as written. A real dossier lists a handful of aliases (ten
 * aliases of 30 characters make ~1,500), a large case a few thousand; a hostile one
 * listing hundreds of thousands of long ones would have five terms of each, and the
 * redactor's automaton costs up to 19 bytes a character of its terms kept, 31 while it
 * is built (automaton.ts): 4 Mi characters of other forms are at most ~80 MB kept,
 * ~130 MB while building.
 */
const MAX_ALIAS_FORM_CHARS = 1 << 22;

interface IdentityTermDraft {
  readonly text: string;
  readonly compact: boolean;
  readonly min?: number;
  /** `text` is folded already (foldText would drop a MARK). */
  readonly folded?: boolean;
}

/**
 * The words of a name that hold a character of the kinds that part words (fold.ts,
 * PARTS), as the MARKED reading folds them: `Gʻani` is `g` MARK `ani`, `Maʼruf` `ma`
 * MARK `ruf` (`प्रियंका` has none: spacing vowel signs are dropped there, and its plain
 * form is found beside a MARK); those of 4 letters or more, with a MARK inside (`ʻOla`
 * gives none). A text read that way finds the word whatever the glue beside it
 * (`Gʻaniʻtemoin`: `g` MARK `ani` MARK `temoin`), where the readings that part words at
 * such characters parted the name too, and the plain reading kept the glue (a residual
 * left in session 42; a review found the split at written separators missed
 * `Gʻani‐Rahimov` and `Maʼruf`, and parting each word with white space masked `ola` and
 * `da la` in ordinary text).
 */
function markedWords(name: string): string[] {
  const folded = foldText(name, false, MARKED);
  if (!folded.includes(MARK)) return [];
  const words = new Set<string>();
  let start = 0;
  for (let i = 0; i <= folded.length; i++) {
    // A word of this reading: letters, digits (as the scanner tells them) and MARKs.
    const unit = folded.charCodeAt(i);
    if (i < folded.length && (unit === MARK_UNIT || unitClass(unit) !== NOT_WORD)) continue;
    let from = start;
    let to = i;
    while (from < to && folded.charCodeAt(from) === MARK_UNIT) from++;
    while (to > from && folded.charCodeAt(to - 1) === MARK_UNIT) to--;
    const word = folded.slice(from, to);
    if (word.includes(MARK) && letterCount(word) >= 4) words.add(word);
    start = i + 1;
  }
  return [...words];
}

/**
 * `text` as written and as a reader may see it:
 * - without its zero-width non-joiners when it has any: a name, an alias or an account
 *   identifier written with one (two words to the fold) is also written without it (a
 *   review found `mae\u200cfic.victime@example.net` unmasked as
 *   `maefic.victime@example.net`);
 * - with the characters the fold reads as nothing or as a letter, but that part words in
 *   a reading (fold.ts, GAPS_PART, MARKS_PART, UNSEEN_PART), read as white space: `Kaʻiulani`
 *   glued to the next word by a Hangul filler is parted at both in that reading, and
 *   must be found parted (a review, session 42).
 */
function writtenForms(text: string): string[] {
  const forms = text.includes('\u200c') ? [text, text.replaceAll('\u200c', '')] : [text];
  for (const parted of partedForms(text)) if (!forms.includes(parted)) forms.push(parted);
  return forms;
}

/** Every protected term of the source's victims, duplicates removed (the first kept). */
export function identityTerms(source: IdentitySource): IdentityTerm[] {
  const terms = new Map<string, IdentityTerm>();
  const add = (victim: string, kind: IdentityKind, draft: IdentityTermDraft) => {
    const text = draft.compact || draft.folded ? draft.text : foldText(draft.text).trim();
    const letters = [...text].length;
    if (letters < Math.max(2, draft.min ?? 0)) return;
    const key = `${draft.compact ? 'c' : 'w'}${text}`;
    if (!terms.has(key)) terms.set(key, { text, kind, victim, compact: draft.compact });
  };
  const victims = new Map<string, string>();
  let aliasFormChars = 0;
  for (const p of source.persons) {
    if (p.role !== 'victim') continue;
    const id = str(p.id);
    const label = str(p.pseudonym) ?? id ?? '?';
    if (id !== undefined) victims.set(id, label);
    const name = str(p.name);
    // A name written with a zero-width non-joiner (`حسین‌زاده`, two words to the fold) is
    // also written without it (`حسینزاده`): its forms without it too, the glued word
    // under MIN_GLUED_LETTERS included.
    for (const n of name ? writtenForms(name) : [])
      for (const f of nameForms(n)) add(label, 'name', { text: f, compact: false });
    for (const word of name ? markedWords(name) : [])
      add(label, 'name', { text: word, compact: false, folded: true });
    const aliases = Array.isArray(p.aliases) ? (p.aliases as unknown[]) : [];
    for (const written of aliases.map(str)) {
      if (!written) continue;
      for (const alias of writtenForms(written)) {
        const [asWritten, ...others] = aliasForms(alias);
        add(label, 'alias', { text: asWritten!, compact: false });
        for (const f of others) {
          if ((aliasFormChars += f.length) > MAX_ALIAS_FORM_CHARS) break;
          add(label, 'alias', { text: f, compact: false });
        }
      }
    }
    const born = str(p.born);
    if (born) {
      for (const f of birthDateForms(born))
        add(label, 'birth date', { text: f, compact: false, min: 6 });
    }
  }
  for (const a of source.accounts) {
    const holder = str(a.holder);
    const identifier = str(a.identifier);
    const label = holder === undefined ? undefined : victims.get(holder);
    if (label === undefined || !identifier) continue;
    for (const written of writtenForms(identifier))
      for (const draft of identifierForms(str(a.kind), written))
        add(label, 'account identifier', { ...draft, min: Math.max(3, draft.min ?? 0) });
  }
  return [...terms.values()];
}

const isMapping = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Persons and accounts of parsed dossier files (root and includes), as written. */
export function identitySourceOfValues(values: readonly unknown[]): IdentitySource {
  const persons: PersonLike[] = [];
  const accounts: AccountLike[] = [];
  // The root's case block only (values[0]): an included file has none.
  const root = values[0];
  const caseBlock: CaseLike | undefined =
    isMapping(root) && isMapping(root.case) ? root.case : undefined;
  for (const value of values) {
    if (!isMapping(value)) continue;
    // One by one (no spread): a list may hold hundreds of thousands of records.
    if (Array.isArray(value.persons))
      for (const p of value.persons) if (isMapping(p)) persons.push(p);
    if (Array.isArray(value.accounts))
      for (const a of value.accounts) if (isMapping(a)) accounts.push(a);
  }
  return { persons, accounts, case: caseBlock };
}
