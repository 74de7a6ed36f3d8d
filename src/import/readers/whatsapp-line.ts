/**
 * The shape of one line of a WhatsApp text export: the date and time that start a
 * message (Android `31/12/2023, 21:05 - `, iOS `[31/12/2023, 21:05:09] `, with their
 * locale variants), then who wrote it and what kind of line it is. Only the first line
 * of a message is looked at, and only to tell a message from a media placeholder or a
 * system line: its text is never kept.
 */

/** A number as written, with the count of its digits (a 2-digit year is not a 4-digit one). */
export interface WrittenNumber {
  readonly value: number;
  readonly digits: number;
}

/** The date and time that start a message line; indices are into the line's text. */
export interface LineHead {
  readonly date: readonly [WrittenNumber, WrittenNumber, WrittenNumber];
  readonly dateIndex: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly meridiem?: 'am' | 'pm';
  readonly timeIndex: number;
  /** The iOS shape (`[date, time] `): its generated notes start with a U+200E mark. */
  readonly ios: boolean;
  /** Where the author (or a system text) starts. */
  readonly restIndex: number;
  /**
   * How the head is written, apart from its numbers: brackets, the year first or its
   * digits, the date's and the time's separators, the comma and word between them,
   * seconds, AM/PM (`[y4/,:s`, `y2.à:m`). An export writes every head one way (its
   * phone's settings); a line of another form is a message's own text (a forwarded or
   * pasted line), not a message of its own.
   */
  readonly form: string;
}

export type LineKind = 'message' | 'file_transfer' | 'call' | 'video_call' | 'other';

export type LineClass =
  | {
      readonly type: 'system';
      /**
       * iOS: the name an encryption notice is written after (`[date] Trip: ‎Messages and
       * calls are end-to-end encrypted.`): a group's name, or in an individual chat the
       * other participant's (see the reader's chat names).
       */
      readonly noticeOf?: string;
    }
  | {
      readonly type: 'message';
      readonly kind: LineKind;
      /** The author as shown, without direction marks. */
      readonly name: string;
      readonly nameIndex: number;
      /**
       * The line shows its author writing: a text without the mark iOS puts before the texts
       * it writes itself, or with it a placeholder, a call note or a deleted message's note
       * (`‎This message was deleted.`). False for a marked text none of these: a system
       * notice in a wording this reader does not know, or a sender's note in one (see the
       * reader's chat names).
       */
      readonly writes: boolean;
    };

/** Direction and formatting marks WhatsApp puts around names, placeholders and system texts. */
function isMark(c: number): boolean {
  return (
    c === 0x200e ||
    c === 0x200f ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0xfeff
  );
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0xa0 || c === 0x202f || c === 0x2009 || c === 0x09;
}

/** Every mark isMark knows, for removing them from a name or a placeholder. */
const ALL_MARKS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;

/** A cursor over one line that steps over direction marks. */
class Scan {
  i: number;
  constructor(
    readonly text: string,
    start = 0,
  ) {
    this.i = start;
  }
  code(): number {
    return this.i < this.text.length ? this.text.charCodeAt(this.i) : -1;
  }
  skipMarks(): void {
    while (isMark(this.code())) this.i++;
  }
  /** Skips spaces and marks; returns how many spaces. */
  skipBlanks(): number {
    let spaces = 0;
    for (let c = this.code(); isSpace(c) || isMark(c); c = this.code()) {
      if (isSpace(c)) spaces++;
      this.i++;
    }
    return spaces;
  }
  number(maxDigits: number): WrittenNumber | undefined {
    let value = 0;
    let digits = 0;
    for (let c = this.code(); c >= 48 && c <= 57 && digits < maxDigits + 1; c = this.code()) {
      value = value * 10 + (c - 48);
      digits++;
      this.i++;
    }
    return digits === 0 || digits > maxDigits ? undefined : { value, digits };
  }
  eat(ch: string): boolean {
    if (this.text[this.i] !== ch) return false;
    this.i++;
    return true;
  }
}

function readMeridiem(scan: Scan): 'am' | 'pm' | undefined {
  const save = scan.i;
  scan.skipBlanks();
  const first = scan.text[scan.i]?.toLowerCase();
  if (first !== 'a' && first !== 'p') {
    scan.i = save;
    return undefined;
  }
  scan.i++;
  scan.eat('.');
  scan.skipBlanks();
  if (scan.text[scan.i]?.toLowerCase() !== 'm') {
    scan.i = save;
    return undefined;
  }
  scan.i++;
  scan.eat('.');
  return first === 'a' ? 'am' : 'pm';
}

/**
 * Words some exports write between the date and the time: French `à`; in iOS's bracketed
 * head only, Finnish `klo` and Danish and Norwegian `kl.` (`[12.3.2022 klo 14.08.18]`),
 * since a message's own line may read `15.03.2024 kl. 10.00 - Tandlæge: ...` (a review
 * found such lines made into messages of made-up participants).
 */
const DATE_TIME_JOINERS = ['à'] as const;
const IOS_DATE_TIME_JOINERS = ['à', 'klo', 'kl.', 'kl'] as const;

/** The date and time starting a message line, or undefined for a continuation line. */
export function readLineHead(text: string): LineHead | undefined {
  const scan = new Scan(text);
  scan.skipMarks();
  const ios = scan.eat('[');
  scan.skipMarks();
  const dateIndex = scan.i;
  const a = scan.number(4);
  const separator = scan.text[scan.i];
  if (!a || (separator !== '/' && separator !== '.' && separator !== '-')) return undefined;
  scan.i++;
  const b = scan.number(2);
  if (!b || !scan.eat(separator)) return undefined;
  const c = scan.number(4);
  if (!c) return undefined;
  scan.eat('.');
  const comma = scan.eat(',');
  if (scan.skipBlanks() === 0 && !comma) return undefined;
  // Some exports join date and time with a word: French "à", Finnish "klo", Danish and
  // Norwegian "kl." (`[12.3.2022 klo 14.08.18]`).
  let joined = '';
  for (const joiner of ios ? IOS_DATE_TIME_JOINERS : DATE_TIME_JOINERS) {
    if (
      scan.text.startsWith(joiner, scan.i) &&
      isSpace(scan.text.charCodeAt(scan.i + joiner.length))
    ) {
      scan.i += joiner.length;
      scan.skipBlanks();
      joined = joiner === 'kl' ? 'kl.' : joiner;
      break;
    }
  }
  const timeIndex = scan.i;
  const hour = scan.number(2);
  const timeSeparator = scan.text[scan.i];
  if (!hour || !(scan.eat(':') || scan.eat('.'))) return undefined;
  const minute = scan.number(2);
  if (!minute || minute.digits !== 2) return undefined;
  let second = 0;
  let seconds = false;
  const beforeSeconds = scan.i;
  if (scan.eat(':') || scan.eat('.')) {
    const s = scan.number(2);
    if (s && s.digits === 2) {
      second = s.value;
      seconds = true;
    } else scan.i = beforeSeconds;
  }
  const meridiem = readMeridiem(scan);
  if (ios) {
    scan.skipBlanks();
    if (!scan.eat(']')) return undefined;
    if (scan.skipBlanks() === 0) return undefined;
  } else {
    if (scan.skipBlanks() === 0) return undefined;
    if (!scan.eat('-') && !scan.eat('\u2013')) return undefined;
    if (scan.skipBlanks() === 0) return undefined;
  }
  return {
    date: [a, b, c],
    dateIndex,
    hour: hour.value,
    minute: minute.value,
    second,
    meridiem,
    timeIndex,
    ios,
    restIndex: scan.i,
    form: `${ios ? '[' : ''}${a.digits === 4 ? 'Y' : `y${c.digits}`}${separator}${comma ? ',' : ''}${joined}${timeSeparator}${seconds ? 's' : ''}${meridiem ? 'm' : ''}`,
  };
}

/** A regex alternation of literal phrases (lists below are data: add a language there). */
const anyOf = (phrases: readonly string[]): string =>
  phrases.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');

/** Android's `<Media omitted>` and its translations: the whole text between angle brackets. */
export const ANDROID_MEDIA_PLACEHOLDERS: readonly string[] = [
  'media omitted', // English
  ...['video message omitted', 'voice message omitted', 'sticker omitted', 'gif omitted'],
  ...['view once photo omitted', 'view once video omitted', 'view once voice message omitted'],
  'médias omis', // French
  'média omis',
  'medias omis',
  'media omis',
  'medien ausgeschlossen', // German
  'medien weggelassen',
  'multimedia omitido', // Spanish
  'archivo omitido',
  'media weggelaten', // Dutch
  'mídia oculta', // Portuguese (Brazil)
  'midia oculta',
  'arquivo de mídia oculto',
  'media omessi', // Italian
];

/** iOS's `image omitted`: one of these things... */
export const IOS_MEDIA_NOUNS: readonly string[] = [
  ...['image', 'video', 'audio', 'sticker', 'gif', 'document', 'contact card', 'photo'],
  ...['vidéo', 'autocollant', 'carte de contact'], // French
  ...['bild', 'dokument', 'kontaktkarte', 'foto'], // German
  ...['imagen', 'vídeo', 'documento', 'tarjeta de contacto'], // Spanish
  ...['imagem', 'áudio', 'figurinha'], // Portuguese
  ...['immagine'], // Italian
];

/** ... followed by one of these words. */
export const IOS_MEDIA_OMITTED: readonly string[] = [
  'omitted',
  ...['absent', 'absente', 'omis', 'omise', 'omises'], // French
  ...['weggelassen', 'ausgelassen'], // German
  ...['omitido', 'omitida'], // Spanish, Portuguese
  ...['oculto', 'oculta', 'ocultado', 'ocultada'], // Portuguese
  ...['omesso', 'omessa'], // Italian
];

/** Placeholders that are the whole text, marks left out. */
const MEDIA: readonly RegExp[] = [
  new RegExp(`^<(?:${anyOf(ANDROID_MEDIA_PLACEHOLDERS)})>$`, 'iu'),
  // iOS: `image omitted`, `vidéo absente`, `Bild weggelassen`.
  new RegExp(`^(?:${anyOf(IOS_MEDIA_NOUNS)})\\s+(?:${anyOf(IOS_MEDIA_OMITTED)})$`, 'iu'),
  // iOS with attachments: `<attached: 00000012-PHOTO-2023-01-02-10-00-00.jpg>`.
  /^<(?:attached|pi[\u00e8e]ce jointe|adjunto|anexo|allegato|anhang|bijlage)\s?:[^<>]*>$/i,
  // Android with attachments: a file's name, then `(file attached)`
  // (`IMG-20230102-WA0001.jpg (file attached)`, `Rapport final.pdf (fichier joint)`).
  /^\S.*\.[\p{L}\p{N}]{1,10} \((?:file attached|fichier joint|archivo adjunto|datei angeh\u00e4ngt|arquivo anexado|file allegato)\)$/iu,
];

/**
 * iOS's placeholder after other parts of its line (`‎Fictional.pdf • ‎2 pages ‎document
 * omitted`): counted only right after iOS's mark (U+200E), so that a message typed with
 * the same words at its end (`sorry, the scene with the video omitted`) stays a message.
 */
const MARKED_IOS_MEDIA = new RegExp(
  `\u200e(?:${anyOf(IOS_MEDIA_NOUNS)})\\s+(?:${anyOf(IOS_MEDIA_OMITTED)})$`,
  'iu',
);

/** The direction marks but iOS's U+200E, which MARKED_IOS_MEDIA reads. */
const OTHER_MARKS = /[\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;

/**
 * Whether a message's text is a media placeholder: the whole text one (marks left out),
 * or iOS's after its mark. Typed text that ends with a placeholder's words is a message
 * (a helper's sweep, session 32, found `Please review the plan (file attached)` and
 * `... the video omitted` recorded as file transfers).
 */
function isMedia(body: string): boolean {
  const bare = body.replace(ALL_MARKS, '');
  return (
    MEDIA.some((pattern) => pattern.test(bare)) ||
    MARKED_IOS_MEDIA.test(body.replace(OTHER_MARKS, ''))
  );
}

/*
 * The notes iOS writes in a sender's place, after the U+200E mark: call notes, and the
 * note of a deleted message. Each is matched at the start of a marked text, without
 * accents, not followed by a letter. Sources (see docs/import-formats.md): the German,
 * French and Italian notes of the iOS keys named below are WhatsApp's own, from its iOS
 * string table (Localizable.strings) as the whats_json parser keeps it
 * (github.com/starkdmi/whats_json, tool/patterns_generator/data/iOS Localizables, which
 * holds DE, FR and IT but no English, Spanish or Portuguese table); the English, Spanish
 * and Portuguese missed voice and video calls and deleted notes of the Android keys named
 * below are Android strings.xml translations as whats_json's generated patterns keep them
 * (lib/src/patterns.dart); the other wordings (English, Spanish and Portuguese calls that
 * took place, group and variant forms) come from exports seen in public parsers or are
 * written by hand, not verified against a table.
 */

/**
 * A voice call (`‎Voice call`, `‎Sprachanruf ‎12 Min.`; iOS keys "Fv09E", "vxc|0" for
 * German, French, Italian): a `call` only when nothing but its duration or the word for
 * ended follows it (see callKind). Spanish `Llamada`, `Llamada de voz`: unverified.
 */
export const CALL_NOTES: readonly string[] = [
  'voice call', // English
  'appel vocal', // French
  'sprachanruf', // German
  ...['llamada', 'llamada de voz'], // Spanish
  'chamada de voz', // Portuguese
  'chiamata vocale', // Italian
];

/**
 * A video call (`‎Video call`, `‎Videoanruf`; iOS key "o'cQ1" for German, French,
 * Italian): a `video_call` only as CALL_NOTES are calls.
 */
export const VIDEO_CALL_NOTES: readonly string[] = [
  'video call', // English
  'appel vidéo', // French
  'videoanruf', // German
  ...['videollamada', 'llamada de video', 'llamada de vídeo'], // Spanish
  ...['videochamada', 'chamada de vídeo'], // Portuguese (Portugal, Brazil)
  'videochiamata', // Italian
];

/**
 * A call that never took place (iOS keys "A),w/", "PnA`x", "-}G;Q", "Qr*~b"; Android
 * `missed_voice_call`, `video_missed_call`). Matched before the calls above (`‎Llamada
 * grupal perdida` is no call).
 */
export const MISSED_CALL_NOTES: readonly string[] = [
  ...['missed call', 'missed voice call', 'missed video call'], // English
  ...['missed group call', 'missed group voice call', 'missed group video call'],
  ...['appel manqué', 'appel vocal manqué', 'appel vidéo manqué'], // French
  ...['appel de groupe manqué', 'appel vocal de groupe manqué', 'appel vidéo de groupe manqué'],
  ...['appel de groupe vocal manqué', 'appel de groupe vidéo manqué'],
  ...['llamada perdida', 'llamada de voz perdida', 'videollamada perdida'], // Spanish
  ...['llamada de video perdida', 'llamada de vídeo perdida'],
  ...['llamada grupal perdida', 'videollamada grupal perdida'],
  ...['chamada perdida', 'chamada de voz perdida', 'chamada de vídeo perdida'], // Portuguese
  ...['videochamada perdida', 'chamada de voz em grupo perdida', 'videochamada em grupo perdida'],
  'chamada de vídeo em grupo perdida',
  ...['verpasster anruf', 'verpasster sprachanruf', 'verpasster videoanruf'], // German
  ...['verpasster gruppen-sprachanruf', 'verpasster gruppen-videoanruf'],
  ...['chiamata persa', 'chiamata vocale persa', 'videochiamata persa'], // Italian
  ...['chiamata vocale di gruppo persa', 'videochiamata di gruppo persa'],
];

/**
 * The word for missed (iOS key "C~-5A", Android `missed_call`): a call note that holds it
 * in a wording not listed above is no call either (a missed call read as a call could be
 * linked to a payment). Regular expressions, matched without accents, as a whole word.
 */
const MISSED_WORDS = [
  'missed',
  'manques?',
  'verpasst\\p{L}*',
  'entgangen',
  'perdid[ao]s?',
  'pers[ae]',
];

/**
 * The note WhatsApp writes in place of a deleted message, in its author's name (`‎This
 * message was deleted.`, `‎You deleted this message.`, and as an admin deleted it; iOS
 * keys "qBly]", "GHe7G", "S?EA5", "zD*5p", "W*,Ww"; Android `revoked_msg_incoming`,
 * `revoked_msg_outgoing`). A deleted message still was a message of its author's.
 */
export const DELETED_MESSAGE_NOTES: readonly string[] = [
  ...['this message was deleted', 'you deleted this message'], // English
  ...['ce message a été supprimé', 'vous avez supprimé ce message'], // French
  ...['diese nachricht wurde gelöscht', 'du hast diese nachricht gelöscht'], // German
  ...[
    'diese nachricht wurde von einem*einer admin gelöscht',
    'du hast diese nachricht als admin gelöscht',
  ],
  ...['se eliminó este mensaje', 'este mensaje fue eliminado', 'eliminaste este mensaje'], // Spanish
  'un admin. eliminó este mensaje',
  ...['esta mensagem foi apagada', 'mensagem apagada', 'apagou esta mensagem'], // Portuguese
  'você apagou esta mensagem',
  ...['questo messaggio è stato eliminato', 'hai eliminato questo messaggio'], // Italian
];

/** One of `notes` at the start of a text without accents, not followed by a letter. */
const noteAtStart = (notes: readonly string[]): RegExp =>
  new RegExp(
    `^(?:${anyOf(notes.map(withoutAccents).sort((a, b) => b.length - a.length))})(?!\\p{L})`,
    'iu',
  );

const CALL = noteAtStart(CALL_NOTES);
const VIDEO_CALL = noteAtStart(VIDEO_CALL_NOTES);
const MISSED_WORD = new RegExp(`(?<!\\p{L})(?:${MISSED_WORDS.join('|')})(?!\\p{L})`, 'iu');
const DELETED_MESSAGE = noteAtStart(DELETED_MESSAGE_NOTES);

const MISSED_CALL = noteAtStart(MISSED_CALL_NOTES);

/**
 * The outcomes of a call that did not take place, by language (regular expressions,
 * matched without accents, as whole words): declined, refused or rejected, cancelled,
 * failed, unanswered, busy, ongoing (`‎Videochiamata rifiutata`, `‎Llamada sin respuesta`,
 * `‎Videoanruf abgebrochen`, `‎Abgelehnter Sprachanruf`, `‎Chiamata in corso`). A marked
 * text that holds a word for a call and one of these is no call (callKind). Not from a
 * table as a whole: German `Abgelehnter Sprachanruf` and `Anruf fehlgeschlagen`, Italian
 * `Videochiamata di gruppo annullata` are iOS strings; the others
 * are plain translations, a safeguard, as callKind already reads any unknown words after a
 * call note as no call.
 */
const CALL_OUTCOME_WORDS = [
  ...['declined', 'rejected', 'refused', 'cancell?ed', 'failed', 'unanswered', 'busy'], // English
  ...['no answer', 'not answered', 'ongoing', 'in progress'],
  ...['refuse(?:e|s|es)?', 'rejete(?:e|s|es)?', 'annule(?:e|s|es)?', 'echoue(?:e|s|es)?'], // French
  ...['echec', 'sans reponse', 'pas de reponse', 'en cours', 'occupe'],
  ...['abgelehnt\\p{L}*', 'abgebrochen\\p{L}*', 'fehlgeschlagen\\p{L}*', 'unbeantwortet\\p{L}*'], // German
  ...['nicht angenommen', 'keine antwort', 'laufend\\p{L}*', 'besetzt'],
  ...['rechazad[ao]s?', 'cancelad[ao]s?', 'fallid[ao]s?', 'sin respuesta', 'no contestad[ao]s?'], // Spanish
  ...['en curso', 'ocupad[ao]'],
  ...['recusad[ao]s?', 'rejeitad[ao]s?', 'falhou', 'sem resposta', 'nao atendid[ao]s?'], // Portuguese
  ...['em andamento', 'em curso'],
  ...['rifiutat[ae]', 'annullat[ae]', 'non riuscit[ae]', 'fallit[ae]', 'senza risposta'], // Italian
  ...['non rispost[ae]', 'in corso', 'occupat[ao]'],
];

/** A word for a call, in a marked text (`Abgelehnter Sprachanruf`, `Chiamata in corso`). */
const CALL_WORD =
  /(?<!\p{L})(?:(?:video|voice |group )?calls?|appels?|\p{L}*anrufe?|(?:video)?llamadas?|(?:video)?chamadas?|(?:video)?chiamat[ae])(?!\p{L})/iu;

const CALL_OUTCOME = new RegExp(`(?<!\\p{L})(?:${CALL_OUTCOME_WORDS.join('|')})(?!\\p{L})`, 'iu');

/**
 * What may follow a call note for the call to be one that took place: nothing, or its
 * duration (`‎12 Min.`, `‎2 min`, `1:05:00`, `1 h 5 min`) and the word for ended, with
 * spaces, marks and commas between. Anything else (an outcome, a group, an ellipsis, a
 * word this reader does not know) leaves the note no call: a note read as a call could be
 * linked to a payment. Matched without accents.
 */
const DURATION_UNITS = [
  ...['s', 'sec', 'secs', 'seconds?', 'secondes?', 'sek', 'sekunden?', 'seg', 'segundos?'],
  ...['second[io]', 'm', 'min', 'mins', 'minutes?', 'minuten?', 'minutos?', 'minut[io]'],
  ...['h', 'hr', 'hrs', 'hours?', 'heures?', 'std', 'stunden?', 'horas?', 'or[ae]'],
];
const CALL_ENDED_WORDS = ['ended', 'terminee?', 'beendet', 'finalizada', 'terminada', 'encerrada'];
const CALL_ENDED_WORDS_IT = ['terminata', 'conclusa'];
const CALL_SEPARATOR = /[\s,;\u00b7\u2022|\u2013\u2014-]*/y;
/** A duration (`12 Min.`, `1:05:00`, `5`) or the word for ended, where CALL_SEPARATOR stopped. */
const CALL_END_TOKEN = new RegExp(
  `\\d+(?:[:.,]\\d+)*(?:\\s*(?:${DURATION_UNITS.join('|')})(?!\\p{L})\\.?)?|(?:${[
    ...CALL_ENDED_WORDS,
    ...CALL_ENDED_WORDS_IT,
  ].join('|')})(?!\\p{L})`,
  'iuy',
);

/**
 * Whether `rest` (what follows a call note) is only durations and the word for ended,
 * with separators between, and a final full stop. Read token by token, each matched once
 * where the last ended: a single pattern with the tokens repeated inside it took time
 * doubling with each digit of `‎Voice call 111...1x` (a helper's sweep, session 33: 40
 * digits never ended and could not be interrupted).
 */
function isCallEnd(rest: string): boolean {
  let i = 0;
  for (;;) {
    CALL_SEPARATOR.lastIndex = i;
    CALL_SEPARATOR.test(rest);
    i = CALL_SEPARATOR.lastIndex;
    if (i === rest.length || (i === rest.length - 1 && rest[i] === '.')) return true;
    CALL_END_TOKEN.lastIndex = i;
    if (!CALL_END_TOKEN.test(rest) || CALL_END_TOKEN.lastIndex === i) return false;
    i = CALL_END_TOKEN.lastIndex;
  }
}

/**
 * The kind of a marked call note (`bare`: without accents), or undefined for a text that
 * is none. A call that did not take place (missed, declined, cancelled, failed,
 * unanswered, ongoing) is an attempt, kept as an exchange of kind `other` so that it
 * stays traceable, but never a call that a payment could be correlated with (the Skype
 * reader drops missed calls). Conservative: a call note followed by anything but its
 * duration or the word for ended is `other` too.
 */
function callKind(bare: string): 'call' | 'video_call' | 'other' | undefined {
  if (MISSED_CALL.test(bare)) return 'other';
  const video = VIDEO_CALL.exec(bare);
  const match = video ?? CALL.exec(bare);
  if (!match) return CALL_WORD.test(bare) && CALL_OUTCOME.test(bare) ? 'other' : undefined;
  if (MISSED_WORD.test(bare) || CALL_OUTCOME.test(bare)) return 'other';
  const rest = bare
    .slice(match[0].length)
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '');
  if (!isCallEnd(rest)) return 'other';
  return video ? 'video_call' : 'call';
}

/**
 * `text` without its accents (`Appel vidéo manqué` → `Appel video manque`): missed-call
 * notes are matched so, as exports write them either way, and an unaccented note read as
 * a call could be linked to a payment.
 */
function withoutAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}

/**
 * The encryption notice WhatsApp writes at the top of a chat, in an individual chat or a
 * group, in its current wording (`Messages and calls are end-to-end encrypted. ...`) and
 * its older ones (`Messages to this group are now secured with end-to-end encryption.`,
 * `Les messages envoyés dans ce groupe sont désormais protégés avec le chiffrement de
 * bout en bout.`), by language: a phrase each wording holds (regular expressions, matched
 * without regard to case). From WhatsApp's own string tables as public parsers collected
 * them (iOS Localizable.strings, Android strings.xml); see docs/import-formats.md.
 */
export const ENCRYPTION_NOTICES: readonly string[] = [
  ...['end-to-end encrypted', 'secured with end-to-end encryption'], // English
  ...['chiffr[ée]s de bout en bout', 'prot[ée]g[ée]s avec le chiffrement de bout en bout'], // French
  ...['ende-zu-ende-verschlüsselt', 'mit ende-zu-ende-verschlüsselung geschützt'], // German
  ...['cifrad[oa]s de extremo a extremo', 'protegid[oa]s con cifrado de extremo a extremo'], // Spanish
  ...['encriptadas ponto a ponto', 'completamente encriptadas'], // Portuguese (Portugal)
  '(?:protegidas|seguras) com (?:a )?criptografia de ponta[- ]a[- ]ponta', // Portuguese (Brazil)
  ...['crittografat[ie] end-to-end', 'protett[ie] con la crittografia end-to-end'], // Italian
];

/**
 * The other system texts: joins, leaves, changed numbers and security codes, a group's
 * creation, subject (name) and icon... (regular expressions, as above).
 */
export const SYSTEM_NOTICES: readonly string[] = [
  // A group's creation: `X created group "Trip"`, iOS `X created this group`.
  'created (?:the |this )?group',
  '(?:a|avez) cr[ée]{2} (?:le |ce )?groupe', // French
  'ha(?:t|st) die gruppe(?!\\p{L}).*(?<!\\p{L})erstellt', // German: `X hat die Gruppe „Trip“ erstellt`
  ...['cre[óo] el grupo', 'creaste (?:el|este) grupo'], // Spanish
  'criou o grupo', // Portuguese
  // Its subject (name) and icon: `X changed the subject from "A" to "B"`, `X changed this
  // group's icon`, `X a changé l'icône de ce groupe`, `Vous avez changé le sujet en ...`.
  ...['changed', '(?:a|avez) chang[ée]', '(?:a|avez) modifi[ée]', 'a remplac[ée] le sujet'],
  'ha(?:t|st) (?:den betreff|den gruppennamen|das gruppenbild)', // German
  'cambi[óo] el asunto', // Spanish
  'mudou o assunto', // Portuguese
  'added',
  'removed',
  'left',
  'joined',
  'a ajout[ée]',
  'a retir[ée]',
  'a quitt[ée]',
  'est partie?',
  'a rejoint',
  'security code',
  'code de s[ée]curit[ée]',
  'now an admin',
  'maintenant admin',
  'disappearing messages',
  'messages [ée]ph[ée]m[èe]res',
  'pinned',
  'a [ée]pingl[ée]',
  'turned (?:on|off)',
  'a (?:activ|d[ée]sactiv)[ée]',
  'deleted this group',
  'a supprim[ée] (?:l.ic[ôo]ne|la photo)',
  'invited',
  'a invit[ée]',
  'admin',
  '(?:un)?blocked this contact',
  'vous avez (?:d[ée])?bloqu[ée]',
];

/** One of `phrases`, not inside a word. */
const anyPhrase = (phrases: readonly string[]): RegExp =>
  new RegExp(phrases.map((phrase) => `(?<!\\p{L})${phrase}(?!\\p{L})`).join('|'), 'iu');

const ENCRYPTION = anyPhrase(ENCRYPTION_NOTICES);

const SYSTEM_PHRASES = [...ENCRYPTION_NOTICES, ...SYSTEM_NOTICES];

/** System texts (iOS writes them after a group's name and a direction mark). */
const SYSTEM = anyPhrase(SYSTEM_PHRASES);

/**
 * A system text at the start of a text: SYSTEM tried there only. SYSTEM searched the
 * whole text (up to a line's 1 MiB, after a listed name) and its German creation phrase
 * (`hat die Gruppe ... erstellt`) read on to the end from each of its starts: a line of
 * `hat die gruppe` repeated took minutes (a helper's sweep, session 33).
 */
const SYSTEM_AT_START = new RegExp(`^(?:${SYSTEM_PHRASES.join('|')})(?!\\p{L})`, 'iu');

/** The quotation marks around a group's name or subject in a system line. */
const QUOTES = '"“”„«»';
const QUOTE = new RegExp(`[${QUOTES}]`, 'u');
/** The last quotation mark of a text and what follows it. */
const LAST_QUOTE = new RegExp(`[${QUOTES}][^${QUOTES}]*$`, 'u');

/**
 * Verbs of the Android system lines that quote a text after them, which may hold ": "
 * (`X created group "Trip: 2024"`, `X changed the subject from "Re: x"`, `X a créé le
 * groupe « Voyage : 2024 »`): after one of these and a quotation mark, a ": " is not the
 * end of an author's name.
 */
const QUOTING_VERB =
  /(?<=\S[ \u00a0])(?:created (?:the )?group|changed|(?:a|avez) (?:cr[ée]{2} (?:le )?groupe|chang[ée]|modifi[ée]))(?!\p{L})/iu;

/**
 * Whether the text before an Android line's first ": " starts a system line whose quoted
 * group name or subject holds that ": " (a system line has no author).
 */
function isQuotingSystemLine(prefix: string): boolean {
  const verb = QUOTING_VERB.exec(prefix);
  if (verb !== null && QUOTE.test(prefix.slice(verb.index + verb[0].length))) return true;
  // In other languages (`X hat die Gruppe „Fiktiv: 2024“ erstellt`, `X creó el grupo
  // "Viaje: 2024"`): a quotation left open before the ": ", after the word for a group or
  // its subject. Both are needed: a shown name may hold a quotation mark (`Bob "Bobby`).
  let quotes = 0;
  for (const ch of prefix) if (QUOTE.test(ch)) quotes++;
  if (quotes % 2 === 0) return false;
  // ... after the word for a group or its subject, in one of its forms (`Gruppennamen`,
  // `gruppen`, `grupę`, `группу`). A shown name with a quotation mark does not hold one
  // (`Bob "Bobby`, `Emnet "Emi`, `Ana Maria Fict "Nana`).
  // The word comes after the author's first word (`Emnet "Emi` is a name; `emnet` is
  // Danish for the subject).
  const before = prefix.slice(0, prefix.search(LAST_QUOTE));
  return GROUP_WORD.test(before.replace(/^\s*\S+/u, ''));
}

/** The words for a group, its subject, name or description, with their usual endings. */
const GROUP_WORD = new RegExp(
  `(?<!\\p{L})(?:${[
    'gruppe(?:n|ns|nname|nnamen|nbeschreibung|nbild)?',
    'grupp(?:en|o|a|e)?',
    'grupo',
    'gruppo',
    'groep(?:snaam|sbeschrijving)?',
    'grup(?:a|ę|y|u|o|un|unu)?',
    'ryhm(?:ä|än|ässä)',
    'групп(?:а|у|ы|е)',
    'betreff',
    'asunto',
    'assunto',
    'oggetto',
    'onderwerp',
    'ämne(?:t)?',
    'emne(?:t)?',
    'beskrivning(?:en)?',
    'beschrijving',
    'descripción',
    'descrição',
    'descrizione',
  ].join('|')})(?!\\p{L})`,
  'iu',
);

/**
 * The shown names `--participants` lists. A name that holds ": " (`Trip: Ana`) cannot be
 * told from an author followed by a text (`Trip` writing `Ana: ...`) but by this list.
 */
export interface KnownNames {
  readonly all: ReadonlySet<string>;
  /** The names that hold a ": ", longest first. */
  readonly withColon: readonly string[];
}

export function knownNames(names: Iterable<string>): KnownNames {
  const all = new Set<string>();
  for (const name of names) all.add(shownName(name));
  const withColon = [...all]
    .filter((name) => /:[ \u00a0\u202f]/.test(name))
    .sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  return { all, withColon };
}

/**
 * Where the author's name ends when the line starts with a listed name holding ": ": the
 * index of the ":" after it; `system` when the name is followed by the text of a system
 * line instead (Android `Trip: Ana left`, `Trip: Ana's security code changed`);
 * undefined when no such name starts the line.
 */
function listedAuthorEnd(
  text: string,
  start: number,
  known: KnownNames,
): number | 'system' | undefined {
  let i = start;
  while (i < text.length && isMark(text.charCodeAt(i))) i++;
  for (const name of known.withColon) {
    if (!text.startsWith(name, i)) continue;
    let j = i + name.length;
    while (isMark(text.charCodeAt(j)) || isSpace(text.charCodeAt(j))) j++;
    if (text[j] === ':' && (j + 1 === text.length || isSpace(text.charCodeAt(j + 1)))) return j;
    const rest = text.slice(i + name.length).replace(/^['\u2019]s(?=\s)/u, '');
    if (SYSTEM_AT_START.test(stripMarks(rest)) && /^[\s\u200e\u200f\u202a-\u202e]/u.test(rest))
      return 'system';
  }
  return undefined;
}

/**
 * Whether the ":" at `colon` is inside a listed name mentioned after the line's start
 * (Android `Rolando added Trip: Ana`): the line is about that participant, a system line.
 */
function mentionsListedName(
  text: string,
  start: number,
  colon: number,
  known: KnownNames,
): boolean {
  for (const name of known.withColon) {
    for (
      let at = text.indexOf(name, Math.max(start + 1, colon - name.length + 1));
      at >= 0 && at <= colon;
      at = text.indexOf(name, at + 1)
    )
      if (at + name.length > colon + 1) return true;
  }
  return false;
}

/** The first ": " at or after `from` (or a ":" ending the line), or -1. */
function colonAfter(text: string, from: number): number {
  const colon = text.indexOf(': ', from);
  if (colon >= 0) return colon;
  return text.endsWith(':') && text.length - 1 >= from ? text.length - 1 : -1;
}

function stripMarks(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (isMark(text.charCodeAt(start)) || isSpace(text.charCodeAt(start))))
    start++;
  while (end > start && (isMark(text.charCodeAt(end - 1)) || isSpace(text.charCodeAt(end - 1))))
    end--;
  return text.slice(start, end);
}

/** The body after the ":" at `colon`, its one space dropped. */
const bodyAfter = (text: string, colon: number): string =>
  text.slice(colon + 1).replace(/^[ \u00a0\u202f]/, '');

/**
 * Where the author's name ends (the index of its ":"), or `system` for a line without an
 * author. A shown name may hold ": ", and so may the texts of system lines (a group's
 * name, a participant's), so the first ": " is not always the end of a name:
 * - iOS marks the texts it writes (system lines, placeholders, calls) with U+200E: when
 *   the first ": " is not followed by one and a later ": " is, that later one ends the
 *   name (iOS writes a group's system lines after the group's name, `Trip: 2024`);
 * - a name listed in `--participants` that holds ": " and starts the line is the author
 *   (on Android, followed by a system text instead, the subject of a system line);
 * - on Android, a line whose first ": " is in a quoted group name or subject after a
 *   system verb (`X created group "Trip: 2024"`, `X changed the subject from "Re: x"`), or
 *   in a listed name mentioned in the line (`X added Trip: Ana`), is a system line, unless
 *   the text before that ": " is itself a listed name.
 * Otherwise the first ": " ends the name: an unlisted `Trip: Ana` writing is read as
 * `Trip` (reported as a new account, which tells the investigator to list the name).
 */
function authorEnd(text: string, head: LineHead, known?: KnownNames): number | 'system' {
  const first = colonAfter(text, head.restIndex);
  // Android writes system lines without an author.
  if (first < 0) return 'system';
  const listed =
    known && known.withColon.length > 0 ? listedAuthorEnd(text, head.restIndex, known) : undefined;
  if (head.ios) {
    const body = bodyAfter(text, first);
    if (body.length > 0 && isMark(body.charCodeAt(0))) return first;
    const marked = text.indexOf(': \u200e', first + 1);
    // Only when what follows is one of the notes iOS writes: a message's own text may hold
    // ": " and a mark (an edited message ending in ":", a marked number).
    if (marked >= 0 && isIosNote(stripMarks(bodyAfter(text, marked)))) return marked;
    if (typeof listed === 'number') return listed;
    // A system line whose marks were lost (copied, edited) that quotes a subject with ": ".
    const prefix = text.slice(head.restIndex, first);
    if (!known?.all.has(shownName(prefix)) && isQuotingSystemLine(prefix)) return 'system';
    return first;
  }
  if (typeof listed === 'number') return listed;
  const prefix = text.slice(head.restIndex, first);
  if (known?.all.has(shownName(prefix))) return first;
  if (listed === 'system' || isQuotingSystemLine(prefix)) return 'system';
  if (known && known.withColon.length > 0 && mentionsListedName(text, head.restIndex, first, known))
    return 'system';
  return first;
}

/**
 * Whether `body` is a text iOS writes itself (a system notice, a media placeholder, a call
 * note, a deleted message's note).
 */
function isIosNote(body: string): boolean {
  if (SYSTEM.test(body) || isMedia(body)) return true;
  const bare = withoutAccents(body);
  return callKind(bare) !== undefined || DELETED_MESSAGE.test(bare);
}

/**
 * What a line that starts with a date and time is: a message (and its author) or a system
 * line. `known`: the names `--participants` lists (see authorEnd).
 */
export function classifyLine(text: string, head: LineHead, known?: KnownNames): LineClass {
  const colon = authorEnd(text, head, known);
  if (colon === 'system') return { type: 'system' };
  const name = shownName(text.slice(head.restIndex, colon));
  if (name === '') return { type: 'system' };
  const rawBody = bodyAfter(text, colon);
  const marked = rawBody.length > 0 && isMark(rawBody.charCodeAt(0));
  const body = stripMarks(rawBody);
  let kind: LineKind = 'message';
  // A marked text the reader knows shows its author writing as much as an unmarked one.
  let writes = true;
  if (isMedia(body)) kind = 'file_transfer';
  else if (marked) {
    const bare = withoutAccents(body);
    const call = callKind(bare);
    if (call !== undefined) kind = call;
    // A deleted message's note is a message (`‎This message was deleted by an admin.` too).
    else if (!DELETED_MESSAGE.test(bare)) {
      if (SYSTEM.test(body))
        return ENCRYPTION.test(body) ? { type: 'system', noticeOf: name } : { type: 'system' };
      writes = false;
    }
  }
  let nameIndex = head.restIndex;
  while (nameIndex < colon && isMark(text.charCodeAt(nameIndex))) nameIndex++;
  return { type: 'message', kind, name, nameIndex, writes };
}

/**
 * A name as the chat shows it, as it is looked up in `--participants` and named in a new
 * account: without the direction marks WhatsApp writes around a name and inside it (an
 * Arabic name embedded in `U+202B ... U+202C` followed by an emoji keeps its closing mark
 * inside), and without spaces at its ends. Names that differ only by marks look the same.
 */
export function shownName(name: string): string {
  return stripMarks(name.replace(ALL_MARKS, ''));
}
