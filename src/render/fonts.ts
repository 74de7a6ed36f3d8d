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

/**
 * Fonts for the scripts DejaVu does not draw (or draws less well), from the Noto families
 * on npm (SIL Open Font License 1.1). Each is opened only when a document holds a
 * character of its script that the role's font lacks (CJK fonts are 5 to 10 MB).
 * `bold`: the package's bold file; without one, bold text of that script is drawn regular.
 */
interface ScriptFont {
  readonly pkg: string;
  readonly regular: string;
  readonly bold?: string;
}

const SCRIPT_FONTS = {
  arabic: expo('noto-sans-arabic', 'NotoSansArabic'),
  hebrew: expo('noto-sans-hebrew', 'NotoSansHebrew'),
  thai: expo('noto-sans-thai', 'NotoSansThai'),
  devanagari: expo('noto-sans-devanagari', 'NotoSansDevanagari'),
  // Scripts of South Asia, and Ethiopic: each one checked against HarfBuzz before it was
  // added (docs/rendering.md, "Scripts"). Not Bengali, Myanmar nor Khmer, which fontkit
  // does not shape as HarfBuzz does (some names would be drawn misspelt; Khmer's depend on
  // the words shaped before them): their characters stay missing glyphs, reported.
  gurmukhi: expo('noto-sans-gurmukhi', 'NotoSansGurmukhi'),
  gujarati: expo('noto-sans-gujarati', 'NotoSansGujarati'),
  oriya: expo('noto-sans-oriya', 'NotoSansOriya'),
  tamil: expo('noto-sans-tamil', 'NotoSansTamil'),
  telugu: expo('noto-sans-telugu', 'NotoSansTelugu'),
  kannada: expo('noto-sans-kannada', 'NotoSansKannada'),
  malayalam: expo('noto-sans-malayalam', 'NotoSansMalayalam'),
  sinhala: expo('noto-sans-sinhala', 'NotoSansSinhala'),
  ethiopic: expo('noto-sans-ethiopic', 'NotoSansEthiopic'),
  /** Simplified Chinese forms; its 30,000 glyphs hold traditional hanzi, kanji and kana too. */
  han: expo('noto-sans-sc', 'NotoSansSC'),
  hangul: expo('noto-sans-kr', 'NotoSansKR'),
  /** Monochrome emoji (outline glyphs: PDF/A has no colour-font tables). */
  emoji: expo('noto-emoji', 'NotoEmoji'),
  /** Baybayin. Distributed as WOFF 1.0 only (which fontkit reads); no bold. */
  tagalog: {
    pkg: '@fontsource/noto-sans-tagalog',
    regular: 'files/noto-sans-tagalog-tagalog-400-normal.woff',
  },
} as const satisfies Record<string, ScriptFont>;

export type Script = keyof typeof SCRIPT_FONTS;

function expo(name: string, family: string): ScriptFont {
  return {
    pkg: `@expo-google-fonts/${name}`,
    regular: `400Regular/${family}_400Regular.ttf`,
    bold: `700Bold/${family}_700Bold.ttf`,
  };
}

/** Code point ranges (inclusive) of each script, in ascending order, for a binary search. */
const RANGES: readonly (readonly [number, number, Script])[] = [
  [0x0590, 0x05ff, 'hebrew'],
  [0x0600, 0x06ff, 'arabic'],
  [0x0750, 0x077f, 'arabic'],
  [0x0870, 0x08ff, 'arabic'],
  [0x0900, 0x097f, 'devanagari'],
  [0x0a00, 0x0a7f, 'gurmukhi'],
  [0x0a80, 0x0aff, 'gujarati'],
  [0x0b00, 0x0b7f, 'oriya'],
  [0x0b80, 0x0bff, 'tamil'],
  [0x0c00, 0x0c7f, 'telugu'],
  [0x0c80, 0x0cff, 'kannada'],
  [0x0d00, 0x0d7f, 'malayalam'],
  [0x0d80, 0x0dff, 'sinhala'],
  [0x0e00, 0x0e7f, 'thai'],
  [0x1100, 0x11ff, 'hangul'],
  [0x1200, 0x139f, 'ethiopic'],
  [0x1700, 0x171f, 'tagalog'],
  // Vedic Extensions: tone marks the Devanagari font draws.
  [0x1cd0, 0x1cff, 'devanagari'],
  // Miscellaneous Technical (`⌚` U+231A), Enclosed Alphanumerics (`Ⓞ` U+24C4, in the CJK
  // font) and the symbol blocks the emoji font covers; only for the characters the role
  // font lacks (a font of a script that is not shaped is tried after the role font).
  [0x2300, 0x23ff, 'emoji'],
  [0x2460, 0x24ff, 'han'],
  [0x2600, 0x27bf, 'emoji'],
  [0x2b00, 0x2bff, 'emoji'],
  [0x2d80, 0x2ddf, 'ethiopic'],
  [0x2e80, 0x2fdf, 'han'],
  [0x3000, 0x30ff, 'han'],
  [0x3100, 0x312f, 'han'],
  [0x3130, 0x318f, 'hangul'],
  [0x3190, 0x33ff, 'han'],
  [0x3400, 0x4dbf, 'han'],
  [0x4e00, 0x9fff, 'han'],
  [0xa8e0, 0xa8ff, 'devanagari'],
  [0xab00, 0xab2f, 'ethiopic'],
  [0xac00, 0xd7ff, 'hangul'],
  [0xf900, 0xfaff, 'han'],
  [0xfb1d, 0xfb4f, 'hebrew'],
  [0xfb50, 0xfdff, 'arabic'],
  [0xfe30, 0xfe4f, 'han'],
  [0xfe70, 0xfeff, 'arabic'],
  [0xff00, 0xffef, 'han'],
  // Sinhala Archaic Numbers, Ethiopic Extended-B: their fonts have them.
  [0x111e0, 0x111ff, 'sinhala'],
  [0x1e7e0, 0x1e7ff, 'ethiopic'],
  [0x1f000, 0x1faff, 'emoji'],
  [0x20000, 0x3134f, 'han'],
];

/** The script whose font may draw `codePoint`, by Unicode block (no font is opened). */
export function scriptOf(codePoint: number): Script | undefined {
  let lo = 0;
  let hi = RANGES.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [from, to, script] = RANGES[mid] as (typeof RANGES)[number];
    if (codePoint < from) hi = mid - 1;
    else if (codePoint > to) lo = mid + 1;
    else return script;
  }
  return undefined;
}

const scriptFiles = new Map<string, string>();

/** Absolute path of the font file for `script`, bold when asked and available. */
export function scriptFontPath(script: Script, bold: boolean): string {
  const key = `${script}${bold ? '-bold' : ''}`;
  let file = scriptFiles.get(key);
  if (file === undefined) {
    const font: ScriptFont = SCRIPT_FONTS[script];
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve(`${font.pkg}/package.json`));
    file = path.join(dir, bold && font.bold ? font.bold : font.regular);
    scriptFiles.set(key, file);
  }
  return file;
}

/**
 * Scripts that join consonants through a virama into conjuncts, half forms and stacks (the
 * Indic scripts drawn and Sinhala): a joiner there chooses between those forms.
 */
export const CONJUNCT_SCRIPTS = [
  'devanagari',
  'gurmukhi',
  'gujarati',
  'oriya',
  'tamil',
  'telugu',
  'kannada',
  'malayalam',
  'sinhala',
] as const satisfies readonly Script[];

/** Scripts whose shaping needs the whole word in one font: their font goes before the role's. */
export const SHAPED_SCRIPTS: ReadonlySet<Script> = new Set<Script>([
  'arabic',
  'hebrew',
  'thai',
  ...CONJUNCT_SCRIPTS,
  'tagalog',
]);

/** Whether the code point is drawn in its script's font even when the role's font has it. */
export function prefersScriptFont(codePoint: number): boolean {
  const script = scriptOf(codePoint);
  return script !== undefined && SHAPED_SCRIPTS.has(script);
}

/** Whether a bundled font file is a bold face (its scripts' fonts are then bold too). */
export function isBoldFile(file: string): boolean {
  return /-Bold(Oblique|Italic)?\.ttf$/.test(file);
}
