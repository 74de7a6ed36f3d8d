import { HeadingBlock } from '../blocks/heading.js';
import { KeepTogetherBlock } from '../blocks/spacing.js';
import { IDENTIFIER_MIN_SIZE, type StyledAtom } from '../blocks/table-cells.js';
import { TableBlock } from '../blocks/table.js';
import type { Cell, CellPart, Column } from '../blocks/table.js';
import type { RenderContext } from '../context.js';
import type { Block } from '../layout/flow.js';
import type { Exhibit } from '../../model/dossier.js';
import type { SectionOf } from '../../templates/schema.js';
import { continued, intro, keyValueTable, openSection, paragraph, subHeading } from './common.js';
import { append } from '../../append.js';

function sizeText(ctx: RenderContext, size: number | undefined): string {
  return size === undefined ? '' : ctx.quantity(size, 'byte', 'bytes', 'size');
}

/**
 * A file's size with its unit, drawn as the column holding it was sized for it (as an
 * identifier, Measurer.wrapTokens): smaller, down to the identifiers' floor size, before
 * it is broken, and then at its space (the unit on the next line) rather than inside its
 * digits. As ordinary text, a column sized for it at 70 % was too narrow at full size
 * and the number was hyphenated (`128 035 676 16-` / `0 octets`).
 */
function sizePart(ctx: RenderContext, size: number, style?: CellPart['style']): CellPart {
  return { text: sizeText(ctx, size), style, tokens: true, whole: true };
}

/**
 * A file's path: its words identifiers (Measurer.wrapTokens), drawn smaller before one is
 * broken, and broken after its own separators (`/`, `-`, `_`...) with a hyphen that ends
 * a line repeated at the start of the next; text extraction reads it whole however it is
 * broken (its first line's /ActualText: a break after `_` or `/`, a path longer than an
 * identifier, 256 characters). As ordinary text a path was broken after its own hyphens
 * and extraction took them for hyphenation (an audit read `nom-de-fichier` back as
 * `nomde-fichier`).
 */
function pathCell(path: string): CellPart {
  return { text: path, tokens: true, whole: true };
}

function filesCell(ctx: RenderContext, e: Exhibit): CellPart[] {
  if (e.files.length === 0) return [{ text: ctx.label('exhibits.no_files'), style: 'cell_italic' }];
  return e.files.flatMap((f): CellPart[] => [
    // Broken (when it must be) as an identifier: after its own separators, a hyphen
    // repeated on the next line, so that extraction gives it whole (see pathCell).
    // A file's path, digest and size on one page when its exhibit's row is split.
    { ...pathCell(f.path), glue: true },
    // On one line (the column makes room, below), never below the identifiers' legible size.
    {
      text: f.sha256,
      style: 'cell_mono',
      atom: true,
      minSize: IDENTIFIER_MIN_SIZE,
      ...(f.size === undefined ? {} : { glue: true }),
    },
    ...(f.size === undefined ? [] : [sizePart(ctx, f.size, 'cell_muted')]),
  ]);
}

function custodyCell(ctx: RenderContext, e: Exhibit): CellPart[] {
  return e.custody.flatMap((c): CellPart[] => [
    // The entry's date and action with its officer, on one page when the row is split.
    { text: `${ctx.instant(c.at)} — ${ctx.enumLabel('custody_action', c.action)}`, glue: true },
    { text: c.by, style: 'cell_muted' },
  ]);
}

/**
 * Share of their width the description and custody columns give to the digests: a
 * quarter, so that a 64-digit digest is drawn smaller (down to IDENTIFIER_MIN_SIZE)
 * rather than the titles and custody entries squeezed into tall, narrow cells.
 */
const DESCRIPTION_GIVES = 0.25;

/** The exhibit index as one table: one row per exhibit, full SHA-256 digests wrapped in monospace. */
function summaryTable(ctx: RenderContext, custody: boolean): Block {
  const list = ctx.dossier.evidence;
  const columns: Column[] = [
    // Widened for the seals (taken from the description and custody), which are identifiers.
    {
      label: ctx.label('col.exhibit'),
      weight: 0.8,
      atoms: () => list.flatMap((e) => (e.seal ? [e.seal] : [])),
      atomStyle: 'cell_muted',
    },
    // The description and custody wrap; they give up to a quarter of their width so that
    // the files column holds each SHA-256 digest on one line (cli.md: identifiers are
    // never broken inside), drawn smaller when that is not enough.
    {
      label: ctx.label('col.description'),
      weight: 2.2,
      give: DESCRIPTION_GIVES,
      // Their words stay whole (`communicatio-` / `ns` when the digests took the width):
      // the digests are drawn smaller first.
      words: () =>
        list.flatMap((e): StyledAtom[] => [
          { text: e.title, style: 'cell_bold' },
          { text: ctx.enumLabel('exhibit_kind', e.kind), style: 'cell' },
          { text: e.source, style: 'cell_muted' },
        ]),
    },
    // A date is never broken (`14/02/` / `2019` on a narrow page): widened for them.
    {
      label: ctx.label('col.obtained'),
      weight: 0.9,
      keep: true,
      atom: true,
      atoms: () => list.map((e) => ctx.date(e.obtained)),
    },
    {
      label: ctx.label('col.files'),
      weight: 3.1,
      atoms: () => list.flatMap((e) => e.files.map((f) => f.sha256)),
      atomStyle: 'cell_mono',
      atomMinSize: IDENTIFIER_MIN_SIZE,
    },
  ];
  if (custody)
    columns.push({
      label: ctx.label('col.custody'),
      weight: 2.2,
      give: DESCRIPTION_GIVES,
      words: () =>
        list.flatMap((e) =>
          e.custody.flatMap((c): StyledAtom[] => [
            {
              text: `${ctx.instant(c.at)} — ${ctx.enumLabel('custody_action', c.action)}`,
              style: 'cell',
            },
            { text: c.by, style: 'cell_muted' },
          ]),
        ),
    });
  return new TableBlock({
    columns,
    rowCount: list.length,
    row: (i) => {
      const e = list[i] as Exhibit;
      const id: CellPart[] = [{ text: e.id, style: 'cell_bold', atom: true }];
      // The seal number is an identifier, never broken (`OFMIN-` / `2019-01` was read back
      // as `OFMIN2019-01`): on its own line under its label, drawn smaller if need be.
      if (e.seal)
        id.push(
          { text: ctx.labelled(ctx.label('col.seal'), '').trimEnd(), style: 'cell_muted' },
          { text: e.seal, style: 'cell_muted', atom: true },
        );
      const row: Cell[] = [
        id,
        [
          { text: e.title, style: 'cell_bold' },
          { text: ctx.enumLabel('exhibit_kind', e.kind) },
          { text: e.source, style: 'cell_muted' },
        ],
        ctx.date(e.obtained),
        filesCell(ctx, e),
      ];
      if (custody) row.push(custodyCell(ctx, e));
      return row;
    },
    caption: ctx.label('section.exhibits'),
    continued: ctx.label('continued'),
  });
}

/** One exhibit in full: particulars, files with size and digest, chain of custody. */
function exhibitDetail(ctx: RenderContext, e: Exhibit, custody: boolean): Block[] {
  const rows: [string, Cell][] = [
    [ctx.label('exhibits.kind'), ctx.enumLabel('exhibit_kind', e.kind)],
    [ctx.label('exhibits.source'), e.source],
  ];
  if (e.seal) rows.push([ctx.label('exhibits.seal'), e.seal]);
  rows.push([ctx.label('exhibits.obtained'), ctx.longDate(e.obtained)]);
  const title = `${e.id} — ${e.title}`;
  const blocks: Block[] = [
    new HeadingBlock({ ...ctx.headings.plain(2, title, true), continued: continued(ctx, title) }),
    keyValueTable(ctx, rows, [1, 3]),
    subHeading(ctx, ctx.label('exhibits.files'), `${e.id} — ${ctx.label('exhibits.files')}`),
  ];
  if (e.files.length === 0)
    blocks.push(paragraph(ctx.label('exhibits.no_files'), { style: 'small_italic' }));
  else {
    blocks.push(
      new TableBlock({
        columns: [
          // Widened for the longest path, as far as the size column gives: a path is
          // looked up as written (`wu-transactions-2018.csv.` / `txt` was hard to read).
          {
            label: ctx.label('col.path'),
            weight: 1.9,
            atoms: () => e.files.map((f) => f.path),
          },
          // A size is one unit with its number (`112 791 octets`, no-break spaces), never
          // broken (`o-` / `ctets`, `64 023 456 78-` / `9 octets`): the column is widened
          // for the widest, like a column of identifiers, and its cells are drawn as
          // identifiers are (sizePart).
          {
            label: ctx.label('col.size'),
            weight: 0.8,
            align: 'right',
            keep: true,
            atoms: () => e.files.map((f) => sizeText(ctx, f.size)),
          },
          // The digests are drawn a little smaller (down to their legible size) rather
          // than the path or the size broken where the line is short.
          {
            label: ctx.label('col.sha256'),
            weight: 3.6,
            style: 'cell_mono',
            atom: true,
            atoms: () => e.files.map((f) => f.sha256),
            atomMinSize: IDENTIFIER_MIN_SIZE,
          },
        ],
        rowCount: e.files.length,
        row: (i) => {
          const f = e.files[i];
          if (!f) return [];
          return [
            [pathCell(f.path)],
            f.size === undefined ? '' : [sizePart(ctx, f.size)],
            f.sha256,
          ];
        },
        caption: `${e.id} — ${ctx.label('exhibits.files')}`,
        continued: ctx.label('continued'),
      }),
    );
  }
  if (custody && e.custody.length > 0) {
    blocks.push(
      subHeading(ctx, ctx.label('exhibits.custody'), `${e.id} — ${ctx.label('exhibits.custody')}`),
      new TableBlock({
        columns: [
          { label: ctx.label('col.date'), weight: 1.3 },
          { label: ctx.label('col.action'), weight: 1.3 },
          { label: ctx.label('col.by'), weight: 2 },
          { label: ctx.label('col.note'), weight: 3 },
        ],
        rowCount: e.custody.length,
        row: (i) => {
          const c = e.custody[i];
          return c
            ? [ctx.instant(c.at), ctx.enumLabel('custody_action', c.action), c.by, c.note ?? '']
            : [];
        },
        caption: `${e.id} — ${ctx.label('exhibits.custody')}`,
        continued: ctx.label('continued'),
      }),
    );
  }
  // A short entry (most are) is not split between its particulars and its files.
  return [new KeepTogetherBlock(blocks), ...blocks];
}

export function exhibitsSection(ctx: RenderContext, section: SectionOf<'exhibits'>): Block[] {
  const blocks = openSection(ctx, section, 'section.exhibits');
  blocks.push(
    intro(ctx.label('exhibits.intro', { count: ctx.int(ctx.dossier.evidence.length) }), {
      spaceAfter: 6,
    }),
  );
  if (ctx.dossier.evidence.length === 0) return [...blocks, paragraph(ctx.label('none'))];
  const custody = section.custody ?? true;
  if ((section.detail ?? 'summary') === 'summary') return [...blocks, summaryTable(ctx, custody)];
  for (const e of ctx.dossier.evidence) append(blocks, exhibitDetail(ctx, e, custody));
  return blocks;
}
