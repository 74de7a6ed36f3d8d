import type {
  SessionShape,
  TimelineMark,
  TimelinePair,
  TimelineSession,
  TimelineSpec,
  TimelineTick,
} from '../blocks/timeline-chart.js';
import { TimelineBlock } from '../blocks/timeline-chart.js';
import type { RenderContext } from '../context.js';
import type { Block } from '../layout/flow.js';
import { partitionPoint } from '../../facts/search.js';
import type { TimelinePanel } from '../../facts/timeline.js';
import { timelinePanels } from '../../facts/timeline.js';
import { nextCalendarDate, startOfDayIn } from '../../facts/zone.js';
import { formatPlainNumber } from '../../locale/number.js';
import type { Exchange, Transfer } from '../../model/dossier.js';
import type { SectionOf } from '../../templates/schema.js';
import { intro, openSection, paragraph } from './common.js';

/** Above these counts a panel groups its marks by slices of days (bounded drawing cost). */
const MAX_MARKS = 30;
const MAX_SESSIONS = 40;
const MAX_PAIRS = 80;
/** Most slices a grouped panel is cut into. */
const MAX_SLICES = 62;

/** Start of every day drawn (case time zone), with its axis tick. */
function dayTicks(ctx: RenderContext, panel: TimelinePanel): TimelineTick[] {
  const ticks: TimelineTick[] = [];
  for (let day = panel.firstDay; day <= panel.lastDay; day = nextCalendarDate(day)) {
    const first = ticks.length === 0 || day.endsWith('-01');
    ticks.push({
      ms: startOfDayIn(day, ctx.facts.timezone),
      day: String(Number(day.slice(8, 10))),
      ...(first ? { month: ctx.month(day.slice(0, 7)) } : {}),
    });
  }
  return ticks;
}

/** A duration as a gap without its sign (`35 min`, `1 h 05`). */
function duration(ctx: RenderContext, ms: number): string {
  return ctx.gap(ms).replace(/^[+\u2212]/, '');
}

const sessionShape = (e: Exchange): SessionShape => (e.kind === 'video_call' ? 'video' : 'live');

/** One mark per transfer (labelled with its exact amount), one bar per session, one line per pair. */
function detailed(
  ctx: RenderContext,
  panel: TimelinePanel,
): Pick<TimelineSpec, 'marks' | 'sessions' | 'pairs'> {
  const markOf = new Map<Transfer, number>(panel.transfers.map((l, i) => [l.transfer, i]));
  const sessionOf = new Map<Exchange, number>(panel.sessions.map((e, i) => [e, i]));
  return {
    marks: panel.transfers.map((l) => ({
      ms: l.transfer.at.epochMs,
      shape: l.transfer.status,
      label: ctx.money(l.transfer.amount),
    })),
    sessions: panel.sessions.map((e) => ({
      ms: e.at.epochMs,
      shape: sessionShape(e),
      // The duration under the bar (a bar of minutes is thin on an axis of days).
      ...(e.end
        ? { endMs: e.end.epochMs, label: duration(ctx, e.end.epochMs - e.at.epochMs) }
        : {}),
    })),
    pairs: panel.links.map((link) => ({
      mark: markOf.get(link.transfer) ?? -1,
      session: sessionOf.get(link.exchange) ?? -1,
      weight: 1,
    })),
  };
}

const LEVEL: Readonly<Record<Transfer['status'], number>> = {
  completed: 0,
  attempted: 1,
  reversed: 2,
};

/** Index of the mark or bar of a key, created by `make` the first time; counts what it stands for. */
class Groups<T> {
  readonly items: T[] = [];
  readonly counts: number[] = [];
  private readonly index = new Map<string, number>();
  add(key: string, make: () => T): number {
    let i = this.index.get(key);
    if (i === undefined) {
      this.index.set(key, (i = this.items.length));
      this.items.push(make());
      this.counts.push(0);
    }
    this.counts[i] = (this.counts[i] ?? 0) + 1;
    return i;
  }
}

/**
 * Marks grouped by slices of `days` days: per slice, one mark per status (one row per
 * status) under the slice's count `×n`, and one bar per session kind (live sessions in
 * the slice's first half, video calls in its second) over the slice's session count;
 * one line per pair of groups, thicker for more pairs.
 */
function grouped(
  ctx: RenderContext,
  panel: TimelinePanel,
  starts: readonly number[],
  days: number,
): Pick<TimelineSpec, 'marks' | 'sessions' | 'pairs'> {
  const slice = (ms: number) =>
    Math.floor(Math.max(0, partitionPoint(starts, (s) => s <= ms) - 1) / days);
  const sliceStart = (i: number) => starts[i * days] ?? panel.endMs;
  const middle = (i: number) => (sliceStart(i) + sliceStart(i + 1)) / 2;
  const times = (n: number) => `×${ctx.int(n)}`;
  const marks = new Groups<TimelineMark>();
  const perSlice = new Map<number, number>();
  const markOf = new Map<Transfer, number>();
  for (const l of panel.transfers) {
    const s = slice(l.transfer.at.epochMs);
    const status = l.transfer.status;
    const make = () => ({ ms: middle(s), shape: status, label: '', level: LEVEL[status] });
    markOf.set(l.transfer, marks.add(`${s}:${status}`, make));
    perSlice.set(s, (perSlice.get(s) ?? 0) + 1);
  }
  // The slice's count over its first mark (marks are made in time order).
  const labelled = new Set<number>();
  const drawnMarks = marks.items.map((m) => {
    const s = slice(m.ms);
    if (labelled.has(s)) return m;
    labelled.add(s);
    return { ...m, label: times(perSlice.get(s) ?? 0) };
  });
  const bars = new Groups<TimelineSession>();
  const sessionsPerSlice = new Map<number, number>();
  const sessionOf = new Map<Exchange, number>();
  for (const e of panel.sessions) {
    const s = slice(e.at.epochMs);
    const shape = sessionShape(e);
    const make = () =>
      shape === 'live'
        ? { ms: sliceStart(s), endMs: middle(s), shape }
        : { ms: middle(s), endMs: sliceStart(s + 1), shape };
    sessionOf.set(e, bars.add(`${s}:${shape}`, make));
    sessionsPerSlice.set(s, (sessionsPerSlice.get(s) ?? 0) + 1);
  }
  const barLabelled = new Set<number>();
  const drawnBars = bars.items.map((b) => {
    const s = slice(b.ms);
    if (barLabelled.has(s)) return b;
    barLabelled.add(s);
    return { ...b, label: times(sessionsPerSlice.get(s) ?? 0), labelMs: middle(s) };
  });
  const pairs = new Map<string, TimelinePair>();
  for (const link of panel.links) {
    const mark = markOf.get(link.transfer) ?? -1;
    const session = sessionOf.get(link.exchange) ?? -1;
    const key = `${mark}:${session}`;
    pairs.set(key, { mark, session, weight: (pairs.get(key)?.weight ?? 0) + 1 });
  }
  return { marks: drawnMarks, sessions: drawnBars, pairs: [...pairs.values()] };
}

function panelBlock(ctx: RenderContext, panel: TimelinePanel): Block {
  const period = panel.step === 'month' ? ctx.month(panel.key) : ctx.period(panel.from, panel.to);
  const ticks = dayTicks(ctx, panel);
  const busy =
    panel.transfers.length > MAX_MARKS ||
    panel.sessions.length > MAX_SESSIONS ||
    panel.links.length > MAX_PAIRS;
  const days = busy ? Math.max(1, Math.ceil(ticks.length / MAX_SLICES)) : 0;
  const drawn = busy
    ? grouped(
        ctx,
        panel,
        ticks.map((t) => t.ms),
        days,
      )
    : detailed(ctx, panel);
  return new TimelineBlock({
    startMs: panel.startMs,
    endMs: panel.endMs,
    ticks,
    ...drawn,
    transferLane: ctx.label('timeline.transfers'),
    sessionLane: ctx.label('timeline.sessions'),
    axis: ctx.label('timeline.axis', { timezone: ctx.facts.timezone }),
    legend: [
      { key: 'completed', text: ctx.enumLabel('status', 'completed') },
      { key: 'attempted', text: ctx.enumLabel('status', 'attempted') },
      { key: 'reversed', text: ctx.enumLabel('status', 'reversed') },
      { key: 'live', text: ctx.enumLabel('exchange_kind', 'live_session') },
      { key: 'video', text: ctx.enumLabel('exchange_kind', 'video_call') },
      { key: 'open', text: ctx.label('timeline.no_end') },
      { key: 'pair', text: ctx.label('timeline.pair') },
    ],
    alt: ctx.label('timeline.alt', {
      transfers: ctx.int(panel.transfers.length),
      sessions: ctx.int(panel.sessions.length),
      pairs: ctx.int(panel.links.length),
      period,
    }),
    caption: ctx.label('timeline.caption', { period }),
    ...(busy ? { note: ctx.label('timeline.grouped', { days: ctx.int(days) }) } : {}),
  });
}

/** The payment / session timeline: one figure per month with activity (or quarter, year). */
export function timelineSection(ctx: RenderContext, section: SectionOf<'timeline'>): Block[] {
  const blocks = openSection(ctx, section, 'section.timeline');
  const panels = timelinePanels(ctx.facts, ctx.dossier.exchanges);
  if (panels.length === 0) return [...blocks, paragraph(ctx.label('timeline.empty'))];
  const window = ctx.label('hours_window', {
    hours: formatPlainNumber(ctx.facts.correlation.windowHours, ctx.lang),
  });
  blocks.push(
    intro(ctx.label('timeline.intro', { timezone: ctx.facts.timezone, window }), {
      spaceAfter: 6,
    }),
  );
  for (const panel of panels) blocks.push(panelBlock(ctx, panel));
  return blocks;
}
