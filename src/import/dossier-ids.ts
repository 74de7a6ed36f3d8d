import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { IMPORT_HEADER } from '../load/limits.js';
import { locateFindings } from '../load/locate.js';
import { readHead } from '../load/source-text.js';
import type { Dossier, Origin } from '../model/dossier.js';

/** What the header of a file `courtfile import` wrote says it was read from. */
interface ImportedFrom {
  readonly evidence?: string;
  readonly source?: string;
  readonly sha256?: string;
}

/** Bytes of a dossier file read for its header (the lines it needs come first). */
const HEADER_BYTES = 8 << 10;

/** The first record of an import whose id the dossier already holds, and how many such. */
export interface TakenRecords {
  readonly id: string;
  readonly locator: string;
  readonly line: number;
  readonly column: number;
  readonly count: number;
  /** Records read in all. */
  readonly records: number;
}

/**
 * The dossier's ids as an import of one file of an exhibit sees them (IdAllocator). A
 * record's id is derived from the evidence id and the locator, so that it is the same on
 * every import: one the dossier already holds refuses the import (refusal()), whether an
 * earlier import of the same file holds it (importing it into another file would hold
 * every record twice) or a record written by hand. The exception: the records imported
 * from another file of the same exhibit (`row 2` of each of its csv files gives
 * `E20.row-2`), which a record's id steps over with a suffix (`stepOver`), as before.
 */
export class DossierIds {
  private constructor(
    private readonly dossier: Dossier,
    /** The header fields of the dossier's files an import wrote, by display name. */
    private readonly imports: ReadonlyMap<string, ImportedFrom>,
    private readonly here: ImportedFrom,
    /** Ids of the records imported from another file of the same exhibit. */
    readonly stepOver: ReadonlySet<string>,
  ) {}

  /** `header`: the header comment this import writes (its source, sha256 and evidence lines). */
  static async of(dossier: Dossier, header: string): Promise<DossierIds> {
    const imports = new Map<string, ImportedFrom>();
    for (const s of dossier.sources) {
      const fields = await headerOf(s.absPath);
      if (fields) imports.set(s.name, fields);
    }
    const here = fieldsOf(header) ?? {};
    const others = new Set<string>();
    for (const [name, from] of imports) if (otherFileOfExhibit(from, here)) others.add(name);
    const stepOver = new Set<string>();
    if (others.size > 0)
      for (const list of [dossier.transfers, dossier.exchanges])
        for (const r of list) if (others.has(r.origin.file)) stepOver.add(r.id);
    return new DossierIds(dossier, imports, here, stepOver);
  }

  /**
   * The one error of an import some of whose records' ids the dossier holds, at the first
   * of them in SOURCE, naming the record that holds it (file and line) and their count: one
   * diagnostic per record would be noise (a refresh into the wrong file repeats them all).
   */
  async refusal(taken: TakenRecords, o: { source: string; cwd: string }): Promise<Diagnostic> {
    const holder = this.holderOf(taken.id);
    const count = `${taken.count} of the ${taken.records} record(s) read ${taken.count === 1 ? 'has an id' : 'have ids'} the dossier holds`;
    let text: string;
    if (holder === undefined) text = `id "${taken.id}" is already used in the dossier (${count})`;
    else {
      // validate's wording, with the file's line; not through message(), which would cut
      // a long file name.
      const lead = `id "${taken.id}" is already used by the ${holder.kind} at ${holder.origin.path.join('.')} in ${await this.place(holder.origin)}`;
      const from = this.imports.get(holder.origin.file);
      if (from !== undefined && sameFile(from, this.here)) {
        const file = this.dossier.sources.find((s) => s.name === holder.origin.file);
        const out = file ? path.relative(o.cwd, file.absPath) : holder.origin.file;
        text =
          `${lead}: this file of exhibit ${this.here.evidence ?? '?'} is already imported into ${holder.origin.file} (${count}), and importing it into another file would count each record twice. ` +
          `Refresh that file instead (-o ${out}), or take it out of the dossier's includes, then import again`;
      } else
        text =
          `${lead}: an imported record's id is derived from the evidence id and the locator (${taken.locator}), the same on every import; ` +
          `give that ${holder.kind} another id (${count})`;
    }
    return {
      code: 'duplicate-id',
      severity: 'error',
      file: o.source,
      line: taken.line,
      column: taken.column,
      message: text,
      path: [],
    };
  }

  /** The record (of any kind) whose id is `id`, with its kind's name. */
  private holderOf(id: string): { kind: string; origin: Origin } | undefined {
    const d = this.dossier;
    const lists = [
      ['transfer', d.transfers],
      ['exchange', d.exchanges],
      ['account', d.accounts],
      ['person', d.persons],
      ['charge', d.charges],
      ['evidence record', d.evidence],
    ] as const;
    for (const [kind, list] of lists) {
      const found = (list as readonly { id: string; origin: Origin }[]).find((r) => r.id === id);
      if (found) return { kind, origin: found.origin };
    }
    return undefined;
  }

  /** `FILE (line N)` of a record's id. */
  private async place(origin: Origin): Promise<string> {
    const [d] = await locateFindings(
      [
        {
          code: 'duplicate-id',
          severity: 'error',
          file: origin.file,
          path: [...origin.path, 'id'],
          anchor: 'value',
          message: '',
        },
      ],
      this.dossier.sources,
    );
    return d ? `${origin.file} (line ${d.line})` : origin.file;
  }
}

/** The same file of the same exhibit: its declared path or its content. */
function sameFile(a: ImportedFrom, b: ImportedFrom): boolean {
  return a.evidence === b.evidence && (a.source === b.source || a.sha256 === b.sha256);
}

/** Another file of the same exhibit: neither its path nor its content. */
function otherFileOfExhibit(a: ImportedFrom, b: ImportedFrom): boolean {
  return (
    a.evidence !== undefined &&
    a.evidence === b.evidence &&
    a.source !== b.source &&
    a.sha256 !== b.sha256
  );
}

/** The header fields of a file an import wrote (first line IMPORT_HEADER), else undefined. */
async function headerOf(file: string): Promise<ImportedFrom | undefined> {
  const head = await readHead(file, HEADER_BYTES);
  return head === undefined ? undefined : fieldsOf(head);
}

/** `# source: `, `# sha256: ` and `# evidence: ` of an import's header comment. */
export function fieldsOf(text: string): ImportedFrom | undefined {
  if (!text.startsWith(`${IMPORT_HEADER}\n`)) return undefined;
  const fields: Record<string, string> = {};
  for (const line of text.split('\n').slice(1)) {
    if (!line.startsWith('#')) break;
    const m = /^# (source|sha256|evidence): (.*)$/.exec(line);
    if (m) fields[m[1]!] ??= m[2]!;
  }
  return fields;
}
