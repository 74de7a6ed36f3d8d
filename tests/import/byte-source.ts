/** ByteSources for the readers' tests: over bytes, or made as read (never whole). */
import type { ByteSource } from '../../src/import/readers/json-cursor.js';

/** A ByteSource over `bytes`, read `readBytes` at a time, the window capped at `maxWindow`. */
export function sourceOf(bytes: Uint8Array, readBytes: number, maxWindow = 64 << 20): ByteSource {
  return {
    size: bytes.length,
    readBytes,
    maxWindow,
    readAt(buf, position) {
      const n = Math.max(0, Math.min(buf.length, bytes.length - position));
      buf.set(bytes.subarray(position, position + n));
      return n;
    },
  };
}

/** A ByteSource of `head`, then `unit` repeated `times`, then `tail`, made as read (never whole). */
export function repeatingSource(
  head: string,
  unit: string,
  times: number,
  tail: string,
  readBytes: number,
  maxWindow: number,
): ByteSource {
  const [h, u, t] = [head, unit, tail].map((s) => Buffer.from(s, 'utf8')) as [
    Buffer,
    Buffer,
    Buffer,
  ];
  const size = h.length + u.length * times + t.length;
  const byteAt = (i: number): number =>
    i < h.length
      ? h[i]!
      : i < h.length + u.length * times
        ? u[(i - h.length) % u.length]!
        : t[i - h.length - u.length * times]!;
  return {
    size,
    readBytes,
    maxWindow,
    readAt(buf, position) {
      const n = Math.max(0, Math.min(buf.length, size - position));
      for (let k = 0; k < n; k++) buf[k] = byteAt(position + k);
      return n;
    },
  };
}
