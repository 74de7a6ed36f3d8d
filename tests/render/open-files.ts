import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';

/** Whether open descriptors can be listed (Linux: /proc/self/fd). */
export const hasProcFds = existsSync('/proc/self/fd');

/** Files this process holds open in `folder`, deleted ones included (Linux; else none). */
export function openFilesIn(folder: string): string[] {
  if (!hasProcFds) return [];
  const open: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith(folder + path.sep)) open.push(target);
    } catch {
      // Closed meanwhile (the descriptor readdir used).
    }
  }
  return open;
}
