/**
 * Exhibits: each evidence record is a `case-investigation:ProvenanceRecord`
 * (`exhibitNumber` = its id) whose objects are its files; each file a
 * `uco-observable:File` with a `FileFacet` (path, name, size) and a `ContentDataFacet`
 * carrying its declared SHA-256 as a `uco-types:Hash`; each custody event a
 * `case-investigation:InvestigativeAction` on those files whose result is the record.
 * Exhibit content is never read: the digest is the one the dossier declares.
 */
import path from 'node:path';
import type { CustodyEvent, Exhibit, ExhibitFile } from '../../model/dossier.js';
import type { ExportContext } from './context.js';
import { node } from './context.js';
import type { JsonLdObject } from './literals.js';
import { date, dateTime, hexBinary, ref } from './literals.js';
import { cf } from './vocabulary.js';

/** IRI of the n-th file (1-based) of an exhibit. Files are numbered: a path may name a person. */
export const fileIri = (exhibit: string, n: number) => `${exhibit}/file-${n}`;
/** IRI of the n-th custody event (1-based) of an exhibit. */
export const custodyIri = (exhibit: string, n: number) => `${exhibit}/custody-${n}`;

export function exhibitNodes(ctx: ExportContext, exhibit: Exhibit): JsonLdObject[] {
  const id = ctx.iris.of('exhibit', exhibit.id);
  const files = exhibit.files.map((_, i) => ref(fileIri(id, i + 1)));
  const out: JsonLdObject[] = [
    node(id, 'case-investigation:ProvenanceRecord', {
      'case-investigation:exhibitNumber': ctx.text(exhibit.id),
      'uco-core:name': ctx.text(exhibit.title),
      'uco-core:object': files,
      [cf('exhibitKind')]: exhibit.kind,
      [cf('source')]: ctx.text(exhibit.source),
      [cf('obtained')]: date(exhibit.obtained),
      [cf('seal')]: ctx.text(exhibit.seal),
    }),
  ];
  exhibit.files.forEach((file, i) => out.push(fileNode(ctx, fileIri(id, i + 1), file)));
  exhibit.custody.forEach((event, i) =>
    out.push(custodyNode(ctx, custodyIri(id, i + 1), event, id, files)),
  );
  return out;
}

function fileNode(ctx: ExportContext, id: string, file: ExhibitFile): JsonLdObject {
  const filePath = ctx.text(file.path);
  return node(id, 'uco-observable:File', {
    'uco-core:hasFacet': [
      node(`${id}/file-facet`, 'uco-observable:FileFacet', {
        'uco-observable:filePath': filePath,
        'uco-observable:fileName': path.posix.basename(filePath),
        'uco-observable:sizeInBytes': file.size,
      }),
      node(`${id}/content-data-facet`, 'uco-observable:ContentDataFacet', {
        'uco-observable:hash': [
          node(`${id}/sha256`, 'uco-types:Hash', {
            // UCO 1.4 wants a plain xsd:string here (HashNameVocab typing draws a warning).
            'uco-types:hashMethod': 'SHA256',
            'uco-types:hashValue': hexBinary(file.sha256),
          }),
        ],
        'uco-observable:sizeInBytes': file.size,
      }),
    ],
  });
}

function custodyNode(
  ctx: ExportContext,
  id: string,
  event: CustodyEvent,
  exhibit: string,
  files: readonly JsonLdObject[],
): JsonLdObject {
  return node(id, 'case-investigation:InvestigativeAction', {
    'uco-core:name': event.action,
    'uco-core:description': ctx.text(event.note),
    'uco-action:startTime': dateTime(event.at),
    'uco-action:object': files,
    'uco-action:result': [ref(exhibit)],
    [cf('performedBy')]: ctx.text(event.by),
  });
}
