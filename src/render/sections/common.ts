import { HeadingBlock } from '../blocks/heading.js';
import { ParagraphBlock } from '../blocks/paragraph.js';
import type { ParagraphSpec } from '../blocks/paragraph.js';
import { SectionStartBlock } from '../blocks/spacing.js';
import { TableBlock } from '../blocks/table.js';
import type { Cell, Column, TableSpec } from '../blocks/table.js';
import { IDENTIFIER_MIN_SIZE, glue, type StyledAtom } from '../blocks/table-cells.js';
import type { RenderContext } from '../context.js';
import type { Block } from '../layout/flow.js';
import type { SourceLocator } from '../../model/dossier.js';
import type { LabelKey } from '../../templates/label-keys.js';
import type { Section, SectionType } from '../../templates/schema.js';

/** Sections that start on a new page unless the template says otherwise. */
const BREAK_BEFORE: ReadonlySet<SectionType> = new Set([
  'cover',
  'toc',
  'case-summary',
  'warnings-annex',
]);

interface CommonOptions {
  readonly title?: string | { fr?: string; en?: string };
  readonly level?: 1 | 2;
  readonly page_break_before?: boolean;
  readonly furniture?: boolean;
  readonly toc?: boolean;
}

function options(section: Section): CommonOptions {
  return section as CommonOptions;
}

/** The section's heading text: its `title` option, else the default label. */
export function sectionTitle(ctx: RenderContext, section: Section, key: LabelKey): string {
  const title = options(section).title;
  if (title === undefined) return ctx.label(key);
  const text = typeof title === 'string' ? title : (title[ctx.lang] ?? title.fr ?? title.en ?? '');
  return ctx.fill(text);
}

/** Page break / furniture, then the numbered heading of a section. */
export function openSection(ctx: RenderContext, section: Section, key: LabelKey): Block[] {
  const o = options(section);
  const start = new SectionStartBlock(
    o.page_break_before ?? BREAK_BEFORE.has(section.type),
    o.furniture ?? true,
  );
  const heading = ctx.headings.section(
    o.level ?? 1,
    sectionTitle(ctx, section, key),
    o.toc ?? true,
  );
  return [start, new HeadingBlock(heading)];
}

/**
 * A sub-heading inside a section (level 3). The pages that continue what it introduces
 * start with `caption` (default: its text) and "(continued)".
 */
export function subHeading(ctx: RenderContext, text: string, caption = text): Block {
  return new HeadingBlock({
    ...ctx.headings.plain(3, text, false),
    continued: continued(ctx, caption),
  });
}

/** An annex's heading: "Annexe B — title". */
export function annexHeading(ctx: RenderContext, letter: string, title: string): string {
  return ctx.label('annex_heading', { letter, title });
}

/** `caption` followed by the template's "(continued)" label. */
export function continued(ctx: RenderContext, caption: string): string {
  return `${caption} ${ctx.label('continued')}`;
}

export function paragraph(text: string, spec: Omit<ParagraphSpec, 'text'> = {}): Block {
  return new ParagraphBlock({ text, ...spec });
}

/** A paragraph that introduces the next block (kept on its page when short). */
export function intro(
  text: string,
  spec: Omit<ParagraphSpec, 'text' | 'keepWithNext'> = {},
): Block {
  return new ParagraphBlock({ text, ...spec, keepWithNext: true });
}

/**
 * A column of amounts (or values read as one, as shares): never broken (`51 456,` / `31 €`),
 * widened for the widest of `texts`, measured bold (a total row is drawn bold).
 */
export const amountColumn = (
  texts: () => Iterable<string>,
): Pick<Column, 'atom' | 'atoms' | 'atomStyle'> => ({
  atom: true,
  atoms: texts,
  atomStyle: 'cell_bold',
});

/** A two-column "label: value" table without header; `large` uses the running-text size. */
export function keyValueTable(
  ctx: RenderContext,
  rows: readonly (readonly [string, Cell])[],
  weights = [1, 2.4],
  large = false,
): Block {
  return new TableBlock({
    columns: [
      { label: '', weight: weights[0] ?? 1, style: large ? 'body_bold' : 'cell_bold' },
      { label: '', weight: weights[1] ?? 2.4, ...(large ? { style: 'body' as const } : {}) },
    ],
    rowCount: rows.length,
    row: (i) => {
      const row = rows[i];
      return row ? [row[0], row[1]] : ['', ''];
    },
    header: false,
    rowHeader: true,
    zebra: true,
    continued: ctx.label('continued'),
  });
}

export interface ListSpec {
  readonly columns: readonly Column[];
  readonly rowCount: number;
  readonly row: (index: number) => readonly Cell[];
  readonly caption: string;
  /** Extra rows after the data rows (totals), drawn emphasised. */
  readonly totals?: readonly (readonly Cell[])[];
}

function listTable(ctx: RenderContext, spec: ListSpec, rows: number): TableBlock {
  const totals = spec.totals ?? [];
  const table: TableSpec = {
    columns: spec.columns,
    rowCount: rows + totals.length,
    row: (i) => (i < rows ? spec.row(i) : (totals[i - rows] ?? [])),
    emphasis: (i) => i >= rows,
    caption: spec.caption,
    continued: ctx.label('continued'),
  };
  return new TableBlock(table);
}

/** Lists (transfers, exchanges, correlations, chronology) longer than this go to an annex whole. */
export const DEFAULT_ANNEX_OVER = 2_000;

/**
 * A table of at most `maxRows` rows; beyond that, the first rows stay here with a note
 * and the full table goes to an annex titled `annexTitle`. Beyond `annexOver` rows (a
 * large list), no row stays here: only a note naming the annex (the section's summary
 * tables stay).
 */
export function cappedTable(
  ctx: RenderContext,
  spec: ListSpec,
  maxRows: number | undefined,
  annexTitle: string,
  annexOver?: number,
): Block[] {
  const large = annexOver !== undefined && spec.rowCount > annexOver;
  if (!large && (maxRows === undefined || spec.rowCount <= maxRows))
    return [listTable(ctx, spec, spec.rowCount)];
  // In the annex, its pages say which annex they continue.
  const letter = ctx.addAnnex(annexTitle, () => [
    listTable(ctx, { ...spec, caption: annexHeading(ctx, letter, annexTitle) }, spec.rowCount),
  ]);
  if (large) {
    const note = ctx.label('list_in_annex', { count: ctx.int(spec.rowCount), letter });
    return [paragraph(note, { style: 'small_italic', spaceAfter: 8 })];
  }
  const note = ctx.label('see_annex', {
    shown: ctx.int(maxRows ?? 0),
    count: ctx.int(spec.rowCount),
    letter,
  });
  return [
    intro(note, { style: 'small_italic', spaceAfter: 4 }),
    listTable(ctx, { ...spec, totals: [] }, maxRows ?? 0),
  ];
}

/**
 * The exhibits of the records, and the longest unbreakable piece of each provenance text
 * (`E05, row 13`: `row 13`, kept whole) of the records that have a source: an exhibit column declares them
 * (Column.atoms) so that it is widened to hold every locator's words whole, the text
 * breaking between them (`E01,` / `row 10`). Longest in characters: one measure per record.
 */
export function* locatorWords(
  ctx: RenderContext,
  records: Iterable<{ readonly evidence: string; readonly source?: SourceLocator }>,
): Iterable<string> {
  const exhibits = new Set<string>();
  for (const r of records) {
    if (!exhibits.has(r.evidence)) {
      exhibits.add(r.evidence);
      yield r.evidence;
    }
    if (!r.source) continue;
    const { evidence, locator } = r.source;
    const kept = keptPhrase(locator);
    const label = ctx.label('source.locator', { evidence, locator });
    let longest = '';
    for (const word of (kept ? glue(label, [kept]) : label).split(' '))
      if (word.length > longest.length) longest = word;
    yield longest;
  }
}

/** The phrase of a locator never broken (`row 10`, `line 1234`, `message 7`: the locators import writes). */
function keptPhrase(locator: string): string | undefined {
  return /(?:^| )((?:row|line|message) \d+)$/.exec(locator)?.[1];
}

/**
 * The evidence cell: the exhibit, and where in its file the record was read when known.
 * The locator is shown as the dossier writes it (`row 8`, `line 1234`, `message …`) in
 * both languages: it is data to look up in the exhibit, and French `ligne` would not tell
 * a spreadsheet's row from a text file's physical line.
 */
export function evidenceCell(
  ctx: RenderContext,
  record: { readonly evidence: string; readonly source?: SourceLocator },
): Cell {
  if (!record.source) return [{ text: record.evidence, atom: true }];
  const { evidence, locator } = record.source;
  const where = ctx.label('source.locator', { evidence, locator });
  // A narrow column breaks after the exhibit, never inside `row 10`, `line 1234` or
  // `message 7` (the locators import writes), nor inside a word: a word too wide for the
  // column (a Message-ID) is drawn smaller, then, past the identifiers' floor size, broken
  // as an identifier, without an added hyphen.
  const counted = keptPhrase(locator);
  const keep = counted ? { keep: [counted], tokens: true } : { tokens: true };
  return evidence === record.evidence
    ? [{ text: where, ...keep }]
    : [
        { text: record.evidence, atom: true },
        { text: where, style: 'cell_muted', ...keep },
      ];
}

/**
 * The names of the persons: their words are kept whole where a party column can, and the
 * column is widened, if it can be, to hold each on one line above its account.
 */
function* personNames(ctx: RenderContext): Iterable<StyledAtom> {
  for (const p of ctx.dossier.persons)
    yield { text: ctx.personName(p.id), style: 'cell', lines: 1 };
}

/**
 * What a party column (a transfer's sender and beneficiary, an exchange's from and to)
 * declares: widened for the account identifiers it shows (`identifiers`, each once), no
 * smaller than their 5 pt minimum, keeping the persons' names' words whole.
 */
export function partyColumn(
  ctx: RenderContext,
  identifiers: () => Iterable<string | StyledAtom>,
): Pick<Column, 'atoms' | 'atomStyle' | 'atomMinSize' | 'words'> {
  return {
    atoms: identifiers,
    // Under a person's name, where most are, they are drawn muted (smaller).
    atomStyle: 'cell_muted',
    atomMinSize: IDENTIFIER_MIN_SIZE,
    words: () => personNames(ctx),
  };
}

/**
 * An account's identifier as a party column holds it: muted under its holder's name (the
 * column's atomStyle), in the cell's own style when the account is the party itself
 * (RenderContext.partyCell and accountCell draw them so).
 */
export function partyAtom(identifier: string, underHolder: boolean): string | StyledAtom {
  return underHolder ? identifier : { text: identifier, style: 'cell' };
}
