import { rmSync } from 'node:fs';

/**
 * Temporary files and folders that exist only while an output is being written.
 * On Ctrl-C they are removed before the process exits, so an interrupted command
 * leaves no partial output behind (targets are only ever replaced by rename).
 */
const temps = new Set<string>();

export function registerTemp(path: string): void {
  temps.add(path);
}

export function unregisterTemp(path: string): void {
  temps.delete(path);
}

/** Whether any temporary path is registered (an output is being written). */
export function hasTemps(): boolean {
  return temps.size > 0;
}

/** Remove every registered temporary path (synchronously: called from a signal handler). */
export function removeTempsSync(): void {
  for (const p of temps) {
    try {
      rmSync(p, { recursive: true, force: true });
    } catch {
      // Best effort: nothing more can be done while exiting.
    }
  }
  temps.clear();
}
