#!/usr/bin/env node
// Thin launcher: all logic lives in dist/cli/ (built from src/ by `npm run build`).
import { main } from '../dist/cli/main.js';
import { installSignalHandlers } from '../dist/cli/signals.js';
import { guardStdio } from '../dist/cli/stdio.js';

// SIGINT/SIGTERM stop the command cleanly (exit 130/143); a failed write to stdout or
// stderr (`> /dev/full`, a closed pipe) ends with exit 2 instead of a stack trace.
const { stopSignal } = installSignalHandlers({ stderr: process.stderr });
guardStdio(process.stdout, process.stderr);
const status = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  signal: stopSignal,
});
// An interrupted command has cleaned up: end now, whatever may still be pending.
if (stopSignal.aborted) process.exit(status);
process.exitCode = status;
