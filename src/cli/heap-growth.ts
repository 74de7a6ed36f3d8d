/**
 * How far V8 lets the old generation grow past what the last full GC kept alive. By
 * default it picks a factor of up to 4 from its GC speed, and the render's garbage (each
 * page's content strings, the rows rebuilt for drawing, pdfkit's small objects) is
 * promoted and left there: at 50k transfers + 25k exchanges ~200 MB were alive during
 * the drawing pass but ~400 MB of heap were in use before a full GC came (peak RSS
 * 628 MB). A factor of 1.3 keeps the heap near its live size for some CPU (bench/LIMITS.md,
 * render-scale). Set for the drawing commands only, once the dossier is loaded, so that
 * loading and validation (which have CPU targets) keep V8's default.
 */
import v8 from 'node:v8';

/** Heap growth past the live size after a full GC, in percent (V8's --heap-growing-percent). */
const RENDER_HEAP_GROWING_PERCENT = 30;

let tightened = false;

/** Keep the heap close to its live size from now on (process-wide; the CLI only, not the library). */
export function tightenHeapGrowth(): void {
  if (tightened) return;
  tightened = true;
  v8.setFlagsFromString(`--heap-growing-percent=${RENDER_HEAP_GROWING_PERCENT}`);
}
