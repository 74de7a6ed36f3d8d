import { computeFacts } from '../../src/facts/index.js';
import type { Dossier } from '../../src/model/dossier.js';
import type { RenderOptions } from '../../src/render/index.js';
import { renderDocumentWithInfo } from '../../src/render/index.js';
import PDFDocument from 'pdfkit';
import { FontSelector } from '../../src/render/text/font-selector.js';
import { Measurer } from '../../src/render/text/measure.js';
import type { Theme } from '../../src/render/theme.js';
import { buildTheme } from '../../src/render/theme.js';
import { loadTemplate } from '../../src/templates/load-template.js';
import type { PdfContent } from './pdf-text.js';
import { readPdf } from './pdf-text.js';

export const DATE = '2024-05-01';

export interface Rendered {
  readonly bytes: Uint8Array;
  readonly pages: number;
  readonly pdf: PdfContent;
}

/** Render a dossier (facts computed here) and read the PDF back. */
export async function renderAndRead(
  dossier: Dossier,
  options: Partial<RenderOptions> = {},
): Promise<Rendered> {
  const facts = computeFacts(dossier, {});
  const out = await renderDocumentWithInfo(dossier, facts, { date: DATE, ...options });
  return { bytes: out.bytes, pages: out.pages, pdf: await readPdf(out.bytes) };
}

/** Case- and accent-insensitive form, whitespace removed: for "does it appear anywhere" checks. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .toLowerCase()
    .replace(/[\s\u00a0\u202f]+/g, '');
}

/** The referral template's theme and a measurer of its fonts (no victim to mask). */
export async function referralMeasurer(): Promise<{ theme: Theme; measurer: Measurer }> {
  const theme = buildTheme(await loadTemplate('referral'));
  const measurer = new Measurer(
    new FontSelector(new PDFDocument({ autoFirstPage: false })),
    theme,
    (s) => s,
  );
  return { theme, measurer };
}
