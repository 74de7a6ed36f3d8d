import type { RenderContext } from '../context.js';
import type { Block } from '../layout/flow.js';
import type { Section, SectionOf, SectionType } from '../../templates/schema.js';
import { breakdownsSection } from './breakdowns.js';
import { caseSummarySection } from './case-summary.js';
import { chargesSection } from './charges.js';
import { chronologySection } from './chronology.js';
import { correlationsSection } from './correlations.js';
import { coverSection } from './cover.js';
import { exchangesSection } from './exchanges.js';
import { exhibitsSection } from './exhibits.js';
import { annexBlocks, pageBreakSection, textSection, tocSection, warningsSection } from './misc.js';
import { monthlyChartSection } from './monthly-chart.js';
import { personsSection } from './persons.js';
import { timelineSection } from './timeline.js';
import { transfersSection } from './transfers.js';
import { append } from '../../append.js';

type Builder<K extends SectionType> = (ctx: RenderContext, section: SectionOf<K>) => Block[];

/** The fixed vocabulary of sections: one builder per type (exhaustive: a new type without one fails the type check). */
const BUILDERS: { readonly [K in SectionType]: Builder<K> } = {
  cover: coverSection,
  toc: tocSection,
  'case-summary': caseSummarySection,
  persons: personsSection,
  charges: chargesSection,
  transfers: transfersSection,
  'transfer-breakdowns': breakdownsSection,
  'monthly-chart': monthlyChartSection,
  exchanges: exchangesSection,
  correlations: correlationsSection,
  timeline: timelineSection,
  chronology: chronologySection,
  exhibits: exhibitsSection,
  'warnings-annex': warningsSection,
  text: textSection,
  annexes: () => [],
  'page-break': pageBreakSection,
};

/** The blocks of the whole document, in template order; annexes where the template puts them, else at the end. */
export function buildBlocks(ctx: RenderContext, sections: readonly Section[]): Block[] {
  const blocks: Block[] = [];
  let placed = 0;
  for (const section of sections) {
    if (section.type === 'annexes') {
      append(blocks, annexBlocks(ctx, placed));
      placed = ctx.annexes.length;
      continue;
    }
    append(blocks, (BUILDERS[section.type] as Builder<typeof section.type>)(ctx, section));
  }
  append(blocks, annexBlocks(ctx, placed));
  return blocks;
}
