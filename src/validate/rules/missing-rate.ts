import { shorten } from '../../diagnostics/messages.js';
import { compareDecimal, parseDecimal } from '../../facts/decimal.js';
import { calendarDateIn, earliestCalendarDate } from '../../facts/time.js';
import { amountText } from './amount-precision.js';
import type { Origin } from '../../model/dossier.js';
import { outsideYearsAt } from './instant-years.js';
import type { Rule } from './rule.js';

/**
 * Every completed transfer in a foreign currency has a rate of that currency dated on
 * or before its calendar date in the case time zone. Two different rates for the same
 * currency and date are ambiguous (invalid-value).
 */
export const missingRate: Rule = (ctx) => {
  const { draft } = ctx;
  const dates = new Map<string, string[]>();
  const seen = new Map<string, string>();
  for (const { data, origin } of draft.rates) {
    const key = `${data.currency} ${data.date}`;
    const text = amountText(data.rate);
    const previous = seen.get(key);
    if (previous !== undefined) {
      const a = parseDecimal(previous);
      const b = parseDecimal(text);
      if (!a || !b || compareDecimal(a, b) !== 0) {
        ctx.report('invalid-value', origin, ['rate'], {
          detail: `a different ${data.currency} rate (${shorten(previous)}) is already declared for ${data.date}`,
        });
      }
      continue;
    }
    seen.set(key, text);
    const list = dates.get(data.currency);
    if (list) list.push(data.date);
    else dates.set(data.currency, [data.date]);
  }
  const earliest = new Map([...dates].map(([c, ds]) => [c, ds.reduce((a, b) => (a < b ? a : b))]));
  const check = (status: string, currency: string, epochMs: number, origin: () => Origin) => {
    if (status !== 'completed' || currency === draft.currency) return;
    // Out of years 0001-9999: invalid-value already (a rate dated "10000-01-01" means nothing).
    if (outsideYearsAt(epochMs, draft.timezone) !== undefined) return;
    const first = earliest.get(currency);
    // A rate dated on or before the instant's earliest date in any zone covers it: the
    // case zone's offsets are read only for a transfer near its currency's first rate.
    if (first !== undefined && first <= earliestCalendarDate(epochMs)) return;
    const day = calendarDateIn(epochMs, draft.timezone);
    if (first === undefined || first > day) {
      ctx.report('missing-rate', origin(), ['currency'], {
        currency,
        date: day,
        timezone: draft.timezone,
        reporting: draft.currency,
      });
    }
  };
  const { transfers } = draft;
  for (let row = 0; row < transfers.length; row++) {
    check(transfers.status(row), transfers.currency(row), transfers.epochMs(row), () =>
      transfers.origin(row),
    );
  }
  // Transfers that failed their schema, when the fields this check reads passed theirs.
  for (const { data, origin } of draft.partial.transfers) {
    const { status, currency, at } = data;
    if (status !== undefined && currency !== undefined && at !== undefined)
      check(status, currency, at.epochMs, () => origin);
  }
};
