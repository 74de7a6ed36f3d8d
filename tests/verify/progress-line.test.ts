import { describe, expect, it } from 'vitest';
import { createProgressLine } from '../../src/verify/progress-line.js';

const MIB = 1024 * 1024;

function fakeTerminal() {
  let text = '';
  return { stream: { write: (s: string) => ((text += s), true), isTTY: true }, text: () => text };
}

describe('createProgressLine', () => {
  it('stays quiet during the first second, then redraws at most every interval, and clears', () => {
    let t = 0;
    const term = fakeTerminal();
    const line = createProgressLine(term.stream, { now: () => t, delayMs: 1000, intervalMs: 200 });
    t = 500;
    line.update(10 * MIB, 100 * MIB);
    expect(term.text()).toBe('');
    t = 1000;
    line.update(50 * MIB, 100 * MIB);
    expect(term.text()).toBe('\rverifying exhibit files: 50/100 MiB (50%), 50 MiB/s\x1b[K');
    t = 1100;
    line.update(60 * MIB, 100 * MIB);
    expect(term.text().split('\r')).toHaveLength(2);
    t = 1300;
    line.update(100 * MIB, 100 * MIB);
    expect(
      term.text().endsWith('\rverifying exhibit files: 100/100 MiB (100%), 77 MiB/s\x1b[K'),
    ).toBe(true);
    line.clear();
    expect(term.text().endsWith('\r\x1b[K')).toBe(true);
  });

  it('writes nothing at all for a short run', () => {
    const term = fakeTerminal();
    const line = createProgressLine(term.stream);
    line.update(1, 2);
    line.clear();
    expect(term.text()).toBe('');
  });
});
