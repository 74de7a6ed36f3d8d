import { calendarDateIn } from '../../facts/time.js';
import type { Rule } from './rule.js';

/**
 * Dates in order: a charge period's `from` ≤ `to`; an exchange's `end` ≥ `at`;
 * custody events chronological (by true instant) and none before `obtained`
 * (calendar date in the case time zone).
 */
export const dateOrder: Rule = (ctx) => {
  const { draft } = ctx;
  for (const { data, origin } of draft.charges) {
    if (data.period.from > data.period.to) {
      ctx.report('date-order', origin, ['period', 'to'], {
        detail: `the period ends (${data.period.to}) before it starts (${data.period.from})`,
      });
    }
  }
  for (const { data, origin } of draft.exchanges) {
    if (data.end === undefined) continue;
    if (data.end.epochMs < data.at.epochMs) {
      ctx.report('date-order', origin, ['end'], {
        detail: `the exchange ends (${data.end.text}) before it starts (${data.at.text})`,
      });
    }
  }
  for (const { data, origin } of draft.evidence) {
    let previous: { ms: number; text: string } | undefined;
    (data.custody ?? []).forEach((event, i) => {
      const at = event.at;
      const day = calendarDateIn(at, draft.timezone);
      if (day < data.obtained) {
        ctx.report('date-order', origin, ['custody', i, 'at'], {
          detail: `custody event dated ${day} (${draft.timezone}) is before the exhibit was obtained (${data.obtained})`,
        });
      } else if (previous && at.epochMs < previous.ms) {
        ctx.report('date-order', origin, ['custody', i, 'at'], {
          detail: `custody events must be in chronological order: ${at.text} comes before the previous event (${previous.text})`,
        });
      }
      previous = { ms: at.epochMs, text: at.text };
    });
  }
};
