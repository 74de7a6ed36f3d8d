/**
 * A memo of what was computed for recent texts, in bounded memory: entries go to a young
 * map; when it holds `capacity` entries it becomes the old map (the previous old one is
 * dropped) and a new young map begins. A text found in the old map is copied to the
 * young one. Texts that keep coming back (labels, names, currencies, dates, statuses)
 * stay; one-off texts (ids, amounts, references: most of a large dossier's cells) are
 * gone two generations after their last use. At most 2 × `capacity` entries.
 *
 * Replaces "clear when larger than 200,000" (the measurer's widths and prepared texts),
 * "... than 50,000" (its run layouts) and "keep the first 100,000" (the text writer's
 * show-text operators): in the measuring pass at 50k transfers + 25k exchanges the heap held
 * 192,681 prepared texts (13 MB, and 4 MB of their lines), nearly all of them cells met
 * once; peak RSS fell by ~20 MB and CPU did not rise (bench/LIMITS.md, render-scale).
 */
export class RecentMemo<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();

  constructor(private readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError(`capacity ${capacity}: at least 1`);
  }

  /** The value kept for `key`, if it is still there. `undefined` is not a value. */
  get(key: string): V | undefined {
    const v = this.young.get(key);
    if (v !== undefined) return v;
    const o = this.old.get(key);
    if (o !== undefined) this.set(key, o);
    return o;
  }

  set(key: string, value: V): void {
    if (this.young.size >= this.capacity) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  /** Entries held (a text in both maps counts twice). */
  get size(): number {
    return this.young.size + this.old.size;
  }

  clear(): void {
    this.young = new Map();
    this.old = new Map();
  }
}
