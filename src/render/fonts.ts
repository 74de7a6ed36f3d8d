import { createRequire } from 'node:module';
import path from 'node:path';

/** TrueType files of the `dejavu-fonts-ttf` package that templates may name (file name without `.ttf`). */
export const BUNDLED_FONTS = [
  'DejaVuSans',
  'DejaVuSans-Bold',
  'DejaVuSans-Oblique',
  'DejaVuSans-BoldOblique',
  'DejaVuSansCondensed',
  'DejaVuSansCondensed-Bold',
  'DejaVuSansCondensed-Oblique',
  'DejaVuSansCondensed-BoldOblique',
  'DejaVuSansMono',
  'DejaVuSansMono-Bold',
  'DejaVuSerif',
  'DejaVuSerif-Bold',
  'DejaVuSerif-Italic',
  'DejaVuSerif-BoldItalic',
  'DejaVuSerifCondensed',
  'DejaVuSerifCondensed-Bold',
  'DejaVuSerifCondensed-Italic',
] as const;

export type BundledFont = (typeof BUNDLED_FONTS)[number];

/**
 * The typographic roles the renderer draws with. A template maps each role to a bundled
 * font; code never names a font file directly.
 */
export const FONT_ROLES = [
  'body',
  'body_bold',
  'body_italic',
  'heading',
  'table',
  'table_bold',
  'table_italic',
  'mono',
] as const;

export type FontRole = (typeof FONT_ROLES)[number];

/** Used for a run whose characters the role's font cannot draw (DejaVu Sans has the widest coverage). */
export const FALLBACK_FONT: BundledFont = 'DejaVuSans';

let fontDir: string | undefined;

/** Absolute path of a bundled TrueType file. Fonts are always passed to pdfkit by path (see NOTES). */
export function fontPath(name: BundledFont): string {
  if (fontDir === undefined) {
    const require = createRequire(import.meta.url);
    fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  }
  return path.join(fontDir, `${name}.ttf`);
}
