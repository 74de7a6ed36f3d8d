/**
 * Guards around two faults of fontkit 2.0.4 (pdfkit's shaper).
 *
 * A mark positioning
 * lookup (GPOS mark-to-base, mark-to-ligature, mark-to-mark) whose anchor for a class is
 * NULL, which the OpenType format allows and fonts use ("this base has no anchor for this
 * kind of mark"), made it read a property of null and throw. The Noto Sans Arabic we embed
 * has such anchors: a name spelled with a North African feh (`يوسڢ`) or a Quranic mark
 * ended `render` with an internal error. As HarfBuzz does, such a mark is left unattached
 * (drawn where it stands) instead.
 *
 * A default-ignorable character that reaches the shaper (the joiners kept after an
 * Arabic-script or Indic letter: Measurer.prepare; a variation selector) was drawn as the
 * font's space glyph with no advance: nothing to see, but a PDF says once which
 * characters a glyph stands for (its ToUnicode map), and the space glyph stands for a
 * space, so a reader that ignores /ActualText (pdf.js, Firefox's viewer) read `حسین زاده`
 * for `حسین‌زاده`. Such a glyph is now taken out of the run: drawn and measured the same
 * (it had no advance, and positions are relative), extracted without a space.
 *
 * The fixes are made on fontkit's classes (its GPOS processor, its layout engine),
 * reached through a font: every font shaped afterwards in the process has them. Nothing
 * else changes.
 */

interface AnchorMethods {
  applyAnchor(
    markRecord: { readonly markAnchor?: unknown } | undefined,
    baseAnchor: unknown,
    baseIndex: number,
  ): void;
}

interface IgnorableMethods {
  hideDefaultIgnorables(glyphs: { codePoints: readonly number[] }[], positions: unknown[]): void;
  isDefaultIgnorable(codePoint: number | undefined): boolean;
}

/** Installs the guards, through `font` (a fontkit font), if not done yet. */
export function guardFontkit(font: unknown): void {
  guardNullAnchors(font);
  dropIgnorables(font);
}

let guarded = false;

function guardNullAnchors(font: unknown): void {
  if (guarded) return;
  const engine = (font as { _layoutEngine?: { engine?: { GPOSProcessor?: object | null } } })
    ._layoutEngine?.engine;
  const gpos = engine?.GPOSProcessor;
  if (!gpos) return; // a font without positioning: the next one will do
  const proto = Object.getPrototypeOf(gpos) as Partial<AnchorMethods>;
  const original = proto.applyAnchor;
  if (typeof original !== 'function') return;
  proto.applyAnchor = function (this: unknown, markRecord, baseAnchor, baseIndex) {
    if (baseAnchor == null || markRecord?.markAnchor == null) return;
    original.call(this, markRecord, baseAnchor, baseIndex);
  };
  guarded = true;
}

let dropping = false;

function dropIgnorables(font: unknown): void {
  if (dropping) return;
  const engine = (font as { _layoutEngine?: object | null })._layoutEngine;
  if (!engine) return;
  const proto = Object.getPrototypeOf(engine) as Partial<IgnorableMethods>;
  if (
    typeof proto.hideDefaultIgnorables !== 'function' ||
    typeof proto.isDefaultIgnorable !== 'function'
  )
    return;
  proto.hideDefaultIgnorables = function (this: IgnorableMethods, glyphs, positions) {
    let kept = 0;
    for (let i = 0; i < glyphs.length; i++) {
      if (this.isDefaultIgnorable(glyphs[i]!.codePoints[0])) continue;
      glyphs[kept] = glyphs[i]!;
      positions[kept] = positions[i];
      kept++;
    }
    glyphs.length = kept;
    positions.length = kept;
  };
  dropping = true;
}
