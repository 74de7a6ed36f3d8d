import type { Cell, CellPart } from '../blocks/table.js';
import type { RenderContext } from '../context.js';
import type { Block } from '../layout/flow.js';
import type { Charge } from '../../model/dossier.js';
import type { SectionOf } from '../../templates/schema.js';
import { KeepTogetherBlock } from '../blocks/spacing.js';
import { keyValueTable, openSection, paragraph, subHeading } from './common.js';

function exhibitsCell(ctx: RenderContext, ids: readonly string[]): CellPart[] {
  return ids.map((id) => {
    const e = ctx.dossier.evidence.find((x) => x.id === id);
    return { text: e ? `${id} — ${e.title}` : id };
  });
}

function chargeRows(ctx: RenderContext, charge: Charge, index: number): [string, Cell][] {
  const rows: [string, Cell][] = [
    [ctx.label('charges.articles'), charge.articles.join(ctx.lang === 'fr' ? '\u202f; ' : '; ')],
    [ctx.label('charges.nature'), ctx.enumLabel('nature', charge.nature)],
    [ctx.label('charges.suspects'), charge.suspects.map((id) => ({ text: ctx.personName(id) }))],
  ];
  if (charge.victims.length > 0) {
    rows.push([
      ctx.label('charges.victims'),
      charge.victims.map((id) => ({ text: ctx.personName(id) })),
    ]);
  }
  rows.push([ctx.label('charges.period'), ctx.period(charge.period.from, charge.period.to)]);
  if (charge.place) rows.push([ctx.label('charges.place'), charge.place]);
  const inPeriod = ctx.facts.chargePeriods[index];
  if (inPeriod && inPeriod.charge.id === charge.id) {
    rows.push([
      ctx.label('charges.transfers'),
      `${ctx.int(inPeriod.count)} — ${ctx.money(inPeriod.total)}`,
    ]);
  }
  if (charge.evidence.length > 0)
    rows.push([ctx.label('charges.evidence'), exhibitsCell(ctx, charge.evidence)]);
  return rows;
}

/** Each charge: qualification as a sub-heading, then its particulars. */
export function chargesSection(ctx: RenderContext, section: SectionOf<'charges'>): Block[] {
  const blocks = openSection(ctx, section, 'section.charges');
  ctx.dossier.charges.forEach((charge, i) => {
    const group = [
      subHeading(
        ctx,
        ctx.label('charges.item', { n: String(i + 1), qualification: charge.qualification }),
      ),
      keyValueTable(ctx, chargeRows(ctx, charge, i), [1, 3]),
    ];
    // A charge's particulars are read whole: not split when they fit on a page.
    blocks.push(new KeepTogetherBlock(group), ...group);
  });
  if (ctx.dossier.charges.length === 0) blocks.push(paragraph(ctx.label('none')));
  return blocks;
}
