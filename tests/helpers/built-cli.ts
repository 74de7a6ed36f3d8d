import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, rmdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './temp-dossier.js';

const DIST_MAIN = path.join(REPO_ROOT, 'dist/bundle/courtfile.js');
const LOCK = path.join(REPO_ROOT, 'dist/.test-build-lock');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** What the build reads besides src/: its configuration files. */
const BUILD_CONFIG = ['esbuild.config.js', 'tsconfig.build.json', 'tsconfig.json'].map((f) =>
  path.join(REPO_ROOT, f),
);

function isStale(): boolean {
  if (!existsSync(DIST_MAIN)) return true;
  const built = statSync(DIST_MAIN).mtimeMs;
  return (
    built < newestMtime(path.join(REPO_ROOT, 'src')) ||
    BUILD_CONFIG.some((f) => built < (statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0))
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Build dist/ when it is missing or older than src/ or the build's configuration (once,
 * even when several test files ask at the same time), as `npm run build` does: tsc, then
 * the bundle the launcher imports (esbuild.config.js). Type errors in files other people
 * are editing do not stop tsc from emitting, so only the presence of the bundle is
 * checked.
 */
export async function ensureBuilt(): Promise<void> {
  if (!isStale()) return;
  mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Another test file is building; a lock older than two minutes was abandoned.
      const lock = statSync(LOCK, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > 120_000)
        rmSync(LOCK, { recursive: true, force: true });
      await sleep(250);
    }
  }
  try {
    if (isStale()) {
      spawnSync(
        process.execPath,
        [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
        { cwd: REPO_ROOT, stdio: 'ignore' },
      );
      spawnSync(process.execPath, [path.join(REPO_ROOT, 'esbuild.config.js')], {
        cwd: REPO_ROOT,
        stdio: 'ignore',
      });
    }
    if (!existsSync(DIST_MAIN))
      throw new Error('the build did not produce dist/bundle/courtfile.js');
  } finally {
    rmdirSync(LOCK);
  }
}

export interface BinRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Run `node bin/courtfile.js ...args` from the repository root (or `cwd`), no colour
 * variables inherited; killed (SIGTERM) after `timeout` ms (default 60 s).
 */
export function runBin(
  args: readonly string[],
  options: {
    cwd?: string;
    env?: Record<string, string>;
    timeout?: number;
    /** Bytes of stdout or stderr kept at most (Node's default, 1 MiB, kills the run past it). */
    maxBuffer?: number;
  } = {},
): BinRun {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NO_COLOR: undefined,
    FORCE_COLOR: undefined,
    ...options.env,
  };
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin/courtfile.js'), ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: options.timeout ?? 60_000,
    ...(options.maxBuffer === undefined ? {} : { maxBuffer: options.maxBuffer }),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
