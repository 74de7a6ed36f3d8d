import { tokenizeDatePattern } from './date-pattern.js';
import type { WallTime } from './date-pattern.js';

/**
 * The parts of a date pattern between its unquoted spaces (`dd/MM/yyyy HH:mm` is
 * `dd/MM/yyyy` and `HH:mm`): the parts a value joined from several cells has, one cell
 * giving one or more of them.
 */
export function splitDatePattern(pattern: string): string[] {
  const parts: string[] = [];
  let part = '';
  let quoted = false;
  for (const ch of pattern) {
    if (ch === "'") quoted = !quoted;
    if (ch === ' ' && !quoted) {
      if (part !== '') parts.push(part);
      part = '';
    } else part += ch;
  }
  if (part !== '') parts.push(part);
  return parts;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * A wall time written with a pattern (so that it reads back through the same pattern),
 * or why it cannot be: an offset (`X`) that a wall time does not have.
 */
export function renderDatePattern(
  pattern: string,
  t: WallTime,
): { readonly text: string } | { readonly problem: string } {
  const tokens = tokenizeDatePattern(pattern);
  if (typeof tokens === 'string') return { problem: tokens };
  let text = '';
  for (const tok of tokens) {
    if (tok.kind === 'literal') {
      text += tok.text;
      continue;
    }
    const w = tok.width;
    switch (tok.letter) {
      case 'y':
        // `yy` reads back as 20yy: a date cell of another century cannot be written so.
        if (w === 2 && (t.year < 2000 || t.year > 2099))
          return {
            problem: `the date cell holds a date of ${t.year}, which "yy" (read as 20yy) cannot show: write yyyy in the format`,
          };
        text += w === 2 ? pad(t.year % 100) : pad(t.year, 4);
        break;
      case 'M':
        text += pad(t.month, w);
        break;
      case 'd':
        text += pad(t.day, w);
        break;
      case 'H':
        text += pad(t.hour, w);
        break;
      case 'h':
        text += pad(t.hour % 12 === 0 ? 12 : t.hour % 12, w);
        break;
      case 'm':
        text += pad(t.minute);
        break;
      case 's':
        text += pad(t.second);
        break;
      case 'S':
        text += t.fraction.padEnd(w, '0').slice(0, w);
        break;
      case 'a':
        text += t.hour < 12 ? 'AM' : 'PM';
        break;
      default:
        return { problem: `"${pattern}" has an offset, which a date cell does not show` };
    }
  }
  return { text };
}
