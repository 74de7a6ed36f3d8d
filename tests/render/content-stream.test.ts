/**
 * Page content is written by our own writer (src/render/layout/text-writer.ts): glyph ids
 * as literal byte strings, where the bytes of `(`, `)`, `\`, CR and LF must be escaped,
 * and lines placed relative to one another. With a few hundred distinct characters in
 * one font, subset glyph ids take every byte value of those, so a reader must get back
 * exactly the text that was drawn.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { makeDossier } from './fixtures.js';
import { renderAndRead } from './helpers.js';
import { squash } from './pdf-text.js';

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));

describe('content streams', () => {
  test('every glyph id byte, escaped or not, reads back as the character drawn', async () => {
    const chars = [
      ...range(0x21, 0x7e), // ASCII, ( ) \ included
      ...range(0xc0, 0xff).filter((c) => c !== '×' && c !== '÷'),
      ...range(0x3b1, 0x3c9), // Greek
      ...range(0x430, 0x44f), // Cyrillic
    ];
    const words: string[] = [];
    for (let i = 0; i < chars.length; i += 6) words.push(chars.slice(i, i + 6).join(''));
    const notes = words.join(' ');
    const r = await renderAndRead(makeDossier({ notes }));
    expect(squash(r.pdf.pages.join('\n'))).toContain(notes);
    // And with poppler, when it is installed.
    if (spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error === undefined) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'courtfile-cs-'));
      try {
        const file = path.join(dir, 'notes.pdf');
        writeFileSync(file, r.bytes);
        const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], {
          encoding: 'utf8',
        });
        expect(squash(text)).toContain(notes);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});
