/**
 * The payment / session timeline, split into panels that each fit one figure: one per
 * month with activity (in the case time zone), or per quarter or year when there are too
 * many months. A panel holds the transfers of its period (every status), the sessions
 * (`live_session`, `video_call`) of its period, and the linked pairs whose transfer is in
 * it; a pair whose session lies in a neighbouring period stretches the panel to that
 * session's day, and the session is drawn there too (so every pair is drawn whole). A
 * session's end never stretches a panel (its bar stops at the panel's end).
 */
import type { CalendarDate, Exchange } from '../model/dossier.js';
import { SESSION_KINDS } from './correlate.js';
import type { CorrelationLink, DossierFacts, TransferLine } from './types.js';
import { calendarDateIn, compareByInstantThenId } from './time.js';
import { endOfDayIn, startOfDayIn } from './zone.js';

/** Most panels (figures) the timeline is split into, unless it spans more years than that. */
export const MAX_TIMELINE_PANELS = 24;

/** The length of a panel's period. */
export type TimelineStep = 'month' | 'quarter' | 'year';

export interface TimelinePanel {
  /** `YYYY-MM`, `YYYY-Qn` or `YYYY`. */
  readonly key: string;
  readonly step: TimelineStep;
  /** First and last day of the period (case time zone). */
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  /** First and last day drawn: the period, stretched to the sessions of its pairs. */
  readonly firstDay: CalendarDate;
  readonly lastDay: CalendarDate;
  /** Start of `firstDay` and end (exclusive) of `lastDay`, epoch ms. */
  readonly startMs: number;
  readonly endMs: number;
  /** Transfers of the period, every status, by true instant then id. */
  readonly transfers: readonly TransferLine[];
  /** Sessions drawn: those of the period and the partners of its pairs, by instant then id. */
  readonly sessions: readonly Exchange[];
  /** Pairs whose transfer is in the period, in correlation order. */
  readonly links: readonly CorrelationLink[];
}

function periodKey(date: CalendarDate, step: TimelineStep): string {
  if (step === 'year') return date.slice(0, 4);
  if (step === 'month') return date.slice(0, 7);
  return `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
}

/** First and last day of a period key. */
function periodDays(key: string, step: TimelineStep): [CalendarDate, CalendarDate] {
  const year = key.slice(0, 4);
  const [m1, m2] =
    step === 'year'
      ? [1, 12]
      : step === 'month'
        ? [Number(key.slice(5, 7)), Number(key.slice(5, 7))]
        : [Number(key.slice(6)) * 3 - 2, Number(key.slice(6)) * 3];
  const last = new Date(Date.UTC(Number(year), m2, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return [`${year}-${pad(m1)}-01`, `${year}-${pad(m2)}-${pad(last)}`];
}

interface Bucket {
  transfers: TransferLine[];
  sessions: Map<Exchange, CalendarDate>;
  links: CorrelationLink[];
  firstDay: CalendarDate;
  lastDay: CalendarDate;
}

const compareSessions: (a: Exchange, b: Exchange) => number = compareByInstantThenId;

/** The timeline's panels, in chronological order (none when there is no transfer or session). */
export function timelinePanels(
  facts: DossierFacts,
  exchanges: readonly Exchange[],
): TimelinePanel[] {
  const tz = facts.timezone;
  const sessions = exchanges.filter((e) => SESSION_KINDS.has(e.kind));
  const sessionDay = new Map(sessions.map((s) => [s, calendarDateIn(s.at, tz)] as const));
  const days = [...facts.transfers.map((t) => t.date), ...sessionDay.values()];
  if (days.length === 0) return [];
  // Over 24 years with activity, one figure per year all the same.
  const step =
    (['month', 'quarter'] as const).find(
      (s) => new Set(days.map((d) => periodKey(d, s))).size <= MAX_TIMELINE_PANELS,
    ) ?? 'year';
  const buckets = new Map<string, Bucket>();
  const bucket = (day: CalendarDate): Bucket => {
    const key = periodKey(day, step);
    let b = buckets.get(key);
    if (!b) {
      const [from, to] = periodDays(key, step);
      buckets.set(
        key,
        (b = { transfers: [], sessions: new Map(), links: [], firstDay: from, lastDay: to }),
      );
    }
    return b;
  };
  const addSession = (b: Bucket, s: Exchange) => {
    const day = sessionDay.get(s) ?? '';
    b.sessions.set(s, day);
    b.firstDay = minDate(b.firstDay, day);
    b.lastDay = maxDate(b.lastDay, day);
  };
  for (const line of facts.transfers) bucket(line.date).transfers.push(line);
  for (const s of sessions) addSession(bucket(sessionDay.get(s) ?? ''), s);
  const lineDate = new Map(facts.transfers.map((l) => [l.transfer, l.date] as const));
  for (const link of facts.correlation.links) {
    const b = bucket(lineDate.get(link.transfer) ?? calendarDateIn(link.transfer.at, tz));
    b.links.push(link);
    addSession(b, link.exchange);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, b]) => {
      const [from, to] = periodDays(key, step);
      return {
        key,
        step,
        from,
        to,
        firstDay: b.firstDay,
        lastDay: b.lastDay,
        startMs: startOfDayIn(b.firstDay, tz),
        endMs: endOfDayIn(b.lastDay, tz) + 1,
        transfers: b.transfers,
        sessions: [...b.sessions.keys()].sort(compareSessions),
        links: b.links,
      };
    });
}

function minDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a < b ? a : b;
}
function maxDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a > b ? a : b;
}
