/**
 * Object streams and the cross-reference stream (src/render/object-streams.ts): objects
 * put there are read back by qpdf with their values, text strings in any script.
 */
import PDFDocument from 'pdfkit';
import { describe, expect, test } from 'vitest';
import { ObjectStreams, pdfText } from '../../src/render/object-streams.js';
import { hasQpdf, qpdfView, trailerId } from './qpdf.js';

async function build(objects: number, text: string): Promise<{ bytes: Buffer; ids: number[] }> {
  const doc = new PDFDocument({ autoFirstPage: false, compress: true });
  const chunks: Uint8Array[] = [];
  doc.on('data', (c: Uint8Array) => chunks.push(c));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  const streams = new ObjectStreams(doc);
  doc.addPage({ size: [200, 200], margin: 0 });
  const ids: number[] = [];
  for (let i = 0; i < objects; i++) {
    const id = streams.reserve();
    ids.push(id);
    streams.put(id, `<</N ${i}/T${pdfText(text)}/Next ${id + 1} 0 R>>`);
  }
  // The last one points at an object pdfkit writes itself.
  (doc as unknown as { _root: { data: Record<string, unknown> } })._root.data.Test = streams.cite(
    ids[0] ?? 0,
  );
  streams.flush();
  doc.end();
  await ended;
  return { bytes: Buffer.concat(chunks), ids };
}

describe('pdfText', () => {
  test('printable ASCII as a literal string (parentheses and backslash escaped), other text as UTF-16BE hex', () => {
    expect(pdfText('a (b) \\ c')).toBe('(a \\(b\\) \\\\ c)');
    expect(pdfText('é’')).toBe('<FEFF00e92019>');
    expect(pdfText('\u{1F600}')).toBe('<FEFFd83dde00>');
  });
});

describe.skipIf(!hasQpdf)('object streams', () => {
  test('a thousand objects over several streams read back with qpdf; the trailer /ID is in the xref stream', async () => {
    const text = 'Montant (EUR) — mois d’août, 1 000 € 😀';
    const { bytes, ids } = await build(1000, text);
    const view = qpdfView(bytes);
    try {
      ids.forEach((id, i) => {
        const dict = view.objects.get(`${id} 0 R`)?.dict;
        expect(dict).toMatchObject({ '/N': i, '/T': `u:${text}` });
      });
      expect(view.trailer['/Type']).toBe('/XRef');
      expect(trailerId(bytes)).toMatch(/^[0-9a-f]{32}$/);
      const root = view.objects.get(String(view.trailer['/Root']))?.dict;
      expect(root?.['/Test']).toBe(`${ids[0]} 0 R`);
      const streamsWritten = [...view.objects.values()].filter(
        (o) => o.dict['/Type'] === '/ObjStm',
      );
      expect(streamsWritten.length).toBe(3);
    } finally {
      view.dispose();
    }
  });
});
