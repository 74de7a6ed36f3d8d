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
}

const ATTRIBUTE = /([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

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

/** The participant list of a call event, or undefined when the content has none. */
export function parseCallContent(content: string): CallEvent | undefined {
  const list = /<partlist\b([^>]*)>/.exec(content);
  if (!list) return undefined;
  const attrs = attributes(list[1] ?? '');
  const parts: CallPart[] = [];
  for (const part of content.matchAll(/<part\b([^>]*?)(?:\/>|>([\s\S]*?)<\/part\s*>)/g)) {
    const identity = attributes(part[1] ?? '').get('identity');
    if (identity === undefined) continue;
    const duration = /<duration>\s*([^<]*?)\s*<\/duration>/.exec(part[2] ?? '')?.[1];
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
  };
}

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
