/**
 * Render time and memory for 10,000 transfers, against a bare pdfkit script drawing the
 * same rows as plain text lines with the same font. Run with COURTFILE_BENCH=1 (slow;
 * skipped otherwise): the target is ≤ 1.5× the bare script and RSS < 600 MB.
 */
import PDFDocument from 'pdfkit';
import { describe, expect, test } from 'vitest';
import { computeFacts } from '../../src/facts/index.js';
import { fontPath } from '../../src/render/fonts.js';
import { renderDocumentWithInfo } from '../../src/render/index.js';
import { makeDossier } from './fixtures.js';

const N = Number(process.env.COURTFILE_BENCH_ROWS ?? 10_000);

/** CPU time (user + system, ms) of `run`: less sensitive than wall time to other jobs on the machine. */
async function cpu(run: () => Promise<unknown>): Promise<number> {
  const c0 = process.cpuUsage();
  await run();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

async function bare(lines: readonly string[]): Promise<void> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, font: fontPath('DejaVuSansCondensed') });
  const chunks: Uint8Array[] = [];
  doc.on('data', (c: Uint8Array) => chunks.push(c));
  const done = new Promise((r) => doc.on('end', r));
  doc.fontSize(7.5);
  for (const line of lines) doc.text(line);
  doc.end();
  await done;
}

describe.skipIf(!process.env.COURTFILE_BENCH)('performance', () => {
  test(`render ${N} transfers`, async () => {
    const dossier = makeDossier({ transfers: N });
    const facts = computeFacts(dossier);
    const rows = facts.transfers.map(
      (l) =>
        `${l.transfer.id} ${l.date} ${l.transfer.from} ${l.transfer.to} ${l.transfer.amountText} ${l.transfer.amount.currency} ${l.transfer.channel} ${l.transfer.provider ?? ''} ${l.transfer.reference ?? ''} ${l.transfer.evidence}`,
    );
    const base = await cpu(() => bare(rows));
    let out: Awaited<ReturnType<typeof renderDocumentWithInfo>> | undefined;
    const ms = await cpu(async () => {
      out = await renderDocumentWithInfo(dossier, facts, {
        date: '2024-05-01',
        template: 'referral',
      });
    });
    if (!out) throw new Error('no output');
    const rss = process.memoryUsage().rss / 2 ** 20;
    console.log(
      `CPU: bare ${Math.round(base)} ms; render ${Math.round(ms)} ms (${(ms / base).toFixed(2)}x), ${out.pages} pages, ` +
        `${Math.round(out.bytes.length / 1024)} KiB, RSS ${Math.round(rss)} MiB`,
    );
    expect(rss).toBeLessThan(600);
  }, 300_000);
});
