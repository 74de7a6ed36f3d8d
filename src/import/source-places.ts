import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { NewAccount } from './build-records.js';
import { inCell } from './readers/finding.js';
import type { SourcePosition } from './types.js';

/**
 * Where each of OUT's records was read in SOURCE, by its index in OUT's list: the line of
 * the row or message (4 bytes a record), and its column only once a record's is not 1
 * (Skype: the `{` of the message's object; csv, xlsx, WhatsApp and mbox records are at
 * column 1, and need no column array).
 */
export class SourcePlaces {
  private lines: Int32Array<ArrayBuffer> = new Int32Array(INITIAL);
  private columns: Int32Array<ArrayBuffer> | undefined;
  private count = 0;

  /** The place of the next record of OUT. */
  add(line: number, column: number): void {
    const k = this.count;
    if (k === this.lines.length) {
      this.lines = grown(this.lines);
      if (this.columns) this.columns = grown(this.columns);
    }
    this.lines[k] = line;
    if (column !== 1 && this.columns === undefined)
      this.columns = new Int32Array(this.lines.length).fill(1);
    if (this.columns) this.columns[k] = column;
    this.count = k + 1;
  }

  /**
   * How many records of OUT start at each of these places (`line:column`), in one pass:
   * more than one in an xlsx sheet that repeats a row.
   */
  countsAt(places: ReadonlySet<string>): Map<string, number> {
    const counts = new Map<string, number>();
    for (let k = 0; k < this.count; k++) {
      const place = `${this.lines[k]!}:${this.columns?.[k] ?? 1}`;
      if (places.has(place)) counts.set(place, (counts.get(place) ?? 0) + 1);
    }
    return counts;
  }

  /** The place of OUT's record `k`, if there is one. */
  at(k: number): SourcePosition | undefined {
    if (!Number.isInteger(k) || k < 0 || k >= this.count) return undefined;
    return { line: this.lines[k]!, column: this.columns?.[k] ?? 1 };
  }
}

const INITIAL = 1024;

function grown(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * The final check's diagnostics (the dossier with OUT) with those located in one of OUT's
 * records or new accounts moved to where SOURCE has it: a record, at its row (csv: the
 * physical line the row starts on, column 1; xlsx: the row, column 1, the message naming
 * the row) or message (as the import's own diagnostics: WhatsApp and mbox, the line;
 * Skype, the `{` of its object); a new account, where its identifier was first met
 * (as its `import-new-account` warning). OUT is not written when there is an error, so
 * its lines could not be opened, and they did not say which row of the export was at fault.
 * Their `path` (a path in OUT) is dropped, as for the import's own diagnostics. Any other
 * diagnostic (other dossier files, OUT's header) stays where it is.
 */
export function relocateToSource(
  diagnostics: readonly Diagnostic[],
  o: {
    /** OUT's display name in the diagnostics. */
    readonly out: string | undefined;
    /** SOURCE's display name. */
    readonly source: string;
    /** OUT's list of records: `transfers` or `exchanges`. */
    readonly list: string;
    readonly places: SourcePlaces;
    readonly accounts: readonly NewAccount[];
    /** xlsx: LINE is the row, whose number the message gives (`row 12: ...`). */
    readonly xlsx: boolean;
  },
): Diagnostic[] {
  if (o.out === undefined) return [...diagnostics];
  const seen = new Set<string>();
  const moved: Diagnostic[] = [];
  for (const d of diagnostics) {
    const m = d.file === o.out ? relocated(d, o) : d;
    if (m !== d) {
      // Two findings at two fields of a record (column 1 for both) read the same: once.
      const key = `${m.line}\u0000${m.column}\u0000${m.code}\u0000${m.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
    }
    moved.push(m);
  }
  return moved;
}

function relocated(d: Diagnostic, o: Parameters<typeof relocateToSource>[1]): Diagnostic {
  const [list, k] = d.path;
  if (typeof k !== 'number') return d;
  if (list === o.list) {
    const at = o.places.at(k);
    if (at === undefined) return d;
    const message = o.xlsx ? `row ${at.line}: ${d.message}` : d.message;
    return { ...d, file: o.source, line: at.line, column: at.column, message, path: [] };
  }
  if (list === 'accounts') {
    const a = o.accounts[k];
    if (a === undefined) return d;
    const message = inCell(a.cell, d.message);
    return { ...d, file: o.source, line: a.line, column: a.column, message, path: [] };
  }
  return d;
}
