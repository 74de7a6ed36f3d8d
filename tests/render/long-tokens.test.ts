/**
 * One long unbroken token in a valid dossier (issue 11, item 2): a word wider than its
 * box is broken in time linear in its length. Before, a 10,000-character `notes` word
 * took 13 s and 710 MB, a 20,000-character title 55 s and 2.7 GB, and a 1 MB title ran
 * out of memory. The bounds below are CPU time (less sensitive than wall time to other
 * jobs on the machine), generous for a slow machine, and still far below what quadratic
 * breaking costs. Every character must come back out of the PDF, in order.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { computeFacts } from '../../src/facts/index.js';
import { renderDocumentWithInfo } from '../../src/render/index.js';
import { makeDossier } from './fixtures.js';
import { readPdf } from './pdf-text.js';

/** Letters and digits: `f` then `i` makes a ligature, so such a word is shaped, not summed. */
const SHAPED = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** Hex digits (a pasted digest or blob): plain glyphs, widths from prefix sums. */
const PLAIN = '0123456789abcdef';

/** A fictional token of `length` characters of `alphabet`, the same on every run. */
function token(length: number, alphabet: string): string {
  let state = length | 1;
  const chars: string[] = [];
  for (let i = 0; i < length; i++) {
    // xorshift32
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    chars.push(alphabet[(state >>> 0) % alphabet.length] as string);
  }
  return chars.join('');
}

const hasPdftotext = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error === undefined;
const dir = mkdtempSync(path.join(os.tmpdir(), 'courtfile-long-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Text lines of the PDF, by poppler when installed (as the issue measured), else pdf.js. */
async function textLines(bytes: Uint8Array): Promise<string[]> {
  if (hasPdftotext) {
    const file = path.join(dir, 'long.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], {
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
    });
    return text.split('\n');
  }
  return (await readPdf(bytes)).pages.join('\n').split('\n');
}

/**
 * The token as read back: from the first line that starts it, the lines made only of its
 * characters (running headers, footers and "(continued)" captions between pages skipped),
 * the hyphen that ends a line broken mid-word dropped (as pdftotext does without -raw),
 * joined until they are as long as the token.
 */
function readBack(lines: readonly string[], tok: string, alphabet: string): string {
  const only = new RegExp(`^[${alphabet}]+$`);
  lines = lines.map((l) => l.trim().replace(/([^-])-$/, '$1'));
  const first = lines.findIndex(
    (l) => only.test(l.trim()) && l.trim().startsWith(tok.slice(0, 16)),
  );
  let joined = '';
  for (let i = Math.max(first, 0); i < lines.length && joined.length < tok.length; i++) {
    const line = (lines[i] as string).trim();
    if (only.test(line)) joined += line;
  }
  return joined;
}

async function renderWith(field: 'notes' | 'title', tok: string) {
  const dossier = makeDossier(field === 'notes' ? { notes: tok } : { title: tok });
  const facts = computeFacts(dossier);
  const before = process.cpuUsage();
  const out = await renderDocumentWithInfo(dossier, facts, { date: '2024-05-01' });
  const used = process.cpuUsage(before);
  return { out, cpuMs: (used.user + used.system) / 1000 };
}

describe('a long unbroken token renders in bounded time, every character kept', () => {
  test.each([
    ['notes', 10_000, SHAPED, 8_000],
    ['notes', 20_000, PLAIN, 8_000],
    ['title', 10_000, PLAIN, 8_000],
    ['title', 20_000, SHAPED, 8_000],
  ] as const)(
    '%s: %i characters',
    async (field, length, alphabet, boundMs) => {
      const tok = token(length, alphabet);
      const { out, cpuMs } = await renderWith(field, tok);
      expect(cpuMs).toBeLessThan(boundMs);
      expect(readBack(await textLines(out.bytes), tok, alphabet)).toBe(tok);
    },
    120_000,
  );

  // 1 MB: hundreds of pages. Quadratic breaking would take hours; it used to die out of memory.
  test.each([
    ['notes', SHAPED],
    ['title', PLAIN],
  ] as const)(
    '%s: 1 MB',
    async (field, alphabet) => {
      const tok = token(2 ** 20, alphabet);
      const { out, cpuMs } = await renderWith(field, tok);
      expect(out.pages).toBeGreaterThan(100);
      // Measured here (session 10, under vitest): ~10 s (notes) and ~25 s (title: drawn in
      // several places and sizes); random tokens contain `ff`, a DejaVu ligature, so their
      // candidate pieces are shaped (it was 2.5 s and 6 s when this test was written).
      // Since session 12 a long word broken in the measuring pass is not broken again in
      // the drawing pass: the 1 MB title 32 → 19 s from the command line.
      expect(cpuMs).toBeLessThan(60_000);
      expect(readBack(await textLines(out.bytes), tok, alphabet)).toBe(tok);
    },
    300_000,
  );
});
