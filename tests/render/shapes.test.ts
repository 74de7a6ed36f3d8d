/**
 * The Painter's shape primitives (circle, polygon) as content stream operators: each in
 * its own graphics state, filled (`f`), stroked (`S`) or both (`B`), in PDF coordinates.
 */
import { describe, expect, test } from 'vitest';
import { TextWriter } from '../../src/render/layout/text-writer.js';

/** A writer over a stand-in document that keeps what each page's content stream receives. */
function writer(): { w: TextWriter; content: () => string } {
  const chunks: string[] = [];
  const doc = {
    addContent: (data: string | Buffer) => chunks.push(data.toString('latin1')),
  } as unknown as PDFKit.PDFDocument;
  const w = new TextWriter(doc, 800);
  return {
    w,
    content: () => {
      w.flush();
      return chunks.join('');
    },
  };
}

describe('shape primitives', () => {
  test('a filled circle: four Bézier arcs around the centre, in q … Q', () => {
    const { w, content } = writer();
    w.circle(100, 50, 10, { fill: '#FF0000' });
    const ops = content().trim();
    expect(ops.startsWith('q 1 0 0 rg 110 50 m ')).toBe(true);
    expect(ops.match(/ c /g)).toHaveLength(4);
    expect(ops.endsWith('110 50 c f Q')).toBe(true);
    // Control points at kappa * r from the axis points: (110, 55.523) (105.523, 60) (100, 60).
    expect(ops).toContain('110 55.523 105.523 60 100 60 c');
  });

  test('fill and stroke: B with the stroke width and colour; stroke only: S; neither: nothing', () => {
    const { w, content } = writer();
    w.polygon(
      [
        [0, 0],
        [10, 0],
        [5, 8],
      ],
      { fill: '#FFFFFF', stroke: '#000000', lineWidth: 0.5 },
    );
    w.polygon(
      [
        [1, 1],
        [2, 1],
        [2, 2],
      ],
      { stroke: '#000000' },
    );
    w.circle(0, 0, 1, {});
    w.polygon(
      [
        [0, 0],
        [1, 1],
      ],
      { fill: '#000000' },
    );
    expect(content().trim().split('\n')).toEqual([
      'q 1 1 1 rg 0.5 w 0 0 0 RG 0 0 m 10 0 l 5 8 l h B Q',
      'q 0.8 w 0 0 0 RG 1 1 m 2 1 l 2 2 l h S Q',
    ]);
  });
});
