/**
 * The content of a Skype `Event/Call` message: a participant list,
 * `<partlist type="ended" alt="" callId="…"><part identity="8:live:.cid.x"><name>…</name>
 * <duration>73.52</duration></part>…</partlist>`. Only the list's type, the call id, the
 * identities and the durations are read (never the shown names).
 */

export interface CallPart {
  readonly identity: string;
  /** Seconds as written (`73.52`). */
  readonly duration?: string;
}

export interface CallEvent {
  /** `started`, `ended`, `missed`, ... */
  readonly type: string;
  readonly callId?: string;
  readonly parts: readonly CallPart[];
  /**
   * Why the list cannot be read whole, when it cannot: a `<part>` never closed, a
   * duration not written `<duration>…</duration>`. A call whose part or duration is lost
   * there would be passed over as never connected.
   */
  readonly damaged?: string;
}

/**
 * An attribute, its name starting where no name character is before it: tried from every
 * letter of a run (`AAA…A\tA=''`), the pattern was quadratic (a helper's sweep, session
 * 33: 128,000 characters took 17 s).
 */
const ATTRIBUTE = /(?<![\w.-])([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attributes(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const match of text.matchAll(ATTRIBUTE)) map.set(match[1] ?? '', match[2] ?? match[3] ?? '');
  return map;
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** A `<part …>` start tag (its attributes hold no `<`), self-closing or not. */
const PART_START = /<part\b([^<>]*?)(\/?)>/g;
const PART_END = /<\/part\s*>/g;

/**
 * The `<part>` elements of a call's content: attributes and body (up to the first
 * `</part>` after the start tag; none for `<part …/>`). An unclosed part is left out.
 * Read by hand, each text once: a single pattern looked for a part's end from every
 * `<part` of a content without one, quadratic (a helper's sweep, session 33).
 */
function* partsOf(
  content: string,
): Generator<{ attributes: string; body?: string; unclosed?: true }> {
  /** Where no `</part>` is left, once found. */
  let noEndFrom = Infinity;
  PART_START.lastIndex = 0;
  for (let start = PART_START.exec(content); start; start = PART_START.exec(content)) {
    const tagEnd = PART_START.lastIndex;
    if (start[2] === '/') {
      yield { attributes: start[1] ?? '' };
      continue;
    }
    if (tagEnd >= noEndFrom) {
      yield { attributes: start[1] ?? '', unclosed: true };
      continue;
    }
    PART_END.lastIndex = tagEnd;
    const end = PART_END.exec(content);
    if (!end) {
      noEndFrom = tagEnd;
      yield { attributes: start[1] ?? '', unclosed: true };
      continue;
    }
    yield { attributes: start[1] ?? '', body: content.slice(tagEnd, end.index) };
    PART_START.lastIndex = PART_END.lastIndex;
  }
}

/** The participant list of a call event, or undefined when the content has none. */
export function parseCallContent(content: string): CallEvent | undefined {
  const list = /<partlist\b([^>]*)>/.exec(content);
  if (!list) return undefined;
  const attrs = attributes(list[1] ?? '');
  const parts: CallPart[] = [];
  let damaged: string | undefined;
  for (const part of partsOf(content)) {
    if (part.unclosed) {
      damaged ??= 'a <part> element is not closed';
      continue;
    }
    const identity = attributes(part.attributes).get('identity');
    if (identity === undefined) continue;
    const body = part.body ?? '';
    const written = DURATION.exec(body);
    const duration = written?.[1]?.trim();
    // Any other `<duration` (with attributes, not closed, a second one) is a duration
    // not read.
    let tags = 0;
    for (let at = body.indexOf('<duration'); at >= 0; at = body.indexOf('<duration', at + 1))
      tags++;
    if (tags > (written ? 1 : 0))
      damaged ??= 'a duration is not written <duration>seconds</duration>, once';
    parts.push({
      identity: unescapeXml(identity),
      ...(duration === undefined ? {} : { duration }),
    });
  }
  const callId = attrs.get('callId');
  return {
    type: attrs.get('type') ?? '',
    ...(callId === undefined ? {} : { callId }),
    parts,
    ...(damaged === undefined ? {} : { damaged }),
  };
}

/** A part's duration as Skype writes it. */
const DURATION = /<duration>([^<]*)<\/duration>/;

/** Milliseconds of a duration in seconds written as a decimal (`73.52` -> 73520), exactly; undefined if not one. */
export function durationMs(text: string): number | undefined {
  // Leading zeros are not digits of the number (`0000000012` is 12 s).
  const match = /^0*(\d{1,9})(?:\.(\d+))?$/.exec(text);
  if (!match) return undefined;
  const fraction = (match[2] ?? '').padEnd(4, '0');
  // Milliseconds, rounded half up on the fourth decimal.
  const ms = Number(fraction.slice(0, 3)) + (Number(fraction[3]) >= 5 ? 1 : 0);
  return Number(match[1]) * 1000 + ms;
}
