import { offsetSecondsAt, utcMs } from '../../facts/zone.js';
import type { WallTime } from './date-pattern.js';

const DAY_MS = 86_400_000;

/** An instant text with the wall time as read and its offset, or why it cannot be placed. */
export type Placed =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
/** `00`…`99`: the two digits of a month, day, hour, minute or second without a new string a row. */
const TWO = Array.from({ length: 100 }, (_, n) => pad(n));
const two = (n: number): string => TWO[n] ?? pad(n);

/** `+hh:mm` per offset in minutes (a zone has a few): made once each. */
const offsetTexts = new Map<number, string>();

function offsetText(minutes: number, zulu = true): string {
  if (minutes === 0 && zulu) return 'Z';
  let text = offsetTexts.get(minutes);
  if (text === undefined) {
    const a = Math.abs(minutes);
    text = `${minutes < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
    offsetTexts.set(minutes, text);
  }
  return text;
}

/**
 * Per zone and wall day (the wall clock's days since 1970-01-01): `[offset]` when the
 * zone's offset stays the same from two days before that day to three days after it,
 * else null. Every wall time of such a day then has that one offset (offsetsOfWallTime
 * would find it from each of its three candidates, and its check falls in the same
 * span): one lookup a row instead of five offset lookups, a set and a filter.
 */
const steadyDays = new Map<string, Map<number, readonly number[] | null>>();

function steadyOffset(wallDay: number, zone: string): readonly number[] | undefined {
  let days = steadyDays.get(zone);
  if (days === undefined) steadyDays.set(zone, (days = new Map()));
  let steady = days.get(wallDay);
  if (steady === undefined) {
    // Zones change their offset at most once a day (offsetSecondsAt): the same offset at
    // both ends of each UTC day of the span means none changed it inside the span.
    const first = offsetSecondsAt((wallDay - 2) * DAY_MS, zone);
    let same = true;
    for (let d = wallDay - 2; same && d < wallDay + 3; d++)
      same =
        offsetSecondsAt(d * DAY_MS, zone) === first &&
        offsetSecondsAt(d * DAY_MS + DAY_MS - 1, zone) === first;
    steady = same ? Object.freeze([first]) : null;
    days.set(wallDay, steady);
  }
  return steady ?? undefined;
}

/**
 * The offsets (seconds east of UTC) under which a wall time is a reading in `zone`: one,
 * none where the clocks jumped over it, two where it happened twice. `wallMs` is the wall
 * time read as if it were UTC. The candidates are the offsets in force a day before, at and
 * a day after it (zones never change offset twice within two days).
 */
export function offsetsOfWallTime(wallMs: number, zone: string): readonly number[] {
  const steady = steadyOffset(Math.floor(wallMs / DAY_MS), zone);
  if (steady !== undefined) return steady;
  const candidates = new Set([
    offsetSecondsAt(wallMs - DAY_MS, zone),
    offsetSecondsAt(wallMs, zone),
    offsetSecondsAt(wallMs + DAY_MS, zone),
  ]);
  return [...candidates].filter((o) => offsetSecondsAt(wallMs - o * 1000, zone) === o);
}

/**
 * `2018-02-03T14:22:00+01:00`: the wall time as the source shows it, with its own offset
 * when it has one, else the offset `zone` had then. A wall time that the zone skips
 * (clocks go forward) or shows twice (clocks go back) cannot be placed: which instant
 * is meant is not written anywhere, and courtfile does not guess.
 */
export function placeWallTime(t: WallTime, zone: string | undefined): Placed {
  const wall =
    `${t.year >= 1000 && t.year <= 9999 ? t.year : pad(t.year, 4)}-${two(t.month)}-${two(t.day)}T${two(t.hour)}:${two(t.minute)}:${two(t.second)}` +
    (t.fraction === '' ? '' : `.${t.fraction}`);
  if (t.offsetMinutes !== undefined) return { ok: true, text: wall + offsetText(t.offsetMinutes) };
  if (zone === undefined)
    return {
      ok: false,
      message: `${wall.replace('T', ' ')} has no offset and no zone is given: set zone in the mapping or --zone`,
    };
  // Whole milliseconds are enough to find the offset: zones change it on whole seconds.
  // (This runs for every row of an export: no string is made for what only a message shows.)
  const ms = t.fraction === '' ? 0 : Number(t.fraction.slice(0, 3).padEnd(3, '0'));
  const wallMs = utcMs(t.year, t.month, t.day, t.hour, t.minute, t.second, ms);
  const valid = offsetsOfWallTime(wallMs, zone);
  if (valid.length === 0)
    return {
      ok: false,
      message: `${wall.replace('T', ' ')} does not exist in ${zone} (clocks went forward)`,
    };
  if (valid.length > 1)
    return {
      ok: false,
      message: `${wall.replace('T', ' ')} happened twice in ${zone} (clocks went back): the source must give the offset`,
    };
  const seconds = valid[0]!;
  if (seconds % 60 !== 0)
    return { ok: true, text: utcInstantText(wallMs - ms, seconds, t.fraction) };
  return { ok: true, text: wall + offsetText(seconds / 60, false) };
}

/**
 * A wall time read in whole seconds (`wallMs`, as if UTC) under an offset of odd seconds
 * (a historical local mean time: Paris +00:09:21 until 1911), which an instant's `±hh:mm`
 * cannot write: its UTC instant, `…Z`. The offset is whole seconds, so the fraction as
 * written (`fraction`, digits) is the UTC instant's too.
 */
export function utcInstantText(wallMs: number, offsetSeconds: number, fraction = ''): string {
  const iso = new Date(wallMs - offsetSeconds * 1000).toISOString();
  return iso.replace(/\.000Z$/, fraction === '' ? 'Z' : `.${fraction}Z`);
}
