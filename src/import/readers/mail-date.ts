/**
 * RFC 5322 `Date:` header values, with the obsolete forms RFC 5322 section 4.3 still
 * asks readers to accept: 2- and 3-digit years, and the zones `UT`, `GMT`, `EST`/`EDT`,
 * `CST`/`CDT`, `MST`/`MDT`, `PST`/`PDT`. Other zone names (military letters but `Z`,
 * `CET`, `BST`...) are ambiguous or unspecified and are refused.
 */
import { parseInstant } from '../../facts/time.js';
import { EN_MONTHS } from '../../locale/date.js';
import { formatOffset, placeLocalTime } from './place-local-time.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Offsets of the named zones RFC 5322 defines, in hours. */
const NAMED_ZONES: Readonly<Record<string, number>> = {
  UT: 0,
  GMT: 0,
  Z: 0,
  EST: -5,
  EDT: -4,
  CST: -6,
  CDT: -5,
  MST: -7,
  MDT: -6,
  PST: -8,
  PDT: -7,
};

// The day of the week, when written, is a day's name (RFC 5322: `Thu,`; obsolete mail
// also writes it whole, `Thursday,`, or as `Tues`, `Thur`, `Thurs`): any other word before
// the date (`Thux`, `Wednesdayish`) is refused.
const DATE =
  /^(?:(?:Mon(?:day)?|Tue(?:s|sday)?|Wed(?:nesday)?|Thu(?:r|rs|rsday)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)\s*,?\s*)?(\d{1,2})\s*([A-Za-z]+)\s*(\d{2,4})\s+(\d{1,2})\s*:\s*(\d{2})(?:\s*:\s*(\d{2}))?(?:\s+([+-]\d{4}|[A-Za-z]+))?$/i;

export type MailDate =
  | {
      readonly ok: true;
      readonly at: string;
      /** The day of the week written is not the date's (RFC 5322 3.3: it MUST be): why. */
      readonly weekday?: string;
    }
  | { readonly ok: false; readonly code: 'import-value' | 'import-time'; readonly message: string };

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * Why the day of the week written before the date is not that date's, if it is not (the
 * date is still read as written: the weekday is the redundant part, but a header whose
 * parts disagree was written by hand or altered, which an investigator must know).
 */
function weekdayProblem(
  bare: string,
  wall: { year: number; month: number; day: number },
): string | undefined {
  const written = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)/i.exec(bare)?.[1];
  if (written === undefined) return undefined;
  // setUTCFullYear: Date.UTC reads years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  const actual = date.getUTCDay();
  const name = WEEKDAYS[actual]!;
  if (name.slice(0, 3).toLowerCase() === written.toLowerCase()) return undefined;
  const given = WEEKDAYS.find((d) => d.slice(0, 3).toLowerCase() === written.toLowerCase())!;
  return `the day of the week given, ${given}, is not that of ${wall.day} ${EN_MONTHS[wall.month - 1]} ${wall.year}, a ${name}: the date is read as written`;
}

/**
 * The instant of a Date header, written with the offset it gives (`2024-03-14T10:05:00+01:00`).
 * A date without a zone is placed in `zone` when there is one.
 */
export function parseMailDate(text: string, zone?: string): MailDate {
  const bare = text
    .replace(/\([^()]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const match = DATE.exec(bare);
  const month = match ? MONTHS.indexOf((match[2] ?? '').slice(0, 3).toLowerCase()) + 1 : 0;
  if (!match || month === 0 || (match[2] ?? '').length > 9)
    return { ok: false, code: 'import-value', message: `"${bare}" is not an RFC 5322 date` };
  const written = match[3] ?? '';
  const y = Number(written);
  const year =
    written.length === 2 ? (y < 50 ? 2000 + y : 1900 + y) : written.length === 3 ? 1900 + y : y;
  const wall = {
    year,
    month,
    day: Number(match[1]),
    hour: Number(match[4]),
    minute: Number(match[5]),
    second: Number(match[6] ?? 0),
  };
  const local =
    `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}` +
    `T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
  const zoneText = match[7];
  let offset: string;
  if (zoneText === undefined) {
    if (zone === undefined)
      return { ok: false, code: 'import-time', message: 'this date has no zone: give --zone' };
    if (!parseInstant(`${local}Z`))
      return { ok: false, code: 'import-value', message: `"${bare}" is not a real date and time` };
    const placed = placeLocalTime(wall, zone);
    if (!placed.ok)
      return {
        ok: false,
        code: 'import-time',
        message: `this time ${placed.problem === 'gap' ? 'does not exist' : 'happened twice'} in ${zone}`,
      };
    return withWeekday(placed.at, weekdayProblem(bare, wall));
  } else if (/^[+-]\d{4}$/.test(zoneText)) {
    offset = `${zoneText.slice(0, 3)}:${zoneText.slice(3)}`;
    if (offset === '-00:00') offset = '+00:00'; // UTC, local zone unknown (RFC 5322 3.3)
  } else {
    const hours = NAMED_ZONES[zoneText.toUpperCase()];
    if (hours === undefined)
      return {
        ok: false,
        code: 'import-value',
        message: `the zone "${zoneText}" is ambiguous or unknown`,
      };
    offset = formatOffset(hours * 3600);
  }
  const at = `${local}${offset}`;
  if (!parseInstant(at))
    return { ok: false, code: 'import-value', message: `"${bare}" is not a real date and time` };
  return withWeekday(at, weekdayProblem(bare, wall));
}

function withWeekday(at: string, weekday: string | undefined): MailDate {
  return weekday === undefined ? { ok: true, at } : { ok: true, at, weekday };
}
