import { shorten } from '../diagnostics/messages.js';
import { currencyProblem, isCurrency } from '../facts/currencies.js';
import { compareInstants, parseInstant } from '../facts/time.js';
import type {
  AccountKind,
  ExchangeKind,
  TransferChannel,
  TransferStatus,
} from '../model/dossier.js';
import { normalizeIdentifier } from './identifiers.js';
import type { DateFieldSpec, FieldSpec, Mapping, PartyFieldSpec } from './mapping/schema.js';
import { CHANNELS, KINDS, STATUSES } from './mapping/schema.js';
import type { ImportCode, SourceFinding, SourceItem, SourceParty } from './types.js';
import { inCell } from './readers/finding.js';
import { readAmount } from './values/amount.js';
import type { DatePattern, WallTime } from './values/date-pattern.js';
import { compileDatePattern, parseIsoLike } from './values/date-pattern.js';
import {
  joinConflict,
  joinedSerialPart,
  serialToWall,
  timeOnlySerial,
} from './values/excel-serial.js';
import type { TimeShown } from './values/excel-serial.js';
import { joinDateCells } from './values/join-date-cells.js';
import { placeWallTime } from './values/place-time.js';
import { splitDatePattern } from './values/render-date-pattern.js';

/** One cell of a table row (csv field or xlsx cell), with where it is. */
export interface TableCell {
  readonly text: string;
  readonly line: number;
  readonly column: number;
  /** xlsx: the cell's name (`C12`), used in messages. */
  readonly name?: string;
  /** xlsx: a date cell's serial (days since the workbook's epoch, fraction = time of day). */
  readonly serial?: number;
  /** xlsx: a number cell, whose text is the shortest decimal of its value (point as decimal separator). */
  readonly numeric?: boolean;
  /**
   * xlsx: a whole number as its format shows it padded with zeros (`0012345678` for
   * 12345678 under `0000000000`): what the text fields (identifiers, references, notes,
   * mapped values) read, as the investigator sees it; amounts read the number (`text`).
   */
  readonly shown?: string;
  /** xlsx: the workbook counts days from 1904-01-01. */
  readonly date1904?: boolean;
  /** xlsx: a date cell's fraction digits of a second that its number format shows (0: none). */
  readonly fractionDigits?: number;
  /**
   * xlsx: how much of the time of day a date cell's format shows: `minutes` (`h:mm`: the
   * seconds it hides are not read), `seconds`, `none` (a date alone); absent when not
   * known (an ISO date cell without a date style).
   */
  readonly timeShown?: TimeShown;
  /**
   * xlsx: whether a date cell's format shows the day (a year, month or day): false for a
   * time alone (`hh:mm:ss`), which adds to a date cell the time of day it shows; absent
   * when not known.
   */
  readonly dayShown?: boolean;
  /**
   * xlsx: the error value an error cell holds (`#N/A`, `#REF!`): no value to read, so an
   * error cell under a mapped column is an `import-value` problem (see `errorCells`).
   */
  readonly error?: string;
  /**
   * xlsx: a number cell written with more digits than a double keeps (`9007199254740993`,
   * which reads as 9007199254740992): the decimal it holds. Its text is the number it
   * reads as, which is not what the cell says, so a mapped column's cell is an
   * `import-value` problem (see `errorCells`).
   */
  readonly beyondDouble?: string;
  /**
   * xlsx: a formula cell whose result the file does not hold (its formula; empty for a
   * shared formula's other cells): no value, where a spreadsheet shows the one it
   * computes, so a mapped column's cell is an `import-value` problem (see `errorCells`).
   */
  readonly uncomputed?: string;
  /**
   * xlsx: a whole number of 16 digits or more whose digits past the 15th are zeros (the
   * number as the cell holds it): Excel keeps 15 significant digits, so a longer number
   * typed into a number cell (a card or account number, a reference) lost its last ones.
   * A mapped column's cell is an `import-value` problem (see `errorCells`).
   */
  readonly roundedTo15?: string;
  /**
   * xlsx: why a cell that a merged range covers is not read as the sheet shows it (a value
   * hidden under the range, or a range's value spanning several columns): a mapped
   * column's cell is an `import-value` problem (see `errorCells`).
   */
  readonly unshown?: string;
}

export interface TableRow {
  /** `row 8` or `Feuil1 row 8`. */
  readonly locator: string;
  readonly line: number;
  readonly cells: readonly (TableCell | undefined)[];
  /**
   * xlsx: the place of a cell the row does not have (Excel writes no empty cell), by its
   * index, so that a problem with it is at its column and names it, as a present cell's is.
   * One function for every row, given the row (no closure made per row).
   */
  readonly absent?: (row: TableRow, index: number) => TableCell;
}

export interface MapOptions {
  readonly zone?: string;
  /** The physical line where the header row starts: where `import-column` findings are. */
  readonly headerLine: number;
  /**
   * The header's row number, as a spreadsheet shows it, named in `import-column` messages
   * (csv: a quoted field spanning lines above it makes it differ from `headerLine`).
   */
  readonly headerRow: number;
  /**
   * xlsx: cells may hold a spreadsheet error (`TableCell.error`) or a number with more
   * digits than a double keeps (`TableCell.beyondDouble`), checked where a mapped column's
   * cell is read. Csv has neither: its cells are read without the check.
   */
  readonly errorCells?: boolean;
}

/**
 * A formula as a message quotes it: on one line, at most 60 characters, cut before a word
 * as any quoted value is (`shorten`: messages are masked once written, and a victim's name
 * cut inside was no longer found; a review).
 */
function shortFormula(formula: string): string {
  return `=${shorten(formula.replace(/\s+/g, ' ').trim(), 60)}`;
}

/** What a mapped field reads: a cell (with its text), or a constant. */
type Read = { readonly text: string; readonly cell?: TableCell };

type Getter = (row: TableRow) => Read | undefined;

/** Raised while mapping a row: becomes a finding at the cell. */
class CellProblem {
  constructor(
    readonly code: ImportCode,
    readonly message: string,
    readonly cell: TableCell | undefined,
  ) {}
}

/**
 * A column's name as the mapping and the header are matched: without spaces at its ends,
 * in Unicode's composed form (NFC), so that `é` written as one character in the mapping
 * finds `e` and a combining accent in a header (as macOS exports write them): they look
 * the same.
 */
const columnKey = (name: string): string => name.trim().normalize('NFC');

/**
 * Compile a mapping against a header row: column names become indexes once. Columns
 * the header does not have are `import-column` findings (and no mapper).
 */
export function compileMapping(
  mapping: Mapping,
  header: readonly (TableCell | undefined)[],
  options: MapOptions,
): {
  readonly findings: SourceFinding[];
  readonly mapRow?: (row: TableRow) => SourceItem[];
  /** The indices of the columns the mapping reads (its fields', `only`'s). */
  readonly read: ReadonlySet<number>;
} {
  const index = new Map<string, number>();
  const read = new Set<number>();
  /** Names the header has more than once: every index of each. */
  const repeated = new Map<string, number[]>();
  header.forEach((c, i) => {
    const key = c === undefined ? undefined : columnKey(c.text);
    if (key === undefined || key === '') return;
    const first = index.get(key);
    if (first === undefined) index.set(key, i);
    else repeated.set(key, [...(repeated.get(key) ?? [first]), i]);
  });
  const findings: SourceFinding[] = [];
  const ambiguous = new Set<string>();
  const columnOf = (name: string): number => {
    const key = columnKey(name);
    const i = index.get(key);
    const all = repeated.get(key);
    if (all !== undefined) {
      // The mapping names columns only by their header: which one is meant is not known.
      if (!ambiguous.has(key)) {
        ambiguous.add(key);
        const second = header[all[1]!];
        findings.push({
          type: 'finding',
          code: 'import-column',
          severity: 'error',
          line: second?.line ?? options.headerLine,
          column: second?.column ?? 1,
          message: `column "${name}" is in the header row ${all.length === 2 ? 'twice' : `${all.length} times`} (${all
            .map((k) => header[k]?.name ?? `column ${k + 1}`)
            .join(
              ', ',
            )}): the mapping names columns by their header and cannot tell which one it means`,
        });
      }
      return -1;
    }
    if (i === undefined) {
      findings.push({
        type: 'finding',
        code: 'import-column',
        severity: 'error',
        line: options.headerLine,
        column: 1,
        message: `column "${name}" is not in the header row (row ${options.headerRow}): ${[...index.keys()].map((k) => JSON.stringify(k)).join(', ')}`,
      });
      return -1;
    }
    return i;
  };
  const cellGetter = (name: string): Getter => {
    const i = columnOf(name);
    if (i >= 0) read.add(i);
    if (options.errorCells)
      return (row) => {
        const cell = row.cells[i];
        if (cell) {
          if (cell.error !== undefined)
            throw new CellProblem(
              'import-value',
              `the cell holds the spreadsheet error ${cell.error === '' ? '(no value)' : cell.error}`,
              cell,
            );
          if (cell.uncomputed !== undefined)
            throw new CellProblem(
              'import-value',
              `the cell holds a formula${cell.uncomputed === '' ? '' : ` (${shortFormula(cell.uncomputed)})`} whose result is not saved in the file: a spreadsheet computes it when the workbook is opened, courtfile does not; open the workbook in a spreadsheet and save it, or export the sheet with its values, then import it again`,
              cell,
            );
          if (cell.unshown !== undefined) throw new CellProblem('import-value', cell.unshown, cell);
          if (cell.beyondDouble !== undefined)
            throw new CellProblem(
              'import-value',
              `the cell holds ${cell.beyondDouble}, more digits than an Excel number keeps (15 to 17 significant digits): it would be read as ${cell.text}; write it as text in the sheet, or check the export`,
              cell,
            );
          if (cell.roundedTo15 !== undefined)
            throw new CellProblem(
              'import-value',
              `the cell holds the number ${cell.roundedTo15}${cell.roundedTo15 === cell.text ? '' : ` (${cell.text})`}: Excel keeps 15 significant digits, so the digits past the 15th read as zeros, and a longer number typed into a number cell (an identifier, a reference, an amount) lost its last ones; write the column as text in the sheet, or check the export`,
              cell,
            );
          return { text: cell.text, cell };
        }
        return row.absent && i >= 0 ? { text: '', cell: row.absent(row, i) } : undefined;
      };
    return (row) => {
      const cell = row.cells[i];
      if (cell) return { text: cell.text, cell };
      return row.absent && i >= 0 ? { text: '', cell: row.absent(row, i) } : undefined;
    };
  };
  const fieldGetter = (spec: FieldSpec): FieldRead => {
    if (typeof spec === 'string') return { get: cellGetter(spec) };
    if ('value' in spec) {
      const text = String(spec.value);
      return { get: () => ({ text }) };
    }
    return { get: cellGetter(spec.column), map: spec.map };
  };
  const decimal = mapping.decimal ?? '.';
  const zone = options.zone ?? mapping.zone;
  const f = mapping.fields;
  const only = mapping.only && {
    get: cellGetter(mapping.only.column),
    column: mapping.only.column,
    values: new Set(mapping.only.values),
    lookAlikes: new Map(mapping.only.values.map((v) => [lookAlikeKey(v), v])),
  };

  const at = dateReader('at', f.at, cellGetter, zone, true);
  const from = partyReader('from', f.from, cellGetter);
  const to = partyReader('to', f.to, cellGetter);
  if (mapping.records === 'transfers') {
    const tf = mapping.fields as Extract<Mapping, { records: 'transfers' }>['fields'];
    const amount = fieldGetter(tf.amount);
    const currency = fieldGetter(tf.currency);
    const channel = enumReader(tf.channel, fieldGetter, CHANNELS, 'channel', true);
    // An empty status cell is the dossier's default (completed), unless the map lists "".
    const status =
      tf.status === undefined
        ? undefined
        : enumReader(tf.status, fieldGetter, STATUSES, 'status', false);
    const provider =
      tf.provider === undefined ? undefined : textReader(tf.provider, fieldGetter, 'provider');
    const reference =
      tf.reference === undefined ? undefined : textReader(tf.reference, fieldGetter, 'reference');
    const notes = tf.notes === undefined ? undefined : textReader(tf.notes, fieldGetter, 'notes');
    if (findings.length) return { findings, read };
    return {
      findings,
      read,
      mapRow: (row) =>
        guarded(row, only, (problems) => {
          const cur = required(currency, 'currency', row, problems, (text, r) => {
            const code = text.trim().toUpperCase();
            if (!isCurrency(code))
              throw new CellProblem(
                'import-value',
                `currency: "${r.text}": ${currencyProblem(code)}`,
                r.cell,
              );
            return code;
          });
          const amt = required(amount, 'amount', row, problems, (text, r) => {
            // A number cell is read by its value, not as its format pads it (`shown`); a
            // constant (no cell) as a dossier's amount, a point before its decimals.
            const value = r.cell?.shown === undefined ? text : r.text;
            const point = r.cell === undefined || r.cell.numeric === true;
            const res = readAmount(value, point ? '.' : decimal, cur);
            if (!res.ok) throw new CellProblem('import-value', `amount: ${res.message}`, r.cell);
            return res.amount;
          });
          const rec = {
            type: 'transfer' as const,
            locator: row.locator,
            line: row.line,
            column: 1,
            at: at(row, problems),
            from: from(row, problems),
            to: to(row, problems),
            amount: amt,
            currency: cur,
            channel: channel(row, problems) as TransferChannel | undefined,
            provider: provider?.(row, problems),
            reference: reference?.(row, problems),
            status: status?.(row, problems) as TransferStatus | undefined,
            notes: notes?.(row, problems),
          };
          if (problems.length) return undefined;
          return dropUndefined(rec) as unknown as SourceItem;
        }),
    };
  }
  const xf = mapping.fields as Extract<Mapping, { records: 'exchanges' }>['fields'];
  const end = xf.end === undefined ? undefined : dateReader('end', xf.end, cellGetter, zone, false);
  const endFirst = xf.end === undefined ? undefined : cellGetter(dateColumns(xf.end)[0]!);
  const endCell = endFirst && ((row: TableRow) => endFirst(row)?.cell);
  const kind = enumReader(xf.kind, fieldGetter, KINDS, 'kind', true);
  const platform =
    xf.platform === undefined ? undefined : textReader(xf.platform, fieldGetter, 'platform');
  if (findings.length) return { findings, read };
  return {
    findings,
    read,
    mapRow: (row) =>
      guarded(row, only, (problems) => {
        const toParty = to(row, problems);
        const start = at(row, problems);
        const stop = end?.(row, problems);
        // The dossier's `date-order` rule, at the row's end cell: the row is in error
        // (left out with --skip-invalid), not OUT, which is never written with it.
        if (start !== undefined && stop !== undefined && endsBeforeStart(start, stop))
          problems.push(
            new CellProblem(
              'import-value',
              `end: the exchange ends (${stop}) before it starts (${start})`,
              endCell?.(row) ?? { text: '', line: row.line, column: 1 },
            ),
          );
        const rec = {
          type: 'exchange' as const,
          locator: row.locator,
          line: row.line,
          column: 1,
          at: start,
          end: stop,
          kind: kind(row, problems) as ExchangeKind | undefined,
          platform: platform?.(row, problems),
          from: from(row, problems),
          to: toParty ? [toParty] : [],
        };
        if (problems.length) return undefined;
        return dropUndefined(rec) as unknown as SourceItem;
      }),
  };
}

type Problems = CellProblem[];

/** A mapping's `only`, compiled. */
interface Only {
  readonly get: Getter;
  readonly column: string;
  readonly values: ReadonlySet<string>;
  /** The listed values by lookAlikeKey. */
  readonly lookAlikes: ReadonlyMap<string, string>;
}

/** The steps of lookAlikeKey, each a way two values may look alike yet differ. */
const withoutInvisible = (s: string): string => s.replace(/\p{Cf}/gu, '');
const oneSpace = (s: string): string => s.replace(/\s+/gu, ' ').trim();
const compatible = (s: string): string => s.normalize('NFKC');
const caseless = (s: string): string => s.toLowerCase();

/**
 * What a value of `only` looks like to a reader: letters without case, white space of any
 * kind (the no-break space of a bank's export) as one space, invisible characters gone,
 * compatibility forms folded (NFKC).
 */
function lookAlikeKey(text: string): string {
  return caseless(oneSpace(withoutInvisible(compatible(text))));
}

/**
 * What tells `text` from `like`, two values with one lookAlikeKey, in words: the steps of
 * that key which change one of them while they still differ.
 */
function howItDiffers(text: string, like: string): string {
  const steps: readonly (readonly [string, (s: string) => string])[] = [
    ['invisible characters', withoutInvisible],
    ['white space (a no-break space, two spaces)', oneSpace],
    ['compatibility forms (full-width letters, ligatures)', compatible],
    ['case', caseless],
  ];
  const kinds: string[] = [];
  let a = text.trim();
  let b = like.trim();
  for (const [kind, step] of steps) {
    if (a === b) break;
    const a2 = step(a);
    const b2 = step(b);
    if (a2 !== a || b2 !== b) kinds.push(kind);
    a = a2;
    b = b2;
  }
  return kinds.length <= 1
    ? (kinds[0] ?? 'invisible characters')
    : `${kinds.slice(0, -1).join(', ')} and ${kinds.at(-1)}`;
}

/** Run a row's reads, collecting every cell's problem (all of them, in one run). */
function guarded(
  row: TableRow,
  only: Only | undefined,
  build: (problems: Problems) => SourceItem | undefined,
): SourceItem[] {
  if (only) {
    let r: Read | undefined;
    try {
      r = only.get(row);
    } catch (err) {
      // An error cell (xlsx) does not say whether the row is one to import.
      if (err instanceof CellProblem) return findingsOf(row, [err]);
      throw err;
    }
    const text = r?.text.trim() ?? '';
    if (!only.values.has(text)) {
      // A value that differs from a listed one only by case, spaces or invisible
      // characters (`VIREMENT EMIS` with a no-break space, `Virement emis`) was passed over
      // without a word (an import sweep): which one the investigator means is not known.
      const like = text === '' ? undefined : only.lookAlikes.get(lookAlikeKey(text));
      if (like === undefined) return [];
      return findingsOf(row, [
        new CellProblem(
          'import-value',
          `only: ${only.column} "${shorten(text)}" is not one of only's values, but differs from "${shorten(like)}" only by ${howItDiffers(text, like)}: add it to only's values to import such rows, or give --skip-invalid to pass over them`,
          r?.cell,
        ),
      ]);
    }
  }
  const problems: Problems = [];
  const item = build(problems);
  if (item && problems.length === 0) return [item];
  return findingsOf(row, problems);
}

/** A row's problems as findings at their cells; one cell's problem read by two fields (an error cell mapped twice), once. */
function findingsOf(row: TableRow, problems: Problems): SourceItem[] {
  const out: SourceItem[] = [];
  for (const p of problems) {
    const line = p.cell?.line ?? row.line;
    const column = p.cell?.column ?? 1;
    const message = inCell(p.cell?.name, p.message);
    if (
      out.some(
        (f) =>
          f.type === 'finding' && f.line === line && f.column === column && f.message === message,
      )
    )
      continue;
    out.push({
      type: 'finding',
      code: p.code,
      severity: 'error',
      line,
      column,
      message,
      locator: row.locator,
    });
  }
  return out;
}

function attempt<T>(problems: Problems, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    if (err instanceof CellProblem) {
      problems.push(err);
      return undefined;
    }
    throw err;
  }
}

type FieldRead = { readonly get: Getter; readonly map?: Readonly<Record<string, string>> };

/**
 * A field's value in a row: the cell's text through the field's map, or undefined when the
 * cell is empty (or absent) and the map does not list `""`. Messages name the field.
 */
function fieldText(r: Read | undefined, key: string, map: FieldRead['map']): string | undefined {
  const shown = r?.cell?.shown ?? r?.text;
  const text = shown === undefined ? '' : shown.trim();
  if (!map) return text === '' ? undefined : shown;
  if (Object.hasOwn(map, text)) return map[text]!.trim() === '' ? undefined : map[text];
  if (text === '') return undefined;
  throw new CellProblem(
    'import-value',
    `${key}: "${text}" is not in the map (${Object.keys(map)
      .map((k) => JSON.stringify(k))
      .join(', ')})`,
    r?.cell,
  );
}

/** A required field: an empty cell (that the map does not turn into a value) is an error. */
function required<T>(
  field: FieldRead,
  key: string,
  row: TableRow,
  problems: Problems,
  read: (text: string, r: Read) => T,
): T | undefined {
  return attempt(problems, () => {
    const r = field.get(row);
    const text = fieldText(r, key, field.map);
    if (text === undefined)
      throw new CellProblem(
        'import-value',
        `${key}: the cell is empty`,
        r?.cell ?? { text: '', line: row.line, column: 1 },
      );
    return read(text, r ?? { text });
  });
}

function enumReader(
  spec: FieldSpec,
  fieldGetter: (s: FieldSpec) => FieldRead,
  allowed: readonly string[],
  key: string,
  /** Whether an empty cell is an error (else the field is absent: the dossier's default). */
  isRequired: boolean,
) {
  const field = fieldGetter(spec);
  const check = (text: string, r: Read | undefined): string => {
    const v = text.trim();
    if (!allowed.includes(v))
      throw new CellProblem(
        'import-value',
        `${key} "${v}" is not one of ${allowed.join(', ')}${field.map ? '' : ' (map the source values with map)'}`,
        r?.cell,
      );
    return v;
  };
  return (row: TableRow, problems: Problems): string | undefined => {
    if (isRequired) return required(field, key, row, problems, check);
    return attempt(problems, () => {
      const r = field.get(row);
      const text = fieldText(r, key, field.map);
      return text === undefined ? undefined : check(text, r);
    });
  };
}

/** An optional text field: an empty cell leaves it out. */
function textReader(spec: FieldSpec, fieldGetter: (s: FieldSpec) => FieldRead, key: string) {
  const { get, map } = fieldGetter(spec);
  return (row: TableRow, problems: Problems): string | undefined =>
    attempt(problems, () => fieldText(get(row), key, map)?.trim());
}

function partyReader(key: string, spec: PartyFieldSpec, cellGetter: (name: string) => Getter) {
  const field: FieldRead = {
    get: 'value' in spec ? () => ({ text: spec.value }) : cellGetter(spec.column),
  };
  const kind: AccountKind = spec.account;
  return (row: TableRow, problems: Problems): SourceParty | undefined =>
    required(field, key, row, problems, (text, r) => {
      const n = normalizeIdentifier(kind, text);
      if (!n.ok)
        throw new CellProblem('import-value', `${key}: ${kind} account: ${n.message}`, r.cell);
      // The cell (a constant has none) is referred to, not copied: no allocation per row.
      return spec.platform === undefined
        ? { identifier: n.identifier, kind, cell: r.cell }
        : { identifier: n.identifier, kind, platform: spec.platform, cell: r.cell };
    });
}

/** The columns a date field is read from (a date column and a time column add up). */
function dateColumns(spec: DateFieldSpec): readonly string[] {
  return typeof spec === 'string' ? [spec] : 'columns' in spec ? spec.columns : [spec.column];
}

/** Whether instant `end` (as placed: with its offset) is before instant `start`. */
function endsBeforeStart(start: string, end: string): boolean {
  const a = parseInstant(start);
  const b = parseInstant(end);
  return a !== undefined && b !== undefined && compareInstants(b, a) < 0;
}

function dateReader(
  key: string,
  spec: DateFieldSpec,
  cellGetter: (name: string) => Getter,
  zone: string | undefined,
  /** Whether empty cells are an error (else the field is absent). */
  isRequired: boolean,
) {
  const columns = dateColumns(spec);
  const format = typeof spec === 'string' ? undefined : spec.format;
  const getters = columns.map(cellGetter);
  const compiled = format === undefined ? undefined : compileDatePattern(format);
  const pattern: DatePattern = typeof compiled === 'function' ? compiled : parseIsoLike;
  // xlsx date cells joined with text cells are written with the parts of the format they cover.
  const parts = splitDatePattern(format ?? 'yyyy-MM-dd HH:mm:ss');
  return (row: TableRow, problems: Problems): string | undefined =>
    attempt(problems, () => {
      // One pass over the columns (this runs for every row): the first cell, whether all
      // are empty, whether all are xlsx date cells, and the texts joined by a space.
      const reads = getters.map((g) => g(row));
      let first: TableCell | undefined;
      let empty = true;
      let serials = true;
      let someSerial = false;
      let serial = 0;
      let digits = 0;
      let joined = '';
      // Joined with a cell that shows a time, a date cell shown without one adds its day
      // only, as shown: a time it hides (01/03/2024 holding 06:00) added to 19:30 made
      // 02/03 01:30 without a word.
      const timeBeside =
        reads.length > 1 &&
        reads.some((r) => r?.cell?.timeShown === 'minutes' || r?.cell?.timeShown === 'seconds');
      for (let k = 0; k < reads.length; k++) {
        const r = reads[k];
        if (first === undefined) first = r?.cell;
        const t = r === undefined ? '' : r.text.trim();
        if (t !== '') empty = false;
        joined = k === 0 ? t : `${joined} ${t}`;
        const x = r?.cell?.serial;
        if (x === undefined) serials = false;
        else {
          someSerial = true;
          // Joined, each adds what it shows: a date its day (rounded as displayed,
          // 45352.99999999999 is the 2nd), a time its time of day (1.8125 shown as
          // 19:30:00 made 01/03 a day late). (The cell is there: it holds a serial.)
          const part = reads.length > 1 ? joinedSerialPart(x, r!.cell!, timeBeside) : x;
          if (typeof part === 'string')
            throw new CellProblem('import-value', `${key}: ${part}`, r!.cell);
          serial += part;
          digits = Math.max(digits, r?.cell?.fractionDigits ?? 0);
        }
      }
      if (empty) {
        if (!isRequired) return undefined;
        throw new CellProblem(
          'import-value',
          `${key}: the cell is empty`,
          first ?? { text: '', line: row.line, column: 1 },
        );
      }
      // xlsx date cells are read as the wall time they show (a date cell and a time cell
      // add up; joined with text cells, they are written with the format's parts they
      // cover); anything else through the pattern.
      let wall: WallTime | string;
      let at = first;
      if (serials && reads.length > 1) {
        // (The cells as they are: each holds its serial here, no copy of them per row.)
        const conflict = joinConflict(reads.map((r) => r!.cell!));
        if (conflict)
          throw new CellProblem(
            'import-value',
            `${key}: ${conflict.problem}`,
            reads[conflict.cell]?.cell,
          );
      }
      if (serials) {
        // Several date cells (a date and a time) add up: a message names their sum so.
        const holds = reads.length > 1 ? 'the date cells add up to' : 'the date cell holds';
        // Read as shown: seconds that the time's format hides (`h:mm`) are not read.
        const shown = reads.map((r) => r?.cell?.timeShown);
        const minutesOnly = shown.includes('minutes') && !shown.includes('seconds');
        wall =
          timeOnlySerial(
            serial,
            reads[0]?.cell?.date1904,
            holds,
            // Every cell shows a time alone: no day is shown anywhere.
            reads.every((r) => r?.cell?.dayShown === false),
          ) ?? serialToWall(serial, reads[0]?.cell?.date1904, digits, holds, minutesOnly);
      } else if (someSerial) {
        const mixed = joinDateCells(
          reads.map((r) => r && { ...r.cell, text: r.text }),
          parts,
        );
        wall = 'problem' in mixed ? mixed.problem : pattern(mixed.text);
        // A problem of one cell (the empty one) is placed at it, not at the first.
        if ('problem' in mixed && mixed.cell !== undefined) at = reads[mixed.cell]?.cell ?? at;
      } else wall = pattern(joined);
      if (typeof wall === 'string') throw new CellProblem('import-value', `${key}: ${wall}`, at);
      const placed = placeWallTime(wall, zone);
      if (!placed.ok) throw new CellProblem('import-time', `${key}: ${placed.message}`, first);
      return placed.text;
    });
}

/** The keys of `o` whose value is defined, in their order (a new object: no `delete`, which would make every record a slow dictionary). */
function dropUndefined(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in o) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
