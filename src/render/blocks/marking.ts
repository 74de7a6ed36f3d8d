import type { Block, Flow } from '../layout/flow.js';

const PAD_X = 14;
const PAD_Y = 6;

/** The protective marking, centred in a frame (cover page). */
export class MarkingBlock implements Block {
  constructor(readonly text: string) {}

  minHeight(flow: Flow): number {
    return this.layout(flow).height;
  }

  private layout(flow: Flow) {
    const style = flow.theme.styles.marking;
    const lines = flow.measurer.wrap(this.text, style, flow.width - 2 * PAD_X);
    const width = Math.max(...lines.map((l) => l.width)) + 2 * PAD_X;
    return {
      style,
      lines,
      width,
      height: flow.measurer.linesHeight(lines, style) + 2 * PAD_Y,
    };
  }

  place(flow: Flow): void {
    const { style, lines, width, height } = this.layout(flow);
    flow.ensure(height);
    const x = flow.left + (flow.width - width) / 2;
    flow.painter?.strokeRect(x, flow.y, width, height, style.color, 1.2);
    flow.y += PAD_Y;
    flow.tagged({ type: 'P' }, () =>
      flow.drawLines(lines, style, x + PAD_X, width - 2 * PAD_X, 'center'),
    );
    flow.y += PAD_Y;
  }
}
