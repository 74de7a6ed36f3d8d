/**
 * Correlation of payments with live sessions, as the format defines it: a
 * `live_session` or `video_call` exchange is linked to a completed transfer when one
 * of its accounts (`from` or any `to`) is held by the transfer's sender person and it
 * starts within the window either side of the transfer's instant (bounds inclusive,
 * exact to the nanosecond written: 48 h and 100 ns after is outside a 48 h window).
 *
 * Sessions are indexed by holder person and sorted by instant; each transfer binary
 * searches the start of its window, so the cost is O((T + S) log S + links).
 */
import type { Exchange } from '../model/dossier.js';
import { decimalToString, normalizeDecimal } from './decimal.js';
import { decimalParts } from './decimal-parts.js';
import type { PartyIndex } from './parties.js';
import { holderOf } from './parties.js';
import type { Correlation, CorrelationLink, TransferLine } from './types.js';
import { partitionPoint } from './search.js';
import { compareIds } from './time.js';

/** Default correlation window either side of a transfer, in hours. */
export const DEFAULT_WINDOW_HOURS = 48;

/** Exchange kinds that count as sessions. */
export const SESSION_KINDS: ReadonlySet<Exchange['kind']> = new Set(['live_session', 'video_call']);

/** Nanoseconds in an hour. */
const HOUR_NANOS = 3_600_000_000_000n;

/**
 * The window as whole milliseconds and the nanoseconds beyond them (0 to 999,999): the
 * hours as written (the number's shortest decimal form: `0.99999999`, not the binary
 * fraction nearest to it) times 3,600,000,000,000 ns, rounded down: gaps are whole
 * nanoseconds, so a gap is within the window exactly when it is within its floor.
 * Throws RangeError unless hours is a finite number > 0.
 */
export function windowOf(windowHours: number): { ms: number; ns: number } {
  const parts = decimalParts(String(windowHours));
  if (!Number.isFinite(windowHours) || windowHours <= 0 || parts === undefined) {
    throw new RangeError(
      `the correlation window must be a positive number of hours, not ${windowHours}`,
    );
  }
  const { digits, exponent } = parts;
  const nanos =
    exponent >= 0
      ? digits * HOUR_NANOS * 10n ** BigInt(exponent)
      : (digits * HOUR_NANOS) / 10n ** BigInt(-exponent);
  // Beyond ~300,000 years every instant of a dossier is within: no need for more.
  const capped = nanos > 10n ** 25n ? 10n ** 25n : nanos;
  return { ms: Number(capped / 1_000_000n), ns: Number(capped % 1_000_000n) };
}

/** The window in whole milliseconds, rounded down (windowOf). */
export function windowMsOf(windowHours: number): number {
  return windowOf(windowHours).ms;
}

interface Session {
  readonly epochMs: number;
  /** Nanoseconds beyond `epochMs`. */
  readonly ns: number;
  readonly exchange: Exchange;
  readonly order: number;
}

/** Sessions by holder person, each list sorted by instant, id, then dossier order. */
function indexSessions(
  exchanges: readonly Exchange[],
  parties: PartyIndex,
): Map<string, Session[]> {
  const byHolder = new Map<string, Session[]>();
  exchanges.forEach((exchange, order) => {
    if (!SESSION_KINDS.has(exchange.kind)) return;
    const holders = new Set<string>();
    for (const account of [exchange.from, ...exchange.to]) {
      const holder = holderOf(parties, account);
      if (holder !== undefined) holders.add(holder);
    }
    for (const holder of holders) {
      const at = exchange.at;
      const session = { epochMs: at.epochMs, ns: at.subMsNanos ?? 0, exchange, order };
      const list = byHolder.get(holder);
      if (list) list.push(session);
      else byHolder.set(holder, [session]);
    }
  });
  for (const list of byHolder.values()) {
    list.sort(
      (a, b) =>
        a.epochMs - b.epochMs ||
        a.ns - b.ns ||
        compareIds(a.exchange.id, b.exchange.id) ||
        a.order - b.order,
    );
  }
  return byHolder;
}

/** Index of the first session starting at or after `epochMs` + `ns` nanoseconds. */
function firstAtOrAfter(sessions: readonly Session[], epochMs: number, ns: number): number {
  return partitionPoint(
    sessions,
    (session) => session.epochMs < epochMs || (session.epochMs === epochMs && session.ns < ns),
  );
}

/**
 * `later − earlier` as whole milliseconds (toward zero) and the nanoseconds left, of the
 * same sign: the gap of a link (the nanoseconds only when not 0).
 */
function gapOf(dMs: number, dNs: number): { gapMs: number; gapNanos?: number } {
  if (dNs === 0) return { gapMs: dMs };
  if (dMs > 0 && dNs < 0) return { gapMs: dMs - 1, gapNanos: dNs + 1_000_000 };
  if (dMs < 0 && dNs > 0) return { gapMs: dMs + 1, gapNanos: dNs - 1_000_000 };
  return { gapMs: dMs, gapNanos: dNs };
}

/** Link completed transfers (lines in chronological order) to the sessions of their sender. */
export function correlateSessions(
  lines: readonly TransferLine[],
  exchanges: readonly Exchange[],
  parties: PartyIndex,
  windowHours: number = DEFAULT_WINDOW_HOURS,
): Correlation {
  const window = windowOf(windowHours);
  const windowMs = window.ms;
  const sessionsByHolder = indexSessions(exchanges, parties);
  const links: CorrelationLink[] = [];
  let linkedTransfers = 0;
  let unlinkedTransfers = 0;
  for (const line of lines) {
    if (!line.counted) continue;
    // An account nobody is known to hold has no person to match sessions with.
    const sessions =
      line.sender.kind === 'person' ? sessionsByHolder.get(line.sender.id) : undefined;
    const before = links.length;
    if (sessions) {
      const instant = line.transfer.at;
      const at = instant.epochMs;
      const ns = instant.subMsNanos ?? 0;
      // The bounds, each as milliseconds and the nanoseconds beyond them (0 to 999,999).
      let firstMs = at - windowMs;
      let firstNs = ns - window.ns;
      if (firstNs < 0) [firstMs, firstNs] = [firstMs - 1, firstNs + 1_000_000];
      let lastMs = at + windowMs;
      let lastNs = ns + window.ns;
      if (lastNs >= 1_000_000) [lastMs, lastNs] = [lastMs + 1, lastNs - 1_000_000];
      for (let i = firstAtOrAfter(sessions, firstMs, firstNs); i < sessions.length; i++) {
        const session = sessions[i] as Session;
        if (session.epochMs > lastMs || (session.epochMs === lastMs && session.ns > lastNs)) break;
        const link = {
          transfer: line.transfer,
          exchange: session.exchange,
          person: line.sender.id,
          gapMs: session.epochMs - at,
        };
        const dNs = session.ns - ns;
        links.push(dNs === 0 ? link : { ...link, ...gapOf(link.gapMs, dNs) });
      }
    }
    if (links.length > before) linkedTransfers++;
    else unlinkedTransfers++;
  }
  return {
    windowHours,
    windowMs,
    ...(window.ns === 0 ? {} : { windowNanos: window.ns }),
    links,
    linkedTransfers,
    unlinkedTransfers,
  };
}

/** A link's gap in seconds as exact decimal text (`172800`, `-0.5`, `3600.0000008`). */
export function gapSecondsText(link: Pick<CorrelationLink, 'gapMs' | 'gapNanos'>): string {
  const { gapMs, gapNanos } = link;
  const exact =
    gapNanos === undefined
      ? { units: BigInt(gapMs), scale: 3 }
      : { units: BigInt(gapMs) * 1_000_000n + BigInt(gapNanos), scale: 9 };
  return decimalToString(normalizeDecimal(exact));
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * A signed gap as days and a clock (the ASCII form of `summary --json`; documents use
 * formatGap of src/locale/date.ts), `+1 d 02:30` / `-0 d 05:00` (`dayUnit` replaces
 * `d`); seconds shown when not zero (`+0 d 00:00:30`), milliseconds dropped toward zero.
 */
export function gapText(ms: number, dayUnit = 'd'): string {
  const totalSeconds = Math.floor(Math.abs(ms) / 1000);
  const sign = ms < 0 && totalSeconds > 0 ? '-' : '+'; // no negative zero: -0.5 s is `+0 d 00:00`
  const days = Math.floor(totalSeconds / 86_400);
  const clock = `${pad2(Math.floor((totalSeconds % 86_400) / 3600))}:${pad2(Math.floor((totalSeconds % 3600) / 60))}`;
  const seconds = totalSeconds % 60;
  return `${sign}${days} ${dayUnit} ${clock}${seconds ? `:${pad2(seconds)}` : ''}`;
}
