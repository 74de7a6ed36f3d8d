import type { Block, Flow } from '../layout/flow.js';

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
