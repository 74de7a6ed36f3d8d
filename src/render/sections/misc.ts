import { HeadingBlock } from '../blocks/heading.js';
import { SectionStartBlock } from '../blocks/spacing.js';
import { TableBlock } from '../blocks/table.js';
import { TocBlock } from '../blocks/toc.js';
import type { RenderContext } from '../context.js';
import type { Block } from '../layout/flow.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { messageIn } from '../../diagnostics/messages.js';
import { DIAGNOSTIC_MASK } from '../../redact/index.js';
import type { SectionOf } from '../../templates/schema.js';
import { annexHeading, continued, intro, openSection, paragraph, sectionTitle } from './common.js';

/** Table of contents: the headings listed in it, up to `depth`. */
export function tocSection(ctx: RenderContext, section: SectionOf<'toc'>): Block[] {
  const depth = section.depth ?? 2;
  const title = sectionTitle(ctx, section, 'section.toc');
  const heading = ctx.headings.plain(1, title, false);
  return [
    new SectionStartBlock(section.page_break_before ?? true, section.furniture ?? true),
    new HeadingBlock({ ...heading, outline: true, continued: continued(ctx, title) }),
    new TocBlock(() => ctx.headings.all.filter((h) => h.toc && h.level <= depth)),
  ];
}

/** Free text from the template, placeholders filled; blank lines separate paragraphs. */
export function textSection(ctx: RenderContext, section: SectionOf<'text'>): Block[] {
  const body = typeof section.body === 'string' ? section.body : (section.body[ctx.lang] ?? '');
  const blocks: Block[] =
    section.title === undefined
      ? [new SectionStartBlock(section.page_break_before ?? false, section.furniture ?? true)]
      : openSection(ctx, section, 'none');
  for (const para of ctx.fill(body).split(/\n\s*\n/)) {
    if (para.trim()) blocks.push(paragraph(para.trim(), { spaceAfter: 6 }));
  }
  return blocks;
}

export function pageBreakSection(): Block[] {
  return [new SectionStartBlock(true, true)];
}

/**
 * An annex heading (lettered, not numbered; in the contents and the outline), on a new
 * page; the pages it goes on to say which annex they continue.
 */
function annexStart(ctx: RenderContext, letter: string, title: string): Block[] {
  const text = annexHeading(ctx, letter, title);
  return [
    new SectionStartBlock(true, true),
    new HeadingBlock({ ...ctx.headings.plain(1, text, true), continued: continued(ctx, text) }),
  ];
}

/** The annexes registered so far by capped tables, from `from` on. */
export function annexBlocks(ctx: RenderContext, from: number): Block[] {
  return ctx.annexes
    .slice(from)
    .flatMap((a) => [...annexStart(ctx, a.letter, a.title), ...a.blocks()]);
}

/**
 * A diagnostic's text in the document: the diagnostics' own mask (`[redacted]`, in every
 * language: they go to terminals and logs) replaced by the document's (`[masqué]`).
 */
function masked(ctx: RenderContext, text: string): string {
  const mask = ctx.mask || DIAGNOSTIC_MASK; // an empty label would leave nothing to see
  return mask === DIAGNOSTIC_MASK ? text : text.replaceAll(DIAGNOSTIC_MASK, mask);
}

function location(ctx: RenderContext, d: Diagnostic): string {
  return masked(ctx, `${d.file}:${d.line}:${d.column}`);
}

/** Validation warnings, as an annex; nothing when there are none. */
export function warningsSection(ctx: RenderContext, section: SectionOf<'warnings-annex'>): Block[] {
  const warnings = ctx.warnings.filter((d) => d.severity === 'warning');
  if (warnings.length === 0) return [];
  const title = sectionTitle(ctx, section, 'section.warnings');
  return [
    ...annexStart(ctx, ctx.takeAnnexLetter(), title),
    intro(ctx.label('warnings.intro'), { spaceAfter: 6 }),
    new TableBlock({
      columns: [
        { label: ctx.label('col.location'), weight: 2 },
        { label: ctx.label('col.code'), weight: 1.1 },
        { label: ctx.label('col.message'), weight: 4 },
      ],
      rowCount: warnings.length,
      row: (i) => {
        const d = warnings[i] as Diagnostic;
        return [location(ctx, d), d.code, masked(ctx, messageIn(ctx.lang, d))];
      },
      caption: title,
      continued: ctx.label('continued'),
    }),
  ];
}
