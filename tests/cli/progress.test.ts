/* eslint-disable no-control-regex -- terminal control sequences are what these tests check */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runRender } from '../../src/cli/commands/render.js';
import { runValidate } from '../../src/cli/commands/validate.js';
import { verifyProgressText } from '../../src/cli/commands/verify.js';
import type { ProgressStream } from '../../src/cli/progress.js';
import { createProgress, fitLine, progressFor, silentProgress } from '../../src/cli/progress.js';
import { fakeIO } from '../helpers/fake-io.js';
import { copyExample, removeTempDirs } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);
afterEach(() => {
  vi.restoreAllMocks();
});

const MIB = 1024 * 1024;

/** A terminal that records what is written. */
function fakeTerminal(columns?: number) {
  let text = '';
  const stream: ProgressStream = {
    write: (s: string) => ((text += s), true),
    isTTY: true,
    ...(columns !== undefined ? { columns } : {}),
  };
  return { stream, text: () => text };
}

/** A clock and timers the test moves by hand. */
function fakeClock() {
  let t = 0;
  let timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => t,
    setTimer: (fn: () => void, ms: number) => {
      const timer = { at: t + ms, fn };
      timers.push(timer);
      return () => void (timers = timers.filter((x) => x !== timer));
    },
    /** Move to `to`, firing the timers that fall due on the way. */
    advance(to: number) {
      for (;;) {
        const next = timers.filter((x) => x.at <= to).sort((a, b) => a.at - b.at)[0];
        if (next === undefined) break;
        timers = timers.filter((x) => x !== next);
        t = next.at;
        next.fn();
      }
      t = to;
    },
    pending: () => timers.length,
  };
}

describe('createProgress', () => {
  it('stays quiet during the delay, then redraws at most every interval, and clears', () => {
    const clock = fakeClock();
    const term = fakeTerminal();
    const line = createProgress(term.stream, { ...clock, delayMs: 1000, intervalMs: 200 });
    clock.advance(500);
    line.update('step 1');
    expect(term.text()).toBe('');
    clock.advance(1000); // the delay is over: the pending text is drawn by the timer
    expect(term.text()).toBe('\rstep 1\x1b[K');
    clock.advance(1100);
    line.update('step 2'); // too soon: kept for later
    clock.advance(1150);
    line.update('step 3');
    expect(term.text()).toBe('\rstep 1\x1b[K');
    clock.advance(1200); // one redraw, with the latest text
    expect(term.text()).toBe('\rstep 1\x1b[K\rstep 3\x1b[K');
    clock.advance(1500);
    line.update('step 4'); // due: drawn at once
    expect(term.text()).toBe('\rstep 1\x1b[K\rstep 3\x1b[K\rstep 4\x1b[K');
    line.clear();
    expect(term.text().endsWith('\rstep 4\x1b[K\r\x1b[K')).toBe(true);
    expect(clock.pending()).toBe(0);
  });

  it('draws the latest text by timer when updates stop coming', () => {
    const clock = fakeClock();
    const term = fakeTerminal();
    const line = createProgress(term.stream, clock);
    line.update('one');
    line.update('two');
    expect(clock.pending()).toBe(1);
    clock.advance(999);
    expect(term.text()).toBe('');
    clock.advance(1000);
    expect(term.text()).toBe('\rtwo\x1b[K');
    clock.advance(1050);
    line.update('three');
    clock.advance(1150);
    expect(term.text()).toBe('\rtwo\x1b[K');
    clock.advance(1200);
    expect(term.text()).toBe('\rtwo\x1b[K\rthree\x1b[K');
    line.clear();
  });

  it('writes nothing at all for a short run, and leaves no timer behind', () => {
    const clock = fakeClock();
    const term = fakeTerminal();
    const line = createProgress(term.stream, clock);
    line.update('quick');
    clock.advance(300);
    line.clear();
    expect(clock.pending()).toBe(0);
    clock.advance(5000);
    expect(term.text()).toBe('');
  });

  it('calls a text function only when drawing, with the elapsed time', () => {
    const clock = fakeClock();
    const term = fakeTerminal();
    const line = createProgress(term.stream, clock);
    const calls: number[] = [];
    line.update((ms) => (calls.push(ms), `at ${ms}`));
    expect(calls).toEqual([]);
    clock.advance(1000);
    expect(calls).toEqual([1000]);
    expect(term.text()).toBe('\rat 1000\x1b[K');
    line.clear();
  });

  it('does not rewrite an unchanged text; after clear it can show the line again', () => {
    const clock = fakeClock();
    const term = fakeTerminal();
    const line = createProgress(term.stream, clock);
    clock.advance(1000);
    line.update('same');
    clock.advance(1500);
    line.update('same');
    expect(term.text()).toBe('\rsame\x1b[K');
    line.clear();
    clock.advance(2000);
    line.update('same');
    expect(term.text()).toBe('\rsame\x1b[K\r\x1b[K\rsame\x1b[K');
    line.clear();
  });

  it('keeps the line on one terminal row, without control characters', () => {
    const clock = fakeClock();
    const term = fakeTerminal(21);
    const line = createProgress(term.stream, clock);
    clock.advance(1000);
    line.update('validating dossier 1/2: a/very/long/path/dossier.yaml');
    expect(term.text()).toBe('\rvalidating…sier.yaml\x1b[K');
    line.clear();
    expect(fitLine('evil\n\x1b[2Jname\r', undefined)).toBe('evil??[2Jname?');
    expect(fitLine('short', 80)).toBe('short');
    expect(fitLine('abcdef', 4)).toBe('a…f');
  });

  it('shows the verify line as before', () => {
    expect(verifyProgressText(50 * MIB, 100 * MIB, 1000)).toBe(
      'verifying exhibit files: 50/100 MiB (50%), 50 MiB/s',
    );
    expect(verifyProgressText(100 * MIB, 100 * MIB, 1300)).toBe(
      'verifying exhibit files: 100/100 MiB (100%), 77 MiB/s',
    );
    expect(verifyProgressText(0, 0, 0)).toBe('verifying exhibit files: 0/0 MiB (100%), 0 MiB/s');
  });
});

describe('progressFor', () => {
  it('is silent unless stderr is a terminal (and not TERM=dumb)', () => {
    expect(progressFor(fakeIO({ isTTY: false }).io)).toBe(silentProgress);
    expect(progressFor(fakeIO({ isTTY: true, env: { TERM: 'dumb' } }).io)).toBe(silentProgress);
    expect(progressFor(fakeIO({ isTTY: true }).io)).not.toBe(silentProgress);
  });
});

/**
 * Every read of the monotonic clock (monotonicMs, from process.hrtime.bigint) moves it by
 * `step` ms: any operation looks long.
 */
function slowClock(step: number) {
  let t = 0n;
  vi.spyOn(process.hrtime, 'bigint').mockImplementation(() => (t += BigInt(step) * 1_000_000n));
}

describe('progress lines of the commands', () => {
  it('validate: names each dossier on a terminal, and clears the line before the report', async () => {
    const dir = copyExample();
    slowClock(400);
    const { io, out, err } = fakeIO({ cwd: dir, isTTY: true, env: { NO_COLOR: '1' } });
    const status = await runValidate(
      ['dossier.yaml', 'missing.yaml', 'dossier.yaml'],
      { format: 'text' },
      io,
    );
    expect(status).toBe(2);
    const stderr = err();
    expect(stderr).toContain('\rvalidating dossier 3/3: dossier.yaml\x1b[K');
    // The error is written on a line of its own: the progress line was erased first.
    expect(stderr).toMatch(/(?:^|\n|\r\x1b\[K)courtfile: cannot read missing\.yaml/);
    expect(stderr.endsWith('\r\x1b[K')).toBe(true);
    expect(out()).toContain('2 dossier(s) checked, 1 unreadable');
  });

  it('validate: names each file of a single dossier as it is read, then the checks', async () => {
    const dir = copyExample();
    slowClock(400);
    const { io, err } = fakeIO({ cwd: dir, isTTY: true, env: { NO_COLOR: '1' } });
    expect(await runValidate(['dossier.yaml'], { format: 'text' }, io)).toBe(0);
    const stderr = err();
    expect(stderr).toContain('\rvalidating dossier.yaml: reading transfers.yaml (2/3)\x1b[K');
    expect(stderr).toContain('\rvalidating dossier.yaml: reading exchanges.yaml (3/3)\x1b[K');
    expect(stderr).toContain('\rvalidating dossier.yaml: checking records\x1b[K');
    expect(stderr.endsWith('\r\x1b[K')).toBe(true);
  });

  it('validate and render write no progress to a stderr that is not a terminal', async () => {
    const dir = copyExample();
    slowClock(400);
    const validate = fakeIO({ cwd: dir, isTTY: false });
    await runValidate(['dossier.yaml', 'dossier.yaml'], { format: 'text' }, validate.io);
    expect(validate.err()).toBe('');
    const render = fakeIO({ cwd: dir, isTTY: false });
    expect(
      await runRender('dossier.yaml', { output: 'out.pdf', date: '2024-01-01' }, render.io),
    ).toBe(0);
    expect(render.err()).not.toContain('\r');
    expect(render.err()).toMatch(/^wrote out\.pdf \(\d+ pages, \d+ KiB\)\n$/);
  });

  it('render: counts pages on a terminal, and clears the line before saying what it wrote', async () => {
    const dir = copyExample();
    slowClock(400);
    const { io, err } = fakeIO({ cwd: dir, isTTY: true, env: { NO_COLOR: '1' } });
    expect(await runRender('dossier.yaml', { output: 'out.pdf', date: '2024-01-01' }, io)).toBe(0);
    const stderr = err();
    expect(stderr).toMatch(/^\rrendering(?:: page \d+)?\x1b\[K/);
    expect(stderr).toMatch(/\rrendering: page \d+\x1b\[K/);
    expect(stderr).toMatch(/\r\x1b\[Kwrote out\.pdf \(\d+ pages, \d+ KiB\)\n$/);
  });
});
