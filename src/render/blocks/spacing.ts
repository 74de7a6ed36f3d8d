import { HeadingBlock } from './heading.js';
import { KEEP_WHOLE_LIMIT, type Block, type Flow } from '../layout/flow.js';

/** Vertical space; dropped at the top of a page unless `atTop` (e.g. to lower a cover's content). */
export class SpacerBlock implements Block {
  constructor(
    readonly height: number,
    readonly atTop = false,
  ) {}
  minHeight(): number {
    return 0;
  }
  place(flow: Flow): void {
    if (this.atTop && flow.atTop()) flow.y += this.height;
    else flow.space(this.height);
  }
}

/**
 * Where a section starts: sets whether its pages carry the running header/footer and
 * starts a new page when asked (or when the furniture setting changes).
 */
export class SectionStartBlock implements Block {
  constructor(
    readonly pageBreak: boolean,
    readonly furniture: boolean,
  ) {}
  minHeight(): number {
    return 0;
  }
  place(flow: Flow): void {
    flow.endContinuations(0);
    const changed = flow.furniture !== this.furniture;
    flow.furniture = this.furniture;
    if (this.pageBreak || changed || flow.page === 0) flow.breakPage();
  }
}

/**
 * Keeps a short group of blocks on one page (an exhibit's heading, particulars, files and
 * chain of custody): when the whole group is at most `limit` of a page and does not fit
 * below the cursor, it starts on the next page, rather than its heading and particulars at
 * a page foot and its files overleaf. A group that is longer, or one of whose blocks
 * cannot tell its whole height (a long table), just flows, each block keeping its own
 * rules (a heading with the start of what follows). Placed before the group's first block;
 * kept with what follows, so that whatever introduces the group stays with it too.
 */
export class KeepTogetherBlock implements Block {
  readonly keepWithNext = true;
  readonly keepsTogether = true;
  constructor(
    readonly group: readonly Block[],
    readonly limit = KEEP_TOGETHER_LIMIT,
  ) {}

  /** The group's whole height when it is kept whole (at most `limit` of a page), else undefined. */
  private kept(flow: Flow): number | undefined {
    let height = 0;
    for (const block of this.group) {
      const h = block.wholeHeight?.(flow);
      if (h === undefined) return undefined;
      height += h;
      if (height > flow.pageHeight * this.limit) return undefined;
    }
    return height;
  }

  /**
   * The whole group when it is kept whole: what a heading above it keeps with it (the
   * chain ends here, see Flow.keepHeight); else 0, and the chain goes on into the group.
   */
  minHeight(flow: Flow): number {
    return this.kept(flow) ?? 0;
  }

  place(flow: Flow): void {
    // What came before at the heading's level ends here, as the heading would end it: a
    // page started for the group continues nothing of the previous entry.
    const first = this.group[0];
    if (first instanceof HeadingBlock) flow.endContinuations(first.spec.level);
    // With the headings above it, the group would leave more than half a page blank: it
    // flows (see Flow.keepHeight).
    if (flow.released.has(this)) return;
    const height = this.kept(flow);
    if (height !== undefined) flow.ensure(height);
  }
}

/** Most of a page a group kept together may take (a longer one flows). */
export const KEEP_TOGETHER_LIMIT = KEEP_WHOLE_LIMIT;
