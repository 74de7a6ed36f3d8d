import { parentPort } from 'node:worker_threads';
import { checkPart, type ThreadJob } from './check-parts.js';

/** The ids of the new accounts made so far, as the main thread sends them (each once). */
const known = new Set<string>();

/**
 * The thread that checks parts of OUT (check-parts.ts): one job at a time, answered with
 * the part's diagnostics, or with the message of what went wrong (the main thread then
 * checks that part itself, and reports the problem as it would have).
 */
parentPort?.on('message', ({ id, job, accounts }: ThreadJob) => {
  for (const account of accounts) known.add(account);
  checkPart(job, known).then(
    (result) =>
      parentPort!.postMessage({
        id,
        ok: true,
        result: { diagnostics: result.diagnostics, files: result.files },
      }),
    (err: unknown) =>
      parentPort!.postMessage({
        id,
        ok: false,
        message: err instanceof Error ? err.message : String(err),
      }),
  );
});
