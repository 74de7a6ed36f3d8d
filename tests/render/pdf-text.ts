/**
 * Read a PDF back with a real PDF reader (pdf.js): text per page, outline titles and
 * their destination pages, document information and XMP metadata, link annotations and
 * the pages they lead to. With embedded subset fonts the text is not in the bytes as
 * written, so this is the only sound way to check what a reader sees.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface OutlineEntry {
  readonly title: string;
  readonly depth: number;
  /** 1-based page the entry leads to, if it could be resolved. */
  readonly page?: number;
}

export interface LinkAnnotation {
  /** 1-based page the link is on. */
  readonly page: number;
  /** Named destination, as written. */
  readonly dest: string | undefined;
  /** 1-based page the link leads to. */
  readonly target?: number;
  readonly rect: readonly number[];
}

export interface PdfContent {
  readonly pages: readonly string[];
  readonly outline: readonly OutlineEntry[];
  readonly info: Readonly<Record<string, unknown>>;
  /** XMP as key → value (dc:title, pdf:producer...). */
  readonly xmp: Readonly<Record<string, unknown>>;
  /** The raw XMP packet. */
  readonly xmpRaw: string;
  readonly links: readonly LinkAnnotation[];
  /** Every text, outline title, info and XMP value, and destination name: what must never hold a protected string. */
  readonly everything: string;
}

type PdfDoc = Awaited<ReturnType<typeof getDocument>['promise']>;

async function pageOf(doc: PdfDoc, dest: unknown): Promise<number | undefined> {
  const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : dest;
  if (!Array.isArray(explicit) || !explicit[0]) return undefined;
  return (await doc.getPageIndex(explicit[0] as Parameters<PdfDoc['getPageIndex']>[0])) + 1;
}

interface RawOutline {
  title: string;
  dest: unknown;
  items: RawOutline[];
}

async function flattenOutline(
  doc: PdfDoc,
  items: readonly RawOutline[],
  depth: number,
  out: OutlineEntry[],
): Promise<void> {
  for (const item of items) {
    const page = await pageOf(doc, item.dest);
    out.push({ title: item.title, depth, ...(page === undefined ? {} : { page }) });
    await flattenOutline(doc, item.items ?? [], depth + 1, out);
  }
}

export async function readPdf(bytes: Uint8Array): Promise<PdfContent> {
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  try {
    const pages: string[] = [];
    const links: LinkAnnotation[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent({ disableNormalization: true });
      pages.push(
        content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''),
      );
      for (const a of (await page.getAnnotations()) as {
        subtype: string;
        dest?: unknown;
        rect: number[];
      }[]) {
        if (a.subtype !== 'Link') continue;
        const target = await pageOf(doc, a.dest);
        links.push({
          page: i,
          dest: typeof a.dest === 'string' ? a.dest : undefined,
          rect: a.rect,
          ...(target ? { target } : {}),
        });
      }
    }
    const outline: OutlineEntry[] = [];
    await flattenOutline(doc, ((await doc.getOutline()) ?? []) as RawOutline[], 0, outline);
    const meta = await doc.getMetadata();
    const info = (meta.info ?? {}) as Record<string, unknown>;
    const xmp: Record<string, unknown> = {};
    if (meta.metadata)
      for (const [k, v] of meta.metadata as unknown as Iterable<[string, unknown]>) xmp[k] = v;
    const destinations = Object.keys((await doc.getDestinations()) ?? {});
    const everything = [
      ...pages,
      ...outline.map((o) => o.title),
      ...Object.values(info).map(String),
      ...Object.values(xmp).map(String),
      ...destinations,
      ...links.map((l) => l.dest ?? ''),
    ].join('\n');
    const xmpRaw = String(meta.metadata?.getRaw() ?? '');
    return { pages, outline, info, xmp, xmpRaw, links, everything };
  } finally {
    await doc.destroy();
  }
}

/** Text with every run of whitespace (including no-break spaces) made one space. */
export function squash(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ');
}
