/**
 * A guard around one fault of fontkit 2.0.4 (pdfkit's shaper): a mark positioning
 * lookup (GPOS mark-to-base, mark-to-ligature, mark-to-mark) whose anchor for a class is
 * NULL, which the OpenType format allows and fonts use ("this base has no anchor for this
 * kind of mark"), made it read a property of null and throw. The Noto Sans Arabic we embed
 * has such anchors: a name spelled with a North African feh (`يوسڢ`) or a Quranic mark
 * ended `render` with an internal error. As HarfBuzz does, such a mark is left unattached
 * (drawn where it stands) instead.
 *
 * The fix is made on fontkit's GPOS processor class, reached through a font's layout
 * engine: every font shaped afterwards in the process has it. Nothing else changes.
 */

interface AnchorMethods {
  applyAnchor(
    markRecord: { readonly markAnchor?: unknown } | undefined,
    baseAnchor: unknown,
    baseIndex: number,
  ): void;
}

let guarded = false;

/** Installs the guard, through `font` (a fontkit font), if not done yet. */
export function guardNullAnchors(font: unknown): void {
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
