/**
 * The marks of the timeline figure, told apart by shape and fill (greyscale print):
 * transfers by status (filled circle, hollow circle, crossed diamond), sessions by kind
 * (dark bar, outlined bar; a triangle when the end is unknown).
 */
import type { Painter, Point, ShapePaint } from '../layout/flow.js';

export type TransferShape = 'completed' | 'attempted' | 'reversed';
export type SessionShape = 'live' | 'video';
export type LegendKey = TransferShape | SessionShape | 'open' | 'pair';

/** Radius of a transfer mark. */
export const R = 3.6;
/** Height of a session bar. */
export const BAR_H = 9;
export const INK = '#222222';
export const PAIR_COLOR = '#555555';

/** Vertical offset of a mark's row. */
export function levelOffset(mark: { readonly level?: number }): number {
  return (mark.level ?? 0) * (2 * R + 2.5);
}

const STATUS_COLOR = '#35598A';
const REVERSED_COLOR = '#9A3324';

export function drawTransfer(painter: Painter, x: number, y: number, shape: TransferShape): void {
  if (shape === 'completed')
    painter.circle(x, y, R, { fill: STATUS_COLOR, stroke: INK, lineWidth: 0.4 });
  else if (shape === 'attempted')
    painter.circle(x, y, R, { fill: '#FFFFFF', stroke: STATUS_COLOR, lineWidth: 1 });
  else {
    const d = R + 0.8;
    const diamond: Point[] = [
      [x, y - d],
      [x + d, y],
      [x, y + d],
      [x - d, y],
    ];
    painter.polygon(diamond, { fill: '#FFFFFF', stroke: REVERSED_COLOR, lineWidth: 1 });
    painter.line(x - d / 2, y, x + d / 2, y, REVERSED_COLOR, 0.8);
  }
}

const SESSION_PAINT: Readonly<Record<SessionShape, ShapePaint>> = {
  live: { fill: '#3A3A3A', stroke: INK, lineWidth: 0.4 },
  video: { fill: '#FFFFFF', stroke: INK, lineWidth: 0.9 },
};

export function drawBar(
  painter: Painter,
  x: number,
  w: number,
  y: number,
  shape: SessionShape,
): void {
  const points: Point[] = [
    [x, y],
    [x + w, y],
    [x + w, y + BAR_H],
    [x, y + BAR_H],
  ];
  painter.polygon(points, SESSION_PAINT[shape]);
}

/** A session whose end is not known: a triangle pointing up at its start. */
export function drawOpen(painter: Painter, x: number, y: number, shape: SessionShape): void {
  const points: Point[] = [
    [x, y],
    [x + BAR_H / 2, y + BAR_H],
    [x - BAR_H / 2, y + BAR_H],
  ];
  painter.polygon(points, SESSION_PAINT[shape]);
}

export function drawLegendKey(painter: Painter, key: LegendKey, x: number, y: number): void {
  if (key === 'completed' || key === 'attempted' || key === 'reversed')
    drawTransfer(painter, x, y, key);
  else if (key === 'live' || key === 'video') drawBar(painter, x - 6, 12, y - BAR_H / 2, key);
  else if (key === 'open') drawOpen(painter, x, y - BAR_H / 2, 'live');
  else painter.line(x - 6, y + 4, x + 6, y - 4, PAIR_COLOR, 0.6);
}
