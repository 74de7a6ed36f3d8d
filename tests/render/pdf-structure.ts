/**
 * Reading a tagged PDF's structure back for tests: the content streams' marked-content
 * sequences (a small tokenizer of content-stream syntax, ISO 32000-1 §7.8.2) and the
 * structure tree, from qpdf's JSON view (qpdf.ts). No PDF/UA validator runs here (NOTES),
 * so these are the checks a validator would make on the structure.
 */
import type { PdfDict, PdfValue, QpdfView } from './qpdf.js';

/** One painting operator and the marked-content sequences it is in (outermost first). */
export interface PaintedItem {
  readonly operator: string;
  readonly marks: readonly Mark[];
}

export interface Mark {
  readonly tag: string;
  readonly mcid?: number;
  /** /Type of an /Artifact's property list. */
  readonly artifactType?: string;
}

export interface PageContent {
  readonly painted: readonly PaintedItem[];
  /** MCIDs in the order their sequences begin, with their tag. */
  readonly mcids: readonly { readonly mcid: number; readonly tag: string }[];
  /** Whether BDC/BMC and EMC balance on the page, and BT/ET never interleave with them wrongly. */
  readonly balanced: boolean;
}

/** Operators that paint: text showing, path painting, shadings, XObjects, inline images. */
const PAINTING = new Set([
  'Tj',
  'TJ',
  "'",
  '"',
  'S',
  's',
  'f',
  'F',
  'f*',
  'B',
  'B*',
  'b',
  'b*',
  'sh',
  'Do',
  'EI',
]);

const WHITE = new Set([0, 9, 10, 12, 13, 32]);
const DELIM = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

type Token =
  | { kind: 'op'; value: string }
  | { kind: 'name'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'other' }
  | { kind: 'dictStart' }
  | { kind: 'dictEnd' };

function* tokens(data: Buffer): Generator<Token> {
  let i = 0;
  const n = data.length;
  while (i < n) {
    const c = data[i] as number;
    if (WHITE.has(c)) {
      i++;
    } else if (c === 0x25) {
      while (i < n && data[i] !== 10 && data[i] !== 13) i++;
    } else if (c === 0x28) {
      // Literal string: balanced parentheses, backslash escapes.
      let depth = 1;
      i++;
      while (i < n && depth > 0) {
        const d = data[i] as number;
        if (d === 0x5c) i += 2;
        else {
          if (d === 0x28) depth++;
          else if (d === 0x29) depth--;
          i++;
        }
      }
      yield { kind: 'other' };
    } else if (c === 0x3c && data[i + 1] === 0x3c) {
      i += 2;
      yield { kind: 'dictStart' };
    } else if (c === 0x3e && data[i + 1] === 0x3e) {
      i += 2;
      yield { kind: 'dictEnd' };
    } else if (c === 0x3c) {
      while (i < n && data[i] !== 0x3e) i++;
      i++;
      yield { kind: 'other' };
    } else if (c === 0x2f) {
      let j = i + 1;
      while (j < n && !WHITE.has(data[j] as number) && !DELIM.has(data[j] as number)) j++;
      yield { kind: 'name', value: data.toString('latin1', i + 1, j) };
      i = j;
    } else if (DELIM.has(c)) {
      i++;
      yield { kind: 'other' };
    } else {
      let j = i;
      while (j < n && !WHITE.has(data[j] as number) && !DELIM.has(data[j] as number)) j++;
      const word = data.toString('latin1', i, j);
      i = j;
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) yield { kind: 'number', value: Number(word) };
      else if (word === 'true' || word === 'false' || word === 'null') yield { kind: 'other' };
      else yield { kind: 'op', value: word };
    }
  }
}

/** Parse a page's content stream into its painted items and marked-content sequences. */
export function parseContent(data: Buffer): PageContent {
  const painted: PaintedItem[] = [];
  const mcids: { mcid: number; tag: string }[] = [];
  const stack: Mark[] = [];
  /** Marked-content depth at each open BT (a sequence begun in a text object ends in it). */
  let textDepth: number | undefined;
  let balanced = true;
  let operands: Token[] = [];
  let dict: Record<string, number | string> | undefined;
  let key: string | undefined;
  let props: Record<string, number | string> | undefined;
  for (const token of tokens(data)) {
    if (token.kind === 'dictStart') {
      dict = {};
      key = undefined;
      continue;
    }
    if (dict) {
      if (token.kind === 'dictEnd') {
        props = dict;
        dict = undefined;
        operands.push({ kind: 'other' });
      } else if (key === undefined && token.kind === 'name') key = token.value;
      else {
        if (key !== undefined && (token.kind === 'number' || token.kind === 'name')) {
          dict[key] = token.value;
        }
        key = undefined;
      }
      continue;
    }
    if (token.kind !== 'op') {
      operands.push(token);
      continue;
    }
    const op = token.value;
    if (op === 'BDC' || op === 'BMC') {
      const tagToken = op === 'BMC' ? operands[operands.length - 1] : operands[operands.length - 2];
      const tag = tagToken?.kind === 'name' ? tagToken.value : '?';
      const mark: Mark = {
        tag,
        ...(op === 'BDC' && typeof props?.MCID === 'number' ? { mcid: props.MCID } : {}),
        ...(op === 'BDC' && typeof props?.Type === 'string' ? { artifactType: props.Type } : {}),
      };
      if (mark.mcid !== undefined) mcids.push({ mcid: mark.mcid, tag });
      stack.push(mark);
    } else if (op === 'EMC') {
      if (stack.length === 0 || (textDepth !== undefined && stack.length <= textDepth)) {
        balanced = false;
      }
      stack.pop();
    } else if (op === 'BT') {
      textDepth = stack.length;
    } else if (op === 'ET') {
      if (textDepth !== undefined && stack.length !== textDepth) balanced = false;
      textDepth = undefined;
    } else if (PAINTING.has(op)) {
      painted.push({ operator: op, marks: [...stack] });
    }
    operands = [];
    props = undefined;
  }
  if (stack.length !== 0) balanced = false;
  return { painted, mcids, balanced };
}

/** A structure element as read back: its type, attributes and children. */
export interface StructElement {
  readonly ref: string;
  readonly type: string;
  readonly dict: PdfDict;
  /** Children in order: elements, MCIDs with their page, annotations. */
  readonly kids: readonly StructKid[];
}

export type StructKid =
  | { readonly kind: 'element'; readonly element: StructElement }
  | { readonly kind: 'mcid'; readonly page: string; readonly mcid: number }
  | { readonly kind: 'annotation'; readonly annotation: string; readonly page: string };

function dictOf(view: QpdfView, value: PdfValue | undefined): PdfDict | undefined {
  if (typeof value === 'string' && / R$/.test(value)) return view.objects.get(value)?.dict;
  if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  return undefined;
}

/** The structure tree from the StructTreeRoot's kids, depth first. */
export function readStructTree(view: QpdfView): StructElement[] {
  const catalog = dictOf(view, view.trailer['/Root']);
  const root = dictOf(view, catalog?.['/StructTreeRoot']);
  const build = (ref: string, inheritedPage: string | undefined): StructElement => {
    const dict = dictOf(view, ref) ?? {};
    const page = typeof dict['/Pg'] === 'string' ? dict['/Pg'] : inheritedPage;
    const k = dict['/K'];
    const list = Array.isArray(k) ? k : k === undefined ? [] : [k];
    const kids: StructKid[] = list.map((kid) => {
      if (typeof kid === 'number') return { kind: 'mcid', page: page ?? '?', mcid: kid };
      if (typeof kid === 'string') return { kind: 'element', element: build(kid, page) };
      const d = dictOf(view, kid) ?? {};
      if (d['/Type'] === '/OBJR') {
        return {
          kind: 'annotation',
          annotation: String(d['/Obj']),
          page: String(d['/Pg'] ?? page),
        };
      }
      return { kind: 'mcid', page: String(d['/Pg'] ?? page), mcid: Number(d['/MCID']) };
    });
    return { ref, type: String(dict['/S']).replace(/^\//, ''), dict, kids };
  };
  const k = root?.['/K'];
  const top = Array.isArray(k) ? k : k === undefined ? [] : [k];
  return top.map((ref) => build(String(ref), undefined));
}

/** Every element of the tree, depth first (document order). */
export function allElements(tree: readonly StructElement[]): StructElement[] {
  const out: StructElement[] = [];
  const visit = (el: StructElement) => {
    out.push(el);
    for (const kid of el.kids) if (kid.kind === 'element') visit(kid.element);
  };
  tree.forEach(visit);
  return out;
}

/** The ParentTree's entries: key → value (an array of element refs for a page, an element ref for an annotation). */
export function parentTree(view: QpdfView): Map<number, PdfValue> {
  const catalog = dictOf(view, view.trailer['/Root']);
  const root = dictOf(view, catalog?.['/StructTreeRoot']);
  const out = new Map<number, PdfValue>();
  const visit = (node: PdfDict | undefined) => {
    if (!node) return;
    const nums = node['/Nums'];
    if (Array.isArray(nums)) {
      for (let i = 0; i + 1 < nums.length; i += 2) {
        const value = nums[i + 1] as PdfValue;
        // A page's array is resolved; an annotation's element stays a reference.
        const resolved = typeof value === 'string' ? view.objects.get(value)?.dict : undefined;
        out.set(Number(nums[i]), Array.isArray(resolved) ? (resolved as PdfValue) : value);
      }
    }
    const kids = node['/Kids'];
    if (Array.isArray(kids)) for (const kid of kids) visit(dictOf(view, kid));
  };
  visit(dictOf(view, root?.['/ParentTree']));
  return out;
}

/** Page object refs in page order. */
export function pageRefs(view: QpdfView): string[] {
  const catalog = dictOf(view, view.trailer['/Root']);
  const out: string[] = [];
  const visit = (ref: PdfValue | undefined) => {
    const node = dictOf(view, ref);
    if (!node) return;
    if (node['/Type'] === '/Page') out.push(String(ref));
    const kids = node['/Kids'];
    if (Array.isArray(kids)) kids.forEach(visit);
  };
  visit(catalog?.['/Pages']);
  return out;
}

/** The decoded content of a page (its /Contents stream or streams, concatenated). */
export function pageContent(view: QpdfView, page: string): Buffer {
  const contents = view.objects.get(page)?.dict['/Contents'];
  const refs = Array.isArray(contents) ? contents : [contents];
  return Buffer.concat(refs.map((r) => view.streamData(String(r))));
}
