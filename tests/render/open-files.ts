import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';

/** Whether open descriptors can be listed (Linux: /proc/self/fd). */
export const hasProcFds = existsSync('/proc/self/fd');

/** Files this process holds open in `folder`, deleted ones included (Linux; else none). */
export function openFilesIn(folder: string): string[] {
  return openDescriptorsIn(folder).map((d) => d.target);
}

/**
 * The same, with a path that opens each of them (`/proc/self/fd/N`: readable even once
 * its name is unlinked).
 */
export function openDescriptorsIn(folder: string): { target: string; path: string }[] {
  if (!hasProcFds) return [];
  const open: { target: string; path: string }[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith(folder + path.sep)) open.push({ target, path: `/proc/self/fd/${fd}` });
    } catch {
      // Closed meanwhile (the descriptor readdir used).
    }
  }
  return open;
}
