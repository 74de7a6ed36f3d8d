import { UsageError } from '../errors.js';
import type { CalendarDate } from '../model/dossier.js';

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** 9999-12-31T23:59:59Z in seconds since 1970: the last instant of a four-digit year. */
const LAST_EPOCH = 253_402_300_799;

/**
 * The generation date of a document: `--date` when given (checked), else the UTC date of
 * `SOURCE_DATE_EPOCH` (seconds since 1970, reproducible builds convention) when set,
 * else today's UTC date.
 */
export function resolveGenerationDate(
  date: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  now: () => Date = () => new Date(),
): CalendarDate {
  if (date !== undefined) {
    if (!isCalendarDate(date))
      throw new UsageError(`--date: expected a real date YYYY-MM-DD, got "${date}"`);
    return date;
  }
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch))
      throw new UsageError(
        `SOURCE_DATE_EPOCH: expected a whole number of seconds since 1970-01-01, got "${epoch}"`,
      );
    // (Digits compared as a number only when few enough to be exact.)
    if (epoch.replace(/^0+/, '').length > 12 || Number(epoch) > LAST_EPOCH)
      throw new UsageError(
        `SOURCE_DATE_EPOCH: ${epoch} seconds is after 9999-12-31, the last date a document can print`,
      );
    return new Date(Number(epoch) * 1000).toISOString().slice(0, 10);
  }
  return now().toISOString().slice(0, 10);
}
