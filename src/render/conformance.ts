/// <reference types="pdfkit" />
/**
 * Fixes for structural gaps of pdfkit 0.20.2's output, installed on our document instance
 * (pdfkit's prototypes are left alone):
 * - an embedded TrueType font program (`/FontFile2`) needs `/Length1`, its length before
 *   compression (PDF 32000-1 §9.9, Table 127); pdfkit writes none;
 * - pdfkit gives the XMP metadata stream a stray lower-case `/length` key beside the real
 *   `/Length`;
 * - the outline root needs `/Count` (the number of open items at all levels) and an item
 *   with children needs one too, negative when it is closed (§12.3.3, Tables 152-153);
 *   pdfkit writes `/Count` only on items opened with `expanded`, never on the root;
 * - its `tagged` option writes the catalog's `/MarkInfo` as a reference to a separate
 *   object: markTagged writes it in the catalog itself, `/MarkInfo << /Marked true >>`,
 *   as readers and checkers that look for it there expect.
 */

interface StreamRef {
  data: Record<string, unknown>;
  uncompressedLength: number;
  end(chunk?: Uint8Array | string): void;
}

interface RefInternals {
  ref(data?: Record<string, unknown>): StreamRef;
}

interface OutlineNode {
  options?: { expanded?: boolean };
  outlineData: Record<string, unknown>;
  children: OutlineNode[];
}

/** True when `bytes` starts with a TrueType (sfnt) header: 0x00010000 or `true`. */
function isTrueType(bytes: Uint8Array): boolean {
  if (bytes.length < 12) return false;
  const tag =
    ((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0);
  return tag === 0x00010000 || tag === 0x74727565;
}

/**
 * Wrap `doc.ref` so that every stream object pdfkit creates gets the two fixes: `/Length1`
 * on a font program written whole by one `end(bytes)` (how pdfkit embeds a font subset),
 * and no `/length` on the metadata stream. Call before the first page.
 */
export function installStreamFixes(doc: PDFKit.PDFDocument): void {
  const internals = doc as unknown as RefInternals;
  if (typeof internals.ref !== 'function') {
    throw new Error(
      'internal: this pdfkit version has no ref() (stream fixes cannot be installed)',
    );
  }
  const ref = internals.ref.bind(doc);
  internals.ref = (data?: Record<string, unknown>) => {
    const created = ref(data);
    if (created.data.Type === 'Metadata' && 'length' in created.data) delete created.data.length;
    const end = created.end.bind(created);
    created.end = (chunk?: Uint8Array | string) => {
      if (
        chunk instanceof Uint8Array &&
        created.uncompressedLength === 0 &&
        created.data.Subtype === undefined &&
        isTrueType(chunk)
      ) {
        created.data.Length1 = chunk.length;
      }
      end(chunk);
    };
    return created;
  };
}

interface MarkingInternals {
  _root: { data: Record<string, unknown> };
  getStructTreeRoot(): unknown;
}

/**
 * What pdfkit's `tagged` option does, with `/MarkInfo` written inline in the catalog:
 * `<< /Marked true >>` there, no object of its own. The value is one pdfkit writes as is
 * (its reference class, whose text is the dictionary) and whose `end` (pdfkit's end of
 * the markings) writes nothing; its presence also gives every page `/Tabs /S`, as the
 * option does. Call on a document made without `tagged`, before the first page.
 */
export function markTagged(doc: PDFKit.PDFDocument): void {
  const internals = doc as unknown as MarkingInternals;
  const root = internals._root as object;
  // pdfkit's PDFReference extends its PDFAbstractReference, which PDFObject.convert
  // writes by its toString(); the class is not exported, its prototype is reached here.
  const abstractReference = Object.getPrototypeOf(Object.getPrototypeOf(root)) as object | null;
  if (
    typeof internals.getStructTreeRoot !== 'function' ||
    abstractReference === null ||
    !('toString' in abstractReference)
  ) {
    throw new Error('internal: this pdfkit version cannot be tagged by markTagged');
  }
  internals._root.data.MarkInfo = Object.create(abstractReference, {
    toString: { value: () => '<<\n/Marked true\n>>' },
    end: { value: () => undefined },
  }) as unknown;
  internals.getStructTreeRoot();
}

/** Number of items shown under `node` when it is open (closed children hide theirs). */
function visibleUnder(node: OutlineNode): number {
  let count = 0;
  for (const child of node.children) {
    count += 1;
    if (child.options?.expanded === true) count += visibleUnder(child);
  }
  return count;
}

function setItemCounts(node: OutlineNode): void {
  for (const child of node.children) {
    if (child.children.length > 0) {
      const under = visibleUnder(child);
      child.outlineData.Count = child.options?.expanded === true ? under : -under;
      setItemCounts(child);
    }
  }
}

/**
 * Write `/Count` on the outline root and on every item with children. Call after the last
 * bookmark, before `doc.end()` (pdfkit's own endOutline then keeps these values: it sets
 * `/Count` only on expanded items, to their number of children, which equals ours when
 * their children are closed, as courtfile's always are).
 */
export function setOutlineCounts(doc: PDFKit.PDFDocument): void {
  const root = (doc as unknown as { outline?: OutlineNode }).outline;
  if (root === undefined || !Array.isArray(root.children)) {
    throw new Error('internal: this pdfkit version has no outline tree (/Count cannot be set)');
  }
  if (root.children.length === 0) return;
  root.outlineData.Count = visibleUnder(root);
  setItemCounts(root);
}
