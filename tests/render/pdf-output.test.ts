/**
 * What src/render/pdf-output.ts lets go of as pages are finished: the page tree's /Kids
 * keeps bare references to the written pages (no dictionary, resources or content), the
 * page being drawn stays whole, and the PDF is the same bytes as without the release.
 */
import PDFDocument from 'pdfkit';
import { describe, expect, test } from 'vitest';
import { releaseFinishedPages } from '../../src/render/pdf-output.js';

interface Kid {
  id: number;
  data?: Record<string, unknown>;
  toString(): string;
}

function kidsOf(doc: PDFKit.PDFDocument): Kid[] {
  return (doc as unknown as { _root: { data: { Pages: { data: { Kids: Kid[] } } } } })._root.data
    .Pages.data.Kids;
}

async function build(
  pages: number,
  release: boolean,
): Promise<{ bytes: Buffer; doc: PDFKit.PDFDocument; kids: Kid[] }> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: false,
    info: { CreationDate: new Date(0) },
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (c: Uint8Array) => chunks.push(c));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  let kids: Kid[] = [];
  for (let p = 1; p <= pages; p++) {
    doc.addPage({ size: [200, 200], margin: 0 });
    if (release) releaseFinishedPages(doc, p);
    doc.text(`page ${String(p)}`, 10, 10);
    if (p === pages) kids = [...kidsOf(doc)];
  }
  doc.end();
  await ended;
  return { bytes: Buffer.concat(chunks), doc, kids };
}

describe('releaseFinishedPages', () => {
  test('written pages stay in /Kids as bare references; the current page and the bytes are unchanged', async () => {
    const released = await build(17, true);
    const kept = await build(17, false);
    expect(released.kids).toHaveLength(17);
    // Released at pages 8 and 16: pages 1-15 were written by then, page 16 was being drawn.
    released.kids.forEach((kid, i) => {
      expect(kid.toString()).toBe(`${String(kept.kids[i]?.id)} 0 R`);
      if (i < 15) expect(kid.data, `page ${String(i + 1)}`).toBeUndefined();
      else expect(kid.data?.Type, `page ${String(i + 1)}`).toBe('Page');
    });
    expect(kept.kids.every((kid) => kid.data?.Type === 'Page')).toBe(true);
    expect(released.bytes.equals(kept.bytes)).toBe(true);
    expect(released.bytes.toString('latin1')).toMatch(/\/Kids \[(\d+ 0 R ?){17}\]/);
  });
});
