import { Checkpoint } from '../../interrupt.js';
import type { Mapping } from '../mapping/schema.js';
import { compileMapping, type TableCell, type TableRow } from '../map-rows.js';
import type { SourceFinding, SourceItem } from '../types.js';
import { inCell, noHeaderHint } from './finding.js';
import {
  isFaithfulDecimal,
  isoToSerial,
  shortestDecimal,
  type TimeShown,
} from '../values/excel-serial.js';
import { DOCTYPE_END, findXmlDamage, type XmlDamage } from '../xlsx/find-xml-damage.js';
import { ZipError, readZipDirectory, readZipEntry, type ZipEntry } from '../xlsx/read-zip.js';
import { MergedCells, type MergedRange } from '../xlsx/merged-cells.js';
import { PREFIX, elements, firstElement, withoutElements } from '../xlsx/xml-elements.js';

export interface XlsxReaderOptions {
  readonly mapping: Mapping;
  readonly zone?: string;
  /** `--sheet` (wins over the mapping's `sheet`); default the first sheet not hidden. */
  readonly sheet?: string;
  /**
   * Told the sheet chosen, by the name the workbook gives it (`--sheet cachée` reads the
   * sheet `Cachée`), before its first row is read: OUT's header records it.
   */
  readonly onSheet?: (name: string) => void;
  /**
   * Told each row below the header that the sheet hides (`hidden="1"`: filtered out, or
   * hidden by hand) and that is read like the others, by its locator (`Feuil1 row 8`):
   * OUT's header lists them.
   */
  readonly onHiddenRow?: (locator: string) => void;
  /**
   * Told each column the mapping reads that the sheet hides (`<col hidden="1">`), by its
   * letters and header (`C (Référence)`), once the header is read: OUT's header lists them.
   */
  readonly onHiddenColumn?: (column: string) => void;
  /**
   * The import's checkpoint (src/interrupt.ts): ticked between the workbook's parts and
   * between shared strings, so that a signal stops the reading of a large table before
   * its first record; it throws the InterruptedError.
   */
  readonly checkpoint?: Checkpoint;
}

/**
 * A number cell's value as xsd:double writes a finite one: `-12.5`, `1E-3`, `.5`, with
 * XML white space around it (not a no-break space).
 */
const XSD_DECIMAL =
  /^[ \t\r\n]*[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?[ \t\r\n]*$/;
/**
 * A whole number of 16 digits or more whose digits past the 15th are zeros: what Excel,
 * which keeps 15 significant digits, makes of a longer number typed into a number cell
 * (a card number `4970101234567891` is stored `4970101234567890`).
 */
const EXCEL_ROUNDED = /^-?[0-9]{15}0+$/;

/** The rows and columns of a sheet (Excel's: 1,048,576 rows, columns A to XFD). */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

/** A cell reference: column letters (group 1), row number (group 2). */
const CELL_REF = /^([A-Z]{1,3})([1-9][0-9]*)$/;

/** Most shared strings read (each cell of a sheet may use one). */
const MAX_SHARED_STRINGS = 5_000_000;

const utf8 = new TextDecoder('utf-8', { fatal: false });

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/**
 * XML text with its entities and character references decoded, and `_xHHHH_` escapes of
 * OOXML. Its part has passed findXmlDamage (xmlPart): every reference in it is one of the
 * five predefined entities or a character XML allows.
 */
function xmlText(s: string): string {
  return s
    .replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) =>
      e.startsWith('#x')
        ? String.fromCodePoint(parseInt(e.slice(2), 16))
        : e.startsWith('#')
          ? String.fromCodePoint(Number(e.slice(1)))
          : (ENTITIES[e] ?? m),
    )
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * A part's XML as its elements and their text, which the element scanner
 * (xml-elements.ts) can read by patterns: each CDATA section written as the text it
 * holds (`&`, `<` and `>` escaped), and comments, processing instructions and the
 * DOCTYPE left out (none of them is an element or text); a DOCTYPE that declares
 * entities or attribute defaults (an internal subset) is refused (ZipError). Valid XML
 * all, though Excel writes none of it. Read as they were:
 * - a section's markers stayed in the text (an audit found a new account made for
 *   `<![CDATA[WU-FICTIF-1]]>`), one holding `</t>` ended its element early, and a number
 *   or index in one was not read;
 * - a row, a cell or a merged range in a comment (`<!-- <row r="9">…</row> -->`), which
 *   Excel neither shows nor reads, was read as the sheet's, and a comment inside a text
 *   (`WU-<!-- x -->FR-1`) stayed in it.
 */
function asElements(xml: string, label: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    // The next markup whose text is not elements. What it holds is never read as
    // markup: `<!-- <![CDATA[ -->` opens no section. (One left open is damage, refused
    // before: findXmlDamage.)
    MARKUP.lastIndex = at;
    const found = MARKUP.exec(xml);
    if (found === null) break;
    const open = found.index;
    if (found[0] === '<!DOCTYPE') {
      // Its quoted values and internal subset may hold any of the markers (and elements).
      // Entities or attribute defaults it declares would change the text and the cells
      // as an XML parser reads them (`&ref;` becomes the entity's value): refused, never
      // read as written.
      DOCTYPE_END.lastIndex = open;
      const doctype = DOCTYPE_END.exec(xml);
      if (doctype === null) break;
      if (doctype[1] !== undefined)
        throw new ZipError(
          `${label} has a DOCTYPE with an internal subset (where a part declares entities and attribute defaults of its own), which courtfile does not apply: the file is not read (save it again from the spreadsheet program)`,
        );
      out += xml.slice(at, open);
      at = DOCTYPE_END.lastIndex;
      continue;
    }
    const [opener, closer] =
      found[0] === '<![CDATA['
        ? ['<![CDATA[', ']]>']
        : found[0] === '<!--'
          ? ['<!--', '-->']
          : ['<?', '?>'];
    const close = xml.indexOf(closer, open + opener.length);
    if (close < 0) break;
    out += xml.slice(at, open);
    if (opener === '<![CDATA[')
      out += xml
        .slice(open + opener.length, close)
        .replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
    at = close + closer.length;
  }
  return out + xml.slice(at);
}
/** Markup read past by asElements. */
const MARKUP = /<!\[CDATA\[|<!--|<\?|<!DOCTYPE/g;
/** An XML declaration, as a part starts (nothing in it that could be markup). */
const XML_DECLARATION = /^<\?xml[ \t\r\n][^<>?]*\?>/;

/**
 * Whether `xml` holds markup asElements leaves out or rewrites: an XML declaration alone,
 * at the start as every part has one, needs nothing (the element scanner reads no
 * `<?xml`).
 */
function hasOtherMarkup(xml: string): boolean {
  return (
    xml.includes('<![CDATA[') ||
    xml.includes('<!--') ||
    xml.includes('<!DOCTYPE') ||
    // Past the declaration: `<?xml-stylesheet …?>`, or a declaration holding `<`, is not one.
    xml.indexOf('<?', XML_DECLARATION.exec(xml)?.[0].length ?? 0) >= 0
  );
}

/** The pattern of attribute `name`'s value in a start tag, by name (made once each). */
const ATTRIBUTES = new Map<string, RegExp>();

/**
 * Attribute `name` of a start tag (a name, or a pattern of names: REL_ID), its
 * references decoded. XML allows the value in
 * single quotes as well as double, and spaces around `=` (`name = 'x'`): not Excel's way
 * of writing, but other producers' (and all of them are valid SpreadsheetML).
 */
function attr(tag: string, name: string): string | undefined {
  const written = attrAsWritten(tag, name);
  return written === undefined ? undefined : xmlText(written);
}

/**
 * The value of attribute `name` of start tag `tag` as written, its references not decoded:
 * for a tag of a damaged part (damagePlace), which may hold any.
 */
function attrAsWritten(tag: string, name: string): string | undefined {
  let pattern = ATTRIBUTES.get(name);
  if (pattern === undefined) {
    pattern = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    ATTRIBUTES.set(name, pattern);
  }
  const m = pattern.exec(tag);
  return m ? (m[1] ?? m[2]!) : undefined;
}

/** The start tags (or empty elements) named `name` under any prefix, attributes included. */
function startTags(name: string): RegExp {
  return new RegExp(`<${PREFIX}${name}\\b[^>]*>`, 'g');
}

const RELATIONSHIP_TAG = startTags('Relationship');
const SHEET_TAG = startTags('sheet');
const WORKBOOK_PR_TAG = new RegExp(startTags('workbookPr').source);
const NUM_FMT_TAG = startTags('numFmt');
const XF_TAG = startTags('xf');
/**
 * The name of a `<sheet>`'s relationship id attribute, `r:id`, the relationships
 * namespace under whatever prefix: a pattern (attr puts the name in its regular
 * expression as it is).
 */
const REL_ID = '[A-Za-z_][\\w.-]*:id';

/** The text of a rich or plain string item: its `<t>` runs, not its phonetic (`<rPh>`) ones. */
function runsText(xml: string): string {
  const plain = withoutElements(xml, 'rPh');
  let out = '';
  for (const t of elements(plain, 't')) out += xmlText(t.content ?? '');
  return out;
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/**
 * A number format without its literals and escapes: `"text"`, `[Red]`, `\x`, `_x`, `*x`
 * (a quote or bracket left open, or a `\` last, is kept). The pattern it replaces,
 * /"[^"]*"|\[[^\]]*\]|\\.|_.|\*./g, looked for each `[`'s `]` to the end: a format of
 * 128,000 `[` took 6 s. Each search here goes past what it finds, or finds nothing once.
 */
function withoutLiterals(code: string): string {
  let out = '';
  let kept = 0;
  let quoteClosed = true;
  let bracketClosed = true;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    let end = -1;
    if (c === 34 || c === 91) {
      // `"` or `[`, to the next `"` or `]`: once one is left open, those after it are too.
      if (c === 34 ? quoteClosed : bracketClosed) end = code.indexOf(c === 34 ? '"' : ']', i + 1);
      if (end < 0) {
        if (c === 34) quoteClosed = false;
        else bracketClosed = false;
        continue;
      }
    } else if ((c === 92 || c === 95 || c === 42) && i + 1 < code.length) {
      // `\`, `_` or `*` and the character after it, but a line's end (`.` of the pattern).
      const next = code.charCodeAt(i + 1);
      if (next === 10 || next === 13 || next === 0x2028 || next === 0x2029) continue;
      end = i + 1;
    } else continue;
    out += code.slice(kept, i);
    kept = end + 1;
    i = end;
  }
  return kept === 0 ? code : out + code.slice(kept);
}

/** Whether a number format shows a date or time: y, m, d, h or s outside quotes and brackets. */
function isDateFormat(code: string): boolean {
  const bare = withoutLiterals(code);
  return /[ydhs]/i.test(bare) || (/m/i.test(bare.replace(/[#0?.,%]/g, '')) && /[ydhs]/i.test(bare));
}

/** Column letters (`AB`) to a 1-based number. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** The letters of column number `n` (1 is A, 27 is AA). */
function columnLetters(n: number): string {
  let letters = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26))
    letters = String.fromCharCode(65 + ((k - 1) % 26)) + letters;
  return letters;
}

/**
 * An `r` attribute, of a cell or not: a quick test before a row's cells are read twice
 * (without one, none names its row). The cell start tag with one it replaces,
 * `<c\b[^>]*\sr\s*=` under any prefix, read from each `<c` to the next `>`: a
 * comment of 64,000 `<c ` in a row took 4 s.
 */
const REF_ATTRIBUTE = /\sr\s*=/;

/**
 * The number of a row written without `r`, whose cells are `content`, after row
 * `previous`: the row its cells' references name, when they all name one row after the
 * previous one (`<row>` holding A3 to D3 after row 1, row 2 left out: row 3, where Excel
 * and openpyxl put it); else, as when no cell gives a reference, the row after the
 * previous. Cells naming rows that differ, or a row not after the previous, are then
 * cells of another row than theirs (a damaged file, reported at each).
 */
function rowOfCells(content: string, previous: number): number {
  const next = previous + 1;
  if (!REF_ATTRIBUTE.test(content)) return next;
  let named: number | undefined;
  for (const c of elements(content, 'c')) {
    const ref = attr(` ${c.attributes}`, 'r');
    const parts = ref === undefined ? undefined : CELL_REF.exec(ref);
    if (!parts) continue;
    const row = Number(parts[2]);
    if (named !== undefined && row !== named) return next;
    named = row;
  }
  return named !== undefined && named > previous && named <= MAX_ROWS ? named : next;
}

/** The place of a cell a row does not have (shared by every row: no closure per row). */
function absentCell(row: TableRow, index: number): TableCell {
  return {
    text: '',
    line: row.line,
    column: index + 1,
    name: `${columnLetters(index + 1)}${row.line}`,
  };
}

/** Whether a cell holds something to read: text, or a formula whose result is not saved. */
const holdsValue = (cell: TableCell | undefined): cell is TableCell =>
  cell !== undefined && (cell.text.trim() !== '' || cell.uncomputed !== undefined);

/** Whether a `<row>` or `<col>` start tag's attributes say the sheet hides it. */
function isHidden(attributes: string): boolean {
  const hidden = attr(` ${attributes}`, 'hidden');
  return hidden === '1' || hidden === 'true';
}

/**
 * Whether column n (1-based) is one the sheet hides: `<cols><col min="3" max="3"
 * hidden="1"/></cols>`, before the sheet's data.
 */
function hiddenColumns(sheetXml: string): (n: number) => boolean {
  const data = sheetXml.search(new RegExp(`<${PREFIX}sheetData\\b`));
  const head = data < 0 ? '' : sheetXml.slice(0, data);
  const spans: [number, number][] = [];
  if (head.includes('col'))
    for (const e of elements(head, 'col')) {
      if (!isHidden(e.attributes)) continue;
      const tag = ` ${e.attributes}`;
      const min = Number(attr(tag, 'min'));
      const max = Number(attr(tag, 'max'));
      if (Number.isSafeInteger(min) && Number.isSafeInteger(max) && min >= 1 && max >= min)
        spans.push([min, max]);
    }
  return (n) => spans.some(([min, max]) => n >= min && n <= max);
}

/** ` (Référence)`: a header cell's name for a note, at most 60 characters; empty without one. */
function headerName(cell: TableCell | undefined): string {
  const text = cell?.text.trim() ?? '';
  if (text === '') return '';
  return ` (${text.length > 60 ? `${text.slice(0, 59)}…` : text})`;
}

/** A merged range's reference: `B4:B6` (Excel's only form), or one cell, `B4`. */
const RANGE_REF = /^([A-Z]{1,3})([1-9][0-9]*)(?::([A-Z]{1,3})([1-9][0-9]*))?$/;

/**
 * The merged ranges of a sheet (see xlsx/merged-cells.ts), or what makes them damaged:
 * a reference that is not a range of the sheet, its corners out of order. A range of
 * one cell merges nothing and is left out.
 */
function mergedRanges(sheetXml: string): MergedRange[] | string {
  // `<mergeCells>` comes after the sheet's data: looked for from the first mention of it
  // (a text cell holding the word only makes the search longer).
  const at = sheetXml.indexOf('mergeCell');
  if (at < 0) return [];
  const ranges: MergedRange[] = [];
  for (const e of elements(sheetXml.slice(sheetXml.lastIndexOf('<', at)), 'mergeCell')) {
    const ref = attr(` ${e.attributes}`, 'ref');
    const m = ref === undefined ? null : RANGE_REF.exec(ref);
    if (!m) {
      const what =
        ref === undefined ? 'merged cells without a range' : `merged cells ${JSON.stringify(ref)}`;
      return `the sheet lists ${what}, not a range of cells: the file is damaged`;
    }
    const left = columnNumber(m[1]!);
    const top = Number(m[2]);
    const right = m[3] === undefined ? left : columnNumber(m[3]);
    const bottom = m[4] === undefined ? top : Number(m[4]);
    if (top > bottom || left > right || bottom > MAX_ROWS || right > MAX_COLUMNS)
      return `the sheet lists merged cells ${JSON.stringify(ref)}, ${
        bottom > MAX_ROWS || right > MAX_COLUMNS
          ? `past the sheet's last row or column (${columnLetters(MAX_COLUMNS)}${MAX_ROWS})`
          : 'whose first cell is not its top-left one'
      }: the file is damaged`;
    if (top === bottom && left === right) continue;
    ranges.push({ ref: ref!, top, left, bottom, right });
  }
  return ranges;
}

/** A part that is not well-formed XML (cut short, or damaged otherwise): what is wrong, and where. */
class DamagedPart extends ZipError {
  constructor(
    label: string,
    readonly damage: XmlDamage,
  ) {
    super(`${label} is not well-formed XML (${damage.problem}): the file is damaged`);
  }
}

/**
 * The text of XML part `e` (`label` names it in messages), or a DamagedPart error: the
 * elements of a part cut short would be read up to the damage, and the rest lost silently.
 */
function xmlPart(bytes: Uint8Array, e: ZipEntry, label = e.name): string {
  const xml = utf8.decode(readZipEntry(bytes, e));
  const damage = findXmlDamage(xml);
  if (damage) throw new DamagedPart(label, damage);
  return hasOtherMarkup(xml) ? asElements(xml, label) : xml;
}

/** The row and the cell (its `r`) a sheet's damage is in, from the elements open there. */
function damagePlace(open: readonly string[]): { line: number; column: number; cell?: string } {
  let line = 1;
  let column = 1;
  let cell: string | undefined;
  for (const tag of open) {
    const local = /^<(?:[^\s:/>]+:)?([^\s/>]+)/.exec(tag)?.[1];
    const r = attrAsWritten(tag, 'r');
    if (local === 'row' && r !== undefined && /^[0-9]+$/.test(r)) line = Number(r);
    const ref = local === 'c' && r !== undefined ? /^([A-Z]+)([0-9]+)$/.exec(r) : null;
    if (ref) {
      cell = r;
      line = Number(ref[2]);
      column = columnNumber(ref[1]!);
    }
  }
  return { line, column, cell };
}

/** Shared string `index` (the text of a `t="s"` cell's value), or why the file is damaged. */
function sharedString(shared: readonly string[], index: string): string | { problem: string } {
  const numeric = /^[0-9]+$/.test(index);
  const text = numeric ? shared[Number(index)] : undefined;
  if (text !== undefined) return text;
  const what = `the cell's shared string index is ${numeric ? index : JSON.stringify(index)}`;
  return {
    problem: `${what}, ${
      !numeric
        ? 'not a number'
        : shared.length === 0
          ? 'but the workbook has no shared strings (its table is empty)'
          : `outside the workbook's table of shared strings (0 to ${shared.length - 1})`
    }: the file is damaged`,
  };
}

/**
 * Whether a cell of type `t` holding `v` is read through its style: an ISO date cell, or
 * a number cell holding a number (a date style makes it a date). Style 0, the default,
 * is the one of a cell without `s`: read as a number without the styles part, as in a
 * workbook that has none.
 */
function needsStyle(t: string, v: string | undefined): boolean {
  if (t === 'd') return true;
  if (t === 's' || t === 'inlineStr' || t === 'str' || t === 'e' || t === 'b') return false;
  return v !== undefined && XSD_DECIMAL.test(v) && Number.isFinite(Number(v));
}

/** A sheet of the workbook: its name, its part, and whether Excel hides it (`state`). */
interface Sheet {
  readonly name: string;
  readonly path: string;
  /** `hidden` (Unhide lists it) or `veryHidden` (only a macro shows it); absent when visible. */
  readonly hidden?: 'hidden' | 'veryHidden';
}

interface Workbook {
  readonly sheets: readonly Sheet[];
  readonly date1904: boolean;
  /** The parts of the shared strings and the styles, if the workbook has them. */
  readonly sharedStrings: ZipEntry | undefined;
  readonly styles: ZipEntry | undefined;
  /**
   * The paths of the parts of shared strings and styles the workbook's relationships
   * name but the file lacks (a damaged file), if so: an error at the first cell that
   * needs the part (a workbook without a cell that does is read).
   */
  readonly sharedStringsMissing?: string;
  readonly stylesMissing?: string;
}

type Entries = ReturnType<typeof readZipDirectory>;

/**
 * The zip entry of part `path`. Part names of an Office file compare without regard to
 * ASCII case (Open Packaging Conventions, ECMA-376 part 2): `xl/SharedStrings.xml` is the
 * part a relationship names `xl/sharedStrings.xml`.
 */
function part(entries: Entries, path: string): ZipEntry | undefined {
  const exact = entries.get(path);
  if (exact) return exact;
  const wanted = path.toLowerCase();
  for (const [name, entry] of entries) if (name.toLowerCase() === wanted) return entry;
  return undefined;
}

/**
 * `target` of a relationship of a part in folder `dir` (`xl/`) as a zip path. A target
 * is a URI: its percent escapes are decoded (`sheet%201.xml` names `sheet 1.xml`).
 */
function resolveTarget(dir: string, target: string): string {
  const out: string[] = [];
  for (const raw of (target.startsWith('/') ? target : dir + target).split('/')) {
    let seg = raw;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      // Not a valid escape: the name as written.
    }
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

interface Relationship {
  readonly id: string | undefined;
  /** The relationship type's last segment: `officeDocument`, `worksheet`, `sharedStrings`. */
  readonly type: string;
  readonly path: string;
}

/** The relationships of part `partPath` (`''`: the package's own, `_rels/.rels`). */
function relationships(bytes: Uint8Array, entries: Entries, partPath: string): Relationship[] {
  const slash = partPath.lastIndexOf('/');
  const dir = partPath.slice(0, slash + 1);
  const rels = part(entries, `${dir}_rels/${partPath.slice(slash + 1)}.rels`);
  if (!rels) return [];
  const out: Relationship[] = [];
  for (const m of xmlPart(bytes, rels).matchAll(RELATIONSHIP_TAG)) {
    const target = attr(m[0], 'Target');
    if (!target || attr(m[0], 'TargetMode') === 'External') continue;
    const type = attr(m[0], 'Type') ?? '';
    out.push({
      id: attr(m[0], 'Id'),
      type: type.slice(type.lastIndexOf('/') + 1),
      path: resolveTarget(dir, target),
    });
  }
  return out;
}

/**
 * The workbook: its part is the one the package's relationships name as the office
 * document (`xl/workbook.xml` when they do not, as Excel writes it; other producers
 * choose other names), its sheets, shared strings and styles the parts its own
 * relationships name (the usual names when they do not).
 */
function readWorkbook(bytes: Uint8Array, entries: Entries): Workbook {
  const named = relationships(bytes, entries, '').find((r) => r.type === 'officeDocument');
  const wbPath = named?.path ?? 'xl/workbook.xml';
  const wb = part(entries, wbPath);
  if (!wb)
    throw new ZipError(
      named
        ? `the workbook part ${wbPath}, which the package names, is missing: the file is damaged`
        : 'no xl/workbook.xml: not an Excel workbook (.xlsx)',
    );
  const xml = xmlPart(bytes, wb);
  const dir = wbPath.slice(0, wbPath.lastIndexOf('/') + 1);
  const rels = relationships(bytes, entries, wbPath);
  const byId = new Map<string, string>();
  for (const r of rels) if (r.id !== undefined) byId.set(r.id, r.path);
  const sheets: Sheet[] = [];
  for (const [i, m] of [...xml.matchAll(SHEET_TAG)].entries()) {
    const name = attr(m[0], 'name') ?? `Sheet${i + 1}`;
    const rid = attr(m[0], REL_ID);
    const path = (rid && byId.get(rid)) ?? `${dir}worksheets/sheet${i + 1}.xml`;
    const state = attr(m[0], 'state');
    sheets.push(
      state === 'hidden' || state === 'veryHidden' ? { name, path, hidden: state } : { name, path },
    );
  }
  const pr = WORKBOOK_PR_TAG.exec(xml)?.[0] ?? '';
  const d1904 = attr(pr, 'date1904');
  /**
   * The part of `type` the workbook's relationships name, else the usual one if there is
   * one; `missing`, the path of a part they name that the file lacks. That is a damaged
   * file where a cell needs the part: read without it, shared string cells would be
   * empty (the header's column names lost), date cells numbers.
   */
  const partOf = (type: string, usual: string) => {
    const named = rels.find((r) => r.type === type)?.path;
    const entry = part(entries, named ?? `${dir}${usual}`);
    return { entry, missing: named !== undefined && !entry ? named : undefined };
  };
  const sharedStrings = partOf('sharedStrings', 'sharedStrings.xml');
  const styles = partOf('styles', 'styles.xml');
  return {
    sheets,
    date1904: d1904 === '1' || d1904 === 'true',
    sharedStrings: sharedStrings.entry,
    styles: styles.entry,
    ...(sharedStrings.missing === undefined ? {} : { sharedStringsMissing: sharedStrings.missing }),
    ...(styles.missing === undefined ? {} : { stylesMissing: styles.missing }),
  };
}

async function readSharedStrings(
  bytes: Uint8Array,
  e: ZipEntry | undefined,
  checkpoint: Checkpoint,
): Promise<string[]> {
  if (!e) return [];
  const xml = xmlPart(bytes, e);
  const out: string[] = [];
  for (const si of elements(xml, 'si')) {
    if (out.length >= MAX_SHARED_STRINGS)
      throw new ZipError(`more than ${MAX_SHARED_STRINGS} shared strings`);
    out.push(runsText(si.content ?? ''));
    // Ticked for every string (it looks at the clock every few calls): a table of a few
    // long strings takes as long as one of many short ones.
    const pause = checkpoint.tick();
    if (pause) await pause;
  }
  return out;
}

/** What a cell's date format shows of a second and of the time of day. */
export interface DateStyle {
  /** The fraction digits of a second (0 to 3) it shows (`hh:mm:ss.000` shows 3). */
  readonly digits: number;
  /** `minutes` for a time without seconds (`h:mm`), `seconds` when it shows them, `none` for a date alone. */
  readonly time: TimeShown;
  /**
   * Whether it shows the day (a year, month or day): false for a time of day alone
   * (`hh:mm:ss`); undefined for an elapsed time (`[h]:mm:ss`, 43:30:00), a duration.
   */
  readonly day: boolean | undefined;
}

/** A format's first section (the one for positive numbers) without literals and escapes. */
const firstSection = (code: string): string => withoutLiterals(code.split(';')[0]!);

/** What a custom number format shows (see DateStyle), or undefined for one that shows no date or time. */
export function customDateStyle(code: string): DateStyle | undefined {
  if (!isDateFormat(code)) return undefined;
  const first = firstSection(code);
  const time = /s/i.test(first) ? 'seconds' : /h/i.test(first) ? 'minutes' : 'none';
  return {
    digits: Math.min(3, /s\.(0+)/i.exec(first)?.[1]?.length ?? 0),
    time,
    day: /\[(h+|m+|s+)\]/i.test(code.split(';')[0]!) ? undefined : showsDay(first),
  };
}

/**
 * Whether a format's first section (see firstSection) shows the day: a year, a day, an
 * era year (`e`) or a month, an `m` that is not minutes (after `h`, or before `s`, as
 * Excel reads them); AM/PM markers are not months.
 */
function showsDay(first: string): boolean {
  // A run of `h` (or `m`) is tried from its first letter only (the lookbehinds): from each
  // of its letters, the patterns read it to its end again (64,000 `h` took 5 s), and
  // where they match, they do from the first.
  const codes = first
    .replace(/A\/P|AM\/PM/gi, '')
    .replace(/(?<!h)(h+[^a-z]*)m+/gi, '$1')
    .replace(/(?<!m)m+([^a-z]*s)/gi, '$1');
  return /[ydem]/i.test(codes);
}

/** What the built-in date formats show: a date alone but for these. */
const BUILTIN_TIME_SHOWN: ReadonlyMap<number, 'minutes' | 'seconds'> = new Map([
  [18, 'minutes'],
  [19, 'seconds'],
  [20, 'minutes'],
  [21, 'seconds'],
  [22, 'minutes'],
  [45, 'seconds'],
  [46, 'seconds'],
  [47, 'seconds'],
]);

/**
 * The built-in formats that show a time of day alone: `h:mm AM/PM` (18) to `mmss.0` (47),
 * but `m/d/yyyy h:mm` (22) and the elapsed `[h]:mm:ss` (46).
 */
const BUILTIN_TIME_ALONE = new Set([18, 19, 20, 21, 45, 47]);

/**
 * The width a number format pads whole numbers to with zeros (`0000000000` shows 12345678
 * as `0012345678`: account numbers, references, postcodes), when its first section is
 * zeros only (literals aside) and more than one; undefined for any other format.
 */
function zeroPadding(code: string): number | undefined {
  const first = firstSection(code);
  return first.length > 1 && /^0+$/.test(first) ? first.length : undefined;
}

/** For each cell style index: what its date format shows, and its zero padding. */
interface CellStyles {
  /** What the date format shows (undefined: not a date). */
  readonly date: (DateStyle | undefined)[];
  /** The width whole numbers are padded to with zeros (see zeroPadding). */
  readonly padding: (number | undefined)[];
}

function readStyles(bytes: Uint8Array, e: ZipEntry | undefined): CellStyles {
  if (!e) return { date: [], padding: [] };
  const xml = xmlPart(bytes, e);
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(NUM_FMT_TAG))
    custom.set(Number(attr(m[0], 'numFmtId')), attr(m[0], 'formatCode') ?? '');
  const dates = new Map<number, DateStyle | undefined>();
  for (const [id, code] of custom) dates.set(id, customDateStyle(code));
  const xfs = firstElement(xml, 'cellXfs')?.content ?? '';
  const ids = [...xfs.matchAll(XF_TAG)].map((m) => Number(attr(m[0], 'numFmtId') ?? 0));
  const date = ids.map((id): DateStyle | undefined => {
    if (dates.has(id)) return dates.get(id);
    if (!BUILTIN_DATE_FORMATS.has(id)) return undefined;
    // Built-in 47 is `mmss.0`: tenths of a second.
    return {
      digits: id === 47 ? 1 : 0,
      time: BUILTIN_TIME_SHOWN.get(id) ?? 'none',
      day: id === 46 ? undefined : !BUILTIN_TIME_ALONE.has(id),
    };
  });
  const padding = ids.map((id) => {
    const code = custom.get(id);
    return code === undefined ? undefined : zeroPadding(code);
  });
  return { date, padding };
}

/** The sheets, named in a message: `"Feuil1", "Notes" (hidden)`. */
const sheetList = (sheets: readonly Sheet[]): string =>
  sheets.map((s) => `${JSON.stringify(s.name)}${s.hidden ? ` (${s.hidden})` : ''}`).join(', ');

/**
 * The sheet to read, or why there is none. Named (`--sheet`, else the mapping's `sheet`):
 * the sheet of that name, else the only one whose name is that one in another case (Excel
 * compares sheet names without regard to case), hidden or not. Not named: the first
 * sheet Excel shows, never a hidden one (its tab is not there: reading it would import
 * what the investigator does not see when opening the file).
 */
function chooseSheet(sheets: readonly Sheet[], wanted: string | undefined): Sheet | string {
  if (sheets.length === 0) return 'the workbook has no sheet';
  if (wanted === undefined)
    return (
      sheets.find((s) => s.hidden === undefined) ??
      `every sheet of the workbook is hidden (${sheetList(sheets)}): name the one to read with --sheet`
    );
  const exact = sheets.find((s) => s.name === wanted);
  if (exact) return exact;
  const folded = wanted.toLowerCase();
  const alike = sheets.filter((s) => s.name.toLowerCase() === folded);
  if (alike.length === 1) return alike[0]!;
  return alike.length === 0
    ? `no sheet named "${wanted}" (sheets: ${sheetList(sheets)})`
    : `no sheet named "${wanted}", and ${alike.length} whose names differ from it only in case (${sheetList(alike)}): name one exactly`;
}

/**
 * Read the mapped sheet of an .xlsx workbook. Each cell is located at its row (LINE)
 * and column number, and named (`C12`) in messages; a date cell is read as the wall
 * time it shows, a number cell as the shortest decimal of its value, text as text.
 */
export async function* readXlsx(
  bytes: Uint8Array,
  options: XlsxReaderOptions,
): AsyncGenerator<SourceItem> {
  const fail = (message: string, line = 1, column = 1): SourceFinding => ({
    type: 'finding',
    code: 'import-format',
    severity: 'error',
    line,
    column,
    message,
  });
  let sheetXml: string;
  let sheetName: string;
  let shared: string[];
  /** Whether the workbook has a part of shared strings (it may hold none). */
  let hasSharedStrings: boolean;
  /** A shared string cell of a workbook without that part has been reported. */
  let toldNoSharedStrings = false;
  /** The parts of shared strings and styles the workbook names but the file lacks. */
  let sharedStringsMissing: string | undefined;
  let stylesMissing: string | undefined;
  /** A cell whose style is in the missing styles part has been reported. */
  let toldNoStyles = false;
  let dateStyles: (DateStyle | undefined)[];
  let padding: (number | undefined)[];
  let date1904: boolean;
  const checkpoint = options.checkpoint ?? Checkpoint.none;
  /** Between two steps that each take their time on a large workbook. */
  const tick = async (): Promise<void> => {
    const pause = checkpoint.tickLarge();
    if (pause) await pause;
  };
  try {
    const entries = readZipDirectory(bytes);
    const wb = readWorkbook(bytes, entries);
    await tick();
    const chosen = chooseSheet(wb.sheets, options.sheet ?? options.mapping.sheet);
    if (typeof chosen === 'string') {
      yield fail(chosen);
      return;
    }
    const sheet = chosen;
    options.onSheet?.(sheet.name);
    const entry = part(entries, sheet.path);
    if (!entry) throw new ZipError(`the sheet "${sheet.name}" (${sheet.path}) is missing`);
    sheetName = sheet.name;
    shared = await readSharedStrings(bytes, wb.sharedStrings, checkpoint);
    await tick();
    hasSharedStrings = wb.sharedStrings !== undefined;
    sharedStringsMissing = wb.sharedStringsMissing;
    stylesMissing = wb.stylesMissing;
    ({ date: dateStyles, padding } = readStyles(bytes, wb.styles));
    date1904 = wb.date1904;
    sheetXml = xmlPart(bytes, entry, `the sheet "${sheet.name}" (${entry.name})`);
    await tick();
  } catch (err) {
    // A damaged sheet: at the cell or row where the damage is, when it is in one.
    if (err instanceof DamagedPart) {
      const { line, column, cell } = damagePlace(err.damage.open);
      yield fail(inCell(cell, err.message), line, column);
      return;
    }
    if (err instanceof ZipError) {
      yield fail(err.message);
      return;
    }
    throw err;
  }
  const headerRow = options.mapping['header-row'] ?? 1;
  const noHeader = (next?: number) =>
    fail(
      `the sheet "${sheetName}" has no header row (row ${headerRow}): row ${headerRow} is empty${noHeaderHint(headerRow, next, 'cells')}`,
      headerRow,
    );
  let mapRow: ((row: TableRow) => SourceItem[]) | undefined;
  /** The columns the mapping reads (known once the header is read). */
  let readColumns: ReadonlySet<number> | undefined;
  let sawHeader = false;
  /**
   * Row `header-row` is empty or absent: the error waits for the first row below it that
   * is not empty (or the end of the sheet), which it names.
   */
  let headerMissing = false;
  let lastRow = 0;
  const ranges = mergedRanges(sheetXml);
  if (typeof ranges === 'string') {
    // Which cells show which value is not known: no row is read as values.
    yield fail(ranges);
    return;
  }
  const merged = ranges.length === 0 ? undefined : new MergedCells(ranges);
  /** The ranges reaching the header row from above it, by the row of their top-left cell. */
  const intoHeader = merged?.intoHeader(headerRow);
  /** The top-left cells of the ranges met so far (undefined: an empty one). */
  const anchors = new Map<MergedRange, TableCell | undefined>();
  /**
   * The names header row `r` shows where ranges cross it: a cell merged down from the rows
   * above shows the name in the range's top-left cell; a name that a covered cell holds,
   * hidden under a range, is no name (a mapping naming it finds no such column).
   */
  const showMergedHeader = (r: number, cells: (TableCell | undefined)[]): void => {
    /** The cells covered so far (a cell covered twice, by ranges that overlap, is left as the first made it). */
    const covered = new Uint8Array(cells.length);
    for (const m of merged!.ranges) {
      if (m.top > r || m.bottom < r) continue;
      // Past the row's last cell, only a name merged down from above can show.
      const last = Math.min(m.right, Math.max(cells.length, m.left));
      for (let c = m.left; c <= last; c++) {
        if (r === m.top && c === m.left) continue; // the range's own cell
        if (covered[c - 1] === 1) break;
        covered[c - 1] = 1;
        const anchor = c === m.left ? anchors.get(m) : undefined;
        cells[c - 1] = holdsValue(anchor)
          ? { ...anchor, line: r, column: c, name: `${columnLetters(c)}${r}` }
          : undefined;
      }
    }
  };
  /**
   * What the cells of the columns the mapping reads show of the ranges crossing them, in
   * data row `r` (see xlsx/merged-cells.ts): a range's value in the rows below its
   * top-left cell; a cell covered from a column to its left, or a value hidden under a
   * range, marked as not readable as shown (an import-value problem where it is read).
   */
  const showMerged = (r: number, cells: (TableCell | undefined)[]): void => {
    for (const c of merged!.followed) {
      const m = merged!.at(r, c);
      if (m === undefined) continue;
      if (r === m.top && !anchors.has(m)) anchors.set(m, cells[m.left - 1]);
      if (r === m.top && c === m.left) continue; // the range's own cell
      const own = cells[c - 1];
      const first = `${columnLetters(m.left)}${m.top}`;
      if (holdsValue(own)) {
        cells[c - 1] = {
          ...own,
          unshown: `the cell holds a value that the sheet does not show: it is under the merged cell ${m.ref}, which shows the value of ${first}; check the export`,
        };
        continue;
      }
      const anchor = anchors.get(m);
      // A header merged down past the header row shows no value of the rows below it.
      if (m.top <= headerRow || !holdsValue(anchor)) continue;
      const name = `${columnLetters(c)}${r}`;
      cells[c - 1] =
        c === m.left
          ? { ...anchor, line: r, column: c, name: `${name} (merged cell ${m.ref})` }
          : {
              text: '',
              line: r,
              column: c,
              name,
              unshown: `the cell is part of the merged cell ${m.ref}, whose value (in ${first}) spans columns ${columnLetters(m.left)} to ${columnLetters(m.right)}: which column it belongs to is not known; read it from column ${columnLetters(m.left)}, or check the export`,
            };
    }
  };
  /**
   * A header row the sheet does not hold, all of its names merged down from the rows above
   * it (a row of covered cells without a style is not written): the names it shows are
   * the header, if any.
   */
  function* headerFromAbove(): Generator<SourceFinding, void, undefined> {
    if (intoHeader === undefined) return;
    const shown: (TableCell | undefined)[] = [];
    showMergedHeader(headerRow, shown);
    if (!shown.some(holdsValue)) return;
    sawHeader = true;
    yield* takeHeader(shown, headerRow);
  }
  /** The mapping compiled against header row `r`'s `cells` (their texts name the columns). */
  function* takeHeader(
    cells: readonly (TableCell | undefined)[],
    r: number,
  ): Generator<SourceFinding, void, undefined> {
    const compiled = compileMapping(options.mapping, cells, {
      zone: options.zone,
      headerLine: r,
      headerRow: r,
      errorCells: true,
    });
    yield* compiled.findings;
    // A mapped column the header lacks (import-column): no row is mapped, but the sheet
    // is read on for its own problems (a cell naming a shared string the table lacks),
    // so that every problem of the file is reported in one run (a CSV stops at its
    // header: its field counts and decoding depend on the mapping's delimiter and
    // encoding, which a missing column most often means are wrong).
    mapRow = compiled.mapRow;
    readColumns = compiled.read;
    if (options.onHiddenColumn !== undefined) {
      const hidden = hiddenColumns(sheetXml);
      for (const i of [...readColumns].sort((a, b) => a - b))
        if (hidden(i + 1)) options.onHiddenColumn(`${columnLetters(i + 1)}${headerName(cells[i])}`);
    }
    const overlap = merged?.follow([...readColumns].map((i) => i + 1));
    if (overlap !== undefined) {
      // Which value their shared cells show is not known: no row is read as values.
      const [a, b] = overlap;
      yield fail(
        `the merged cells ${a.ref} and ${b.ref} overlap: the file is damaged`,
        b.top,
        b.left,
      );
      mapRow = undefined;
    }
  }
  /**
   * Read the cells of row `r` (its XML `content`) into `cells`, by column; returns whether
   * one of them is damaged (a shared string the table does not have, a reference repeated),
   * each reported as it is met.
   */
  function* readCells(
    content: string,
    r: number,
    cells: (TableCell | undefined)[],
  ): Generator<SourceFinding, boolean, undefined> {
    /** A cell of the row is damaged: a shared string the table does not have, a reference repeated. */
    let damaged = false;
    let nextCol = 1;
    for (const c of elements(content, 'c')) {
      const ref = attr(` ${c.attributes}`, 'r');
      const parts = ref === undefined ? undefined : CELL_REF.exec(ref);
      // A cell without `r` (valid: it is the next column) is named as Excel shows it.
      const col = parts ? columnNumber(parts[1]!) : nextCol;
      if (ref !== undefined && (!parts || Number(parts[2]) !== r || col > MAX_COLUMNS)) {
        damaged = true;
        yield fail(
          `row ${r} holds a cell whose reference is ${JSON.stringify(ref)}, ${
            !parts
              ? 'not a cell reference'
              : col > MAX_COLUMNS
                ? `past column ${columnLetters(MAX_COLUMNS)}, the last one`
                : `a cell of row ${parts[2]}`
          }: the file is damaged`,
          r,
          Math.min(col, MAX_COLUMNS),
        );
        nextCol = col + 1;
        continue;
      }
      nextCol = col + 1;
      const name = ref ?? `${columnLetters(col)}${r}`;
      // Two cells at one place: which one holds the value is not known. (Cells out of
      // order are read at their own references, which say where they are.)
      if (cells[col - 1] !== undefined) {
        damaged = true;
        yield fail(inCell(name, `the cell is in row ${r} twice: the file is damaged`), r, col);
        continue;
      }
      const t = attr(` ${c.attributes}`, 't') ?? 'n';
      const style = attr(` ${c.attributes}`, 's');
      const s = Number(style ?? 0);
      const inner = c.content ?? '';
      const vElement = firstElement(inner, 'v');
      const v = vElement?.content;
      const base = { line: r, column: col, name };
      let cell: TableCell;
      // A number or ISO date cell with a style, when the styles part the workbook names
      // is missing: whether, and how, it shows a date is not known. The first one is the
      // error; its row and the others' are not read as values.
      if (stylesMissing !== undefined && style !== undefined && s !== 0 && needsStyle(t, v)) {
        damaged = true;
        if (!toldNoStyles)
          yield fail(
            inCell(
              name,
              `the cell has style ${style}, but the styles part ${stylesMissing}, which the workbook names, is missing: whether the cell shows a date is not known; the file is damaged (the sheet's other cells with a style, which need it too, are not listed)`,
            ),
            r,
            col,
          );
        toldNoStyles = true;
      }
      if (t === 's') {
        // A cell without a value is empty; one whose index is not in the table of shared
        // strings is a damaged file, not an empty cell.
        const index = v?.trim();
        const text = index === undefined ? '' : sharedString(shared, index);
        if (typeof text !== 'string') {
          damaged = true;
          // No table at all: every shared string cell is damaged alike; the first one says so.
          if (!hasSharedStrings) {
            if (!toldNoSharedStrings)
              yield fail(
                inCell(
                  name,
                  `the cell's shared string index is ${index}, but ${
                    sharedStringsMissing === undefined
                      ? 'the workbook has no shared strings part'
                      : `the shared strings part ${sharedStringsMissing}, which the workbook names, is missing`
                  }: the file is damaged (the sheet's other shared string cells, which need it too, are not listed)`,
                ),
                r,
                col,
              );
            toldNoSharedStrings = true;
          } else yield fail(inCell(name, text.problem), r, col);
        }
        cell = { ...base, text: typeof text === 'string' ? text : '' };
      } else if (t === 'inlineStr')
        cell = { ...base, text: runsText(firstElement(inner, 'is')?.content ?? '') };
      else if (t === 'd') {
        // An ISO 8601 date-time without offset: read by value, as a date serial would be.
        const text = xmlText(v ?? '');
        const n = isoToSerial(text, date1904);
        const style = dateStyles[s];
        cell =
          n === undefined
            ? { ...base, text }
            : {
                ...base,
                text,
                serial: n,
                date1904,
                // Without a date style: every digit it holds, and what it shows unknown.
                fractionDigits: style?.digits ?? 3,
                ...(style === undefined ? {} : { timeShown: style.time, dayShown: style.day }),
                // `19:30:00` holds no day, whatever its style shows.
                ...(/^\s*[0-9]{4}-/.test(text) ? {} : { dayShown: false }),
              };
      } else if (t === 'str') cell = { ...base, text: xmlText(v ?? '') };
      else if (t === 'e') {
        // `#N/A`, `#REF!`, ...: no value (map-rows reports it under a mapped column).
        const text = xmlText(v ?? '');
        cell = { ...base, text, error: text };
      } else if (t === 'b') cell = { ...base, text: v === '1' ? 'TRUE' : 'FALSE' };
      else if (v === undefined) cell = { ...base, text: '' };
      else {
        // A number cell holds an xsd:double in decimal form; Number() would also read
        // `0x10` (16), `0b1`, `Infinity` or blanks (0): those are kept as the text written.
        const n = XSD_DECIMAL.test(v) ? Number(v) : NaN;
        if (!Number.isFinite(n)) cell = { ...base, text: xmlText(v) };
        else if (dateStyles[s] !== undefined)
          cell = {
            ...base,
            text: shortestDecimal(n),
            // Its text is a number's, point as the separator, as any number cell's (an
            // amount column styled as a date is read as the number it holds).
            numeric: true,
            serial: n,
            date1904,
            fractionDigits: dateStyles[s].digits,
            timeShown: dateStyles[s].time,
            dayShown: dateStyles[s].day,
          };
        else {
          const text = shortestDecimal(n);
          // A whole number its format pads with zeros: text fields read it as shown.
          const width = padding[s];
          const shown =
            width !== undefined && Number.isSafeInteger(n) && n >= 0 && text.length < width
              ? text.padStart(width, '0')
              : undefined;
          // More digits than the double keeps (`9007199254740993` reads as ...992): not
          // this number's value, so a field reading it is an error, not another number.
          cell = isFaithfulDecimal(v, n)
            ? {
                ...base,
                text,
                numeric: true,
                ...(shown === undefined ? {} : { shown }),
                ...(EXCEL_ROUNDED.test(text) ? { roundedTo15: v.trim() } : {}),
              }
            : { ...base, text, numeric: true, beyondDouble: v.trim() };
        }
      }
      // A formula whose result the file does not hold (a workbook written by a program
      // and never opened in a spreadsheet, which computes it on opening: no value, or an
      // empty one where a number is meant, as openpyxl writes `<v></v>`): no value to
      // read, where a spreadsheet shows one. Not an empty cell (a status read as the
      // default, a row skipped as empty: an import found both). A text formula's empty
      // value (`t="str"`, `<v/>`) is its result: an empty text.
      if (
        t !== 'inlineStr' &&
        (vElement === undefined || (t !== 'str' && (v ?? '').trim() === ''))
      ) {
        const f = firstElement(inner, 'f');
        if (f !== undefined) cell = { ...base, text: '', uncomputed: xmlText(f.content ?? '') };
      }
      cells[col - 1] = cell;
    }
    return damaged;
  }

  for (const row of elements(sheetXml, 'row')) {
    // The row's own `r`; without one, the row its cells name (see rowOfCells).
    const rowRef = attr(` ${row.attributes}`, 'r');
    const r = rowRef === undefined ? rowOfCells(row.content ?? '', lastRow) : Number(rowRef);
    // Rows are written in order, each once: a row given twice (which of the two is the
    // row?) or before a row above it is a damaged file, never a row read twice or a
    // header taken from the wrong row.
    if (rowRef !== undefined && !(/^[0-9]+$/.test(rowRef) && r >= 1 && r <= MAX_ROWS)) {
      yield fail(
        `a row's number is ${JSON.stringify(rowRef)}, not one of 1 to ${MAX_ROWS}: the file is damaged`,
        lastRow + 1,
      );
      continue;
    }
    if (r <= lastRow) {
      yield fail(
        r === lastRow
          ? `row ${r} is in the sheet twice: the file is damaged`
          : `row ${r} comes after row ${lastRow} in the sheet (rows are written in order): the file is damaged`,
        r,
      );
      continue;
    }
    lastRow = r;
    if (r < headerRow) {
      // A cell merged from here down into the header row: the name the header shows there.
      // (The rows above the header are not read: problems of their cells are not reported.)
      const tops = intoHeader?.get(r);
      if (tops !== undefined) {
        const above: (TableCell | undefined)[] = [];
        const told: [boolean, boolean] = [toldNoStyles, toldNoSharedStrings];
        const reading = readCells(row.content ?? '', r, above);
        while (reading.next().done !== true);
        [toldNoStyles, toldNoSharedStrings] = told;
        for (const m of tops) anchors.set(m, above[m.left - 1]);
      }
      continue;
    }
    const cells: (TableCell | undefined)[] = [];
    const damaged = yield* readCells(row.content ?? '', r, cells);
    // Past the header row without meeting it: its names may be merged down from above.
    if (!sawHeader && !headerMissing && r > headerRow) yield* headerFromAbove();
    // The names the header shows where merged ranges cross it.
    if (!sawHeader && r === headerRow && merged !== undefined) showMergedHeader(r, cells);
    // No cell with text. Below the header, a row is empty only when none of its formulas
    // without a value is in a column the mapping reads (one elsewhere is no value it needs:
    // a template's formula column past the data).
    const blank = !damaged && cells.every((c) => c === undefined || c.text.trim() === '');
    const empty =
      blank &&
      (readColumns === undefined ||
        !cells.some((c, i) => c?.uncomputed !== undefined && readColumns!.has(i)));
    if (headerMissing) {
      if (empty) continue;
      headerMissing = false;
      yield noHeader(r);
      continue;
    }
    if (!sawHeader) {
      sawHeader = true;
      // The header is row `header-row` itself: an empty one (absent, or cells without
      // text) is no header, and the row after it is not taken for it (it is named in
      // the error, which waits for it: this row, when it is below header-row).
      if (r !== headerRow || empty) {
        if (r !== headerRow && !empty) yield noHeader(r);
        else headerMissing = true;
        continue;
      }
      // A damaged header (reported at its cells): its column names are not known.
      if (damaged) continue;
      yield* takeHeader(cells, r);
      continue;
    }
    if (!mapRow) continue;
    // Also in a damaged or empty row: a range's top-left cell there shows in the rows below.
    if (merged !== undefined) showMerged(r, cells);
    // A damaged row is not read as values (what its cells hold is not known).
    if (damaged || empty) continue;
    if (isHidden(row.attributes)) options.onHiddenRow?.(`${sheetName} row ${r}`);
    yield* mapRow({
      locator: `${sheetName} row ${r}`,
      line: r,
      cells,
      absent: absentCell,
    });
  }
  // The same when no row comes after it.
  if (!sawHeader && !headerMissing) yield* headerFromAbove();
  if (!sawHeader || headerMissing) yield noHeader();
}
