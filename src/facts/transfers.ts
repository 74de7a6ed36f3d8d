/**
 * Transfer lines (each transfer with its case-tz date, parties and conversion) and
 * the grand total, which is the exact sum of the rounded converted lines.
 */
import type { CalendarDate, Dossier, Instant, Money, Transfer } from '../model/dossier.js';
import { ToolError } from '../errors.js';
import { convertMoney } from './money.js';
import type { Party, PartyIndex } from './parties.js';
import { resolveParty } from './parties.js';
import type { AppliedRate, RateBook } from './rates.js';
import { rateForTransfer } from './rates.js';
import { compareIds } from './time.js';
import type { TransferEvent, TransferLine, TransferTotals } from './types.js';
import { zonedTime, type ZonedTime } from './zone.js';

/** `YYYY-MM` of a date: one string per month, not one per line. */
const months = new Map<string, string>();
function monthOf(date: string): string {
  let month = months.get(date);
  if (month === undefined) {
    month = date.slice(0, 7);
    if (months.size < 100_000) months.set(date, month);
  }
  return month;
}

/** What the lines of one build share (kept once, read by their getters). */
interface LineContext {
  readonly timezone: string;
  readonly currency: string;
  readonly parties: PartyIndex;
}

/**
 * A transfer line, which is also the transfer's chronology event (`kind`, `id`,
 * `epochMs`, `instant`, `line`): the render holds the lines and the chronology until its
 * last page, so a line keeps only what cannot be read again cheaply (its record, its
 * case-zone date, its rate and its converted amount at a declared rate) and reads the
 * rest when asked: the wall-clock reading (a ZonedTime per line was ~90 bytes × 50,000
 * transfers), the month (one string per month), the parties (resolved through the
 * party index's cache), whether it counts. One class, so one object shape for every line.
 */
class Line implements TransferLine, TransferEvent {
  /**
   * The converted amount at a declared rate, in minor units of the reporting currency:
   * a number when it is a safe integer (no Money and bigint kept), else the Money.
   * (Private fields: not among the line's own keys when it is listed or spread.)
   */
  readonly #declared: number | Money | undefined;
  readonly #context: LineContext;
  constructor(
    readonly transfer: Transfer,
    readonly date: CalendarDate,
    readonly rate: AppliedRate | undefined,
    declared: number | Money | undefined,
    context: LineContext,
  ) {
    this.#declared = declared;
    this.#context = context;
  }
  get kind(): 'transfer' {
    return 'transfer';
  }
  get id(): string {
    return this.transfer.id;
  }
  get instant(): Instant {
    return this.transfer.at;
  }
  get epochMs(): number {
    return this.transfer.at.epochMs;
  }
  get line(): TransferLine {
    return this;
  }
  get month(): string {
    return monthOf(this.date);
  }
  get counted(): boolean {
    return this.transfer.status === 'completed';
  }
  get sender(): Party {
    return resolveParty(this.#context.parties, this.transfer.from);
  }
  get beneficiary(): Party {
    return resolveParty(this.#context.parties, this.transfer.to);
  }
  get local(): ZonedTime {
    return zonedTime(this.transfer.at.epochMs, this.#context.timezone);
  }
  /**
   * Read from the record when the transfer is in the reporting currency (most lines):
   * not kept per line (a Money and its bigint, ~2 MB at 32,000 such lines).
   */
  get converted(): Money | undefined {
    if (this.rate?.kind === 'identity') return this.transfer.amount;
    const declared = this.#declared;
    return typeof declared === 'number'
      ? { minor: BigInt(declared), currency: this.#context.currency }
      : declared;
  }
  /** The line's fields and, as a chronology event, the event's (getters are not in JSON by themselves). */
  toJSON(): object {
    const { kind, id, epochMs, instant, transfer, local, date, month } = this;
    const { sender, beneficiary, counted, rate, converted } = this;
    return {
      kind,
      id,
      epochMs,
      local,
      instant,
      transfer,
      date,
      month,
      sender,
      beneficiary,
      counted,
      ...(rate ? { rate } : {}),
      ...(converted ? { converted } : {}),
    };
  }
}

/** A converted amount as a line keeps it (see Line.declared). */
function keptMinor(money: Money): number | Money {
  const n = Number(money.minor);
  return Number.isSafeInteger(n) ? n : money;
}

/** Lines for all transfers, sorted by true instant, then id, then dossier order. */
export function buildTransferLines(
  dossier: Dossier,
  parties: PartyIndex,
  book: RateBook,
): TransferLine[] {
  const { timezone, currency } = dossier.case;
  const context: LineContext = { timezone, currency, parties };
  const lines = dossier.transfers.map((transfer): Line => {
    const local = zonedTime(transfer.at.epochMs, timezone);
    const counted = transfer.status === 'completed';
    const rate = rateForTransfer(book, transfer, local.date, currency);
    if (counted && !rate) {
      // The validator reports this as `missing-rate`; reaching here is a fault of the tool.
      throw new ToolError(
        `no ${transfer.amount.currency} rate on or before ${local.date} for transfer ${transfer.id}`,
      );
    }
    const converted =
      rate === undefined || rate.kind === 'identity'
        ? undefined
        : convertMoney(transfer.amount, rate.rate.rate, currency);
    return new Line(
      transfer,
      local.date,
      rate,
      converted === undefined ? undefined : keptMinor(converted),
      context,
    );
  });
  // Decorate-sort-undecorate: flat keys sort about 3x faster than nested property reads.
  const keyed = lines.map((line, order) => {
    const at = line.transfer.at;
    return { ms: at.epochMs, ns: at.subMsNanos ?? 0, id: line.transfer.id, order, line };
  });
  keyed.sort((a, b) => a.ms - b.ms || a.ns - b.ns || compareIds(a.id, b.id) || a.order - b.order);
  return keyed.map((k) => k.line);
}

/** The converted amount of a counted line (always set: buildTransferLines guarantees it). */
export function convertedOf(line: TransferLine): Money {
  const converted = line.converted; // (made when read: read once)
  if (!converted) throw new Error(`transfer ${line.transfer.id} has no converted amount`);
  return converted;
}

/** A line's chronology event: the line itself (see Line). */
export function transferEvent(line: TransferLine): TransferEvent {
  if (line instanceof Line) return line;
  throw new Error(
    `internal: the line of transfer ${line.transfer.id} was not built by buildTransferLines`,
  );
}

/** Counts by status and the grand total over completed lines (lines in chronological order). */
export function computeTotals(lines: readonly TransferLine[], currency: string): TransferTotals {
  let first: TransferLine | undefined;
  let last: TransferLine | undefined;
  const counts = { completed: 0, attempted: 0, reversed: 0 };
  let total = 0n;
  for (const line of lines) {
    counts[line.transfer.status]++;
    if (!line.counted) continue;
    first ??= line;
    last = line;
    total += convertedOf(line).minor;
  }
  return {
    all: lines.length,
    ...counts,
    total: { minor: total, currency },
    ...(first ? { first } : {}),
    ...(last ? { last } : {}),
  };
}
