/**
 * SIGINT and SIGTERM (issue 11, item 9): a long render or packet stops promptly, removes
 * every temporary file and folder, and exits 130 / 143. Real child processes of the
 * built CLI on a large generated (fictional) dossier, plus the pieces in-process.
 */
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { installSignalHandlers } from '../../src/cli/signals.js';
import { InterruptedError } from '../../src/errors.js';
import { Checkpoint } from '../../src/interrupt.js';
import { writeFileAtomic } from '../../src/output/atomic-write.js';
import { registerTemp } from '../../src/output/temp-registry.js';
import { computeFacts } from '../../src/facts/index.js';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { ensureBuilt } from '../helpers/built-cli.js';
import { EXAMPLE_DIR, REPO_ROOT, removeTempDirs, tempDir } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

const onLinux = process.platform === 'linux';

/** CPU seconds (user + system) used so far by process `pid` (Linux /proc). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every name under `dir` (recursively) that is a courtfile temporary. */
function temporaries(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((n) =>
    n.includes('courtfile-tmp'),
  );
}

interface Stopped {
  readonly code: number | null;
  readonly stderr: string;
  /** Seconds from the signal to the exit. */
  readonly seconds: number;
  /** Milliseconds from the start to the exit. */
  readonly ms: number;
}

/**
 * Run the CLI with `args` in `cwd` (Node given `nodeArgs` first), wait until `ready()`
 * (checked every 20 ms, given the child's CPU seconds and the milliseconds since it
 * started) says the work is under way, send `signal`, and wait for the exit. A run that
 * ends first is returned as it ended.
 */
async function stopWhile(
  args: string[],
  cwd: string,
  signal: NodeJS.Signals,
  ready: (cpu: number, ms: number) => boolean,
  nodeArgs: readonly string[] = [],
): Promise<Stopped> {
  const started = performance.now();
  const bin = path.join(REPO_ROOT, 'bin/courtfile.js');
  const child = spawn(process.execPath, [...nodeArgs, bin, ...args], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let killedBy: string | null = null;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, sig) => {
      killedBy = sig;
      resolve(code);
    }),
  );
  const pid = child.pid as number;
  let running = true;
  void exited.then(() => (running = false));
  const cpu = () => {
    try {
      return cpuSeconds(pid);
    } catch {
      return 0; // exited meanwhile
    }
  };
  while (running && !ready(cpu(), performance.now() - started)) await sleep(20);
  const sent = performance.now();
  if (running) child.kill(signal);
  const code = await exited;
  const end = performance.now();
  // A run that died of a signal (not one courtfile handled) says so in the failure message.
  // After SIGHUP courtfile ends by that signal itself, once it has said so (its terminal
  // is gone: see endAsHungUp); a shell sees 129.
  if (killedBy === 'SIGHUP' && stderr.endsWith('courtfile: hung up\n'))
    return { code: 129, stderr, seconds: (end - sent) / 1000, ms: end - started };
  if (killedBy) stderr += `[killed by ${killedBy}]`;
  return { code, stderr, seconds: (end - sent) / 1000, ms: end - started };
}

describe.skipIf(!onLinux)('signals stop a real render or packet', () => {
  let big: string;

  beforeAll(async () => {
    await ensureBuilt();
    big = tempDir('courtfile-signals-');
    // FICTIONAL data from the benchmark generator: 20,000 transfers render in several seconds.
    execFileSync(process.execPath, [
      path.join(REPO_ROOT, 'bench/generate.js'),
      '--out',
      path.join(big, 'd'),
      '--transfers',
      '20000',
      '--exchanges',
      '8000',
      '--exhibits',
      '2',
    ]);
  }, 120_000);

  test.each([
    ['SIGINT', 130, 'interrupted'],
    ['SIGTERM', 143, 'terminated'],
    // Import sweep (session 38): Node's default for SIGHUP (the terminal closed) killed the
    // process at once, leaving its temporary files (200 MB of an import's parts).
    ['SIGHUP', 129, 'hung up'],
  ] as const)(
    'render: %s during layout exits %i within seconds, no output, no temporary file',
    async (signal, status, word) => {
      const out = tempDir('courtfile-signals-out-');
      // 2.5 s of CPU: the dossier is loaded and checked, the pages are being laid out.
      const r = await stopWhile(
        ['render', path.join(big, 'd/dossier.yaml'), '-o', 'r.pdf', '--date', '2024-05-01'],
        out,
        signal,
        (cpu) => cpu >= 2.5,
      );
      expect(r.code, r.stderr).toBe(status);
      expect(r.stderr).toBe(`courtfile: ${word}\n`);
      expect(r.seconds).toBeLessThan(5);
      expect(readdirSync(out)).toEqual([]);
    },
    60_000,
  );

  test('packet: SIGTERM while rendering into the staging folder exits 143 and removes it', async () => {
    const out = tempDir('courtfile-signals-out-');
    let stagingSeen = false;
    const r = await stopWhile(
      ['packet', path.join(big, 'd/dossier.yaml'), '-o', 'pk', '--date', '2024-05-01'],
      out,
      'SIGTERM',
      () => (stagingSeen ||= temporaries(out).length > 0),
    );
    expect(stagingSeen).toBe(true);
    expect(r.code).toBe(143);
    expect(r.stderr).toBe('courtfile: terminated\n');
    expect(r.seconds).toBeLessThan(5);
    expect(readdirSync(out)).toEqual([]);
  }, 60_000);
});

describe.skipIf(!onLinux)('Ctrl-C at any moment of a short render', () => {
  beforeAll(ensureBuilt, 120_000);

  test('SIGINT at 4 moments from start to end: exit 130 with no PDF, or 0 with a whole one; never a temporary', async () => {
    const dossier = path.join(EXAMPLE_DIR, 'dossier.yaml');
    // How long a whole run takes here, so that the signals cover it from start to end.
    const whole = await stopWhile(
      ['render', dossier, '-o', 'r.pdf'],
      tempDir(),
      'SIGINT',
      () => false,
    );
    expect(whole.code, whole.stderr).toBe(0);
    const seen = new Set<number | null>();
    for (let i = 0; i < 4; i++) {
      const out = tempDir('courtfile-signals-out-');
      const r = await stopWhile(
        ['render', dossier, '-o', 'r.pdf', '--date', '2024-05-01'],
        out,
        'SIGINT',
        (_, ms) => ms >= (whole.ms * (i + 0.5)) / 4,
      );
      seen.add(r.code);
      expect(temporaries(out)).toEqual([]);
      if (r.code === 130) expect(readdirSync(out)).toEqual([]);
      else {
        expect(r.code, r.stderr).toBe(0);
        expect(readFileSync(path.join(out, 'r.pdf')).subarray(-6).toString()).toMatch(/%%EOF/);
      }
    }
    expect(seen.has(130)).toBe(true);
  }, 180_000);
});

describe.skipIf(!onLinux)('a signal once the command has finished', () => {
  beforeAll(ensureBuilt, 120_000);

  // The moment the report line is on stderr the PDF is in place: a signal from then on is
  // too late to stop anything, and the run ends with its own status. Before, it ended 130
  // (the handler saw no temporary and exited, the whole PDF left behind) or was killed by
  // the signal (Node restores the default action while it tears down after a natural exit).
  test('SIGINT as soon as "wrote" is printed: exit 0 with the whole PDF, 8 runs of 8', async () => {
    const dossier = path.join(EXAMPLE_DIR, 'dossier.yaml');
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const out = tempDir('courtfile-signals-late-');
      const bin = path.join(REPO_ROOT, 'bin/courtfile.js');
      const child = spawn(process.execPath, [bin, 'render', dossier, '-o', 'r.pdf'], {
        cwd: out,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        // Spread over the end of the run: at once, then up to 7 ms later.
        if (stderr.includes('wrote ')) setTimeout(() => child.kill('SIGINT'), i);
      });
      const [code, killedBy] = await new Promise<[number | null, string | null]>((resolve) =>
        child.on('exit', (c, s) => resolve([c, s])),
      );
      outcomes.push(`${code}/${killedBy}`);
      expect(stderr).toMatch(/^wrote r\.pdf \(17 pages, /);
      expect(readdirSync(out)).toEqual(['r.pdf']);
      expect(readFileSync(path.join(out, 'r.pdf')).subarray(-6).toString()).toMatch(/%%EOF/);
    }
    expect(outcomes).toEqual(Array(8).fill('0/null'));
  }, 120_000);
});

describe.skipIf(!onLinux)('a signal while the program is still loading', () => {
  beforeAll(ensureBuilt, 120_000);

  // A module hook that holds the loading of the CLI's bundle (Node 22 and later) or of the
  // loader of its script (Node 20: src/cli/load-program.ts) for 3 s, after touching a
  // marker file: the signal then comes while the launcher waits for its program. Node 20
  // and 22 run such hooks on their own thread, and the launcher's handler ends the process
  // at once; Node 24 waits for them on the main thread, so the signal is handled once the
  // program has loaded, by its own handlers, which must not lose it on the way. Either
  // way, without the launcher's handlers Node's default would kill the process.
  const hook = (marker: string) =>
    `data:text/javascript,${encodeURIComponent(`
      import { register } from 'node:module';
      register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(`
        import { writeFileSync } from 'node:fs';
        export async function load(url, context, next) {
          if (/[/]dist[/]bundle[/](courtfile|load-program)[.]js$/.test(url)) {
            writeFileSync(${JSON.stringify(marker)}, '');
            await new Promise((r) => setTimeout(r, 3000));
          }
          return next(url, context);
        }`)}));`)}`;

  test.each([
    ['SIGINT', 130, 'interrupted'],
    ['SIGTERM', 143, 'terminated'],
    ['SIGHUP', 129, 'hung up'],
  ] as const)(
    '%s: exit %i with the message, at once, nothing written',
    async (signal, status, word) => {
      const out = tempDir('courtfile-signals-out-');
      const marker = path.join(out, '..', `${path.basename(out)}.loading`);
      const r = await stopWhile(
        ['render', path.join(EXAMPLE_DIR, 'dossier.yaml'), '-o', 'r.pdf'],
        out,
        signal,
        () => existsSync(marker),
        ['--import', hook(marker)],
      );
      expect(existsSync(marker)).toBe(true);
      // A run killed by the signal has `[killed by …]` in its stderr.
      expect(r.stderr).toBe(`courtfile: ${word}\n`);
      expect(r.code).toBe(status);
      expect(r.seconds).toBeLessThan(3 + 5);
      expect(readdirSync(out)).toEqual([]);
    },
    60_000,
  );
});

describe('who listens to signals once the program runs', () => {
  beforeAll(ensureBuilt, 120_000);

  test("the launcher's listeners are gone, the program's and a preloaded module's remain", () => {
    // A preload listening to SIGTERM (a tool that flushes its data on the way out) says at
    // exit who still listens.
    const preload = `data:text/javascript,${encodeURIComponent(`
      const mine = () => {};
      process.on('SIGTERM', mine);
      process.on('exit', () => {
        const all = process.listeners('SIGTERM');
        const launcher = globalThis[Symbol.for('courtfile.launcherSignalListeners')] ?? [];
        process.stderr.write(JSON.stringify({
          preload: all.includes(mine),
          launcher: launcher.some(([, l]) => all.includes(l) || process.listeners('SIGINT').includes(l) || process.listeners('SIGHUP').includes(l)),
          launcherHad: launcher.length,
          others: all.filter((l) => l !== mine).length,
        }) + '\\n');
      });`)}`;
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        preload,
        path.join(REPO_ROOT, 'bin/courtfile.js'),
        'validate',
        path.join(EXAMPLE_DIR, 'dossier.yaml'),
      ],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stderr.trim().split('\n').pop() as string)).toEqual({
      preload: true,
      launcher: false,
      launcherHad: 3,
      others: 1, // the program's own
    });
  });
});

describe('the pieces, in-process', () => {
  test('a render whose signal aborts stops with that InterruptedError', async () => {
    const { dossier } = await checkDossier(path.join(EXAMPLE_DIR, 'dossier.yaml'));
    if (!dossier) throw new Error('the example dossier does not load');
    const facts = computeFacts(dossier, {});
    const { renderDocumentWithInfo } = await import('../../src/render/index.js');
    const controller = new AbortController();
    let pages = 0;
    const run = renderDocumentWithInfo(dossier, facts, {
      date: '2024-05-01',
      signal: controller.signal,
      onPage: (page) => {
        pages = page;
        if (page === 2) controller.abort(new InterruptedError('terminated', 'SIGTERM'));
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'InterruptedError', signal: 'SIGTERM' });
    // The abort is seen at the next checkpoint, long before the last page.
    expect(pages).toBeLessThan(5);
  });

  test('Checkpoint: yields to the event loop once a slice is used, then throws when aborted', async () => {
    const controller = new AbortController();
    const checkpoint = new Checkpoint(controller.signal, 0);
    let timerRan = false;
    setImmediate(() => {
      timerRan = true;
      controller.abort(new InterruptedError());
    });
    let ticks = 0;
    const loop = async () => {
      for (;;) {
        ticks++;
        const pause = checkpoint.tick();
        if (pause) await pause;
      }
    };
    await expect(loop()).rejects.toBeInstanceOf(InterruptedError);
    expect(timerRan).toBe(true);
    expect(ticks).toBeLessThan(100);
    expect(Checkpoint.none.tick()).toBeUndefined();
  });

  test('writeFileAtomic with an aborted signal leaves the target and no temporary file', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'out.pdf');
    const controller = new AbortController();
    const write = writeFileAtomic(
      target,
      async (handle) => {
        await handle.write('partial');
        controller.abort(new InterruptedError());
      },
      { signal: controller.signal },
    );
    await expect(write).rejects.toBeInstanceOf(InterruptedError);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('installSignalHandlers: while an output is written, the first signal aborts; a second one removes temporaries and exits', () => {
    const dir = tempDir();
    const exits: number[] = [];
    const messages: string[] = [];
    const before = new Set(process.listeners('SIGTERM'));
    const handling = installSignalHandlers({
      stderr: { write: (s) => (messages.push(s), true) },
      exit: (s) => exits.push(s),
      graceMs: 60_000,
    });
    try {
      const listener = process.listeners('SIGTERM').find((l) => !before.has(l));
      const temp = path.join(dir, '.x.courtfile-tmp-1');
      execFileSync('mkdir', [temp]);
      registerTemp(temp);
      listener?.('SIGTERM');
      expect(handling.stopSignal.aborted).toBe(true);
      expect(handling.stopSignal.reason).toMatchObject({ signal: 'SIGTERM' });
      expect(exits).toEqual([]);
      expect(existsSync(temp)).toBe(true);
      listener?.('SIGTERM');
      expect(exits).toEqual([143]);
      expect(existsSync(temp)).toBe(false);
      expect(messages.join('')).toBe('courtfile: terminated\n');
    } finally {
      handling.uninstall();
    }
  });

  test('installSignalHandlers: after finish(status), a signal ends with that status; with output still queued, as interrupted', () => {
    const exits: number[] = [];
    const messages: string[] = [];
    const before = new Set(process.listeners('SIGINT'));
    let queued = false;
    const handling = installSignalHandlers({
      stderr: { write: (s) => (messages.push(s), true) },
      exit: (s) => exits.push(s),
    });
    try {
      handling.finish(1, () => queued);
      const listener = process.listeners('SIGINT').find((l) => !before.has(l));
      expect(listener).toBeDefined();
      listener?.('SIGINT');
      expect(exits).toEqual([1]);
      expect(messages).toEqual([]);
      expect(handling.stopSignal.aborted).toBe(false);
      queued = true;
      listener?.('SIGINT');
      expect(exits).toEqual([1, 130]);
      expect(messages).toEqual(['courtfile: interrupted\n']);
    } finally {
      handling.uninstall();
    }
  });

  // Review (session 38): after SIGHUP the terminal is gone, and process.exit() failed to
  // restore its settings (Node 20 died of SIGSEGV): the process ends by the signal itself.
  test('installSignalHandlers: SIGHUP ends the process as hung up, not by process.exit', () => {
    const exits: number[] = [];
    const hangUps: number[] = [];
    const messages: string[] = [];
    const before = new Set(process.listeners('SIGHUP'));
    const handling = installSignalHandlers({
      stderr: { write: (s) => (messages.push(s), true) },
      exit: (s) => exits.push(s),
      hangUp: (s) => hangUps.push(s),
    });
    try {
      process.listeners('SIGHUP').find((l) => !before.has(l))?.('SIGHUP');
      expect(handling.stopSignal.aborted).toBe(true);
      expect(exits).toEqual([]);
      expect(hangUps).toEqual([129]);
      expect(messages.join('')).toBe('courtfile: hung up\n');
      handling.end(129);
      expect(hangUps).toEqual([129, 129]);
    } finally {
      handling.uninstall();
    }
  });

  test('installSignalHandlers: with no output being written, the first signal exits at once', () => {
    const exits: number[] = [];
    const messages: string[] = [];
    const before = new Set(process.listeners('SIGINT'));
    const handling = installSignalHandlers({
      stderr: { write: (s) => (messages.push(s), true), isTTY: true },
      exit: (s) => exits.push(s),
    });
    try {
      process.listeners('SIGINT').find((l) => !before.has(l))?.('SIGINT');
      expect(handling.stopSignal.aborted).toBe(true);
      expect(exits).toEqual([130]);
      expect(messages.join('')).toBe('\ncourtfile: interrupted\n');
    } finally {
      handling.uninstall();
    }
  });
});
