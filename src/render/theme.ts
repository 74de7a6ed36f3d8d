/**
 * Page geometry and text styles derived from a resolved template: the only numbers the
 * layout code uses for sizes, fonts and colours.
 */
import type { ResolvedTemplate } from '../templates/resolve-template.js';
import type { FontRole } from './fonts.js';
import { fontPath } from './fonts.js';

export interface TextStyle {
  readonly font: FontRole;
  readonly size: number;
  /** `#RRGGBB`. */
  readonly color: string;
  /** Line pitch as a multiple of the size. */
  readonly leading: number;
}

export const STYLE_NAMES = [
  'body',
  'body_bold',
  'body_italic',
  'small',
  'small_italic',
  'muted',
  'h1',
  'h2',
  'h3',
  'title',
  'subtitle',
  'marking',
  'cell',
  'cell_bold',
  'cell_italic',
  'cell_head',
  'cell_mono',
  'cell_muted',
  'mono',
  'furniture',
  'furniture_marking',
  'toc1',
  'toc2',
  'chart',
] as const;
export type StyleName = (typeof STYLE_NAMES)[number];

/** Page size in points (1/72 in). */
const PAGE_SIZES = {
  A3: [841.89, 1190.55],
  A4: [595.28, 841.89],
  A5: [419.53, 595.28],
  LETTER: [612, 792],
  LEGAL: [612, 1008],
} as const;

const MM = 72 / 25.4;

/** Whole millimetres of a length in points, at least 1: how layout messages give sizes (as margins are written). */
export function millimetres(pt: number): number {
  return Math.max(1, Math.round(pt / MM));
}

/** Line pitch of the running header and footer (the `furniture` styles'). */
const FURNITURE_LEADING = 1.2;
/** Least space between the rule under the running header (or over the footer) and the body. */
const FURNITURE_GAP = 4;
/** The footer's line ends at least this far above the page's bottom edge. */
const FOOTER_EDGE = 4;

/** Where the rule under a running header of `lines` lines of pitch `lh` starting at `headerY` is drawn. */
export function headerRuleY(headerY: number, lines: number, lh: number): number {
  return headerY + lines * lh + 2;
}

/** Where the rule over the running footer starting at `footerY` is drawn. */
export function footerRuleY(footerY: number): number {
  return footerY - 3;
}

export interface PageGeometry {
  readonly width: number;
  readonly height: number;
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
  /** Baseline area of the running header (inside the top margin). */
  readonly headerY: number;
  /** Top of the running footer line (inside the bottom margin). */
  readonly footerY: number;
  /** Height the margins leave for text, before the running header and footer take room in it. */
  readonly textArea: number;
}

export interface Theme {
  readonly geometry: PageGeometry;
  readonly styles: Readonly<Record<StyleName, TextStyle>>;
  readonly colors: ResolvedTemplate['colors'];
  /** Font file path by role. */
  readonly fontFiles: Readonly<Record<FontRole, string>>;
}

export function buildTheme(template: ResolvedTemplate): Theme {
  const { page, type: t, colors } = template;
  const [w, h] = PAGE_SIZES[page.size];
  const [width, height] = page.orientation === 'landscape' ? [h, w] : [w, h];
  const m = page.margins_mm;
  const top = m.top * MM;
  const bottom = height - m.bottom * MM;
  // The running header and footer sit in the margins; where a margin is too narrow for
  // their line (at the template's `small` size), the body gives way rather than run
  // under them, and the footer stays on the page.
  const furnitureLine = t.small * FURNITURE_LEADING;
  const headerY = Math.max(12, top - 10 * MM);
  const footerY = Math.min(height - 14, bottom + 7 * MM, height - FOOTER_EDGE - furnitureLine);
  const geometry: PageGeometry = {
    width,
    height,
    top: template.header.show
      ? Math.max(top, headerRuleY(headerY, 1, furnitureLine) + FURNITURE_GAP)
      : top,
    bottom: template.footer.show ? Math.min(bottom, footerRuleY(footerY) - FURNITURE_GAP) : bottom,
    left: m.left * MM,
    right: width - m.right * MM,
    headerY,
    footerY,
    textArea: bottom - top,
  };
  const s = (
    font: FontRole,
    size: number,
    color: string = colors.text,
    leading: number = t.leading,
  ): TextStyle => ({
    font,
    size,
    color,
    leading,
  });
  const tl = t.table_leading;
  const styles: Record<StyleName, TextStyle> = {
    body: s('body', t.body),
    body_bold: s('body_bold', t.body),
    body_italic: s('body_italic', t.body),
    small: s('body', t.small),
    small_italic: s('body_italic', t.small, colors.muted),
    muted: s('body', t.small, colors.muted),
    h1: s('heading', t.h1, colors.accent, 1.25),
    h2: s('heading', t.h2, colors.accent, 1.25),
    h3: s('heading', t.h3, colors.text, 1.25),
    title: s('heading', t.title, colors.accent, 1.2),
    subtitle: s('body', t.h2, colors.text, 1.3),
    marking: s('heading', t.body, colors.marking, 1.3),
    cell: s('table', t.table, colors.text, tl),
    cell_bold: s('table_bold', t.table, colors.text, tl),
    cell_italic: s('table_italic', t.table, colors.muted, tl),
    cell_head: s('table_bold', t.table, colors.text, tl),
    cell_mono: s('mono', t.table * 0.92, colors.text, tl),
    cell_muted: s('table', t.table * 0.92, colors.muted, tl),
    mono: s('mono', t.small, colors.text),
    furniture: s('table', t.small, colors.muted, FURNITURE_LEADING),
    furniture_marking: s('table_bold', t.small, colors.marking, FURNITURE_LEADING),
    toc1: s('body_bold', t.body, colors.text),
    toc2: s('body', t.body, colors.text),
    chart: s('table', t.table, colors.muted, 1.2),
  };
  const fontFiles = Object.fromEntries(
    Object.entries(template.fonts).map(([role, name]) => [role, fontPath(name)]),
  ) as Record<FontRole, string>;
  return { geometry, styles, colors, fontFiles };
}
