/**
 * How far V8 lets the old generation grow past what the last full GC kept alive. By
 * default it picks a factor of up to 4 from its GC speed, and the render's garbage (each
 * page's content strings, the rows rebuilt for drawing, pdfkit's small objects) is
 * promoted and left there: at 50k transfers + 25k exchanges ~200 MB were alive during
 * the drawing pass but ~400 MB of heap were in use before a full GC came (peak RSS
 * 628 MB). A factor of 1.3 keeps the heap near its live size for some CPU (bench/LIMITS.md,
 * render-scale). Set by the CLI's commands only, process-wide (library users keep V8's
 * default, unless they run those commands in-process through the exported `main`):
 * - at 30 % by any command that loads a dossier, once the heap in use passes
 *   LARGE_HEAP_BYTES while it loads (validate of 500k records), so that ordinary loading
 *   and validation (which have CPU targets) keep the default; and by `import` into a
 *   large dossier, from the moment the dossier is known to be large (its OUT is then
 *   checked on the main thread after the reading, in parts one after the other, whose
 *   garbage otherwise let the heap reach 683 MB at 1M rows);
 * - at 100 % (a factor of 2) by `import` once it starts reading the source, when the heap
 *   limit lets V8 pick a factor of up to 4 itself (a heap of 2 GiB or more: Node's default
 *   on a machine of 8 GB or more): its reading promotes the rows in flight, and V8's
 *   default let the main thread's heap reach ~130 MB for ~22 MB alive (peak RSS 290-304
 *   MiB at 1M rows, 257-261 MiB at 100k); a factor of 2 gives 251-256 and 215-221 MiB in
 *   the same time, where 30-50 % cost 10-15 % more CPU (bench/LIMITS.md, session 27);
 * - at 15 % by the drawing commands (render, packet) as soon as the files read so far
 *   hold a large dossier's records (checkDossier's `onRecords`), whatever loading set:
 *   its checking, not only its drawing, is then done in a tight heap (at 50k transfers +
 *   25k exchanges the checking's heap otherwise grew to ~120 MB, a peak as high as the
 *   drawing's); at 10k transfers + 4k exchanges a factor of 1.3 saved 12 MB for 7-10 %
 *   more CPU, so smaller dossiers keep the default.
 * A percent once set is only ever lowered.
 */
import v8 from 'node:v8';

/** Heap growth past the live size after a full GC, in percent (V8's --heap-growing-percent). */
const TIGHT_HEAP_GROWING_PERCENT = 30;

/**
 * The same for the drawing commands of a large dossier: their garbage is short-lived
 * (a page's operators, rows read back), so a closer bound costs little. At 50k transfers
 * + 25k exchanges, peak RSS 245-261 MB at 30 % against 232-236 MB at 15 %, for ~5-10 %
 * more CPU (bench/LIMITS.md, render-scale; time per page stays well under the 5k + 5k's).
 */
const DRAWING_HEAP_GROWING_PERCENT = 15;

/**
 * The same for `import`'s reading (any export): its garbage is each chunk's rows, so a
 * factor of 2 holds the heap without the extra full GCs of a closer bound.
 */
const IMPORT_HEAP_GROWING_PERCENT = 100;

/** Transfers and exchanges from which the heap is kept tight. */
const LARGE_DOSSIER_RECORDS = 30_000;

/**
 * Heap in use from which loading keeps the heap tight whatever the command: below it the
 * default growth costs little memory (validate of 100k records stays near 200 MB of RSS)
 * and saves CPU; past it V8's default let validate of 500k records peak at 430-550 MB
 * where ~320 MB suffice (bench/LIMITS.md, validate).
 */
const LARGE_HEAP_BYTES = 192 * 1024 * 1024;

/** The growth percent set so far (undefined: V8's default). */
let tightened: number | undefined;

function tighten(percent = TIGHT_HEAP_GROWING_PERCENT): void {
  if (tightened !== undefined && tightened <= percent) return;
  tightened = percent;
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}

/**
 * Keep the heap close to its live size from now on when the dossier to draw has `records`
 * transfers and exchanges or more (render, packet; process-wide; from those commands, not the
 * library's functions): DRAWING_HEAP_GROWING_PERCENT, closer than loading's.
 */
export function tightenHeapGrowth(records: number): void {
  if (records < LARGE_DOSSIER_RECORDS) return;
  tighten(DRAWING_HEAP_GROWING_PERCENT);
}

/**
 * Heap limit from which V8's own growth factor may exceed 2 (its maximum old generation
 * about 2 GiB or more: V8's MemoryController::MaxGrowingFactor gives 4 from 2 GiB, and
 * scales it from 1.3 to 2 below): with less, a fixed factor of 2 would loosen V8's bound.
 */
const HIGH_FACTOR_HEAP_LIMIT = 2048 * 1024 * 1024;

/**
 * Bound the heap's growth for an import's reading (runImport's onReading, once the
 * import is accepted): only where V8 would let it grow further itself.
 */
export function tightenHeapGrowthForImport(): void {
  if (v8.getHeapStatistics().heap_size_limit < HIGH_FACTOR_HEAP_LIMIT) return;
  tighten(IMPORT_HEAP_GROWING_PERCENT);
}

/** Keep the heap close to its live size from now on (`import` into a large dossier). */
export function tightenHeapGrowthNow(): void {
  tighten();
}

/**
 * Keep the heap close to its live size from now on if what it holds has reached
 * LARGE_HEAP_BYTES. Called between the files of a dossier as they load (the CLI's
 * progress hook), so that only dossiers whose loading is large pay the extra full GCs.
 */
export function tightenHeapGrowthIfLarge(): void {
  if (tightened !== undefined && tightened <= TIGHT_HEAP_GROWING_PERCENT) return;
  if (v8.getHeapStatistics().used_heap_size >= LARGE_HEAP_BYTES) tighten();
}

/**
 * A checkDossier `onProgress` hook for commands that load a dossier: watches the heap
 * between files, then passes the progress text on, if there is a `say`.
 */
export function loadingWatch(say?: (what: string) => void): (what: string) => void {
  return (what) => {
    tightenHeapGrowthIfLarge();
    say?.(what);
  };
}

/**
 * checkDossier's hooks for the drawing commands (render, packet): the loading watch, and
 * their tight growth from the file that brings the dossier past LARGE_DOSSIER_RECORDS,
 * not only once it is checked (the checking of a large dossier peaked as high as its
 * drawing).
 */
export function drawingWatch(): {
  onProgress: (what: string) => void;
  onRecords: (records: number) => void;
} {
  return { onProgress: loadingWatch(), onRecords: tightenHeapGrowth };
}
