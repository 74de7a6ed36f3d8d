import { MarkingBlock } from '../blocks/marking.js';
import { LabelledIdentifierBlock } from '../blocks/paragraph.js';
import { SectionStartBlock, SpacerBlock } from '../blocks/spacing.js';
import type { Cell } from '../blocks/table.js';
import type { RenderContext } from '../context.js';
import type { Block } from '../layout/flow.js';
import type { SectionOf } from '../../templates/schema.js';
import { COVER_FIELDS } from '../../templates/schema.js';
import { keyValueTable, paragraph } from './common.js';

type CoverField = (typeof COVER_FIELDS)[number];

/** Rows of the cover's table of particulars, for the fields asked. */
function particulars(ctx: RenderContext, fields: ReadonlySet<CoverField>): [string, Cell][] {
  const c = ctx.dossier.case;
  const rows: [string, Cell][] = [];
  type Particular = 'procedure' | 'referral' | 'opened' | 'period' | 'prepared_by' | 'generated';
  const add = (field: Particular, value: string | undefined) => {
    if (fields.has(field) && value) rows.push([ctx.label(`cover.${field}`), value]);
  };
  add('procedure', ctx.enumLabel('procedure', c.procedure));
  add('referral', ctx.enumLabel('referral', c.referral));
  add('opened', ctx.longDate(c.opened));
  const p = ctx.facts.period;
  // Long dates, as the other dates of the cover ("21 January 2019", not 2018-01-12).
  add('period', p ? ctx.period(p.from, p.to, true) : undefined);
  add('prepared_by', c.preparedBy);
  add('generated', ctx.longDate(ctx.generated));
  return rows;
}

/**
 * The cover: court and office, protective marking, document title and case, the
 * particulars of the procedure, the dossier fingerprint and a note on victims' identity.
 * `full_page: false` gives a compact title block followed by the next section.
 */
export function coverSection(ctx: RenderContext, section: SectionOf<'cover'>): Block[] {
  const fields = new Set<CoverField>(section.fields ?? COVER_FIELDS);
  const full = section.full_page ?? true;
  const c = ctx.dossier.case;
  const gap = (h: number) => new SpacerBlock(full ? h : h / 3);
  const blocks: Block[] = [
    new SectionStartBlock(section.page_break_before ?? true, section.furniture ?? !full),
  ];
  if (full) blocks.push(new SpacerBlock(36, true));
  if (fields.has('court'))
    blocks.push(paragraph(c.court, { style: 'h2', align: 'center', spaceAfter: 2 }));
  if (fields.has('office') && c.office)
    blocks.push(paragraph(c.office, { align: 'center', spaceAfter: 1 }));
  if (fields.has('unit') && c.unit)
    blocks.push(paragraph(c.unit, { align: 'center', style: 'body_italic' }));
  blocks.push(gap(36));
  if (fields.has('classification') || full)
    blocks.push(new MarkingBlock(ctx.classification), gap(36));
  blocks.push(paragraph(ctx.documentTitle, { style: 'title', align: 'center', spaceAfter: 10 }));
  if (fields.has('reference')) {
    // An identifier: never broken as a word would be (see LabelledIdentifierBlock).
    blocks.push(new LabelledIdentifierBlock(ctx.label('case_no'), c.reference, 'subtitle', 6));
  }
  if (fields.has('title'))
    blocks.push(paragraph(c.title, { style: 'body_italic', align: 'center', indent: 0 }));
  blocks.push(gap(30));
  const rows = particulars(ctx, fields);
  if (rows.length > 0) blocks.push(keyValueTable(ctx, rows, [1, 1.6], true));
  if (fields.has('fingerprint')) {
    blocks.push(
      gap(12),
      paragraph(ctx.label('cover.fingerprint'), { style: 'body_bold', spaceAfter: 2 }),
      paragraph(ctx.fingerprint, { style: 'mono', spaceAfter: 3 }),
      paragraph(ctx.label('cover.fingerprint_note'), { style: 'small_italic' }),
    );
  }
  if (ctx.facts.counts.victims > 0) {
    blocks.push(
      gap(6),
      ctx.reveal
        ? paragraph(ctx.label('cover.victims_revealed'), { style: 'body_bold' })
        : paragraph(ctx.label('cover.victims_note'), { style: 'small_italic' }),
    );
  }
  return blocks;
}
