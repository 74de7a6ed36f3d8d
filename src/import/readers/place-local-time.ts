/**
 * A wall-clock reading without an offset (a WhatsApp export's `12/03/2024, 14:05`),
 * placed in an IANA zone: the one instant it names there, or why there is none.
 */
import { utcMs } from '../../facts/zone.js';
import { offsetsOfWallTime, utcInstantText } from '../values/place-time.js';

export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

export type Placement =
  | { readonly ok: true; readonly at: string }
  /** `gap`: the clocks jumped over this time (spring forward); `overlap`: it happened twice. */
  | { readonly ok: false; readonly problem: 'gap' | 'overlap' };

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `±hh:mm` of an offset in seconds east, whole minutes (placeLocalTime writes an odd one as UTC). */
export function formatOffset(offsetSeconds: number): string {
  const sign = offsetSeconds < 0 ? '-' : '+';
  const minutes = Math.round(Math.abs(offsetSeconds) / 60);
  return `${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** The wall time as written, with the zone's offset: `2024-03-12T14:05:00+08:00`. */
function formatWall(wall: WallTime, offsetSeconds: number): string {
  return (
    `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}` +
    `T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${formatOffset(offsetSeconds)}`
  );
}

/** The instant a wall time names in `timeZone` (see offsetsOfWallTime), or why there is none. */
export function placeLocalTime(wall: WallTime, timeZone: string): Placement {
  const asUtc = utcMs(wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second);
  const valid = offsetsOfWallTime(asUtc, timeZone);
  if (valid.length === 0) return { ok: false, problem: 'gap' };
  if (valid.length > 1) return { ok: false, problem: 'overlap' };
  const offset = valid[0] ?? 0;
  // Local mean times before standard time had odd seconds (Paris +00:09:21 until 1911):
  // written as the UTC instant, as the mapping's times are, never with the offset rounded.
  if (offset % 60 !== 0) return { ok: true, at: utcInstantText(asUtc, offset) };
  return { ok: true, at: formatWall(wall, offset) };
}
