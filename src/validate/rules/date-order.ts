import { calendarDateIn, compareInstants } from '../../facts/time.js';
import type { Instant } from '../../model/dossier.js';
import type { WrittenCharge, WrittenExchange, WrittenExhibit } from '../../schema/dossier.js';
import { recordRule } from './rule.js';
import { outsideYearsAt } from './instant-years.js';

/** A charge period's `from` ≤ `to`. */
export const chargePeriodOrder = recordRule<WrittenCharge>()(['period'], (data, origin, ctx) => {
  if (data.period.from > data.period.to) {
    ctx.report('date-order', origin, ['period', 'to'], {
      detail: `the period ends (${data.period.to}) before it starts (${data.period.from})`,
    });
  }
});

/** An exchange's `end` ≥ `at` (true instants, to the nanosecond written). */
export const exchangeEndOrder = recordRule<WrittenExchange>()(
  ['at', 'end'],
  (data, origin, ctx) => {
    if (data.end === undefined) return;
    if (compareInstants(data.end, data.at) < 0) {
      ctx.report('date-order', origin, ['end'], {
        detail: `the exchange ends (${data.end.text}) before it starts (${data.at.text})`,
      });
    }
  },
);

/**
 * Custody events chronological (by true instant, to the nanosecond written) and none before `obtained`
 * (calendar date in the case time zone).
 */
export const custodyOrder = recordRule<WrittenExhibit>()(
  ['custody', 'obtained'],
  (data, origin, ctx) => {
    let previous: Instant | undefined;
    (data.custody ?? []).forEach((event, i) => {
      const at = event.at;
      // Out of years 0001-9999 (invalid-value already): its date compares as text wrongly.
      if (outsideYearsAt(at.epochMs, ctx.timezone) !== undefined) {
        previous = at;
        return;
      }
      const day = calendarDateIn(at, ctx.timezone);
      if (day < data.obtained) {
        ctx.report('date-order', origin, ['custody', i, 'at'], {
          detail: `custody event dated ${day} (${ctx.timezone}) is before the exhibit was obtained (${data.obtained})`,
        });
      } else if (previous && compareInstants(at, previous) < 0) {
        ctx.report('date-order', origin, ['custody', i, 'at'], {
          detail: `custody events must be in chronological order: ${at.text} comes before the previous event (${previous.text})`,
        });
      }
      previous = at;
    });
  },
);
