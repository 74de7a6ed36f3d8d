/// <reference types="pdfkit" />
/**
 * Compressed object streams (ISO 32000-1 §7.5.7) for the many small dictionaries of the
 * structure tree: a table of 10,000 rows has ~60,000 structure elements, which pdfkit would
 * write as uncompressed indirect objects (about 90 bytes each, plus one output chunk per
 * line). Here they are serialized as short strings, gathered a few hundred at a time into
 * an `/ObjStm` stream (deflated by pdfkit like any stream), and the file ends with a
 * cross-reference stream (§7.5.8) instead of pdfkit's table, since a classic table cannot
 * point inside an object stream. Object numbers are taken from pdfkit's own sequence.
 * PDF 1.5+; PDF/A-2 allows both (ISO 19005-2 §6.1.2 forbids neither).
 */
import { constants, deflateRawSync, deflateSync } from 'node:zlib';

/** What a pdfkit object needs to cite an object: PDFObject.convert writes it as "N 0 R". */
export interface ObjectRef {
  readonly id: number;
  toString(): string;
}

interface Internals {
  /** pdfkit's array of byte offsets by object number - 1; replaced by an OffsetTable here. */
  _offsets: Pick<OffsetTable, 'length' | 'push'> | (number | null)[];
  _offset: number;
  _waiting: number;
  _ended: boolean;
  _root: ObjectRef & object;
  _info: ObjectRef;
  _id: Uint8Array;
  _security: unknown;
  ref(data?: Record<string, unknown>): { id: number; end(chunk?: Buffer): void };
  _refEnd(ref: { id: number; offset: number }): void;
  _write(data: string | Uint8Array): void;
  _finalize(): void;
  push(chunk: Uint8Array | null): boolean;
}

/** Objects per stream: large enough to compress well, small enough to keep little pending. */
const PER_STREAM = 400;

/**
 * Cross-reference rows put together and deflated at a time (7 bytes each): a table of one
 * chunk is deflated whole; a larger one (over 65,536 objects) chunk by chunk, so that the
 * table is never held whole (8.4 MB at 1.2 million objects, the last allocation of a large
 * render, which set its peak).
 */
const XREF_CHUNK_ROWS = 65_536;

/** Entries per block of an OffsetTable (256 KiB): the table grows a block at a time. */
const OFFSET_BLOCK = 65_536;

/** Unset entries a block two behind the newest may have and still be made runs. */
const PENDING_LEFT = 256;

/**
 * A written block (every entry set, or all but a few), kept as runs: run r starts at entry
 * `starts[r]` with `values[r]`, and each next entry of the run is one less (the next
 * member code: -(1 + code) for consecutive codes). A direct offset is a run of one, and
 * so is an entry not set yet (0), which `set` fills in place.
 */
interface RunBlock {
  readonly starts: Uint16Array;
  readonly values: Int32Array;
}

/**
 * Where each object of the document is, by object number - 1, in place of pdfkit's
 * `_offsets` array (8 bytes an object and its growth room, 10.4 MB at the 1.2 million
 * objects of a 50k + 25k render, copied each time it grew). 0: not written yet; > 0: byte
 * offset in the file; < 0: -(1 + stream index × PER_STREAM + index in the stream), an
 * object inside an object stream. Offsets of 2 GiB and more (past what 32 bits hold with
 * a sign) are kept aside, behind a marker. pdfkit only pushes (`ref`) and reads `length`
 * (`_refEnd`, which wrote by index, is replaced by ObjectStreams).
 *
 * Entries are held in blocks of 4 bytes an entry while they are being set; a block whose
 * entries are all set, or all but a few (objects numbered long before they are written)
 * once two newer blocks exist, becomes runs (RunBlock). Object streams list their members
 * in the order of their numbers, so a block of 65,536 structure elements holds a few
 * thousand runs (6 bytes each) instead of 256 KiB; the table is held to the end of the
 * document for its cross-reference stream.
 */
export class OffsetTable {
  private readonly blocks: (Int32Array | RunBlock)[] = [];
  /** Entries set in each block (up to OFFSET_BLOCK: then it is made runs). */
  private readonly filled: number[] = [];
  /** Offsets of 2 GiB and more, by index (the block holds FAR). */
  private readonly far = new Map<number, number>();
  /** The last run read (block, run): reading in order needs no search. */
  private lastBlock = -1;
  private lastRun = 0;
  length = 0;

  push(value: number | null): number {
    const i = this.length;
    if (i % OFFSET_BLOCK === 0) {
      // A block two behind the new one is complete but for objects numbered long before
      // they are written (a table's element, the outline's items): made runs now, its
      // unset entries runs of one that `set` fills in place.
      const old = this.blocks.length - 2;
      const block = this.blocks[old];
      if (block instanceof Int32Array && (this.filled[old] ?? 0) >= OFFSET_BLOCK - PENDING_LEFT)
        this.blocks[old] = toRuns(block);
      this.blocks.push(new Int32Array(OFFSET_BLOCK));
      this.filled.push(0);
    }
    this.length = i + 1;
    if (value !== null) this.set(i, value);
    return this.length;
  }

  set(index: number, value: number): void {
    const b = Math.floor(index / OFFSET_BLOCK);
    let block = this.blocks[b];
    if (block === undefined || index < 0 || index >= this.length) {
      throw new RangeError(`internal: object ${index + 1} was never reserved`);
    }
    if (!Number.isSafeInteger(value) || value === 0 || value <= FAR) {
      throw new RangeError(`internal: offset ${value} of object ${index + 1} out of range`);
    }
    if (value > 0x7fffffff) {
      this.far.set(index, value);
      value = FAR;
    } else if (this.far.size > 0) this.far.delete(index); // (1.2 million sets: the map is empty)
    const at = index % OFFSET_BLOCK;
    if (!(block instanceof Int32Array)) {
      const r = this.runOf(b, block, at);
      const alone =
        (block.starts[r] ?? 0) === at &&
        (r + 1 === block.starts.length ? OFFSET_BLOCK : (block.starts[r + 1] ?? 0)) === at + 1;
      if (alone && block.values[r] === 0) {
        // An entry left unset when its block was made runs.
        block.values[r] = value;
        this.filled[b] = (this.filled[b] ?? 0) + 1;
        return;
      }
      // Set again (not done by the renderer): back to entries.
      block = expandRuns(block);
      this.blocks[b] = block;
      this.lastBlock = -1;
    }
    if (block[at] === 0) this.filled[b] = (this.filled[b] ?? 0) + 1;
    block[at] = value;
    if (this.filled[b] === OFFSET_BLOCK) this.blocks[b] = toRuns(block);
  }

  /** The offset of object number `index + 1`, or null if it was not written. */
  get(index: number): number | null {
    if (index < 0 || index >= this.length) return null;
    const b = Math.floor(index / OFFSET_BLOCK);
    const block = this.blocks[b];
    const at = index % OFFSET_BLOCK;
    let v: number;
    if (block === undefined) v = 0;
    else if (block instanceof Int32Array) v = block[at] ?? 0;
    else {
      const r = this.runOf(b, block, at);
      v = (block.values[r] ?? 0) - (at - (block.starts[r] ?? 0));
    }
    if (v === FAR) return this.far.get(index) ?? null;
    return v === 0 ? null : v;
  }

  /** Bytes held by the blocks (not the far offsets): for tests and measurements. */
  get bytes(): number {
    let n = 0;
    for (const block of this.blocks)
      n +=
        block instanceof Int32Array
          ? block.byteLength
          : block.starts.byteLength + block.values.byteLength;
    return n;
  }

  /** The run of `block` (number `b`) holding entry `at`: the last one read, else searched. */
  private runOf(b: number, block: RunBlock, at: number): number {
    const { starts } = block;
    let r = this.lastBlock === b ? this.lastRun : 0;
    if (!((starts[r] ?? 0) <= at && (r + 1 === starts.length || at < (starts[r + 1] ?? 0)))) {
      // The last run starting at or before `at` (starts[0] is 0).
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if ((starts[mid] ?? 0) <= at) lo = mid;
        else hi = mid - 1;
      }
      r = lo;
    }
    this.lastBlock = b;
    this.lastRun = r;
    return r;
  }
}

/** A complete block as runs, or the block itself when runs would not be smaller. */
function toRuns(block: Int32Array): Int32Array | RunBlock {
  let runs = 1;
  for (let i = 1; i < block.length; i++) if (!continues(block[i - 1] ?? 0, block[i] ?? 0)) runs++;
  if (runs * 6 >= block.byteLength) return block;
  const starts = new Uint16Array(runs);
  const values = new Int32Array(runs);
  values[0] = block[0] ?? 0;
  let r = 0;
  for (let i = 1; i < block.length; i++) {
    if (continues(block[i - 1] ?? 0, block[i] ?? 0)) continue;
    r++;
    starts[r] = i;
    values[r] = block[i] ?? 0;
  }
  return { starts, values };
}

/**
 * Whether entry `next` continues the run of `prev`: both in object streams, `next` the
 * member coded one more (the next in the same stream, or the first of the next stream).
 */
function continues(prev: number, next: number): boolean {
  return prev < 0 && prev !== FAR && next !== FAR && next === prev - 1;
}

function expandRuns(block: RunBlock): Int32Array {
  const out = new Int32Array(OFFSET_BLOCK);
  const { starts, values } = block;
  for (let r = 0; r < starts.length; r++) {
    const from = starts[r] ?? 0;
    const to = r + 1 < starts.length ? (starts[r + 1] ?? 0) : OFFSET_BLOCK;
    const v = values[r] ?? 0;
    for (let i = from; i < to; i++) out[i] = v - (i - from);
  }
  return out;
}

/** The marker of an offset kept aside (the smallest 32-bit integer: no member code reaches it). */
const FAR = -0x80000000;

export class ObjectStreams {
  /** Object number of each object stream written. */
  private readonly streamOf: number[] = [];
  private pendingIds: number[] = [];
  private pendingBodies: string[] = [];
  private readonly refProto: object;
  private readonly offsets = new OffsetTable();

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    /** Rows per deflated chunk of the cross-reference stream (tests make it small). */
    private readonly xrefChunkRows = XREF_CHUNK_ROWS,
  ) {
    const internals = this.internals;
    if (
      typeof internals._finalize !== 'function' ||
      typeof internals._refEnd !== 'function' ||
      !Array.isArray(internals._offsets) ||
      typeof internals._write !== 'function' ||
      typeof internals._waiting !== 'number'
    ) {
      throw new Error('internal: this pdfkit version cannot take object streams');
    }
    // The objects pdfkit made before (root, info, pages...) move into the table.
    for (const offset of internals._offsets) this.offsets.push(offset);
    internals._offsets = this.offsets;
    // pdfkit's _refEnd, recording the offset in the table.
    internals._refEnd = (ref) => {
      this.offsets.set(ref.id - 1, ref.offset);
      if (--internals._waiting === 0 && internals._ended) {
        internals._finalize();
        internals._ended = false;
      }
    };
    // pdfkit's PDFReference prototype: a reference made from it is cited as "N 0 R".
    this.refProto = Object.getPrototypeOf(internals._root) as object;
    internals._finalize = () => this.finalize();
  }

  private get internals(): Internals {
    return this.doc as unknown as Internals;
  }

  /** A new object number (its object to be given by `put`). */
  reserve(): number {
    return this.offsets.push(null);
  }

  /** A reference to object `id` that pdfkit's objects can hold. */
  cite(id: number): ObjectRef {
    const ref = Object.create(this.refProto) as { id: number; gen: number };
    ref.id = id;
    ref.gen = 0;
    return ref as unknown as ObjectRef;
  }

  /** The object of a reserved number, as PDF source (a dictionary or array, no stream). */
  put(id: number, body: string): void {
    this.pendingIds.push(id);
    this.pendingBodies.push(body);
    if (this.pendingIds.length >= PER_STREAM) this.flush();
  }

  /** Write the pending objects as one object stream. */
  flush(): void {
    if (this.pendingIds.length === 0) return;
    // Bodies are ASCII (pdfText writes other text in hex): a character is a byte.
    let ids = this.pendingIds;
    let bodies = this.pendingBodies;
    // Members in the order of their numbers (a parent element is put after its children
    // but numbered before them): consecutive numbers then have consecutive member codes,
    // which the offset table keeps as runs.
    let sorted = true;
    for (let i = 1; i < ids.length && sorted; i++) sorted = (ids[i - 1] ?? 0) < (ids[i] ?? 0);
    if (!sorted) {
      const put = { ids, bodies };
      const order = ids.map((_, i) => i).sort((x, y) => (put.ids[x] ?? 0) - (put.ids[y] ?? 0));
      ids = order.map((i) => put.ids[i] ?? 0);
      bodies = order.map((i) => put.bodies[i] ?? '');
    }
    let head = '';
    let offset = 0;
    for (let i = 0; i < ids.length; i++) {
      head += `${ids[i] ?? 0} ${offset} `;
      offset += (bodies[i] as string).length + 1;
    }
    head += '\n';
    const body = `${head}${bodies.join('\n')}\n`;
    // Deflated here at level 1: these short dictionaries compress nearly as well as at
    // pdfkit's default level (~10 % larger) in a third of the time.
    const stream = this.internals.ref({
      Type: 'ObjStm',
      N: this.pendingIds.length,
      First: head.length,
      Filter: 'FlateDecode',
    });
    const index = this.streamOf.length;
    this.streamOf.push(stream.id);
    // The offset table holds, for these objects, -(1 + stream index × PER_STREAM + index).
    for (let i = 0; i < ids.length; i++)
      this.offsets.set((ids[i] ?? 0) - 1, -(1 + index * PER_STREAM + i));
    stream.end(deflateSync(Buffer.from(body, 'latin1'), { level: 1 }));
    this.pendingIds = [];
    this.pendingBodies = [];
  }

  /** pdfkit's _finalize, with a cross-reference stream in place of the table and trailer. */
  private finalize(): void {
    this.flush();
    const d = this.internals;
    if (d._security) throw new Error('internal: object streams with encryption are not supported');
    const xrefId = this.offsets.length + 1;
    const size = xrefId + 1;
    const offset = d._offset;
    const row = 7; // W [1 4 2]
    const rowsPerChunk = Math.max(1, this.xrefChunkRows);
    const chunk = Buffer.alloc(Math.min(size, rowsPerChunk) * row);
    /** Rows from..to (exclusive) into `chunk`, from its start. */
    const fill = (from: number, to: number): Buffer => {
      for (let id = from; id < to; id++) {
        const at = (id - from) * row;
        if (id === 0) {
          chunk.writeUInt8(0, at);
          chunk.writeUInt32BE(0, at + 1);
          chunk.writeUInt16BE(65535, at + 5);
          continue;
        }
        const objOffset = id === xrefId ? offset : this.offsets.get(id - 1);
        if (objOffset === null) {
          throw new Error(`internal: object ${id} was never written`);
        }
        if (objOffset < 0) {
          const where = -objOffset - 1;
          chunk.writeUInt8(2, at);
          chunk.writeUInt32BE(this.streamOf[Math.floor(where / PER_STREAM)] ?? 0, at + 1);
          chunk.writeUInt16BE(where % PER_STREAM, at + 5);
        } else {
          chunk.writeUInt8(1, at);
          chunk.writeUInt32BE(objOffset, at + 1);
          chunk.writeUInt16BE(0, at + 5);
        }
      }
      return chunk.subarray(0, (to - from) * row);
    };
    const data =
      size <= rowsPerChunk ? deflateSync(fill(0, size)) : deflateInChunks(size, rowsPerChunk, fill);
    const id = Buffer.from(d._id).toString('hex');
    d._write(`${xrefId} 0 obj`);
    d._write(
      `<<\n/Type /XRef\n/Size ${size}\n/W [1 4 2]\n/Root ${d._root.toString()}\n/Info ${d._info.toString()}\n` +
        `/ID [<${id}> <${id}>]\n/Filter /FlateDecode\n/Length ${data.length}\n>>`,
    );
    d._write('stream');
    d._write(data);
    d._write('\nendstream');
    d._write('endobj');
    d._write('startxref');
    d._write(`${offset}`);
    d._write('%%EOF');
    d.push(null);
  }
}

/**
 * One zlib stream (RFC 1950) of the rows 0..size, deflated `rowsPerChunk` rows at a
 * time: each chunk is raw deflate ended by a sync flush (byte-aligned, not final), then
 * an empty final block, then the Adler-32 of all the rows. Any inflater reads it as one
 * stream; only the compressed chunks are held, not the rows.
 */
function deflateInChunks(
  size: number,
  rowsPerChunk: number,
  fill: (from: number, to: number) => Buffer,
): Buffer {
  const parts: Buffer[] = [Buffer.from([0x78, 0x9c])];
  let a = 1;
  let b = 0;
  for (let from = 0; from < size; from += rowsPerChunk) {
    const rows = fill(from, Math.min(size, from + rowsPerChunk));
    for (let i = 0; i < rows.length;) {
      // Adler-32 (RFC 1950 §9), reduced every 5,552 bytes as zlib does (no overflow).
      const end = Math.min(rows.length, i + 5552);
      for (; i < end; i++) {
        a += rows[i] as number;
        b += a;
      }
      a %= 65521;
      b %= 65521;
    }
    parts.push(deflateRawSync(rows, { finishFlush: constants.Z_SYNC_FLUSH }));
  }
  parts.push(deflateRawSync(Buffer.alloc(0)));
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(((b << 16) | a) >>> 0, 0);
  parts.push(adler);
  return Buffer.concat(parts);
}

/** A PDF text string: literal when printable ASCII, else UTF-16BE with a byte order mark, in hex. */
export function pdfText(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return `(${text.replace(/[\\()]/g, '\\$&')})`;
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${hex}>`;
}
