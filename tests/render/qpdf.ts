/**
 * The object structure of a PDF as qpdf sees it (`qpdf --json=2`): dictionaries, stream
 * dictionaries and the trailer, with references as "N 0 R" strings. For structural checks
 * that a text extractor cannot make (/ID, /Count, /Length1, stray keys).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const hasQpdf = spawnSync('qpdf', ['--version'], { stdio: 'ignore' }).error === undefined;

export type PdfValue = string | number | boolean | null | PdfValue[] | PdfDict;
export interface PdfDict {
  readonly [key: string]: PdfValue;
}

export interface QpdfObject {
  /** The object's value, or its stream dictionary for a stream. */
  readonly dict: PdfDict;
  readonly isStream: boolean;
}

export interface QpdfView {
  readonly trailer: PdfDict;
  /** "N 0 R" → object. */
  readonly objects: ReadonlyMap<string, QpdfObject>;
  /** The decoded (filtered) bytes of stream object "N 0 R". */
  streamData(ref: string): Buffer;
}

interface QpdfJson {
  qpdf: [unknown, Record<string, { value?: PdfValue; stream?: { dict: PdfDict } }>];
}

/** Write `bytes` to a temporary file and read its objects with qpdf (caller removes via dispose). */
export function qpdfView(bytes: Uint8Array): QpdfView & { dispose(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'courtfile-qpdf-'));
  const file = path.join(dir, 'doc.pdf');
  writeFileSync(file, bytes);
  const json = JSON.parse(
    execFileSync('qpdf', ['--json=2', '--json-key=qpdf', file], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    }),
  ) as QpdfJson;
  const objects = new Map<string, QpdfObject>();
  let trailer: PdfDict = {};
  for (const [key, entry] of Object.entries(json.qpdf[1])) {
    if (key === 'trailer') {
      trailer = entry.value as PdfDict;
      continue;
    }
    const ref = key.replace(/^obj:/, '');
    if (entry.stream) objects.set(ref, { dict: entry.stream.dict, isStream: true });
    else objects.set(ref, { dict: entry.value as PdfDict, isStream: false });
  }
  return {
    trailer,
    objects,
    streamData: (ref) =>
      execFileSync(
        'qpdf',
        [`--show-object=${ref.split(' ')[0] ?? ''}`, '--filtered-stream-data', file],
        {
          maxBuffer: 256 * 1024 * 1024,
        },
      ),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * The trailer /ID's first string, as lower-case hex, read straight from the bytes: in the
 * trailer dictionary, or in the cross-reference stream's dictionary that replaces it (the
 * object `startxref` points to).
 */
export function trailerId(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tail = buffer.subarray(Math.max(0, buffer.length - 64)).toString('latin1');
  const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!start?.[1]) throw new Error('no startxref');
  const offset = Number(start[1]);
  const xref = buffer.subarray(offset, offset + 4096).toString('latin1');
  const match = /\/ID \[<([0-9a-f]+)> <([0-9a-f]+)>\]/i.exec(xref);
  if (!match?.[1]) throw new Error('no /ID in the trailer');
  return match[1].toLowerCase();
}

/**
 * `pdftotext -layout` of `file` as drawn: a copy with every `/ActualText` emptied (same
 * length, in qpdf's uncompressed form), so that the pieces of an identifier broken over
 * several lines show as drawn instead of as the whole identifier extraction reads. For
 * checks of what a reader sees (an identifier on one line).
 */
export function drawnLayout(file: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'courtfile-drawn-'));
  try {
    const open = path.join(dir, 'open.pdf');
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, open]);
    const text = readFileSync(open).toString('latin1');
    const blanked = text.replace(/\/ActualText\s*<[0-9A-Fa-f\s]*>/g, (m) => ' '.repeat(m.length));
    writeFileSync(open, Buffer.from(blanked, 'latin1'));
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', open, '-'], {
      encoding: 'utf8',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
