import { tokenizeDatePattern } from './date-pattern.js';
import type { WallTime } from './date-pattern.js';
import { roundedSerialMs, serialToWall, timeOnlySerial } from './excel-serial.js';
import type { TimeShown } from './excel-serial.js';
import { renderDatePattern } from './render-date-pattern.js';

/** A cell of a date joined from several columns: its text, and its serial when it is an xlsx date cell. */
export interface DateCell {
  readonly text: string;
  readonly serial?: number;
  readonly date1904?: boolean;
  /** The fraction digits of a second its number format shows (0: whole seconds). */
  readonly fractionDigits?: number;
  /** How much of the time of day its format shows (`minutes`: the seconds are not read). */
  readonly timeShown?: TimeShown;
}

/**
 * The text of date cells joined with one space, where some are xlsx date cells and some
 * text (a date cell and a time typed as text, or the reverse): each date cell is written
 * with the parts of the format (`parts`, see splitDatePattern) it covers, so that the
 * whole reads through the format. A text cell covers as many parts as it has words; the
 * date cells share the others in order (one each, the last one the rest).
 */
export function joinDateCells(
  cells: readonly (DateCell | undefined)[],
  parts: readonly string[],
):
  | { readonly text: string }
  | {
      readonly problem: string;
      /** The index of the cell it is about, when one. */ readonly cell?: number;
    } {
  let textWords = 0;
  let dateCells = 0;
  for (const [k, c] of cells.entries()) {
    if (c?.serial !== undefined) dateCells++;
    else {
      const n = words(c?.text ?? '');
      // A date cell would otherwise take the empty cell's part: a time read as 00:00.
      if (n === 0) return { problem: 'a cell joined with a date cell is empty', cell: k };
      textWords += n;
    }
  }
  const rest = parts.length - textWords;
  if (rest < dateCells)
    return {
      problem: `the format "${parts.join(' ')}" has no part left for a date cell joined with text cells`,
    };
  let p = 0;
  let seen = 0;
  let text = '';
  for (const [k, c] of cells.entries()) {
    let t: string;
    if (c?.serial === undefined) {
      t = (c?.text ?? '').trim();
      p += words(t);
    } else {
      seen++;
      const count = seen === dateCells ? rest - (dateCells - 1) : 1;
      const part = parts.slice(p, p + count).join(' ');
      const timeOnly = showsDate(part) ? timeOnlySerial(c.serial, c.date1904) : undefined;
      if (timeOnly !== undefined) return { problem: timeOnly };
      const wall = serialToWall(
        c.serial,
        c.date1904,
        c.fractionDigits,
        undefined,
        c.timeShown === 'minutes',
      );
      if (typeof wall === 'string') return { problem: wall };
      // A time that rounds up to midnight belongs to the next day, which a part without
      // the date cannot carry: the text date beside it would be read a day early.
      if (!showsDate(part) && roundsIntoNextDay(c.serial, c.fractionDigits))
        return {
          problem: `the time cell holds ${c.serial}, which rounds to midnight of the next day: the date written beside it is not that day`,
        };
      const cut = timeCut(part, wall);
      if (cut !== undefined) return { problem: cut };
      const dropped = timeDropped(part, wall, c.timeShown);
      if (dropped !== undefined) return { problem: dropped, cell: k };
      const rendered = renderDatePattern(part, wall);
      if ('problem' in rendered) return rendered;
      t = rendered.text;
      p += count;
    }
    text = k === 0 ? t : `${text} ${t}`;
  }
  return { text };
}

function words(text: string): number {
  const t = text.trim();
  return t === '' ? 0 : t.split(/ +/).length;
}

/** Whether a part of a date pattern writes a year, month or day. */
function showsDate(part: string): boolean {
  const tokens = tokenizeDatePattern(part);
  return (
    typeof tokens !== 'string' &&
    tokens.some(
      (t) => t.kind === 'field' && (t.letter === 'y' || t.letter === 'M' || t.letter === 'd'),
    )
  );
}

/**
 * Why a date cell's time cannot be written with `part` without losing some of it (minutes,
 * seconds or digits of a second that the part does not show, and the instant read back
 * would be cut), or undefined. A part without an hour writes the date alone: the time
 * comes from the text cells beside it.
 */
function timeCut(part: string, t: WallTime): string | undefined {
  const tokens = tokenizeDatePattern(part);
  if (typeof tokens === 'string') return undefined; // renderDatePattern says why
  const letters = new Set<string>();
  let digits = 0;
  for (const tok of tokens)
    if (tok.kind === 'field') {
      letters.add(tok.letter);
      if (tok.letter === 'S') digits = tok.width;
    }
  if (!letters.has('H') && !letters.has('h')) return undefined;
  const lost: string[] = [];
  if (!letters.has('m') && t.minute !== 0) lost.push('minutes');
  if (!letters.has('s') && t.second !== 0) lost.push('seconds');
  if (/[1-9]/.test(t.fraction.slice(digits)))
    lost.push(digits === 0 ? 'fraction of a second' : `digits of a second beyond ${digits}`);
  if (lost.length === 0) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  const shown = `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${t.fraction === '' ? '' : `.${t.fraction}`}`;
  return `the date cell holds the time ${shown}, whose ${lost.join(' and ')} the format's part "${part}" does not show: the instant would be cut (add them to the format's pattern)`;
}

/**
 * Why a date cell that shows a time of day (`14/01/2018 12:00`) cannot be given a part of
 * the format without an hour (`dd/MM/yyyy`, the time taken from a text cell beside it):
 * the time it shows would be dropped without a word. Midnight is a date's own time
 * (`01/03/2024 00:00`): its day is read, the time comes from beside it.
 */
function timeDropped(part: string, t: WallTime, shown: TimeShown | undefined): string | undefined {
  // (A format not known, as in a cell without a style: its date alone, as before.)
  if (shown !== 'minutes' && shown !== 'seconds') return undefined;
  if (t.hour === 0 && t.minute === 0 && t.second === 0 && !/[1-9]/.test(t.fraction))
    return undefined;
  const tokens = tokenizeDatePattern(part);
  if (typeof tokens === 'string') return undefined; // renderDatePattern says why
  if (tokens.some((tok) => tok.kind === 'field' && (tok.letter === 'H' || tok.letter === 'h')))
    return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `the date cell shows the time ${pad(t.hour)}:${pad(t.minute)}${shown === 'minutes' ? '' : `:${pad(t.second)}`}, which the format's part "${part}" given to it does not read: a time written beside it too would make an instant that the cell does not show`;
}

/** Whether a serial's time, rounded as serialToWall rounds it, reaches the next day. */
function roundsIntoNextDay(serial: number, fractionDigits = 0): boolean {
  return Math.floor(roundedSerialMs(serial, fractionDigits) / 86_400_000) !== Math.floor(serial);
}
